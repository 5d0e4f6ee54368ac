/*
 * The checks made in the daemon before a server is started, in this
 * order; the first that fails gives the FAIL reason:
 *
 *	the sensor's deny list		address
 *	only_from, no_access		address (host and .domain rules
 *					are left to the gate, gate.c)
 *	access_times			time
 *	cps				connections per second
 *	per_source_rate			per_source_rate
 *	instances			service_limit
 *	per_source			per_source_limit
 *	-limit				process_limit
 *	max_load			load
 *	max_spawns			spawn_rate
 *
 * None of them needs I/O, so a refused client costs no process.  The
 * checks that do (names, libwrap, ident) come after these, in the
 * server's own process.
 */

#include <sys/types.h>

#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "access.h"
#include "daemon.h"
#include "log.h"

#define LOAD_CACHE_MS	1000

/* access_times: local time now in one of the intervals. */
static bool
time_allowed(const struct xcfg_service *cfg)
{
	const struct xcfg_interval *iv;
	struct tm tm;
	time_t now;
	size_t i;
	int m;

	if (cfg->n_access_times == 0)
		return true;
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL)
		return false;
	m = tm.tm_hour * 60 + tm.tm_min;
	for (i = 0; i < cfg->n_access_times; i++) {
		iv = &cfg->access_times[i];
		if (iv->start <= iv->end ? m >= iv->start && m <= iv->end :
		    m >= iv->start || m <= iv->end)
			return true;
	}
	return false;
}

/*
 * cps: more than rate connections within a second close the service
 * to new clients for wait seconds.  The listener stays open: clients
 * are accepted and closed, and the service comes back by itself.
 */
static bool
rate_allowed(struct service *svc)
{
	const struct xcfg_service *cfg = svc->cfg;
	uint64_t now;

	if (cfg->cps_rate <= 0)
		return true;
	now = event_now_ms();
	if (now < svc->cps_until)
		return false;
	if (now - svc->cps_window >= 1000) {
		svc->cps_window = now;
		svc->cps_count = 0;
	}
	if (++svc->cps_count <= cfg->cps_rate)
		return true;
	svc->cps_until = now + (uint64_t)cfg->cps_wait * 1000;
	log_msg(LOG_WARNING, "%s: more than %d connections in a second; "
	    "refusing new ones for %d s", cfg->id, cfg->cps_rate,
	    cfg->cps_wait);
	return false;
}

/*
 * The one-minute load average, read at most once a second.
 * XINETD_TEST_LOADAVG replaces it, for tests.
 */
static double
load_average(void)
{
	static uint64_t at;
	static double load;
	const char *env;
	uint64_t now = event_now_ms();

	if ((env = getenv("XINETD_TEST_LOADAVG")) != NULL)
		return strtod(env, NULL);
	if (at != 0 && now - at < LOAD_CACHE_MS)
		return load;
	at = now;
	if (getloadavg(&load, 1) != 1)
		load = 0;
	return load;
}

const char *
checks_refuse(struct service *svc, const struct peer *p)
{
	const struct xcfg_service *cfg = svc->cfg;
	int limit = daemon_state.o->limit;

	switch (sensor_denied(p) ? ACCESS_DENY : access_check(cfg, p)) {
	case ACCESS_DENY:
		return "address";
	case ACCESS_NAMES:
		/*
		 * Datagram built-ins and tcpmux have no process of their
		 * own to look names up in.
		 */
		if ((svc->builtin != BUILTIN_NONE &&
		    cfg->socktype == SOCK_DGRAM) ||
		    svc->builtin == BUILTIN_TCPMUX)
			return "address";
		break;
	case ACCESS_ALLOW:
		break;
	}
	if (!time_allowed(cfg))
		return "time";
	if (!rate_allowed(svc))
		return "connections per second";
	if (!rate_source_allowed(svc, p))
		return "per_source_rate";
	if (cfg->instances != XCFG_UNLIMITED && svc->running >= cfg->instances)
		return "service_limit";
	if (cfg->per_source != XCFG_UNLIMITED && p != NULL && p->len > 0 &&
	    source_count(svc, p) >= cfg->per_source)
		return "per_source_limit";
	if (limit > 0 && children_count() - gate_loggers() >= (size_t)limit)
		return "process_limit";
	if (cfg->max_load > 0 && load_average() >= cfg->max_load)
		return "load";
	if (!rate_spawn_allowed(svc))
		return "spawn_rate";
	return NULL;
}
