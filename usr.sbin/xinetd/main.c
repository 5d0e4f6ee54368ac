/*
 * xinetd: the internet super-server.  Also installed as inetd, where it
 * takes the BSD inetd(8) command line.
 */

#include <stdio.h>
#include <stdlib.h>

#include "daemon.h"
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
	return daemon_run(&o);
}
