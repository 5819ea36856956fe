-- 029: the replicas' lag guard (db_replica).  A module whose routes may
-- read from a replica writes, from its database prober, the primary's
-- time into its own row here once a second; on the replica it reads how
-- old the newest row it has applied is.  That age is how far behind the
-- replica is, replication stopped or stalled without a word included
-- (Seconds_Behind_Master stays 0 then), and it needs no right on the
-- replication itself: SHOW SLAVE STATUS would need SLAVE MONITOR, which
-- also shows the relay log's events, the other modules' writes.
CREATE TABLE heartbeat (
	module	VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	at	DATETIME(6) NOT NULL,
	PRIMARY KEY (module)
) ENGINE=InnoDB;
GRANT SELECT, INSERT, UPDATE ON heartbeat TO motcua_residence_role;
GRANT SELECT, INSERT, UPDATE ON heartbeat TO motcua_civil_role;
GRANT SELECT, INSERT, UPDATE ON heartbeat TO motcua_tracking_role;
