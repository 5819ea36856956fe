-- 019: civil status through the exchange gateway.  A ministry system may
-- ask whether a person is alive and what their marital status was on a
-- day (VerifyCivilStatus), read a citizen's parents and marital status as
-- field groups of GetCitizen (cha_me, ho_tich), and receive births,
-- deaths, marriages and divorces in the change feed (Changes) of the
-- communes it subscribes to, as it receives residence changes.

-- The new service, under the same rights as the others: a right names
-- the service, the field groups and the declared purpose.
ALTER TABLE exchange_right
	MODIFY service ENUM('VerifyResidence','GetCitizen','BatchVerify',
	    'Changes','VerifyCivilStatus') NOT NULL;

-- The change feed's civil kinds: a marriage and a divorce (one row for
-- each party), and the child's health-insurance card of the birth bundle
-- (written by the birth registration itself, not by a trigger).
ALTER TABLE change_log
	MODIFY kind ENUM('dang_ky_thuong_tru','dang_ky_tam_tru',
	    'thay_doi_cu_tru','cham_dut_cu_tru','khai_sinh','khai_tu',
	    'ket_hon','ly_hon','the_bhyt') NOT NULL;

-- A registered civil-status event feeds the change log in the commune
-- that registered it: a birth (the child), a death (the deceased), a
-- marriage or a divorce (each party).  As with residence, a bulk load of
-- demo data (@motcua_bulk_load) is not a change.
CREATE TRIGGER civil_record_ai_feed AFTER INSERT ON civil_record
FOR EACH ROW
	INSERT INTO change_log (at, kind, citizen_id, commune_code)
	SELECT UTC_TIMESTAMP(3), CASE NEW.kind WHEN 'birth' THEN 'khai_sinh'
	    WHEN 'death' THEN 'khai_tu' WHEN 'marriage' THEN 'ket_hon'
	    ELSE 'ly_hon' END, NEW.citizen_id, NEW.commune_code
	FROM DUAL WHERE @motcua_bulk_load IS NULL
	UNION ALL
	SELECT UTC_TIMESTAMP(3), IF(NEW.kind = 'marriage', 'ket_hon',
	    'ly_hon'), NEW.other_id, NEW.commune_code
	FROM DUAL WHERE @motcua_bulk_load IS NULL
	    AND NEW.other_id IS NOT NULL
	    AND NEW.kind IN ('marriage', 'divorce');

-- modules/exchange/sql.c: a person's marriages (VerifyCivilStatus, the
-- status on a past day and since when) and their parents (GetCitizen).
-- Only reads; the death date and the marital status are citizen's
-- columns, which the role reads already (009).
GRANT SELECT ON marriage TO motcua_exchange_role;
GRANT SELECT ON parent_link TO motcua_exchange_role;
