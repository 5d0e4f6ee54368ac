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

#include "daemon.h"
#include "log.h"

#define SENSOR_MAX	16384
#define SENSOR_FOREVER	UINT64_MAX

struct denied {
	uint8_t		 key[17];
	int		 prefix6;	/* how the key was cut */
	uint64_t	 until;		/* event_now_ms() deadline */
};

static struct denied *denied;
static size_t ndenied, capdenied;

static void
denied_expire(uint64_t now)
{
	size_t i = 0;

	while (i < ndenied) {
		if (denied[i].until <= now)
			denied[i] = denied[--ndenied];
		else
			i++;
	}
}

/* The live entry that lists the peer, or NULL. */
static struct denied *
denied_find(const struct peer *p, uint64_t now)
{
	uint8_t key[17];
	size_t i;

	for (i = 0; i < ndenied; i++) {
		if (denied[i].until <= now)
			continue;
		source_key(p, denied[i].prefix6, key);
		if (memcmp(key, denied[i].key, sizeof(key)) == 0)
			return &denied[i];
	}
	return NULL;
}

/* Whether the peer is on the deny list now. */
bool
sensor_denied(const struct peer *p)
{
	if (ndenied == 0 || p == NULL || p->len == 0)
		return false;
	return denied_find(p, event_now_ms()) != NULL;
}

static struct denied *
denied_slot(uint64_t now)
{
	struct denied *v;
	size_t i, soonest = 0;

	if (ndenied == capdenied) {
		denied_expire(now);
		if (ndenied == capdenied && capdenied < SENSOR_MAX) {
			capdenied = capdenied ? capdenied * 2 : 64;
			if ((v = reallocarray(denied, capdenied,
			    sizeof(*v))) == NULL) {
				capdenied = ndenied;
				return NULL;
			}
			denied = v;
		}
	}
	if (ndenied < capdenied)
		return &denied[ndenied++];
	for (i = 1; i < ndenied; i++)
		if (denied[i].until < denied[soonest].until)
			soonest = i;
	return &denied[soonest];
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
	struct denied *d;

	if (p == NULL || p->len == 0 || cfg->deny_time == XCFG_DENY_NEVER ||
	    cfg->deny_time == XCFG_UNSET)
		return;
	if ((d = denied_find(p, now)) == NULL) {
		if ((d = denied_slot(now)) == NULL) {
			log_msg(LOG_ERR, "%s: out of memory for the deny list",
			    cfg->id);
			return;
		}
		d->prefix6 = cfg->per_source_prefix6;
		source_key(p, d->prefix6, d->key);
	}
	d->until = cfg->deny_time == XCFG_DENY_FOREVER ? SENSOR_FOREVER :
	    now + deny_ms(cfg->deny_time);
}

size_t
sensor_count(void)
{
	denied_expire(event_now_ms());
	return ndenied;
}
