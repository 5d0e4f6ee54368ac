/*
 * Service log lines in xinetd's formats.
 */

#ifndef SVCLOG_H
#define SVCLOG_H

#include <sys/types.h>

#include <stdbool.h>
#include <stdint.h>

struct service;
struct peer;
struct xcfg_service;

void		 svclog_start(const struct xcfg_service *, pid_t,
		    const struct peer *);
bool		 svclog_success(const struct xcfg_service *);
void		 svclog_exit(const struct xcfg_service *, pid_t, int, uint64_t);
void		 svclog_fail(const struct xcfg_service *, const char *,
		    const struct peer *);

#endif /* SVCLOG_H */
