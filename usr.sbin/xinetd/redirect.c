/*
 * redirect = host port: the daemon connects to the target without
 * blocking and relays both directions in the event loop.  Each
 * direction has one fixed buffer: while it is full, the side feeding
 * it is not read (backpressure).  A side's end of data is passed on as
 * a half-close once its buffer is written out; the connection ends
 * when both directions have.  The target is resolved when the
 * configuration loads.
 *
 * With redirect_source, the connection to the target comes from that
 * local address: the socket is bound to it, port 0, before connecting.
 * The source is resolved at load too, to an address of the target's
 * family.
 *
 * A target that cannot be reached within REDIRECT_CONNECT_MS, or
 * refuses, or a source that cannot be bound, gives FAIL redirect and
 * the client is closed.  A relay that moves nothing for
 * REDIRECT_IDLE_MS is closed.  With log_on_success TRAFFIC, the EXIT
 * line is followed by TRAFFIC: id in=N(bytes) out=N(bytes), in being
 * what the client sent.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"
#include "svclog.h"

#define REDIRECT_BUF		16384
#define REDIRECT_CONNECT_MS	10000
#define REDIRECT_IDLE_MS	3600000
#define REDIRECT_ERRLOG_MS	10000	/* one reason a while */

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL	0
#endif

/* One direction: from one socket into buf, from buf to the other. */
struct flow {
	char		 buf[REDIRECT_BUF];
	size_t		 off, len;
	bool		 eof;		/* the source sent its last byte */
	bool		 shut;		/* and the sink was told */
	unsigned long long bytes;
};

struct relay {
	int		 cfd, tfd;	/* client, target */
	bool		 connected;
	struct flow	 up;		/* client to target */
	struct flow	 down;		/* target to client */
	struct service	*svc;
	const struct xcfg_service *cfg;
	struct generation *gen;
	struct peer	 peer;
	struct source	*src;
	struct event_timer *timer;
	uint64_t	 start_ms;
	unsigned	 cwatch, twatch;
};

static const struct addrinfo *
addrinfo_of_family(const struct addrinfo *ai, int family)
{
	for (; ai != NULL; ai = ai->ai_next)
		if (ai->ai_family == family)
			return ai;
	return NULL;
}

/*
 * At load: where the service's clients go, and where they come from.
 * With redirect_source, the target is the first of its addresses for
 * which the source has one of the same family; when there is none,
 * as when a name does not resolve, the clients are refused.
 */
void
redirect_prepare(struct service *svc)
{
	const struct xcfg_service *cfg = svc->cfg;
	const struct addrinfo *t, *s = NULL;
	struct addrinfo hints, *res, *src = NULL;
	char port[16];
	int error;

	svc->rd_len = svc->rd_srclen = 0;
	if (cfg->redirect_host == NULL)
		return;
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (cfg->redirect_source != NULL) {
		hints.ai_flags = AI_NUMERICSERV;
		if ((error = getaddrinfo(cfg->redirect_source, "0", &hints,
		    &src)) != 0) {
			log_msg(LOG_ERR, "%s: redirect_source %s: %s; its "
			    "clients are refused", cfg->id,
			    cfg->redirect_source, gai_strerror(error));
			return;
		}
		hints.ai_flags = 0;
	}
	snprintf(port, sizeof(port), "%d", cfg->redirect_port);
	if ((error = getaddrinfo(cfg->redirect_host, port, &hints,
	    &res)) != 0) {
		log_msg(LOG_ERR, "%s: redirect %s: %s; its clients are "
		    "refused", cfg->id, cfg->redirect_host,
		    gai_strerror(error));
		if (src != NULL)
			freeaddrinfo(src);
		return;
	}
	t = res;
	if (src != NULL)
		for (; t != NULL; t = t->ai_next)
			if ((s = addrinfo_of_family(src, t->ai_family)) != NULL)
				break;
	if (t == NULL)
		log_msg(LOG_ERR, "%s: redirect_source %s has no address of "
		    "the family of redirect %s; its clients are refused",
		    cfg->id, cfg->redirect_source, cfg->redirect_host);
	else {
		memcpy(&svc->rd_addr, t->ai_addr, t->ai_addrlen);
		svc->rd_len = t->ai_addrlen;
		if (s != NULL) {
			memcpy(&svc->rd_src, s->ai_addr, s->ai_addrlen);
			svc->rd_srclen = s->ai_addrlen;
		}
	}
	freeaddrinfo(res);
	if (src != NULL)
		freeaddrinfo(src);
}

/*
 * A socket for the target, bound to the source if the service has one;
 * -1 with errno set, *stage naming the call that failed.  The kernel
 * is asked to pick the source port at connect, not at bind, where the
 * system can: a port then only needs to be unique per target.
 */
static int
target_socket(const struct service *svc, int flags, const char **stage)
{
	int fd, saved;
#ifdef IP_BIND_ADDRESS_NO_PORT
	int on = 1;
#endif

	*stage = "socket";
	if ((fd = socket(svc->rd_addr.ss_family, SOCK_STREAM | flags,
	    0)) == -1)
		return -1;
	if (svc->rd_srclen == 0)
		return fd;
#ifdef IP_BIND_ADDRESS_NO_PORT
	(void)setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on,
	    sizeof(on));
#endif
	*stage = "bind";
	if (bind(fd, (const struct sockaddr *)&svc->rd_src,
	    svc->rd_srclen) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/*
 * Why the connection to the target could not be made: at stage
 * "socket", "bind" (the source) or "connect".  The daemon's log; a
 * gated client's process reports the stage and errno for it.
 */
void
redirect_failed(const struct xcfg_service *cfg, const char *stage, int err)
{
	static uint64_t last;
	uint64_t now = event_now_ms();

	/* Clients can cause it: the FAIL lines count them, this says why. */
	if (last != 0 && now - last < REDIRECT_ERRLOG_MS)
		return;
	last = now;
	if (strcmp(stage, "bind") == 0)
		log_msg(LOG_ERR, "%s: redirect_source %s: %s", cfg->id,
		    cfg->redirect_source != NULL ? cfg->redirect_source : "?",
		    strerror(err));
	else
		log_msg(LOG_WARNING, "%s: redirect: %s", cfg->id,
		    strerror(err));
}

static void	relay_ready(struct event_loop *, int, unsigned, void *);

static void
relay_end(struct relay *r, bool ok)
{
	struct service *svc = r->svc;
	struct source *src;

	event_timer_cancel(daemon_state.loop, r->timer);
	(void)event_fd_del(daemon_state.loop, r->cfd);
	close(r->cfd);
	if (r->tfd != -1) {
		(void)event_fd_del(daemon_state.loop, r->tfd);
		close(r->tfd);
	}
	if (ok) {
		svclog_exit(r->cfg, 0, 0, event_now_ms() - r->start_ms);
		if (svclog_success(r->cfg) &&
		    (r->cfg->log_on_success & XCFG_LOG_TRAFFIC))
			log_service(&r->cfg->log,
			    "TRAFFIC: %s in=%llu(bytes) out=%llu(bytes)",
			    r->cfg->id, r->up.bytes, r->down.bytes);
	} else {
		svc->failed++;
		svclog_fail(r->cfg, "redirect", &r->peer);
	}
	generation_unref(r->gen);
	src = r->src;
	free(r);
	service_conn_end(svc, src);
}

static void
relay_timeout(struct event_loop *loop, void *arg)
{
	struct relay *r = arg;

	(void)loop;
	r->timer = NULL;
	if (!r->connected)
		log_msg(LOG_WARNING, "%s: redirect: no connection within "
		    "%d s", r->cfg->id, REDIRECT_CONNECT_MS / 1000);
	relay_end(r, r->connected);
}

static void
relay_progress(struct relay *r)
{
	event_timer_cancel(daemon_state.loop, r->timer);
	r->timer = event_timer_add(daemon_state.loop, r->connected ?
	    REDIRECT_IDLE_MS : REDIRECT_CONNECT_MS, relay_timeout, r);
}

/* Move what can move from src through f to dst: 0, or -1 if broken. */
static int
flow_move(struct relay *r, struct flow *f, int src, int dst)
{
	ssize_t n;

	for (;;) {
		if (f->off < f->len) {
			n = send(dst, f->buf + f->off, f->len - f->off,
			    MSG_DONTWAIT | MSG_NOSIGNAL);
			if (n > 0) {
				f->off += (size_t)n;
				f->bytes += (unsigned long long)n;
				relay_progress(r);
				continue;
			}
			if (n == -1 && errno == EINTR)
				continue;
			if (n == -1 && errno != EAGAIN && errno != EWOULDBLOCK)
				return -1;
			return 0;	/* dst full: src waits */
		}
		f->off = f->len = 0;
		if (f->eof) {
			if (!f->shut) {
				f->shut = true;
				(void)shutdown(dst, SHUT_WR);
			}
			return 0;
		}
		n = recv(src, f->buf, sizeof(f->buf), MSG_DONTWAIT);
		if (n > 0) {
			f->len = (size_t)n;
			relay_progress(r);
			continue;
		}
		if (n == 0) {
			f->eof = true;
			continue;
		}
		if (errno == EINTR)
			continue;
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	}
}

static int
watch(int fd, unsigned *cur, unsigned want)
{
	if (want == *cur)
		return 0;
	*cur = want;
	return event_fd_set(daemon_state.loop, fd, want);
}

/* Each side: read while its flow has room, write while the other has data. */
static int
relay_watch(struct relay *r)
{
	unsigned cw = 0, tw = 0;

	if (!r->up.eof && r->up.len == 0)
		cw |= EV_READ;
	if (r->down.off < r->down.len)
		cw |= EV_WRITE;
	if (!r->down.eof && r->down.len == 0)
		tw |= EV_READ;
	if (r->up.off < r->up.len)
		tw |= EV_WRITE;
	if (watch(r->cfd, &r->cwatch, cw) == -1 ||
	    watch(r->tfd, &r->twatch, tw) == -1)
		return -1;
	return 0;
}

static bool
target_connected(int fd)
{
	socklen_t len = sizeof(int);
	int err = 0;

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		return false;
	errno = err;
	return err == 0;
}

static void
relay_ready(struct event_loop *loop, int fd, unsigned what, void *arg)
{
	struct relay *r = arg;

	(void)loop;
	(void)what;
	if (!r->connected) {
		if (fd != r->tfd)
			return;		/* the client waits meanwhile */
		if (!target_connected(r->tfd)) {
			redirect_failed(r->cfg, "connect", errno);
			relay_end(r, false);
			return;
		}
			r->connected = true;
		svclog_start(r->cfg, 0, &r->peer);
		relay_progress(r);
		if (event_fd_add(daemon_state.loop, r->cfd, 0, relay_ready,
		    r) == -1) {
			relay_end(r, false);
			return;
		}
		r->cwatch = 0;
	}
	if (flow_move(r, &r->up, r->cfd, r->tfd) == -1 ||
	    flow_move(r, &r->down, r->tfd, r->cfd) == -1) {
		relay_end(r, true);
		return;
	}
	if (r->up.shut && r->down.shut) {
		relay_end(r, true);
		return;
	}
	if (relay_watch(r) == -1)
		relay_end(r, true);
}

/*
 * A client of a redirect service, past the checks: connect to the
 * target and relay.  Takes fd: 0 when kept, -1 when the caller is to
 * close it.
 */
int
redirect_start(struct service *svc, int fd, const struct peer *p)
{
	struct relay *r;
	const char *stage;
	int tfd, err = 0;

	if (svc->rd_len == 0) {
		svc->failed++;
		svclog_fail(svc->cfg, "redirect", p);
		return -1;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		log_msg(LOG_ERR, "%s: out of memory", svc->cfg->id);
		return -1;
	}
	if ((tfd = target_socket(svc, SOCK_NONBLOCK | SOCK_CLOEXEC,
	    &stage)) == -1)
		err = errno;
	else if (connect(tfd, (struct sockaddr *)&svc->rd_addr,
	    svc->rd_len) == -1 && errno != EINPROGRESS) {
		err = errno;
		stage = "connect";
		close(tfd);
	}
	if (err != 0) {
		redirect_failed(svc->cfg, stage, err);
		free(r);
		svc->failed++;
		svclog_fail(svc->cfg, "redirect", p);
		return -1;
	}
	r->cfd = fd;
	r->tfd = tfd;
	r->svc = svc;
	r->cfg = svc->cfg;
	r->gen = svc->gen;
	r->peer = *p;
	r->start_ms = event_now_ms();
	r->twatch = EV_WRITE;
	if (event_fd_add(daemon_state.loop, tfd, EV_WRITE, relay_ready,
	    r) == -1) {
		close(tfd);
		free(r);
		return -1;
	}
	generation_ref(r->gen);
	r->src = service_conn_begin(svc, p);
	svc->started++;
	rate_spawned(svc);
	relay_progress(r);
	return 0;
}

/*
 * In a process of its own (a client that had to pass the gate): the
 * same relay with blocking connect and poll(2).  The connection to the
 * target is made while the report pipe rep is open, so that a failure
 * reaches the daemon, which logs it as in the loop (FAIL redirect).
 */
/* A blocking socket's connect, given up after ms: 0, or -1 and errno. */
static int
connect_within(int fd, const struct sockaddr *sa, socklen_t len, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	socklen_t elen = sizeof(int);
	int flags, err = 0, rv;

	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1)
		return -1;
	if ((rv = connect(fd, sa, len)) == -1 && errno == EINPROGRESS) {
		while ((rv = poll(&pfd, 1, ms)) == -1 && errno == EINTR)
			;
		if (rv == 0)
			err = ETIMEDOUT;
		else if (rv == -1)
			err = errno;
		else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err,
		    &elen) == -1)
			err = errno;
	} else if (rv == -1)
		err = errno;
	(void)fcntl(fd, F_SETFL, flags);
	errno = err;
	return err == 0 ? 0 : -1;
}

void
redirect_serve(struct service *svc, int cfd, int rep)
{
	struct pollfd pfd[2];
	char buf[REDIRECT_BUF];
	bool cdone = false, tdone = false;
	const char *stage;
	ssize_t n;
	int tfd, i, from, to;

	if (svc->rd_len == 0) {
		gate_report_refusal(rep, "redirect");
		gate_drain(cfd);
		return;
	}
	if ((tfd = target_socket(svc, 0, &stage)) == -1 ||
	    connect_within(tfd, (struct sockaddr *)&svc->rd_addr,
	    svc->rd_len, REDIRECT_CONNECT_MS) == -1) {
		gate_report_failure(rep, tfd == -1 ? stage : "connect",
		    errno);
		gate_drain(cfd);
		return;
	}
	close(rep);
	while (!cdone || !tdone) {
		pfd[0].fd = cdone ? -1 : cfd;
		pfd[1].fd = tdone ? -1 : tfd;
		pfd[0].events = pfd[1].events = POLLIN;
		if (poll(pfd, 2, REDIRECT_IDLE_MS) <= 0)
			return;
		for (i = 0; i < 2; i++) {
			if (pfd[i].revents == 0)
				continue;
			from = i == 0 ? cfd : tfd;
			to = i == 0 ? tfd : cfd;
			if ((n = recv(from, buf, sizeof(buf), 0)) <= 0) {
				(void)shutdown(to, SHUT_WR);
				if (i == 0)
					cdone = true;
				else
					tdone = true;
				continue;
			}
			if (send(to, buf, (size_t)n, MSG_NOSIGNAL) != n)
				return;
		}
	}
}
