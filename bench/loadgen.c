/*
 * loadgen: closed-loop load on loopback servers that answer and close.
 *
 *	loadgen -c concurrency -d seconds [-w seconds] [-r reply]
 *	    [-s bytes] [-u] host port [port ...]
 *
 * Each of the clients connects, reads until end of file, closes and
 * starts again at once; new connections go to the ports in turn.  One
 * process, non-blocking sockets and poll(2).  After the warm-up, every
 * connection that ends within the measured seconds is counted: a good
 * one (a reply that is not empty and, with -r, is exactly the reply,
 * where \n, \r, \t and \\ are escapes) adds its latency, from connect(2)
 * to end of file, to a histogram of fixed size; a bad one is an error.
 * With -s, each client first sends that many bytes and closes its
 * sending side, and the reply must be as long (an echo server).  With
 * -u, each client sends a datagram of -s bytes (32 by default) and
 * waits for any reply, over and over; a reply that takes longer than
 * a second is an error.
 * Output, one line:
 *
 *	conns=N errors=E rate=R/s p50=Xms p99=Yms
 *
 * and, on standard error, the errors by kind.  Only loopback addresses
 * are accepted: this is a benchmark, not a flood tool.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define REPLY_MAX	256		/* reply bytes kept for -r */
#define CONN_TIMEOUT	10000000	/* us: a longer connection fails */
#define UDP_TIMEOUT	1000000		/* us: a datagram's reply */
#define RETRY_PAUSE	1000		/* us: wait after a failure */
#define POLL_MAX_MS	10		/* look at timeouts this often */

/*
 * Latencies in microseconds: values below HIST_SUB have a bucket each;
 * above, every power of two is cut into HIST_SUB equal buckets, so a
 * bucket is within 1/HIST_SUB of its values.  64 powers cover any
 * uint64_t.
 */
#define HIST_SUB_BITS	4
#define HIST_SUB	(1u << HIST_SUB_BITS)
#define HIST_BUCKETS	(64 * HIST_SUB)

enum err_kind {
	E_REFUSED, E_RESET, E_TIMEOUT, E_EMPTY, E_MISMATCH, E_OTHER, E_NKINDS
};

static const char *const err_names[E_NKINDS] = {
	"refused", "reset", "timeout", "empty", "mismatch", "other"
};

enum client_state {
	C_IDLE,		/* to connect now */
	C_BUSY,		/* connected or connecting, reading */
	C_PAUSED	/* after a failure, until t */
};

struct client {
	enum client_state	 state;
	int			 fd;
	uint64_t		 t;	/* C_BUSY: start; C_PAUSED: end */
	size_t			 got;	/* reply bytes read */
	size_t			 sent;	/* -s: request bytes written */
	char			 reply[REPLY_MAX];
};

struct target {
	struct sockaddr_storage	 addr;
	socklen_t		 len;
};

struct load {
	struct target		*targets;
	size_t			 ntargets;
	size_t			 next;		/* target of the next connect */
	const char		*expect;	/* NULL: any non-empty reply */
	size_t			 send;		/* -s: bytes to send first */
	bool			 udp;		/* -u */
	size_t			 expectlen;
	uint64_t		 from, to;	/* measured window, us */
	uint64_t		 conns;
	uint64_t		 errors[E_NKINDS];
	int			 last_errno;	/* of the last E_OTHER */
	uint64_t		 hist[HIST_BUCKETS];
};

static void
usage(void)
{
	fprintf(stderr, "usage: loadgen -c concurrency -d seconds "
	    "[-w seconds] [-r reply]\n"
	    "               [-s bytes] [-u] host port [port ...]\n");
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

static unsigned int
log2_floor(uint64_t v)
{
	unsigned int n = 0;

	while (v >>= 1)
		n++;
	return n;
}

static unsigned int
hist_index(uint64_t us)
{
	unsigned int e;

	if (us < HIST_SUB)
		return (unsigned int)us;
	e = log2_floor(us);
	return (e - HIST_SUB_BITS + 1) * HIST_SUB +
	    (unsigned int)((us >> (e - HIST_SUB_BITS)) & (HIST_SUB - 1));
}

/* The middle of bucket i, in microseconds. */
static double
hist_value(unsigned int i)
{
	unsigned int k, s;
	double low, width;

	if (i < HIST_SUB)
		return i;
	k = i / HIST_SUB;
	s = i % HIST_SUB;
	width = (double)((uint64_t)1 << (k - 1));
	low = (HIST_SUB + s) * width;
	return low + width / 2;
}

/* The latency below which a fraction p of the connections fall, in ms. */
static double
hist_percentile(const struct load *l, double p)
{
	uint64_t rank, sum = 0;
	unsigned int i;

	if (l->conns == 0)
		return 0;
	rank = (uint64_t)(p * (double)l->conns + 0.5);
	if (rank < 1)
		rank = 1;
	for (i = 0; i < HIST_BUCKETS; i++) {
		sum += l->hist[i];
		if (sum >= rank)
			break;
	}
	return hist_value(i) / 1000;
}

static enum err_kind
errno_kind(int e)
{
	switch (e) {
	case ECONNREFUSED:
		return E_REFUSED;
	case ECONNRESET:
	case EPIPE:
		return E_RESET;
	default:
		return E_OTHER;
	}
}

static bool
measured(const struct load *l, uint64_t now)
{
	return now >= l->from && now < l->to;
}

static void
client_close(struct client *c)
{
	if (c->state == C_BUSY)
		close(c->fd);
	c->fd = -1;
}

static void
client_fail(struct load *l, struct client *c, uint64_t now,
    enum err_kind kind, int e)
{
	client_close(c);
	if (measured(l, now)) {
		l->errors[kind]++;
		if (kind == E_OTHER)
			l->last_errno = e;
	}
	c->state = C_PAUSED;
	c->t = now + RETRY_PAUSE;
}

static void
client_start(struct load *l, struct client *c, uint64_t now)
{
	const struct target *t;
	int fd, e;

	t = &l->targets[l->next++ % l->ntargets];
	c->got = 0;
	c->sent = 0;
	if ((fd = socket(t->addr.ss_family, l->udp ? SOCK_DGRAM :
	    SOCK_STREAM, 0)) == -1) {
		client_fail(l, c, now, E_OTHER, errno);
		return;
	}
	if (fcntl(fd, F_SETFL, O_NONBLOCK) == -1 ||
	    (connect(fd, (const struct sockaddr *)&t->addr, t->len) == -1 &&
	    errno != EINPROGRESS)) {
		e = errno;
		close(fd);
		client_fail(l, c, now, errno_kind(e), e);
		return;
	}
	c->state = C_BUSY;
	c->fd = fd;
	c->t = now;
}

/* -s: the request, then the end of it; -u: one datagram. */
static void
client_write(struct load *l, struct client *c, uint64_t now)
{
	static const char pattern[4096] = { 'x' };
	size_t left;
	ssize_t n;

	while (c->sent < l->send) {
		left = l->send - c->sent;
		if (left > sizeof(pattern))
			left = sizeof(pattern);
		if ((n = write(c->fd, pattern, left)) == -1) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				client_fail(l, c, now, errno_kind(errno), errno);
			return;
		}
		c->sent += (size_t)n;
		if (l->udp)
			c->sent = l->send;
	}
	if (!l->udp && shutdown(c->fd, SHUT_WR) == -1)
		client_fail(l, c, now, errno_kind(errno), errno);
	c->sent = l->send + 1;		/* done */
}

/* End of file: judge the reply, count the connection. */
static void
client_done(struct load *l, struct client *c, uint64_t now)
{
	if (c->got == 0) {
		client_fail(l, c, now, E_EMPTY, 0);
		return;
	}
	if (l->send > 0 && !l->udp && c->got != l->send) {
		client_fail(l, c, now, E_MISMATCH, 0);
		return;
	}
	if (l->expect != NULL && (c->got != l->expectlen ||
	    memcmp(c->reply, l->expect, l->expectlen) != 0)) {
		client_fail(l, c, now, E_MISMATCH, 0);
		return;
	}
	if (measured(l, now)) {
		l->conns++;
		l->hist[hist_index(now - c->t)]++;
	}
	client_close(c);
	c->state = C_IDLE;
}

static void
client_read(struct load *l, struct client *c, uint64_t now)
{
	char buf[512];
	ssize_t n;
	size_t keep;

	for (;;) {
		if ((n = read(c->fd, buf, sizeof(buf))) > 0) {
			if (l->udp) {
				c->got = (size_t)n;
				client_done(l, c, now);
				return;
			}
			keep = 0;
			if (c->got < REPLY_MAX)
				keep = REPLY_MAX - c->got;
			if (keep > (size_t)n)
				keep = (size_t)n;
			memcpy(c->reply + c->got, buf, keep);
			c->got += (size_t)n;
			continue;
		}
		if (n == 0) {
			client_done(l, c, now);
			return;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			client_fail(l, c, now, errno_kind(errno), errno);
		return;
	}
}

/* Start idle clients, resume paused ones, fail slow ones. */
static void
clients_tend(struct load *l, struct client *cl, size_t n, uint64_t now)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (cl[i].state == C_PAUSED && now >= cl[i].t)
			cl[i].state = C_IDLE;
		if (cl[i].state == C_IDLE)
			client_start(l, &cl[i], now);
		else if (cl[i].state == C_BUSY &&
		    now - cl[i].t > (l->udp ? UDP_TIMEOUT : CONN_TIMEOUT))
			client_fail(l, &cl[i], now, E_TIMEOUT, 0);
	}
}

static void
run(struct load *l, struct client *cl, struct pollfd *pfd, size_t n)
{
	uint64_t now;
	size_t i;
	int ms;

	for (now = now_us(); now < l->to; now = now_us()) {
		clients_tend(l, cl, n, now);
		for (i = 0; i < n; i++) {
			pfd[i].fd = cl[i].state == C_BUSY ? cl[i].fd : -1;
			pfd[i].events = POLLIN;
			if (l->send > 0 && cl[i].sent <= l->send)
				pfd[i].events |= POLLOUT;
			pfd[i].revents = 0;
		}
		ms = (int)((l->to - now + 999) / 1000);
		if (ms > POLL_MAX_MS)
			ms = POLL_MAX_MS;
		if (poll(pfd, (nfds_t)n, ms) == -1) {
			if (errno == EINTR)
				continue;
			err(1, "poll");
		}
		now = now_us();
		for (i = 0; i < n; i++) {
			if ((pfd[i].revents & POLLOUT) && l->send > 0 &&
			    cl[i].state == C_BUSY && cl[i].sent <= l->send)
				client_write(l, &cl[i], now);
			if ((pfd[i].revents & ~POLLOUT) != 0 &&
			    cl[i].state == C_BUSY)
				client_read(l, &cl[i], now);
		}
	}
	for (i = 0; i < n; i++)
		client_close(&cl[i]);
}

static bool
is_loopback(const struct sockaddr *sa)
{
	const struct sockaddr_in *sin;
	const struct sockaddr_in6 *sin6;

	switch (sa->sa_family) {
	case AF_INET:
		sin = (const struct sockaddr_in *)(const void *)sa;
		return (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
	case AF_INET6:
		sin6 = (const struct sockaddr_in6 *)(const void *)sa;
		return IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr);
	default:
		return false;
	}
}

static void
target_resolve(struct target *t, const char *host, const char *port)
{
	struct addrinfo hints, *res;
	int e;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	if ((e = getaddrinfo(host, port, &hints, &res)) != 0)
		errx(1, "%s port %s: %s", host, port, gai_strerror(e));
	if (!is_loopback(res->ai_addr))
		errx(1, "%s: not a loopback address", host);
	memcpy(&t->addr, res->ai_addr, res->ai_addrlen);
	t->len = res->ai_addrlen;
	freeaddrinfo(res);
}

/* -r: the expected reply, with \n, \r, \t and \\ turned into bytes. */
static size_t
unescape(char *s)
{
	char *in, *out;

	for (in = out = s; *in != '\0'; in++, out++) {
		if (*in != '\\' || in[1] == '\0') {
			*out = *in;
			continue;
		}
		switch (*++in) {
		case 'n':
			*out = '\n';
			break;
		case 'r':
			*out = '\r';
			break;
		case 't':
			*out = '\t';
			break;
		default:
			*out = *in;
			break;
		}
	}
	*out = '\0';
	return (size_t)(out - s);
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

static void
report(const struct load *l)
{
	uint64_t nerr = 0;
	unsigned int k;
	double secs;

	for (k = 0; k < E_NKINDS; k++)
		nerr += l->errors[k];
	secs = (double)(l->to - l->from) / 1e6;
	printf("conns=%" PRIu64 " errors=%" PRIu64 " rate=%.1f/s "
	    "p50=%.3fms p99=%.3fms\n", l->conns, nerr,
	    (double)l->conns / secs, hist_percentile(l, 0.50),
	    hist_percentile(l, 0.99));
	if (nerr == 0)
		return;
	fprintf(stderr, "loadgen: errors:");
	for (k = 0; k < E_NKINDS; k++)
		if (l->errors[k] != 0)
			fprintf(stderr, " %s=%" PRIu64, err_names[k],
			    l->errors[k]);
	if (l->errors[E_OTHER] != 0)
		fprintf(stderr, " (last: %s)", strerror(l->last_errno));
	fprintf(stderr, "\n");
}

int
main(int argc, char **argv)
{
	static struct load l;
	struct client *cl;
	struct pollfd *pfd;
	long long conc = 0, dur = 0, warm = 0;
	size_t i;
	int ch;

	while ((ch = getopt(argc, argv, "c:d:r:s:uw:")) != -1) {
		switch (ch) {
		case 'c':
			conc = number("c", optarg, 1, 100000);
			break;
		case 'd':
			dur = number("d", optarg, 1, 86400);
			break;
		case 'r':
			l.expect = optarg;
			l.expectlen = unescape(optarg);
			if (l.expectlen > REPLY_MAX)
				errx(1, "-r: longer than %d bytes", REPLY_MAX);
			break;
		case 's':
			l.send = (size_t)number("s", optarg, 1, 1 << 30);
			break;
		case 'u':
			l.udp = true;
			break;
		case 'w':
			warm = number("w", optarg, 0, 3600);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (conc == 0 || dur == 0 || argc < 2)
		usage();
	if (l.udp && l.send == 0)
		l.send = 32;
	l.ntargets = (size_t)argc - 1;
	if ((l.targets = calloc(l.ntargets, sizeof(*l.targets))) == NULL ||
	    (cl = calloc((size_t)conc, sizeof(*cl))) == NULL ||
	    (pfd = calloc((size_t)conc, sizeof(*pfd))) == NULL)
		err(1, "calloc");
	for (i = 0; i < l.ntargets; i++)
		target_resolve(&l.targets[i], argv[0], argv[i + 1]);
	for (i = 0; i < (size_t)conc; i++)
		cl[i].fd = -1;
	signal(SIGPIPE, SIG_IGN);
	l.from = now_us() + (uint64_t)warm * 1000000;
	l.to = l.from + (uint64_t)dur * 1000000;
	run(&l, cl, pfd, (size_t)conc);
	report(&l);
	return 0;
}
