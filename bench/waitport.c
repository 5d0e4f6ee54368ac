/*
 * waitport: how long until a port accepts connections.
 *
 *	waitport -n
 *	waitport [-p pid] [-s start] [-t seconds] host port
 *
 * -n prints the monotonic clock in microseconds, a start mark the shell
 * can take just before it starts a daemon or sends it a signal.  The
 * second form connects to host and port every millisecond until a
 * connection succeeds and prints the milliseconds since the mark given
 * with -s (since its own start without one).  It gives up after -t
 * seconds (10) with status 1, or with status 2 as soon as process pid
 * no longer exists.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RETRY_NS	1000000		/* between attempts */

static void
usage(void)
{
	fprintf(stderr, "usage: waitport -n\n"
	    "       waitport [-p pid] [-s start] [-t seconds] host port\n");
	exit(1);
}

static uint64_t
now_us(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		err(1, "clock_gettime");
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static long long
number(const char *opt, const char *s, long long min, long long max)
{
	const char *errstr;
	long long v;

	v = strtonum(s, min, max, &errstr);
	if (errstr != NULL)
		errx(1, "-%s %s: %s", opt, s, errstr);
	return v;
}

static bool
try_connect(const struct addrinfo *ai)
{
	bool ok;
	int fd;

	if ((fd = socket(ai->ai_family, ai->ai_socktype,
	    ai->ai_protocol)) == -1)
		err(1, "socket");
	ok = connect(fd, ai->ai_addr, ai->ai_addrlen) == 0;
	close(fd);
	return ok;
}

static bool
gone(pid_t pid)
{
	return pid > 0 && kill(pid, 0) == -1 && errno == ESRCH;
}

static int
wait_port(const char *host, const char *port, pid_t pid, uint64_t start,
    uint64_t timeout)
{
	struct timespec pause = { 0, RETRY_NS };
	struct addrinfo hints, *res;
	uint64_t deadline;
	int e;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	if ((e = getaddrinfo(host, port, &hints, &res)) != 0)
		errx(1, "%s port %s: %s", host, port, gai_strerror(e));
	deadline = now_us() + timeout;
	for (;;) {
		if (try_connect(res)) {
			printf("%.1f\n", (double)(now_us() - start) / 1000);
			freeaddrinfo(res);
			return 0;
		}
		if (gone(pid)) {
			warnx("process %ld has exited", (long)pid);
			return 2;
		}
		if (now_us() >= deadline) {
			warnx("%s port %s: no connection", host, port);
			return 1;
		}
		nanosleep(&pause, NULL);
	}
}

int
main(int argc, char **argv)
{
	uint64_t start, timeout = 10000000;
	pid_t pid = 0;
	int ch;

	start = now_us();
	while ((ch = getopt(argc, argv, "np:s:t:")) != -1) {
		switch (ch) {
		case 'n':
			printf("%" PRIu64 "\n", start);
			return 0;
		case 'p':
			pid = (pid_t)number("p", optarg, 1, INT32_MAX);
			break;
		case 's':
			start = (uint64_t)number("s", optarg, 0, INT64_MAX);
			break;
		case 't':
			timeout = (uint64_t)number("t", optarg, 1, 86400) *
			    1000000;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		usage();
	return wait_port(argv[0], argv[1], pid, start, timeout);
}
