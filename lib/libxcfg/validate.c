/*
 * Checks across services: duplicate ids, two services on one socket,
 * two tcpmux services of one name.  Disabled services are not checked.
 */

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xcfg_impl.h"

static bool
same_bind(const struct xcfg_service *a, const struct xcfg_service *b)
{
	if (a->bind == NULL || b->bind == NULL)
		return true;	/* the wildcard overlaps every address */
	return strcmp(a->bind, b->bind) == 0;
}

/* A dual-stack socket takes the port in both families. */
static bool
same_family(const struct xcfg_service *a, const struct xcfg_service *b)
{
	return a->family == b->family || a->family == XCFG_FAMILY_DUAL ||
	    b->family == XCFG_FAMILY_DUAL;
}

bool
same_socket(const struct xcfg_service *a, const struct xcfg_service *b)
{
	if ((a->type | b->type) & (XCFG_TYPE_TCPMUX | XCFG_TYPE_TCPMUXPLUS |
	    XCFG_TYPE_RPC))
		return false;
	if (a->family == XCFG_FAMILY_UNIX || b->family == XCFG_FAMILY_UNIX)
		return a->family == b->family && a->bind != NULL &&
		    b->bind != NULL && strcmp(a->bind, b->bind) == 0;
	return a->port == b->port && a->socktype == b->socktype &&
	    a->protonum == b->protonum && same_family(a, b) &&
	    same_bind(a, b);
}

static bool
same_tcpmux(const struct xcfg_service *a, const struct xcfg_service *b)
{
	unsigned mux = XCFG_TYPE_TCPMUX | XCFG_TYPE_TCPMUXPLUS;

	return (a->type & mux) && (b->type & mux) &&
	    strcasecmp(a->name, b->name) == 0;
}

/* What is compared: services in definition order, by one key. */
struct key {
	const struct xcfg_service *s;
	size_t		 order;
};

static int
by_id(const void *x, const void *y)
{
	const struct key *a = x, *b = y;
	int c = strcmp(a->s->id, b->s->id);

	return c != 0 ? c : (a->order > b->order) - (a->order < b->order);
}

/* Services that may share a socket sort next to each other. */
static int
by_socket(const void *x, const void *y)
{
	const struct key *a = x, *b = y;

	if (a->s->port != b->s->port)
		return a->s->port < b->s->port ? -1 : 1;
	if (a->s->socktype != b->s->socktype)
		return a->s->socktype < b->s->socktype ? -1 : 1;
	if (a->s->protonum != b->s->protonum)
		return a->s->protonum < b->s->protonum ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

static int
by_mux_name(const void *x, const void *y)
{
	const struct key *a = x, *b = y;
	int c = strcasecmp(a->s->name, b->s->name);

	return c != 0 ? c : (a->order > b->order) - (a->order < b->order);
}

static bool
same_id(const struct xcfg_service *a, const struct xcfg_service *b)
{
	return strcmp(a->id, b->id) == 0;
}

static bool
same_socket_key(const struct xcfg_service *a, const struct xcfg_service *b)
{
	return a->port == b->port && a->socktype == b->socktype &&
	    a->protonum == b->protonum;
}

static bool
same_mux_name(const struct xcfg_service *a, const struct xcfg_service *b)
{
	return strcasecmp(a->name, b->name) == 0;
}

/* One way to be a duplicate: sort order, equal keys, clash, message. */
struct pass {
	int	(*cmp)(const void *, const void *);
	bool	(*same_key)(const struct xcfg_service *,
		    const struct xcfg_service *);
	bool	(*clash)(const struct xcfg_service *,
		    const struct xcfg_service *);
	const char *fmt;	/* id, [other id,] file, line */
	bool	 other;		/* fmt names the other service */
};

static const struct pass passes[] = {
	{ by_id, same_id, same_id,
	    "duplicate service id '%s' (first defined at %s:%d)", false },
	{ by_socket, same_socket_key, same_socket,
	    "service %s uses the same socket as service %s (%s:%d)", true },
	{ by_mux_name, same_mux_name, same_tcpmux,
	    "tcpmux service %s has the same name as service %s (%s:%d)",
	    true },
};

/*
 * Sort by the pass's key and compare within runs of equal keys, so a
 * table of many services is checked in n log n.  Each service gets one
 * report at most, from the first pass that finds it.
 */
static void
check_pass(struct loadctx *ctx, const struct pass *p, struct key *k,
    size_t n, bool *done)
{
	const struct xcfg_service *a, *b;
	size_t i, j;

	if (n > 1)
		qsort(k, n, sizeof(*k), p->cmp);
	for (i = 1; i < n; i++) {
		a = k[i].s;
		for (j = i; j-- > 0 && !done[k[i].order]; ) {
			b = k[j].s;
			if (!p->same_key(a, b))
				break;
			if (!p->clash(a, b))
				continue;
			done[k[i].order] = true;
			if (p->other)
				ctx_error(ctx, a->file, a->line, p->fmt, a->id,
				    b->id, b->file, b->line);
			else
				ctx_error(ctx, a->file, a->line, p->fmt, a->id,
				    b->file, b->line);
		}
	}
}

void
validate_all(struct loadctx *ctx)
{
	const struct xcfg *cfg = ctx->cfg;
	struct key *k;
	bool *done;
	size_t i, n = 0;

	k = calloc(cfg->nservices + 1, sizeof(*k));
	done = calloc(cfg->nservices + 1, sizeof(*done));
	if (k == NULL || done == NULL) {
		free(k);
		free(done);
		ctx->cfg->nomem = true;
		return;
	}
	for (i = 0; i < cfg->nservices; i++) {
		if (cfg->services[i].disabled)
			continue;
		k[n].s = &cfg->services[i];
		k[n].order = i;
		n++;
	}
	for (i = 0; i < sizeof(passes) / sizeof(passes[0]); i++)
		check_pass(ctx, &passes[i], k, n, done);
	free(k);
	free(done);
}
