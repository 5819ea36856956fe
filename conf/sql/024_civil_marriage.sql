-- 024: marriage registration (kết hôn, 1.000894).  Both parties take
-- part: one files online and the other consents with their own sign-on
-- within a window (marriage_consent), or both are present at the
-- counter (consent recorded as given in person).  The conditions (Law
-- 52/2014 Art. 8) are read from the database: the ages and whether a
-- marriage of two persons of the same sex is recognised are civil rules
-- by date, so that a change of the law is a row, not a release.

-- The second party's consent to a dossier: asked when the dossier is
-- filed, given before expires_at or not at all.  how: online (their own
-- sign-on) or in_person (both at the counter).
CREATE TABLE marriage_consent (
	dossier_id	BIGINT UNSIGNED NOT NULL,
	party_id	BIGINT UNSIGNED NOT NULL,
	asked_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	confirmed_at	DATETIME NULL,
	how		ENUM('online', 'in_person') NULL,
	PRIMARY KEY (dossier_id),
	KEY marriage_consent_party (party_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The marriage certificate's facts (Giấy chứng nhận kết hôn), as they
-- stood when the marriage was registered: the paper's name and the law
-- of the day, and each party's number, name, birth date and ethnicity.
CREATE TABLE marriage_certificate (
	record_id	BIGINT UNSIGNED NOT NULL,
	paper		VARCHAR(100) NOT NULL,
	law		VARCHAR(100) NOT NULL,
	registered_on	DATE NOT NULL,
	commune_code	CHAR(5) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	a_pid		CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	a_name		VARCHAR(100) NOT NULL,
	a_birth_date	DATE NOT NULL,
	a_ethnicity	VARCHAR(40) NOT NULL,
	b_pid		CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	b_name		VARCHAR(100) NOT NULL,
	b_birth_date	DATE NOT NULL,
	b_ethnicity	VARCHAR(40) NOT NULL,
	PRIMARY KEY (record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO civil_rule (rule, valid_from, valid_to, value, basis) VALUES
-- the marriage ages, in completed years
('marriage_age_man', '2015-01-01', NULL, '20', 'Law 52/2014 Art. 8.1.a'),
('marriage_age_woman', '2015-01-01', NULL, '18', 'Law 52/2014 Art. 8.1.a'),
-- a marriage between persons of the same sex: not recognised (0)
('marriage_same_sex', '2015-01-01', NULL, '0', 'Law 52/2014 Art. 8.2'),
-- the days the second party has to consent to a dossier filed online
-- (unconfirmed basis: the registries' practice; configurable here)
('marriage_consent_days', '2015-01-01', NULL, '30',
    'Decree 123/2015 Art. 18 (practice)');

-- who files a marriage at the counter does not also approve it (008)
INSERT INTO procedure_setting (procedure_code, separate_duties) VALUES
 ('1.000894', 1);

-- modules/civil/sql.c, marriage registration: the parties, locked while
-- checked (SELECT ... FOR UPDATE), their marriages and their ancestors
GRANT SELECT ON citizen TO motcua_civil_role;
GRANT SELECT ON marriage TO motcua_civil_role;
GRANT SELECT ON parent_link TO motcua_civil_role;
-- the consent asked at filing, read (also as the consents asked of a
-- citizen, with their dossiers as 012 grants them) and given
GRANT SELECT, INSERT, UPDATE ON marriage_consent TO motcua_civil_role;
-- on approval: the record, numbered in the commune's marriage book of
-- the year (the book and the record as 018 grants them), the marriage,
-- its certificate's facts, both married
GRANT SELECT, INSERT, UPDATE ON civil_book_seq TO motcua_civil_role;
GRANT INSERT ON civil_record TO motcua_civil_role;
GRANT INSERT ON marriage TO motcua_civil_role;
GRANT INSERT ON marriage_certificate TO motcua_civil_role;
GRANT UPDATE (marital_status) ON citizen TO motcua_civil_role;
