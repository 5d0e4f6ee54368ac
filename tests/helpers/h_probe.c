/*
 * h_probe: a server for the daemon's integration tests.
 *
 *	h_probe [arg ...]	the mode is the first "--mode=M[:A]" argument
 *
 * report	(default) write a report on fd 1, one "key=value" line each:
 *		argc, argvN, pid, ppid, sid, pgid, uid, euid, gid, egid,
 *		groups, umask, nice, rlimit_{as,cpu,data,files,rss,stack}
 *		(SOFT:HARD), fds (open at start), sock_type, sock_local,
 *		sock_peer, listening, nonblock, nodelay, keepalive (all of
 *		fd 0), sigblocked,
 *		sigignored, env:NAME=value ..., then "end".  A newline in a
 *		value is written as \n.  On a stream: FIN, then read until
 *		the client's EOF (at most 5 s), so the close is no reset.
 * accept:N	accept N connections on fd 0; each gets the report with
 *		accepted=K, conn_local, conn_peer before "end".
 * noaccept	exit 0 at once.
 * dgram:N	N times: receive on fd 0, reply "pid=P got=PAYLOAD\n".
 * dgram-reply	the same, once.
 * sleep:S	the report, then sleep S seconds with the connection open.
 * crash[:SIG]	die by SIGSEGV, or SIG: SEGV, KILL, ABRT.
 * exit:N	exit N.
 *
 * Exit 0, 1 on a failure, 64 on a bad mode.  Only libc is used, so it
 * also works statically linked.
 */

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef NSIG
#define NSIG		65
#endif

#define EXIT_USAGE	64
#define DRAIN_MS	5000	/* longest wait for the client's EOF */
#define DGRAM_MAX	65536

extern char **environ;

/* A growing output buffer: a report is written with one write(2). */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

/* What the report needs from main: argv and the descriptors at start. */
struct probe {
	int	 argc;
	char	**argv;
	char	*fds;
};

static void
die(const char *what)
{
	fprintf(stderr, "h_probe: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "h_probe: %s: %s\n", msg, arg);
	exit(EXIT_USAGE);
}

static void
buf_add(struct buf *b, const char *p, size_t n)
{
	char *v;
	size_t cap;

	if (b->cap - b->len < n + 1) {
		cap = b->cap == 0 ? 4096 : b->cap;
		while (cap - b->len < n + 1)
			cap *= 2;
		if ((v = realloc(b->data, cap)) == NULL)
			die("realloc");
		b->data = v;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256], *big;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		die("vsnprintf");
	if ((size_t)n < sizeof(small)) {
		buf_add(b, small, (size_t)n);
		return;
	}
	if ((big = malloc((size_t)n + 1)) == NULL)
		die("malloc");
	va_start(ap, fmt);
	(void)vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_add(b, big, (size_t)n);
	free(big);
}

/* A value on one line: a newline in it is written as the two chars \n. */
static void
buf_value(struct buf *b, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		buf_add(b, s, (size_t)(nl - s));
		buf_puts(b, "\\n");
		s = nl + 1;
	}
	buf_puts(b, s);
	buf_puts(b, "\n");
}

/*
 * Wait until fd is ready after EAGAIN: a socket the daemon passes may
 * still be non-blocking (O_NONBLOCK belongs to the shared open file).
 */
static void
wait_ready(int fd, short events)
{
	struct pollfd pfd;

	pfd.fd = fd;
	pfd.events = events;
	while (poll(&pfd, 1, -1) == -1)
		if (errno != EINTR)
			die("poll");
}

static bool
again(void)
{
	return errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK;
}

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1) {
			if (!again())
				return -1;
			wait_ready(fd, POLLOUT);
			continue;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static long
parse_num(const char *s, long min, long max, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min ||
	    v > max)
		usage_error(what, s);
	return v;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
cmp_gid(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

	return (x > y) - (x < y);
}

static void
fds_add(int **v, size_t *n, size_t *cap, int fd)
{
	int *nv;

	if (*n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		if ((nv = realloc(*v, *cap * sizeof(**v))) == NULL)
			die("realloc");
		*v = nv;
	}
	(*v)[(*n)++] = fd;
}

/* Linux: the open descriptors are the entries of /proc/self/fd. */
static bool
fds_proc(int **v, size_t *n, size_t *cap)
{
#ifdef __linux__
	struct dirent *de;
	DIR *d;
	char *end;
	long fd;
	int self;

	if ((d = opendir("/proc/self/fd")) == NULL)
		return false;
	self = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		fd = strtol(de->d_name, &end, 10);
		if (de->d_name[0] == '.' || *end != '\0' || fd == self)
			continue;
		fds_add(v, n, cap, (int)fd);
	}
	closedir(d);
	return true;
#else
	(void)v;
	(void)n;
	(void)cap;
	return false;
#endif
}

static void
fds_fcntl(int **v, size_t *n, size_t *cap)
{
	int fd, max;

	max = getdtablesize();
	for (fd = 0; fd < max; fd++)
		if (fcntl(fd, F_GETFD) != -1)
			fds_add(v, n, cap, fd);
}

/* The open descriptors, "0,1,2"; taken first, before anything opens. */
static char *
fds_snapshot(void)
{
	struct buf b = { NULL, 0, 0 };
	int *v = NULL;
	size_t i, n = 0, cap = 0;

	if (!fds_proc(&v, &n, &cap))
		fds_fcntl(&v, &n, &cap);
	qsort(v, n, sizeof(*v), cmp_int);
	buf_puts(&b, "");
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%d", i == 0 ? "" : ",", v[i]);
	free(v);
	return b.data;
}

static void
report_args(struct buf *b, const struct probe *p)
{
	int i;

	buf_printf(b, "argc=%d\n", p->argc);
	for (i = 0; i < p->argc; i++) {
		buf_printf(b, "argv%d=", i);
		buf_value(b, p->argv[i]);
	}
}

static void
report_groups(struct buf *b)
{
	gid_t *g;
	int i, n;

	if ((n = getgroups(0, NULL)) == -1)
		die("getgroups");
	if ((g = calloc((size_t)n + 1, sizeof(*g))) == NULL)
		die("calloc");
	if ((n = getgroups(n, g)) == -1)
		die("getgroups");
	qsort(g, (size_t)n, sizeof(*g), cmp_gid);
	buf_puts(b, "groups=");
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%lu", i == 0 ? "" : ",", (unsigned long)g[i]);
	buf_puts(b, "\n");
	free(g);
}

static void
report_ids(struct buf *b)
{
	mode_t mask;
	int prio;

	buf_printf(b, "pid=%ld\nppid=%ld\nsid=%ld\npgid=%ld\n",
	    (long)getpid(), (long)getppid(), (long)getsid(0),
	    (long)getpgrp());
	buf_printf(b, "uid=%lu\neuid=%lu\ngid=%lu\negid=%lu\n",
	    (unsigned long)getuid(), (unsigned long)geteuid(),
	    (unsigned long)getgid(), (unsigned long)getegid());
	report_groups(b);
	mask = umask(0);
	(void)umask(mask);
	buf_printf(b, "umask=%04o\n", (unsigned)mask);
	errno = 0;
	prio = getpriority(PRIO_PROCESS, 0);
	if (prio == -1 && errno != 0)
		die("getpriority");
	buf_printf(b, "nice=%d\n", prio);
}

static void
limit_value(struct buf *b, rlim_t v)
{
	if (v == RLIM_INFINITY)
		buf_puts(b, "unlimited");
	else
		buf_printf(b, "%llu", (unsigned long long)v);
}

static void
report_limits(struct buf *b)
{
	static const struct {
		const char	*name;
		int		 resource;	/* -1: not here */
	} lim[] = {
#ifdef RLIMIT_AS
		{ "as",		RLIMIT_AS },
#else
		{ "as",		-1 },
#endif
		{ "cpu",	RLIMIT_CPU },
		{ "data",	RLIMIT_DATA },
		{ "files",	RLIMIT_NOFILE },
#ifdef RLIMIT_RSS
		{ "rss",	RLIMIT_RSS },
#else
		{ "rss",	-1 },
#endif
		{ "stack",	RLIMIT_STACK },
	};
	struct rlimit rl;
	size_t i;

	for (i = 0; i < sizeof(lim) / sizeof(lim[0]); i++) {
		buf_printf(b, "rlimit_%s=", lim[i].name);
		if (lim[i].resource == -1) {
			buf_puts(b, "unsupported\n");
			continue;
		}
		if (getrlimit(lim[i].resource, &rl) == -1)
			die("getrlimit");
		limit_value(b, rl.rlim_cur);
		buf_puts(b, ":");
		limit_value(b, rl.rlim_max);
		buf_puts(b, "\n");
	}
}

/* A numeric address: a.b.c.d:port, [v6]:port, unix:path. */
static void
buf_addr(struct buf *b, const struct sockaddr_storage *ss, socklen_t len)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;
	const struct sockaddr_un *un = (const struct sockaddr_un *)ss;
	char a[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET && inet_ntop(AF_INET, &sin->sin_addr,
	    a, sizeof(a)) != NULL)
		buf_printf(b, "%s:%u", a, (unsigned)ntohs(sin->sin_port));
	else if (ss->ss_family == AF_INET6 && inet_ntop(AF_INET6,
	    &sin6->sin6_addr, a, sizeof(a)) != NULL) {
		buf_printf(b, "[%s", a);
		if (sin6->sin6_scope_id != 0)
			buf_printf(b, "%%%lu",
			    (unsigned long)sin6->sin6_scope_id);
		buf_printf(b, "]:%u", (unsigned)ntohs(sin6->sin6_port));
	} else if (ss->ss_family == AF_UNIX) {
		buf_puts(b, "unix:");
		if (len > offsetof(struct sockaddr_un, sun_path))
			buf_add(b, un->sun_path, strnlen(un->sun_path,
			    len - offsetof(struct sockaddr_un, sun_path)));
	} else
		buf_printf(b, "af%d", (int)ss->ss_family);
}

static void
report_name(struct buf *b, const char *key, int fd, bool peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int rv;

	memset(&ss, 0, sizeof(ss));
	if (peer)
		rv = getpeername(fd, (struct sockaddr *)&ss, &len);
	else
		rv = getsockname(fd, (struct sockaddr *)&ss, &len);
	buf_printf(b, "%s=", key);
	if (rv == -1)
		buf_puts(b, "none");
	else
		buf_addr(b, &ss, len);
	buf_puts(b, "\n");
}

static const char *
type_name(int type)
{
	switch (type) {
	case SOCK_STREAM:
		return "stream";
	case SOCK_DGRAM:
		return "dgram";
	case SOCK_RAW:
		return "raw";
	case SOCK_SEQPACKET:
		return "seqpacket";
	default:
		return NULL;
	}
}

/* SO_TYPE of fd, or -1 when it is no socket. */
static int
sock_type(int fd)
{
	socklen_t len;
	int type;

	len = sizeof(type);
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == -1)
		return -1;
	return type;
}

static const char *
listening(int fd)
{
#ifdef SO_ACCEPTCONN
	socklen_t len;
	int on;

	len = sizeof(on);
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &len) == -1)
		return "unknown";
	return on ? "yes" : "no";
#else
	(void)fd;
	return "unknown";
#endif
}

static void
report_socket(struct buf *b, int fd)
{
	int type;

	if ((type = sock_type(fd)) == -1) {
		buf_puts(b, "sock_type=none\nsock_local=none\n"
		    "sock_peer=none\nlistening=no\n");
		return;
	}
	if (type_name(type) != NULL)
		buf_printf(b, "sock_type=%s\n", type_name(type));
	else
		buf_printf(b, "sock_type=%d\n", type);
	report_name(b, "sock_local", fd, false);
	report_name(b, "sock_peer", fd, true);
	buf_printf(b, "listening=%s\n", listening(fd));
}

/* A boolean socket option of fd 0: yes, no, or none. */
static const char *
sockopt_flag(int fd, int level, int name)
{
	socklen_t len;
	int on;

	len = sizeof(on);
	if (getsockopt(fd, level, name, &on, &len) == -1)
		return "none";
	return on ? "yes" : "no";
}

static void
report_tcp(struct buf *b, int fd)
{
	if (sock_type(fd) != SOCK_STREAM) {
		buf_puts(b, "nodelay=none\nkeepalive=none\n");
		return;
	}
	buf_printf(b, "nodelay=%s\n", sockopt_flag(fd, IPPROTO_TCP,
	    TCP_NODELAY));
	buf_printf(b, "keepalive=%s\n", sockopt_flag(fd, SOL_SOCKET,
	    SO_KEEPALIVE));
}

static void
report_nonblock(struct buf *b, int fd)
{
	int fl;

	if ((fl = fcntl(fd, F_GETFL)) == -1)
		buf_puts(b, "nonblock=none\n");
	else
		buf_printf(b, "nonblock=%s\n",
		    (fl & O_NONBLOCK) ? "yes" : "no");
}

/* Blocked and ignored signals, by number: exec(2) keeps both. */
static void
report_signals(struct buf *b)
{
	struct sigaction sa;
	sigset_t set;
	const char *sep;
	int sig;

	if (sigprocmask(SIG_BLOCK, NULL, &set) == -1)
		die("sigprocmask");
	buf_puts(b, "sigblocked=");
	for (sep = "", sig = 1; sig < NSIG; sig++)
		if (sigismember(&set, sig) == 1) {
			buf_printf(b, "%s%d", sep, sig);
			sep = ",";
		}
	buf_puts(b, "\nsigignored=");
	for (sep = "", sig = 1; sig < NSIG; sig++)
		if (sigaction(sig, NULL, &sa) == 0 &&
		    sa.sa_handler == SIG_IGN) {
			buf_printf(b, "%s%d", sep, sig);
			sep = ",";
		}
	buf_puts(b, "\n");
}

static void
report_env(struct buf *b)
{
	char **e;

	for (e = environ; e != NULL && *e != NULL; e++) {
		buf_puts(b, "env:");
		buf_value(b, *e);
	}
}

/* Everything but the final "end": a caller may add lines. */
static void
report(struct buf *b, const struct probe *p)
{
	report_args(b, p);
	report_ids(b);
	report_limits(b);
	buf_printf(b, "fds=%s\n", p->fds);
	report_socket(b, 0);
	report_nonblock(b, 0);
	report_tcp(b, 0);
	report_signals(b);
	report_env(b);
}

/*
 * After the reply on a stream: send FIN, then read until the client's
 * EOF (bounded), so that unread input does not turn the close into a
 * reset that could discard the reply on the client's side.
 */
static void
stream_finish(int wfd, int rfd)
{
	struct pollfd pfd;
	char junk[4096];
	ssize_t r;
	int left;

	if (sock_type(rfd) != SOCK_STREAM ||
	    strcmp(listening(rfd), "yes") == 0)
		return;
	(void)shutdown(wfd, SHUT_WR);
	pfd.fd = rfd;
	pfd.events = POLLIN;
	for (left = DRAIN_MS; left > 0; left -= 100) {
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		if ((r = read(rfd, junk, sizeof(junk))) == 0 ||
		    (r == -1 && !again()))
			return;
	}
}

static int
mode_report(const struct probe *p, bool finish)
{
	struct buf b = { NULL, 0, 0 };

	report(&b, p);
	buf_puts(&b, "end\n");
	if (write_all(1, b.data, b.len) == -1)
		die("write");
	free(b.data);
	if (finish)
		stream_finish(1, 0);
	return 0;
}

static int
accept_one(void)
{
	int fd;

	while ((fd = accept(0, NULL, NULL)) == -1) {
		if (!again() && errno != ECONNABORTED)
			die("accept");
		wait_ready(0, POLLIN);
	}
	return fd;
}

static int
mode_accept(const struct probe *p, long n)
{
	struct buf b = { NULL, 0, 0 };
	long k;
	int fd;

	for (k = 1; k <= n; k++) {
		fd = accept_one();
		b.len = 0;
		report(&b, p);
		buf_printf(&b, "accepted=%ld\n", k);
		report_name(&b, "conn_local", fd, false);
		report_name(&b, "conn_peer", fd, true);
		buf_puts(&b, "end\n");
		if (write_all(fd, b.data, b.len) == -1)
			die("write");
		stream_finish(fd, fd);
		close(fd);
	}
	free(b.data);
	return 0;
}

static int
mode_dgram(long n)
{
	struct sockaddr_storage ss;
	struct buf b = { NULL, 0, 0 };
	socklen_t len;
	char *in;
	ssize_t r;
	long k;

	if ((in = malloc(DGRAM_MAX)) == NULL)
		die("malloc");
	for (k = 0; k < n; k++) {
		len = sizeof(ss);
		while ((r = recvfrom(0, in, DGRAM_MAX, 0,
		    (struct sockaddr *)&ss, &len)) == -1) {
			if (!again())
				die("recvfrom");
			wait_ready(0, POLLIN);
			len = sizeof(ss);
		}
		b.len = 0;
		buf_printf(&b, "pid=%ld got=", (long)getpid());
		buf_add(&b, in, (size_t)r);
		buf_puts(&b, "\n");
		while (sendto(0, b.data, b.len, 0, len == 0 ? NULL :
		    (struct sockaddr *)&ss, len) == -1) {
			if (!again())
				die("sendto");
			wait_ready(0, POLLOUT);
		}
	}
	free(in);
	free(b.data);
	return 0;
}

static int
mode_sleep(const struct probe *p, long s)
{
	struct timespec ts;

	(void)mode_report(p, false);
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = 0;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
	stream_finish(1, 0);
	return 0;
}

static int
mode_crash(const char *how)
{
	sigset_t set;
	int sig = SIGSEGV;

	if (how != NULL && strcmp(how, "KILL") == 0)
		sig = SIGKILL;
	else if (how != NULL && strcmp(how, "ABRT") == 0)
		sig = SIGABRT;
	else if (how != NULL && strcmp(how, "SEGV") != 0)
		usage_error("unknown crash signal", how);
	if (sig != SIGKILL) {
		(void)signal(sig, SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		(void)sigprocmask(SIG_UNBLOCK, &set, NULL);
	}
	(void)kill(getpid(), sig);
	abort();
}

/* A copy of the first "--mode=NAME[:ARG]" argument, or "report". */
static char *
find_mode(int argc, char **argv, char **arg)
{
	static const char pfx[] = "--mode=";
	const char *found = "report";
	char *m, *colon;
	int i;

	*arg = NULL;
	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], pfx, sizeof(pfx) - 1) == 0) {
			found = argv[i] + sizeof(pfx) - 1;
			break;
		}
	if ((m = strdup(found)) == NULL)
		die("strdup");
	if ((colon = strchr(m, ':')) != NULL) {
		*colon = '\0';
		*arg = colon + 1;
	}
	return m;
}

static void
no_arg(const char *mode, const char *arg)
{
	if (arg != NULL)
		usage_error("mode takes no argument", mode);
}

static const char *
need_arg(const char *mode, const char *arg)
{
	if (arg == NULL)
		usage_error("mode needs an argument", mode);
	return arg;
}

static long
count_arg(const char *arg, long max, const char *what)
{
	if (arg == NULL)
		return 1;
	return parse_num(arg, 0, max, what);
}

static int
run(const struct probe *p, const char *mode, const char *arg)
{
	if (strcmp(mode, "report") == 0) {
		no_arg(mode, arg);
		return mode_report(p, true);
	}
	if (strcmp(mode, "accept") == 0)
		return mode_accept(p, count_arg(arg, LONG_MAX, "bad count"));
	if (strcmp(mode, "noaccept") == 0) {
		no_arg(mode, arg);
		return 0;
	}
	if (strcmp(mode, "dgram") == 0)
		return mode_dgram(count_arg(arg, LONG_MAX, "bad count"));
	if (strcmp(mode, "dgram-reply") == 0) {
		no_arg(mode, arg);
		return mode_dgram(1);
	}
	if (strcmp(mode, "sleep") == 0)
		return mode_sleep(p, parse_num(need_arg(mode, arg), 0,
		    INT_MAX, "bad time"));
	if (strcmp(mode, "crash") == 0)
		return mode_crash(arg);
	if (strcmp(mode, "exit") == 0)
		return (int)parse_num(need_arg(mode, arg), 0, 255,
		    "bad status");
	usage_error("unknown mode", mode);
	return EXIT_USAGE;
}

/* Everything is freed: a sanitizer build must not report on fd 2. */
int
main(int argc, char **argv)
{
	struct probe p;
	char *mode, *arg;
	int rv;

	p.fds = fds_snapshot();
	p.argc = argc;
	p.argv = argv;
	mode = find_mode(argc, argv, &arg);
	rv = run(&p, mode, arg);
	free(mode);
	free(p.fds);
	return rv;
}
