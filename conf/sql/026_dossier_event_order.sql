-- 026: a dossier's events in the order they are shown (issue 11, "a lean
-- read path").
--
-- Every history (tracking by receipt code, the dossier's own view) reads
-- a dossier's events ORDER BY at, id.  With an index on dossier_id alone
-- each read sorted them (EXPLAIN: "Using filesort"); on (dossier_id, at)
-- (InnoDB appends the primary key, id) they come out in that order.
-- Built online: the table stays readable and writable meanwhile.

ALTER TABLE dossier_event
	DROP KEY dossier_event_dossier,
	ADD KEY dossier_event_dossier (dossier_id, at),
	ALGORITHM = INPLACE, LOCK = NONE;
