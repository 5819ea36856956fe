/*
 * The outbox (conf/sql/027_notifications.sql), worked one round at a
 * time: in one transaction, claim up to batch due rows (FOR UPDATE SKIP
 * LOCKED, so that several notifiers never take the same row), deliver
 * each, and record how it went on the row and in notification_delivery;
 * then commit.  A row is marked sent only after the relay accepted it;
 * one refused or not delivered waits 5 s, 10 s, 20 s, ... (at most an
 * hour) and is tried again, until max_attempts, when it is marked
 * failed.  A round lost before its commit leaves its rows pending: what
 * was delivered then is delivered again, under the same Message-ID and
 * Idempotency-Key, for the relay to recognise.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "sql.h"

enum { NQ_CLAIM = SQ__MAX, NQ_SENT, NQ_RETRY, NQ_FAILED, NQ_DELIVERY, NQ__MAX };

/* the columns of NQ_CLAIM */
enum {
	NC_ID,
	NC_CHANNEL,
	NC_ADDRESS,
	NC_RECEIPT,
	NC_STATE,
	NC_ATTEMPTS,
	NC__MAX
};

const char *const nt_sql[NQ__MAX - SQ__MAX] = {
	[NQ_CLAIM - SQ__MAX] =
	    "SELECT id, channel, address, receipt_code, to_state, attempts "
	    "FROM notification WHERE state = 'pending' AND next_at <= NOW() "
	    "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
	[NQ_SENT - SQ__MAX] =
	    "UPDATE notification SET state = 'sent', attempts = attempts + 1, "
	    "sent_at = NOW() WHERE id = ?",
	[NQ_RETRY - SQ__MAX] =
	    "UPDATE notification SET attempts = attempts + 1, "
	    "next_at = NOW() + INTERVAL ? SECOND WHERE id = ?",
	[NQ_FAILED - SQ__MAX] = "UPDATE notification SET state = 'failed', "
	                        "attempts = attempts + 1 WHERE id = ?",
	[NQ_DELIVERY - SQ__MAX] =
	    "INSERT INTO notification_delivery (notification_id, at, result, "
	    "detail) VALUES (?, NOW(3), ?, ?)",
};
const size_t nt_nsql = NQ__MAX - SQ__MAX;

const struct sql_shape nt_shapes[] = {
	{ NQ_CLAIM, 1, NC__MAX },
	{ NQ_SENT, 1, 0 },
	{ NQ_RETRY, 2, 0 },
	{ NQ_FAILED, 1, 0 },
	{ NQ_DELIVERY, 3, 0 },
	{ -1, 0, 0 },
};

static const char *const result_name[NT__MAX] = {
	[NT_SENT] = "sent",
	[NT_TEMPORARY] = "temporary_failure",
	[NT_PERMANENT] = "permanent_failure",
};

struct round {
	const struct nt_settings *set;
	int handled;
};

/* Seconds until the next try after attempts failed ones: 5 s doubled
 * each time, at most an hour. */
static long
backoff(int attempts)
{
	long s = 5;

	while (attempts-- > 1 && s < 3600)
		s *= 2;
	return s < 3600 ? s : 3600;
}

static void
deliver(struct arena *a, const struct nt_settings *set,
    const struct nt_message *m, struct nt_outcome *out)
{
	const char *subject, *body;

	if (nt_text(a, set, m, &subject, &body) < 0) {
		out->result = NT_PERMANENT;
		strcpy(out->detail, "no text for the state");
	} else if (strcmp(m->channel, "email") == 0)
		nt_smtp_send(set, m, subject, body, out);
	else
		nt_http_send(set, m, body, out);
}

/* How it went, on the row and as a delivery row. */
static int
record(struct db *db, struct arena *a, const struct nt_settings *set,
    const struct nt_message *m, const struct nt_outcome *out)
{
	struct db_param d[] = { DBP_I(m->id), DBP_S(result_name[out->result]),
		DBP_S(out->detail) };
	int rc, tries = m->attempts + 1;

	if (out->result == NT_SENT) {
		struct db_param p[] = { DBP_I(m->id) };

		rc = db_exec(db, a, NQ_SENT, p, 1, NULL);
	} else if (out->result == NT_PERMANENT || tries >= set->max_attempts) {
		struct db_param p[] = { DBP_I(m->id) };

		rc = db_exec(db, a, NQ_FAILED, p, 1, NULL);
	} else {
		struct db_param p[] = { DBP_I(backoff(tries)), DBP_I(m->id) };

		rc = db_exec(db, a, NQ_RETRY, p, 2, NULL);
	}
	if (rc != DB_OK)
		return rc;
	return db_exec(db, a, NQ_DELIVERY, d, 3, NULL);
}

static int
round_txn(struct db *db, struct arena *a, void *arg)
{
	struct round *r = arg;
	struct db_param p[] = { DBP_I(r->set->batch) };
	struct nt_outcome down[2]; /* a relay found unreachable this round */
	int isdown[2] = { 0, 0 };
	struct db_res res;
	size_t i;
	int rc;

	r->handled = 0;
	if ((rc = db_exec(db, a, NQ_CLAIM, p, 1, &res)) != DB_OK)
		return rc;
	for (i = 0; i < res.nrows; i++) {
		struct nt_message m;
		struct nt_outcome out;
		int ch;

		m.id = strtoll(DB_CELL(&res, i, NC_ID), NULL, 10);
		m.channel = DB_CELL(&res, i, NC_CHANNEL);
		m.address = DB_CELL(&res, i, NC_ADDRESS);
		m.receipt = DB_CELL(&res, i, NC_RECEIPT);
		m.state = DB_CELL(&res, i, NC_STATE);
		m.attempts = atoi(DB_CELL(&res, i, NC_ATTEMPTS));
		ch = strcmp(m.channel, "email") != 0;
		memset(&out, 0, sizeof(out));
		if (isdown[ch])
			out = down[ch]; /* no use waiting for it again */
		else
			deliver(a, r->set, &m, &out);
		if (out.result == NT_TEMPORARY &&
		    strstr(out.detail, "connect") != NULL) {
			down[ch] = out;
			isdown[ch] = 1;
		}
		log_info("notification %lld %s: %s (%s)", m.id, m.channel,
		    result_name[out.result], out.detail);
		if ((rc = record(db, a, r->set, &m, &out)) != DB_OK)
			return rc;
		r->handled++;
	}
	return DB_OK;
}

int
nt_round(struct db *db, struct arena *a, const struct nt_settings *set)
{
	struct round r = { set, 0 };
	int rc;

	if ((rc = db_txn(db, round_txn, a, &r)) != DB_OK)
		return rc < 0 ? rc : DB_ERR;
	return r.handled;
}
