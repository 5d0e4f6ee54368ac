/*
 * RPC services and rpcbind.  Every version of an RPC service is
 * registered, through TI-RPC, for each netid its sockets listen on,
 * at the port the kernel chose.  The daemon keeps two sets: what the
 * open listeners want registered, and what rpcbind has been told.
 * Whenever a listener of an RPC service opens or closes, a helper
 * process makes rpcbind match: unset what is no longer wanted, then
 * set what is missing.  rpcbind calls may wait for a long time, so the
 * loop never makes them itself.  What fails (rpcbind not running yet,
 * say) is tried again later, less and less often.  A call whose outcome
 * is unknown (the helper was ended first) counts as made, but unsure:
 * it is made again if still wanted, and undone if not.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <rpc/rpc.h>
#ifdef __OpenBSD__
#include <rpc/pmap_clnt.h>
#endif

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"

#define RPC_BATCH	512	/* calls per helper, within a pipe's size */
#define RPC_JOB_SECONDS	60	/* a helper's whole life */
#define RPC_STOP_SECONDS 10	/* the last one, at exit */
#define RPC_RETRY_MS	1000	/* after a failure, doubling... */
#define RPC_RETRY_MAX_MS 16000	/* ...up to this */

#define NETID_MAX	8	/* "tcp6" and the like */

/* One registration: a program version on a netid at an address. */
struct rpc_reg {
	unsigned long	 prog;
	unsigned long	 vers;
	char		 netid[NETID_MAX];
	struct sockaddr_storage addr;
	socklen_t	 len;
	bool		 unsure;	/* in have: may not have been made */
};

/* A helper's call: set (after an unset of the same key) or unset. */
struct rpc_op {
	struct rpc_reg	 reg;
	bool		 set;
};

struct rpc_set {
	struct rpc_reg	*v;
	size_t		 n, cap;
};

static struct rpc_set have;		/* what rpcbind was told */
static struct rpc_op *job_ops;		/* the helper's calls */
static size_t job_nops;
static pid_t job_pid = -1;
static int job_rep = -1;
static bool dirty;			/* changed while a helper ran */
static bool more;			/* calls left for another helper */
static bool failing;			/* the last helper had failures */
static uint64_t retry_ms;
static struct event_timer *sync_timer;

static void rpc_sync(struct event_loop *, void *);

static bool
reg_key_same(const struct rpc_reg *a, const struct rpc_reg *b)
{
	return a->prog == b->prog && a->vers == b->vers &&
	    strcmp(a->netid, b->netid) == 0;
}

static bool
reg_same(const struct rpc_reg *a, const struct rpc_reg *b)
{
	return reg_key_same(a, b) && a->len == b->len &&
	    memcmp(&a->addr, &b->addr, a->len) == 0;
}

static int
set_add(struct rpc_set *s, const struct rpc_reg *r)
{
	struct rpc_reg *v;
	size_t cap;

	if (s->n == s->cap) {
		cap = s->cap == 0 ? 16 : s->cap * 2;
		if ((v = reallocarray(s->v, cap, sizeof(*v))) == NULL)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = *r;
	return 0;
}

static void
set_del(struct rpc_set *s, size_t i)
{
	s->v[i] = s->v[--s->n];
}

static ssize_t
set_find(const struct rpc_set *s, const struct rpc_reg *r, bool key_only)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (key_only ? reg_key_same(&s->v[i], r) :
		    reg_same(&s->v[i], r))
			return (ssize_t)i;
	return -1;
}

static const char *
reg_netid(int family, int socktype)
{
	if (socktype == SOCK_STREAM)
		return family == AF_INET ? "tcp" : "tcp6";
	if (socktype == SOCK_DGRAM)
		return family == AF_INET ? "udp" : "udp6";
	return NULL;
}

/* Each version of svc, on one netid at one address. */
static int
want_versions(struct rpc_set *want, struct service *svc,
    const char *netid, const struct sockaddr_storage *ss, socklen_t len)
{
	const struct xcfg_service *cfg = svc->cfg;
	struct rpc_reg r;
	int v;

	memset(&r, 0, sizeof(r));
	r.prog = (unsigned long)cfg->rpc_number;
	strlcpy(r.netid, netid, sizeof(r.netid));
	memcpy(&r.addr, ss, len);
	r.len = len;
	for (v = cfg->rpc_lo; v <= cfg->rpc_hi; v++) {
		r.vers = (unsigned long)v;
		if (set_find(want, &r, true) != -1) {
			if (!svc->rpc_dup_told)
				log_msg(LOG_WARNING, "%s: RPC program %lu "
				    "version %lu on %s is another service's; "
				    "not registered", cfg->id, r.prog, r.vers,
				    netid);
			svc->rpc_dup_told = true;
			continue;
		}
		if (set_add(want, &r) == -1)
			return -1;
	}
	return 0;
}

/*
 * The IPv4 side of a socket that takes IPv4 too: the same port, on any
 * address, or on the IPv4 address a mapped one stands for.
 */
static bool
addr_v4_side(const struct sockaddr_storage *ss, struct sockaddr_storage *v4,
    socklen_t *len)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)v4;

	memset(v4, 0, sizeof(*v4));
	s4->sin_family = AF_INET;
	s4->sin_port = s6->sin6_port;
	*len = sizeof(*s4);
	if (IN6_IS_ADDR_UNSPECIFIED(&s6->sin6_addr))
		return true;
	if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
		memcpy(&s4->sin_addr, &s6->sin6_addr.s6_addr[12], 4);
		return true;
	}
	return false;
}

static int
want_listener(struct rpc_set *want, const struct listener *l)
{
	const struct xcfg_service *cfg = l->svc->cfg;
	struct sockaddr_storage ss, bound, v4;
	socklen_t len = sizeof(bound), v4len;
	const char *netid;

	if (l->fd == -1 || (l->family != AF_INET && l->family != AF_INET6) ||
	    (netid = reg_netid(l->family, cfg->socktype)) == NULL)
		return 0;
	if (getsockname(l->fd, (struct sockaddr *)&bound, &len) == -1)
		return 0;
	/* The whole structure compares, so no stray bytes in it. */
	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, &bound, len);
	if (l->family == AF_INET6) {
		((struct sockaddr_in6 *)&ss)->sin6_flowinfo = 0;
		((struct sockaddr_in6 *)&ss)->sin6_scope_id = 0;
	}
	if (want_versions(want, l->svc, netid, &ss, len) == -1)
		return -1;
	if (l->family == AF_INET6 && l->v6only == 0 &&
	    addr_v4_side(&ss, &v4, &v4len))
		return want_versions(want, l->svc,
		    reg_netid(AF_INET, cfg->socktype), &v4, v4len);
	return 0;
}

/* What the running table wants registered. */
static int
want_build(struct rpc_set *want)
{
	struct service *svc;
	size_t i;
	int j;

	for (i = 0; i < daemon_state.nsvc; i++) {
		svc = daemon_state.svc[i];
		if (!(svc->cfg->type & XCFG_TYPE_RPC) ||
		    svc->cfg->rpc_number < 0)
			continue;
		for (j = 0; j < svc->nl; j++)
			if (want_listener(want, &svc->l[j]) == -1)
				return -1;
	}
	return 0;
}

/* Unsets first, so that a changed address is set after its unset. */
static size_t
ops_make(const struct rpc_set *want, struct rpc_op *ops, size_t max)
{
	size_t i, n = 0;
	ssize_t j;

	for (i = 0; i < have.n && n < max; i++)
		if (set_find(want, &have.v[i], false) == -1) {
			ops[n].reg = have.v[i];
			ops[n++].set = false;
		}
	for (i = 0; i < want->n && n < max; i++) {
		j = set_find(&have, &want->v[i], false);
		if (j == -1 || have.v[j].unsure) {
			ops[n].reg = want->v[i];
			ops[n++].set = true;
		}
	}
	return n;
}

/*
 * In the helper.  One byte per call on the pipe: 'y' done, 'n' failed
 * (try again later), 'x' the system has no such netid (give up).  An
 * unset that removed nothing returns false, as does one that reached
 * no rpcbind, so rpcbind is asked something harmless afterwards to
 * tell the two apart.
 */
#ifdef __OpenBSD__
/* No TI-RPC: the portmapper's calls, which know IPv4 only. */
static char
helper_call(const struct rpc_op *op)
{
	const struct sockaddr_in *s4;
	unsigned proto;

	if (strcmp(op->reg.netid, "tcp") == 0)
		proto = IPPROTO_TCP;
	else if (strcmp(op->reg.netid, "udp") == 0)
		proto = IPPROTO_UDP;
	else
		return 'x';
	(void)pmap_unset(op->reg.prog, op->reg.vers);
	if (!op->set)
		return 'y';
	s4 = (const struct sockaddr_in *)&op->reg.addr;
	return pmap_set(op->reg.prog, op->reg.vers, proto,
	    ntohs(s4->sin_port)) ? 'y' : 'n';
}
#else
static char
helper_call(const struct rpc_op *op)
{
	struct sockaddr_storage addr;
	struct netconfig *nconf;
	struct netbuf nb;
	char *uaddr;
	bool ok;

	if ((nconf = getnetconfigent(op->reg.netid)) == NULL)
		return 'x';
	memcpy(&addr, &op->reg.addr, sizeof(addr));
	nb.buf = &addr;
	nb.len = nb.maxlen = op->reg.len;
	(void)rpcb_unset(op->reg.prog, op->reg.vers, nconf);
	if (op->set)
		ok = rpcb_set(op->reg.prog, op->reg.vers, nconf, &nb);
	else if ((uaddr = rpcb_taddr2uaddr(nconf, &nb)) != NULL) {
		free(uaddr);
		ok = true;
	} else
		ok = false;
	freenetconfigent(nconf);
	return ok ? 'y' : 'n';
}
#endif

static void
helper_run(const struct rpc_op *ops, size_t n, unsigned seconds, int rep)
{
	size_t i;
	char c;

	alarm(seconds);
	/* A report nobody reads (at exit) does not stop the calls. */
	for (i = 0; i < n; i++) {
		c = helper_call(&ops[i]);
		(void)write(rep, &c, 1);
	}
	_exit(0);
}

static pid_t
helper_start(const struct rpc_op *ops, size_t n, unsigned seconds, int *rep)
{
	pid_t pid;

	if ((pid = spawn_helper(rep)) == 0)
		helper_run(ops, n, seconds, 4);
	return pid;
}

static void
sync_schedule(uint64_t ms)
{
	event_timer_cancel(daemon_state.loop, sync_timer);
	sync_timer = event_timer_add(daemon_state.loop, ms, rpc_sync, NULL);
	if (sync_timer == NULL)
		log_msg(LOG_ERR, "rpcbind: timer: %s", strerror(errno));
}

static void
rpc_sync(struct event_loop *loop, void *arg)
{
	struct rpc_set want = { NULL, 0, 0 };
	struct rpc_op *ops;
	size_t n;

	(void)loop;
	(void)arg;
	sync_timer = NULL;
	if (job_pid != -1) {
		dirty = true;
		return;
	}
	dirty = false;
	if (want_build(&want) == -1 ||
	    (ops = calloc(RPC_BATCH, sizeof(*ops))) == NULL) {
		free(want.v);
		log_msg(LOG_ERR, "rpcbind: out of memory; trying again");
		sync_schedule(RPC_RETRY_MAX_MS);
		return;
	}
	n = ops_make(&want, ops, RPC_BATCH);
	more = n == RPC_BATCH;
	free(want.v);
	if (n == 0) {
		free(ops);
		if (failing)
			log_msg(LOG_NOTICE, "rpcbind: registrations done");
		failing = false;
		retry_ms = 0;
		return;
	}
	if ((job_pid = helper_start(ops, n, RPC_JOB_SECONDS,
	    &job_rep)) == -1) {
		log_msg(LOG_ERR, "rpcbind: fork: %s", strerror(errno));
		free(ops);
		sync_schedule(RPC_RETRY_MAX_MS);
		return;
	}
	job_ops = ops;
	job_nops = n;
}

/*
 * Apply one call's result to what rpcbind has: 'y', 'n' and 'x' from
 * the helper, '?' for a call it did not report.
 */
static void
result_apply(const struct rpc_op *op, char c, size_t *nfail)
{
	struct rpc_reg r;
	ssize_t i;

	if (c == 'n' || (c == '?' && !op->set)) {
		if ((*nfail)++ == 0 && !failing && c == 'n')
			log_msg(LOG_WARNING, "rpcbind: cannot %s program %lu "
			    "version %lu on %s (rpcbind not running, or the "
			    "entry is another user's); trying again",
			    op->set ? "register" : "unregister",
			    op->reg.prog, op->reg.vers, op->reg.netid);
		return;
	}
	if (c == '?')
		(*nfail)++;
	if (c == 'x' && op->set)
		log_msg(LOG_ERR, "rpcbind: no netid %s on this system; "
		    "program %lu version %lu not registered on it",
		    op->reg.netid, op->reg.prog, op->reg.vers);
	/* The unset before a set removed any other address of the key. */
	while ((i = set_find(&have, &op->reg, true)) != -1)
		set_del(&have, (size_t)i);
	r = op->reg;
	r.unsure = c == '?';
	if (op->set && set_add(&have, &r) == -1)
		log_msg(LOG_ERR, "rpcbind: out of memory");
}

/* Read what the helper reported: up to job_nops bytes. */
static size_t
job_results(char *res)
{
	ssize_t got = 0, r;

	while ((size_t)got < job_nops &&
	    (r = read(job_rep, res + got, job_nops - (size_t)got)) != 0) {
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			break;
		got += r;
	}
	return (size_t)got;
}

/* Apply the helper's results, '?' where it reported none; forget it. */
static size_t
job_apply(void)
{
	char res[RPC_BATCH];
	size_t i, got, nfail = 0;

	got = job_results(res);
	close(job_rep);
	for (i = 0; i < job_nops; i++)
		result_apply(&job_ops[i], i < got ? res[i] : '?', &nfail);
	free(job_ops);
	job_ops = NULL;
	job_nops = 0;
	job_pid = -1;
	job_rep = -1;
	return nfail;
}

/* The helper is gone: take its results, and go on. */
static void
job_done(int status)
{
	size_t nfail;

	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		log_msg(LOG_WARNING, "rpcbind: no answer in %d s",
		    RPC_JOB_SECONDS);
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		log_msg(LOG_WARNING, "rpcbind: the helper failed");
	nfail = job_apply();
	if (nfail > 0) {
		failing = true;
		retry_ms = retry_ms == 0 ? RPC_RETRY_MS :
		    retry_ms * 2 > RPC_RETRY_MAX_MS ? RPC_RETRY_MAX_MS :
		    retry_ms * 2;
		/* A change is worth a try at once; failures are not. */
		sync_schedule(dirty ? 0 : retry_ms);
		return;
	}
	if (dirty || more || failing)
		sync_schedule(0);
}

/* A listener of an RPC service opened or closed. */
void
rpc_changed(const struct service *svc)
{
	if (!(svc->cfg->type & XCFG_TYPE_RPC) || daemon_state.stopping)
		return;
	if (job_pid != -1) {
		dirty = true;
		return;
	}
	sync_schedule(0);
}

/*
 * SIGHUP: make every registration again, for an rpcbind that was
 * restarted and lost them.  The unset before each set makes this safe.
 */
void
rpc_resync(void)
{
	size_t i;

	for (i = 0; i < have.n; i++)
		have.v[i].unsure = true;
	if (have.n == 0)
		return;
	if (job_pid != -1)
		dirty = true;
	else
		sync_schedule(0);
}

/* From the reaper: whether pid was the helper. */
bool
rpc_reaped(pid_t pid, int status)
{
	if (job_pid == -1 || pid != job_pid)
		return false;
	job_done(status);
	return true;
}

/*
 * When the daemon stops: unset everything, waiting for rpcbind a
 * bounded time.  A helper still running is ended first; what it did
 * not report counts as made.  If no process can be made, the calls are
 * made here, since the loop has nothing left to do.
 */
void
rpc_stop(void)
{
	struct rpc_op *ops;
	size_t i, n = 0;
	pid_t pid;
	int rep, status;

	event_timer_cancel(daemon_state.loop, sync_timer);
	sync_timer = NULL;
	if (job_pid != -1) {
		(void)kill(job_pid, SIGKILL);
		while (waitpid(job_pid, &status, 0) == -1 && errno == EINTR)
			;
		(void)job_apply();
	}
	if (have.n == 0 || (ops = calloc(have.n, sizeof(*ops))) == NULL)
		return;
	for (i = 0; i < have.n; i++)
		if (set_find(&have, &have.v[i], true) == (ssize_t)i) {
			ops[n].reg = have.v[i];
			ops[n++].set = false;
		}
	if ((pid = helper_start(ops, n, RPC_STOP_SECONDS, &rep)) != -1) {
		close(rep);
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
	} else {
		alarm(RPC_STOP_SECONDS);
		for (i = 0; i < n; i++)
			(void)helper_call(&ops[i]);
		alarm(0);
	}
	free(ops);
	free(have.v);
	have.v = NULL;
	have.n = have.cap = 0;
}
