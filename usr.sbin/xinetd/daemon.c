/*
 * The serving daemon: start-up, the signals that drive it, and the
 * loop.  Everything after start-up happens in event callbacks.
 */

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libutil.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"

#define STOP_GRACE_MS	5000	/* SIGTERM to SIGKILL for servers */
#define STOP_REAP_MS	2000	/* after SIGKILL, before giving up */
#define TICK_MS		1000

struct daemon daemon_state;

static struct pidfh *pidfh;
static struct event_timer *stop_timer;
static int stop_phase;

/* Descriptors 0, 1 and 2 always exist, so no socket lands there. */
static int
stdio_fill(void)
{
	int fd;

	while ((fd = open("/dev/null", O_RDWR)) >= 0 && fd <= 2)
		;
	if (fd == -1)
		return -1;
	close(fd);
	return 0;
}

/*
 * Many services need many descriptors: raise the soft limit to the
 * hard one.  Servers get the original soft limit back.
 */
static void
nofile_raise(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return;
	daemon_state.nofile = rl;
	if (rl.rlim_cur == rl.rlim_max)
		return;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
		log_msg(LOG_WARNING, "cannot raise the descriptor limit: %s",
		    strerror(errno));
}

/* Every problem of a configuration, to the daemon's log. */
static void
diags_log(const struct xcfg *cfg)
{
	const struct xcfg_diag *dg;
	size_t i;

	for (i = 0; i < xcfg_ndiags(cfg); i++) {
		dg = xcfg_diag(cfg, i);
		if (dg->line > 0)
			log_msg(dg->warning ? LOG_WARNING : LOG_ERR,
			    "%s:%d: %s", dg->file, dg->line, dg->msg);
		else
			log_msg(dg->warning ? LOG_WARNING : LOG_ERR,
			    "%s: %s", dg->file, dg->msg);
	}
}

static void
pidfile_start(const struct options *o)
{
	pid_t other;

	if (o->pidfile == NULL)
		return;
	pidfh = pidfile_open(o->pidfile, 0644, &other);
	if (pidfh == NULL && errno == EEXIST) {
		fprintf(stderr, "%s: already running as pid %ld (%s)\n",
		    getprogname(), (long)other, o->pidfile);
		exit(1);
	}
	if (pidfh == NULL) {
		fprintf(stderr, "%s: %s: %s\n", getprogname(), o->pidfile,
		    strerror(errno));
		exit(1);
	}
	(void)fcntl(pidfile_fileno(pidfh), F_SETFD, FD_CLOEXEC);
}

static void
daemon_exit(int status)
{
	rpc_stop();
	if (pidfh != NULL)
		pidfile_remove(pidfh);
	log_msg(LOG_INFO, "exiting");
	log_close();
	exit(status);
}

/*
 * Loading a large configuration leaves freed memory behind; give it
 * back to the system (glibc keeps it otherwise).
 */
static void
memory_trim(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

static void
on_reload(struct event_loop *loop, int signo, void *arg)
{
	struct xcfg *cfg;
	struct generation *gen;

	(void)loop;
	(void)arg;
	if (daemon_state.stopping)
		return;
	log_msg(LOG_INFO, "%s: reloading the configuration",
	    signo == SIGHUP ? "SIGHUP" : "SIGUSR2");
	if ((cfg = config_load(daemon_state.o)) == NULL) {
		log_msg(LOG_ERR, "reload: out of memory; the running "
		    "configuration stays");
		return;
	}
	diags_log(cfg);
	if (!xcfg_ok(cfg)) {
		log_msg(LOG_ERR, "reload failed; the running configuration "
		    "stays unchanged");
		xcfg_free(cfg);
		return;
	}
	if ((gen = generation_new(cfg)) == NULL) {
		log_msg(LOG_ERR, "reload: out of memory; the running "
		    "configuration stays");
		xcfg_free(cfg);
		return;
	}
	log_reopen();
	services_reload(gen, signo == SIGUSR2);
	rpc_resync();
	memory_trim();
	if (daemon_state.nsvc == 0 && !daemon_state.o->stayalive) {
		log_msg(LOG_ERR, "no services left to serve");
		daemon_exit(1);
	}
}

static void
on_dump(struct event_loop *loop, int signo, void *arg)
{
	(void)loop;
	(void)signo;
	(void)arg;
	state_dump();
}

static void
on_child(struct event_loop *loop, int signo, void *arg)
{
	(void)loop;
	(void)signo;
	(void)arg;
	children_reap();
	if (daemon_state.stopping && children_count() == 0)
		daemon_exit(0);
}

static bool
any_child(const struct child *c)
{
	(void)c;
	return true;
}

/* SIGTERM first, SIGKILL after a grace period, then give up waiting. */
static void
stop_step(struct event_loop *loop, void *arg)
{
	(void)arg;
	stop_timer = NULL;
	children_reap();
	if (children_count() == 0)
		daemon_exit(0);
	if (stop_phase++ == 0) {
		log_msg(LOG_WARNING, "%zu servers ignored SIGTERM; sending "
		    "SIGKILL", children_count());
		children_signal(SIGKILL, any_child);
		stop_timer = event_timer_add(loop, STOP_REAP_MS, stop_step,
		    NULL);
		return;
	}
	log_msg(LOG_ERR, "%zu servers did not exit", children_count());
	daemon_exit(1);
}

static void
on_stop(struct event_loop *loop, int signo, void *arg)
{
	(void)arg;
	if (daemon_state.stopping)
		return;
	daemon_state.stopping = true;
	log_msg(LOG_INFO, "%s: stopping", strsignal(signo));
	services_stop();
	rpc_stop();
	builtin_stream_stop();
	if (signo == SIGQUIT)
		daemon_exit(0);
	children_signal(SIGTERM, any_child);
	if (children_count() == 0)
		daemon_exit(0);
	stop_timer = event_timer_add(loop, STOP_GRACE_MS, stop_step, NULL);
}

static void
on_tick(struct event_loop *loop, void *arg)
{
	log_summarise(event_now_ms());
	if (event_timer_add(loop, TICK_MS, on_tick, arg) == NULL)
		log_msg(LOG_ERR, "timer: %s", strerror(errno));
}

static int
signals_add(struct event_loop *loop)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGPIPE, &sa, NULL) == -1)
		return -1;
	if (event_signal_add(loop, SIGHUP, on_reload, NULL) == -1 ||
	    event_signal_add(loop, SIGUSR2, on_reload, NULL) == -1 ||
	    event_signal_add(loop, SIGUSR1, on_dump, NULL) == -1 ||
	    event_signal_add(loop, SIGCHLD, on_child, NULL) == -1 ||
	    event_signal_add(loop, SIGTERM, on_stop, NULL) == -1 ||
	    event_signal_add(loop, SIGINT, on_stop, NULL) == -1 ||
	    event_signal_add(loop, SIGQUIT, on_stop, NULL) == -1)
		return -1;
	return 0;
}

/* Paths stay valid after the daemon changes to the root directory. */
static const char *
path_absolute(const char *path)
{
	char cwd[PATH_MAX], *abs;

	if (path == NULL || path[0] == '/')
		return path;
	if (getcwd(cwd, sizeof(cwd)) == NULL ||
	    asprintf(&abs, "%s/%s", cwd, path) == -1) {
		fprintf(stderr, "%s: %s: cannot make the path absolute\n",
		    getprogname(), path);
		exit(1);
	}
	return abs;
}

/* Load and check the configuration; problems go to stderr too. */
static struct generation *
first_load(struct options *o)
{
	struct generation *gen;
	struct xcfg *cfg;

	if ((cfg = config_load(o)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", getprogname());
		exit(1);
	}
	xcfg_print_diags(cfg, stderr);
	if (!xcfg_ok(cfg))
		exit(1);
	if ((gen = generation_new(cfg)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", getprogname());
		exit(1);
	}
	return gen;
}

int
daemon_run(struct options *o)
{
	struct generation *gen;
	struct event_loop *loop;
	int facility;

	/* Whatever the parent left open must not reach the servers. */
	closefrom(3);
	daemon_state.o = o;
	o->config = path_absolute(o->config);
	o->pidfile = path_absolute(o->pidfile);
	o->filelog = path_absolute(o->filelog);
	daemon_state.root = geteuid() == 0;
	if (stdio_fill() == -1) {
		fprintf(stderr, "%s: /dev/null: %s\n", getprogname(),
		    strerror(errno));
		return 1;
	}
	spawn_init();
	libwrap_init();
	gen = first_load(o);
	pidfile_start(o);
	if (!o->foreground && daemon(0, 0) == -1) {
		fprintf(stderr, "%s: daemon: %s\n", getprogname(),
		    strerror(errno));
		return 1;
	}
	facility = o->syslog_facility >= 0 ? o->syslog_facility : LOG_DAEMON;
	if (log_open(getprogname(), o->debug, o->filelog, facility) == -1) {
		fprintf(stderr, "%s: %s: %s\n", getprogname(),
		    o->filelog ? o->filelog : "syslog", strerror(errno));
		return 1;
	}
	if (pidfh != NULL && pidfile_write(pidfh) == -1)
		log_msg(LOG_ERR, "%s: %s", o->pidfile, strerror(errno));
	nofile_raise();
	diags_log(gen->cfg);
	if ((loop = event_loop_new(EVENT_BACKEND_DEFAULT)) == NULL) {
		log_msg(LOG_ERR, "event loop: %s", strerror(errno));
		daemon_exit(1);
	}
	daemon_state.loop = loop;
	daemon_state.started = time(NULL);
	daemon_state.started_ms = event_now_ms();
	if (signals_add(loop) == -1 ||
	    event_timer_add(loop, TICK_MS, on_tick, NULL) == NULL) {
		log_msg(LOG_ERR, "signals: %s", strerror(errno));
		daemon_exit(1);
	}
	services_start(gen);
	memory_trim();
	if (daemon_state.nsvc == 0 && !o->stayalive) {
		log_msg(LOG_ERR, "no services to serve");
		daemon_exit(1);
	}
	log_msg(LOG_INFO, "ready: %zu services, %s event loop",
	    daemon_state.nsvc, event_backend_name(loop));
	for (;;)
		if (event_loop_once(loop, -1) == -1 && errno != EINTR) {
			log_msg(LOG_ERR, "event loop: %s", strerror(errno));
			daemon_exit(1);
		}
}
