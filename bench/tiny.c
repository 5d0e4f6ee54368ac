/*
 * tiny: the server the benchmarks start for every connection.  It writes
 * "ok\n" on its standard output (the connection) and exits, so what is
 * measured is the cost of creating and running a process, not the work
 * of a real server.  Linked statically where the system allows it: no
 * dynamic loader, the cheapest exec there is.
 */

#include <unistd.h>

int
main(void)
{
	static const char reply[] = "ok\n";

	if (write(STDOUT_FILENO, reply, sizeof(reply) - 1) !=
	    (ssize_t)(sizeof(reply) - 1))
		return 1;
	return 0;
}
