-- 003: the exchange gateway: ministry clients, their rights, their
-- subscriptions, the message log, and the change feed.

-- A ministry system, known by the subject of the TLS client certificate
-- the web server verified.
CREATE TABLE exchange_client (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	subject_dn	VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
			NOT NULL,
	name		VARCHAR(100) NOT NULL,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY exchange_client_dn (subject_dn)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a client may ask: per service, the field groups it may see and the
-- purpose it declared when the right was granted (matched against the
-- request's MucDich after NFC, ignoring case only).
-- field_groups is a comma-separated subset of co_ban,nhan_than,cu_tru,
-- ho_gia_dinh.
CREATE TABLE exchange_right (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	client_id	INT UNSIGNED NOT NULL,
	service		ENUM('VerifyResidence','GetCitizen','BatchVerify',
			     'Changes') NOT NULL,
	field_groups	VARCHAR(100) NOT NULL DEFAULT '',
	purpose		VARCHAR(200) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY exchange_right_uq (client_id, service, purpose),
	KEY exchange_right_client (client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The communes whose changes a client receives.
CREATE TABLE exchange_subscription (
	client_id	INT UNSIGNED NOT NULL,
	commune_code	CHAR(5) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	PRIMARY KEY (client_id, commune_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every message: who, which service, the message id, when, digests of the
-- request and the response, the outcome; and the response itself, so a
-- message id seen again from the same client returns it unchanged.
CREATE TABLE exchange_message (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	client_id	INT UNSIGNED NULL,
	subject_dn	VARCHAR(255) NOT NULL DEFAULT '',
	service		VARCHAR(32) NOT NULL,
	message_id	VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
	-- 1 on the row that answered this message id (the replay lock);
	-- NULL on rows that log a refusal or a replay of it
	id_owner	TINYINT(1) NULL,
	wire		ENUM('xml','soap') NOT NULL,
	received_at	DATETIME(3) NOT NULL,
	request_sha256	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	response_sha256	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
	outcome		VARCHAR(40) NOT NULL,
	http_status	SMALLINT UNSIGNED NOT NULL,
	response	MEDIUMBLOB NULL,
	content_type	VARCHAR(64) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY exchange_message_replay (client_id, message_id, id_owner),
	KEY exchange_message_time (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The change feed: one row per change of a citizen's residence in a
-- commune (and, later, civil events).  id is the cursor clients page by.
CREATE TABLE change_log (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	at		DATETIME(3) NOT NULL,	-- UTC
	kind		ENUM('dang_ky_thuong_tru','dang_ky_tam_tru',
			     'thay_doi_cu_tru','cham_dut_cu_tru','khai_sinh',
			     'khai_tu') NOT NULL,
	citizen_id	BIGINT UNSIGNED NOT NULL,
	commune_code	CHAR(5) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	PRIMARY KEY (id),
	KEY change_log_commune (commune_code, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Residence changes feed the change log.  A bulk load of demo citizens
-- (@motcua_bulk_load) is not a change.
CREATE TRIGGER residence_ai_feed AFTER INSERT ON residence FOR EACH ROW
	INSERT INTO change_log (at, kind, citizen_id, commune_code)
	SELECT UTC_TIMESTAMP(3), IF(NEW.kind = 'permanent',
	    'dang_ky_thuong_tru', 'dang_ky_tam_tru'), NEW.citizen_id,
	    NEW.commune_code
	FROM DUAL WHERE @motcua_bulk_load IS NULL;
CREATE TRIGGER residence_au_feed AFTER UPDATE ON residence FOR EACH ROW
	INSERT INTO change_log (at, kind, citizen_id, commune_code)
	SELECT UTC_TIMESTAMP(3), IF(NEW.valid_to IS NOT NULL
	    AND NEW.valid_to < CURDATE(), 'cham_dut_cu_tru',
	    'thay_doi_cu_tru'), NEW.citizen_id, NEW.commune_code
	UNION ALL
	SELECT UTC_TIMESTAMP(3), 'cham_dut_cu_tru', OLD.citizen_id,
	    OLD.commune_code
	FROM DUAL WHERE OLD.commune_code <> NEW.commune_code;
