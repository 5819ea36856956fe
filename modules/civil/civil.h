/*
 * The civil-status module (hộ tịch): private declarations shared by its
 * files: the fields by key and the statements.  Only the wiring exists
 * so far; the procedures add their keys, statements and handlers here.
 */
#ifndef CIVIL_H
#define CIVIL_H

#include <stddef.h>

#include "req.h"
#include "sql.h"

struct arena;
struct db;
struct dossier;

/* The module's fields (main.c), by key. */
enum cv_key {
	CK_NONE,
	/* marriage registration */
	CK_RECEIPT,
	CK__MAX
};

enum cv_sql {
	CV_OFFICIAL = SQ__MAX,
	CV_RULE,
	/* marriage registration (marriage.c) */
	CV_M_PARTY,
	CV_M_ANCESTORS,
	CV_M_CONSENT_ASK,
	CV_M_CONSENT_GET,
	CV_M_CONSENT_GIVE,
	CV_M_DUE,
	CV_M_MARRIAGE_INSERT,
	CV_M_CERTIFICATE_INSERT,
	CV_M_MARRIED,
	CV__MAX
};

extern const char *const cv_sql[CV__MAX - SQ__MAX];
extern const struct sql_shape cv_shapes[];

/*
 * rule.c: the civil rule's value on the day (a date, or a time on that
 * day), from civil_rule (*value from the arena).  A rule without a row
 * for the day is a broken schema: DB_ERR.  Returns DB_OK or an enum db_rc.
 */
int cv_rule(struct db *, struct arena *, const char *rule, const char *day,
    const char **value);

/* The same, for a rule whose value is a whole number in [min, max]. */
int cv_rule_int(struct db *, struct arena *, const char *rule, const char *day,
    long min, long max, long *n);

/*
 * Marriage registration (kết hôn): the conditions.
 */

/* An ancestor: who, and how many generations up (1: a parent). */
struct cv_kin {
	long long id;
	int depth;
};

/* The ancestors marriage.c reads: four generations, 2 + 4 + 8 + 16. */
#define CV_KIN_MAX 30

/* A party to a marriage, as the database holds them. */
struct cv_party {
	long long id; /* 0: no such citizen */
	const char *pid;
	const char *full_name;
	const char *birth_date;
	const char *sex; /* "M", "F" */
	const char *death_date; /* NULL: alive */
	const char *marital; /* NULL: not known */
	const char *ethnicity;
	int open_marriages; /* marriage rows not ended */
	struct cv_kin anc[CV_KIN_MAX];
	size_t nanc;
};

/* The law on the registration date (civil_rule). */
struct cv_marriage_law {
	int age_man; /* completed years */
	int age_woman;
	int same_sex; /* 1: recognised */
};

enum cv_kinship {
	CV_KIN_NONE,
	CV_KIN_DIRECT, /* one is the other's ancestor */
	CV_KIN_CLOSE, /* a common ancestor within two generations of both */
};

/*
 * cond.c: completed years of age on the day on (a date, or a time on
 * that day) for one born on birth; -1 when either is not a date or on is
 * before birth.
 */
int cv_age_years(const char *birth, const char *on);

/* How the two are related, from their ancestors. */
enum cv_kinship cv_kinship(const struct cv_party *, const struct cv_party *);

/*
 * The first condition the marriage of a and b fails on day (deceased,
 * married, under age, same sex, direct line, close kin, in that order),
 * or ERR_OK.
 */
enum err cv_marriage_refusal(const char *day, const struct cv_marriage_law *,
    const struct cv_party *a, const struct cv_party *b);

/*
 * marriage.c: inside a transaction, the law on day (from civil_rule).
 * Returns DB_OK or an enum db_rc.
 */
int cv_marriage_law_get(
    struct db *, struct arena *, const char *day, struct cv_marriage_law *);

/*
 * Inside a transaction: the party with this personal number, locked
 * until it ends, with their ancestors (p->id is 0 when there is none).
 * Strings from the arena.  Returns DB_OK or an enum db_rc.
 */
int
cv_party_get(struct db *, struct arena *, const char *pid, struct cv_party *p);

/*
 * Inside a transaction: reads and locks both parties (in the order of
 * their numbers, so two transactions never wait on each other) and the
 * law on day, and sets *why to the condition their marriage fails, or
 * ERR_OK; ERR_UNKNOWN_CITIZEN when either is unknown, ERR_INVALID_FIELD
 * when both are the same person.  Returns DB_OK or an enum db_rc.
 */
int cv_marriage_check(struct db *, struct arena *, const char *day,
    const char *pid_a, const char *pid_b, struct cv_party *a,
    struct cv_party *b, enum err *why);

/* The second party's consent to a dossier (marriage_consent). */
struct cv_consent {
	const char *party_pid; /* NULL: none asked */
	const char *expires_at;
	const char *confirmed_at; /* NULL: not given */
	const char *how; /* "online", "in_person" */
};

/*
 * Inside the filing's transaction: asks party's consent to the dossier,
 * due within marriage_consent_days (the rule on the day) of now, or
 * records it as given in person (both parties at the counter).  Returns
 * DB_OK or an enum db_rc.
 */
int cv_marriage_consent_ask(struct db *, struct arena *, long long dossier,
    long long party, const char *now, int in_person);

/* The consent to the dossier as it stands.  Returns DB_OK or an enum
 * db_rc. */
int cv_marriage_consent_get(
    struct db *, struct arena *, long long dossier, struct cv_consent *);

/* ERR_OK when given, else ERR_MARRIAGE_CONSENT_PENDING or (after its
 * window, now) ERR_MARRIAGE_CONSENT_EXPIRED. */
enum err cv_marriage_consent_state(const struct cv_consent *, const char *now);

/* What the approval's transaction registers the marriage under. */
struct cv_registration {
	const char *pid_a; /* the filer */
	long long record_id; /* the civil_record row */
};

/*
 * Inside the approval's transaction: the consent given and the
 * conditions met on the day, registers the marriage of the dossier (the
 * marriage row, the certificate's facts, both parties married).  Sets
 * *why to what refuses it, or ERR_OK.  Returns DB_OK or an enum db_rc.
 */
int cv_marriage_register(struct db *, struct arena *, const struct dossier *,
    const struct cv_registration *, enum err *why);

/* POST /civil/citizen/dossiers/<receipt>/consent: the party asked
 * consents (201; 200 again), within the window. */
enum err cv_marriage_consent(struct req *);

#endif
