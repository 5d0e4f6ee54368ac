/*
 * xinetd's administration built-ins, kept for compatibility.  They
 * exist only where the configuration defines them, and show anyone
 * they admit what the daemon serves and to whom:
 *
 *	services	one line per service: id, protocol, port
 *	servers		one line per running server process: id, the
 *			client's address ("-" for none), pid; these three
 *			built-ins' own processes are not listed
 *	xadmin		a prompt ("> ") taking "help", "show run" (as
 *			servers), "show avail" (as services), and "bye",
 *			"exit" or "quit"
 *
 * Each runs in a process of its own, on the table as it was when the
 * client came, so the daemon never waits on a slow reader.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "daemon.h"

#define ADMIN_LINE_MAX		256
#define ADMIN_IDLE_MS		60000
#define ADMIN_MAX_S		600	/* a whole session, at most */

static void
list_services(int fd)
{
	const struct xcfg_service *cfg;
	size_t i;

	for (i = 0; i < daemon_state.nsvc; i++) {
		cfg = daemon_state.svc[i]->cfg;
		if (dprintf(fd, "%s %s %d\n", cfg->id,
		    cfg->protocol != NULL ? cfg->protocol : "-",
		    cfg->port) < 0)
			return;
	}
}

static void
list_servers(int fd)
{
	const struct child *c;
	size_t i;

	for (i = 0; i < daemon_state.ctabsize; i++)
		for (c = daemon_state.ctab[i]; c != NULL; c = c->hnext) {
			/* Not look-ups, nor the listings' own processes. */
			if (c->logger || c->svc->builtin == BUILTIN_SERVICES ||
			    c->svc->builtin == BUILTIN_SERVERS ||
			    c->svc->builtin == BUILTIN_XADMIN)
				continue;
			if (dprintf(fd, "%s %s %ld\n", c->cfg->id,
			    c->peer.addr[0] != '\0' ? c->peer.addr : "-",
			    (long)c->pid) < 0)
				return;
		}
}

/* One command line, without its end: its length, or -1 at the end. */
static ssize_t
read_line(int fd, char *buf, size_t size)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t len = 0;
	ssize_t n;
	char ch;

	for (;;) {
		if (poll(&pfd, 1, ADMIN_IDLE_MS) <= 0)
			return -1;
		if ((n = recv(fd, &ch, 1, 0)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			return -1;
		}
		if (ch == '\n')
			break;
		if (len + 1 < size)
			buf[len++] = ch;
	}
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	return (ssize_t)len;
}

static void
xadmin(int fd)
{
	char line[ADMIN_LINE_MAX];
	const char *cmd;

	for (;;) {
		if (dprintf(fd, "> ") < 0 ||
		    read_line(fd, line, sizeof(line)) == -1)
			return;
		cmd = line + strspn(line, " \t");
		if (*cmd == '\0')
			continue;
		if (strcasecmp(cmd, "help") == 0)
			(void)dprintf(fd, "help\nshow run\nshow avail\n"
			    "bye, exit, quit\n");
		else if (strcasecmp(cmd, "show run") == 0)
			list_servers(fd);
		else if (strcasecmp(cmd, "show avail") == 0)
			list_services(fd);
		else if (strcasecmp(cmd, "bye") == 0 ||
		    strcasecmp(cmd, "exit") == 0 ||
		    strcasecmp(cmd, "quit") == 0)
			return;
		else
			(void)dprintf(fd, "unknown command: try help\n");
	}
}

/* In a process of its own: serve the connection, then return. */
void
admin_serve(enum builtin kind, int fd)
{
	/* The default action of SIGALRM ends a session that lingers. */
	(void)alarm(ADMIN_MAX_S);
	switch (kind) {
	case BUILTIN_SERVICES:
		list_services(fd);
		break;
	case BUILTIN_SERVERS:
		list_servers(fd);
		break;
	case BUILTIN_XADMIN:
		xadmin(fd);
		break;
	default:
		break;
	}
	(void)shutdown(fd, SHUT_WR);
	gate_drain(fd);
}
