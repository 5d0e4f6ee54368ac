/*
 * Rates per minute, carried over from inetd.conf: max_spawns, the
 * servers one service may start in a minute (the wait field's ".max",
 * BSD inetd's -R), and per_source_rate, the connections one client may
 * make to it in a minute (FreeBSD's per-IP limit, -C).  Both count in
 * fixed one-minute windows.  The per-source table is bounded: when it
 * is full, windows that have ended make room, else the oldest one.
 */

#include <stdlib.h>
#include <string.h>

#include "daemon.h"

#define RATE_WINDOW_MS	60000
#define RATE_SOURCES	4096

struct rate_source {
	uint8_t		 key[17];
	uint64_t	 start;		/* window start */
	int		 n;		/* connections in it */
};

/* Whether the service may start one more server this minute. */
bool
rate_spawn_allowed(struct service *svc)
{
	int max = svc->cfg->max_spawns;
	uint64_t now;

	if (max == XCFG_UNSET || max == XCFG_UNLIMITED || max <= 0)
		return true;
	now = event_now_ms();
	if (now - svc->spawn_window >= RATE_WINDOW_MS) {
		svc->spawn_window = now;
		svc->spawn_count = 0;
	}
	return svc->spawn_count < max;
}

void
rate_spawned(struct service *svc)
{
	svc->spawn_count++;
}

static struct rate_source *
rate_slot(struct service *svc, const uint8_t key[17], uint64_t now)
{
	struct rate_source *v, *r;
	size_t i, oldest = 0;

	for (i = 0; i < svc->nratesrc; i++)
		if (memcmp(svc->ratesrc[i].key, key, 17) == 0)
			return &svc->ratesrc[i];
	if (svc->nratesrc == svc->capratesrc) {
		for (i = 0; i < svc->nratesrc; ) {
			if (now - svc->ratesrc[i].start >= RATE_WINDOW_MS)
				svc->ratesrc[i] = svc->ratesrc[--svc->nratesrc];
			else
				i++;
		}
	}
	if (svc->nratesrc == svc->capratesrc &&
	    svc->capratesrc < RATE_SOURCES) {
		size_t cap = svc->capratesrc ? svc->capratesrc * 2 : 16;

		if ((v = reallocarray(svc->ratesrc, cap, sizeof(*v))) != NULL) {
			svc->ratesrc = v;
			svc->capratesrc = cap;
		}
	}
	if (svc->nratesrc < svc->capratesrc)
		r = &svc->ratesrc[svc->nratesrc++];
	else {
		if (svc->nratesrc == 0)
			return NULL;
		for (i = 1; i < svc->nratesrc; i++)
			if (svc->ratesrc[i].start < svc->ratesrc[oldest].start)
				oldest = i;
		r = &svc->ratesrc[oldest];
	}
	memcpy(r->key, key, 17);
	r->start = now;
	r->n = 0;
	return r;
}

/*
 * Count a connection of the peer; false when it is over the service's
 * per_source_rate for this minute.
 */
bool
rate_source_allowed(struct service *svc, const struct peer *p)
{
	int max = svc->cfg->per_source_rate;
	struct rate_source *r;
	uint8_t key[17];
	uint64_t now;

	if (max == XCFG_UNSET || max == XCFG_UNLIMITED || max <= 0 ||
	    p == NULL || p->len == 0)
		return true;
	now = event_now_ms();
	source_key(p, svc->cfg->per_source_prefix6, key);
	if ((r = rate_slot(svc, key, now)) == NULL)
		return true;
	if (now - r->start >= RATE_WINDOW_MS) {
		r->start = now;
		r->n = 0;
	}
	return ++r->n <= max;
}

void
rate_free(struct service *svc)
{
	free(svc->ratesrc);
	svc->ratesrc = NULL;
	svc->nratesrc = svc->capratesrc = 0;
}
