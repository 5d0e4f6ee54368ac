/*
 * Printing the table as xinetd.conf blocks.  Everything that differs
 * from a fresh service is written out, so the output loads back to an
 * equal table without any defaults block.
 */

#include <sys/socket.h>

#include <arpa/inet.h>

#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "xcfg_impl.h"
#include "value.h"

static const char *const rlimit_names[XCFG_RLIMIT_COUNT] = {
	"rlimit_as", "rlimit_cpu", "rlimit_data", "rlimit_files",
	"rlimit_rss", "rlimit_stack"
};

/*
 * xinetd.conf has no quoting: a word must not be empty, hold a blank,
 * a '#' or a control character, or be other than UTF-8 text (a NetBSD
 * key/value escape can make any of these).
 */
static bool
word_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n;

	if (len == 0)
		return false;
	while (*p != '\0') {
		if (*p <= ' ' || *p == '#' || *p == 0x7f ||
		    (n = utf8_len(p, len - (size_t)(p -
		    (const unsigned char *)s))) == 0)
			return false;
		p += n;
	}
	return true;
}

static int
put_words(FILE *fp, const char *attr, const struct xcfg_strlist *l,
    size_t from)
{
	size_t i;
	int rv = 0;

	fprintf(fp, "\t%-16s=", attr);
	for (i = from; i < l->n; i++) {
		if (!word_ok(l->v[i]))
			rv = -1;
		fprintf(fp, " %s", l->v[i]);
	}
	fputc('\n', fp);
	return rv;
}

/* One word; -1 when it cannot be written back (a blank, a '#'). */
static int
put_str(FILE *fp, const char *attr, const char *value)
{
	if (value == NULL)
		return 0;
	fprintf(fp, "\t%-16s= %s\n", attr, value);
	return word_ok(value) ? 0 : -1;
}

static void
put_int(FILE *fp, const char *attr, int value, int skip)
{
	if (value == skip)
		return;
	if (value == XCFG_UNLIMITED)
		fprintf(fp, "\t%-16s= UNLIMITED\n", attr);
	else
		fprintf(fp, "\t%-16s= %d\n", attr, value);
}

static void
put_mask(FILE *fp, const char *attr, const struct keyword *kw, unsigned mask)
{
	fprintf(fp, "\t%-16s=", attr);
	for (; kw->name != NULL; kw++)
		if (mask & kw->value)
			fprintf(fp, " %s", kw->name);
	fputc('\n', fp);
}

static void
put_addrs(FILE *fp, const char *attr, const struct xcfg_addrlist *l)
{
	char buf[INET6_ADDRSTRLEN];
	size_t i;

	if (!l->set)
		return;
	fprintf(fp, "\t%-16s=", attr);
	for (i = 0; i < l->n; i++) {
		const struct xcfg_addr *a = &l->v[i];

		switch (a->kind) {
		case XCFG_ADDR_INET:
			inet_ntop(AF_INET, &a->addr.v4, buf, sizeof(buf));
			fprintf(fp, " %s/%d", buf, a->prefix);
			break;
		case XCFG_ADDR_INET6:
			inet_ntop(AF_INET6, &a->addr.v6, buf, sizeof(buf));
			fprintf(fp, " %s/%d", buf, a->prefix);
			break;
		default:
			fprintf(fp, " %s", a->name);
			break;
		}
	}
	fputc('\n', fp);
}

static int
put_log(FILE *fp, const struct xcfg_log *log)
{
	if (log->kind == XCFG_LOG_FILE) {
		fprintf(fp, "\t%-16s= FILE %s", "log_type", log->path);
		if (log->soft != 0 || log->hard != 0)
			fprintf(fp, " %lld %lld", log->soft, log->hard);
		fputc('\n', fp);
		return word_ok(log->path) ? 0 : -1;
	}
	if (log->facility == LOG_DAEMON && log->level == LOG_INFO)
		return 0;
	fprintf(fp, "\t%-16s= SYSLOG %s %s\n", "log_type",
	    value_keyword_name(kw_facility, (unsigned)log->facility),
	    value_keyword_name(kw_level, (unsigned)log->level));
	return 0;
}

/* Every blank-separated word of s can be written. */
static bool
words_ok(const char *s)
{
	char *copy, *w, *last;
	bool ok = true;

	if ((copy = strdup(s)) == NULL)
		return false;
	for (w = strtok_r(copy, " ", &last); w != NULL && ok;
	    w = strtok_r(NULL, " ", &last))
		ok = word_ok(w);
	free(copy);
	return ok;
}

/* The policy may hold single blanks: they are read back the same. */
static int
put_ipsec(FILE *fp, const char *policy)
{
	if (policy == NULL)
		return 0;
	fprintf(fp, "\t%-16s= %s\n", "ipsec", policy);
	return policy[0] == '\0' || policy[0] == ' ' ||
	    strstr(policy, "  ") != NULL ||
	    policy[strlen(policy) - 1] == ' ' || !words_ok(policy) ? -1 : 0;
}

static void
put_family(FILE *fp, const struct xcfg_service *s, bool nameinargs)
{
	unsigned flags = s->flags;

	if (flags != 0 || nameinargs || s->family == XCFG_FAMILY_INET ||
	    s->family == XCFG_FAMILY_INET6) {
		fprintf(fp, "\t%-16s=", "flags");
		for (const struct keyword *kw = kw_flags; kw->name; kw++)
			if (flags & kw->value)
				fprintf(fp, " %s", kw->name);
		if (nameinargs)
			fprintf(fp, " NAMEINARGS");
		if (s->family == XCFG_FAMILY_INET)
			fprintf(fp, " IPv4");
		if (s->family == XCFG_FAMILY_INET6)
			fprintf(fp, " IPv6");
		fputc('\n', fp);
	}
	if (s->family == XCFG_FAMILY_INET6)
		put_str(fp, "v6only", "yes");
}

/* The server and its argv; NAMEINARGS when argv[0] is not its name. */
static int
put_server(FILE *fp, const struct xcfg_service *s, bool *nameinargs)
{
	const char *base;
	int rv = 0;

	*nameinargs = false;
	if (s->server == NULL && s->argv.n == 0)
		return 0;
	if (s->server != NULL) {
		base = strrchr(s->server, '/');
		base = base != NULL && base[1] != '\0' ? base + 1 : s->server;
		rv = put_str(fp, "server", s->server);
	} else
		base = s->name;
	if (s->argv.n > 0 && strcmp(s->argv.v[0], base) != 0) {
		*nameinargs = true;
		return put_words(fp, "server_args", &s->argv, 0) | rv;
	}
	if (s->argv.n > 1)
		return put_words(fp, "server_args", &s->argv, 1) | rv;
	return rv;
}

int
xcfg_dump_service(const struct xcfg_service *s, FILE *fp)
{
	struct xcfg_service fresh;
	bool nameinargs, bad;
	size_t i;

	service_init(&fresh);
	bad = !word_ok(s->name);
	fprintf(fp, "service %s\n{\n", s->name);
	bad |= put_str(fp, "id", s->id) != 0;
	if (s->disabled)
		bad |= put_str(fp, "disable", "yes") != 0;
	if (s->type != 0)
		put_mask(fp, "type", kw_type, s->type);
	bad |= put_str(fp, "socket_type", value_keyword_name(kw_socktype,
	    (unsigned)s->socktype)) != 0;
	bad |= put_str(fp, "protocol", s->protocol) != 0;
	bad |= put_str(fp, "wait", s->wait ? "yes" : "no") != 0;
	if (s->port != 0)
		put_int(fp, "port", s->port, 0);
	bad |= put_str(fp, "bind", s->bind) != 0;
	bad |= put_str(fp, "user", s->user) != 0;
	bad |= put_str(fp, "group", s->group) != 0;
	if (s->groups)
		bad |= put_str(fp, "groups", "yes") != 0;
	bad |= put_str(fp, "login_class", s->login_class) != 0;
	bad |= put_server(fp, s, &nameinargs) != 0;
	put_family(fp, s, nameinargs);
	bad |= put_str(fp, "libwrap", s->libwrap) != 0;
	if (s->type & XCFG_TYPE_RPC) {
		if (s->rpc_lo == s->rpc_hi)
			fprintf(fp, "\t%-16s= %d\n", "rpc_version", s->rpc_lo);
		else
			fprintf(fp, "\t%-16s= %d-%d\n", "rpc_version",
			    s->rpc_lo, s->rpc_hi);
		put_int(fp, "rpc_number", s->rpc_number, XCFG_UNSET);
	}
	put_int(fp, "instances", s->instances, fresh.instances);
	put_int(fp, "per_source", s->per_source, fresh.per_source);
	if (s->cps_rate != fresh.cps_rate || s->cps_wait != fresh.cps_wait)
		fprintf(fp, "\t%-16s= %d %d\n", "cps", s->cps_rate,
		    s->cps_wait);
	put_int(fp, "max_spawns", s->max_spawns, XCFG_UNSET);
	put_int(fp, "per_source_rate", s->per_source_rate, XCFG_UNSET);
	if (s->max_load > 0)
		fprintf(fp, "\t%-16s= %.17g\n", "max_load", s->max_load);
	put_int(fp, "nice", s->nice, XCFG_UNSET);
	if (s->umask != XCFG_UNSET)
		fprintf(fp, "\t%-16s= %04o\n", "umask", (unsigned)s->umask);
	for (i = 0; i < XCFG_RLIMIT_COUNT; i++) {
		if (s->rlimit[i] == XCFG_UNSET)
			continue;
		if (s->rlimit[i] == XCFG_UNLIMITED)
			bad |= put_str(fp, rlimit_names[i], "UNLIMITED") != 0;
		else
			fprintf(fp, "\t%-16s= %lld\n", rlimit_names[i],
			    s->rlimit[i]);
	}
	if (s->deny_time == XCFG_DENY_FOREVER)
		bad |= put_str(fp, "deny_time", "FOREVER") != 0;
	else if (s->deny_time == XCFG_DENY_NEVER)
		bad |= put_str(fp, "deny_time", "NEVER") != 0;
	else
		put_int(fp, "deny_time", s->deny_time, XCFG_UNSET);
	put_int(fp, "sndbuf", s->sndbuf, XCFG_UNSET);
	put_int(fp, "rcvbuf", s->rcvbuf, XCFG_UNSET);
	put_int(fp, "listen_backlog", s->backlog, XCFG_UNSET);
	put_int(fp, "per_source_ipv6_prefix", s->per_source_prefix6,
	    XCFG_PER_SOURCE_PREFIX6);
	bad |= put_str(fp, "accept_filter", s->accept_filter) != 0;
	bad |= put_ipsec(fp, s->ipsec) != 0;
	if (s->mdns)
		bad |= put_str(fp, "mdns", "yes") != 0;
	put_addrs(fp, "only_from", &s->only_from);
	put_addrs(fp, "no_access", &s->no_access);
	if (s->n_access_times > 0) {
		fprintf(fp, "\t%-16s=", "access_times");
		for (i = 0; i < s->n_access_times; i++)
			fprintf(fp, " %02d:%02d-%02d:%02d",
			    s->access_times[i].start / 60,
			    s->access_times[i].start % 60,
			    s->access_times[i].end / 60,
			    s->access_times[i].end % 60);
		fputc('\n', fp);
	}
	bad |= put_log(fp, &s->log) != 0;
	if (s->log_on_success != fresh.log_on_success)
		put_mask(fp, "log_on_success", kw_log_success,
		    s->log_on_success);
	if (s->log_on_failure != fresh.log_on_failure)
		put_mask(fp, "log_on_failure", kw_log_failure,
		    s->log_on_failure);
	if (s->env.n > 0)
		bad |= put_words(fp, "env", &s->env, 0) != 0;
	if (s->passenv_set)
		bad |= put_words(fp, "passenv", &s->passenv, 0) != 0;
	if (s->redirect_host != NULL) {
		fprintf(fp, "\t%-16s= %s %d\n", "redirect", s->redirect_host,
		    s->redirect_port);
		bad |= !word_ok(s->redirect_host);
	}
	bad |= put_str(fp, "redirect_source", s->redirect_source) != 0;
	bad |= put_str(fp, "banner", s->banner) != 0;
	bad |= put_str(fp, "banner_success", s->banner_success) != 0;
	bad |= put_str(fp, "banner_fail", s->banner_fail) != 0;
	fprintf(fp, "}\n");
	if (bad)
		fprintf(fp, "# service %s: a value above holds a blank, a "
		    "'#', a control character or bytes that are not UTF-8, "
		    "and cannot be written in xinetd.conf syntax\n", s->id);
	return bad ? -1 : 0;
}

int
xcfg_dump(const struct xcfg *cfg, FILE *fp)
{
	size_t i;
	int rv = 0;

	for (i = 0; i < cfg->nservices; i++) {
		if (i > 0)
			fputc('\n', fp);
		if (xcfg_dump_service(&cfg->services[i], fp) == -1)
			rv = -1;
	}
	if (fflush(fp) == EOF || ferror(fp))
		rv = -1;
	return rv;
}
