-- 013: civil status (hộ tịch).  The facts the population database holds
-- about a person's civil status, the civil-status records that establish
-- them, parent links, marriages, the personal numbers assigned at birth
-- registration, and the civil rules by effective date: a time limit, a
-- paper's name or a procedure's code is a row valid over a span of days,
-- not a constant, since Law 60/2014 gives way to Law 03/2026 on
-- 2027-03-01 and the bundles' codes differ between catalogues.

-- The person: alive or deceased (the date), and their marital status as
-- of today.  civil_version changes with either, so a marital-status
-- confirmation issued before is void the moment it no longer holds, as a
-- residence confirmation is with residence_version.  NULL marital_status:
-- the database does not know it (no confirmation can be issued from it).
ALTER TABLE citizen
	ADD COLUMN death_date DATE NULL AFTER sex,
	ADD COLUMN marital_status ENUM('single', 'married', 'divorced',
	    'widowed') NULL AFTER death_date,
	ADD COLUMN civil_version INT UNSIGNED NOT NULL DEFAULT 1
	    AFTER residence_version;
CREATE TRIGGER citizen_civil_bu BEFORE UPDATE ON citizen FOR EACH ROW
	SET NEW.civil_version = OLD.civil_version +
	    IF(NEW.marital_status <=> OLD.marital_status AND
	        NEW.death_date <=> OLD.death_date, 0, 1);

-- A registered civil-status event: its kind, its number in the
-- registering commune's book, the date of the event and of its
-- registration, whom it is about (and, for a marriage, the other party),
-- who declared it and their relation, and the dossier it came from.
-- locked: a death locks the person's records; later registrations about
-- them are refused.
CREATE TABLE civil_record (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	kind		ENUM('birth', 'death', 'marriage', 'divorce') NOT NULL,
	book		VARCHAR(20) NOT NULL,
	number		VARCHAR(20) NOT NULL,
	commune_code	CHAR(5) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	citizen_id	BIGINT UNSIGNED NOT NULL,
	other_id	BIGINT UNSIGNED NULL,
	event_date	DATE NOT NULL,
	event_time	TIME NULL,
	event_place	VARCHAR(255) NULL,
	registered_at	DATETIME NOT NULL,
	declarant_id	BIGINT UNSIGNED NULL,
	declarant_relation VARCHAR(30) NULL,
	dossier_id	BIGINT UNSIGNED NULL,
	late		TINYINT(1) NOT NULL DEFAULT 0,
	locked		TINYINT(1) NOT NULL DEFAULT 0,
	PRIMARY KEY (id),
	UNIQUE KEY civil_record_number (commune_code, book, number),
	KEY civil_record_citizen (citizen_id, kind),
	KEY civil_record_other (other_id, kind),
	KEY civil_record_dossier (dossier_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A child's parents, as birth registration (or an earlier register)
-- establishes them.
CREATE TABLE parent_link (
	child_id	BIGINT UNSIGNED NOT NULL,
	parent_id	BIGINT UNSIGNED NOT NULL,
	role		ENUM('mother', 'father') NOT NULL,
	record_id	BIGINT UNSIGNED NULL,
	PRIMARY KEY (child_id, role),
	KEY parent_link_parent (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A marriage, from its registration to its end (divorce or a death).
CREATE TABLE marriage (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	party_a		BIGINT UNSIGNED NOT NULL,
	party_b		BIGINT UNSIGNED NOT NULL,
	married_on	DATE NOT NULL,
	ended_on	DATE NULL,
	end_reason	ENUM('divorce', 'death') NULL,
	record_id	BIGINT UNSIGNED NULL,
	PRIMARY KEY (id),
	KEY marriage_a (party_a),
	KEY marriage_b (party_b)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Personal numbers assigned at birth registration: unique, so that two
-- registrations drawing the same random digits cannot both commit (the
-- second retries with new digits).
CREATE TABLE pid_assignment (
	pid		CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	citizen_id	BIGINT UNSIGNED NULL,
	assigned_at	DATETIME NOT NULL,
	commune_code	CHAR(5) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	PRIMARY KEY (pid)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- The civil rules, each valid from a day to a day (NULL: open).  A rule
-- has one row for any day.  value is text: a number of working half-days,
-- a time of day, a paper's name, a list of codes.
CREATE TABLE civil_rule (
	rule		VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	valid_from	DATE NOT NULL,
	valid_to	DATE NULL,
	value		VARCHAR(255) NOT NULL,
	basis		VARCHAR(255) NOT NULL,
	PRIMARY KEY (rule, valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO civil_rule (rule, valid_from, valid_to, value, basis) VALUES
-- the law in force, named on papers
('law', '2015-01-01', '2027-02-28', 'Luật Hộ tịch số 60/2014/QH13',
    'Law 60/2014/QH13'),
('law', '2027-03-01', NULL, 'Luật Hộ tịch số 03/2026/QH16',
    'Law 03/2026/QH16, in force 2027-03-01'),
-- where one may register: tied to residence until the new law
('residence_tied', '2015-01-01', '2027-02-28', '1', 'Law 60/2014 Art. 13'),
('residence_tied', '2027-03-01', NULL, '0', 'Law 03/2026'),
-- the default time limit: the same working day, due the next working day
-- when received after the cut-off
('cutoff', '2015-01-01', NULL, '15:00', 'Decree 123/2015 Art. 5.3'),
-- working half-days where verification is needed
('death_verify_halves', '2015-01-01', NULL, '6', 'Law 60/2014 Art. 33'),
('marriage_verify_halves', '2015-01-01', NULL, '10', 'Law 60/2014 Art. 18'),
-- a birth declared after this many days is late (no fee exemption)
('birth_late_days', '2015-01-01', NULL, '60', 'Law 60/2014 Art. 15'),
-- the papers' names
('paper_birth', '2015-01-01', NULL, 'Trích lục khai sinh',
    'Law 60/2014 Art. 4'),
('paper_marriage', '2015-01-01', NULL, 'Giấy chứng nhận kết hôn',
    'Law 60/2014 Art. 18'),
('paper_death', '2015-01-01', '2027-02-28', 'Trích lục khai tử',
    'Law 60/2014 Art. 34'),
('paper_death', '2027-03-01', NULL, 'Giấy chứng tử', 'Law 03/2026'),
-- how long a confirmation of marital status is valid (unconfirmed basis:
-- the practice of the registries, and configurable here)
('marital_confirmation_months', '2015-01-01', NULL, '6',
    'Decree 123/2015 Art. 23 (practice)'),
-- the bundles' codes, as the national catalogue lists them
('bundle_birth_codes', '2024-07-01', NULL, '2.000986,2.000987,3.000722',
    'Decree 63/2024 as amended by 301/2026'),
('bundle_death_codes', '2024-07-01', NULL, '1.006714,2.002913',
    'Decree 63/2024 as amended by 301/2026');
