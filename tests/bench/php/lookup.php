<?php
/*
 * POST /php/residence/official/lookup (pid, purpose), REMOTE_USER from
 * nginx's sign-on: modules/residence/lookup.c and shared/official.c, the
 * read and its hash-chained access-log row (shared/audit.c) in one
 * transaction.  Each PHP-FPM worker appends to a chain of its own, as each
 * of the module's workers does (a chain's head is a row one process
 * locks); PHP keeps nothing between requests, so the worker's chain id is
 * in a file named by its pid and the database's socket, and the head is
 * read under its lock on every request.
 */
require __DIR__ . '/common.php';

/* This worker's chain: the file's, or a new one after the newest. */
function chain(PDO $db): int
{
	$f = sys_get_temp_dir() . '/motcua-bench-chain-' .
	    md5((string)getenv('MOTCUA_DB_SOCKET')) . '-' . getmypid();
	$id = @file_get_contents($f);
	if ($id !== false && $id !== '')
		return (int)$id;
	for ($i = 0; $i < 8; $i++) {
		$last = $db->query('SELECT id, genesis FROM access_chain ' .
		    'ORDER BY id DESC LIMIT 1')->fetch(PDO::FETCH_NUM);
		try {
			$db->prepare('INSERT INTO access_chain (prev_id, ' .
			    'genesis, head, seq) VALUES (?, ' .
			    "SHA2(CONCAT_WS('|', 'chain', ?, ?), 256), " .
			    "SHA2(CONCAT_WS('|', 'chain', ?, ?), 256), 0)")
			    ->execute([$last[0], $last[0], $last[1], $last[0],
			    $last[1]]);
			$id = (int)$db->lastInsertId();
			file_put_contents($f, (string)$id);
			return $id;
		} catch (PDOException $e) {
			/* another worker took the same predecessor */
			if (!in_array($e->errorInfo[1] ?? 0, [1062, 1213], true))
				throw $e;
		}
	}
	fail(503, 'busy');
}

$user = $_SERVER['REMOTE_USER'] ?? '';
$pid = $_POST['pid'] ?? '';
$purpose = $_POST['purpose'] ?? '';
if ($user === '')
	fail(401, 'unauthenticated');
if (!preg_match('/^[0-9]{12}$/D', $pid) ||
    !preg_match('/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} ,.\/\'()-]{2,199}$/uD',
    $purpose))
	fail(422, 'invalid_field');
$db = db('residence');
$st = $db->prepare('SELECT id, commune_code, role FROM official ' .
    'WHERE username = ? AND active = 1');
$st->execute([$user]);
$o = $st->fetch(PDO::FETCH_NUM);
if ($o === false)
	fail(403, 'forbidden');

$chain = chain($db);
$db->beginTransaction();
try {
	$st = $db->prepare('SELECT id, pid, full_name, birth_date, sex, ' .
	    'residence_version FROM citizen WHERE pid = ?');
	$st->execute([$pid]);
	$cz = $st->fetch(PDO::FETCH_NUM);
	if ($cz === false) {
		$db->rollBack();
		fail(404, 'not_found');
	}
	$st = $db->prepare("SELECT r.kind, r.commune_code, " .
	    "COALESCE(u.full_name, ''), COALESCE(p.full_name, ''), r.address, " .
	    "r.valid_from, r.valid_to FROM residence r " .
	    "LEFT JOIN admin_unit u ON u.level = 'commune' " .
	    "AND u.code = r.commune_code AND u.valid_to IS NULL " .
	    "LEFT JOIN admin_unit p ON p.level = 'province' " .
	    "AND p.code = u.province_code AND p.valid_to IS NULL " .
	    "WHERE r.citizen_id = ? AND r.valid_from <= CURDATE() " .
	    "AND (r.valid_to IS NULL OR r.valid_to >= CURDATE()) " .
	    "ORDER BY r.kind, r.valid_from DESC");
	$st->execute([$cz[0]]);
	$res = $st->fetchAll(PDO::FETCH_NUM);
	if (!in_array($o[1], array_column($res, 1), true)) {
		$db->rollBack();
		fail(404, 'not_found');
	}
	$st = $db->prepare('SELECT head, seq FROM access_chain ' .
	    'WHERE id = ? FOR UPDATE');
	$st->execute([$chain]);
	[$head, $seq] = $st->fetch(PDO::FETCH_NUM);
	$t = microtime(true);
	$at = gmdate('Y-m-d H:i:s', (int)$t) .
	    sprintf('.%03d000', (int)(($t - floor($t)) * 1000));
	$fields = 'full_name,birth_date,sex,residence';
	$rid = $_SERVER['REQUEST_ID'] ?? '';
	$hash = hash('sha256', implode('|', [$head, $at, 'official', $user,
	    $cz[0], $fields, $purpose, $rid]));
	$db->prepare('INSERT INTO access_log (chain_id, seq, at, ' .
	    'actor_kind, actor, citizen_id, fields, purpose, request_id, ' .
	    'prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
	    ->execute([$chain, $seq + 1, $at, 'official', $user, $cz[0],
	    $fields, $purpose, $rid, $head, $hash]);
	$db->prepare('UPDATE access_chain SET head = ?, seq = ? WHERE id = ?')
	    ->execute([$hash, $seq + 1, $chain]);
	$db->commit();
} catch (PDOException $e) {
	if ($db->inTransaction())
		$db->rollBack();
	fail(503, 'busy');
}
$doc = ['person' => ['pid' => $cz[1], 'full_name' => $cz[2],
    'birth_date' => $cz[3], 'sex' => $cz[4],
    'residence_version' => (int)$cz[5]]];
foreach (array_slice($res, 0, 2) as $x)
	$doc[$x[0] === 'permanent' ? 'permanent' : 'temporary'] = present([
	    'commune_code' => $x[1], 'commune' => $x[2], 'province' => $x[3],
	    'address' => $x[4], 'since' => $x[5], 'until' => $x[6]]);
answer(200, $doc);
