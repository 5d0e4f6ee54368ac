/*
 * h_client: a client for the daemon's integration tests.
 *
 *	h_client [-46ek] [-b source] [-t timeout] [-s text] host port
 *	h_client -H seconds [-46] [-b source] host port
 *	h_client -u [-46e] [-b source] [-n count] [-t timeout] [-s text]
 *	    host port
 *	h_client -L seconds | -R -S stopfile [-46] [-b source]
 *	    [-c concurrency] [-t timeout] host port
 *
 * TCP: connect, send the text and a newline, shut down the write side
 * (not with -k), copy the reply to stdout until EOF.  UDP (-u): send the
 * text, or "ping", count times, print each reply on its own line.  Load
 * (-L, -R): a closed loop of concurrency clients, each connecting,
 * shutting down its write side and reading until EOF, over and over;
 * prints "ok=N fail=M".  Hold (-H): a client that never reads, with a
 * small receive buffer: connect, then sleep, then close.  -b binds the local end to a numeric address
 * of the target's family first (127.0.0.2 is another source on Linux).
 *
 * Exit: 0 done; 1 connect or other failure (load: some failed); 2
 * timeout; 3 reset by the peer; 4 empty reply with -e; 64 usage.
 * The host is numeric; only libc is used, so it also links statically.
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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXIT_FAIL	1
#define EXIT_TIMEOUT	2
#define EXIT_RESET	3
#define EXIT_EMPTY	4
#define EXIT_USAGE	64

#define DGRAM_MAX	65536
#define LOAD_SHOWN	5	/* failure reasons written to stderr */
#define STOPFILE_MS	50	/* how often the stop file is looked for */

struct opts {
	struct sockaddr_storage addr;
	socklen_t	 addrlen;
	int		 family;	/* AF_UNSPEC, or from -4, -6 */
	bool		 udp;		/* -u */
	bool		 keep;		/* -k */
	bool		 nonempty;	/* -e */
	long		 count;		/* -n */
	long long	 timeout_ms;	/* -t */
	const char	*text;		/* -s */
	long long	 load_ms;	/* -L, or -1 */
	long		 concurrency;	/* -c */
	bool		 until_file;	/* -R */
	const char	*stopfile;	/* -S */
	long long	 hold_ms;	/* -H, or -1 */
	const char	*source;	/* -b: local address to bind */
	struct sockaddr_storage src;
	socklen_t	 srclen;
};

enum slot_state {
	SLOT_IDLE,
	SLOT_CONNECTING,
	SLOT_READING
};

/* One client of the load loop. */
struct slot {
	int		 fd;
	enum slot_state	 state;
	long long	 deadline;
	size_t		 got;
};

struct load {
	const struct opts *o;
	struct slot	*slots;
	struct pollfd	*pfd;
	size_t		*pslot;		/* pfd index to slot */
	unsigned long	 ok;
	unsigned long	 fail;
	long long	 end;		/* -L deadline, or -1 */
	long long	 next_look;	/* next look for the stop file */
	bool		 stopping;
};

static void
usage(void)
{
	fprintf(stderr,
	    "usage: h_client [-46ek] [-b source] [-t timeout] [-s text] "
	    "host port\n"
	    "       h_client -u [-46e] [-b source] [-n count] [-t timeout] "
	    "[-s text] host port\n"
	    "       h_client -L seconds | -R -S stopfile [-46] [-b source] "
	    "[-c concurrency]\n"
	    "                [-t timeout] host port\n"
	    "       h_client -H seconds [-46] [-b source] host port\n");
	exit(EXIT_USAGE);
}

static void
fail_exit(int status, const char *what, int err)
{
	if (err != 0)
		fprintf(stderr, "h_client: %s: %s\n", what, strerror(err));
	else
		fprintf(stderr, "h_client: %s\n", what);
	exit(status);
}

static long long
now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		fail_exit(EXIT_FAIL, "clock_gettime", errno);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
ms_until(long long deadline)
{
	long long left = deadline - now_ms();

	if (left < 0)
		return 0;
	return left > INT_MAX ? INT_MAX : (int)left;
}

/* Wait for events on fd until deadline: 1 ready, 0 timed out. */
static int
wait_fd(int fd, short events, long long deadline)
{
	struct pollfd pfd;
	int rv;

	pfd.fd = fd;
	pfd.events = events;
	for (;;) {
		rv = poll(&pfd, 1, ms_until(deadline));
		if (rv > 0)
			return 1;
		if (rv == 0)
			return 0;
		if (errno != EINTR)
			fail_exit(EXIT_FAIL, "poll", errno);
	}
}

static long long
parse_ms(const char *s, const char *what)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || !(v >= 0) ||
	    v > 1e9)
		fail_exit(EXIT_USAGE, what, 0);
	return (long long)(v * 1000);
}

static long
parse_long(const char *s, long min, long max, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min ||
	    v > max)
		fail_exit(EXIT_USAGE, what, 0);
	return v;
}

/* A numeric host (IPv6 optionally in brackets) and port. */
static void
parse_addr(struct opts *o, const char *host, const char *port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)&o->addr;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&o->addr;
	char *h;
	size_t n;
	in_port_t p;

	p = htons((in_port_t)parse_long(port, 1, 65535, "bad port"));
	if ((h = strdup(host)) == NULL)
		fail_exit(EXIT_FAIL, "strdup", errno);
	n = strlen(h);
	if (n >= 2 && h[0] == '[' && h[n - 1] == ']') {
		h[n - 1] = '\0';
		memmove(h, h + 1, n - 1);
	}
	memset(&o->addr, 0, sizeof(o->addr));
	if (o->family != AF_INET6 &&
	    inet_pton(AF_INET, h, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = p;
		o->addrlen = sizeof(*sin);
	} else if (o->family != AF_INET &&
	    inet_pton(AF_INET6, h, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = p;
		o->addrlen = sizeof(*sin6);
	} else
		fail_exit(EXIT_USAGE, "bad numeric address for the family",
		    0);
	o->family = o->addr.ss_family;
	free(h);
}

/* -b: a numeric local address of the target's family, any port. */
static void
parse_source(struct opts *o)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)&o->src;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&o->src;

	memset(&o->src, 0, sizeof(o->src));
	if (o->family == AF_INET &&
	    inet_pton(AF_INET, o->source, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		o->srclen = sizeof(*sin);
	} else if (o->family == AF_INET6 &&
	    inet_pton(AF_INET6, o->source, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		o->srclen = sizeof(*sin6);
	} else
		fail_exit(EXIT_USAGE, "bad source address for the family", 0);
}

/* Bind a new socket to the -b address, if there is one. */
static void
bind_source(const struct opts *o, int fd)
{
	if (o->source != NULL &&
	    bind(fd, (const struct sockaddr *)&o->src, o->srclen) == -1)
		fail_exit(EXIT_FAIL, "bind", errno);
}

static void
parse_opts(struct opts *o, int argc, char **argv)
{
	int ch;

	memset(o, 0, sizeof(*o));
	o->family = AF_UNSPEC;
	o->count = 1;
	o->timeout_ms = 10000;
	o->load_ms = -1;
	o->hold_ms = -1;
	o->concurrency = 1;
	while ((ch = getopt(argc, argv, "46b:c:ekH:L:n:RS:s:t:u")) != -1) {
		switch (ch) {
		case '4':
			o->family = AF_INET;
			break;
		case '6':
			o->family = AF_INET6;
			break;
		case 'b':
			o->source = optarg;
			break;
		case 'c':
			o->concurrency = parse_long(optarg, 1, 10000,
			    "bad concurrency");
			break;
		case 'e':
			o->nonempty = true;
			break;
		case 'k':
			o->keep = true;
			break;
		case 'H':
			o->hold_ms = parse_ms(optarg, "bad hold time");
			break;
		case 'L':
			o->load_ms = parse_ms(optarg, "bad load time");
			break;
		case 'n':
			o->count = parse_long(optarg, 1, 100000, "bad count");
			break;
		case 'R':
			o->until_file = true;
			break;
		case 'S':
			o->stopfile = optarg;
			break;
		case 's':
			o->text = optarg;
			break;
		case 't':
			o->timeout_ms = parse_ms(optarg, "bad timeout");
			break;
		case 'u':
			o->udp = true;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 2)
		usage();
	parse_addr(o, argv[optind], argv[optind + 1]);
	if (o->source != NULL)
		parse_source(o);
}

static void
check_opts(const struct opts *o)
{
	bool load = o->load_ms >= 0 || o->until_file;

	if (o->timeout_ms <= 0)
		fail_exit(EXIT_USAGE, "bad timeout", 0);
	if (o->until_file != (o->stopfile != NULL))
		fail_exit(EXIT_USAGE, "-R and -S go together", 0);
	if (load && (o->udp || o->keep || o->text != NULL || o->nonempty))
		fail_exit(EXIT_USAGE, "-L, -R: no -u, -k, -s, -e", 0);
	if (!load && o->concurrency != 1)
		fail_exit(EXIT_USAGE, "-c needs -L or -R", 0);
	if (!o->udp && o->count != 1)
		fail_exit(EXIT_USAGE, "-n needs -u", 0);
	if (o->hold_ms >= 0 && (load || o->udp || o->text != NULL))
		fail_exit(EXIT_USAGE, "-H: no -L, -R, -u, -s", 0);
	if (o->udp && o->keep)
		fail_exit(EXIT_USAGE, "-k is for TCP", 0);
}

static int
socket_nb(int family, int type)
{
	int fd, fl;

	if ((fd = socket(family, type, 0)) == -1)
		return -1;
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
out_all(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(1, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			fail_exit(EXIT_FAIL, "write", errno);
		}
		p += w;
		n -= (size_t)w;
	}
}

static int
tcp_connect(const struct opts *o, long long deadline)
{
	socklen_t len;
	int fd, err;

	int small = 1024;

	if ((fd = socket_nb(o->family, SOCK_STREAM)) == -1)
		fail_exit(EXIT_FAIL, "socket", errno);
	if (o->hold_ms >= 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small,
		    sizeof(small));
	bind_source(o, fd);
	if (connect(fd, (const struct sockaddr *)&o->addr, o->addrlen) == 0)
		return fd;
	if (errno != EINPROGRESS && errno != EINTR)
		fail_exit(EXIT_FAIL, "connect", errno);
	if (wait_fd(fd, POLLOUT, deadline) == 0)
		fail_exit(EXIT_TIMEOUT, "timeout", 0);
	len = sizeof(err);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		fail_exit(EXIT_FAIL, "getsockopt", errno);
	if (err != 0)
		fail_exit(EXIT_FAIL, "connect", err);
	return fd;
}

/* Send all of p; 0, or the errno when the peer is gone. */
static int
tcp_send(int fd, const char *p, size_t n, long long deadline)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) >= 0) {
			p += w;
			n -= (size_t)w;
			continue;
		}
		if (errno == EPIPE || errno == ECONNRESET)
			return errno;
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			fail_exit(EXIT_FAIL, "write", errno);
		if (wait_fd(fd, POLLOUT, deadline) == 0)
			fail_exit(EXIT_TIMEOUT, "timeout", 0);
	}
	return 0;
}

/* Copy to stdout until EOF; 0, or ECONNRESET. */
static int
tcp_copy(int fd, long long deadline, size_t *got)
{
	char buf[8192];
	ssize_t r;

	for (;;) {
		if ((r = read(fd, buf, sizeof(buf))) > 0) {
			out_all(buf, (size_t)r);
			*got += (size_t)r;
			continue;
		}
		if (r == 0)
			return 0;
		if (errno == ECONNRESET)
			return errno;
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			fail_exit(EXIT_FAIL, "read", errno);
		if (wait_fd(fd, POLLIN, deadline) == 0)
			fail_exit(EXIT_TIMEOUT, "timeout", 0);
	}
}

static int
tcp_run(const struct opts *o)
{
	long long deadline = now_ms() + o->timeout_ms;
	size_t got = 0;
	char *line;
	size_t n;
	int fd, werr = 0, rerr;

	fd = tcp_connect(o, deadline);
	if (o->hold_ms >= 0) {
		(void)poll(NULL, 0, o->hold_ms > INT_MAX ? INT_MAX :
		    (int)o->hold_ms);
		close(fd);
		return 0;
	}
	if (o->text != NULL) {
		n = strlen(o->text);
		if ((line = malloc(n + 1)) == NULL)
			fail_exit(EXIT_FAIL, "malloc", errno);
		memcpy(line, o->text, n);
		line[n] = '\n';
		werr = tcp_send(fd, line, n + 1, deadline);
		free(line);
	}
	if (werr == 0 && !o->keep && shutdown(fd, SHUT_WR) == -1 &&
	    errno != ENOTCONN)
		fail_exit(EXIT_FAIL, "shutdown", errno);
	/* Even when the send failed, what came before the reset counts. */
	if ((rerr = tcp_copy(fd, deadline, &got)) != 0)
		fail_exit(EXIT_RESET, "read", rerr);
	if (werr != 0)
		fail_exit(EXIT_RESET, "write", werr);
	close(fd);
	if (o->nonempty && got == 0)
		fail_exit(EXIT_EMPTY, "empty reply", 0);
	return 0;
}

static void
udp_print(const char *p, size_t n)
{
	out_all(p, n);
	if (n == 0 || p[n - 1] != '\n')
		out_all("\n", 1);
}

static int
udp_run(const struct opts *o)
{
	long long deadline;
	const char *text = o->text != NULL ? o->text : "ping";
	size_t got = 0;
	char *buf;
	ssize_t r;
	long k;
	int fd;

	if ((fd = socket(o->family, SOCK_DGRAM, 0)) == -1)
		fail_exit(EXIT_FAIL, "socket", errno);
	bind_source(o, fd);
	if (connect(fd, (const struct sockaddr *)&o->addr, o->addrlen) == -1)
		fail_exit(EXIT_FAIL, "connect", errno);
	if ((buf = malloc(DGRAM_MAX)) == NULL)
		fail_exit(EXIT_FAIL, "malloc", errno);
	for (k = 0; k < o->count; k++)
		while (send(fd, text, strlen(text), 0) == -1)
			if (errno != EINTR)
				fail_exit(EXIT_FAIL, "send", errno);
	deadline = now_ms() + o->timeout_ms;
	for (k = 0; k < o->count; k++) {
		if (wait_fd(fd, POLLIN, deadline) == 0)
			fail_exit(EXIT_TIMEOUT, "timeout", 0);
		if ((r = recv(fd, buf, DGRAM_MAX, 0)) == -1) {
			if (errno != EINTR && errno != EAGAIN)
				fail_exit(EXIT_FAIL, "recv", errno);
			k--;
			continue;
		}
		udp_print(buf, (size_t)r);
		got += (size_t)r;
	}
	free(buf);
	close(fd);
	if (o->nonempty && got == 0)
		fail_exit(EXIT_EMPTY, "empty reply", 0);
	return 0;
}

static void
slot_done(struct load *l, struct slot *s, bool ok, const char *what,
    int err)
{
	close(s->fd);
	s->fd = -1;
	s->state = SLOT_IDLE;
	if (ok) {
		l->ok++;
		return;
	}
	if (++l->fail > LOAD_SHOWN)
		return;
	if (err != 0)
		fprintf(stderr, "h_client: %s: %s\n", what, strerror(err));
	else
		fprintf(stderr, "h_client: %s\n", what);
}

static void
slot_connected(struct load *l, struct slot *s)
{
	if (shutdown(s->fd, SHUT_WR) == -1) {
		slot_done(l, s, false, "shutdown", errno);
		return;
	}
	s->state = SLOT_READING;
}

static void
slot_start(struct load *l, struct slot *s)
{
	const struct opts *o = l->o;

	s->got = 0;
	s->deadline = now_ms() + o->timeout_ms;
	if ((s->fd = socket_nb(o->family, SOCK_STREAM)) == -1)
		fail_exit(EXIT_FAIL, "socket", errno);
	bind_source(o, s->fd);
	if (connect(s->fd, (const struct sockaddr *)&o->addr,
	    o->addrlen) == 0)
		slot_connected(l, s);
	else if (errno == EINPROGRESS || errno == EINTR)
		s->state = SLOT_CONNECTING;
	else
		slot_done(l, s, false, "connect", errno);
}

static void
slot_connecting(struct load *l, struct slot *s)
{
	socklen_t len;
	int err;

	len = sizeof(err);
	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		err = errno;
	if (err != 0)
		slot_done(l, s, false, "connect", err);
	else
		slot_connected(l, s);
}

static void
slot_read(struct load *l, struct slot *s)
{
	char buf[4096];
	ssize_t r;

	for (;;) {
		if ((r = read(s->fd, buf, sizeof(buf))) > 0) {
			s->got += (size_t)r;
			continue;
		}
		if (r == 0)
			slot_done(l, s, s->got > 0, "empty reply", 0);
		else if (errno == EINTR)
			continue;
		else if (errno != EAGAIN && errno != EWOULDBLOCK)
			slot_done(l, s, false, "read", errno);
		return;
	}
}

static void
load_look(struct load *l, long long t)
{
	if (l->stopping)
		return;
	if (l->end >= 0 && t >= l->end)
		l->stopping = true;
	if (l->o->stopfile != NULL && t >= l->next_look) {
		l->next_look = t + STOPFILE_MS;
		if (access(l->o->stopfile, F_OK) == 0)
			l->stopping = true;
	}
}

/*
 * Start idle slots, time out late ones, fill the pollfd array; return
 * the poll timeout, or -2 when stopping and nothing is left in flight.
 */
static int
load_prepare(struct load *l, size_t *npfd)
{
	long long t = now_ms(), next = -1;
	const struct opts *o = l->o;
	struct slot *s;
	long i;

	load_look(l, t);
	*npfd = 0;
	for (i = 0; i < o->concurrency; i++) {
		s = &l->slots[i];
		if (s->state == SLOT_IDLE && !l->stopping)
			slot_start(l, s);
		if (s->state != SLOT_IDLE && s->deadline <= t)
			slot_done(l, s, false, "timeout", 0);
		if (s->state == SLOT_IDLE)
			continue;
		l->pfd[*npfd].fd = s->fd;
		l->pfd[*npfd].events =
		    s->state == SLOT_CONNECTING ? POLLOUT : POLLIN;
		l->pslot[(*npfd)++] = (size_t)i;
		if (next == -1 || s->deadline < next)
			next = s->deadline;
	}
	if (*npfd == 0)
		return l->stopping ? -2 : 1;	/* all refused: breathe */
	if (!l->stopping && l->end >= 0 && (next == -1 || l->end < next))
		next = l->end;
	if (!l->stopping && o->stopfile != NULL &&
	    (next == -1 || l->next_look < next))
		next = l->next_look;
	return next == -1 ? 0 : ms_until(next);
}

static void
load_loop(struct load *l)
{
	struct slot *s;
	size_t i, n;
	int timeout;

	while ((timeout = load_prepare(l, &n)) != -2) {
		if (poll(l->pfd, (nfds_t)n, timeout) == -1) {
			if (errno == EINTR)
				continue;
			fail_exit(EXIT_FAIL, "poll", errno);
		}
		for (i = 0; i < n; i++) {
			if (l->pfd[i].revents == 0)
				continue;
			s = &l->slots[l->pslot[i]];
			if (s->state == SLOT_CONNECTING)
				slot_connecting(l, s);
			else
				slot_read(l, s);
		}
	}
}

/* Room for one descriptor per client and a few more. */
static void
load_fds(long concurrency)
{
	struct rlimit rl;
	rlim_t need = (rlim_t)concurrency + 16;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		fail_exit(EXIT_FAIL, "getrlimit", errno);
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
		if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need)
			fail_exit(EXIT_USAGE, "concurrency above the "
			    "descriptor limit", 0);
		rl.rlim_cur = need;
		if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
			fail_exit(EXIT_FAIL, "setrlimit", errno);
	}
}

static int
load_run(const struct opts *o)
{
	struct load l;
	size_t n = (size_t)o->concurrency, i;

	load_fds(o->concurrency);
	memset(&l, 0, sizeof(l));
	l.o = o;
	l.slots = calloc(n, sizeof(*l.slots));
	l.pfd = calloc(n, sizeof(*l.pfd));
	l.pslot = calloc(n, sizeof(*l.pslot));
	if (l.slots == NULL || l.pfd == NULL || l.pslot == NULL)
		fail_exit(EXIT_FAIL, "calloc", errno);
	for (i = 0; i < n; i++) {
		l.slots[i].fd = -1;
		l.slots[i].state = SLOT_IDLE;
	}
	l.end = o->load_ms >= 0 ? now_ms() + o->load_ms : -1;
	load_loop(&l);
	printf("ok=%lu fail=%lu\n", l.ok, l.fail);
	if (l.fail > LOAD_SHOWN)
		fprintf(stderr, "h_client: %lu more failures\n",
		    l.fail - LOAD_SHOWN);
	free(l.slots);
	free(l.pfd);
	free(l.pslot);
	return l.fail == 0 ? 0 : EXIT_FAIL;
}

int
main(int argc, char **argv)
{
	struct opts o;

	(void)signal(SIGPIPE, SIG_IGN);
	parse_opts(&o, argc, argv);
	check_opts(&o);
	if (o.load_ms >= 0 || o.until_file)
		return load_run(&o);
	if (o.udp)
		return udp_run(&o);
	return tcp_run(&o);
}
