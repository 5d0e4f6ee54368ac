/*
 * The gate: checks that need I/O, made in a server's own process
 * before exec, so the daemon never waits on them.  In this order, the
 * first that fails giving the FAIL reason:
 *
 *	only_from, no_access with host names or .domain	FAIL address
 *	hosts.allow, hosts.deny (libwrap)		FAIL libwrap
 *	IDONLY: the client's ident server names a user	FAIL ident
 *	then banner and banner_success to the client
 *
 * The ident question itself is asked first, so that a refusal for
 * names or libwrap can be logged with who it was.  The whole gate gets
 * GATE_MAX_S seconds (FAIL timeout).
 *
 * A service that needs none of them starts its servers the cheap way
 * (spawn.c).  One that does is forked: the child runs the gate, then
 * goes on as any server does.  It tells the daemon what happened on a
 * close-on-exec pipe, one line each, and the daemon writes the logs,
 * so refusals made here are counted and summarised like the others:
 *
 *	U text		ident answered (USERID)
 *	N reason	ident did not (NOID)
 *	F reason	refused; the process exits
 *	S		passed; exec follows
 *	E stage errno	the set-up before exec failed
 *
 * The pipe closes at a successful exec, and only then is START logged.
 * A redirect's process has no exec: it closes the pipe once connected
 * to the target, and after S may report F redirect (no target) or E
 * with the stage that failed (socket, bind to the source, connect).
 *
 * A client refused by the daemon itself may have its identity logged
 * (log_on_failure = USERID): a "logger" process asks the ident server
 * and reports U or N.  Loggers are bounded in number and in rate, and
 * are not started for refusals that mean the daemon is overloaded.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "access.h"
#include "daemon.h"
#include "log.h"
#include "svclog.h"

#define GATE_LINE_MAX		320
#define GATE_MAX_S		60	/* the whole gate of one client */
#define GATE_REPORT_FD		4	/* where spawn.c puts the pipe */
#define LOGGERS_MAX		15	/* without -logprocs */
#define LOGGERS_PER_S		10	/* loggers started in a second */
#define DRAIN_MAX		65536

struct gate {
	int		 fd;
	bool		 ident;		/* counted in ident_running */
	bool		 passed;	/* S seen */
	bool		 ended;		/* F or E seen */
	bool		 has_id;	/* ident result known */
	bool		 id_ok;
	bool		 logger;	/* only looks up a refused client */
	char		 id[GATE_LINE_MAX];
	size_t		 len;
	char		 buf[GATE_LINE_MAX * 4];
};

static size_t ident_running;	/* servers' gates asking ident */
static size_t loggers_running;
static uint64_t loggers_window;
static int loggers_started;

/* Whether the connection needs the gate, and what it must do. */
bool
gate_plan(struct service *svc, const struct peer *p, struct gate_plan *g)
{
	const struct xcfg_service *cfg = svc->cfg;
	/* auth asking its clients' ident server could ask itself. */
	bool conn = cfg->socktype == SOCK_STREAM && !cfg->wait &&
	    svc->builtin != BUILTIN_AUTH;
	int limit = daemon_state.o->logprocs;
	bool want_id;

	memset(g, 0, sizeof(*g));
	g->fd = -1;
	if (p == NULL || p->len == 0)
		return false;
	g->names = access_check(cfg, p) == ACCESS_NAMES;
	g->libwrap = !(cfg->flags & XCFG_FLAG_NOLIBWRAP) && libwrap_active();
	g->idonly = conn && (cfg->flags & XCFG_FLAG_IDONLY);
	/* An identity only for failures is wanted only if one can fail. */
	want_id = conn && (g->idonly ||
	    (cfg->log_on_success & XCFG_LOG_USERID) ||
	    ((cfg->log_on_failure & XCFG_LOG_USERID) &&
	    (g->names || g->libwrap)));
	if (want_id) {
		if (limit >= 0 && ident_running >= (size_t)limit)
			g->ident_busy = true;
		else
			g->ident = true;
	}
	g->plus = (cfg->type & XCFG_TYPE_TCPMUXPLUS) != 0;
	g->banners = banners_apply(svc) &&
	    (svc->banners[BANNER_ALWAYS].len > 0 ||
	    svc->banners[BANNER_SUCCESS].len > 0);
	return g->names || g->libwrap || g->ident || g->ident_busy ||
	    g->banners;
}

/* In the child: one line to the daemon. */
static void
report(int fd, const char *fmt, ...)
{
	char line[GATE_LINE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	while (write(fd, line, (size_t)n) == -1 && errno == EINTR)
		;
}

/* The gate took too long: say so and go. */
static void
gate_timeout(int signo)
{
	static const char line[] = "F timeout\n";

	(void)signo;
	(void)write(GATE_REPORT_FD, line, sizeof(line) - 1);
	_exit(0);
}

/*
 * Read what the client sent, a bounded amount, without waiting: a
 * socket closed with unread data sends a reset, which can make the
 * client lose the banner queued before it.
 */
void
gate_drain(int fd)
{
	char buf[4096];
	size_t total = 0;
	ssize_t n;

	while (total < DRAIN_MAX &&
	    (n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		total += (size_t)n;
}

static void
refuse(struct service *svc, int fd, int rep, const char *why)
{
	char byte;

	report(rep, "F %s", why);
	if (banners_apply(svc)) {
		(void)banners_send(svc, fd, false);
		gate_drain(fd);
	} else if (svc->cfg->socktype == SOCK_DGRAM)
		(void)recv(fd, &byte, 1, MSG_DONTWAIT);	/* drop it */
	_exit(0);
}

/* In the child, before anything else of a server's set-up. */
void
gate_run(struct service *svc, int fd, const struct peer *p,
    const struct gate_plan *g, int rep)
{
	const struct xcfg_service *cfg = svc->cfg;
	char text[GATE_LINE_MAX - 8];
	struct sigaction sa;
	bool identified = false;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = gate_timeout;
	(void)sigaction(SIGALRM, &sa, NULL);
	(void)alarm(GATE_MAX_S);
	if (g->ident) {
		if (ident_lookup(fd, p, text, sizeof(text)) == 0) {
			report(rep, "U %s", text);
			identified = true;
		} else
			report(rep, "N %s", text);
	} else if (g->ident_busy)
		report(rep, "N too many ident look-ups");
	if (g->names && !access_check_names(cfg, p))
		refuse(svc, fd, rep, "address");
	if (g->libwrap && !libwrap_allows(libwrap_name(cfg), fd, p))
		refuse(svc, fd, rep, "libwrap");
	if (g->idonly && !identified)
		refuse(svc, fd, rep, "ident");
	if (g->plus)
		builtin_tcpmux_go(fd);
	if (g->banners)
		(void)banners_send(svc, fd, true);
	/* An alarm would outlive exec. */
	(void)alarm(0);
	sa.sa_handler = SIG_DFL;
	(void)sigaction(SIGALRM, &sa, NULL);
	report(rep, "S");
}

/* In a look-up process for a refused client: the answer, and exit. */
void
gate_ident_report(int fd, const struct peer *p, int rep)
{
	char text[GATE_LINE_MAX - 8];

	if (ident_lookup(fd, p, text, sizeof(text)) == 0)
		report(rep, "U %s", text);
	else
		report(rep, "N %s", text);
}

/* In the child: the set-up failed at stage. */
void
gate_report_failure(int rep, const char *stage, int err)
{
	report(rep, "E %s %d", stage, err);
}

/* In the child, after the gate: the client is refused for why. */
void
gate_report_refusal(int rep, const char *why)
{
	report(rep, "F %s", why);
}

/* The daemon's side. */

static void
ident_done(struct gate *g)
{
	if (g->ident) {
		g->ident = false;
		ident_running--;
	}
}

static void
log_identity(struct child *c, bool success)
{
	const struct xcfg_service *cfg = c->cfg;
	struct gate *g = c->gate;
	unsigned opts = success ? cfg->log_on_success : cfg->log_on_failure;

	if (!g->has_id || !(opts & XCFG_LOG_USERID))
		return;
	if (g->id_ok)
		log_service(&cfg->log, "USERID: %s %s", cfg->id, g->id);
	else
		log_service(&cfg->log, "NOID: %s %s %s", cfg->id,
		    c->peer.addr, g->id);
}

static void
gate_line(struct child *c, char *line)
{
	struct gate *g = c->gate;
	char *arg = line[0] != '\0' && line[1] == ' ' ? line + 2 : line + 1;
	char *sp;
	int err;

	if (g->ended)
		return;
	switch (line[0]) {
	case 'U':
	case 'N':
		ident_done(g);
		g->has_id = true;
		g->id_ok = line[0] == 'U';
		snprintf(g->id, sizeof(g->id), "%s", arg);
		if (g->logger)
			log_identity(c, false);
		return;
	}
	if (g->logger)
		return;
	switch (line[0]) {
	case 'S':
		ident_done(g);
		g->passed = true;
		break;
	case 'F':
		ident_done(g);
		g->ended = true;
		c->svc->failed++;
		svclog_fail(c->cfg, arg, &c->peer);
		log_identity(c, false);
		break;
	case 'E':
		ident_done(g);
		g->ended = true;
		c->svc->failed++;
		err = 0;
		if ((sp = strrchr(arg, ' ')) != NULL) {
			err = atoi(sp + 1);
			*sp = '\0';
		}
		/* A redirect's process connects to the target instead. */
		if (c->cfg->redirect_host != NULL) {
			redirect_failed(c->cfg, arg, err);
			svclog_fail(c->cfg, "redirect", &c->peer);
			break;
		}
		log_msg(LOG_ERR, "%s: %s %s: %s", c->cfg->id, arg,
		    c->cfg->server, strerror(err));
		svclog_fail(c->cfg, "exec", &c->peer);
		break;
	}
}

/* The pipe is closed: by exec when the gate passed and nothing failed. */
static void
gate_close(struct child *c)
{
	struct gate *g = c->gate;

	ident_done(g);
	if (g->logger)
		loggers_running--;
	else if (g->passed && !g->ended) {
		c->quiet = false;
		svclog_start(c->cfg, c->pid, &c->peer);
		log_identity(c, true);
	}
	(void)event_fd_del(daemon_state.loop, g->fd);
	close(g->fd);
	free(g);
	c->gate = NULL;
}

/* Read what the child wrote; at the end, stop watching. */
static void
gate_read(struct child *c)
{
	struct gate *g = c->gate;
	char *nl;
	ssize_t n;

	for (;;) {
		n = read(g->fd, g->buf + g->len, sizeof(g->buf) - 1 - g->len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n <= 0)
			break;
		g->len += (size_t)n;
		g->buf[g->len] = '\0';
		while ((nl = strchr(g->buf, '\n')) != NULL) {
			*nl = '\0';
			gate_line(c, g->buf);
			g->len -= (size_t)(nl + 1 - g->buf);
			memmove(g->buf, nl + 1, g->len + 1);
		}
		if (g->len == sizeof(g->buf) - 1)
			break;		/* no line that long is sent */
	}
	gate_close(c);
}

static void
gate_readable(struct event_loop *loop, int fd, unsigned ev, void *arg)
{
	(void)loop;
	(void)fd;
	(void)ev;
	gate_read(arg);
}

/*
 * Watch a gated child's report.  Its START line waits for the exec,
 * and its EXIT line is written only if that happened.
 */
int
gate_watch(struct child *c, const struct gate_plan *plan)
{
	struct gate *g;

	if ((g = calloc(1, sizeof(*g))) == NULL)
		return -1;
	g->fd = plan->fd;
	(void)fcntl(g->fd, F_SETFL, fcntl(g->fd, F_GETFL) | O_NONBLOCK);
	if (event_fd_add(daemon_state.loop, g->fd, EV_READ, gate_readable,
	    c) == -1) {
		free(g);
		return -1;
	}
	if (plan->ident) {
		g->ident = true;
		ident_running++;
	}
	c->gate = g;
	c->quiet = true;
	return 0;
}

/* Whether one more logger may start now. */
static bool
logger_allowed(void)
{
	int limit = daemon_state.o->logprocs;
	uint64_t now = event_now_ms();

	if (limit < 0)
		limit = LOGGERS_MAX;
	if (loggers_running >= (size_t)limit)
		return false;
	if (now - loggers_window >= 1000) {
		loggers_window = now;
		loggers_started = 0;
	}
	return loggers_started < LOGGERS_PER_S;
}

/* A refusal for a reason of policy, not of load. */
static bool
policy_refusal(const char *why)
{
	return strcmp(why, "address") == 0 || strcmp(why, "time") == 0;
}

/*
 * A client refused in the daemon for reason why: banner and
 * banner_fail, and, when log_on_failure has USERID and the refusal is
 * one of policy, a look-up of who it is, in a process of its own.
 */
void
gate_refused(struct service *svc, int fd, const struct peer *p,
    const char *why)
{
	const struct xcfg_service *cfg = svc->cfg;
	struct gate_plan plan;
	struct child *c;
	pid_t pid;
	int rep;

	banners_refused(svc, fd);
	if (!banners_apply(svc) || !(cfg->log_on_failure & XCFG_LOG_USERID) ||
	    svc->builtin == BUILTIN_AUTH || p == NULL || p->len == 0 || !policy_refusal(why) ||
	    !logger_allowed())
		return;
	if ((pid = spawn_ident_logger(fd, p, &rep)) == -1)
		return;
	loggers_started++;
	if ((c = child_add(pid, svc, p, NULL)) == NULL) {
		close(rep);
		return;
	}
	/* It outlives nothing: the service may go while it runs. */
	c->svc = NULL;
	c->logger = true;
	memset(&plan, 0, sizeof(plan));
	plan.fd = rep;
	if (gate_watch(c, &plan) == -1) {
		close(rep);
		return;
	}
	c->gate->logger = true;
	loggers_running++;
}

/* Children that are loggers, which -limit does not count. */
size_t
gate_loggers(void)
{
	return loggers_running;
}

/* The child is gone: everything it wrote is in the pipe. */
void
gate_reaped(struct child *c)
{
	if (c->gate != NULL)
		gate_read(c);
}
