/*
 * Checks across services: duplicate ids, two services on one socket,
 * two tcpmux services of one name.  Disabled services are not checked.
 */

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

void
validate_all(struct loadctx *ctx)
{
	const struct xcfg *cfg = ctx->cfg;
	const struct xcfg_service *a, *b;
	size_t i, j;

	for (i = 0; i < cfg->nservices; i++) {
		a = &cfg->services[i];
		if (a->disabled)
			continue;
		for (j = 0; j < i; j++) {
			b = &cfg->services[j];
			if (b->disabled)
				continue;
			if (strcmp(a->id, b->id) == 0) {
				ctx_error(ctx, a->file, a->line, "duplicate "
				    "service id '%s' (first defined at "
				    "%s:%d)", a->id, b->file, b->line);
				break;
			}
			if (same_socket(a, b)) {
				ctx_error(ctx, a->file, a->line, "service %s "
				    "uses the same socket as service %s "
				    "(%s:%d)", a->id, b->id, b->file, b->line);
				break;
			}
			if (same_tcpmux(a, b)) {
				ctx_error(ctx, a->file, a->line, "tcpmux "
				    "service %s has the same name as service "
				    "%s (%s:%d)", a->id, b->id, b->file,
				    b->line);
				break;
			}
		}
	}
}
