/*
 * The tcpmux request line (RFC 1078): reading it off the socket
 * without taking any byte past its end, which belong to the server,
 * and finding the name in it.  builtin_stream.c serves the connection.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <string.h>

#include "tcpmux.h"

/* Peek first, then take exactly up to the newline. */
int
tcpmux_read_line(int fd, char *buf, size_t *len, bool *line, bool *eof,
    bool *took)
{
	ssize_t n;
	size_t take;
	char *nl;

	while (!*line && !*eof) {
		n = recv(fd, buf + *len, TCPMUX_LINE_MAX - *len,
		    MSG_PEEK | MSG_DONTWAIT);
		if (n == 0) {
			*eof = true;
			break;
		}
		if (n == -1)
			return errno == EAGAIN || errno == EWOULDBLOCK ||
			    errno == EINTR ? 0 : -1;
		nl = memchr(buf + *len, '\n', (size_t)n);
		take = nl != NULL ? (size_t)(nl - (buf + *len)) + 1 :
		    (size_t)n;
		if ((n = recv(fd, buf + *len, take, MSG_DONTWAIT)) !=
		    (ssize_t)take)
			return -1;
		*len += take;
		*took = true;
		if (nl != NULL)
			*line = true;
		else if (*len >= TCPMUX_LINE_MAX)
			return -1;
	}
	return 0;
}

char *
tcpmux_request(char *buf, size_t len)
{
	buf[len] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}
