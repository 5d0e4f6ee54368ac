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

#include <stdio.h>
#include <unistd.h>

#include "admin_cmd.h"
#include "daemon.h"

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

/* What xadmin's "show run" and "show avail" list. */
static void
show(int fd, enum admin_cmd cmd)
{
	if (cmd == ADMIN_SHOW_RUN)
		list_servers(fd);
	else
		list_services(fd);
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
		admin_session(fd, show);
		break;
	default:
		break;
	}
	(void)shutdown(fd, SHUT_WR);
	gate_drain(fd);
}
