-- 027: notifications (issue "Notifications").  Every change of a
-- dossier's state writes a row to the outbox (notification) in the
-- transaction that changes it, when the applicant chose a channel;
-- motcua-notify delivers the rows and records each attempt
-- (notification_delivery).
--
-- A row holds what delivery needs and nothing more: the channel, the
-- address as it was when the state changed, the receipt code and the new
-- state.  The message text and the link are built by the notifier; no
-- name or personal number is ever copied here.  A delivery row's detail
-- is an SMTP reply code or an HTTP status, never personal data.

-- A citizen's contact details and chosen channel ('none': no messages).
CREATE TABLE citizen_contact (
	citizen_id	BIGINT UNSIGNED NOT NULL,
	email		VARCHAR(254) NULL,
	phone		VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
	channel		ENUM('none','email','sms') NOT NULL DEFAULT 'none',
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
			    ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (citizen_id),
	CONSTRAINT citizen_contact_citizen FOREIGN KEY (citizen_id)
	    REFERENCES citizen (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The outbox: one row per state change per contacted applicant.
-- state 'pending' rows are due at next_at; 'sent' once the relay
-- accepted it; 'failed' after a permanent refusal or max_attempts.
CREATE TABLE notification (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	event_id	BIGINT UNSIGNED NOT NULL,
	channel		ENUM('email','sms') NOT NULL,
	address		VARCHAR(254) NOT NULL,
	receipt_code	VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	to_state	VARCHAR(24) NOT NULL,
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	state		ENUM('pending','sent','failed') NOT NULL DEFAULT 'pending',
	attempts	INT UNSIGNED NOT NULL DEFAULT 0,
	next_at		DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	sent_at		DATETIME NULL,
	PRIMARY KEY (id),
	UNIQUE KEY notification_event (event_id, channel),
	KEY notification_due (state, next_at),
	KEY notification_dossier (dossier_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every attempt to deliver a notification, and how it ended.
CREATE TABLE notification_delivery (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	notification_id	BIGINT UNSIGNED NOT NULL,
	at		DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	result		ENUM('sent','temporary_failure','permanent_failure')
			    NOT NULL,
	detail		VARCHAR(200) NULL,
	PRIMARY KEY (id),
	KEY notification_delivery_of (notification_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- shared/sql.c: every module prepares the outbox write (an INSERT ...
-- SELECT that reads the applicant's contact).
GRANT INSERT ON notification TO motcua_residence_role,
    motcua_exchange_role, motcua_tracking_role, motcua_civil_role;
GRANT SELECT ON citizen_contact TO motcua_residence_role,
    motcua_exchange_role, motcua_tracking_role, motcua_civil_role;

-- motcua-notify: claims due rows, marks them, records each attempt;
-- nothing else.
CREATE ROLE IF NOT EXISTS motcua_notify_role;
GRANT SELECT, UPDATE ON notification TO motcua_notify_role;
GRANT INSERT ON notification_delivery TO motcua_notify_role;
