-- 006: a ministry client is known by its certificate's subject AND, when
-- recorded, the issuer that signed it: with several trusted CAs, another
-- CA's certificate with the same subject must not pass as this client.
ALTER TABLE exchange_client
	ADD COLUMN issuer_dn VARCHAR(255) CHARACTER SET utf8mb4
		COLLATE utf8mb4_bin NULL AFTER subject_dn;
