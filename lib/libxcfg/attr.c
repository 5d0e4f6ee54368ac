/*
 * Attributes: the table of every attribute with its operators and where
 * it may appear, and the code that applies one setting to a service.
 */

#include <sys/socket.h>

#include <arpa/inet.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>

#include "xcfg_impl.h"
#include "value.h"

struct apply {
	struct loadctx	*ctx;
	struct build	*b;
	struct xcfg_service *svc;
	const struct setting *s;
	bool		 dflt;		/* in a defaults block */
	bool		 first;		/* first time the entry gives it */
};

typedef int (*setter)(struct apply *);

enum attr_kind {
	A_ONCE,		/* "=" once per entry */
	A_ACCUM,	/* "=" only, values accumulate (type, flags) */
	A_LIST,		/* "=", "+=", "-=" */
	A_LIST_NODEL	/* "=", "+=" (env) */
};

enum attr_where {
	W_SERVICE,	/* services only */
	W_BOTH,		/* services and defaults */
	W_DEFAULTS	/* defaults only */
};

struct attrdef {
	const char	*name;
	enum attr_kind	 kind;
	enum attr_where	 where;
	int		 min, max;	/* number of values; max -1: any */
	setter		 set;
};

static int
bad(struct apply *a, const char *fmt, ...)
	__attribute__((__format__(__printf__, 2, 3)));

static int
bad(struct apply *a, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1) {
		a->ctx->cfg->nomem = true;
		va_end(ap);
		return -1;
	}
	va_end(ap);
	ctx_error(a->ctx, a->s->file, a->s->line, "%s: %s", a->s->attr, msg);
	free(msg);
	return -1;
}

static const char *
v0(struct apply *a)
{
	return a->s->values.v[0];
}

static int
set_string(struct apply *a, char **field)
{
	char *p;

	if ((p = xstrdup(a->ctx, v0(a))) == NULL)
		return -1;
	free(*field);
	*field = p;
	return 0;
}

static int
set_path(struct apply *a, char **field)
{
	if (v0(a)[0] != '/')
		return bad(a, "'%s' is not an absolute path", v0(a));
	return set_string(a, field);
}

static int
set_yesno(struct apply *a, bool *field)
{
	if (value_bool(v0(a), field) == -1)
		return bad(a, "'%s' is not yes or no", v0(a));
	return 0;
}

static int
set_count(struct apply *a, int *field)
{
	if (value_limit(v0(a), 1, 1 << 30, field) == -1)
		return bad(a, "'%s' is not a positive number or UNLIMITED",
		    v0(a));
	return 0;
}

static int
set_number(struct apply *a, int *field, int min, int max)
{
	if (value_intv(v0(a), min, max, field) == -1)
		return bad(a, "'%s' is not a number from %d to %d", v0(a),
		    min, max);
	return 0;
}

/* Keywords OR-ed into a mask; "=" on a list replaces, "-=" removes. */
static int
set_keywords(struct apply *a, const struct keyword *kw, unsigned *mask)
{
	unsigned bits = 0, bit;
	size_t i;
	int rv = 0;

	for (i = 0; i < a->s->values.n; i++) {
		if (value_keyword(kw, a->s->values.v[i], &bit) == -1)
			rv = bad(a, "unknown value '%s'", a->s->values.v[i]);
		else
			bits |= bit;
	}
	if (rv == -1)
		return -1;
	/*
	 * In defaults "=" adds, except that the first one replaces the
	 * built-in value, as xinetd's defaults start from nothing.
	 */
	if (a->s->op == OP_DEL)
		*mask &= ~bits;
	else if (a->s->op == OP_ADD || (a->dflt && !a->first))
		*mask |= bits;
	else
		*mask = bits;
	return 0;
}

static int
set_id(struct apply *a)
{
	return set_string(a, &a->svc->id);
}

static int
set_type(struct apply *a)
{
	unsigned bits = a->svc->type;
	struct setting s = *a->s;
	struct apply b = *a;

	s.op = OP_ADD;
	b.s = &s;
	if (set_keywords(&b, kw_type, &bits) == -1)
		return -1;
	a->svc->type = bits;
	return 0;
}

static int
set_flags(struct apply *a)
{
	unsigned bits = 0, bit;
	size_t i;
	const char *w;
	int rv = 0;

	for (i = 0; i < a->s->values.n; i++) {
		w = a->s->values.v[i];
		if (strcasecmp(w, "IPv4") == 0)
			a->b->ipv4 = true;
		else if (strcasecmp(w, "IPv6") == 0)
			a->b->ipv6 = true;
		else if (strcasecmp(w, "NAMEINARGS") == 0)
			a->b->nameinargs = true;
		else if (value_keyword(kw_flags, w, &bit) == 0)
			bits |= bit;
		else
			rv = bad(a, "unknown flag '%s'", w);
	}
	a->svc->flags |= bits;
	return rv;
}

static int
set_disable(struct apply *a)
{
	return set_yesno(a, &a->svc->disabled);
}

static int
set_socktype(struct apply *a)
{
	unsigned t;

	if (value_keyword(kw_socktype, v0(a), &t) == -1)
		return bad(a, "unknown socket type '%s'", v0(a));
	a->svc->socktype = (int)t;
	return 0;
}

static int
set_protocol(struct apply *a)
{
	int num = 0;

	if (strcmp(v0(a), "unix") != 0 &&
	    lookup_protocol(&a->ctx->opts->paths, v0(a), &num) == -1)
		return bad(a, "unknown protocol '%s'", v0(a));
	a->svc->protonum = num;
	return set_string(a, &a->svc->protocol);
}

static int
set_wait(struct apply *a)
{
	return set_yesno(a, &a->svc->wait);
}

static int
set_user(struct apply *a)
{
	uid_t uid;
	gid_t gid;

	if (lookup_user(&a->ctx->opts->paths, v0(a), &uid, &gid) == -1)
		return bad(a, "unknown user '%s'", v0(a));
	a->svc->uid = uid;
	if (a->svc->group == NULL)
		a->svc->gid = gid;
	return set_string(a, &a->svc->user);
}

static int
set_group(struct apply *a)
{
	gid_t gid;

	if (lookup_group(&a->ctx->opts->paths, v0(a), &gid) == -1)
		return bad(a, "unknown group '%s'", v0(a));
	a->svc->gid = gid;
	return set_string(a, &a->svc->group);
}

static int
set_groups(struct apply *a)
{
	return set_yesno(a, &a->svc->groups);
}

static int
set_login_class(struct apply *a)
{
	return set_string(a, &a->svc->login_class);
}

static int
set_instances(struct apply *a)
{
	return set_count(a, &a->svc->instances);
}

static int
set_per_source(struct apply *a)
{
	return set_count(a, &a->svc->per_source);
}

/* A rate per minute; 0 and UNLIMITED mean no limit (BSD inetd). */
static int
set_rate(struct apply *a, int *field)
{
	if (value_limit(v0(a), 0, 1 << 30, field) == -1)
		return bad(a, "'%s' is not a number or UNLIMITED", v0(a));
	if (*field == 0)
		*field = XCFG_UNLIMITED;
	return 0;
}

static int
set_max_spawns(struct apply *a)
{
	return set_rate(a, &a->svc->max_spawns);
}

static int
set_per_source_rate(struct apply *a)
{
	return set_rate(a, &a->svc->per_source_rate);
}

static int
set_nice(struct apply *a)
{
	return set_number(a, &a->svc->nice, -20, 19);
}

static int
set_server(struct apply *a)
{
	return set_path(a, &a->svc->server);
}

static int
set_server_args(struct apply *a)
{
	size_t i;

	strlist_free(&a->b->server_args);
	for (i = 0; i < a->s->values.n; i++)
		strlist_add(&a->b->server_args, a->s->values.v[i],
		    &a->ctx->cfg->nomem);
	a->b->server_args_set = true;
	return 0;
}

static int
set_libwrap(struct apply *a)
{
	return set_string(a, &a->svc->libwrap);
}

static int
set_addrs(struct apply *a, struct xcfg_addrlist *l)
{
	struct xcfg_addrlist del;
	size_t i, j, k;
	int rv = 0;

	if (a->s->op == OP_DEL) {
		memset(&del, 0, sizeof(del));
		for (i = 0; i < a->s->values.n; i++)
			if (addr_parse(a->ctx, a->s->file, a->s->line,
			    a->s->values.v[i], &del) == -1)
				rv = -1;
		for (i = 0; i < del.n; i++) {
			for (j = k = 0; j < l->n; j++) {
				if (addr_equal(&l->v[j], &del.v[i])) {
					free(l->v[j].name);
					free(l->v[j].text);
				} else
					l->v[k++] = l->v[j];
			}
			l->n = k;
		}
		addrlist_free(&del);
		return rv;
	}
	if (a->s->op == OP_SET && !a->dflt)
		addrlist_free(l);
	l->set = true;
	for (i = 0; i < a->s->values.n; i++)
		if (addr_parse(a->ctx, a->s->file, a->s->line,
		    a->s->values.v[i], l) == -1)
			rv = -1;
	return rv;
}

static int
set_only_from(struct apply *a)
{
	return set_addrs(a, &a->svc->only_from);
}

static int
set_no_access(struct apply *a)
{
	return set_addrs(a, &a->svc->no_access);
}

static int
set_access_times(struct apply *a)
{
	struct xcfg_interval *v;
	size_t i, n = a->s->values.n;

	if ((v = calloc(n, sizeof(*v))) == NULL) {
		a->ctx->cfg->nomem = true;
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (value_interval(a->s->values.v[i], &v[i]) == -1) {
			free(v);
			return bad(a, "'%s' is not an interval hh:mm-hh:mm",
			    a->s->values.v[i]);
		}
	}
	free(a->svc->access_times);
	a->svc->access_times = v;
	a->svc->n_access_times = n;
	return 0;
}

/* The hard limit xinetd uses when only the soft one is given. */
static long long
log_default_hard(long long soft)
{
	long long slack = soft / 100;

	if (slack < 5 * 1024)
		slack = 5 * 1024;
	if (slack > 20 * 1024)
		slack = 20 * 1024;
	return soft + slack;
}

static int
set_log_syslog(struct apply *a, struct xcfg_log *log)
{
	const struct xcfg_strlist *v = &a->s->values;
	unsigned fac, lev = LOG_INFO;

	if (v->n < 2 || v->n > 3)
		return bad(a, "SYSLOG takes a facility and an optional level");
	if (value_keyword(kw_facility, v->v[1], &fac) == -1)
		return bad(a, "unknown syslog facility '%s'", v->v[1]);
	if (v->n == 3 && value_keyword(kw_level, v->v[2], &lev) == -1)
		return bad(a, "unknown syslog level '%s'", v->v[2]);
	free(log->path);
	memset(log, 0, sizeof(*log));
	log->kind = XCFG_LOG_SYSLOG;
	log->facility = (int)fac;
	log->level = (int)lev;
	return 0;
}

static int
set_log_file(struct apply *a, struct xcfg_log *log)
{
	const struct xcfg_strlist *v = &a->s->values;
	long long soft = 0, hard = 0;
	char *path;

	if (v->n < 2 || v->n > 4)
		return bad(a, "FILE takes a path and optional soft and hard "
		    "limits");
	if (v->v[1][0] != '/')
		return bad(a, "'%s' is not an absolute path", v->v[1]);
	if (v->n >= 3 && value_size(v->v[2], &soft) == -1)
		return bad(a, "'%s' is not a size", v->v[2]);
	if (v->n == 4 && value_size(v->v[3], &hard) == -1)
		return bad(a, "'%s' is not a size", v->v[3]);
	if (v->n == 3)
		hard = log_default_hard(soft);
	if (v->n == 4 && hard < soft)
		return bad(a, "hard limit %lld is below soft limit %lld",
		    hard, soft);
	if ((path = xstrdup(a->ctx, v->v[1])) == NULL)
		return -1;
	free(log->path);
	log->kind = XCFG_LOG_FILE;
	log->path = path;
	log->soft = soft;
	log->hard = hard;
	log->facility = log->level = 0;
	return 0;
}

static int
set_log_type(struct apply *a)
{
	if (strcasecmp(v0(a), "SYSLOG") == 0)
		return set_log_syslog(a, &a->svc->log);
	if (strcasecmp(v0(a), "FILE") == 0)
		return set_log_file(a, &a->svc->log);
	return bad(a, "'%s' is not SYSLOG or FILE", v0(a));
}

static int
set_log_on_success(struct apply *a)
{
	return set_keywords(a, kw_log_success, &a->svc->log_on_success);
}

/* RECORD is obsolete in xinetd: warn, drop it, keep the other words. */
static int
set_log_on_failure(struct apply *a)
{
	struct setting s = *a->s;
	struct apply b = *a;
	size_t i;
	int rv;

	memset(&s.values, 0, sizeof(s.values));
	for (i = 0; i < a->s->values.n; i++) {
		if (strcasecmp(a->s->values.v[i], "RECORD") == 0)
			ctx_warn(a->ctx, a->s->file, a->s->line,
			    "log_on_failure: RECORD is obsolete and ignored");
		else
			strlist_add(&s.values, a->s->values.v[i],
			    &a->ctx->cfg->nomem);
	}
	b.s = &s;
	rv = set_keywords(&b, kw_log_failure, &a->svc->log_on_failure);
	strlist_free(&s.values);
	return rv;
}

#define RPC_VERSIONS_MAX	256

static int
set_rpc_version(struct apply *a)
{
	const char *s = v0(a), *dash;
	char lo[16];
	size_t n;

	if ((dash = strchr(s, '-')) == NULL) {
		if (value_intv(s, 0, 1 << 30, &a->svc->rpc_lo) == -1)
			return bad(a, "'%s' is not a version or range", s);
		a->svc->rpc_hi = a->svc->rpc_lo;
		return 0;
	}
	n = (size_t)(dash - s);
	if (n == 0 || n >= sizeof(lo))
		return bad(a, "'%s' is not a version or range", s);
	memcpy(lo, s, n);
	lo[n] = '\0';
	if (value_intv(lo, 0, 1 << 30, &a->svc->rpc_lo) == -1 ||
	    value_intv(dash + 1, 0, 1 << 30, &a->svc->rpc_hi) == -1)
		return bad(a, "'%s' is not a version or range", s);
	if (a->svc->rpc_lo > a->svc->rpc_hi)
		return bad(a, "range '%s' is empty", s);
	/* Each version is an rpcbind entry per netid. */
	if (a->svc->rpc_hi - a->svc->rpc_lo >= RPC_VERSIONS_MAX)
		return bad(a, "range '%s' has more than %d versions", s,
		    RPC_VERSIONS_MAX);
	return 0;
}

static int
set_rpc_number(struct apply *a)
{
	return set_number(a, &a->svc->rpc_number, 1, 0x7fffffff);
}

static bool
env_name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (i = 0; i < n; i++)
		if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

static void
strlist_remove(struct xcfg_strlist *l, const char *s)
{
	size_t i, k;

	for (i = k = 0; i < l->n; i++) {
		if (strcmp(l->v[i], s) == 0)
			free(l->v[i]);
		else
			l->v[k++] = l->v[i];
	}
	l->n = k;
	if (l->v != NULL)
		l->v[k] = NULL;
}

static int
set_env(struct apply *a)
{
	const char *w, *eq;
	size_t i;

	for (i = 0; i < a->s->values.n; i++) {
		w = a->s->values.v[i];
		if ((eq = strchr(w, '=')) == NULL ||
		    !env_name_ok(w, (size_t)(eq - w)))
			return bad(a, "'%s' is not NAME=value", w);
	}
	if (a->s->op == OP_SET)
		strlist_free(&a->svc->env);
	for (i = 0; i < a->s->values.n; i++)
		strlist_add(&a->svc->env, a->s->values.v[i],
		    &a->ctx->cfg->nomem);
	return 0;
}

static int
set_passenv(struct apply *a)
{
	const char *w;
	size_t i;

	for (i = 0; i < a->s->values.n; i++) {
		w = a->s->values.v[i];
		if (!env_name_ok(w, strlen(w)))
			return bad(a, "'%s' is not a variable name", w);
	}
	if (a->s->op == OP_SET && !a->dflt)
		strlist_free(&a->svc->passenv);
	a->svc->passenv_set = true;
	for (i = 0; i < a->s->values.n; i++) {
		w = a->s->values.v[i];
		strlist_remove(&a->svc->passenv, w);
		if (a->s->op != OP_DEL)
			strlist_add(&a->svc->passenv, w, &a->ctx->cfg->nomem);
	}
	return 0;
}

static int
set_port(struct apply *a)
{
	return set_number(a, &a->svc->port, 1, 65535);
}

static int
set_redirect(struct apply *a)
{
	const char *port = a->s->values.v[1];
	int num;

	if (a->s->values.n != 2)
		return bad(a, "takes a host and a port");
	if (value_intv(port, 1, 65535, &num) == -1 &&
	    lookup_service(&a->ctx->opts->paths, port, "tcp", &num) == -1)
		return bad(a, "unknown port '%s'", port);
	a->svc->redirect_port = num;
	return set_string(a, &a->svc->redirect_host);
}

/* An IPv6 literal, with an optional %zone: fe80::1%em0. */
static bool
inet6_ok(const char *s)
{
	unsigned char buf[sizeof(struct in6_addr)];
	char addr[INET6_ADDRSTRLEN];
	const char *zone = strchr(s, '%');
	size_t n = zone != NULL ? (size_t)(zone - s) : strlen(s);

	if (n >= sizeof(addr))
		return false;
	memcpy(addr, s, n);
	addr[n] = '\0';
	if (zone != NULL && (zone[1] == '\0' ||
	    zone[1 + strspn(zone + 1, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")] != '\0'))
		return false;
	return inet_pton(AF_INET6, addr, buf) == 1;
}

/*
 * A word that looks like an address literal must be a valid one;
 * any other word is taken for a host name, looked up by the daemon.
 */
static int
check_host(struct apply *a, const char *s)
{
	unsigned char buf[sizeof(struct in6_addr)];

	if (strchr(s, ':') != NULL && !inet6_ok(s))
		return bad(a, "'%s' is not an IPv6 address", s);
	if (s[strspn(s, "0123456789.")] == '\0' &&
	    inet_pton(AF_INET, s, buf) != 1)
		return bad(a, "'%s' is not an IPv4 address", s);
	return 0;
}

/* An address literal, a host name, or (protocol unix) a path. */
static int
set_bind(struct apply *a)
{
	const char *s = v0(a);

	if (s[0] != '/' && check_host(a, s) == -1)
		return -1;
	return set_string(a, &a->svc->bind);
}

/* Where redirect connects from: an address literal or a host name. */
static int
set_redirect_source(struct apply *a)
{
	const char *s = v0(a);

	if (s[0] == '/')
		return bad(a, "'%s' is not an address or a host name", s);
	if (check_host(a, s) == -1)
		return -1;
	return set_string(a, &a->svc->redirect_source);
}

static int
set_banner(struct apply *a)
{
	return set_path(a, &a->svc->banner);
}

static int
set_banner_success(struct apply *a)
{
	return set_path(a, &a->svc->banner_success);
}

static int
set_banner_fail(struct apply *a)
{
	return set_path(a, &a->svc->banner_fail);
}

static int
set_cps(struct apply *a)
{
	int rate, wait;

	if (a->s->values.n != 2)
		return bad(a, "takes a rate and a wait time");
	if (value_intv(a->s->values.v[0], 0, 1 << 30, &rate) == -1 ||
	    value_intv(a->s->values.v[1], 0, 1 << 30, &wait) == -1)
		return bad(a, "'%s %s' is not two numbers", a->s->values.v[0],
		    a->s->values.v[1]);
	if (rate > 0 && wait == 0)
		return bad(a, "a wait of 0 seconds needs a rate of 0");
	a->svc->cps_rate = rate;
	a->svc->cps_wait = wait;
	return 0;
}

static int
set_max_load(struct apply *a)
{
	char *end;
	double v;

	v = strtod(v0(a), &end);
	if (*end != '\0' || end == v0(a) || !(v > 0) || v > 1e6)
		return bad(a, "'%s' is not a positive number", v0(a));
	a->svc->max_load = v;
	return 0;
}

static int
set_mdns(struct apply *a)
{
	return set_yesno(a, &a->svc->mdns);
}

static int
set_umask(struct apply *a)
{
	const char *s = v0(a);
	char *end;
	long v;

	v = strtol(s, &end, 8);
	if (*s < '0' || *s > '7' || *end != '\0' || v > 0777)
		return bad(a, "'%s' is not an octal mode", s);
	a->svc->umask = (int)v;
	return 0;
}

static int
set_names(struct apply *a, struct xcfg_strlist *l)
{
	size_t i;

	for (i = 0; i < a->s->values.n; i++)
		strlist_add(l, a->s->values.v[i], &a->ctx->cfg->nomem);
	return 0;
}

static int
set_enabled(struct apply *a)
{
	return set_names(a, &a->b->enabled);
}

static int
set_disabled(struct apply *a)
{
	return set_names(a, &a->b->disabled);
}

static int
set_rlimit(struct apply *a, enum xcfg_rlimit which, bool size)
{
	long long v;
	int n;

	if (strcasecmp(v0(a), "UNLIMITED") == 0)
		v = XCFG_UNLIMITED;
	else if (size && value_size(v0(a), &v) == -1)
		return bad(a, "'%s' is not a size or UNLIMITED", v0(a));
	else if (!size) {
		if (value_intv(v0(a), 0, 1 << 30, &n) == -1)
			return bad(a, "'%s' is not a number or UNLIMITED",
			    v0(a));
		v = n;
	}
	a->svc->rlimit[which] = v;
	return 0;
}

static int
set_rlimit_as(struct apply *a)
{
	return set_rlimit(a, XCFG_RLIMIT_AS, true);
}

static int
set_rlimit_cpu(struct apply *a)
{
	return set_rlimit(a, XCFG_RLIMIT_CPU, false);
}

static int
set_rlimit_data(struct apply *a)
{
	return set_rlimit(a, XCFG_RLIMIT_DATA, true);
}

static int
set_rlimit_files(struct apply *a)
{
	return set_rlimit(a, XCFG_RLIMIT_FILES, false);
}

static int
set_rlimit_rss(struct apply *a)
{
	return set_rlimit(a, XCFG_RLIMIT_RSS, true);
}

static int
set_rlimit_stack(struct apply *a)
{
	return set_rlimit(a, XCFG_RLIMIT_STACK, true);
}

static int
set_deny_time(struct apply *a)
{
	if (strcasecmp(v0(a), "FOREVER") == 0)
		a->svc->deny_time = XCFG_DENY_FOREVER;
	else if (strcasecmp(v0(a), "NEVER") == 0)
		a->svc->deny_time = XCFG_DENY_NEVER;
	else if (value_intv(v0(a), 1, 1 << 30, &a->svc->deny_time) == -1)
		return bad(a, "'%s' is not minutes, FOREVER or NEVER", v0(a));
	return 0;
}

static int
set_v6only(struct apply *a)
{
	bool v;

	if (set_yesno(a, &v) == -1)
		return -1;
	a->b->v6only = v ? XCFG_YES : XCFG_NO;
	a->b->v6only_own = !a->dflt;
	return 0;
}

static int
set_bufsize(struct apply *a, int *field)
{
	long long v;

	if (value_size(v0(a), &v) == -1 || v < 1 || v > 1 << 30)
		return bad(a, "'%s' is not a size from 1 to 1G", v0(a));
	*field = (int)v;
	return 0;
}

static int
set_sndbuf(struct apply *a)
{
	return set_bufsize(a, &a->svc->sndbuf);
}

static int
set_rcvbuf(struct apply *a)
{
	return set_bufsize(a, &a->svc->rcvbuf);
}

static int
set_per_source_prefix(struct apply *a)
{
	return set_number(a, &a->svc->per_source_prefix6, 1, 128);
}

static int
set_backlog(struct apply *a)
{
	return set_number(a, &a->svc->backlog, 1, 65535);
}

static int
set_accept_filter(struct apply *a)
{
	return set_string(a, &a->svc->accept_filter);
}

/*
 * The policy is one string.  Blanks do not matter in it, so runs of
 * them become one space: the dump then writes it back unchanged.
 */
static int
set_ipsec(struct apply *a)
{
	size_t i, j, len = 0, n = 0;
	const char *w;
	char *p;

	for (i = 0; i < a->s->values.n; i++)
		len += strlen(a->s->values.v[i]) + 1;
	if ((p = calloc(1, len + 1)) == NULL) {
		a->ctx->cfg->nomem = true;
		return -1;
	}
	for (i = 0; i < a->s->values.n; i++) {
		for (w = a->s->values.v[i]; *w != '\0'; w++) {
			if (strchr(" \t\f\v", *w) == NULL)
				p[n++] = *w;
			else if (n > 0 && p[n - 1] != ' ')
				p[n++] = ' ';
		}
		if (n > 0 && p[n - 1] != ' ')
			p[n++] = ' ';
	}
	for (j = n; j > 0 && p[j - 1] == ' '; j--)
		p[j - 1] = '\0';
	free(a->svc->ipsec);
	a->svc->ipsec = p;
	return 0;
}

#define ANY	(-1)

static const struct attrdef attrs[] = {
	{ "id",			A_ONCE, W_SERVICE, 1, 1, set_id },
	{ "type",		A_ACCUM, W_SERVICE, 1, ANY, set_type },
	{ "flags",		A_ACCUM, W_SERVICE, 1, ANY, set_flags },
	{ "disable",		A_ONCE, W_SERVICE, 1, 1, set_disable },
	{ "socket_type",	A_ONCE, W_SERVICE, 1, 1, set_socktype },
	{ "protocol",		A_ONCE, W_SERVICE, 1, 1, set_protocol },
	{ "wait",		A_ONCE, W_SERVICE, 1, 1, set_wait },
	{ "user",		A_ONCE, W_SERVICE, 1, 1, set_user },
	{ "group",		A_ONCE, W_SERVICE, 1, 1, set_group },
	{ "instances",		A_ONCE, W_BOTH, 1, 1, set_instances },
	{ "nice",		A_ONCE, W_SERVICE, 1, 1, set_nice },
	{ "server",		A_ONCE, W_SERVICE, 1, 1, set_server },
	{ "server_args",	A_ONCE, W_SERVICE, 0, ANY, set_server_args },
	{ "libwrap",		A_ONCE, W_SERVICE, 1, 1, set_libwrap },
	{ "only_from",		A_LIST, W_BOTH, 0, ANY, set_only_from },
	{ "no_access",		A_LIST, W_BOTH, 0, ANY, set_no_access },
	{ "access_times",	A_ONCE, W_SERVICE, 1, ANY, set_access_times },
	{ "log_type",		A_ONCE, W_BOTH, 2, 4, set_log_type },
	{ "log_on_success",	A_LIST, W_BOTH, 0, ANY, set_log_on_success },
	{ "log_on_failure",	A_LIST, W_BOTH, 0, ANY, set_log_on_failure },
	{ "rpc_version",	A_ONCE, W_SERVICE, 1, 1, set_rpc_version },
	{ "rpc_number",		A_ONCE, W_SERVICE, 1, 1, set_rpc_number },
	{ "env",		A_LIST_NODEL, W_SERVICE, 1, ANY, set_env },
	{ "passenv",		A_LIST, W_BOTH, 0, ANY, set_passenv },
	{ "port",		A_ONCE, W_SERVICE, 1, 1, set_port },
	{ "redirect",		A_ONCE, W_SERVICE, 2, 2, set_redirect },
	{ "bind",		A_ONCE, W_BOTH, 1, 1, set_bind },
	{ "interface",		A_ONCE, W_BOTH, 1, 1, set_bind },
	{ "banner",		A_ONCE, W_BOTH, 1, 1, set_banner },
	{ "banner_success",	A_ONCE, W_BOTH, 1, 1, set_banner_success },
	{ "banner_fail",	A_ONCE, W_BOTH, 1, 1, set_banner_fail },
	{ "per_source",		A_ONCE, W_BOTH, 1, 1, set_per_source },
	{ "cps",		A_ONCE, W_BOTH, 2, 2, set_cps },
	{ "max_load",		A_ONCE, W_BOTH, 1, 1, set_max_load },
	{ "groups",		A_ONCE, W_BOTH, 1, 1, set_groups },
	{ "mdns",		A_ONCE, W_BOTH, 1, 1, set_mdns },
	{ "umask",		A_ONCE, W_BOTH, 1, 1, set_umask },
	{ "enabled",		A_LIST_NODEL, W_DEFAULTS, 1, ANY, set_enabled },
	{ "disabled",		A_LIST_NODEL, W_DEFAULTS, 1, ANY,
	    set_disabled },
	{ "rlimit_as",		A_ONCE, W_SERVICE, 1, 1, set_rlimit_as },
	{ "rlimit_cpu",		A_ONCE, W_SERVICE, 1, 1, set_rlimit_cpu },
	{ "rlimit_data",	A_ONCE, W_SERVICE, 1, 1, set_rlimit_data },
	{ "rlimit_files",	A_ONCE, W_SERVICE, 1, 1, set_rlimit_files },
	{ "rlimit_rss",		A_ONCE, W_SERVICE, 1, 1, set_rlimit_rss },
	{ "rlimit_stack",	A_ONCE, W_SERVICE, 1, 1, set_rlimit_stack },
	{ "deny_time",		A_ONCE, W_SERVICE, 1, 1, set_deny_time },
	{ "v6only",		A_ONCE, W_BOTH, 1, 1, set_v6only },
	/* Extensions carrying inetd.conf settings. */
	{ "max_spawns",		A_ONCE, W_BOTH, 1, 1, set_max_spawns },
	{ "per_source_rate",	A_ONCE, W_BOTH, 1, 1, set_per_source_rate },
	{ "login_class",	A_ONCE, W_SERVICE, 1, 1, set_login_class },
	{ "sndbuf",		A_ONCE, W_SERVICE, 1, 1, set_sndbuf },
	{ "rcvbuf",		A_ONCE, W_SERVICE, 1, 1, set_rcvbuf },
	{ "listen_backlog",	A_ONCE, W_SERVICE, 1, 1, set_backlog },
	{ "per_source_ipv6_prefix", A_ONCE, W_BOTH, 1, 1,
	    set_per_source_prefix },
	{ "accept_filter",	A_ONCE, W_SERVICE, 1, 1, set_accept_filter },
	{ "ipsec",		A_ONCE, W_SERVICE, 1, ANY, set_ipsec },
	/* Extensions of this implementation. */
	{ "redirect_source",	A_ONCE, W_SERVICE, 1, 1,
	    set_redirect_source },
};

static const char *const op_names[] = { "=", "+=", "-=" };

static const struct attrdef *
attr_find(const char *name, size_t *index)
{
	size_t i;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		if (strcmp(attrs[i].name, name) == 0) {
			*index = i;
			return &attrs[i];
		}
	}
	return NULL;
}

/*
 * Apply one setting.  In a defaults block list attributes accumulate
 * ("=" acts as "+="); in a service an attribute that is not a list may
 * be given once.
 */
int
build_apply(struct loadctx *ctx, struct build *b, const struct setting *s,
    bool dflt)
{
	const struct attrdef *ad;
	struct apply a = { ctx, b, &b->svc, s, dflt, false };
	size_t idx, n = s->values.n;

	if ((ad = attr_find(s->attr, &idx)) == NULL) {
		ctx_error(ctx, s->file, s->line, "unknown attribute '%s'",
		    s->attr);
		return -1;
	}
	if (dflt && ad->where == W_SERVICE) {
		ctx_error(ctx, s->file, s->line,
		    "%s: not allowed in defaults", s->attr);
		return -1;
	}
	if (!dflt && ad->where == W_DEFAULTS) {
		ctx_error(ctx, s->file, s->line,
		    "%s: only allowed in defaults", s->attr);
		return -1;
	}
	/* interface is another name for bind: one of them, once. */
	if (strcmp(s->attr, "interface") == 0)
		attr_find("bind", &idx);
	/* Given, even if wrongly: no "missing" error follows. */
	a.first = !b->seen[idx];
	b->seen[idx] = 1;
	if (s->op != OP_SET && (ad->kind == A_ONCE || ad->kind == A_ACCUM ||
	    (ad->kind == A_LIST_NODEL && s->op == OP_DEL))) {
		ctx_error(ctx, s->file, s->line, "%s: operator '%s' not "
		    "allowed (only %s)", s->attr, op_names[s->op],
		    ad->kind == A_LIST_NODEL ? "= and +=" : "=");
		return -1;
	}
	if (ad->kind == A_ONCE && !a.first && !dflt &&
	    strcmp(s->attr, "log_type") != 0) {
		ctx_error(ctx, s->file, s->line, "%s: given more than once",
		    s->attr);
		return -1;
	}
	if ((int)n < ad->min || (ad->max != ANY && (int)n > ad->max)) {
		if (ad->min == ad->max)
			ctx_error(ctx, s->file, s->line,
			    "%s: takes %d value%s, found %zu", s->attr,
			    ad->min, ad->min == 1 ? "" : "s", n);
		else if (n == 0)
			ctx_error(ctx, s->file, s->line, "%s: missing value",
			    s->attr);
		else if ((int)n < ad->min)
			ctx_error(ctx, s->file, s->line,
			    "%s: takes at least %d values, found %zu", s->attr,
			    ad->min, n);
		else
			ctx_error(ctx, s->file, s->line,
			    "%s: takes at most %d values, found %zu", s->attr,
			    ad->max, n);
		return -1;
	}
	return ad->set(&a);
}

/* Whether the entry (or its defaults) gave the attribute, valid or not. */
bool
build_given(const struct build *b, const char *name)
{
	size_t idx;

	return attr_find(name, &idx) != NULL && b->seen[idx];
}
