/*
 * Comparing two services field by field, where they were defined aside.
 */

#include <string.h>

#include "xcfg_impl.h"

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
strlist_eq(const struct xcfg_strlist *a, const struct xcfg_strlist *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

static bool
addrlist_eq(const struct xcfg_addrlist *a, const struct xcfg_addrlist *b)
{
	size_t i;

	if (a->set != b->set || a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!addr_equal(&a->v[i], &b->v[i]))
			return false;
	return true;
}

static bool
log_eq(const struct xcfg_log *a, const struct xcfg_log *b)
{
	return a->kind == b->kind && a->facility == b->facility &&
	    a->level == b->level && str_eq(a->path, b->path) &&
	    a->soft == b->soft && a->hard == b->hard;
}

static bool
times_eq(const struct xcfg_service *a, const struct xcfg_service *b)
{
	size_t i;

	if (a->n_access_times != b->n_access_times)
		return false;
	for (i = 0; i < a->n_access_times; i++)
		if (a->access_times[i].start != b->access_times[i].start ||
		    a->access_times[i].end != b->access_times[i].end)
			return false;
	return true;
}

static bool
numbers_eq(const struct xcfg_service *a, const struct xcfg_service *b)
{
	int i;

	for (i = 0; i < XCFG_RLIMIT_COUNT; i++)
		if (a->rlimit[i] != b->rlimit[i])
			return false;
	return a->disabled == b->disabled && a->type == b->type &&
	    a->flags == b->flags && a->socktype == b->socktype &&
	    a->protonum == b->protonum && a->wait == b->wait &&
	    a->family == b->family && a->port == b->port &&
	    a->uid == b->uid && a->gid == b->gid && a->groups == b->groups &&
	    a->rpc_lo == b->rpc_lo && a->rpc_hi == b->rpc_hi &&
	    a->rpc_number == b->rpc_number && a->instances == b->instances &&
	    a->per_source == b->per_source && a->cps_rate == b->cps_rate &&
	    a->cps_wait == b->cps_wait && a->max_spawns == b->max_spawns &&
	    a->per_source_rate == b->per_source_rate &&
	    a->max_load == b->max_load && a->nice == b->nice &&
	    a->umask == b->umask && a->deny_time == b->deny_time &&
	    a->sndbuf == b->sndbuf && a->rcvbuf == b->rcvbuf &&
	    a->backlog == b->backlog && a->mdns == b->mdns &&
	    a->per_source_prefix6 == b->per_source_prefix6 &&
	    a->log_on_success == b->log_on_success &&
	    a->log_on_failure == b->log_on_failure &&
	    a->passenv_set == b->passenv_set &&
	    a->redirect_port == b->redirect_port;
}

static bool
strings_eq(const struct xcfg_service *a, const struct xcfg_service *b)
{
	return str_eq(a->id, b->id) && str_eq(a->name, b->name) &&
	    str_eq(a->protocol, b->protocol) && str_eq(a->bind, b->bind) &&
	    str_eq(a->user, b->user) && str_eq(a->group, b->group) &&
	    str_eq(a->login_class, b->login_class) &&
	    str_eq(a->server, b->server) && str_eq(a->libwrap, b->libwrap) &&
	    str_eq(a->accept_filter, b->accept_filter) &&
	    str_eq(a->ipsec, b->ipsec) &&
	    str_eq(a->redirect_host, b->redirect_host) &&
	    str_eq(a->redirect_source, b->redirect_source) &&
	    str_eq(a->banner, b->banner) &&
	    str_eq(a->banner_success, b->banner_success) &&
	    str_eq(a->banner_fail, b->banner_fail);
}

bool
xcfg_service_equal(const struct xcfg_service *a, const struct xcfg_service *b)
{
	return numbers_eq(a, b) && strings_eq(a, b) &&
	    strlist_eq(&a->argv, &b->argv) && strlist_eq(&a->env, &b->env) &&
	    strlist_eq(&a->passenv, &b->passenv) &&
	    addrlist_eq(&a->only_from, &b->only_from) &&
	    addrlist_eq(&a->no_access, &b->no_access) &&
	    times_eq(a, b) && log_eq(&a->log, &b->log);
}
