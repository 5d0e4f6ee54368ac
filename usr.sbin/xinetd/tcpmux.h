/*
 * The tcpmux request line (RFC 1078), apart from the connection it
 * arrives on, so that the fuzz targets run the daemon's own code.
 */

#ifndef TCPMUX_H
#define TCPMUX_H

#include <stdbool.h>
#include <stddef.h>

#define TCPMUX_LINE_MAX	512

/*
 * Read toward the end of the request line from fd, which must not
 * block, into buf (TCPMUX_LINE_MAX bytes at least) after the *len
 * bytes there.  No byte past the newline is taken.  Sets *line when the
 * line is in, *eof at the end of the input, *took when a byte came.
 * Returns 0, or -1 when the connection is broken or the line too long.
 */
int		 tcpmux_read_line(int, char *, size_t *, bool *, bool *,
		    bool *);
/*
 * The service name a request line of len bytes in buf asks for, cut at
 * its first CR or LF, in place: buf has room for len + 1 bytes.
 */
char		*tcpmux_request(char *, size_t);

#endif /* TCPMUX_H */
