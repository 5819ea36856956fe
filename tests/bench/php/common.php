<?php
/*
 * The PHP-FPM/PDO baseline of tests/bench/run: what a PHP implementation
 * of the same reads costs behind the same nginx.  Each script does the
 * statements the module does for the same answer, through PDO (its
 * defaults: emulated prepares, one round trip a statement) on a
 * persistent connection per PHP-FPM worker, and answers the same JSON.
 * The database account is the module's own; the bench's pool sets
 * MOTCUA_DB_SOCKET, MOTCUA_DB_USER_<MODULE>, MOTCUA_DB_PASSWORD_<MODULE>
 * and MOTCUA_PUBLIC_URL.
 */
declare(strict_types=1);

function db(string $module): PDO
{
	$m = strtoupper($module);
	return new PDO(
	    'mysql:unix_socket=' . getenv('MOTCUA_DB_SOCKET') .
	    ';dbname=motcua;charset=utf8mb4',
	    getenv("MOTCUA_DB_USER_$m"), getenv("MOTCUA_DB_PASSWORD_$m"), [
		PDO::ATTR_PERSISTENT => true,
		PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
		PDO::MYSQL_ATTR_INIT_COMMAND =>
		    "SET SESSION time_zone='+07:00'",
	    ]);
}

function answer(int $status, array $doc): void
{
	http_response_code($status);
	header('Content-Type: application/json; charset=utf-8');
	header('Cache-Control: no-store');
	header('X-Content-Type-Options: nosniff');
	header('Vary: Accept');
	header('X-Request-Id: ' . ($_SERVER['REQUEST_ID'] ?? '-'));
	echo json_encode($doc, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES),
	    "\n";
	exit;
}

function fail(int $status, string $code): void
{
	answer($status, ['error' => ['status' => $status, 'code' => $code,
	    'request_id' => $_SERVER['REQUEST_ID'] ?? '']]);
}

/* Drops the NULL members, as the module's documents leave them out. */
function present(array $a): array
{
	return array_filter($a, fn($v) => $v !== null);
}
