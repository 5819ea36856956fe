-- 009: what each database account may do, and the anchor of the access log.
--
-- Each module connects as its own account (README, "Deploying"), which
-- holds the module's role below and nothing else.  A module prepares every
-- statement of shared/sql.c and of its own sql.c when it connects, and
-- MariaDB checks a statement's rights when it is prepared, so each role
-- holds what those statements need, table by table, privilege by
-- privilege (an UPDATE or an ON DUPLICATE KEY UPDATE also reads, hence
-- SELECT).  A later migration that gives a module a new statement grants
-- what it needs to the module's role.  Triggers (residence -> citizen,
-- change_log) run with their definer's rights, not the module's.
--
-- No module may change or delete an access-log row (INSERT, and SELECT
-- where it shows the log, only), nor write the rights tables official,
-- exchange_client and exchange_right: those are the province's
-- administrators' to change.  The chain head (access_chain) stays
-- writable: the modules advance it.
--
-- The anchor: a module's account can still append rows that chain on
-- correctly, and an account with more rights could rewrite rows and
-- recompute the chain.  motcua-audit-verify runs as its own account
-- (motcua_audit_role), which alone may write the two tables below: the
-- hashes of the rows it has verified, and its checkpoints, each signed
-- with a key kept outside the database.
--
-- Roles are server-wide; the grants name tables of the database being
-- migrated (the session's default database).

-- The hash of every row motcua-audit-verify has verified, as it was then.
CREATE TABLE access_seal (
	id		BIGINT UNSIGNED NOT NULL,
	hash		CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A checkpoint: the last row verified (access_log.id and its hash) and
-- HMAC-SHA256 under the verifier's key over "<log_id>|<log_hash>", in hex.
CREATE TABLE access_checkpoint (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	at		DATETIME(3) NOT NULL,	-- UTC
	log_id		BIGINT UNSIGNED NOT NULL,
	log_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	mac		CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE ROLE IF NOT EXISTS motcua_residence_role;
CREATE ROLE IF NOT EXISTS motcua_exchange_role;
CREATE ROLE IF NOT EXISTS motcua_tracking_role;
CREATE ROLE IF NOT EXISTS motcua_audit_role;

-- shared/sql.c: every module prepares these (health, receipt codes, the
-- access log, the dossier lifecycle, refusals).
GRANT SELECT ON schema_migrations TO motcua_residence_role,
    motcua_exchange_role, motcua_tracking_role;
GRANT SELECT, INSERT, UPDATE ON receipt_seq TO motcua_residence_role,
    motcua_exchange_role, motcua_tracking_role;
GRANT SELECT, UPDATE ON access_chain TO motcua_residence_role,
    motcua_exchange_role, motcua_tracking_role;
GRANT INSERT ON access_log TO motcua_residence_role, motcua_exchange_role,
    motcua_tracking_role;
GRANT SELECT ON holiday TO motcua_residence_role, motcua_exchange_role,
    motcua_tracking_role;
GRANT SELECT, INSERT, UPDATE ON dossier TO motcua_residence_role,
    motcua_exchange_role, motcua_tracking_role;
GRANT INSERT ON dossier_event TO motcua_residence_role, motcua_exchange_role,
    motcua_tracking_role;
GRANT INSERT ON refusal TO motcua_residence_role, motcua_exchange_role,
    motcua_tracking_role;

-- modules/residence/sql.c
GRANT SELECT, UPDATE ON citizen TO motcua_residence_role;
GRANT SELECT, INSERT, UPDATE ON residence TO motcua_residence_role;
GRANT SELECT ON admin_unit TO motcua_residence_role;
GRANT SELECT, INSERT ON confirmation TO motcua_residence_role;
GRANT INSERT ON household TO motcua_residence_role;
GRANT INSERT ON absence TO motcua_residence_role;
GRANT SELECT ON dossier_event TO motcua_residence_role;
GRANT SELECT ON official TO motcua_residence_role;
-- 008: whether a procedure separates filing from approval
GRANT SELECT ON procedure_setting TO motcua_residence_role;

-- modules/exchange/sql.c; DELETE on exchange_message for its retention
-- purge
GRANT SELECT ON exchange_client TO motcua_exchange_role;
GRANT SELECT ON exchange_right TO motcua_exchange_role;
GRANT SELECT ON exchange_subscription TO motcua_exchange_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_message
    TO motcua_exchange_role;
GRANT SELECT ON citizen TO motcua_exchange_role;
GRANT SELECT ON citizen_pid TO motcua_exchange_role;
GRANT SELECT ON residence TO motcua_exchange_role;
GRANT SELECT ON change_log TO motcua_exchange_role;

-- modules/tracking/sql.c; DELETE on tracking_failure for its purge of
-- day-old rows
GRANT SELECT ON official TO motcua_tracking_role;
GRANT SELECT ON admin_unit TO motcua_tracking_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON tracking_failure
    TO motcua_tracking_role;
GRANT SELECT ON citizen TO motcua_tracking_role;
GRANT SELECT ON dossier_event TO motcua_tracking_role;
GRANT SELECT ON access_log TO motcua_tracking_role;

-- motcua-audit-verify: reads the log, writes only its seals and checkpoints
GRANT SELECT ON access_log TO motcua_audit_role;
GRANT SELECT ON access_chain TO motcua_audit_role;
GRANT SELECT, INSERT ON access_seal TO motcua_audit_role;
GRANT SELECT, INSERT ON access_checkpoint TO motcua_audit_role;
