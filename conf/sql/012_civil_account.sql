-- 012: the civil-status module's role (civil.fcgi, hộ tịch).  As in 009,
-- the module connects as its own account holding this role and nothing
-- else, and the role holds what the statements the module prepares need:
-- every statement of shared/sql.c, and its own (modules/civil/sql.c), so
-- far only the official behind REMOTE_USER.  The procedures, when they
-- come, grant what their statements need here in later migrations.  Like
-- the others it may not change or delete an access-log row, nor write
-- the rights tables (official, exchange_client, exchange_right).

CREATE ROLE IF NOT EXISTS motcua_civil_role;

-- shared/sql.c: every module prepares these (health, receipt codes, the
-- access log, the dossier lifecycle, refusals).
GRANT SELECT ON schema_migrations TO motcua_civil_role;
GRANT SELECT, INSERT, UPDATE ON receipt_seq TO motcua_civil_role;
GRANT SELECT, UPDATE ON access_chain TO motcua_civil_role;
GRANT INSERT ON access_log TO motcua_civil_role;
GRANT SELECT ON holiday TO motcua_civil_role;
GRANT SELECT, INSERT, UPDATE ON dossier TO motcua_civil_role;
GRANT INSERT ON dossier_event TO motcua_civil_role;
GRANT INSERT ON refusal TO motcua_civil_role;

-- modules/civil/sql.c: the official and their commune's name
GRANT SELECT ON official TO motcua_civil_role;
GRANT SELECT ON admin_unit TO motcua_civil_role;
