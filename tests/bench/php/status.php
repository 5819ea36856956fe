<?php
/*
 * POST /php/tracking/dossiers/RECEIPT (birth_year): modules/tracking/
 * status.c for a right factor on a code no failure count holds anything
 * against, the case the bench sends: one statement reads whether a count
 * holds failures, the dossier and its events.  The bench's requests never
 * take the locked path (a wrong factor, counted failures); here that case
 * is answered 409, so a bench that sent one would show it.
 */
require __DIR__ . '/common.php';

const STATE_VI = [
	'submitted' => 'Đã tiếp nhận',
	'accepted' => 'Đang giải quyết',
	'supplement_requested' => 'Chờ bổ sung hồ sơ',
	'approved' => 'Đã phê duyệt',
	'rejected' => 'Từ chối giải quyết',
	'result_issued' => 'Đã trả kết quả',
];
const PROCEDURE_VI = ['1.010041' => 'Xác nhận thông tin về cư trú'];

$prefix = '/php/tracking/dossiers/';
$code = substr($_SERVER['DOCUMENT_URI'] ?? '', strlen($prefix));
$year = $_POST['birth_year'] ?? '';
if (!preg_match('/^[A-Za-z0-9.]{1,20}-[0-9]{6}-[0-9]{4,6}$/D', $code))
	fail(404, 'not_found');
if (!preg_match('/^[0-9]{4}$/D', $year))
	fail(422, 'invalid_field');
$client = $_SERVER['REMOTE_ADDR'] ?? '-';
$st = db('tracking')->prepare(
    "SELECT d.id, d.receipt_code, d.procedure_code, d.state, " .
    "DATE_FORMAT(d.submitted_at, '%Y-%m-%dT%H:%i:%s'), " .
    "DATE_FORMAT(d.due_at, '%Y-%m-%dT%H:%i:%s'), " .
    "DATE_FORMAT(d.completed_at, '%Y-%m-%dT%H:%i:%s'), " .
    "d.paused_at IS NOT NULL, " .
    "IF(d.completed_at IS NULL, d.paused_at IS NULL AND d.due_at < NOW(), " .
    "d.completed_at > d.due_at), " .
    "EXISTS (SELECT 1 FROM tracking_failure f " .
    "WHERE f.receipt_code = d.receipt_code AND f.factor = ? " .
    "AND f.client IN (?, '') AND f.failures > 0), " .
    "DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%s'), e.from_state, e.to_state, " .
    "IF(e.to_state IN ('supplement_requested', 'rejected'), e.reason, NULL) " .
    "FROM dossier d JOIN citizen c ON c.id = d.applicant_id " .
    "JOIN dossier_event e ON e.dossier_id = d.id " .
    "WHERE d.receipt_code = ? AND YEAR(c.birth_date) = ? " .
    "ORDER BY e.at, e.id LIMIT 200");
$st->execute(['year', $client, $code, (int)$year]);
$rows = $st->fetchAll(PDO::FETCH_NUM);
if (count($rows) === 0)
	fail(409, 'bench_sent_a_wrong_factor');
$d = $rows[0];
if ($d[9])
	fail(409, 'bench_hit_counted_failures');
$paused = (bool)$d[7];
$overdue = (bool)$d[8];
$done = $d[6] !== null;
$history = [];
foreach ($rows as $e)
	$history[] = present(['at' => $e[10], 'from_state' => $e[11],
	    'from_state_vi' => $e[11] !== null ? STATE_VI[$e[11]] : null,
	    'to_state' => $e[12], 'to_state_vi' => STATE_VI[$e[12]],
	    'reason' => $e[13]]);
answer(200, present([
	'receipt_code' => $d[1],
	'procedure_code' => $d[2],
	'procedure' => PROCEDURE_VI[$d[2]] ?? null,
	'state' => $d[3],
	'state_vi' => STATE_VI[$d[3]],
	'submitted_at' => $d[4],
	'due_at' => $d[5],
	'completed_at' => $d[6],
	'paused' => $paused,
	'overdue' => $overdue,
	'timing_vi' => $overdue ? ($done ? 'Hoàn thành quá hạn' : 'Quá hạn')
	    : ($paused ? 'Tạm dừng tính thời hạn, chờ bổ sung hồ sơ'
	    : ($done ? 'Hoàn thành đúng hạn' : 'Trong hạn')),
	'history' => $history,
]));
