-- 004: residence procedures, the dossier lifecycle's bookkeeping, the
-- public holidays the legal time limits skip, and the tracking module's
-- throttle on wrong second factors.

-- The dossier: where it is handled (the commune whose officials decide it),
-- the procedure's own fields as submitted (urlencoded, as validated), a
-- version for concurrent decisions, and the paused clock of a supplement
-- request: remaining_halves is the number of working half-days that were
-- left when the clock stopped.
ALTER TABLE dossier
	ADD COLUMN commune_code CHAR(5) CHARACTER SET ascii COLLATE ascii_bin
		NULL AFTER procedure_code,
	ADD COLUMN payload TEXT NULL,
	ADD COLUMN version INT UNSIGNED NOT NULL DEFAULT 1,
	ADD COLUMN paused_at DATETIME NULL,
	ADD COLUMN remaining_halves INT UNSIGNED NULL,
	ADD COLUMN decided_by VARCHAR(64) NULL,
	ADD COLUMN decision_reason VARCHAR(500) NULL,
	ADD KEY dossier_queue (commune_code, state, due_at);

-- Where the holiday list came from, and whether the date was confirmed by
-- an official decision when it was entered.
ALTER TABLE holiday
	ADD COLUMN confirmed TINYINT(1) NOT NULL DEFAULT 1,
	ADD COLUMN source VARCHAR(200) NULL;

-- Vietnamese public holidays, Labour Code 2019 art. 112: New Year (1 day),
-- Tết (5 days), Hùng Kings' day (10/3 lunar), 30 April, 1 May, National
-- Day (2 September and a day next to it).  A holiday on a weekend is made
-- up on the next working day.  Only days that fall on Monday–Friday matter
-- here (weekends are skipped anyway), but the whole holidays are listed.
INSERT INTO holiday (day, name, confirmed, source) VALUES
 ('2026-01-01', 'Tết Dương lịch', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2026-02-14', 'Tết Nguyên đán (27 tháng Chạp)', 1, 'Phương án nghỉ Tết Bính Ngọ 2026: 14/02–22/02/2026'),
 ('2026-02-15', 'Tết Nguyên đán (28 tháng Chạp)', 1, 'Phương án nghỉ Tết Bính Ngọ 2026: 14/02–22/02/2026'),
 ('2026-02-16', 'Tết Nguyên đán (29 tháng Chạp)', 1, 'Phương án nghỉ Tết Bính Ngọ 2026: 14/02–22/02/2026'),
 ('2026-02-17', 'Tết Nguyên đán (Mùng 1)', 1, 'Phương án nghỉ Tết Bính Ngọ 2026: 14/02–22/02/2026'),
 ('2026-02-18', 'Tết Nguyên đán (Mùng 2)', 1, 'Phương án nghỉ Tết Bính Ngọ 2026: 14/02–22/02/2026'),
 ('2026-02-19', 'Tết Nguyên đán (Mùng 3)', 1, 'Phương án nghỉ Tết Bính Ngọ 2026: 14/02–22/02/2026'),
 ('2026-02-20', 'Tết Nguyên đán (Mùng 4)', 1, 'Phương án nghỉ Tết Bính Ngọ 2026: 14/02–22/02/2026'),
 ('2026-02-21', 'Tết Nguyên đán (Mùng 5)', 1, 'Phương án nghỉ Tết Bính Ngọ 2026: 14/02–22/02/2026'),
 ('2026-02-22', 'Tết Nguyên đán (Mùng 6)', 1, 'Phương án nghỉ Tết Bính Ngọ 2026: 14/02–22/02/2026'),
 ('2026-04-26', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2026-04-30', 'Ngày Chiến thắng', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2026-05-01', 'Ngày Quốc tế Lao động', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2026-09-01', 'Quốc khánh (ngày liền kề)', 0, 'Bộ luật Lao động 2019, Điều 112; ngày liền kề chưa xác nhận'),
 ('2026-09-02', 'Quốc khánh', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2027-01-01', 'Tết Dương lịch', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2027-02-05', 'Tết Nguyên đán (30 tháng Chạp)', 0, 'Dự kiến, chưa có phương án chính thức'),
 ('2027-02-06', 'Tết Nguyên đán (Mùng 1)', 0, 'Dự kiến, chưa có phương án chính thức'),
 ('2027-02-07', 'Tết Nguyên đán (Mùng 2)', 0, 'Dự kiến, chưa có phương án chính thức'),
 ('2027-02-08', 'Tết Nguyên đán (Mùng 3)', 0, 'Dự kiến, chưa có phương án chính thức'),
 ('2027-02-09', 'Tết Nguyên đán (Mùng 4)', 0, 'Dự kiến, chưa có phương án chính thức'),
 ('2027-02-10', 'Nghỉ bù Tết Nguyên đán', 0, 'Dự kiến, chưa có phương án chính thức'),
 ('2027-02-11', 'Nghỉ bù Tết Nguyên đán', 0, 'Dự kiến, chưa có phương án chính thức'),
 ('2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 0, 'Bộ luật Lao động 2019, Điều 112; ngày dương lịch chưa xác nhận'),
 ('2027-04-30', 'Ngày Chiến thắng', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2027-05-01', 'Ngày Quốc tế Lao động', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2027-09-02', 'Quốc khánh', 1, 'Bộ luật Lao động 2019, Điều 112'),
 ('2027-09-03', 'Quốc khánh (ngày liền kề)', 0, 'Bộ luật Lao động 2019, Điều 112; ngày liền kề chưa xác nhận');

-- A notice of temporary absence (the residence itself does not change).
CREATE TABLE absence (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	citizen_id	BIGINT UNSIGNED NOT NULL,
	dossier_id	BIGINT UNSIGNED NOT NULL,
	valid_from	DATE NOT NULL,
	valid_to	DATE NOT NULL,
	destination	VARCHAR(255) NULL,
	reason		VARCHAR(255) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY absence_dossier (dossier_id),
	KEY absence_citizen (citizen_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Wrong second factors per receipt code at the tracking endpoint: each one
-- lengthens the wait before the next attempt is answered.
CREATE TABLE tracking_failure (
	receipt_code	VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin
			NOT NULL,
	failures	INT UNSIGNED NOT NULL,
	last_at		DATETIME NOT NULL,
	PRIMARY KEY (receipt_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Actions refused for lack of rights (an official of another commune, a
-- ministry without the right): who tried what on which object, and why.
CREATE TABLE refusal (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	at		DATETIME(3) NOT NULL,
	actor		VARCHAR(128) NOT NULL,
	action		VARCHAR(64) NOT NULL,
	object		VARCHAR(64) NOT NULL,
	reason		VARCHAR(64) NOT NULL,
	PRIMARY KEY (id),
	KEY refusal_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
