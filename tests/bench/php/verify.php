<?php
/* GET /php/residence/confirmations/CODE: modules/residence/confirmation.c */
require __DIR__ . '/common.php';

$prefix = '/php/residence/confirmations/';
$code = substr($_SERVER['DOCUMENT_URI'] ?? '', strlen($prefix));
if (!preg_match('/^[0-9A-HJKMNP-TV-Z]{24}$/D', $code))
	fail(404, 'not_found');
$st = db('residence')->prepare(
    "SELECT c.code, c.receipt_code, c.full_name, c.pid, c.birth_date, " .
    "c.sex, c.perm_commune, COALESCE(c.perm_commune_name, ''), " .
    "c.perm_address, c.perm_since, c.temp_commune, " .
    "COALESCE(c.temp_commune_name, ''), c.temp_address, c.temp_until, " .
    "DATE_FORMAT(c.issued_at, '%Y-%m-%dT%H:%i:%s'), " .
    "DATE_FORMAT(c.expires_at, '%Y-%m-%dT%H:%i:%s'), " .
    "c.expires_at < NOW(), z.residence_version <> c.residence_version " .
    "FROM confirmation c JOIN citizen z ON z.id = c.citizen_id " .
    "WHERE c.code = ?");
$st->execute([$code]);
$c = $st->fetch(PDO::FETCH_NUM);
if ($c === false)
	fail(404, 'not_found');
$state = $c[16] ? 'expired' : ($c[17] ? 'void' : 'valid');
$doc = [
	'status' => $state,
	'status_vi' => $c[16] ? 'Đã hết hạn' : ($c[17]
	    ? 'Không còn giá trị (thông tin cư trú đã thay đổi)'
	    : 'Còn hiệu lực'),
	'verification_code' => $code,
	'verify_url' => getenv('MOTCUA_PUBLIC_URL') .
	    '/residence/confirmations/' . $code,
	'receipt_code' => $c[1],
	'issued_at' => $c[14],
	'expires_at' => $c[15],
	'person' => [
		'full_name' => $c[2],
		'pid' => substr($c[3], 0, 3) . str_repeat('*', 6) .
		    substr($c[3], -3),
		'birth_date' => $c[4],
		'sex' => $c[5],
	],
];
if ($c[6] !== null)
	$doc['permanent'] = present(['commune_code' => $c[6],
	    'commune' => $c[7], 'address' => $c[8], 'since' => $c[9]]);
if ($c[10] !== null)
	$doc['temporary'] = present(['commune_code' => $c[10],
	    'commune' => $c[11], 'address' => $c[12], 'until' => $c[13]]);
answer(200, $doc);
