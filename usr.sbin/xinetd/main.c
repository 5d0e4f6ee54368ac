/*
 * xinetd: the internet super-server.  Also installed as inetd, where it
 * takes the BSD inetd(8) command line.
 */

#include <stdio.h>
#include <stdlib.h>

#include "options.h"

int
main(int argc, char **argv)
{
	struct options o;

	if (options_parse(&o, argc, argv) == -1) {
		options_usage(&o);
		return 1;
	}
	if (o.mode != MODE_SERVE)
		return config_check(&o);
	/* Serving arrives with the event loop; until then, say so. */
	if (config_check(&o) != 0)
		return 1;
	fprintf(stderr, "%s: the configuration is valid, but serving is "
	    "not implemented yet; use -n or -dump\n", getprogname());
	return 1;
}
