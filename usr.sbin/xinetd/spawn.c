/*
 * Starting a server.  Everything the child needs is worked out before,
 * so between process creation and execve it only makes system calls.
 *
 * The cost must not grow with the daemon.  vfork(2) shares the memory,
 * but the kernel still copies the descriptor table into the child and
 * closes every close-on-exec descriptor at execve: with 10,000
 * listeners that costs half a millisecond a server.  On Linux the
 * child therefore shares the table (clone with CLONE_FILES) and leaves
 * it at once with close_range(CLOSE_RANGE_UNSHARE), which copies only
 * descriptors 0 to 3; the daemon puts the server's socket in slot 3
 * just before.  Elsewhere vfork is used.  Every descriptor of the
 * daemon is close-on-exec, so a server has 0, 1 and 2 and nothing else.
 */

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#ifdef __linux__
#include <sched.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"

#define SPAWN_MAXGROUPS		256
#define SPAWN_NDYNAMIC		11	/* variables made per connection */
#define SPAWN_ERRLOG_MS		10000	/* one detailed failure per 10 s */

extern char **environ;

/*
 * AddressSanitizer knows only the thread's own stack: on the clone
 * child's stack it warns at the first call of a function that does not
 * return, and that warning opens its log file in the child, a
 * descriptor the server would inherit.  Sanitized builds use vfork.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SPAWN_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SPAWN_ASAN	1
#endif
#endif

#if defined(__linux__) && defined(CLONE_VFORK) && \
    defined(CLOSE_RANGE_UNSHARE) && !defined(SPAWN_ASAN)
#define SPAWN_CLONE	1
#define SPAWN_SLOT	3	/* the server's socket, in the daemon */
#define SPAWN_STACK	(128 * 1024)

static bool spawn_clone_ok;	/* close_range can unshare here */
static int spawn_null = -1;	/* what the slot holds between servers */
static char spawn_stack[SPAWN_STACK] __attribute__((__aligned__(16)));
#endif

/* Variables set per connection; never taken from the daemon's own. */
static const char *const dynamic_names[] = {
	"REMOTE_HOST", "REMOTE_ADDR", "REMOTE_PORT", "PROTO",
	"TCPREMOTEIP", "TCPREMOTEPORT", "TCPLOCALIP", "TCPLOCALPORT",
	"TCPREMOTEHOST", "TCPLOCALHOST", "TCPREMOTEINFO", NULL
};

/* The signals the daemon handles or ignores; servers get defaults. */
static const int daemon_signals[] = {
	SIGHUP, SIGUSR1, SIGUSR2, SIGCHLD, SIGTERM, SIGINT, SIGQUIT,
	SIGPIPE, SIGALRM
};

static const int rlimit_res[XCFG_RLIMIT_COUNT] = {
	RLIMIT_AS, RLIMIT_CPU, RLIMIT_DATA, RLIMIT_NOFILE, RLIMIT_RSS,
	RLIMIT_STACK
};

struct spawn_req {
	const char	*path;
	char *const	*argv;
	char *const	*envp;
	int		 fd;
	int		 fd_orig;	/* fd before it moved to the slot */
	bool		 setsid;
	bool		 switch_user;
	uid_t		 uid;
	gid_t		 gid;
	const gid_t	*groups;
	int		 ngroups;
	int		 umask;		/* -1: leave */
	int		 nice;		/* XCFG_UNSET: leave */
	struct rlimit	 rl[XCFG_RLIMIT_COUNT];
	bool		 rl_set[XCFG_RLIMIT_COUNT];
	sigset_t	 mask;
	int		 report;	/* gate's pipe to the daemon, or -1 */
	/* written by the child when it fails before execve */
	volatile int	 err;
	const char *volatile stage;
};

/* name=value: whether the variable is called name. */
static bool
env_is(const char *var, const char *name, size_t len)
{
	return strncmp(var, name, len) == 0 && var[len] == '=';
}

static bool
env_named(const char *var, const char *const *names)
{
	for (; *names != NULL; names++)
		if (env_is(var, *names, strlen(*names)))
			return true;
	return false;
}

static bool
env_in_list(const char *var, const struct xcfg_strlist *l, bool values)
{
	size_t i, len;

	for (i = 0; i < l->n; i++) {
		len = values ? strcspn(l->v[i], "=") : strlen(l->v[i]);
		if (env_is(var, l->v[i], len))
			return true;
	}
	return false;
}

/*
 * The environment every server of the service starts from: the
 * daemon's own (only the passenv names when passenv is set), then env.
 */
static int
env_prepare(struct service *svc)
{
	const struct xcfg_service *cfg = svc->cfg;
	size_t n = 0, i, max = cfg->env.n;
	char **v;

	for (i = 0; environ[i] != NULL; i++)
		max++;
	if ((v = calloc(max + 1, sizeof(*v))) == NULL)
		return -1;
	for (i = 0; environ[i] != NULL; i++) {
		if (env_named(environ[i], dynamic_names) ||
		    env_in_list(environ[i], &cfg->env, true))
			continue;
		if (cfg->passenv_set &&
		    !env_in_list(environ[i], &cfg->passenv, false))
			continue;
		v[n++] = environ[i];
	}
	for (i = 0; i < cfg->env.n; i++)
		if (!env_named(cfg->env.v[i], dynamic_names))
			v[n++] = cfg->env.v[i];
	svc->envbase = v;
	svc->nenvbase = n;
	return 0;
}

/*
 * The supplementary groups of the service's user, worked out when the
 * configuration is loaded: the look-up may read files or ask a name
 * service, which has no place on the way to a server.
 */
int
service_groups_prepare(struct service *svc)
{
	const struct xcfg_service *cfg = svc->cfg;
	struct xcfg_paths paths;
	gid_t v[SPAWN_MAXGROUPS];
	int n;

	svc->nsgroups = 0;
	if (!cfg->groups || cfg->user == NULL)
		return 0;
	config_paths(&paths);
	if ((n = xcfg_user_groups(&paths, cfg->user, cfg->gid, v,
	    SPAWN_MAXGROUPS)) <= 0) {
		log_msg(LOG_WARNING, "%s: cannot list the groups of %s, or it "
		    "has more than %d: its servers get only group %ld",
		    cfg->id, cfg->user, SPAWN_MAXGROUPS, (long)cfg->gid);
		v[0] = cfg->gid;
		n = 1;
	}
	if ((svc->sgroups = calloc((size_t)n, sizeof(gid_t))) == NULL)
		return -1;
	memcpy(svc->sgroups, v, (size_t)n * sizeof(gid_t));
	svc->nsgroups = n;
	return 0;
}

/* What every server of the service shares, worked out once. */
int
service_prepare(struct service *svc)
{
	const struct xcfg_service *cfg = svc->cfg;
	size_t i;

	if (svc->argv == NULL) {
		if ((svc->argv = calloc(cfg->argv.n + 1,
		    sizeof(char *))) == NULL)
			return -1;
		for (i = 0; i < cfg->argv.n; i++)
			svc->argv[i] = cfg->argv.v[i];
	}
	if (svc->envbase == NULL && env_prepare(svc) == -1)
		return -1;
	if (svc->nsgroups == -1 && service_groups_prepare(svc) == -1)
		return -1;
	return 0;
}

/* The environment of one server: the service's, plus the peer. */
static char **
env_connection(struct service *svc, int fd, const struct peer *p,
    char dyn[SPAWN_NDYNAMIC][PEER_ADDRSTRLEN + 16])
{
	struct peer local;
	char **envp;
	size_t n, d = 0;

	n = svc->nenvbase;
	if ((envp = calloc(n + SPAWN_NDYNAMIC + 1, sizeof(*envp))) == NULL)
		return NULL;
	memcpy(envp, svc->envbase, n * sizeof(*envp));
	if (p == NULL || p->addr[0] == '\0')
		return envp;
	snprintf(dyn[d++], sizeof(dyn[0]), "REMOTE_HOST=%s", p->addr);
	snprintf(dyn[d++], sizeof(dyn[0]), "REMOTE_ADDR=%s", p->addr);
	snprintf(dyn[d++], sizeof(dyn[0]), "REMOTE_PORT=%d", p->port);
	if (svc->cfg->socktype == SOCK_STREAM && !svc->cfg->wait &&
	    peer_local(&local, fd) == 0) {
		snprintf(dyn[d++], sizeof(dyn[0]), "PROTO=TCP");
		snprintf(dyn[d++], sizeof(dyn[0]), "TCPREMOTEIP=%s", p->addr);
		snprintf(dyn[d++], sizeof(dyn[0]), "TCPREMOTEPORT=%d",
		    p->port);
		snprintf(dyn[d++], sizeof(dyn[0]), "TCPLOCALIP=%s",
		    local.addr);
		snprintf(dyn[d++], sizeof(dyn[0]), "TCPLOCALPORT=%d",
		    local.port);
	}
	while (d > 0) {
		d--;
		envp[n++] = dyn[d];
	}
	return envp;
}

static void
rlimits_prepare(struct spawn_req *r, const struct xcfg_service *cfg)
{
	int i;

	for (i = 0; i < XCFG_RLIMIT_COUNT; i++) {
		r->rl_set[i] = cfg->rlimit[i] != XCFG_UNSET;
		if (cfg->rlimit[i] == XCFG_UNLIMITED)
			r->rl[i].rlim_cur = r->rl[i].rlim_max = RLIM_INFINITY;
		else if (r->rl_set[i])
			r->rl[i].rlim_cur = r->rl[i].rlim_max =
			    (rlim_t)cfg->rlimit[i];
	}
	/* The daemon raised its own descriptor limit; undo that. */
	if (!r->rl_set[XCFG_RLIMIT_FILES]) {
		r->rl[XCFG_RLIMIT_FILES] = daemon_state.nofile;
		r->rl_set[XCFG_RLIMIT_FILES] = true;
	}
}

static void
child_fail(struct spawn_req *r, const char *stage)
{
	r->err = errno != 0 ? errno : EINVAL;
	r->stage = stage;
	if (r->report != -1)
		gate_report_failure(r->report, stage, r->err);
	_exit(127);
}

static void
signals_default(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (i = 0; i < sizeof(daemon_signals) / sizeof(daemon_signals[0]);
	    i++)
		(void)sigaction(daemon_signals[i], &sa, NULL);
}

/* In the child, between vfork and execve: system calls only. */
static void
spawn_child(struct spawn_req *r)
{
	size_t i;
	int fd;

	signals_default();
	if (r->setsid)
		(void)setsid();
	for (fd = 0; fd <= 2; fd++)
		if (r->fd != fd && dup2(r->fd, fd) == -1)
			child_fail(r, "dup2");
	for (i = 0; i < XCFG_RLIMIT_COUNT; i++)
		if (r->rl_set[i] && setrlimit(rlimit_res[i], &r->rl[i]) == -1)
			child_fail(r, "setrlimit");
	if (r->umask >= 0)
		(void)umask((mode_t)r->umask);
	if (r->nice != XCFG_UNSET &&
	    setpriority(PRIO_PROCESS, 0, r->nice) == -1)
		child_fail(r, "setpriority");
	if (r->switch_user) {
		if (setgroups((size_t)r->ngroups, r->groups) == -1)
			child_fail(r, "setgroups");
		if (setgid(r->gid) == -1)
			child_fail(r, "setgid");
		if (setuid(r->uid) == -1)
			child_fail(r, "setuid");
	}
	(void)sigprocmask(SIG_SETMASK, &r->mask, NULL);
	execve(r->path, r->argv, r->envp);
	child_fail(r, "execve");
}

/* Kept apart so nothing of the caller's frame lives across vfork. */
static pid_t
spawn_vfork(struct spawn_req *r)
{
	pid_t pid;

	if ((pid = vfork()) == 0)
		spawn_child(r);
	return pid;
}

#ifdef SPAWN_CLONE
/* The child of clone: first a descriptor table of its own, 0 to 3. */
static int
spawn_clone_child(void *arg)
{
	struct spawn_req *r = arg;

	if (close_range(SPAWN_SLOT + 1, ~0U, CLOSE_RANGE_UNSHARE) == -1)
		child_fail(r, "close_range");
	spawn_child(r);
	return 127;
}

static pid_t
spawn_clone(struct spawn_req *r)
{
	pid_t pid;
	int saved;

	if (dup3(r->fd, SPAWN_SLOT, O_CLOEXEC) == -1)
		return -1;
	r->fd_orig = r->fd;
	r->fd = SPAWN_SLOT;
	pid = clone(spawn_clone_child, spawn_stack + SPAWN_STACK,
	    CLONE_VM | CLONE_VFORK | CLONE_FILES | SIGCHLD, r);
	saved = errno;
	/*
	 * Take the client's socket out of the slot; the slot itself must
	 * stay taken, or another descriptor would land there.
	 */
	while (dup3(spawn_null, SPAWN_SLOT, O_CLOEXEC) == -1 &&
	    (errno == EINTR || errno == EBUSY))
		;
	errno = saved;
	return pid;
}
#endif

/*
 * At start-up, before anything else is opened: take descriptor 3 for
 * handing sockets to servers, and find out whether the kernel can
 * unshare a descriptor table in close_range.  XINETD_TEST_NO_CLONE=1
 * keeps to vfork: valgrind ends a program that calls this clone.
 */
void
spawn_init(void)
{
#ifdef SPAWN_CLONE
	const char *env;
	int fd;

	if ((fd = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1)
		return;
	if (fd != SPAWN_SLOT && dup3(fd, SPAWN_SLOT, O_CLOEXEC) == -1) {
		close(fd);
		return;
	}
	if (fd != SPAWN_SLOT)
		close(fd);
	if ((spawn_null = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1)
		return;
	if ((env = getenv("XINETD_TEST_NO_CLONE")) != NULL &&
	    strcmp(env, "1") == 0)
		return;
	/* Nothing is shared yet and nothing that high is open. */
	spawn_clone_ok = close_range(~0U - 1, ~0U, CLOSE_RANGE_UNSHARE) == 0;
#endif
}

static pid_t
spawn_process(struct spawn_req *r)
{
#ifdef SPAWN_CLONE
	pid_t pid;

	if (spawn_clone_ok) {
		if ((pid = spawn_clone(r)) != -1 ||
		    (errno != EPERM && errno != ENOSYS && errno != EINVAL))
			return pid;
		/* A sandbox that refuses this clone: vfork from now on. */
		spawn_clone_ok = false;
		r->fd = r->fd_orig;
	}
#endif
	return spawn_vfork(r);
}

/*
 * In a forked child: keep only the client's socket, as 3, and the
 * report pipe, as 4, both close-on-exec, so that sockets the daemon
 * closes meanwhile are not held open here.
 */
static void
forked_keep(int fd, int rep)
{
	int cfd, rfd;

	/*
	 * libc's syslog descriptor is about to go: forget it, or the next
	 * syslog(3) (libwrap logs) would take whatever file reuses it.
	 */
	closelog();
	/* Above 4 first, so neither lands on the other's slot. */
	if ((cfd = fcntl(fd, F_DUPFD, 5)) == -1 ||
	    (rfd = fcntl(rep, F_DUPFD, 5)) == -1 ||
	    dup2(cfd, 3) == -1 || dup2(rfd, 4) == -1)
		_exit(127);
	(void)fcntl(3, F_SETFD, FD_CLOEXEC);
	(void)fcntl(4, F_SETFD, FD_CLOEXEC);
	closefrom(5);
}

/*
 * fork(2) for a process that reports to the daemon.  In the child
 * (0 returned): signals at their defaults but SIGPIPE, ignored so that
 * a report to a daemon gone cannot kill it (exec resets it); the
 * signal mask set to mask, else to the caller's; only fd, as 3, and
 * the report pipe, as 4, open.  In the daemon, *rep is the pipe's
 * reading end.
 */
static pid_t
fork_reporting(int fd, const sigset_t *mask, int *rep)
{
	sigset_t all, old;
	int pfd[2], saved;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) == -1)
		return -1;
	sigfillset(&all);
	(void)sigprocmask(SIG_SETMASK, &all, &old);
	if ((pid = fork()) == 0) {
		signals_default();
		(void)signal(SIGPIPE, SIG_IGN);
		forked_keep(fd, pfd[1]);
		(void)sigprocmask(SIG_SETMASK, mask != NULL ? mask : &old,
		    NULL);
		return 0;
	}
	saved = errno;
	(void)sigprocmask(SIG_SETMASK, &old, NULL);
	close(pfd[1]);
	if (pid == -1) {
		close(pfd[0]);
		errno = saved;
		return -1;
	}
	*rep = pfd[0];
	return pid;
}

/*
 * A helper process of the daemon's own (rpcbind calls): as above, with
 * /dev/null as 3, the report pipe as 4, and no signal blocked.
 */
pid_t
spawn_helper(int *rep)
{
	sigset_t none;
	pid_t pid;
	int null, saved;

	if ((null = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1)
		return -1;
	sigemptyset(&none);
	if ((pid = fork_reporting(null, &none, rep)) == 0)
		return 0;
	saved = errno;
	close(null);
	errno = saved;
	return pid;
}

/*
 * A gated server: fork, since the gate's look-ups may block and a
 * vfork child would hold the daemon for as long.
 */
static pid_t
spawn_fork(struct spawn_req *r, struct service *svc, const struct peer *p,
    struct gate_plan *plan)
{
	pid_t pid;

	if ((pid = fork_reporting(r->fd, &r->mask, &plan->fd)) == 0) {
		r->fd = 3;
		r->report = 4;
		gate_run(svc, r->fd, p, plan, r->report);
		spawn_child(r);
	}
	return pid;
}

/*
 * In a built-in's process: the services, servers and xadmin listings
 * need no privilege, so they run as the service's user when it has
 * one.  auth keeps the daemon's, which it needs for ~/.fakeid and, on
 * FreeBSD, for the owner look-up.  A switch that fails is reported on
 * rep and ends the process.
 */
static void
builtin_user(const struct service *svc, int rep)
{
	const struct xcfg_service *cfg = svc->cfg;
	const char *stage = NULL;

	if (!daemon_state.root || cfg->user == NULL ||
	    svc->builtin == BUILTIN_AUTH)
		return;
	if (setgroups(svc->nsgroups > 0 ? (size_t)svc->nsgroups : 1,
	    svc->nsgroups > 0 ? svc->sgroups : &cfg->gid) == -1)
		stage = "setgroups";
	else if (setgid(cfg->gid) == -1)
		stage = "setgid";
	else if (setuid(cfg->uid) == -1)
		stage = "setuid";
	if (stage == NULL)
		return;
	gate_report_failure(rep, stage, errno);
	_exit(1);
}

/*
 * A built-in or a redirect whose client must pass the gate first: the
 * process that ran the gate then serves the connection itself, and
 * exits.  It closes its report pipe as a server's exec would, which
 * tells the daemon the gate passed; a redirect only once it has
 * connected to its target, so that a failure there can be reported.
 */
pid_t
spawn_builtin(struct service *svc, int fd, const struct peer *p,
    struct gate_plan *plan)
{
	pid_t pid;

	if ((pid = fork_reporting(fd, NULL, &plan->fd)) == 0) {
		(void)setsid();
		gate_run(svc, 3, p, plan, 4);
		if (svc->cfg->redirect_host != NULL)
			redirect_serve(svc, 3, 4);
		else {
			builtin_user(svc, 4);
			close(4);
			builtin_serve(svc, 3);
		}
		_exit(0);
	}
	return pid;
}

/*
 * For a client refused in the daemon, when its identity is to be
 * logged: a process that asks the client's ident server, reports on
 * the pipe returned in *rep, and exits.  It holds the connection open
 * meanwhile, since the question is about that connection.
 */
pid_t
spawn_ident_logger(int fd, const struct peer *p, int *rep)
{
	pid_t pid;

	if ((pid = fork_reporting(fd, NULL, rep)) == 0) {
		gate_ident_report(3, p, 4);
		_exit(0);
	}
	return pid;
}

/*
 * XINETD_TEST_SPAWN_FAIL=1 makes every process creation fail, as when
 * the process limit is reached: the test suite cannot count on the
 * kernel enforcing RLIMIT_NPROC where it runs.
 */
static bool
spawn_fail_test(void)
{
	static int fail = -1;
	const char *env;

	if (fail == -1)
		fail = (env = getenv("XINETD_TEST_SPAWN_FAIL")) != NULL &&
		    strcmp(env, "1") == 0;
	return fail == 1;
}

static void
spawn_failed(struct service *svc, const char *stage, int err)
{
	static uint64_t last;
	uint64_t now = event_now_ms();

	if (last != 0 && now - last < SPAWN_ERRLOG_MS)
		return;
	last = now;
	log_msg(LOG_ERR, "%s: %s %s: %s", svc->cfg->id, stage,
	    svc->cfg->server, strerror(err));
}

/*
 * Start the service's server with fd on 0, 1 and 2.  Returns the pid,
 * or -1 with *err 0 when no process could be made, else the errno of
 * the step that failed in the child.  When the server's process must
 * run the gate first, plan->fd is its report pipe, else -1.
 */
pid_t
spawn_server(struct service *svc, int fd, const struct peer *p, int *err,
    struct gate_plan *plan)
{
	bool gated;
	const struct xcfg_service *cfg = svc->cfg;
	char dyn[SPAWN_NDYNAMIC][PEER_ADDRSTRLEN + 16];
	struct spawn_req r;
	sigset_t all;
	char **envp;
	pid_t pid;
	int saved;

	*err = 0;
	gated = gate_plan(svc, p, plan);
	if (service_prepare(svc) == -1 ||
	    (envp = env_connection(svc, fd, p, dyn)) == NULL) {
		log_msg(LOG_ERR, "%s: out of memory", cfg->id);
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.path = cfg->server;
	r.argv = svc->argv;
	r.envp = envp;
	r.fd = fd;
	r.setsid = true;
	r.switch_user = daemon_state.root && cfg->user != NULL;
	r.uid = cfg->uid;
	r.gid = cfg->gid;
	r.groups = svc->nsgroups > 0 ? svc->sgroups : &cfg->gid;
	r.ngroups = svc->nsgroups > 0 ? svc->nsgroups : 1;
	r.umask = cfg->umask == XCFG_UNSET ? -1 : cfg->umask;
	r.nice = cfg->nice;
	r.report = -1;
	rlimits_prepare(&r, cfg);

	sigfillset(&all);
	(void)sigprocmask(SIG_SETMASK, &all, &r.mask);
	if (spawn_fail_test()) {
		pid = -1;
		errno = EAGAIN;
	} else if (gated)
		pid = spawn_fork(&r, svc, p, plan);
	else {
		if (cfg->type & XCFG_TYPE_TCPMUXPLUS)
			builtin_tcpmux_go(fd);
		pid = spawn_process(&r);
	}
	saved = errno;
	(void)sigprocmask(SIG_SETMASK, &r.mask, NULL);
	free(envp);
	if (pid == -1) {
		spawn_failed(svc, "cannot start", saved);
		return -1;
	}
	if (r.err != 0) {
		(void)waitpid(pid, NULL, 0);
		*err = r.err;
		spawn_failed(svc, r.stage, r.err);
		return -1;
	}
	return pid;
}
