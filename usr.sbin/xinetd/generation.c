/*
 * A loaded configuration lives as long as a service made from it: a
 * server started before a reload is logged with the settings it ran
 * under.
 */

#include <stdlib.h>

#include "daemon.h"

struct generation *
generation_new(struct xcfg *cfg)
{
	struct generation *gen;

	if ((gen = calloc(1, sizeof(*gen))) == NULL)
		return NULL;
	gen->cfg = cfg;
	gen->refs = 1;
	return gen;
}

void
generation_ref(struct generation *gen)
{
	gen->refs++;
}

void
generation_unref(struct generation *gen)
{
	if (gen == NULL || --gen->refs > 0)
		return;
	xcfg_free(gen->cfg);
	free(gen);
}
