/*
 * only_from and no_access.
 */

#ifndef ACCESS_H
#define ACCESS_H

#include <stdbool.h>

#include "peer.h"
#include "xcfg.h"

enum access_result {
	ACCESS_ALLOW,
	ACCESS_DENY,
	ACCESS_NAMES		/* host or domain rules must decide */
};

/*
 * The daemon's check, addresses and networks only: a peer without
 * address passes; ACCESS_NAMES when the answer depends on names, which
 * only a server's own process may look up.
 */
enum access_result access_check(const struct xcfg_service *,
		    const struct peer *);

/*
 * The whole check, names included (in a server's process, before
 * exec: the look-ups may block).  A look-up that fails, as opposed to
 * one that finds nothing, denies.
 */
bool		 access_check_names(const struct xcfg_service *,
		    const struct peer *);

#endif /* ACCESS_H */
