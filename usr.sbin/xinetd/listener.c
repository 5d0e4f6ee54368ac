/*
 * Listening sockets: one per service and address family, opened with
 * the options the service asks for, and reopened periodically when the
 * address is not available yet.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"

#define LISTEN_BACKLOG_DEFAULT	4096	/* the kernel may cap it lower */
#define LISTEN_RETRY_MS		5000
#define LISTEN_SOON_MS		50	/* after a first EADDRINUSE */

static bool
str_same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Whether a reload may keep the sockets of a service. */
bool
listener_same(const struct xcfg_service *a, const struct xcfg_service *b)
{
	return a->type == b->type && a->wait == b->wait &&
	    a->socktype == b->socktype && a->protonum == b->protonum &&
	    str_same(a->protocol, b->protocol) && a->family == b->family &&
	    a->port == b->port && str_same(a->bind, b->bind) &&
	    a->rpc_lo == b->rpc_lo && a->rpc_hi == b->rpc_hi &&
	    a->rpc_number == b->rpc_number &&
	    (a->flags & XCFG_FLAG_FAITH) == (b->flags & XCFG_FLAG_FAITH);
}

/*
 * A stream nowait listener is only ever accepted on by the daemon, and
 * the socket of a built-in is only ever used by it.
 */
static bool
listener_nonblocking(const struct xcfg_service *cfg)
{
	if (builtin_of(cfg) != BUILTIN_NONE)
		return true;
	return cfg->socktype != SOCK_DGRAM && cfg->socktype != SOCK_RAW &&
	    !cfg->wait;
}

/* Any address, or a literal one, without the resolver. */
static int
listener_addr_numeric(const struct xcfg_service *cfg, int af,
    struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (af == AF_INET) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)cfg->port);
		*len = sizeof(*s4);
		if (cfg->bind == NULL)
			return 0;
		return inet_pton(AF_INET, cfg->bind, &s4->sin_addr) == 1 ?
		    0 : -1;
	}
	s6->sin6_family = AF_INET6;
	s6->sin6_port = htons((uint16_t)cfg->port);
	*len = sizeof(*s6);
	if (cfg->bind == NULL)
		return 0;
	return inet_pton(AF_INET6, cfg->bind, &s6->sin6_addr) == 1 ? 0 : -1;
}

/* The address to bind for family af: the bind attribute or any. */
static int
listener_addr(const struct xcfg_service *cfg, int af,
    struct sockaddr_storage *ss, socklen_t *len)
{
	struct addrinfo hints, *res;
	char port[16];
	int rv;

	if (listener_addr_numeric(cfg, af, ss, len) == 0)
		return 0;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = af;
	hints.ai_socktype = cfg->socktype;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(port, sizeof(port), "%d", cfg->port);
	rv = getaddrinfo(cfg->bind, port, &hints, &res);
	if (rv != 0) {
		errno = EADDRNOTAVAIL;
		return -1;
	}
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static int
listener_unix_addr(const struct xcfg_service *cfg,
    struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)ss;

	memset(ss, 0, sizeof(*ss));
	if (cfg->bind == NULL ||
	    strlen(cfg->bind) >= sizeof(sun->sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	sun->sun_family = AF_UNIX;
	strlcpy(sun->sun_path, cfg->bind, sizeof(sun->sun_path));
	*len = sizeof(*sun);
	(void)unlink(cfg->bind);
	return 0;
}

static int
sockopt_int(int fd, int level, int name, int value)
{
	return setsockopt(fd, level, name, &value, sizeof(value));
}

static int
listener_timestamps(int fd)
{
#ifdef SO_TIMESTAMPNS
	return sockopt_int(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1);
#else
	return sockopt_int(fd, SOL_SOCKET, SO_TIMESTAMP, 1);
#endif
}

static int
listener_backlog(const struct xcfg_service *cfg)
{
	return cfg->backlog > 0 ? cfg->backlog : LISTEN_BACKLOG_DEFAULT;
}

static int
listener_socket(const struct xcfg_service *cfg, int af, int v6only)
{
	int fd, type = cfg->socktype;

#ifdef SOCK_CLOEXEC
	type |= SOCK_CLOEXEC;
	if (listener_nonblocking(cfg))
		type |= SOCK_NONBLOCK;
#endif
	/* Raw and seqpacket (SCTP) sockets need their protocol. */
	fd = socket(af, type, cfg->socktype == SOCK_RAW ||
	    cfg->socktype == SOCK_SEQPACKET ? cfg->protonum : 0);
	if (fd == -1)
		return -1;
#ifndef SOCK_CLOEXEC
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) == -1 ||
	    (listener_nonblocking(cfg) &&
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1))
		goto fail;
#endif
	if (cfg->socktype == SOCK_STREAM && af != AF_UNIX &&
	    sockopt_int(fd, SOL_SOCKET, SO_REUSEADDR, 1) == -1)
		goto fail;
	if (af == AF_INET6 &&
	    sockopt_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, v6only) == -1)
		goto fail;
	/* Arrival times tell one queued datagram from the next. */
	if (cfg->socktype == SOCK_DGRAM && listener_timestamps(fd) == -1)
		goto fail;
	if (cfg->sndbuf > 0 &&
	    sockopt_int(fd, SOL_SOCKET, SO_SNDBUF, cfg->sndbuf) == -1)
		goto fail;
	if (cfg->rcvbuf > 0 &&
	    sockopt_int(fd, SOL_SOCKET, SO_RCVBUF, cfg->rcvbuf) == -1)
		goto fail;
	return fd;
fail:
	close(fd);
	return -1;
}

/* Open one listener; on failure its errno says why. */
static int
listener_open(struct listener *l)
{
	const struct xcfg_service *cfg = l->svc->cfg;
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, saved;

	if ((l->family == AF_UNIX ? listener_unix_addr(cfg, &ss, &len) :
	    listener_addr(cfg, l->family, &ss, &len)) == -1 ||
	    (fd = listener_socket(cfg, l->family, l->v6only)) == -1) {
		l->bind_errno = errno;
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&ss, len) == -1 ||
	    ((cfg->socktype == SOCK_STREAM ||
	    cfg->socktype == SOCK_SEQPACKET) &&
	    listen(fd, listener_backlog(cfg)) == -1) ||
	    event_fd_add(daemon_state.loop, fd, EV_READ, listener_ready,
	    l) == -1) {
		saved = errno;
		close(fd);
		l->bind_errno = saved;
		return -1;
	}
	l->fd = fd;
	l->watched = true;
	l->handed = false;
	l->bind_errno = 0;
	return 0;
}

static const char *
family_name(const struct listener *l)
{
	if (l->family == AF_INET)
		return "IPv4";
	if (l->family == AF_UNIX)
		return "unix";
	return l->v6only ? "IPv6" : "IPv6 and IPv4";
}

static void listeners_retry(struct event_loop *, void *);

/*
 * Open what is not open yet; schedule another try for what failed.
 *
 * A socket the daemon has just closed may still be open: a server
 * started a moment before from vfork holds a copy of every descriptor
 * until its execve closes them, and the kernel lets the parent run
 * again before that.  So a reload that closes a listener and opens
 * one on the same address can meet EADDRINUSE for a millisecond or
 * so.  A first EADDRINUSE is tried again soon, and only logged if it
 * persists.
 */
static void
listeners_try(struct service *svc, bool quiet)
{
	struct listener *l;
	int i, failed = 0, opened = 0, saved;
	bool soon = false;

	for (i = 0; i < svc->nl; i++) {
		l = &svc->l[i];
		if (l->fd != -1)
			continue;
		saved = l->bind_errno;
		if (listener_open(l) == 0) {
			opened++;
			if (saved != 0)
				log_msg(LOG_NOTICE, "%s: listening on %s "
				    "port %d (%s)", svc->cfg->id,
				    svc->cfg->bind ? svc->cfg->bind : "*",
				    svc->cfg->port, family_name(l));
			continue;
		}
		failed++;
		if (!quiet && l->bind_errno == EADDRINUSE) {
			l->bind_errno = 0;
			soon = true;
			continue;
		}
		if (!quiet || l->bind_errno != saved)
			log_msg(LOG_ERR, "%s: cannot listen on %s port %d "
			    "(%s): %s; retrying every %d s", svc->cfg->id,
			    svc->cfg->bind ? svc->cfg->bind : "*",
			    svc->cfg->port, family_name(l),
			    strerror(l->bind_errno),
			    LISTEN_RETRY_MS / 1000);
	}
	if (opened > 0)
		rpc_changed(svc);
	if (failed > 0 && svc->retry == NULL)
		svc->retry = event_timer_add(daemon_state.loop,
		    soon ? LISTEN_SOON_MS : LISTEN_RETRY_MS, listeners_retry,
		    svc);
}

static void
listeners_retry(struct event_loop *loop, void *arg)
{
	struct service *svc = arg;

	(void)loop;
	svc->retry = NULL;
	listeners_try(svc, true);
}

/* Room for n listeners, none open yet. */
static int
listeners_alloc(struct service *svc, int n)
{
	int i;

	if ((svc->l = calloc((size_t)n, sizeof(*svc->l))) == NULL)
		return -1;
	svc->nl = n;
	for (i = 0; i < n; i++) {
		svc->l[i].svc = svc;
		svc->l[i].fd = -1;
		if ((svc->cfg->socktype == SOCK_DGRAM ||
		    svc->cfg->socktype == SOCK_RAW) &&
		    (svc->l[i].head = calloc(1,
		    sizeof(*svc->l[i].head))) == NULL) {
			listeners_free(svc);
			return -1;
		}
	}
	return 0;
}

static void
listener_plan(struct listener *l, int family, int v6only)
{
	l->family = family;
	l->v6only = v6only;
}

/*
 * One IPv6 socket that takes IPv4 too, where the kernel allows that;
 * else an IPv4 and an IPv6-only socket.  XINETD_DUALSTACK=split forces
 * the second way so tests cover it on any system.  Returns how many.
 */
static int
listeners_dual(void)
{
	const char *env = getenv("XINETD_DUALSTACK");
	static int how;
	int fd;

	if (how != 0)
		return how;
	how = 2;
	if (env == NULL || strcmp(env, "split") != 0) {
		fd = socket(AF_INET6, SOCK_DGRAM, 0);
		if (fd != -1 && sockopt_int(fd, IPPROTO_IPV6, IPV6_V6ONLY,
		    0) == 0)
			how = 1;
		else if (fd == -1 && errno == EAFNOSUPPORT)
			how = -1;
		if (fd != -1)
			close(fd);
	}
	if (how == 1)
		log_msg(LOG_INFO, "dual-stack services use one socket: "
		    "IPv6, taking IPv4 too");
	else if (how == 2)
		log_msg(LOG_NOTICE, "dual-stack services use two sockets: "
		    "IPv4, and IPv6 only");
	else if (how == -1)
		log_msg(LOG_NOTICE, "no IPv6 on this system; dual-stack "
		    "services listen on IPv4");
	return how;
}

static int
listeners_plan(struct service *svc)
{
	int how;

	switch (svc->cfg->family) {
	case XCFG_FAMILY_INET:
		if (listeners_alloc(svc, 1) == -1)
			return -1;
		listener_plan(&svc->l[0], AF_INET, -1);
		return 0;
	case XCFG_FAMILY_INET6:
		if (listeners_alloc(svc, 1) == -1)
			return -1;
		listener_plan(&svc->l[0], AF_INET6, 1);
		return 0;
	case XCFG_FAMILY_UNIX:
		if (listeners_alloc(svc, 1) == -1)
			return -1;
		listener_plan(&svc->l[0], AF_UNIX, -1);
		return 0;
	default:
		break;
	}
	how = listeners_dual();
	if (listeners_alloc(svc, how == 2 ? 2 : 1) == -1)
		return -1;
	if (how == 1)
		listener_plan(&svc->l[0], AF_INET6, 0);
	else
		listener_plan(&svc->l[0], AF_INET, -1);
	if (how == 2)
		listener_plan(&svc->l[1], AF_INET6, 1);
	return 0;
}

int
listeners_open(struct service *svc)
{
	/* Reached through tcpmux only: no socket of its own. */
	if (svc->cfg->type & (XCFG_TYPE_TCPMUX | XCFG_TYPE_TCPMUXPLUS))
		return 0;
	if (svc->l == NULL && listeners_plan(svc) == -1) {
		log_msg(LOG_ERR, "%s: out of memory", svc->cfg->id);
		return -1;
	}
	listeners_try(svc, false);
	return 0;
}

/* Close every socket; the listeners stay until the service goes. */
void
listeners_close(struct service *svc)
{
	struct listener *l;
	int i, closed = 0;

	event_timer_cancel(daemon_state.loop, svc->retry);
	svc->retry = NULL;
	event_timer_cancel(daemon_state.loop, svc->rearm);
	svc->rearm = NULL;
	for (i = 0; i < svc->nl; i++) {
		l = &svc->l[i];
		event_timer_cancel(daemon_state.loop, l->check);
		l->check = NULL;
		if (l->fd == -1)
			continue;
		event_fd_del(daemon_state.loop, l->fd);
		close(l->fd);
		l->fd = -1;
		closed++;
		if (l->family == AF_UNIX && svc->cfg->bind != NULL)
			(void)unlink(svc->cfg->bind);
	}
	if (closed > 0)
		rpc_changed(svc);
}

void
listeners_free(struct service *svc)
{
	int i;

	for (i = 0; i < svc->nl; i++)
		free(svc->l[i].head);
	free(svc->l);
	svc->l = NULL;
	svc->nl = 0;
}

/* Settings a reload may change on sockets that stay open. */
void
listeners_update(struct service *svc, const struct xcfg_service *cfg)
{
	struct listener *l;
	int i;

	for (i = 0; i < svc->nl; i++) {
		l = &svc->l[i];
		if (l->fd == -1)
			continue;
		if (cfg->backlog != svc->cfg->backlog &&
		    (cfg->socktype == SOCK_STREAM ||
		    cfg->socktype == SOCK_SEQPACKET))
			(void)listen(l->fd, listener_backlog(cfg));
		if (cfg->sndbuf > 0 && cfg->sndbuf != svc->cfg->sndbuf)
			(void)sockopt_int(l->fd, SOL_SOCKET, SO_SNDBUF,
			    cfg->sndbuf);
		if (cfg->rcvbuf > 0 && cfg->rcvbuf != svc->cfg->rcvbuf)
			(void)sockopt_int(l->fd, SOL_SOCKET, SO_RCVBUF,
			    cfg->rcvbuf);
	}
}

void
listener_watch(struct listener *l, bool on)
{
	if (l->fd == -1 || l->watched == on)
		return;
	if (event_fd_set(daemon_state.loop, l->fd, on ? EV_READ : 0) == 0)
		l->watched = on;
}
