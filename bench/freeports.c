/*
 * freeports: find count consecutive TCP ports that can be bound.
 *
 *	freeports [-a address] count low high
 *
 * Prints the first port of the lowest run of count ports between low
 * and high that can each be bound on address (127.0.0.1), one at a
 * time, with SO_REUSEADDR as a server sets it; status 1 if there is
 * none.  Pick a range below the kernel's ephemeral ports, which
 * outgoing connections may take at any moment.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <err.h>
#include <netdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: freeports [-a address] count low high\n");
	exit(1);
}

static int
number(const char *what, const char *s, int min, int max)
{
	const char *errstr;
	long long v;

	v = strtonum(s, min, max, &errstr);
	if (errstr != NULL)
		errx(1, "%s %s: %s", what, s, errstr);
	return (int)v;
}

static void
set_port(struct sockaddr *sa, int port)
{
	if (sa->sa_family == AF_INET6)
		((struct sockaddr_in6 *)(void *)sa)->sin6_port =
		    htons((uint16_t)port);
	else
		((struct sockaddr_in *)(void *)sa)->sin_port =
		    htons((uint16_t)port);
}

static bool
bindable(struct addrinfo *ai, int port)
{
	int fd, on = 1;
	bool ok;

	if ((fd = socket(ai->ai_family, ai->ai_socktype,
	    ai->ai_protocol)) == -1)
		err(1, "socket");
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == -1)
		err(1, "SO_REUSEADDR");
	set_port(ai->ai_addr, port);
	ok = bind(fd, ai->ai_addr, ai->ai_addrlen) == 0;
	close(fd);
	return ok;
}

int
main(int argc, char **argv)
{
	const char *addr = "127.0.0.1";
	struct addrinfo hints, *res;
	int ch, e, count, low, high, first, port;

	while ((ch = getopt(argc, argv, "a:")) != -1) {
		switch (ch) {
		case 'a':
			addr = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 3)
		usage();
	count = number("count", argv[0], 1, 65535);
	low = number("low", argv[1], 1, 65535);
	high = number("high", argv[2], low, 65535);
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
	if ((e = getaddrinfo(addr, "0", &hints, &res)) != 0)
		errx(1, "%s: %s", addr, gai_strerror(e));
	for (first = port = low; port <= high; port++) {
		if (!bindable(res, port)) {
			first = port + 1;
			continue;
		}
		if (port - first + 1 == count) {
			printf("%d\n", first);
			freeaddrinfo(res);
			return 0;
		}
	}
	warnx("no %d free ports between %d and %d on %s", count, low, high,
	    addr);
	return 1;
}
