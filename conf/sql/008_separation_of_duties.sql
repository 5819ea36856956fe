-- 008: separation of duties, per procedure.  When separate_duties is 1,
-- the official who filed a dossier at the counter (dossier.filed_by) may
-- not approve it: another official with the right must.  A procedure
-- without a row is treated as 1.  Which roles may file, accept, ask for a
-- supplement, approve and reject is the residence module's own table
-- (residence.fcgi(8), ROLES).
CREATE TABLE procedure_setting (
	procedure_code	VARCHAR(20) NOT NULL,
	separate_duties	TINYINT(1) NOT NULL DEFAULT 1,
	PRIMARY KEY (procedure_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- permanent and temporary residence, its extension, the notice of absence
INSERT INTO procedure_setting (procedure_code, separate_duties) VALUES
 ('1.004222', 1), ('1.004194', 1), ('1.004197', 1), ('1.003677', 1);
