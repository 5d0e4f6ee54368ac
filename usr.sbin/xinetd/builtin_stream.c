/*
 * Built-in services on stream connections, as small state machines in
 * the event loop.  Each connection has one fixed buffer:
 *
 *	echo	reads into it and writes it back; a full buffer stops the
 *		reading until the client takes what is there
 *	discard	reads and forgets
 *	chargen	writes lines while the client takes them, reads and
 *		forgets what the client sends
 *	daytime, time
 *		answer at once and close
 *	tcpmux	reads the request line (RFC 1078), taking no byte past its
 *		end, which belong to the server; then answers "help" with
 *		the names it serves, an unknown name with "-", and hands
 *		the connection to a known one as if accepted for it
 *
 * A connection that makes no progress for BCONN_IDLE_MS is closed, so
 * a client that stops reading costs a buffer for a while, then nothing.
 * Connections count toward instances and per_source like servers, and
 * are logged as xinetd does, with pid 0.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"
#include "svclog.h"
#include "tcpmux.h"

#define BCONN_BUF	4096
#define BCONN_IDLE_MS	60000

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL	0
#endif

struct bconn {
	int		 fd;
	enum builtin	 kind;
	struct service	*svc;
	const struct xcfg_service *cfg;	/* the settings it started under */
	struct generation *gen;		/* which keeps cfg alive */
	struct peer	 peer;
	struct source	*src;
	struct event_timer *idle;
	uint64_t	 start_ms;
	unsigned	 watching;	/* EV_READ, EV_WRITE */
	bool		 eof;		/* the client will send no more */
	bool		 line;		/* tcpmux: the request is in buf */
	unsigned	 pos;		/* chargen: the next line's start */
	size_t		 off, len;	/* what of buf is still to write */
	char		 buf[BCONN_BUF];
	struct bconn	*prev, *next;
};

static struct bconn *bconns;
static size_t nbconns;

static void	bconn_ready(struct event_loop *, int, unsigned, void *);

/* The end of a connection; its socket stays open when keep. */
static void
bconn_end(struct bconn *c, bool keep)
{
	struct service *svc = c->svc;
	struct source *src;

	(void)event_fd_del(daemon_state.loop, c->fd);
	if (!keep)
		close(c->fd);
	event_timer_cancel(daemon_state.loop, c->idle);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		bconns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	nbconns--;
	svclog_exit(c->cfg, 0, 0, event_now_ms() - c->start_ms);
	generation_unref(c->gen);
	src = c->src;
	free(c);
	service_conn_end(svc, src);
}

static void
bconn_close(struct bconn *c)
{
	bconn_end(c, false);
}

static void
bconn_idle(struct event_loop *loop, void *arg)
{
	struct bconn *c = arg;

	(void)loop;
	c->idle = NULL;
	bconn_close(c);
}

static void
bconn_progress(struct bconn *c)
{
	event_timer_cancel(daemon_state.loop, c->idle);
	c->idle = event_timer_add(daemon_state.loop, BCONN_IDLE_MS,
	    bconn_idle, c);
}

/* Watch for what the connection can use next. */
static int
bconn_watch(struct bconn *c)
{
	unsigned want = 0;

	if (!c->eof && (c->kind != BUILTIN_ECHO || c->len < BCONN_BUF))
		want |= EV_READ;
	if (c->off < c->len || (c->kind == BUILTIN_CHARGEN && !c->eof))
		want |= EV_WRITE;
	if (want == c->watching)
		return 0;
	c->watching = want;
	return event_fd_set(daemon_state.loop, c->fd, want);
}

/* Read what there is: 0, or -1 when the connection is broken. */
static int
bconn_read(struct bconn *c)
{
	char scratch[BCONN_BUF];
	ssize_t n;

	for (;;) {
		if (c->kind == BUILTIN_ECHO) {
			if (c->len == BCONN_BUF)
				return 0;
			n = recv(c->fd, c->buf + c->len, BCONN_BUF - c->len,
			    MSG_DONTWAIT);
		} else
			n = recv(c->fd, scratch, sizeof(scratch),
			    MSG_DONTWAIT);
		if (n > 0) {
			bconn_progress(c);
			if (c->kind == BUILTIN_ECHO)
				c->len += (size_t)n;
			continue;
		}
		if (n == 0) {
			c->eof = true;
			return 0;
		}
		if (errno == EINTR)
			continue;
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	}
}

/* Write what is pending: 0, or -1 when the connection is broken. */
static int
bconn_write(struct bconn *c)
{
	ssize_t n;

	for (;;) {
		if (c->off == c->len) {
			c->off = c->len = 0;
			if (c->kind != BUILTIN_CHARGEN || c->eof)
				return 0;
			/* Whole lines, as many as the buffer holds. */
			while (c->len + CHARGEN_LINE <= BCONN_BUF) {
				builtin_chargen_line(c->buf + c->len, c->pos++);
				c->len += CHARGEN_LINE;
			}
		}
		n = send(c->fd, c->buf + c->off, c->len - c->off,
		    MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n > 0) {
			bconn_progress(c);
			c->off += (size_t)n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		return -1;
	}
}

/*
 * tcpmux: read toward the end of the request line (tcpmux.c).  0, or
 * -1 when the connection is broken or the line too long.
 */
static int
tcpmux_read(struct bconn *c)
{
	bool took = false;
	int rv;

	rv = tcpmux_read_line(c->fd, c->buf, &c->len, &c->line, &c->eof,
	    &took);
	if (took)
		bconn_progress(c);
	return rv;
}

static void
say(int fd, const char *text)
{
	(void)send(fd, text, strlen(text), MSG_DONTWAIT | MSG_NOSIGNAL);
}

static bool
muxed(const struct service *svc)
{
	return (svc->cfg->type & (XCFG_TYPE_TCPMUX | XCFG_TYPE_TCPMUXPLUS)) &&
	    svc->cfg->name != NULL;
}

/* The request is in: answer it, or hand the connection over. */
static void
tcpmux_dispatch(struct bconn *c)
{
	struct service *svc = NULL;
	struct peer peer = c->peer;
	char *name = tcpmux_request(c->buf, c->len);
	size_t i;
	int fd = c->fd;

	if (strcasecmp(name, "help") == 0) {
		for (i = 0; i < daemon_state.nsvc; i++)
			if (muxed(daemon_state.svc[i])) {
				say(fd, daemon_state.svc[i]->cfg->name);
				say(fd, "\r\n");
			}
		bconn_close(c);
		return;
	}
	for (i = 0; i < daemon_state.nsvc && svc == NULL; i++)
		if (muxed(daemon_state.svc[i]) &&
		    strcasecmp(daemon_state.svc[i]->cfg->name, name) == 0)
			svc = daemon_state.svc[i];
	if (svc == NULL) {
		say(fd, "-Service not available\r\n");
		gate_drain(fd);
		bconn_close(c);
		return;
	}
	bconn_end(c, true);
	if (service_connection(svc, fd, &peer) != -3)
		close(fd);
}

static void
bconn_ready(struct event_loop *loop, int fd, unsigned what, void *arg)
{
	struct bconn *c = arg;

	(void)loop;
	(void)fd;
	(void)what;
	if (c->kind == BUILTIN_TCPMUX) {
		if (tcpmux_read(c) == -1) {
			say(c->fd, "-Request too long or broken\r\n");
			bconn_close(c);
		} else if (c->line)
			tcpmux_dispatch(c);
		else if (c->eof)
			bconn_close(c);
		return;
	}
	if (bconn_read(c) == -1 || bconn_write(c) == -1) {
		bconn_close(c);
		return;
	}
	/* echo: what came in may go out now; then read again. */
	if (c->kind == BUILTIN_ECHO && bconn_write(c) == -1) {
		bconn_close(c);
		return;
	}
	if (c->eof && c->off == c->len) {
		bconn_close(c);
		return;
	}
	if (bconn_watch(c) == -1)
		bconn_close(c);
}

/* daytime and time: the answer fits any socket buffer; then close. */
static void
answer_once(enum builtin kind, int fd)
{
	char buf[64];
	size_t len;

	if (kind == BUILTIN_TIME) {
		builtin_time((unsigned char *)buf);
		len = 4;
	} else
		len = builtin_daytime(buf, sizeof(buf));
	(void)send(fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);
	gate_drain(fd);
}

/*
 * A connection to a built-in, past the checks.  Takes fd: returns 0
 * when the connection keeps it, -1 when the caller is to close it.
 */
int
builtin_stream_start(struct service *svc, int fd, const struct peer *p)
{
	enum builtin kind = svc->builtin;
	struct bconn *c;

	svc->started++;
	rate_spawned(svc);
	svclog_start(svc->cfg, 0, p);
	if (kind == BUILTIN_DAYTIME || kind == BUILTIN_TIME) {
		answer_once(kind, fd);
		svclog_exit(svc->cfg, 0, 0, 0);
		return -1;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		log_msg(LOG_ERR, "%s: out of memory", svc->cfg->id);
		return -1;
	}
	c->fd = fd;
	c->kind = kind;
	c->svc = svc;
	c->cfg = svc->cfg;
	c->gen = svc->gen;
	c->peer = *p;
	c->start_ms = event_now_ms();
	c->watching = kind == BUILTIN_TCPMUX ? EV_READ : EV_READ | EV_WRITE;
	if (event_fd_add(daemon_state.loop, fd, c->watching, bconn_ready,
	    c) == -1) {
		free(c);
		return -1;
	}
	generation_ref(c->gen);
	c->src = service_conn_begin(svc, p);
	c->next = bconns;
	if (bconns != NULL)
		bconns->prev = c;
	bconns = c;
	nbconns++;
	bconn_progress(c);
	return 0;
}

/* The daemon stops: close every connection. */
void
builtin_stream_stop(void)
{
	while (bconns != NULL)
		bconn_close(bconns);
}

size_t
builtin_stream_count(void)
{
	return nbconns;
}

/*
 * In a process of its own (a client that had to pass the gate): serve
 * the connection with blocking I/O until either side is done.
 */
void
builtin_serve(const struct service *svc, int fd)
{
	enum builtin kind = svc->builtin;
	char buf[BCONN_BUF];
	unsigned pos = 0;
	size_t len, off;
	ssize_t n;

	switch (kind) {
	case BUILTIN_ECHO:
		while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
			for (off = 0; off < (size_t)n; off += (size_t)len) {
				if ((len = (size_t)send(fd, buf + off,
				    (size_t)n - off, MSG_NOSIGNAL)) ==
				    (size_t)-1)
					return;
			}
		break;
	case BUILTIN_DISCARD:
		while (recv(fd, buf, sizeof(buf), 0) > 0)
			;
		break;
	case BUILTIN_CHARGEN:
		for (;;) {
			for (len = 0; len + CHARGEN_LINE <= sizeof(buf);
			    len += CHARGEN_LINE)
				builtin_chargen_line(buf + len, pos++);
			if (send(fd, buf, len, MSG_NOSIGNAL) <= 0)
				return;
		}
	case BUILTIN_DAYTIME:
	case BUILTIN_TIME:
		answer_once(kind, fd);
		break;
	case BUILTIN_AUTH:
		auth_serve(svc, fd);
		break;
	case BUILTIN_SERVICES:
	case BUILTIN_SERVERS:
	case BUILTIN_XADMIN:
		admin_serve(kind, fd);
		break;
	default:
		break;
	}
}
