/*
 * Logging: the daemon's own messages, and the per-service lines
 * (START, EXIT, FAIL, USERID, NOID, TRAFFIC) in xinetd's formats.
 */

#ifndef LOG_H
#define LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "xcfg.h"

#ifndef __printflike
#define __printflike(f, a)	__attribute__((__format__(__printf__, f, a)))
#endif

/*
 * The daemon's own messages go to stderr when debug is set, to the
 * file filelog when it is not NULL, and to syslog(3) with the given
 * facility otherwise.  ident is the program name shown in syslog.
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
 */
#define LOG_FAIL_BURST	20
void		 log_fail(const struct xcfg_log *, const char *id,
		    const char *reason, const char *, ...) __printflike(4, 5);
void		 log_summarise(uint64_t now_ms);

/* Close every FILE destination; the next line reopens it (reload). */
void		 log_reopen(void);

#endif /* LOG_H */
