/*
 * motcua-notify's private header: the settings, one message as the
 * outbox holds it, and the units that share them.  main.c reads the
 * settings and runs the loop; outbox.c claims due rows and records each
 * attempt; text.c holds the message texts; smtp.c and http.c deliver over
 * a plain TCP socket (net.c) and say how it went.
 */
#ifndef MOTCUA_NOTIFY_H
#define MOTCUA_NOTIFY_H

#include <stddef.h>

#include "sql.h"

struct arena;
struct buf;
struct db;

struct nt_settings {
	const char
	    *public_url; /* the link: public_url/tracking/dossiers/CODE */
	const char *smtp_host;
	int smtp_port;
	const char *smtp_from;
	const char *sms_url; /* http://host[:port]/path */
	const char *sms_body; /* {to}, {text} */
	const char *sms_content_type;
	long poll_ms;
	int max_attempts;
	int batch;
	int timeout; /* seconds, per connect and per read */
	/* sms_url taken apart by nt_parse_url() */
	char sms_host[256];
	int sms_port;
	char sms_path[512];
};

/* One outbox row, claimed for delivery. */
struct nt_message {
	long long id;
	const char *channel; /* "email", "sms" */
	const char *address;
	const char *receipt;
	const char *state; /* as dossier.state stores it */
	int attempts; /* before this one */
};

enum nt_result {
	NT_SENT,
	NT_TEMPORARY, /* try again later */
	NT_PERMANENT, /* never again */
	NT__MAX
};

struct nt_outcome {
	enum nt_result result;
	char detail[64]; /* a reply code or status: never personal data */
};

/* text.c: the subject and the body of a message (Vietnamese, English
 * below), on the arena.  0, or -1 for a state with no text. */
int nt_text(struct arena *, const struct nt_settings *,
    const struct nt_message *, const char **subject, const char **body);

/* net.c: a TCP connection to host:port within timeout seconds (fd or
 * -1); writing all of len (0 or -1); reading what comes within timeout
 * (bytes read, 0 at the end, -1 on an error or a timeout). */
int nt_connect(const char *host, int port, int timeout);
int nt_write(int fd, const char *s, size_t len, int timeout);
long nt_read(int fd, char *s, size_t cap, int timeout);

/* smtp.c: the message as sent after DATA (CRLF line ends, the subject
 * as RFC 2047 encoded-words, dot-stuffed, ended by ".\r\n"), appended
 * to b; and one e-mail sent to the relay; *out says how it went. */
void nt_smtp_message(struct buf *b, const struct nt_settings *,
    const struct nt_message *, const char *subject, const char *body);
void nt_smtp_send(const struct nt_settings *, const struct nt_message *,
    const char *subject, const char *body, struct nt_outcome *out);

/* http.c: sms_url taken apart into the settings (0, or -1 when it is not
 * an http:// URL); the body of an SMS to phone "to" from the sms_body
 * template, appended to b; and one SMS posted to the gateway. */
int nt_parse_url(struct nt_settings *);
void nt_sms_body(struct buf *b, const struct nt_settings *, const char *to,
    const char *text);
void nt_http_send(const struct nt_settings *, const struct nt_message *,
    const char *text, struct nt_outcome *out);

/* outbox.c: the statements, and one round: claims up to batch due rows,
 * delivers each, records how it went; commits.  Returns the number of
 * rows handled (0: none due) or a negative enum db_rc. */
extern const char *const nt_sql[];
extern const size_t nt_nsql;
extern const struct sql_shape nt_shapes[];
int nt_round(struct db *, struct arena *, const struct nt_settings *);

#endif
