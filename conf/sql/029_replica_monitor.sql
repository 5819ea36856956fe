-- 029: the lag guard of db_replica.  A module that reads the routes
-- that may lag from a replica asks it how far behind its primary it is
-- (SHOW SLAVE STATUS), which needs SLAVE MONITOR: it shows replication's
-- state and position, no data and no password.  Only the modules with
-- such routes (residence and civil: verification by code; tracking: who
-- read my data); granted on the primary, replicated with the rest.
GRANT SLAVE MONITOR ON *.* TO motcua_residence_role;
GRANT SLAVE MONITOR ON *.* TO motcua_civil_role;
GRANT SLAVE MONITOR ON *.* TO motcua_tracking_role;
