-- 021: the civil papers issued at once from the database: the
-- confirmation of marital status (1.004873) and copy extracts of
-- civil-status records (2.000635), and the rights the civil-status
-- module's statements for them need (modules/civil/sql.c).

-- A confirmation of marital status.  code is the verification code (120
-- random bits); the facts are copied at issue, civil_version says which
-- state of the person's civil status they describe (013): the paper is
-- void once the citizen's civil_version moves on.  purpose is a stable
-- slug (a bank loan, land, a marriage abroad, ...), purpose_text the
-- citizen's words; the issuing commune is the one of their residence, by
-- its name of the day.
CREATE TABLE civil_confirmation (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	code		CHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	receipt_code	VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin
			NOT NULL,
	citizen_id	BIGINT UNSIGNED NOT NULL,
	civil_version	INT UNSIGNED NOT NULL,
	full_name	VARCHAR(100) NOT NULL,
	pid		CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	birth_date	DATE NOT NULL,
	sex		ENUM('M','F') NOT NULL,
	marital_status	ENUM('single', 'married', 'divorced', 'widowed')
			NOT NULL,
	purpose		VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin
			NOT NULL,
	purpose_text	VARCHAR(200) NULL,
	commune_code	CHAR(5) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	commune_name	VARCHAR(150) NOT NULL,
	issued_at	DATETIME NOT NULL,
	expires_at	DATETIME NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY civil_confirmation_code (code),
	UNIQUE KEY civil_confirmation_dossier (dossier_id),
	KEY civil_confirmation_citizen (citizen_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A copy extract of a civil-status record.  It copies the record and the
-- person (and a marriage's other party) as of the issue, with the
-- paper's name the civil rules gave that day.  It does not go void: it
-- copies an event that was registered.  Who asked: a citizen (their id,
-- and how the person is related to them) or an official (their id, and
-- the purpose they stated, which the access log also holds).
CREATE TABLE civil_extract (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	code		CHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	receipt_code	VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin
			NOT NULL,
	paper		VARCHAR(100) NOT NULL,
	requested_by	ENUM('citizen', 'official') NOT NULL,
	requester_id	BIGINT UNSIGNED NOT NULL,
	relation	ENUM('self', 'parent', 'child', 'spouse') NULL,
	purpose		VARCHAR(200) NULL,
	issued_at	DATETIME NOT NULL,
	record_id	BIGINT UNSIGNED NOT NULL,
	kind		ENUM('birth', 'death', 'marriage', 'divorce') NOT NULL,
	citizen_id	BIGINT UNSIGNED NOT NULL,
	full_name	VARCHAR(100) NOT NULL,
	pid		CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	birth_date	DATE NOT NULL,
	sex		ENUM('M','F') NOT NULL,
	other_name	VARCHAR(100) NULL,
	other_pid	CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NULL,
	book		VARCHAR(20) NOT NULL,
	number		VARCHAR(20) NOT NULL,
	event_date	DATE NOT NULL,
	event_place	VARCHAR(255) NULL,
	commune_code	CHAR(5) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	commune_name	VARCHAR(150) NULL,
	registered_at	DATETIME NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY civil_extract_code (code),
	UNIQUE KEY civil_extract_dossier (dossier_id),
	KEY civil_extract_citizen (citizen_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- modules/civil/sql.c, the papers: the person, their residence (the
-- issuing commune), their records and relatives (whose death a citizen
-- may have extracted); the papers themselves are written once and read.
GRANT SELECT ON citizen TO motcua_civil_role;
GRANT SELECT ON residence TO motcua_civil_role;
GRANT SELECT ON civil_record TO motcua_civil_role;
GRANT SELECT ON parent_link TO motcua_civil_role;
GRANT SELECT ON marriage TO motcua_civil_role;
GRANT SELECT, INSERT ON civil_confirmation TO motcua_civil_role;
GRANT SELECT, INSERT ON civil_extract TO motcua_civil_role;
