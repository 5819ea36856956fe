-- 001: the population schema.
--
-- utf8mb4, InnoDB, a primary key on every table (Galera-ready).  Codes,
-- numbers and hashes compare byte for byte (ascii_bin): utf8mb4_unicode_ci
-- would make 'Hùng' = 'Hưng' and a lower-case code equal to the real one.  The
-- migration tool runs every file inside the session settings it sets
-- (strict sql_mode, utf8mb4) and records it in schema_migrations.

-- Administrative units with effective dates.  Codes were reused in the
-- 2025 reorganisation, so (level, code, valid_from) identifies a unit and
-- valid_to closes it; the current units are those with valid_to IS NULL.
CREATE TABLE admin_unit (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	level		ENUM('province','commune') NOT NULL,
	code		VARCHAR(5) NOT NULL,
	name		VARCHAR(100) NOT NULL,
	full_name	VARCHAR(150) NOT NULL,
	unit_type	VARCHAR(40) NOT NULL,
	province_code	VARCHAR(2) NULL,
	valid_from	DATE NOT NULL,
	valid_to	DATE NULL,
	PRIMARY KEY (id),
	UNIQUE KEY admin_unit_code (level, code, valid_from),
	KEY admin_unit_province (province_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The 63 provinces before 2025-07-01.  Only for decoding the PPP part of a
-- personal number: those codes are never re-read with the 34-province table.
CREATE TABLE province_pre2025 (
	code		CHAR(2) NOT NULL,
	name		VARCHAR(100) NOT NULL,
	full_name	VARCHAR(150) NOT NULL,
	PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE household (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	commune_code	CHAR(5) NOT NULL,
	address		VARCHAR(255) NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	KEY household_commune (commune_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A citizen is keyed by a surrogate id: a personal number can be cancelled
-- and re-established (citizen_pid keeps the history).  residence_version
-- changes on every change of any of the citizen's residence rows (see the
-- triggers below); a confirmation remembers the version it was issued at.
CREATE TABLE citizen (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	pid		CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	full_name	VARCHAR(100) NOT NULL,
	birth_date	DATE NOT NULL,
	sex		ENUM('M','F') NOT NULL,
	ethnicity	VARCHAR(40) NOT NULL DEFAULT 'Kinh',
	household_id	BIGINT UNSIGNED NULL,
	household_role	VARCHAR(30) NULL,
	residence_version INT UNSIGNED NOT NULL DEFAULT 1,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY citizen_pid (pid),
	KEY citizen_household (household_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every personal number (12-digit, or a legacy 9-digit CMND) a citizen has
-- held, with when it stopped being valid.
CREATE TABLE citizen_pid (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	citizen_id	BIGINT UNSIGNED NOT NULL,
	number		VARCHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	kind		ENUM('pid','cmnd') NOT NULL DEFAULT 'pid',
	valid_from	DATE NOT NULL,
	valid_to	DATE NULL,
	reason		VARCHAR(100) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY citizen_pid_number (number, kind),
	KEY citizen_pid_citizen (citizen_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Permanent and temporary residence.  The current rows are those with
-- valid_to NULL or in the future.  version changes on every update.
CREATE TABLE residence (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	citizen_id	BIGINT UNSIGNED NOT NULL,
	kind		ENUM('permanent','temporary') NOT NULL,
	commune_code	CHAR(5) NOT NULL,
	address		VARCHAR(255) NOT NULL,
	household_id	BIGINT UNSIGNED NULL,
	valid_from	DATE NOT NULL,
	valid_to	DATE NULL,
	version		INT UNSIGNED NOT NULL DEFAULT 1,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
			ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	KEY residence_citizen (citizen_id, kind),
	KEY residence_commune (commune_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER residence_bu BEFORE UPDATE ON residence FOR EACH ROW
	SET NEW.version = OLD.version + 1;
-- A bulk load of new citizens (motcua-gendemo's load.sql) sets
-- @motcua_bulk_load in its own session: the rows arrive with version 1 and
-- the per-row bump would triple the load time.
CREATE TRIGGER residence_ai AFTER INSERT ON residence FOR EACH ROW
	UPDATE citizen SET residence_version = residence_version + 1
	WHERE id = NEW.citizen_id AND @motcua_bulk_load IS NULL;
CREATE TRIGGER residence_au AFTER UPDATE ON residence FOR EACH ROW
	UPDATE citizen SET residence_version = residence_version + 1
	WHERE id IN (OLD.citizen_id, NEW.citizen_id);
CREATE TRIGGER residence_ad AFTER DELETE ON residence FOR EACH ROW
	UPDATE citizen SET residence_version = residence_version + 1
	WHERE id = OLD.citizen_id;

-- Officials: identity from the web server's auth (REMOTE_USER), role and
-- commune from here.
CREATE TABLE official (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	username	VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	full_name	VARCHAR(100) NOT NULL,
	role		ENUM('commune_officer','commune_head','province_officer')
			NOT NULL DEFAULT 'commune_officer',
	commune_code	CHAR(5) NOT NULL,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY official_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Daily receipt sequence per agency: <agency>-YYMMDD-NNNN.
CREATE TABLE receipt_seq (
	agency		VARCHAR(20) NOT NULL,
	day		DATE NOT NULL,
	last		INT UNSIGNED NOT NULL,
	PRIMARY KEY (agency, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE dossier (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	receipt_code	VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	agency		VARCHAR(20) NOT NULL,
	procedure_code	VARCHAR(20) NOT NULL,
	applicant_id	BIGINT UNSIGNED NOT NULL,
	filed_by	VARCHAR(64) NULL,
	channel		ENUM('online','counter','exchange') NOT NULL,
	state		ENUM('submitted','accepted','supplement_requested',
			     'approved','rejected','result_issued') NOT NULL,
	idempotency_key	VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	submitted_at	DATETIME NOT NULL,
	due_at		DATETIME NOT NULL,
	completed_at	DATETIME NULL,
	PRIMARY KEY (id),
	UNIQUE KEY dossier_receipt (receipt_code),
	UNIQUE KEY dossier_idem (applicant_id, procedure_code, idempotency_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE dossier_event (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	from_state	VARCHAR(24) NULL,
	to_state	VARCHAR(24) NOT NULL,
	actor		VARCHAR(64) NOT NULL,
	at		DATETIME(3) NOT NULL,
	reason		VARCHAR(500) NULL,
	PRIMARY KEY (id),
	KEY dossier_event_dossier (dossier_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A confirmation of residence (CT07 equivalent).  code is the verification
-- code (120 random bits); the facts are copied at issue time, and
-- residence_version says which state of the data they describe.
CREATE TABLE confirmation (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	code		CHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	citizen_id	BIGINT UNSIGNED NOT NULL,
	residence_version INT UNSIGNED NOT NULL,
	full_name	VARCHAR(100) NOT NULL,
	pid		CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	birth_date	DATE NOT NULL,
	sex		ENUM('M','F') NOT NULL,
	perm_commune	CHAR(5) NULL,
	perm_address	VARCHAR(255) NULL,
	perm_since	DATE NULL,
	temp_commune	CHAR(5) NULL,
	temp_address	VARCHAR(255) NULL,
	temp_until	DATE NULL,
	issued_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY confirmation_code (code),
	UNIQUE KEY confirmation_dossier (dossier_id),
	KEY confirmation_citizen (citizen_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every read of personal data by an official or a ministry system.
-- Hash-chained: hash = SHA2(prev_hash || content); see DESIGN.md.
CREATE TABLE access_log (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	at		DATETIME(3) NOT NULL,
	actor_kind	ENUM('official','exchange','citizen') NOT NULL,
	actor		VARCHAR(128) NOT NULL,
	citizen_id	BIGINT UNSIGNED NOT NULL,
	fields		VARCHAR(255) NOT NULL,
	purpose		VARCHAR(255) NOT NULL,
	request_id	VARCHAR(64) NULL,
	prev_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	hash		CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	PRIMARY KEY (id),
	KEY access_log_citizen (citizen_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE holiday (
	day		DATE NOT NULL,
	name		VARCHAR(100) NOT NULL,
	PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The head of the access-log hash chain, one row; writers lock it so the
-- chain is appended in one order.
CREATE TABLE access_chain (
	id		TINYINT UNSIGNED NOT NULL,
	head		CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO access_chain (id, head) VALUES (1, REPEAT('0', 64));
