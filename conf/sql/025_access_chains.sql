-- 025: the access log as several hash chains, and receipt numbers taken
-- in blocks, so that no row is locked by every writer of a kind until
-- its commit (issue 11, "no hot rows").
--
-- Until now every read of personal data locked the one chain head
-- (access_chain id 1) until its commit's flush, and every submission the
-- agency's receipt_seq row: one commit per flush for the whole service.
-- Now each worker process appends to a chain of its own, which it starts
-- on first use (an INSERT on its own, outside any transaction); its head
-- row is one no other process locks.  The rows written so far become
-- chain 1, numbered 1, 2, ... in their order, and verify as before.
--
-- The chains are bound together: a chain names the one before it
-- (prev_id, unique, so two never name the same) and its genesis, the
-- prev_hash of its first row, is SHA-256 over "chain|<prev_id>|<prev
-- genesis>", so a chain removed whole breaks the link of the next one;
-- motcua-audit-verify's checkpoints sign the head of every chain
-- (access_checkpoint_head), so a chain it has seen cannot go unnoticed.

ALTER TABLE access_chain
	MODIFY id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	ADD prev_id INT UNSIGNED NULL AFTER id,
	ADD genesis CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    DEFAULT '' AFTER prev_id,
	ADD seq BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER head,
	ADD created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	ADD UNIQUE KEY access_chain_prev (prev_id);
UPDATE access_chain SET genesis = REPEAT('0', 64),
    seq = (SELECT COUNT(*) FROM access_log) WHERE id = 1;
ALTER TABLE access_chain ALTER genesis DROP DEFAULT;

-- Each row's chain and its place in it (1, 2, ...): a chain's rows are
-- linked in seq order, each prev_hash the hash of the row before it in
-- the same chain (the chain's genesis for its first).
ALTER TABLE access_log
	ADD chain_id INT UNSIGNED NOT NULL DEFAULT 1 AFTER id,
	ADD seq BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER chain_id;
UPDATE access_log l
    JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n
        FROM access_log) t ON t.id = l.id
    SET l.seq = t.n;
ALTER TABLE access_log
	ALTER chain_id DROP DEFAULT,
	ALTER seq DROP DEFAULT,
	ADD UNIQUE KEY access_log_chain (chain_id, seq);

-- Seals say which chain and place a sealed row had.
ALTER TABLE access_seal
	ADD chain_id INT UNSIGNED NOT NULL DEFAULT 1,
	ADD seq BIGINT UNSIGNED NOT NULL DEFAULT 0;
UPDATE access_seal s JOIN access_log l ON l.id = s.id
    SET s.chain_id = l.chain_id, s.seq = l.seq;
ALTER TABLE access_seal
	ALTER chain_id DROP DEFAULT,
	ALTER seq DROP DEFAULT,
	ADD KEY access_seal_chain (chain_id, seq);

-- The head of every chain at a checkpoint (seq 0: the chain was still
-- empty, hash its genesis).  A checkpoint that has them is signed over
-- "<log_id>|<log_hash>|<chain>:<seq>:<hash>,..." in chain order; the
-- older ones, over "<log_id>|<log_hash>" as before.
CREATE TABLE access_checkpoint_head (
	checkpoint_id	BIGINT UNSIGNED NOT NULL,
	chain_id	INT UNSIGNED NOT NULL,
	seq		BIGINT UNSIGNED NOT NULL,
	hash		CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	PRIMARY KEY (checkpoint_id, chain_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The modules (every role prepares the shared statements): start a
-- chain (INSERT ... SELECT), and advance their own chain's head and
-- count, nothing else of it; the log itself stays INSERT only.
REVOKE UPDATE ON access_chain FROM motcua_residence_role,
    motcua_exchange_role, motcua_tracking_role, motcua_civil_role;
GRANT SELECT, INSERT ON access_chain TO motcua_residence_role,
    motcua_exchange_role, motcua_tracking_role, motcua_civil_role;
GRANT UPDATE (head, seq) ON access_chain TO motcua_residence_role,
    motcua_exchange_role, motcua_tracking_role, motcua_civil_role;

-- motcua-audit-verify: the heads it signs
GRANT SELECT, INSERT ON access_checkpoint_head TO motcua_audit_role;
