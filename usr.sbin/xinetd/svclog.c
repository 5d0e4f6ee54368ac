/*
 * The service lines xinetd writes, in its formats, so log parsers
 * (fail2ban's xinetd-fail filter, logwatch) keep working:
 *
 *	START: id pid=N from=ADDR
 *	EXIT: id status=N pid=N duration=N(sec)
 *	FAIL: id REASON from=ADDR
 */

#include <sys/types.h>
#include <sys/wait.h>

#include <stdio.h>
#include <string.h>

#include "daemon.h"
#include "log.h"
#include "svclog.h"

/* The inetd front-end logs successes only with -l, as BSD inetd does. */
bool
svclog_success(const struct xcfg_service *cfg)
{
	const struct options *o = daemon_state.o;

	if (o->inetd && !o->log_success)
		return false;
	return cfg->log_on_success != 0;
}

void
svclog_start(const struct xcfg_service *cfg, pid_t pid, const struct peer *p)
{
	char spid[32] = "", from[PEER_ADDRSTRLEN + 8] = "";

	if (!svclog_success(cfg))
		return;
	if (cfg->log_on_success & XCFG_LOG_PID)
		snprintf(spid, sizeof(spid), " pid=%ld", (long)pid);
	if ((cfg->log_on_success & XCFG_LOG_HOST) && p != NULL &&
	    p->addr[0] != '\0')
		snprintf(from, sizeof(from), " from=%s", p->addr);
	log_service(&cfg->log, "START: %s%s%s", cfg->id, spid, from);
}

void
svclog_exit(const struct xcfg_service *cfg, pid_t pid, int status,
    uint64_t ran_ms)
{
	char how[32] = "", spid[32] = "", dur[48] = "";

	if (!svclog_success(cfg) || (cfg->log_on_success &
	    (XCFG_LOG_EXIT | XCFG_LOG_DURATION)) == 0)
		return;
	if (cfg->log_on_success & XCFG_LOG_EXIT) {
		if (WIFSIGNALED(status))
			snprintf(how, sizeof(how), " signal=%d",
			    WTERMSIG(status));
		else
			snprintf(how, sizeof(how), " status=%d",
			    WEXITSTATUS(status));
	}
	if (cfg->log_on_success & XCFG_LOG_PID)
		snprintf(spid, sizeof(spid), " pid=%ld", (long)pid);
	if (cfg->log_on_success & XCFG_LOG_DURATION)
		snprintf(dur, sizeof(dur), " duration=%llu(sec)",
		    (unsigned long long)(ran_ms / 1000));
	log_service(&cfg->log, "EXIT: %s%s%s%s", cfg->id, how, spid, dur);
}

void
svclog_fail(const struct xcfg_service *cfg, const char *reason,
    const struct peer *p)
{

	if (cfg->log_on_failure == 0)
		return;
	if ((cfg->log_on_failure & XCFG_LOG_HOST) && p != NULL &&
	    p->addr[0] != '\0')
		log_fail(&cfg->log, cfg->id, reason, "from=%s", p->addr);
	else
		log_fail(&cfg->log, cfg->id, reason, "%s", "");
}
