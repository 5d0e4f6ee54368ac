/*
 * SIGUSR1: write the daemon's state to the dump file, for people.
 * The file is written beside its final name and renamed into place.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"

#ifndef PATH_XINETD_DUMP
#define PATH_XINETD_DUMP	"/var/run/xinetd.dump"
#endif

static const char *
dump_path(void)
{
	const char *env = getenv("XINETD_DUMP_FILE");

	return env != NULL && env[0] != '\0' ? env : PATH_XINETD_DUMP;
}

static const char *
socktype_name(int type)
{
	switch (type) {
	case SOCK_STREAM:
		return "stream";
	case SOCK_DGRAM:
		return "dgram";
	case SOCK_RAW:
		return "raw";
	case SOCK_SEQPACKET:
		return "seqpacket";
	default:
		return "?";
	}
}

static void
when(char *buf, size_t size, time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, size, "%lld", (long long)t);
}

static void
dump_service(FILE *fp, const struct service *svc)
{
	const struct xcfg_service *cfg = svc->cfg;
	const struct listener *l;
	struct peer local;
	int i;

	fprintf(fp, "service %s%s\n", cfg->id, svc->retired ?
	    " (removed; servers still running)" : "");
	fprintf(fp, "\tsocket_type %s, wait %s, server %s\n",
	    socktype_name(cfg->socktype), cfg->wait ? "yes" : "no",
	    cfg->server ? cfg->server : "-");
	for (i = 0; i < svc->nl; i++) {
		l = &svc->l[i];
		if (l->fd == -1) {
			fprintf(fp, "\tlistener: not open: %s\n",
			    strerror(l->bind_errno));
			continue;
		}
		if (l->family == AF_UNIX)
			fprintf(fp, "\tlistener: fd %d, %s\n", l->fd,
			    cfg->bind);
		else if (peer_local(&local, l->fd) == 0)
			fprintf(fp, "\tlistener: fd %d, %s port %d%s%s\n",
			    l->fd, local.addr, local.port,
			    l->v6only == 0 ? " (IPv4 too)" : "",
			    l->handed ? ", with its server" :
			    l->watched ? "" : ", paused");
	}
	fprintf(fp, "\trunning %d, started %lu, failed %lu\n", svc->running,
	    svc->started, svc->failed);
}

static void
dump_children(FILE *fp)
{
	const struct child *c;
	char start[64];
	size_t i;

	fprintf(fp, "servers running: %zu\n", daemon_state.nchildren);
	for (i = 0; i < daemon_state.ctabsize; i++)
		for (c = daemon_state.ctab[i]; c != NULL; c = c->hnext) {
			when(start, sizeof(start), c->start);
			fprintf(fp, "\tpid %ld, service %s, from %s, since "
			    "%s\n", (long)c->pid, c->cfg->id,
			    c->peer.addr[0] ? c->peer.addr : "-", start);
		}
}

static void
dump_write(FILE *fp)
{
	const struct service *svc;
	char now[64], start[64];
	size_t i;

	when(now, sizeof(now), time(NULL));
	when(start, sizeof(start), daemon_state.started);
	fprintf(fp, "xinetd state dump at %s\n", now);
	fprintf(fp, "pid %ld, running since %s, %s event loop\n",
	    (long)getpid(), start, event_backend_name(daemon_state.loop));
	fprintf(fp, "services: %zu\n\n", daemon_state.nsvc);
	for (i = 0; i < daemon_state.nsvc; i++)
		dump_service(fp, daemon_state.svc[i]);
	for (svc = daemon_state.retired; svc != NULL; svc = svc->next)
		dump_service(fp, svc);
	fputc('\n', fp);
	dump_children(fp);
}

void
state_dump(void)
{
	const char *path = dump_path();
	char *tmp;
	FILE *fp;
	int fd;

	if (asprintf(&tmp, "%s.XXXXXX", path) == -1) {
		log_msg(LOG_ERR, "state dump: out of memory");
		return;
	}
	if ((fd = mkstemp(tmp)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		log_msg(LOG_ERR, "state dump: %s: %s", tmp, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return;
	}
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	(void)fchmod(fd, 0644);
	dump_write(fp);
	if (fclose(fp) == EOF || rename(tmp, path) == -1) {
		log_msg(LOG_ERR, "state dump: %s: %s", path, strerror(errno));
		unlink(tmp);
	} else
		log_msg(LOG_INFO, "state dumped to %s", path);
	free(tmp);
}
