-- 007: wrong second factors older than a day are purged (every wait has
-- long expired by then), so guessed receipt codes cannot grow the table
-- without bound; the purge walks this index.
ALTER TABLE tracking_failure ADD KEY tracking_failure_at (last_at);
