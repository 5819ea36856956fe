-- 018: the civil dossier flow and death registration (khai tử, 1.000656).
--
-- The flow: an official may mark a civil dossier as needing
-- verification; its due date then becomes the procedure's verification
-- time limit (civil_rule <slug>_verify_halves) from its receipt.  The mark
-- is the civil family's own row, so the shared dossier table stays as it
-- is.  Civil procedures separate filing at the counter from approving,
-- as the residence ones do (008).
CREATE TABLE civil_verification (
	dossier_id	BIGINT UNSIGNED NOT NULL,
	official	VARCHAR(64) NOT NULL,
	at		DATETIME NOT NULL,
	PRIMARY KEY (dossier_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO procedure_setting (procedure_code, separate_duties) VALUES
 ('1.000656', 1);

-- Registration numbers: each commune's book of a kind numbers its
-- records from 1 each year; the row is bumped under its lock, so two
-- registrations never draw the same number.
CREATE TABLE civil_book_seq (
	commune_code	CHAR(5) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	book		VARCHAR(20) NOT NULL,
	year		SMALLINT UNSIGNED NOT NULL,
	last		INT UNSIGNED NOT NULL,
	PRIMARY KEY (commune_code, book, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a death record holds beyond civil_record: the death notice's
-- number (giấy báo tử) and, when declared, the cause.
CREATE TABLE civil_death (
	record_id	BIGINT UNSIGNED NOT NULL,
	notice_number	VARCHAR(30) NOT NULL,
	cause		VARCHAR(500) NULL,
	PRIMARY KEY (record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- modules/civil/sql.c: the flow (the applicant's view, the history, the
-- separation setting, the verification mark and its due date)
GRANT SELECT ON citizen TO motcua_civil_role;
GRANT SELECT ON dossier_event TO motcua_civil_role;
GRANT SELECT ON procedure_setting TO motcua_civil_role;
GRANT SELECT, INSERT ON civil_verification TO motcua_civil_role;
-- the deciding commune: the relevant person's residence, or a named one
GRANT SELECT ON residence TO motcua_civil_role;
-- death registration: the person marked deceased, their records
-- numbered and locked, their residence ended (the triggers of 001 and
-- 003 bump residence_version and feed change_log), their marriage ended
-- and the spouse widowed
GRANT UPDATE (death_date, marital_status) ON citizen TO motcua_civil_role;
GRANT UPDATE (valid_to) ON residence TO motcua_civil_role;
GRANT SELECT, UPDATE (ended_on, end_reason) ON marriage TO motcua_civil_role;
GRANT SELECT, INSERT, UPDATE (locked) ON civil_record TO motcua_civil_role;
GRANT SELECT, INSERT, UPDATE ON civil_book_seq TO motcua_civil_role;
GRANT INSERT ON civil_death TO motcua_civil_role;
