/*
 * The shared GET .../health handler: the module, whether this worker's
 * database connection answers, and the schema version it finds; 503 with
 * a Retry-After while the database does not answer (or the breaker,
 * breaker.h, says so).
 */
#include "config.h"

#include <stddef.h>

#include "breaker.h"
#include "db.h"
#include "resp.h"
#include "serve.h"
#include "sql.h"
#include "worker.h"

enum err
worker_health(struct req *r)
{
	struct db_res res;
	struct doc d;
	int rc;

	/* with the breaker open, the database is not asked: it does not
	 * answer (breaker.h) */
	rc = breaker_open()
	    ? DB_GONE
	    : db_exec(r->db, &r->arena, SQ_SCHEMA_VERSION, NULL, 0, &res);
	doc_init(&d, "health", "Tình trạng dịch vụ");
	doc_add(&d, NULL, "module", "Mô-đun", serve_module()->name);
	if (rc != DB_OK || res.nrows != 1) {
		doc_add(&d, NULL, "status", "Trạng thái", "unavailable");
		doc_add_raw(&d, NULL, "database", "Cơ sở dữ liệu", "false");
		resp_doc(r, 503, &d);
		r->retry_after = 5;
		return ERR_OK;
	}
	doc_add(&d, NULL, "status", "Trạng thái", "ok");
	doc_add_raw(&d, NULL, "database", "Cơ sở dữ liệu", "true");
	doc_add_raw(&d, NULL, "schema_version", "Phiên bản lược đồ",
	    DB_CELL(&res, 0, 0) != NULL ? DB_CELL(&res, 0, 0) : "0");
	resp_doc(r, 200, &d);
	return ERR_OK;
}
