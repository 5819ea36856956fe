-- 011: the tracking throttle counts wrong second factors per receipt code
-- and client address (client: the address, an IPv6 one as its /64), and
-- per code from all addresses (client ''), the birth year and the full
-- birth date apart (factor).  One address guessing a code then slows that
-- address only, and an applicant whose code is under attack can still
-- give their full birth date (see tracking.fcgi(8)).  Rows from before
-- were per code from all addresses, for the year: what they still mean.
ALTER TABLE tracking_failure
	ADD COLUMN factor ENUM('year', 'date') NOT NULL DEFAULT 'year'
	    AFTER receipt_code,
	ADD COLUMN client VARCHAR(48) CHARACTER SET ascii COLLATE ascii_bin
	    NOT NULL DEFAULT '' AFTER factor,
	DROP PRIMARY KEY,
	ADD PRIMARY KEY (receipt_code, factor, client);
