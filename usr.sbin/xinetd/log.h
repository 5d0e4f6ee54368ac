/*
 * Logging: the daemon's own messages, and the per-service lines
 * (START, EXIT, FAIL, USERID, NOID, TRAFFIC) in xinetd's formats.
 */

#ifndef LOG_H
#define LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "xcfg.h"

#ifndef __printflike
#define __printflike(f, a)	__attribute__((__format__(__printf__, f, a)))
#endif

/*
 * The longest line written, newline and "YY/M/D@HH:MM:SS: " included.
 * Longer text is cut and ends in "..."; control characters in any line
 * become '?', so no text a peer sends can start a line of its own.
 */
#define LOG_LINE_MAX	2048

/*
 * The daemon's own messages go to stderr when debug is set, to the
 * file filelog when it is not NULL, and to syslog(3) with the given
 * facility otherwise.  ident is the program name shown in syslog.
 *
 * log_open() opens the syslog socket at once (LOG_NDELAY) and loads the
 * time zone, so call it before chroot(2); facility -1 means LOG_DAEMON.
 * It returns -1 with errno set when filelog cannot be opened; messages
 * then go to syslog.  Before log_open() messages go to stderr.
 * log_msg() keeps errno; it knows no %m (use strerror(errno)).
 * log_close() writes pending FAIL summaries and closes everything.
 */
int		 log_open(const char *ident, bool debug, const char *filelog,
		    int facility);
void		 log_close(void);
void		 log_msg(int pri, const char *, ...) __printflike(2, 3);

/*
 * One service line to the destination a service's log_type names.
 * FILE lines get the "YY/M/D@HH:MM:SS: " prefix; syslog lines go at the
 * destination's facility and level.  A FILE destination past its hard
 * limit takes nothing more; crossing the soft limit is reported once.
 */
void		 log_service(const struct xcfg_log *, const char *, ...)
		    __printflike(2, 3);

/*
 * "FAIL: id reason rest": identical (id, reason) failures beyond
 * LOG_FAIL_BURST a second are counted instead of written, and
 * log_summarise() writes one line per suppressed group.
 *
 * A NULL or empty rest gives "FAIL: id reason".  The destination is
 * copied, so the configuration it came from may be freed.  Call
 * log_summarise() about once a second with the monotonic time in
 * milliseconds (CLOCK_MONOTONIC); it writes "FAIL: id reason repeated N
 * more times in S s" for windows that have ended, a line that carries
 * no "from=" so fail2ban does not count it.
 */
#define LOG_FAIL_BURST	20
#define LOG_FAIL_WINDOW_MS 1000
#define LOG_FAIL_PAIRS	256	/* pairs followed at once, at most */
void		 log_fail(const struct xcfg_log *, const char *id,
		    const char *reason, const char *, ...) __printflike(4, 5);
void		 log_summarise(uint64_t now_ms);

/* Close every FILE destination; the next line reopens it (reload). */
void		 log_reopen(void);

/*
 * For tests: replace the monotonic clock log_fail() reads (milliseconds)
 * and the wall clock of the FILE prefix; NULL restores the system's.
 * log_fail_npairs() is how many (id, reason) pairs are followed now.
 */
void		 log_set_clocks(uint64_t (*mono_ms)(void),
		    time_t (*wall)(void));
size_t		 log_fail_npairs(void);

#endif /* LOG_H */
