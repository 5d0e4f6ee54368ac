/*
 * The sensor's deny list: a client that touched a SENSOR service is
 * refused by every service until its entry expires.  IPv6 clients are
 * listed by network (per_source_ipv6_prefix of the sensor), since one
 * host owns many addresses.  The list is bounded: when it is full,
 * expired entries go first, then the one that expires soonest.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "addrtab.h"
#include "daemon.h"
#include "log.h"

#define SENSOR_MAX	16384
#define SENSOR_FOREVER	UINT64_MAX
#define PREFIXES	129	/* an IPv6 prefix length: 0 to 128 */

/* Entries: key and prefix6 as listed, t the expiry (event_now_ms). */
static struct addrtab denied = { .max = SENSOR_MAX };
/* How many entries were cut at each IPv6 prefix length. */
static size_t prefix_uses[PREFIXES];

static int
prefix_of(int prefix6)
{
	return prefix6 < 0 || prefix6 > 128 ? 128 : prefix6;
}

static void
denied_drop(struct addrent *e)
{
	prefix_uses[e->prefix6]--;
	addrtab_remove(&denied, e);
}

static void
denied_expire(uint64_t now)
{
	size_t i = 0;

	while (i < denied.n) {
		if (denied.v[i].t <= now)
			denied_drop(&denied.v[i]);	/* the last moves to i */
		else
			i++;
	}
}

/*
 * The live entry that lists the peer, or NULL: one hash look-up per
 * prefix length in use, usually one.
 */
static struct addrent *
denied_find(const struct peer *p, uint64_t now)
{
	uint8_t key[ADDRTAB_KEYLEN];
	struct addrent *e;
	int pf;

	for (pf = 0; pf < PREFIXES; pf++) {
		if (prefix_uses[pf] == 0)
			continue;
		source_key(p, pf, key);
		if ((e = addrtab_find(&denied, key, pf)) == NULL)
			continue;
		if (e->t > now)
			return e;
		denied_drop(e);
	}
	return NULL;
}

/* Whether the peer is on the deny list now. */
bool
sensor_denied(const struct peer *p)
{
	if (denied.n == 0 || p == NULL || p->len == 0)
		return false;
	return denied_find(p, event_now_ms()) != NULL;
}

/* Room for one more: expired entries go first, then the soonest. */
static void
denied_room(uint64_t now)
{
	size_t i, soonest = 0;

	if (denied.n < denied.max)
		return;
	denied_expire(now);
	if (denied.n < denied.max)
		return;
	for (i = 1; i < denied.n; i++)
		if (denied.v[i].t < denied.v[soonest].t)
			soonest = i;
	denied_drop(&denied.v[soonest]);
}

/*
 * deny_time minutes in milliseconds.  XINETD_TEST_DENY_MS replaces it,
 * so tests need not wait a minute.
 */
static uint64_t
deny_ms(int minutes)
{
	const char *env = getenv("XINETD_TEST_DENY_MS");

	if (env != NULL && env[0] != '\0')
		return strtoull(env, NULL, 10);
	return (uint64_t)minutes * 60000;
}

/* The peer touched the sensor svc: deny it for deny_time. */
void
sensor_touch(const struct service *svc, const struct peer *p)
{
	const struct xcfg_service *cfg = svc->cfg;
	uint64_t now = event_now_ms();
	uint8_t key[ADDRTAB_KEYLEN];
	struct addrent *e;
	int pf;

	if (p == NULL || p->len == 0 || cfg->deny_time == XCFG_DENY_NEVER ||
	    cfg->deny_time == XCFG_UNSET)
		return;
	if ((e = denied_find(p, now)) == NULL) {
		denied_room(now);
		pf = prefix_of(cfg->per_source_prefix6);
		source_key(p, pf, key);
		if ((e = addrtab_add(&denied, key, pf)) == NULL) {
			log_msg(LOG_ERR, "%s: out of memory for the deny list",
			    cfg->id);
			return;
		}
		prefix_uses[pf]++;
	}
	e->t = cfg->deny_time == XCFG_DENY_FOREVER ? SENSOR_FOREVER :
	    now + deny_ms(cfg->deny_time);
}

size_t
sensor_count(void)
{
	denied_expire(event_now_ms());
	return denied.n;
}
