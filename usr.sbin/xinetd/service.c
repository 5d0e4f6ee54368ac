/*
 * The running service table: building it from a configuration, and
 * replacing it on reload without closing the sockets of services that
 * did not change.
 */

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "daemon.h"
#include "log.h"

/* Kinds of service that other parts of the daemon do not serve yet. */
static const char *
service_unserved(const struct xcfg_service *cfg)
{
	if ((cfg->type & XCFG_TYPE_INTERNAL) &&
	    !builtin_serves(builtin_of(cfg), cfg->socktype))
		return "this built-in service is not served yet";
	return NULL;
}

/*
 * Settings that are read, checked and dumped, but that this version
 * does not carry out: said once per load, so none is ignored silently.
 */
static void
service_unapplied(const struct xcfg_service *cfg)
{
	const char *what[6];
	size_t i, n = 0;

	if (cfg->accept_filter != NULL)
		what[n++] = "accept_filter";
	if (cfg->ipsec != NULL)
		what[n++] = "ipsec";
	if (cfg->login_class != NULL)
		what[n++] = "login_class";
	if (cfg->mdns)
		what[n++] = "mdns";
	if (cfg->flags & XCFG_FLAG_INTERCEPT)
		what[n++] = "flag INTERCEPT";
	if (cfg->flags & XCFG_FLAG_FAITH)
		what[n++] = "flag FAITH";
	for (i = 0; i < n; i++)
		log_msg(LOG_WARNING, "%s: %s is not applied by this version; "
		    "ignored", cfg->id, what[i]);
}

/*
 * At load time, the part of a server's set-up that needs look-ups; the
 * rest (argv, environment) is made at its first server, since most
 * services of a large table never start one.
 */
static void
service_ready(struct service *svc)
{
	if (service_groups_prepare(svc) == -1 || banners_load(svc) == -1)
		log_msg(LOG_ERR, "%s: out of memory", svc->cfg->id);
	redirect_prepare(svc);
	service_unapplied(svc->cfg);
	if (svc->builtin == BUILTIN_AUTH)
		auth_check(svc->cfg);
}

static void
service_uncache(struct service *svc)
{
	free(svc->argv);
	free(svc->envbase);
	free(svc->sgroups);
	banners_free(svc);
	svc->argv = NULL;
	svc->envbase = NULL;
	svc->nenvbase = 0;
	svc->sgroups = NULL;
	svc->nsgroups = -1;
}

static struct service *
service_new(const struct xcfg_service *cfg, struct generation *gen)
{
	struct service *svc;

	if ((svc = calloc(1, sizeof(*svc))) == NULL)
		return NULL;
	svc->cfg = cfg;
	svc->builtin = builtin_of(cfg);
	svc->gen = gen;
	generation_ref(gen);
	svc->nsgroups = -1;
	return svc;
}

/* Free a service once nothing refers to it any more. */
void
service_release(struct service *svc)
{
	struct service **pp;

	if (svc->running > 0)
		return;
	for (pp = &daemon_state.retired; *pp != NULL; pp = &(*pp)->next)
		if (*pp == svc) {
			*pp = svc->next;
			break;
		}
	listeners_close(svc);
	listeners_free(svc);
	sources_free(svc);
	rate_free(svc);
	service_uncache(svc);
	generation_unref(svc->gen);
	free(svc);
}

/*
 * A connection the daemon serves itself (a built-in, a relay) counts
 * as a running server: toward instances and per_source.  Returns its
 * per_source entry.
 */
struct source *
service_conn_begin(struct service *svc, const struct peer *p)
{
	svc->running++;
	return p != NULL && p->len > 0 ? source_add(svc, p) : NULL;
}

/* Its end; the last one of a service gone from the table frees it. */
void
service_conn_end(struct service *svc, struct source *src)
{
	source_remove(svc, src);
	svc->running--;
	if (svc->retired && svc->running == 0)
		service_release(svc);
}

/* Out of the table: no more listeners; free when its servers are gone. */
static void
service_retire(struct service *svc, bool terminate)
{
	listeners_close(svc);
	if (svc->running == 0) {
		service_release(svc);
		return;
	}
	svc->retired = true;
	svc->next = daemon_state.retired;
	daemon_state.retired = svc;
	if (terminate)
		service_terminate(svc);
}

static int
svc_by_id(const void *a, const void *b)
{
	const struct service *const *x = a, *const *y = b;

	return strcmp((*x)->cfg->id, (*y)->cfg->id);
}

static int
id_to_svc(const void *key, const void *elem)
{
	const struct service *const *y = elem;

	return strcmp(key, (*y)->cfg->id);
}

/* Build the services of gen that are enabled and served. */
static struct service **
services_make(struct generation *gen, size_t *np)
{
	const struct xcfg_service *cfg;
	struct service **v;
	const char *why;
	size_t i, n = 0;

	if ((v = calloc(xcfg_nservices(gen->cfg) + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < xcfg_nservices(gen->cfg); i++) {
		cfg = xcfg_service(gen->cfg, i);
		if (cfg->disabled)
			continue;
		if ((why = service_unserved(cfg)) != NULL) {
			log_msg(LOG_WARNING, "%s: %s; skipped", cfg->id, why);
			continue;
		}
		if ((v[n] = service_new(cfg, gen)) == NULL) {
			log_msg(LOG_ERR, "%s: out of memory", cfg->id);
			continue;
		}
		n++;
	}
	*np = n;
	return v;
}

int
services_start(struct generation *gen)
{
	size_t i;

	daemon_state.gen = gen;
	if ((daemon_state.svc = services_make(gen, &daemon_state.nsvc)) ==
	    NULL)
		return -1;
	for (i = 0; !daemon_state.root && i < daemon_state.nsvc; i++)
		if (daemon_state.svc[i]->cfg->user != NULL) {
			log_msg(LOG_NOTICE, "not running as root: servers run "
			    "as this user, whatever user and group say");
			break;
		}
	for (i = 0; i < daemon_state.nsvc; i++) {
		service_ready(daemon_state.svc[i]);
		listeners_open(daemon_state.svc[i]);
	}
	builtin_ports_update();
	return 0;
}

/*
 * The new settings of a service whose sockets stay.  The cached argv
 * and environment point into the old configuration, which may be freed
 * below, so they go even when the settings are equal.
 */
static void
service_update(struct service *old, struct service *new, bool terminate)
{
	if (terminate && !xcfg_service_equal(old->cfg, new->cfg))
		service_terminate(old);
	service_uncache(old);
	listeners_update(old, new->cfg);
	generation_unref(old->gen);
	old->gen = new->gen;
	generation_ref(old->gen);
	old->cfg = new->cfg;
	old->builtin = new->builtin;
	service_ready(old);
}

/*
 * Swap in the services of gen.  A service with the same id and socket
 * identity keeps its listeners and running servers; others are
 * retired (their servers finish unless terminate) or opened anew.
 */
int
services_reload(struct generation *gen, bool terminate)
{
	struct service **oldv = daemon_state.svc, **newv, **hit;
	size_t oldn = daemon_state.nsvc, newn = 0, i;
	bool *kept = NULL, *fresh = NULL;

	if ((newv = services_make(gen, &newn)) == NULL ||
	    (kept = calloc(oldn + 1, sizeof(*kept))) == NULL ||
	    (fresh = calloc(newn + 1, sizeof(*fresh))) == NULL) {
		for (i = 0; newv != NULL && i < newn; i++)
			service_release(newv[i]);
		free(newv);
		free(kept);
		log_msg(LOG_ERR, "reload: out of memory; the running "
		    "configuration stays");
		generation_unref(gen);
		return -1;
	}
	if (oldn > 1)
		qsort(oldv, oldn, sizeof(*oldv), svc_by_id);
	/* First match, so retired sockets close before new ones open. */
	for (i = 0; i < newn; i++) {
		hit = bsearch(newv[i]->cfg->id, oldv, oldn, sizeof(*oldv),
		    id_to_svc);
		if (hit == NULL || !listener_same((*hit)->cfg, newv[i]->cfg)) {
			fresh[i] = true;
			continue;
		}
		kept[hit - oldv] = true;
		service_update(*hit, newv[i], terminate);
		service_release(newv[i]);
		newv[i] = *hit;
	}
	for (i = 0; i < oldn; i++)
		if (!kept[i])
			service_retire(oldv[i], terminate);
	for (i = 0; i < newn; i++)
		if (fresh[i]) {
			service_ready(newv[i]);
			listeners_open(newv[i]);
		}
	free(fresh);
	free(kept);
	free(oldv);
	daemon_state.svc = newv;
	daemon_state.nsvc = newn;
	builtin_ports_update();
	generation_unref(daemon_state.gen);
	daemon_state.gen = gen;
	log_msg(LOG_INFO, "reloaded: %zu services", newn);
	return 0;
}

/* Close every listener; servers are dealt with by the caller. */
void
services_stop(void)
{
	size_t i;

	for (i = 0; i < daemon_state.nsvc; i++)
		listeners_close(daemon_state.svc[i]);
}

static const struct service *terminating;

static bool
child_of_terminating(const struct child *c)
{
	return c->svc == terminating;
}

/* SIGTERM to the servers of one service (a reload by SIGUSR2). */
void
service_terminate(struct service *svc)
{
	terminating = svc;
	children_signal(SIGTERM, child_of_terminating);
	terminating = NULL;
}
