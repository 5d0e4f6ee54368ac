/*
 * h_hold: many idle connections, for the daemon's integration tests.
 *
 *	h_hold -n count -S stopfile [-t timeout] host port [port ...]
 *
 * Opens count TCP connections to host, spread over the ports in turn,
 * at most HOLD_INFLIGHT connecting at a time, and sends nothing.  Once
 * every connect has ended prints "held=N failed=M" (M: refused or timed
 * out) on stdout, then keeps the connections open until stopfile exists
 * or SIGTERM, SIGINT comes.  Then prints "closed=K", K the connections
 * the other side had closed meanwhile, closes them all and exits 0.  It
 * raises its own descriptor limit as far as the hard limit allows.
 *
 * Exit: 0 done, 1 failure, 64 usage.  The host is numeric; only libc is
 * used.
 */

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXIT_FAIL	1
#define EXIT_USAGE	64

#define HOLD_INFLIGHT	256	/* connects under way at once */
#define HOLD_SPARE	32	/* descriptors beyond count */
#define STOPFILE_MS	50

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: h_hold -n count -S stopfile [-t timeout] "
	    "host port [port ...]\n");
	exit(EXIT_USAGE);
}

static void
fail(const char *what, int err)
{
	fprintf(stderr, "h_hold: %s: %s\n", what, strerror(err));
	exit(EXIT_FAIL);
}

static long long
now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		fail("clock_gettime", errno);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long
parse_long(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
		usage();
	return v;
}

/* The address of host and port into ss; its length. */
static socklen_t
parse_addr(const char *host, const char *port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	in_port_t p = htons((in_port_t)parse_long(port, 1, 65535));

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = p;
		return sizeof(*sin);
	}
	if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = p;
		return sizeof(*sin6);
	}
	usage();
	return 0;
}

static void
nofile_raise(long count)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)count + HOLD_SPARE;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		fail("getrlimit", errno);
	if (rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want ?
	    rl.rlim_max : want;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
		fail("setrlimit", errno);
}

/* Whether the connect under way on fd has ended well. */
static int
connected(int fd)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		return 0;
	return err == 0;
}

int
main(int argc, char **argv)
{
	struct sockaddr_storage *addr;
	socklen_t *addrlen;
	struct pollfd *pfd;
	long long *deadline, timeout_ms = 10000, next;
	const char *stopfile = NULL;
	long count = -1, held = 0, failed = 0, closed = 0, started = 0;
	long inflight, i, j;
	int ch, nports, fd;
	char buf[4096];

	while ((ch = getopt(argc, argv, "n:S:t:")) != -1) {
		switch (ch) {
		case 'n':
			count = parse_long(optarg, 1, 1000000);
			break;
		case 'S':
			stopfile = optarg;
			break;
		case 't':
			timeout_ms = parse_long(optarg, 1, 3600) * 1000;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (count < 1 || stopfile == NULL || argc < 2)
		usage();
	nports = argc - 1;
	if ((addr = calloc((size_t)nports, sizeof(*addr))) == NULL ||
	    (addrlen = calloc((size_t)nports, sizeof(*addrlen))) == NULL ||
	    (pfd = calloc((size_t)count, sizeof(*pfd))) == NULL ||
	    (deadline = calloc((size_t)count, sizeof(*deadline))) == NULL)
		fail("calloc", errno);
	for (i = 0; i < nports; i++)
		addrlen[i] = parse_addr(argv[0], argv[i + 1], &addr[i]);
	nofile_raise(count);
	(void)signal(SIGPIPE, SIG_IGN);
	(void)signal(SIGTERM, on_signal);
	(void)signal(SIGINT, on_signal);

	/*
	 * pfd[0 .. started) are the sockets: a connect under way waits
	 * for POLLOUT, one that failed has fd -1.
	 */
	while (held + failed < count && !stop) {
		inflight = started - held - failed;
		while (inflight < HOLD_INFLIGHT && started < count) {
			j = started % nports;
			if ((fd = socket(addr[j].ss_family, SOCK_STREAM, 0)) ==
			    -1)
				fail("socket", errno);
			if (fcntl(fd, F_SETFL, O_NONBLOCK) == -1)
				fail("fcntl", errno);
			pfd[started].fd = fd;
			pfd[started].events = POLLOUT;
			deadline[started] = now_ms() + timeout_ms;
			if (connect(fd, (struct sockaddr *)&addr[j],
			    addrlen[j]) == 0) {
				pfd[started].events = 0;
				held++;
			} else if (errno != EINPROGRESS) {
				close(fd);
				pfd[started].fd = -1;
				failed++;
			}
			started++;
			inflight = started - held - failed;
		}
		if (poll(pfd, (nfds_t)started, 100) == -1 && errno != EINTR)
			fail("poll", errno);
		next = now_ms();
		for (i = 0; i < started; i++) {
			if (pfd[i].fd == -1 || pfd[i].events != POLLOUT)
				continue;
			if (pfd[i].revents != 0 && connected(pfd[i].fd)) {
				pfd[i].events = 0;
				held++;
			} else if (pfd[i].revents != 0 || next > deadline[i]) {
				close(pfd[i].fd);
				pfd[i].fd = -1;
				failed++;
			}
		}
	}
	printf("held=%ld failed=%ld\n", held, failed);
	fflush(stdout);

	/* Hold: watch for the other side closing, and for the stop file. */
	for (i = 0; i < count; i++)
		pfd[i].events = POLLIN;
	while (!stop && access(stopfile, F_OK) == -1) {
		if (poll(pfd, (nfds_t)count, STOPFILE_MS) <= 0)
			continue;
		for (i = 0; i < count; i++) {
			if (pfd[i].fd == -1 || pfd[i].revents == 0)
				continue;
			/* Take what came (a server's report); note an end. */
			if (recv(pfd[i].fd, buf, sizeof(buf), MSG_DONTWAIT) <= 0) {
				closed++;
				close(pfd[i].fd);
				pfd[i].fd = -1;
			}
		}
	}
	printf("closed=%ld\n", closed);
	fflush(stdout);
	for (i = 0; i < count; i++)
		if (pfd[i].fd != -1)
			close(pfd[i].fd);
	return 0;
}
