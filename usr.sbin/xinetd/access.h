/*
 * Access rules checked in the daemon before a server is started.
 */

#ifndef ACCESS_H
#define ACCESS_H

#include <stdbool.h>

#include "peer.h"
#include "xcfg.h"

/* only_from and no_access for a peer; a peer without address passes. */
bool		 access_allowed(const struct xcfg_service *,
		    const struct peer *);

#endif /* ACCESS_H */
