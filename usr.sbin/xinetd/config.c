/*
 * Loading the configuration the command line names, and the check
 * (-n) and dump (-dump) modes.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "options.h"

#define INETD_SPAWN_RATE	256	/* servers a minute, without -R */

/*
 * Where names are looked up.  The variables let the test suite use its
 * own services, rpc, passwd... files instead of the host's /etc.
 */
void
config_paths(struct xcfg_paths *p)
{
	p->services = getenv("XINETD_SERVICES_FILE");
	p->protocols = getenv("XINETD_PROTOCOLS_FILE");
	p->rpc = getenv("XINETD_RPC_FILE");
	p->passwd = getenv("XINETD_PASSWD_FILE");
	p->group = getenv("XINETD_GROUP_FILE");
	p->networks = getenv("XINETD_NETWORKS_FILE");
}

/*
 * The inetd command line's limits and address, for the lines that set
 * none.  Without -R, a service may start 256 servers a minute, as in
 * FreeBSD, and there is no cps limit, which BSD inetd does not have;
 * without -w (-W for built-ins), hosts.allow and hosts.deny are not
 * consulted, as in FreeBSD.
 */
static void
inetd_defaults(const struct options *o, struct xcfg_inetd_defaults *d)
{
	d->instances = o->max_child > 0 ? o->max_child : 0;
	d->per_source = o->max_child_per_ip > 0 ? o->max_child_per_ip : 0;
	d->per_source_rate = o->max_conn_per_ip > 0 ? o->max_conn_per_ip : 0;
	d->max_spawns = o->max_spawn_rate > 0 ? o->max_spawn_rate :
	    INETD_SPAWN_RATE;
	d->bind = o->bind_address;
	d->nowrap_external = !o->wrap_external;
	d->nowrap_internal = !o->wrap_internal;
	d->cps_off = true;
}

struct xcfg *
config_load(const struct options *o)
{
	struct xcfg_options xo = { .syntax = XCFG_SYNTAX_AUTO };
	const char *compat;
	struct xcfg *cfg;

	config_paths(&xo.paths);
	if (o->inetd) {
		xo.syntax = XCFG_SYNTAX_INETD;
		inetd_defaults(o, &xo.inetd);
	}
	if ((cfg = xcfg_load(o->config, &xo)) == NULL)
		return NULL;
	if (o->inetd_compat) {
		if ((compat = getenv("XINETD_INETD_CONF")) == NULL)
			compat = PATH_INETD_CONF;
		xo.syntax = XCFG_SYNTAX_INETD;
		if (access(compat, F_OK) == 0)
			xcfg_merge_file(cfg, compat, &xo);
		else
			fprintf(stderr, "%s: -inetd_compat: %s does not "
			    "exist\n", getprogname(), compat);
	}
	return cfg;
}

/* -n and -dump: every problem on stderr; 0 only for a usable table. */
int
config_check(const struct options *o)
{
	struct xcfg *cfg;
	int rv;

	if ((cfg = config_load(o)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", getprogname());
		return 1;
	}
	xcfg_print_diags(cfg, stderr);
	rv = xcfg_ok(cfg) ? 0 : 1;
	if (rv == 0 && o->mode == MODE_DUMP && xcfg_dump(cfg, stdout) == -1)
		rv = 1;
	xcfg_free(cfg);
	return rv;
}
