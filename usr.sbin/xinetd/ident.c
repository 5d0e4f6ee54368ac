/*
 * The RFC 1413 ident query a server's process makes before exec, for
 * flags = IDONLY and the USERID log option: connect back to the
 * client's port 113 from the address the client reached, ask about
 * the connection, and read one line.  The whole exchange gets
 * IDENT_TIMEOUT_MS; it never runs in the daemon.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"

#define IDENT_PORT		113
#define IDENT_TIMEOUT_MS	5000
#define IDENT_LINE_MAX		1000	/* RFC 1413: at most 1000 characters */

/* For tests, which may not use port 113: XINETD_TEST_IDENT_PORT. */
static int
ident_port(void)
{
	const char *env = getenv("XINETD_TEST_IDENT_PORT");
	long v;
	char *end;

	if (env == NULL)
		return IDENT_PORT;
	v = strtol(env, &end, 10);
	if (*env == '\0' || *end != '\0' || v <= 0 || v > 65535)
		return IDENT_PORT;
	return (int)v;
}

static void
set_port(struct sockaddr_storage *ss, int port)
{
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
	else
		((struct sockaddr_in6 *)ss)->sin6_port =
		    htons((uint16_t)port);
}

static int
remaining(uint64_t deadline)
{
	uint64_t now = event_now_ms();

	return now >= deadline ? 0 : (int)(deadline - now);
}

static int
wait_for(int fd, short what, uint64_t deadline)
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

/* Connect from local (port 0) to the peer's ident port. */
static int
ident_connect(const struct peer *local, const struct peer *p,
    uint64_t deadline)
{
	struct sockaddr_storage from = local->ss, to = p->ss;
	socklen_t len = p->len;
	int fd, err;

	if ((fd = socket(p->ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) == -1)
		return -1;
	set_port(&from, 0);
	set_port(&to, ident_port());
	if (from.ss_family == to.ss_family &&
	    bind(fd, (struct sockaddr *)&from, local->len) == -1)
		goto fail;
	if (connect(fd, (struct sockaddr *)&to, len) == -1) {
		if (errno != EINPROGRESS)
			goto fail;
		if (wait_for(fd, POLLOUT, deadline) == -1)
			goto fail;
		len = sizeof(err);
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
			goto fail;
		if (err != 0) {
			errno = err;
			goto fail;
		}
	}
	return fd;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
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
 * "rport , lport : USERID : os : user" or "rport , lport : ERROR : what".
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

/*
 * Ask the client's ident server about connection fd.  Returns 0 with
 * the user's identification in buf ("os : user"), or -1 with the
 * reason in buf.
 */
int
ident_lookup(int fd, const struct peer *p, char *buf, size_t size)
{
	char line[IDENT_LINE_MAX + 1], *text;
	struct peer local;
	uint64_t deadline = event_now_ms() + IDENT_TIMEOUT_MS;
	size_t got = 0;
	ssize_t n;
	int s, rc;

	if (p->len == 0 || peer_local(&local, fd) == -1) {
		snprintf(buf, size, "no address");
		return -1;
	}
	if ((s = ident_connect(&local, p, deadline)) == -1) {
		snprintf(buf, size, "%s", strerror(errno));
		return -1;
	}
	n = snprintf(line, sizeof(line), "%d , %d\r\n", p->port, local.port);
	if (send(s, line, (size_t)n, MSG_NOSIGNAL) != n) {
		snprintf(buf, size, "%s", strerror(errno));
		close(s);
		return -1;
	}
	for (;;) {
		if (wait_for(s, POLLIN, deadline) == -1) {
			snprintf(buf, size, "%s", strerror(errno));
			close(s);
			return -1;
		}
		n = recv(s, line + got, sizeof(line) - 1 - got, 0);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		line[got] = '\0';
		if (strchr(line, '\n') != NULL || got == sizeof(line) - 1)
			break;
	}
	close(s);
	line[got] = '\0';
	if (got == 0) {
		snprintf(buf, size, "no reply");
		return -1;
	}
	line[strcspn(line, "\r\n")] = '\0';
	rc = ident_parse(line, p->port, local.port, &text);
	if (rc == 1) {
		snprintf(buf, size, "%s", text);
		return 0;
	}
	snprintf(buf, size, "%s", rc == 0 ? text : "bad reply");
	return -1;
}
