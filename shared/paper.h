/*
 * A paper issued at once from the database (a confirmation, an extract),
 * as its issuing routes answer: the issuing transaction runs once more
 * when a twin with the same idempotency key committed first (the loser
 * then finds the winner's paper), and then a form post is answered 303
 * See Other to the paper's verification page, any other caller with the
 * paper itself: 201, or 200 for the paper the key already had.
 */
#ifndef MOTCUA_PAPER_H
#define MOTCUA_PAPER_H

#include "req.h"

struct arena;
struct db;

/* What the issuing transaction tells: first in its argument's struct. */
struct paper_issue {
	const char *code; /* the verification code */
	int replay; /* the paper the key already had */
	enum err why; /* a refusal: the transaction returned 1 */
};

/*
 * Runs txn (whose arg starts with a struct paper_issue, out) and answers:
 * the paper at page/<code> (page after the public_url setting), rendered
 * by render(r, code, status).  Returns ERR_OK, the refusal, or an error.
 */
enum err
paper_issue(struct req *, int (*txn)(struct db *, struct arena *, void *),
    void *arg, struct paper_issue *out, const char *page,
    enum err (*render)(struct req *, const char *code, int status));

#endif
