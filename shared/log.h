/*
 * The one logging API: syslog always, stderr too in the foreground.
 * Anything that came from a request must pass through log_escape() first.
 */
#ifndef MOTCUA_LOG_H
#define MOTCUA_LOG_H

#include <stddef.h>

void log_init(const char *ident, int foreground);
void log_warnx_(const char *func, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void log_info_(const char *func, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void log_debug_(const char *func, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void log_access(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal_(const char *func, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

#define log_warnx(...) log_warnx_(__func__, __VA_ARGS__)
#define log_info(...) log_info_(__func__, __VA_ARGS__)
#define log_debug(...) log_debug_(__func__, __VA_ARGS__)
#define fatal(...) fatal_(__func__, __VA_ARGS__)

/*
 * Copies at most dstsz-1 bytes of src into dst, replacing control bytes,
 * quotes, backslashes and non-ASCII bytes with \xNN so a log line cannot be
 * forged or broken by request data.  Returns dst.
 */
char *log_escape(char *dst, size_t dstsz, const char *src);

#endif
