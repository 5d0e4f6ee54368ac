/*
 * Resolving raw entries into services: defaults first, then each
 * service's own settings, then what follows from them (argv, address
 * family, port and RPC number look-ups) and the per-service checks.
 */

#include <sys/socket.h>

#include <arpa/inet.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xcfg_impl.h"

/* Built-in services the daemon provides for type = INTERNAL. */
static const char *const internal_names[] = {
	"echo", "discard", "chargen", "daytime", "time", "tcpmux", "auth",
	"servers", "services", "xadmin", NULL
};

static bool
internal_known(const char *name)
{
	size_t i;

	for (i = 0; internal_names[i] != NULL; i++)
		if (strcmp(internal_names[i], name) == 0)
			return true;
	return false;
}

static bool
strlist_has(const struct xcfg_strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

static const char *
basename_of(const char *path)
{
	const char *p = strrchr(path, '/');

	return p != NULL && p[1] != '\0' ? p + 1 : path;
}

/*
 * argv[0] is the server's base name (for a built-in, its name), or the
 * first server_args word with NAMEINARGS.
 */
static void
finish_argv(struct loadctx *ctx, struct build *b, const struct raw_entry *r)
{
	struct xcfg_service *svc = &b->svc;
	size_t i;

	if (svc->server == NULL) {
		/* Built-ins may take arguments (FreeBSD's auth does). */
		if (!(svc->type & XCFG_TYPE_INTERNAL) ||
		    b->server_args.n == 0) {
			if (b->server_args.n > 0)
				ctx_error(ctx, r->file, r->line, "service %s: "
				    "server_args given without server",
				    svc->id);
			return;
		}
		if (!b->nameinargs)
			strlist_add(&svc->argv, svc->name, &ctx->cfg->nomem);
		for (i = 0; i < b->server_args.n; i++)
			strlist_add(&svc->argv, b->server_args.v[i],
			    &ctx->cfg->nomem);
		/* "internal echo" says no more than "internal". */
		if (svc->argv.n == 1 && strcmp(svc->argv.v[0], svc->name) == 0)
			strlist_free(&svc->argv);
		return;
	}
	if (b->nameinargs) {
		if (b->server_args.n == 0) {
			ctx_error(ctx, r->file, r->line, "service %s: flag "
			    "NAMEINARGS needs server_args", svc->id);
			return;
		}
	} else
		strlist_add(&svc->argv, basename_of(svc->server),
		    &ctx->cfg->nomem);
	for (i = 0; i < b->server_args.n; i++)
		strlist_add(&svc->argv, b->server_args.v[i], &ctx->cfg->nomem);
}

static int
bind_family(const char *bind)
{
	unsigned char buf[sizeof(struct in6_addr)];
	char addr[INET6_ADDRSTRLEN];

	if (bind == NULL || bind[0] == '/')
		return AF_UNSPEC;
	if (inet_pton(AF_INET, bind, buf) == 1)
		return AF_INET;
	/* A scoped address: fe80::1%em0 */
	if (strlcpy(addr, bind, sizeof(addr)) < sizeof(addr))
		addr[strcspn(addr, "%")] = '\0';
	if (inet_pton(AF_INET6, addr, buf) == 1)
		return AF_INET6;
	return AF_UNSPEC;
}

static bool
bind_is_any6(const char *bind)
{
	struct in6_addr a;

	return strchr(bind, '%') == NULL &&
	    inet_pton(AF_INET6, bind, &a) == 1 && IN6_IS_ADDR_UNSPECIFIED(&a);
}

/*
 * One family per service: flags IPv4/IPv6, v6only and a literal bind
 * address decide; with none of them the service is dual-stack.
 */
static void
finish_family(struct loadctx *ctx, struct build *b, const struct raw_entry *r)
{
	struct xcfg_service *svc = &b->svc;
	int af = bind_family(svc->bind);

	if (svc->protocol != NULL && strcmp(svc->protocol, "unix") == 0) {
		svc->family = XCFG_FAMILY_UNIX;
		if (svc->bind == NULL || svc->bind[0] != '/')
			ctx_error(ctx, r->file, r->line, "service %s: "
			    "protocol unix needs bind = /path", svc->id);
		return;
	}
	if (svc->bind != NULL && svc->bind[0] == '/')
		ctx_error(ctx, r->file, r->line, "service %s: a path in bind "
		    "needs protocol unix", svc->id);
	if (b->ipv4 && b->ipv6) {
		ctx_error(ctx, r->file, r->line,
		    "service %s: flags IPv4 and IPv6 exclude each other",
		    svc->id);
		return;
	}
	if ((b->ipv4 && af == AF_INET6) || (b->ipv6 && af == AF_INET)) {
		ctx_error(ctx, r->file, r->line, "service %s: bind address "
		    "%s does not match flag %s", svc->id, svc->bind,
		    b->ipv4 ? "IPv4" : "IPv6");
		return;
	}
	/* Only the IPv6 wildcard can take IPv4 connections too. */
	if (af == AF_INET6 && !bind_is_any6(svc->bind)) {
		svc->family = XCFG_FAMILY_INET6;
		return;
	}
	if (b->ipv4 || af == AF_INET) {
		if (b->v6only_own)
			ctx_error(ctx, r->file, r->line, "service %s: v6only "
			    "given for an IPv4 service", svc->id);
		svc->family = XCFG_FAMILY_INET;
	} else if (b->v6only == XCFG_YES)
		svc->family = XCFG_FAMILY_INET6;
	else
		svc->family = XCFG_FAMILY_DUAL;
}

static bool
is_tcpmux(const struct xcfg_service *svc)
{
	return (svc->type & (XCFG_TYPE_TCPMUX | XCFG_TYPE_TCPMUXPLUS)) != 0;
}

/* protocol, port and RPC program: defaults and services(5)/rpc(5). */
static void
finish_names(struct loadctx *ctx, struct build *b, const struct raw_entry *r)
{
	const struct xcfg_paths *paths = &ctx->opts->paths;
	struct xcfg_service *svc = &b->svc;
	bool unlisted = (svc->type & XCFG_TYPE_UNLISTED) != 0;
	bool rpc = (svc->type & XCFG_TYPE_RPC) != 0;
	const char *dflt;
	int port, num;

	if (svc->protocol == NULL) {
		if (build_given(b, "protocol"))
			return;
		if (rpc || unlisted) {
			ctx_error(ctx, r->file, r->line, "service %s: missing "
			    "protocol (required for %s services)", svc->id,
			    rpc ? "RPC" : "UNLISTED");
			return;
		}
		dflt = svc->socktype == SOCK_DGRAM ? "udp" : "tcp";
		svc->protocol = xstrdup(ctx, dflt);
		if (lookup_protocol(paths, dflt, &num) == 0)
			svc->protonum = num;
	}
	if (svc->family == XCFG_FAMILY_UNIX)
		return;
	if (rpc) {
		if (!build_given(b, "rpc_version"))
			ctx_error(ctx, r->file, r->line, "service %s: missing "
			    "rpc_version", svc->id);
		if (build_given(b, "rpc_number"))
			return;
		if (unlisted)
			ctx_error(ctx, r->file, r->line, "service %s: missing "
			    "rpc_number (required for UNLISTED RPC)", svc->id);
		else if (lookup_rpc(paths, svc->name, &num) == -1)
			ctx_error(ctx, r->file, r->line, "service %s: unknown "
			    "RPC program '%s'", svc->id, svc->name);
		else
			svc->rpc_number = num;
		return;
	}
	if (build_given(b, "rpc_number") || build_given(b, "rpc_version"))
		ctx_error(ctx, r->file, r->line, "service %s: rpc_number and "
		    "rpc_version need type RPC", svc->id);
	if (is_tcpmux(svc))
		return;
	if (unlisted) {
		if (!build_given(b, "port"))
			ctx_error(ctx, r->file, r->line, "service %s: missing "
			    "port (required for UNLISTED services)", svc->id);
		return;
	}
	if (lookup_service(paths, svc->name, svc->protocol, &port) == -1) {
		if (r->inetd)
			ctx_error(ctx, r->file, r->line, "service %s: unknown "
			    "service %s/%s (not in the services file; give a "
			    "port number instead)", svc->id, svc->name,
			    svc->protocol);
		else if (svc->port == 0)
			ctx_error(ctx, r->file, r->line, "service %s: unknown "
			    "service %s/%s (not in the services file; use "
			    "type = UNLISTED and port)", svc->id, svc->name,
			    svc->protocol);
		else
			ctx_error(ctx, r->file, r->line, "service %s: %s/%s "
			    "is not in the services file; add type = "
			    "UNLISTED", svc->id, svc->name, svc->protocol);
		return;
	}
	if (svc->port != 0 && svc->port != port)
		ctx_error(ctx, r->file, r->line, "service %s: port %d does "
		    "not match the services file (%s/%s is %d)", svc->id,
		    svc->port, svc->name, svc->protocol, port);
	svc->port = port;
}

/* Required attributes and attributes that exclude each other. */
static void
finish_checks(struct loadctx *ctx, struct build *b, const struct raw_entry *r)
{
	struct xcfg_service *svc = &b->svc;
	bool internal = (svc->type & XCFG_TYPE_INTERNAL) != 0;
	bool redirect = build_given(b, "redirect");

	if (!build_given(b, "socket_type"))
		ctx_error(ctx, r->file, r->line, "service %s: missing "
		    "socket_type", svc->id);
	if (!build_given(b, "wait"))
		ctx_error(ctx, r->file, r->line, "service %s: missing wait",
		    svc->id);
	if (internal) {
		if (svc->server != NULL)
			ctx_error(ctx, r->file, r->line, "service %s: an "
			    "INTERNAL service takes no server", svc->id);
		if (!internal_known(svc->name))
			ctx_error(ctx, r->file, r->line, "service %s: no "
			    "internal service named '%s'", svc->id,
			    svc->name);
	} else if (redirect) {
		if (svc->server != NULL)
			ctx_error(ctx, r->file, r->line, "service %s: "
			    "redirect and server exclude each other", svc->id);
		if (svc->socktype != SOCK_STREAM &&
		    build_given(b, "socket_type"))
			ctx_error(ctx, r->file, r->line, "service %s: "
			    "redirect needs socket_type stream", svc->id);
	} else {
		if (!build_given(b, "server"))
			ctx_error(ctx, r->file, r->line, "service %s: missing "
			    "server", svc->id);
		if (!build_given(b, "user"))
			ctx_error(ctx, r->file, r->line, "service %s: missing "
			    "user", svc->id);
	}
	if (build_given(b, "redirect_source") && !redirect)
		ctx_error(ctx, r->file, r->line, "service %s: "
		    "redirect_source needs redirect", svc->id);
	if ((svc->type & XCFG_TYPE_RPC) && is_tcpmux(svc))
		ctx_error(ctx, r->file, r->line, "service %s: types RPC and "
		    "TCPMUX exclude each other", svc->id);
	if (is_tcpmux(svc) && build_given(b, "socket_type") &&
	    svc->socktype != SOCK_STREAM)
		ctx_error(ctx, r->file, r->line, "service %s: TCPMUX needs "
		    "socket_type stream", svc->id);
	if (is_tcpmux(svc) && svc->wait)
		ctx_error(ctx, r->file, r->line, "service %s: TCPMUX needs "
		    "wait = no (it has no socket to hand over)", svc->id);
	if (svc->port != 0 && (svc->type & XCFG_TYPE_RPC))
		ctx_error(ctx, r->file, r->line, "service %s: RPC services "
		    "take no port; rpcbind publishes the one bound",
		    svc->id);
}

/* "disable = yes" anywhere in the entry makes its errors warnings. */
static bool
raw_disabled(const struct raw_entry *r)
{
	size_t i;

	if (r->disabled)
		return true;
	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].attr, "disable") == 0 &&
		    r->v[i].values.n == 1 &&
		    strcasecmp(r->v[i].values.v[0], "yes") == 0)
			return true;
	return false;
}

static void
add_service(struct loadctx *ctx, struct build *b)
{
	struct xcfg *cfg = ctx->cfg;
	struct xcfg_service *v;

	v = reallocarray(cfg->services, cfg->nservices + 1, sizeof(*v));
	if (v == NULL) {
		cfg->nomem = true;
		build_free(b);
		return;
	}
	cfg->services = v;
	v[cfg->nservices++] = b->svc;
	service_init(&b->svc);
	build_free(b);
}

/* The inetd command line's values, where the line set none. */
static void
apply_inetd_defaults(struct loadctx *ctx, struct build *b)
{
	const struct xcfg_inetd_defaults *d = &ctx->opts->inetd;
	struct xcfg_service *svc = &b->svc;

	if (d->instances > 0 && !build_given(b, "instances"))
		svc->instances = d->instances;
	if (d->per_source > 0 && !build_given(b, "per_source"))
		svc->per_source = d->per_source;
	if (d->per_source_rate > 0 && !build_given(b, "per_source_rate"))
		svc->per_source_rate = d->per_source_rate;
	if (d->max_spawns > 0 && !build_given(b, "max_spawns"))
		svc->max_spawns = d->max_spawns;
	/* BSD inetd limits its rate with -R alone, not with cps. */
	if (d->cps_off && !build_given(b, "cps"))
		svc->cps_rate = svc->cps_wait = 0;
	/* FreeBSD's -w and -W: libwrap only when asked for. */
	if ((svc->type & XCFG_TYPE_INTERNAL) ? d->nowrap_internal :
	    d->nowrap_external)
		svc->flags |= XCFG_FLAG_NOLIBWRAP;
	/* -a: for the lines of its family; tcp46 lines take an IPv6 one. */
	if (d->bind != NULL && !build_given(b, "bind") && svc->bind == NULL &&
	    !(bind_family(d->bind) == AF_INET && b->ipv6) &&
	    !(bind_family(d->bind) == AF_INET6 && b->ipv4))
		svc->bind = xstrdup(ctx, d->bind);
}

static void
resolve_service(struct loadctx *ctx, const struct build *dflt,
    const struct raw_entry *r)
{
	struct build b;
	struct xcfg_service *svc = &b.svc;
	size_t i, demoted;

	if (build_copy(ctx, &b, dflt) == -1) {
		build_free(&b);
		return;
	}
	ctx->demote = raw_disabled(r);
	demoted = ctx->ndemoted;
	svc->file = r->file;
	svc->line = r->line;
	svc->disabled = r->disabled;
	svc->name = xstrdup(ctx, r->name);
	for (i = 0; i < r->n; i++)
		build_apply(ctx, &b, &r->v[i], false);
	if (svc->id == NULL)
		svc->id = xstrdup(ctx, r->name);
	if (r->inetd)
		apply_inetd_defaults(ctx, &b);
	if (svc->name == NULL || svc->id == NULL) {
		build_free(&b);
		ctx->demote = false;
		return;
	}
	finish_argv(ctx, &b, r);
	finish_family(ctx, &b, r);
	finish_names(ctx, &b, r);
	finish_checks(ctx, &b, r);
	if (strlist_has(&dflt->disabled, svc->id) ||
	    strlist_has(&dflt->disabled, svc->name) ||
	    (build_given(dflt, "enabled") &&
	    !strlist_has(&dflt->enabled, svc->id) &&
	    !strlist_has(&dflt->enabled, svc->name)))
		svc->disabled = true;
	ctx->demote = false;
	/*
	 * A disabled entry with problems cannot be used or written back;
	 * its problems were reported as warnings and it is left out.
	 */
	if (ctx->ndemoted > demoted) {
		build_free(&b);
		return;
	}
	add_service(ctx, &b);
}

void
resolve_all(struct loadctx *ctx)
{
	struct build dflt;
	size_t i, j;

	build_init(&dflt);
	for (i = 0; i < ctx->nraw; i++) {
		if (ctx->raw[i].kind != RAW_DEFAULTS)
			continue;
		for (j = 0; j < ctx->raw[i].n; j++)
			build_apply(ctx, &dflt, &ctx->raw[i].v[j], true);
	}
	for (i = 0; i < ctx->nraw; i++)
		if (ctx->raw[i].kind == RAW_SERVICE)
			resolve_service(ctx, &dflt, &ctx->raw[i]);
	build_free(&dflt);
}
