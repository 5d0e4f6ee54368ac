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

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "ident_reply.h"

#define IDENT_PORT		113
#define IDENT_TIMEOUT_MS	5000

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
		if (ident_wait(fd, POLLOUT, deadline) == -1)
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

/*
 * Ask the client's ident server about connection fd.  Returns 0 with
 * the user's identification in buf ("os : user"), or -1 with the
 * reason in buf.
 */
int
ident_lookup(int fd, const struct peer *p, char *buf, size_t size)
{
	char line[IDENT_LINE_MAX + 1];
	struct peer local;
	uint64_t deadline = event_now_ms() + IDENT_TIMEOUT_MS;
	ssize_t n;
	int s, err;

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
	n = ident_read(s, line, sizeof(line), deadline);
	err = errno;
	close(s);
	if (n == -1) {
		snprintf(buf, size, "%s", strerror(err));
		return -1;
	}
	return ident_reply(line, (size_t)n, p->port, local.port, buf, size);
}
