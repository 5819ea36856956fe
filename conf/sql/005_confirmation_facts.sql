-- 005: a confirmation carries its receipt code and the names of its
-- communes as they were when it was issued.  A confirmation documents the
-- facts of its day (commune names change with reorganisations), and the
-- verification answer then needs no join beyond the citizen's current
-- residence version.
ALTER TABLE confirmation
	ADD COLUMN receipt_code VARCHAR(32) CHARACTER SET ascii
		COLLATE ascii_bin NULL AFTER dossier_id,
	ADD COLUMN perm_commune_name VARCHAR(150) NULL AFTER perm_commune,
	ADD COLUMN temp_commune_name VARCHAR(150) NULL AFTER temp_commune;

UPDATE confirmation c JOIN dossier d ON d.id = c.dossier_id
	SET c.receipt_code = d.receipt_code;
UPDATE confirmation c JOIN admin_unit u ON u.level = 'commune'
	AND u.code = c.perm_commune AND u.valid_to IS NULL
	SET c.perm_commune_name = u.full_name;
UPDATE confirmation c JOIN admin_unit u ON u.level = 'commune'
	AND u.code = c.temp_commune AND u.valid_to IS NULL
	SET c.temp_commune_name = u.full_name;
