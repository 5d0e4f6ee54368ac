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

#include "addrtab.h"
#include "daemon.h"

#define RATE_WINDOW_MS	60000
#define RATE_SOURCES	4096

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

/*
 * The entry of key: found by hashing, else made, after windows that
 * have ended, else the oldest, made room when the table is full.
 */
static struct addrent *
rate_slot(struct addrtab *t, const uint8_t *key, int pf, uint64_t now)
{
	struct addrent *e;
	size_t i, oldest = 0;

	if ((e = addrtab_find(t, key, pf)) != NULL)
		return e;
	if (t->max == 0)
		addrtab_init(t, RATE_SOURCES);
	if (t->n == t->max) {
		for (i = 0; i < t->n; ) {
			if (now - t->v[i].t >= RATE_WINDOW_MS)
				addrtab_remove(t, &t->v[i]);
			else
				i++;
		}
	}
	if (t->n == t->max && t->n > 0) {
		for (i = 1; i < t->n; i++)
			if (t->v[i].t < t->v[oldest].t)
				oldest = i;
		addrtab_remove(t, &t->v[oldest]);
	}
	if ((e = addrtab_add(t, key, pf)) == NULL)
		return NULL;
	e->t = now;
	e->n = 0;
	return e;
}

/*
 * Count a connection of the peer; false when it is over the service's
 * per_source_rate for this minute.
 */
bool
rate_source_allowed(struct service *svc, const struct peer *p)
{
	int max = svc->cfg->per_source_rate, pf;
	uint8_t key[ADDRTAB_KEYLEN];
	struct addrent *e;
	uint64_t now;

	if (max == XCFG_UNSET || max == XCFG_UNLIMITED || max <= 0 ||
	    p == NULL || p->len == 0)
		return true;
	now = event_now_ms();
	pf = svc->cfg->per_source_prefix6;
	if (pf < 0 || pf > 128)
		pf = 128;
	source_key(p, pf, key);
	if ((e = rate_slot(&svc->ratesrc, key, pf, now)) == NULL)
		return true;
	if (now - e->t >= RATE_WINDOW_MS) {
		e->t = now;
		e->n = 0;
	}
	return ++e->n <= max;
}

void
rate_free(struct service *svc)
{
	addrtab_free(&svc->ratesrc);
}
