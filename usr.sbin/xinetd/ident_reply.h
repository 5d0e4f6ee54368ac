/*
 * The reading and parsing of an RFC 1413 ident reply, apart from the
 * query (ident.c), so that the fuzz targets run the daemon's own code.
 */

#ifndef IDENT_REPLY_H
#define IDENT_REPLY_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#define IDENT_LINE_MAX		1000	/* RFC 1413: at most 1000 characters */

/* Wait for poll(2) events what on fd until deadline (event_now_ms). */
int		 ident_wait(int, short, uint64_t);
/*
 * Read the reply from fd into line (size bytes): up to a newline, the
 * end of the input, or size - 1 bytes, NUL-terminated.  The number of
 * bytes read, or -1 with errno when none came in time.
 */
ssize_t		 ident_read(int, char *, size_t, uint64_t);
/*
 * The reply's meaning for the connection from rport to lport: 0 with
 * the user's identification in buf ("os : user"), or -1 with the
 * reason in buf, printable ASCII in both cases.  line is changed.
 */
int		 ident_reply(char *, size_t, int, int, char *, size_t);

#endif /* IDENT_REPLY_H */
