/*
 * An RFC 1413 ident reply: read one line, within the query's time,
 * and parse "rport , lport : USERID : os : user" or
 * "rport , lport : ERROR : what".  Only printable ASCII of it goes on,
 * to a log or a server's environment.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "event.h"
#include "ident_reply.h"

static int
remaining(uint64_t deadline)
{
	uint64_t now = event_now_ms();

	return now >= deadline ? 0 : (int)(deadline - now);
}

int
ident_wait(int fd, short what, uint64_t deadline)
{
	struct pollfd pfd;
	int n;

	pfd.fd = fd;
	pfd.events = what;
	do
		n = poll(&pfd, 1, remaining(deadline));
	while (n == -1 && errno == EINTR);
	if (n == 0)
		errno = ETIMEDOUT;
	return n > 0 ? 0 : -1;
}

ssize_t
ident_read(int s, char *line, size_t size, uint64_t deadline)
{
	size_t got = 0;
	ssize_t n;

	for (;;) {
		if (ident_wait(s, POLLIN, deadline) == -1)
			return -1;
		n = recv(s, line + got, size - 1 - got, 0);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		line[got] = '\0';
		if (strchr(line, '\n') != NULL || got == size - 1)
			break;
	}
	line[got] = '\0';
	return (ssize_t)got;
}

/* Trim blanks at both ends, in place. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

/* Only printable ASCII goes to a log. */
static void
printable(char *s)
{
	for (; *s != '\0'; s++)
		if (!isprint((unsigned char)*s))
			*s = '?';
}

/*
 * Returns 1 with the text after USERID, 0 with the error (*text the
 * reason), or -1 for a reply that does not answer the question.
 */
static int
ident_parse(char *line, int rport, int lport, char **text)
{
	char *ports, *kind, *rest;
	int a, b;

	ports = line;
	if ((kind = strchr(ports, ':')) == NULL)
		return -1;
	*kind++ = '\0';
	if ((rest = strchr(kind, ':')) == NULL)
		return -1;
	*rest++ = '\0';
	if (sscanf(ports, " %d , %d", &a, &b) != 2 || a != rport ||
	    b != lport)
		return -1;
	kind = trim(kind);
	rest = trim(rest);
	printable(rest);
	*text = rest;
	if (strcmp(kind, "USERID") == 0 && *rest != '\0')
		return 1;
	if (strcmp(kind, "ERROR") == 0)
		return 0;
	return -1;
}

int
ident_reply(char *line, size_t got, int rport, int lport, char *buf,
    size_t size)
{
	char *text;
	int rc;

	if (got == 0) {
		snprintf(buf, size, "no reply");
		return -1;
	}
	line[strcspn(line, "\r\n")] = '\0';
	rc = ident_parse(line, rport, lport, &text);
	if (rc == 1) {
		snprintf(buf, size, "%s", text);
		return 0;
	}
	snprintf(buf, size, "%s", rc == 0 ? text : "bad reply");
	return -1;
}
