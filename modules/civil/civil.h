/*
 * The civil-status module (hộ tịch): private declarations shared by its
 * files: the fields by key, the statements, the procedures and the
 * dossier flow they share (submit.c, decide.c, roles.c).
 */
#ifndef CIVIL_H
#define CIVIL_H

#include <stddef.h>

#include "buf.h"
#include "flow.h"
#include "procedure.h"
#include "req.h"
#include "sql.h"
#include "token.h"

struct arena;
struct db;
struct dossier;

/* The module's fields (main.c), by key. */
enum cv_key {
	CK_NONE,
	/* the flow */
	CK_IDEM, /* idempotency_key */
	CK_APPLICANT, /* applicant_pid: the declarant, at the counter */
	CK_RELATION, /* the declarant's relation: cv_relations */
	CK_COMMUNE, /* commune_code: where to register, when any may */
	CK_REASON, /* an official's reason */
	CK_RECEIPT, /* path: a dossier's receipt code */
	/* death registration */
	CK_DECEASED, /* deceased_pid */
	CK_DEATH_DATE,
	CK_DEATH_TIME,
	CK_DEATH_PLACE,
	CK_NOTICE, /* the death notice's number */
	CK_CAUSE,
	/* papers: confirmations of marital status, extracts */
	CK_PURPOSE, /* a confirmation's purpose, a choice: cv_purposes */
	CK_PURPOSE_TEXT, /* its words; required for "other" */
	CK_VCODE, /* path: a paper's verification code */
	CK_PID, /* the person an extract is about */
	CK_KIND, /* the record's kind, a choice: cv_record_kinds */
	CK_READ_PURPOSE, /* an official's stated purpose of the read */
	/* birth registration */
	CK_CHILD_NAME,
	CK_CHILD_SEX,
	CK_BIRTH_DATE,
	CK_BIRTH_TIME,
	CK_BIRTH_PLACE,
	CK_PLACE_KIND, /* birth_place_kind: cv_place_kinds */
	CK_CERTIFICATE, /* the birth certificate's code */
	CK_MOTHER, /* mother_pid */
	CK_FATHER, /* father_pid */
	CK_TAKES_FROM, /* whose quê quán, ethnicity, nationality: cv_parents */
	CK_RESIDENCE_WITH, /* the bundle: whose residence: cv_parents */
	CK_HEALTH_CARD, /* the bundle: the card, cv_yes_no */
	/* marriage registration */
	CK_OTHER, /* other_pid: the second party */
	/* path: a procedure's form, a choice: cv_proc_slugs */
	CK_PROCEDURE,
	CK__MAX
};

/* A declarant's relation to the person the registration is about. */
enum cv_relation {
	CR_SPOUSE,
	CR_CHILD,
	CR_PARENT,
	CR_SIBLING,
	CR_OTHER,
	/* birth registration */
	CR_GRANDPARENT,
	CR_CARER, /* the child's carer (người đang nuôi dưỡng) */
	CR__MAX
};
extern const char *const cv_relations[CR__MAX + 1];

/*
 * The procedures filed through the flow (submit.c), and the rule naming
 * each one's time limit when an official marks it for verification
 * (NULL: it has none).
 */
enum cv_proc {
	CP_DEATH,
	CP_BIRTH,
	/* marriage registration */
	CP_MARRIAGE,
	CP__MAX
};
extern const struct procedure cv_death, cv_birth, cv_marriage;
extern const struct procedure *const cv_procs[CP__MAX];
extern const char *const cv_verify_rule[CP__MAX];

/* roles.c: the rights a route may require (route.right) */
enum cv_right {
	CV_ANY = 0,
	CV_FILE, /* file a dossier at the counter */
	CV_ACCEPT,
	CV_VERIFY, /* mark a dossier as needing verification */
	CV_APPROVE,
	CV_REJECT,
	CV_RIGHT__MAX
};

/* Returns 1 when the role has the right, else 0. */
int cv_may(const char *role, int right);

/* papers: what a confirmation of marital status is for (CK_PURPOSE) */
enum cv_purpose {
	PU_BANK_LOAN,
	PU_LAND_PROPERTY,
	PU_MARRIAGE_ABROAD,
	PU_EMPLOYMENT,
	PU_OTHER,
	PU__MAX
};
extern const char *const cv_purposes[PU__MAX + 1];

/* papers: the records an extract copies (CK_KIND) */
enum cv_record_kind { CX_BIRTH, CX_MARRIAGE, CX_DEATH, CX__MAX };
extern const char *const cv_record_kinds[CX__MAX + 1];

enum cv_sql {
	CV_OFFICIAL = SQ__MAX,
	CV_RULE,
	/* the flow */
	CV_CITIZEN,
	CV_PERMANENT_COMMUNE,
	CV_COMMUNE,
	CV_DOSSIER_VIEW,
	CV_EVENTS,
	CV_SEPARATION,
	CV_VERIFIED,
	CV_VERIFY_MARK,
	CV_DUE_SET,
	/* death registration */
	CV_SET_DEATH,
	CV_BOOK_BUMP,
	CV_BOOK_GET,
	CV_RECORD_INSERT,
	CV_DEATH_DETAIL,
	CV_LOCK_RECORDS,
	CV_END_RESIDENCE,
	CV_WIDOW,
	CV_END_MARRIAGE,
	CV_RELATED, /* death online: the declarant's relation, from the database */
	/* papers */
	CV_HOME_COMMUNE,
	CV_CONFIRM_BY_KEY,
	CV_CONFIRM_INSERT,
	CV_CONFIRM_BY_CODE,
	CV_RECORD,
	CV_EXTRACT_BY_KEY,
	CV_EXTRACT_INSERT,
	CV_EXTRACT_BY_CODE,
	/* birth registration: pid.c */
	CV_PID_PROVINCE,
	CV_PID_HELD,
	CV_PID_RESERVE,
	CV_PID_BIND,
	/* birth registration: birth.c */
	CV_BIRTH_PARENT,
	CV_BIRTH_PARENT_ID,
	CV_BIRTH_CHILDREN,
	CV_BIRTH_PENDING,
	CV_BIRTH_OPEN,
	CV_BIRTH_STATE,
	CV_BIRTH_LOCK,
	CV_BIRTH_CLEAR,
	CV_BIRTH_HOLD,
	CV_BIRTH_MOTHER_LOCK,
	CV_BIRTH_CITIZEN,
	CV_BIRTH_PID_HISTORY,
	CV_BIRTH_PARENT_LINK,
	CV_BIRTH_FACTS,
	CV_BIRTH_JOIN,
	CV_BIRTH_RESIDENCE,
	CV_BIRTH_CARD,
	CV_BIRTH_DONE,
	/* marriage registration (marriage.c) */
	CV_M_PARTY,
	CV_M_ANCESTORS,
	CV_M_CONSENT_ASK,
	CV_M_CONSENT_GET,
	CV_M_CONSENTS_OF,
	CV_M_CONSENT_GIVE,
	CV_M_RECORD_INSERT,
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

/* A person's facts (CV_CITIZEN); id 0: none. */
struct cv_citizen {
	long long id;
	const char *pid;
	const char *full_name;
	const char *birth_date;
	const char *sex;
	const char *death_date; /* NULL: alive */
	int locked; /* their records are locked (a death) */
	const char *marital_status; /* NULL: unknown */
	const char *civil_version; /* changes with either (013) */
};

int cv_citizen_get(
    struct db *, struct arena *, const char *pid, struct cv_citizen *);

/* The commune of the person's current permanent residence (NULL: none). */
int cv_permanent_commune(
    struct db *, struct arena *, long long citizen, const char **commune);

/*
 * submit.c: a civil submission, online by the signed-on declarant or at
 * the counter by an official, as the procedure's own file sees it.
 *
 * Competence is the civil rule residence_tied on the day of receipt:
 * while it is 1, the commune of the relevant person's residence decides
 * (the procedure's counter_commune finds it, from the request, before
 * anything else is compared); while it is 0, any commune does: the
 * counter's own, or the one the citizen names online (commune_code).
 */
struct proc_submit {
	struct flow_filing f; /* the request, the declarant, the outcome */
	struct cv_citizen declarant;
	const char *received; /* the module's clock: the time of receipt */
	const char *today; /* its day, YYYY-MM-DD */
	long long today_days;
	int tied; /* residence_tied on the day of receipt */
	const char *commune; /* check: the relevant person's residence */
};

/* Appends name=value to the payload; NULL: nothing. */
void cv_payload_put(struct proc_submit *, const char *name, const char *val);

/* Refuses the submission: returns 1 with why set. */
int cv_refuse(struct proc_submit *, enum err why);

enum err cv_file(struct req *);
enum err cv_dossier_view(struct req *);

/*
 * form.c: GET /civil/citizen/forms/<procedure> (CK_PROCEDURE, the slugs
 * of cv_procs in its order), and the form shown again (422) after a
 * citizen's post refused for its fields (the SUBMIT routes' reform).
 */
extern const char *const cv_proc_slugs[CP__MAX + 1];
enum err cv_form(struct req *);
enum err cv_form_again(struct req *);

/* decide.c: officials' decisions */
enum err cv_decide(struct req *);
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

/* The time ("YYYY-MM-DD HH:MM:SS", a date alone being its midnight) n
 * whole days after t, into out. */
void cv_days_after(const char *t, long n, char out[20]);

/* How the two are related, from their ancestors. */
enum cv_kinship cv_kinship(const struct cv_party *, const struct cv_party *);

/*
 * The first condition the marriage of a and b fails on day (deceased,
 * married, under age, same sex, direct line, close kin, in that order),
 * or ERR_OK.
 */
enum err cv_marriage_refusal(const char *day, const struct cv_marriage_law *,
    const struct cv_party *a, const struct cv_party *b);

/* The conditions on one party alone (deceased, married, under age): what
 * a party filing online is told about themself. */
enum err cv_marriage_own_refusal(
    const char *day, const struct cv_marriage_law *, const struct cv_party *a);

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

/* cond.c: ERR_OK when given, else ERR_MARRIAGE_CONSENT_PENDING or
 * (after its window, now) ERR_MARRIAGE_CONSENT_EXPIRED. */
enum err cv_marriage_consent_state(const struct cv_consent *, const char *now);

/* POST /civil/citizen/dossiers/<receipt>/consent: the party asked
 * consents (201; 200 again), within the window. */
enum err cv_marriage_consent(struct req *);

/* GET /civil/citizen/consents: the consents asked of the signed-on
 * citizen and not yet given, with who asks (at most 20, oldest first). */
enum err cv_marriage_consents(struct req *);

/* The same-day cut-off on the day (the rule "cutoff", HH:MM), in
 * minutes after midnight. */
int cv_cutoff(struct db *, struct arena *, const char *day, int *minutes);

/* The commune of the person's current residence on the day, permanent
 * before temporary (NULL: none), with its name. */
int cv_home_commune(struct db *, struct arena *, long long citizen,
    const char *day, const char **commune, const char **name);

/* A confirmation of marital status as verified (CV_CONFIRM_BY_CODE);
 * code NULL: none. */
struct cv_confirmation {
	const char *code;
	const char *receipt;
	const char *full_name;
	const char *pid;
	const char *birth_date;
	const char *sex;
	const char *marital_status;
	const char *purpose;
	const char *purpose_text; /* NULL: none */
	const char *commune;
	const char *commune_name;
	const char *issued_at;
	const char *expires_at;
	int expired; /* at now */
	int changed; /* the civil status changed since: void */
	int deceased; /* the person has died since */
};

int cv_confirmation_get(struct db *, struct arena *, const char *code,
    const char *now, struct cv_confirmation *);

/* The paper already issued for this key by this applicant (stmt:
 * CV_CONFIRM_BY_KEY or CV_EXTRACT_BY_KEY): its code, or NULL. */
int cv_paper_by_key(struct db *, struct arena *, int stmt, long long applicant,
    const char *procedure, const char *key, const char **code);

/* The newest record of the kind about the person (CV_RECORD): its id,
 * 0 when there is none, and its registering commune. */
int cv_record_find(struct db *, struct arena *, const char *kind,
    long long citizen, long long *id, const char **commune);

/* How the person other is related to me: "parent", "child", "spouse",
 * or NULL when not (CV_RELATED, the flow's statement: a spouse still of
 * a marriage a death ended, not of one a divorce did). */
int cv_relative(struct db *, struct arena *, long long me, long long other,
    const char **relation);

/* An extract as verified (CV_EXTRACT_BY_CODE); code NULL: none. */
struct cv_extract {
	const char *code;
	const char *receipt;
	const char *kind;
	const char *paper;
	const char *full_name;
	const char *pid;
	const char *birth_date;
	const char *sex;
	const char *other_name; /* a marriage's other party, or NULL */
	const char *other_pid;
	const char *book;
	const char *number;
	const char *event_date;
	const char *event_place; /* NULL: none recorded */
	const char *commune;
	const char *commune_name;
	const char *registered_at;
	const char *issued_at;
};

int cv_extract_get(
    struct db *, struct arena *, const char *code, struct cv_extract *);

/*
 * paper.c: the dossier of a paper issued at once, through the shared
 * lifecycle, received at now (the module's clock, whose day's cut-off
 * sets the due date), by the citizen online or by r's official at the
 * counter, and the paper's verification code.  Inside a transaction;
 * returns DB_OK or an enum db_rc.
 */
struct cv_paper {
	int proc; /* proc_catalog's row */
	const char *commune; /* whose officials issue it */
	long long applicant;
	int counter; /* filed by r's official */
	const char *key;
	const char *basis; /* why it is issued at once */
	long long dossier; /* out */
	const char *receipt; /* out */
	char code[TOKEN_LEN + 1]; /* out */
};

int cv_paper_dossier(struct db *, struct arena *, struct req *, const char *now,
    struct cv_paper *);

/* confirmation.c, extract.c */
enum err cv_confirm_issue(struct req *);
/* paper_form.c: the pages the papers are asked from */
enum err cv_confirm_form(struct req *);
enum err cv_confirm_again(struct req *);
enum err cv_extract_form(struct req *);
enum err cv_extract_again(struct req *);
enum err cv_confirm_verify(struct req *);
enum err cv_extract_citizen(struct req *);
enum err cv_extract_official(struct req *);
enum err cv_extract_verify(struct req *);
/*
 * record.c: the next number in the registering commune's book of a kind
 * ("KS" births, "KT" deaths, "KH" marriages) for the year, "12/2026"
 * (civil_book_seq, bumped under its row lock, so two registrations never
 * draw the same number).  Inside a transaction; returns DB_OK or an enum
 * db_rc.
 */
int cv_book_next(struct db *, struct arena *, const char *commune,
    const char *book, int year, const char **number);

/*
 * Birth registration (birth.c): the choices its fields take, and the
 * action that clears a hold for a possible duplicate.
 */
enum cv_parent { CB_MOTHER, CB_FATHER, CB__MAX };
extern const char *const cv_parents[CB__MAX + 1];
enum cv_place_kind { CPK_FACILITY, CPK_ADDRESS, CPK__MAX };
extern const char *const cv_place_kinds[CPK__MAX + 1];
enum cv_yes_no { CYN_YES, CYN_NO, CYN__MAX };
extern const char *const cv_yes_no[CYN__MAX + 1];

/* POST /civil/official/dossiers/<receipt>/not-duplicate */
enum err cv_birth_clear(struct req *);

/*
 * pid.c: a child's new personal number.
 */

/* Draws of six random digits before a registration gives up. */
#define CV_PID_TRIES 32

/* The century-and-sex digit (19xx: 0 for "M", 1 for "F"; 20xx: 2/3;
 * 21xx: 4/5 ...), or -1 for a year or sex it has none for. */
int cv_pid_digit(int year, const char *sex);

/* Writes the number of a child born in year, of sex, for the pre-2025
 * province (two digits) and the six digits (0 to 999999).  0, or -1. */
int cv_pid_compose(char pid[13], const char *province, int year,
    const char *sex, unsigned long six);

/* Six random digits, each value equally likely.  0, or -1 without
 * entropy. */
int cv_pid_six(unsigned long *six);

/* The pre-2025 province of a commune in the code table in force on day.
 * Returns DB_OK or an enum db_rc (DB_ERR: the commune has none). */
int cv_pid_province(struct db *, struct arena *, const char *commune,
    const char *day, char province[3]);

/*
 * Inside a transaction: draws a new number for a child born on birth
 * (YYYY-MM-DD) of sex, registered by commune at now (YYYY-MM-DD
 * HH:MM:SS), one nobody holds or held, that the validator (valid_pid)
 * passes, and reserves it in pid_assignment; a collision draws again, at
 * most CV_PID_TRIES times.  Returns DB_OK or an enum db_rc.
 */
int cv_pid_assign(struct db *, struct arena *, const char *commune,
    const char *birth, const char *sex, const char *now, char pid[13]);

/* Ties the reserved number to the citizen given it.  DB_OK or a db_rc. */
int
cv_pid_bind(struct db *, struct arena *, const char *pid, long long citizen);

/*
 * dup.c: possible duplicate births.
 */

/* The key names are compared on: text_name_key() without diacritics
 * (marks dropped, đ as d).  NULL for invalid UTF-8. */
char *cv_name_fold(struct arena *, const char *name);

/* The Levenshtein distance between two strings, in code points (of the
 * first 100 of each). */
int cv_edit_distance(const char *, const char *);

/* The edits allowed between names of this many letters: 0 below 4, 1
 * for 4 to 6, 2 for 7 and more. */
int cv_name_allowance(size_t letters);

/* Whether two names are alike: their folded keys within the allowance of
 * the shorter's letters. */
int cv_name_similar(struct arena *, const char *, const char *);

/* The windows, in days (the civil rules birth_dup_days and
 * birth_dup_twin_days). */
struct cv_dup_rules {
	long dup_days; /* another child this close: a duplicate */
	long twin_days; /* this close: a duplicate only by a similar name */
};

/* A child the mother already has (or is declaring in another dossier). */
struct cv_sibling {
	const char *name;
	const char *birth; /* YYYY-MM-DD */
};

enum cv_dup {
	CV_DUP_NONE,
	CV_DUP_NAME, /* a similar name born within twin_days */
	CV_DUP_SIBLING, /* born more than twin_days, at most dup_days apart */
};

/*
 * Whether a child named name born on birth (YYYY-MM-DD) is possibly one
 * of the mother's children sib[0..nsib), and which one (*which).
 */
enum cv_dup cv_dup_check(struct arena *, const struct cv_dup_rules *,
    const char *name, const char *birth, const struct cv_sibling *sib,
    size_t nsib, size_t *which);

#endif
