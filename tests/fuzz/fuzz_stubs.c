/*
 * What the daemon's network code calls besides itself, for the fuzz
 * targets: the clock, logging, the access checks and the state that
 * builtin.c reads.  Nothing here decides what a parser does.
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "daemon.h"
#include "log.h"
#include "svclog.h"

#include "fuzz.h"

struct daemon daemon_state;
bool (*fuzz_refuse)(const void *);

void
fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: property broken: %s\n", file, line, what);
	abort();
}

uint64_t
event_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void
log_msg(int pri, const char *fmt, ...)
{
	(void)pri;
	(void)fmt;
}

const char *
checks_refuse(struct service *svc, const struct peer *p)
{
	(void)svc;
	return fuzz_refuse != NULL && fuzz_refuse(p) ? "fuzz" : NULL;
}

void
svclog_start(const struct xcfg_service *cfg, pid_t pid, const struct peer *p)
{
	(void)cfg;
	(void)pid;
	(void)p;
}

void
svclog_fail(const struct xcfg_service *cfg, const char *why,
    const struct peer *p)
{
	(void)cfg;
	(void)why;
	(void)p;
}
