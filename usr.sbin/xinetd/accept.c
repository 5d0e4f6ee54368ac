/*
 * What a readable listener means: accept and start a server (stream
 * nowait), or hand the socket to a server (wait = yes, and datagram
 * nowait).  Limits that need no I/O are checked here, before any
 * process exists.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"
#include "svclog.h"

#define ACCEPT_BATCH		32	/* connections per wakeup */
#define ACCEPT_PAUSE_MS		100	/* after EMFILE and friends */
#define ACCEPT_ERRLOG_MS	10000	/* one such error per 10 s */
#define HANDOVER_PAUSE_MS	1000	/* wait = yes server not started */
#define FORK_RETRY_MS		1000	/* no process could be made */
#define DGRAM_CHECK_FIRST_MS	2
#define DGRAM_CHECK_MAX_MS	100

static void
accept_resume(struct event_loop *loop, void *arg)
{
	struct listener *l = arg;

	(void)loop;
	l->check = NULL;
	listener_watch(l, true);
}

/* Stop watching a listener for a while. */
static void
listener_pause(struct listener *l, uint64_t ms)
{
	listener_watch(l, false);
	event_timer_cancel(daemon_state.loop, l->check);
	l->check = event_timer_add(daemon_state.loop, ms, accept_resume, l);
}

/*
 * Start the server; fd is what it gets on 0, 1 and 2.  The pid, -1
 * when the request is refused, -2 when no process could be made and
 * the listener l waits before trying again (unless NORETRY), or -3
 * when a built-in serves the connection in the loop and keeps fd.
 */
static pid_t
server_start(struct service *svc, int fd, const struct peer *p,
    struct listener *l, bool handing)
{
	struct gate_plan plan;
	struct child *c;
	const char *why;
	pid_t pid;
	int err;

	if ((why = checks_refuse(svc, p)) != NULL) {
		svc->failed++;
		svclog_fail(svc->cfg, why, p);
		if (!handing)
			gate_refused(svc, fd, p, why);
		return -1;
	}
	if (svc->cfg->flags & XCFG_FLAG_SENSOR) {
		/* A sensor starts nothing: it lists the client. */
		sensor_touch(svc, p);
		svc->failed++;
		svclog_fail(svc->cfg, "sensor", p);
		return -1;
	}
	if (svc->cfg->redirect_host != NULL) {
		/* As a built-in: a process relays after I/O checks. */
		if (!gate_plan(svc, p, &plan))
			return redirect_start(svc, fd, p) == 0 ? -3 : -1;
		pid = spawn_builtin(svc, fd, p, &plan);
		err = 0;
	} else if (svc->builtin != BUILTIN_NONE) {
		/*
		 * Checks that need I/O: a process serves it after them.
		 * tcpmux hands its clients on, where their service's own
		 * checks apply; it has no process of its own.
		 */
		if (svc->builtin == BUILTIN_TCPMUX ||
		    (!gate_plan(svc, p, &plan) &&
		    !builtin_needs_process(svc->builtin)))
			return builtin_stream_start(svc, fd, p) == 0 ? -3 : -1;
		pid = spawn_builtin(svc, fd, p, &plan);
		err = 0;
	} else
		pid = spawn_server(svc, fd, p, &err, &plan);
	if (pid == -1) {
		svc->failed++;
		svclog_fail(svc->cfg, err == 0 ? "fork" : "exec", p);
		if (err == 0 && l != NULL &&
		    !(svc->cfg->flags & XCFG_FLAG_NORETRY)) {
			listener_pause(l, FORK_RETRY_MS);
			return -2;
		}
		return -1;
	}
	if ((c = child_add(pid, svc, p, handing ? l : NULL)) == NULL) {
		log_msg(LOG_ERR, "%s: out of memory; pid %ld not tracked",
		    svc->cfg->id, (long)pid);
		if (plan.fd != -1)
			close(plan.fd);
		/* Its exit will not give the socket back: look later. */
		if (handing) {
			listener_pause(l, HANDOVER_PAUSE_MS);
			return -2;
		}
		return pid;
	}
	if (!handing && l != NULL && l->head != NULL)
		c->dgram = l;
	c->queue = handing && l->head == NULL ? l->queue0 : -1;
	if (p != NULL && p->len > 0)
		c->src = source_add(svc, p);
	svc->running++;
	svc->started++;
	rate_spawned(svc);
	/* A gated server's START waits for its gate to pass. */
	if (plan.fd != -1 && gate_watch(c, &plan) == -1) {
		log_msg(LOG_ERR, "%s: cannot watch the checks of pid %ld",
		    svc->cfg->id, (long)pid);
		close(plan.fd);
		plan.fd = -1;
	}
	if (plan.fd == -1)
		svclog_start(svc->cfg, pid, p);
	return pid;
}

static void
conn_options(const struct xcfg_service *cfg, int fd)
{
	int on = 1;

#ifndef __linux__
	/* BSD accept(2) passes O_NONBLOCK on; servers expect blocking. */
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
#endif
	if (cfg->flags & XCFG_FLAG_NODELAY)
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on,
		    sizeof(on));
	if (cfg->flags & XCFG_FLAG_KEEPALIVE)
		(void)setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on,
		    sizeof(on));
}

static int
accept_one(int lfd, struct sockaddr_storage *ss, socklen_t *len)
{
	*len = sizeof(*ss);
#ifdef SOCK_CLOEXEC
	return accept4(lfd, (struct sockaddr *)ss, len, SOCK_CLOEXEC);
#else
	int fd = accept(lfd, (struct sockaddr *)ss, len);

	if (fd != -1)
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
#endif
}

/* Said at most once per ACCEPT_ERRLOG_MS: it comes back every pause. */
static void
accept_failed(struct service *svc, int err)
{
	static uint64_t last;
	uint64_t now = event_now_ms();

	if (last != 0 && now - last < ACCEPT_ERRLOG_MS)
		return;
	last = now;
	log_msg(LOG_ERR, "%s: accept: %s", svc->cfg->id, strerror(err));
}

static void
stream_accept(struct listener *l)
{
	struct service *svc = l->svc;
	struct sockaddr_storage ss;
	struct peer p;
	socklen_t len;
	int i, fd;

	for (i = 0; i < ACCEPT_BATCH && l->fd != -1; i++) {
		if ((fd = accept_one(l->fd, &ss, &len)) == -1) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			/* Out of descriptors or memory: do not spin. */
			accept_failed(svc, errno);
			listener_pause(l, ACCEPT_PAUSE_MS);
			return;
		}
		peer_set(&p, (struct sockaddr *)&ss, len);
		conn_options(svc->cfg, fd);
		switch (server_start(svc, fd, &p, l, false)) {
		case -3:
			break;		/* a built-in keeps it */
		case -2:
			close(fd);
			return;
		default:
			close(fd);
		}
	}
}

/*
 * The datagram at the head of the queue: who sent it, how long, and
 * when the kernel received it, which tells apart two datagrams alike.
 */
static bool
dgram_head(struct listener *l, struct peer *p, size_t *len,
    struct timespec *ts)
{
	struct sockaddr_storage ss;
	union {
		struct cmsghdr	 hdr;
		char		 buf[CMSG_SPACE(sizeof(struct timespec)) +
				    CMSG_SPACE(sizeof(struct timeval))];
	} cbuf;
	struct cmsghdr *cm;
	struct msghdr msg;
	struct timeval tv;
	struct iovec iov;
	char byte;
	ssize_t n;

	memset(&msg, 0, sizeof(msg));
	iov.iov_base = &byte;
	iov.iov_len = 1;
	msg.msg_name = &ss;
	msg.msg_namelen = sizeof(ss);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf.buf;
	msg.msg_controllen = sizeof(cbuf.buf);
	n = recvmsg(l->fd, &msg, MSG_PEEK | MSG_DONTWAIT
#ifdef MSG_TRUNC
	    | MSG_TRUNC
#endif
	    );
	if (n == -1)
		return false;
	peer_set(p, (struct sockaddr *)&ss, msg.msg_namelen);
	*len = (size_t)n;
	memset(ts, 0, sizeof(*ts));
	for (cm = CMSG_FIRSTHDR(&msg); cm != NULL; cm = CMSG_NXTHDR(&msg, cm)) {
		if (cm->cmsg_level != SOL_SOCKET)
			continue;
#ifdef SCM_TIMESTAMPNS
		if (cm->cmsg_type == SCM_TIMESTAMPNS)
			memcpy(ts, CMSG_DATA(cm), sizeof(*ts));
#endif
		if (cm->cmsg_type == SCM_TIMESTAMP) {
			memcpy(&tv, CMSG_DATA(cm), sizeof(tv));
			ts->tv_sec = tv.tv_sec;
			ts->tv_nsec = (long)tv.tv_usec * 1000;
		}
	}
	return true;
}

/* Record the datagram first in line, before a server is started. */
static bool
dgram_head_record(struct listener *l)
{
	l->head->recorded = dgram_head(l, &l->head->peer, &l->head->len,
	    &l->head->ts);
	return l->head->recorded;
}

/* Whether the datagram recorded at start is still first in line. */
bool
listener_head_unchanged(struct listener *l)
{
	struct timespec ts;
	struct peer p;
	size_t len;

	if (!dgram_head(l, &p, &len, &ts))
		return false;
	return len == l->head->len && p.len == l->head->peer.len &&
	    memcmp(&p.ss, &l->head->peer.ss, p.len) == 0 &&
	    ts.tv_sec == l->head->ts.tv_sec && ts.tv_nsec == l->head->ts.tv_nsec;
}

/*
 * Datagram nowait: the server reads the datagram itself.  Watch the
 * socket again once it has, checking at growing intervals.
 */
static void
dgram_check(struct event_loop *loop, void *arg)
{
	struct listener *l = arg;

	l->check = NULL;
	if (!listener_head_unchanged(l)) {
		listener_watch(l, true);
		return;
	}
	l->check_ms = l->check_ms * 2 > DGRAM_CHECK_MAX_MS ?
	    DGRAM_CHECK_MAX_MS : l->check_ms * 2;
	l->check = event_timer_add(loop, l->check_ms, dgram_check, l);
}

static void
dgram_nowait(struct listener *l)
{
	struct peer p;
	char c;

	if (!dgram_head_record(l))
		return;
	p = l->head->peer;
	switch (server_start(l->svc, l->fd, &p, l, false)) {
	case -1:
		/* Nobody will read it: drop it rather than spin. */
		(void)recv(l->fd, &c, 1, MSG_DONTWAIT);
		return;
	case -2:
		return;
	}
	listener_watch(l, false);
	l->check_ms = DGRAM_CHECK_FIRST_MS;
	event_timer_cancel(daemon_state.loop, l->check);
	l->check = event_timer_add(daemon_state.loop, l->check_ms,
	    dgram_check, l);
}

/*
 * Connections waiting to be accepted on a listening socket, where the
 * system tells (Linux TCP_INFO, FreeBSD SO_LISTENQLEN); else -1.
 */
int
listener_queue(int fd)
{
#if defined(__linux__) && defined(TCP_INFO)
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == -1)
		return -1;
	return (int)ti.tcpi_unacked;
#elif defined(SO_LISTENQLEN)
	socklen_t len;
	int n;

	len = sizeof(n);
	if (getsockopt(fd, SOL_SOCKET, SO_LISTENQLEN, &n, &len) == -1)
		return -1;
	return n;
#else
	(void)fd;
	return -1;
#endif
}

/* wait = yes: the server gets the socket; stop watching it meanwhile. */
static void
handover(struct listener *l)
{
	struct peer p;
	char c;

	memset(&p, 0, sizeof(p));
	if (l->head != NULL) {
		/* Nothing to read after all: wait for the next wakeup. */
		if (!dgram_head_record(l))
			return;
		p = l->head->peer;
	} else
		l->queue0 = listener_queue(l->fd);
	switch (server_start(l->svc, l->fd, &p, l, true)) {
	case -1:
		/* Drop the datagram, or wait a little for the stream. */
		if (l->head != NULL)
			(void)recv(l->fd, &c, 1, MSG_DONTWAIT);
		else
			listener_pause(l, HANDOVER_PAUSE_MS);
		return;
	case -2:
		return;
	}
	l->handed = true;
	listener_watch(l, false);
}

/*
 * A connection for a service reached without a listener of its own
 * (tcpmux): the same checks and start as for an accepted one.  Returns
 * -3 when fd was kept, else the caller closes it.
 */
int
service_connection(struct service *svc, int fd, const struct peer *p)
{
	conn_options(svc->cfg, fd);
	return server_start(svc, fd, p, NULL, false) == -3 ? -3 : 0;
}

void
listener_ready(struct event_loop *loop, int fd, unsigned what, void *arg)
{
	struct listener *l = arg;

	(void)loop;
	(void)fd;
	(void)what;
	if (l->handed || daemon_state.stopping)
		return;
	/* Built-ins are served here, whatever wait says. */
	if (l->svc->builtin != BUILTIN_NONE) {
		if (l->svc->cfg->socktype == SOCK_DGRAM)
			builtin_dgram(l);
		else
			stream_accept(l);
		return;
	}
	if (l->svc->cfg->wait)
		handover(l);
	else if (l->svc->cfg->socktype == SOCK_DGRAM ||
	    l->svc->cfg->socktype == SOCK_RAW)
		dgram_nowait(l);
	else
		stream_accept(l);
}
