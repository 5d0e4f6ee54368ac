/*
 * The life of a service record while it is built: a fresh record with
 * the built-in defaults, a deep copy of the defaults block into each
 * service, and freeing.
 */

#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "xcfg_impl.h"

void
service_init(struct xcfg_service *svc)
{
	int i;

	memset(svc, 0, sizeof(*svc));
	svc->family = XCFG_FAMILY_DUAL;
	svc->instances = XCFG_UNLIMITED;
	svc->per_source = XCFG_UNLIMITED;
	svc->cps_rate = 50;
	svc->cps_wait = 10;
	svc->max_spawns = XCFG_UNSET;
	svc->per_source_rate = XCFG_UNSET;
	svc->nice = XCFG_UNSET;
	svc->umask = XCFG_UNSET;
	for (i = 0; i < XCFG_RLIMIT_COUNT; i++)
		svc->rlimit[i] = XCFG_UNSET;
	svc->deny_time = XCFG_UNSET;
	svc->sndbuf = svc->rcvbuf = XCFG_UNSET;
	svc->backlog = XCFG_UNSET;
	svc->per_source_prefix6 = XCFG_PER_SOURCE_PREFIX6;
	svc->rpc_number = XCFG_UNSET;
	svc->log.kind = XCFG_LOG_SYSLOG;
	svc->log.facility = LOG_DAEMON;
	svc->log.level = LOG_INFO;
	svc->log_on_success = XCFG_LOG_HOST | XCFG_LOG_PID;
	svc->log_on_failure = XCFG_LOG_HOST;
}

void
service_free(struct xcfg_service *svc)
{
	free(svc->id);
	free(svc->name);
	free(svc->protocol);
	free(svc->bind);
	free(svc->user);
	free(svc->group);
	free(svc->login_class);
	free(svc->server);
	strlist_free(&svc->argv);
	free(svc->libwrap);
	free(svc->accept_filter);
	free(svc->ipsec);
	addrlist_free(&svc->only_from);
	addrlist_free(&svc->no_access);
	free(svc->access_times);
	free(svc->log.path);
	strlist_free(&svc->env);
	strlist_free(&svc->passenv);
	free(svc->redirect_host);
	free(svc->redirect_source);
	free(svc->banner);
	free(svc->banner_success);
	free(svc->banner_fail);
	service_init(svc);
}

void
build_init(struct build *b)
{
	memset(b, 0, sizeof(*b));
	service_init(&b->svc);
	b->v6only = XCFG_DEFAULT;
}

void
build_free(struct build *b)
{
	service_free(&b->svc);
	strlist_free(&b->server_args);
	strlist_free(&b->enabled);
	strlist_free(&b->disabled);
	memset(b, 0, sizeof(*b));
}

static int
copy_str(char **dst, const char *src, bool *nomem)
{
	if (src == NULL) {
		*dst = NULL;
		return 0;
	}
	if ((*dst = strdup(src)) == NULL) {
		*nomem = true;
		return -1;
	}
	return 0;
}

static void
copy_strlist(struct xcfg_strlist *dst, const struct xcfg_strlist *src,
    bool *nomem)
{
	size_t i;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < src->n; i++)
		strlist_add(dst, src->v[i], nomem);
}

static void
copy_addrlist(struct xcfg_addrlist *dst, const struct xcfg_addrlist *src,
    bool *nomem)
{
	size_t i;

	memset(dst, 0, sizeof(*dst));
	dst->set = src->set;
	if (src->n == 0)
		return;
	if ((dst->v = calloc(src->n, sizeof(*dst->v))) == NULL) {
		*nomem = true;
		return;
	}
	for (i = 0; i < src->n; i++) {
		dst->v[i] = src->v[i];
		dst->v[i].name = dst->v[i].text = NULL;
		dst->n++;
		copy_str(&dst->v[i].name, src->v[i].name, nomem);
		copy_str(&dst->v[i].text, src->v[i].text, nomem);
	}
}

/* Deep copy of the defaults into a new service. */
int
build_copy(struct loadctx *ctx, struct build *dst, const struct build *src)
{
	const struct xcfg_service *s = &src->svc;
	struct xcfg_service *d = &dst->svc;
	bool *nomem = &ctx->cfg->nomem;

	build_init(dst);
	*d = *s;
	copy_str(&d->id, s->id, nomem);
	copy_str(&d->name, s->name, nomem);
	copy_str(&d->protocol, s->protocol, nomem);
	copy_str(&d->bind, s->bind, nomem);
	copy_str(&d->user, s->user, nomem);
	copy_str(&d->group, s->group, nomem);
	copy_str(&d->login_class, s->login_class, nomem);
	copy_str(&d->server, s->server, nomem);
	copy_strlist(&d->argv, &s->argv, nomem);
	copy_str(&d->libwrap, s->libwrap, nomem);
	copy_str(&d->accept_filter, s->accept_filter, nomem);
	copy_str(&d->ipsec, s->ipsec, nomem);
	copy_addrlist(&d->only_from, &s->only_from, nomem);
	copy_addrlist(&d->no_access, &s->no_access, nomem);
	d->access_times = NULL;
	d->n_access_times = 0;
	copy_str(&d->log.path, s->log.path, nomem);
	copy_strlist(&d->env, &s->env, nomem);
	copy_strlist(&d->passenv, &s->passenv, nomem);
	copy_str(&d->redirect_host, s->redirect_host, nomem);
	copy_str(&d->redirect_source, s->redirect_source, nomem);
	copy_str(&d->banner, s->banner, nomem);
	copy_str(&d->banner_success, s->banner_success, nomem);
	copy_str(&d->banner_fail, s->banner_fail, nomem);
	dst->v6only = src->v6only;
	return *nomem ? -1 : 0;
}
