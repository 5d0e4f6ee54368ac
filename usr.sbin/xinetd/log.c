/*
 * Logging: the daemon's own messages (stderr, a file or syslog), the
 * service lines to syslog or to FILE destinations with soft and hard
 * limits, and the rate limit on identical FAIL lines.
 *
 * Every line is formatted into a buffer on the stack, LOG_LINE_MAX bytes
 * at most, and a FILE line is written with one write(2) to a descriptor
 * opened O_APPEND, so lines of concurrent writers (the daemon and its
 * children) do not mix.  A destination that fails never stops anything:
 * the failure is reported once and the line is dropped.
 */

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define LOG_FILE_MODE	0640
/* O_NONBLOCK: a FIFO without a reader must not block the loop. */
#define LOG_FILE_FLAGS	(O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | \
			    O_NOCTTY | O_NONBLOCK)
#define LOG_PREFIX_MAX	80	/* "YY/M/D@HH:MM:SS: " or "ident: " */
#define LOG_IDENT_MAX	64

enum sink {
	SINK_STDERR,
	SINK_FILE,
	SINK_SYSLOG
};

/* Where the daemon's own messages go. */
static struct {
	enum sink	 sink;
	int		 fd;		/* SINK_FILE */
	char		*path;		/* SINK_FILE */
	bool		 failed;	/* a write to fd failed, reported */
	char		 ident[LOG_IDENT_MAX];
} dlog = { SINK_STDERR, -1, NULL, false, "" };

/* One FILE destination, shared by every service naming its path. */
struct logfile {
	char		*path;
	int		 fd;		/* -1 until a line needs it */
	off_t		 size;		/* fstat at open, then counted */
	bool		 hard_hit;	/* a line refused: drop the rest */
	bool		 err_told;	/* error reported, none since */
};

static struct logfile *files;
static size_t nfiles, files_cap;

/*
 * Lines of one (id, reason) pair in the current window.  The strings
 * (id, reason, dst.path) live in buf, which the slot keeps for its next
 * pair, so a steady trickle of failures does not allocate.
 */
struct failpair {
	bool		 used;
	uint64_t	 start_ms;	/* the window began */
	unsigned long	 lines;		/* in the window, all */
	struct xcfg_log	 dst;		/* a copy */
	char		*id;
	char		*reason;
	char		*buf;
	size_t		 bufsize;
};

static struct failpair pairs[LOG_FAIL_PAIRS];
static size_t npairs;

static uint64_t	(*mono_hook)(void);
static time_t	(*wall_hook)(void);

static void	service_vline(const struct xcfg_log *, const char *, va_list)
		    __printflike(2, 0);

void
log_set_clocks(uint64_t (*mono_ms)(void), time_t (*wall)(void))
{
	mono_hook = mono_ms;
	wall_hook = wall;
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	if (mono_hook != NULL)
		return mono_hook();
	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		return 0;
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* xinetd's "YY/M/D@HH:MM:SS: ": no leading zeros in month and day. */
static void
stamp(char *buf, size_t size)
{
	struct tm tm;
	time_t t;

	t = wall_hook != NULL ? wall_hook() : time(NULL);
	if (localtime_r(&t, &tm) == NULL) {
		(void)strlcpy(buf, "--/-/-@--:--:--: ", size);
		return;
	}
	(void)snprintf(buf, size, "%02d/%d/%d@%02d:%02d:%02d: ",
	    tm.tm_year % 100, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Control characters would let text forge lines: make them visible. */
static void
defang(char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			s[i] = '?';
}

/*
 * prefix, then the text, then a newline when nl, into buf, which holds
 * LOG_LINE_MAX + 1 bytes; the result is NUL-terminated and its length
 * is returned.  Text that does not fit ends in "...".
 */
static size_t
line_vformat(char *buf, const char *prefix, bool nl, const char *fmt,
    va_list ap)
{
	size_t off, room, len;
	int n;

	off = strlcpy(buf, prefix, LOG_PREFIX_MAX + 1);
	if (off > LOG_PREFIX_MAX)
		off = LOG_PREFIX_MAX;
	room = LOG_LINE_MAX - off - (nl ? 1 : 0);
	n = vsnprintf(buf + off, room + 1, fmt, ap);
	if (n < 0)
		n = 0;
	len = (size_t)n;
	if (len > room) {
		len = room;
		memcpy(buf + off + len - 3, "...", 3);
	}
	len += off;
	defang(buf, len);
	if (nl)
		buf[len++] = '\n';
	buf[len] = '\0';
	return len;
}

/*
 * The daemon's own messages.
 */

static void
msg_stderr(int pri, const char *fmt, va_list ap)
{
	char buf[LOG_LINE_MAX + 1], prefix[LOG_PREFIX_MAX + 1];
	size_t len;

	(void)pri;
	(void)snprintf(prefix, sizeof(prefix), "%s: ",
	    dlog.ident[0] != '\0' ? dlog.ident : getprogname());
	len = line_vformat(buf, prefix, true, fmt, ap);
	if (write(STDERR_FILENO, buf, len) == -1)
		return;		/* nowhere left to say so */
}

/* When the file fails, the message goes to syslog, and why once. */
static void
msg_file(int pri, const char *fmt, va_list ap)
{
	char buf[LOG_LINE_MAX + 1], prefix[LOG_PREFIX_MAX + 1];
	size_t len, off;
	ssize_t n;

	stamp(prefix, sizeof(prefix));
	len = line_vformat(buf, prefix, true, fmt, ap);
	if ((n = write(dlog.fd, buf, len)) == (ssize_t)len) {
		dlog.failed = false;
		return;
	}
	if (!dlog.failed)
		syslog(LOG_ERR, "%s: %s", dlog.path,
		    n == -1 ? strerror(errno) : "short write");
	dlog.failed = true;
	off = strlen(prefix);
	syslog(pri, "%.*s", (int)(len - off - 1), buf + off);
}

static void
msg_syslog(int pri, const char *fmt, va_list ap)
{
	char buf[LOG_LINE_MAX + 1];

	(void)line_vformat(buf, "", false, fmt, ap);
	syslog(pri, "%s", buf);
}

void
log_msg(int pri, const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	switch (dlog.sink) {
	case SINK_STDERR:
		msg_stderr(pri, fmt, ap);
		break;
	case SINK_FILE:
		msg_file(pri, fmt, ap);
		break;
	case SINK_SYSLOG:
		msg_syslog(pri, fmt, ap);
		break;
	}
	va_end(ap);
	errno = saved;
}

static void
daemon_close(void)
{
	if (dlog.fd != -1)
		(void)close(dlog.fd);
	free(dlog.path);
	dlog.fd = -1;
	dlog.path = NULL;
	dlog.failed = false;
	dlog.sink = SINK_STDERR;
}

static int
daemon_file(const char *filelog)
{
	int saved;

	if ((dlog.path = strdup(filelog)) == NULL)
		return -1;
	if ((dlog.fd = open(filelog, LOG_FILE_FLAGS, LOG_FILE_MODE)) == -1) {
		saved = errno;
		free(dlog.path);
		dlog.path = NULL;
		errno = saved;
		return -1;
	}
	dlog.sink = SINK_FILE;
	return 0;
}

/*
 * openlog() even when the daemon's messages go elsewhere: service lines
 * may go to syslog.  LOG_NDELAY opens the socket now, before a chroot;
 * glibc, FreeBSD and NetBSD open it with SOCK_CLOEXEC (OpenBSD has no
 * socket, it uses sendsyslog(2)), so servers do not inherit it.
 */
int
log_open(const char *ident, bool debug, const char *filelog, int facility)
{
	daemon_close();
	(void)strlcpy(dlog.ident, ident != NULL ? ident : getprogname(),
	    sizeof(dlog.ident));
	tzset();
	openlog(dlog.ident, LOG_PID | LOG_NDELAY,
	    facility < 0 ? LOG_DAEMON : facility);
	if (debug)
		return 0;
	dlog.sink = SINK_SYSLOG;
	if (filelog == NULL)
		return 0;
	return daemon_file(filelog);
}

/*
 * FILE destinations.
 */

static void
file_error(struct logfile *lf, const char *what, int error)
{
	if (lf->err_told)
		return;
	lf->err_told = true;
	if (error == 0)
		log_msg(LOG_ERR, "%s: %s: short write", lf->path, what);
	else
		log_msg(LOG_ERR, "%s: %s: %s", lf->path, what,
		    strerror(error));
}

static struct logfile *
file_find(const char *path)
{
	struct logfile *nf;
	size_t i, cap;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i].path, path) == 0)
			return &files[i];
	if (nfiles == files_cap) {
		cap = files_cap == 0 ? 8 : files_cap * 2;
		if ((nf = reallocarray(files, cap, sizeof(*nf))) == NULL)
			return NULL;
		files = nf;
		files_cap = cap;
	}
	nf = &files[nfiles];
	memset(nf, 0, sizeof(*nf));
	if ((nf->path = strdup(path)) == NULL)
		return NULL;
	nf->fd = -1;
	nfiles++;
	return nf;
}

/* Open on first use; the size comes from the file (it may be old). */
static int
file_open(struct logfile *lf)
{
	struct stat st;

	if (lf->fd != -1)
		return 0;
	if ((lf->fd = open(lf->path, LOG_FILE_FLAGS, LOG_FILE_MODE)) == -1) {
		file_error(lf, "open", errno);
		return -1;
	}
	lf->size = 0;
	if (fstat(lf->fd, &st) == 0 && S_ISREG(st.st_mode))
		lf->size = st.st_size;
	return 0;
}

/* Refuse a line that would pass the hard limit; report it once. */
static bool
file_full(struct logfile *lf, const struct xcfg_log *dst, size_t len)
{
	if (lf->hard_hit)
		return true;
	if (dst->hard <= 0 || lf->size + (off_t)len <= dst->hard)
		return false;
	lf->hard_hit = true;
	log_msg(LOG_ERR, "%s: log file reached its hard limit; no more "
	    "lines are written to it", lf->path);
	return true;
}

/* Sizes only grow, so the line that crosses the limit comes once. */
static void
file_soft(struct logfile *lf, const struct xcfg_log *dst, off_t before)
{
	if (dst->soft > 0 && before < dst->soft && lf->size >= dst->soft)
		log_msg(LOG_WARNING, "%s: log file reached its soft limit "
		    "(%lld bytes)", lf->path, dst->soft);
}

static void
file_put(const struct xcfg_log *dst, const char *buf, size_t len)
{
	struct logfile *lf;
	off_t before;
	ssize_t n;

	if ((lf = file_find(dst->path)) == NULL) {
		log_msg(LOG_ERR, "%s: %s", dst->path, strerror(errno));
		return;
	}
	if (file_open(lf) == -1 || file_full(lf, dst, len))
		return;
	if ((n = write(lf->fd, buf, len)) == -1) {
		file_error(lf, "write", errno);
		return;
	}
	before = lf->size;
	lf->size += n;
	if ((size_t)n != len)
		file_error(lf, "write", 0);
	else
		lf->err_told = false;
	file_soft(lf, dst, before);
}

/*
 * SIGHUP: FILE logs are opened again at their next line, and the
 * daemon's own file now, so that rotation needs no restart.  If the
 * file cannot be opened again, the old descriptor stays.
 */
void
log_reopen(void)
{
	size_t i;
	int fd;

	if (dlog.sink == SINK_FILE && dlog.path != NULL) {
		if ((fd = open(dlog.path, LOG_FILE_FLAGS,
		    LOG_FILE_MODE)) == -1)
			log_msg(LOG_ERR, "%s: %s", dlog.path, strerror(errno));
		else {
			/* The same number, which nothing else may take. */
			if (dup2(fd, dlog.fd) == -1 ||
			    fcntl(dlog.fd, F_SETFD, FD_CLOEXEC) == -1)
				log_msg(LOG_ERR, "%s: %s", dlog.path,
				    strerror(errno));
			(void)close(fd);
			dlog.failed = false;
		}
	}
	for (i = 0; i < nfiles; i++) {
		if (files[i].fd != -1)
			(void)close(files[i].fd);
		free(files[i].path);
	}
	nfiles = 0;
}

/*
 * Service lines.
 */

static void
service_vline(const struct xcfg_log *dst, const char *fmt, va_list ap)
{
	char buf[LOG_LINE_MAX + 1], prefix[LOG_PREFIX_MAX + 1];
	size_t len;
	int saved = errno;

	if (dst == NULL || (dst->kind == XCFG_LOG_FILE && dst->path == NULL))
		return;
	if (dst->kind == XCFG_LOG_FILE) {
		stamp(prefix, sizeof(prefix));
		len = line_vformat(buf, prefix, true, fmt, ap);
		file_put(dst, buf, len);
	} else {
		(void)line_vformat(buf, "", false, fmt, ap);
		syslog(dst->facility | dst->level, "%s", buf);
	}
	errno = saved;
}

void
log_service(const struct xcfg_log *dst, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	service_vline(dst, fmt, ap);
	va_end(ap);
}

static void
service_line(const struct xcfg_log *dst, const char *fmt, ...)
    __printflike(2, 3);

static void
service_line(const struct xcfg_log *dst, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	service_vline(dst, fmt, ap);
	va_end(ap);
}

/*
 * FAIL lines, at most LOG_FAIL_BURST per (id, reason) and window.
 */

static bool
dst_same(const struct xcfg_log *a, const struct xcfg_log *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind != XCFG_LOG_FILE)
		return a->facility == b->facility && a->level == b->level;
	if (a->path == NULL || b->path == NULL)
		return a->path == b->path;
	return strcmp(a->path, b->path) == 0 && a->soft == b->soft &&
	    a->hard == b->hard;
}

static struct failpair *
pair_find(const char *id, const char *reason)
{
	size_t i;

	for (i = 0; i < LOG_FAIL_PAIRS; i++)
		if (pairs[i].used && strcmp(pairs[i].id, id) == 0 &&
		    strcmp(pairs[i].reason, reason) == 0)
			return &pairs[i];
	return NULL;
}

/* Write the summary if lines were held back, and free the slot. */
static void
pair_end(struct failpair *p, uint64_t now)
{
	uint64_t span;

	if (p->lines > LOG_FAIL_BURST) {
		span = now - p->start_ms;
		if (now < p->start_ms || span > LOG_FAIL_WINDOW_MS)
			span = LOG_FAIL_WINDOW_MS;
		span = (span + 999) / 1000;
		service_line(&p->dst, "FAIL: %s %s repeated %lu more times "
		    "in %llu s", p->id, p->reason,
		    p->lines - LOG_FAIL_BURST,
		    (unsigned long long)(span == 0 ? 1 : span));
	}
	p->used = false;
	npairs--;
}

static bool
pair_ended(const struct failpair *p, uint64_t now)
{
	return now < p->start_ms || now - p->start_ms >= LOG_FAIL_WINDOW_MS;
}

/*
 * A slot for a new pair: a free one, or the one whose window began
 * first, summarised now.  So the table never grows, whatever comes.
 */
static struct failpair *
pair_slot(uint64_t now)
{
	struct failpair *oldest = NULL;
	size_t i;

	for (i = 0; i < LOG_FAIL_PAIRS; i++) {
		if (!pairs[i].used)
			return &pairs[i];
		if (oldest == NULL || pairs[i].start_ms < oldest->start_ms)
			oldest = &pairs[i];
	}
	pair_end(oldest, now);
	return oldest;
}

/* Copy the strings into the slot's buffer, grown only when too small. */
static int
pair_fill(struct failpair *p, const struct xcfg_log *dst, const char *id,
    const char *reason)
{
	size_t lid, lreason, lpath, need;
	char *nb;

	lid = strlen(id) + 1;
	lreason = strlen(reason) + 1;
	lpath = dst->path != NULL ? strlen(dst->path) + 1 : 0;
	need = lid + lreason + lpath;
	if (need > p->bufsize) {
		if ((nb = realloc(p->buf, need)) == NULL)
			return -1;
		p->buf = nb;
		p->bufsize = need;
	}
	p->id = memcpy(p->buf, id, lid);
	p->reason = memcpy(p->buf + lid, reason, lreason);
	p->dst = *dst;
	if (lpath != 0)
		p->dst.path = memcpy(p->buf + lid + lreason, dst->path, lpath);
	return 0;
}

static struct failpair *
pair_new(const struct xcfg_log *dst, const char *id, const char *reason,
    uint64_t now)
{
	struct failpair *p;

	p = pair_slot(now);
	if (pair_fill(p, dst, id, reason) == -1)
		return NULL;
	p->used = true;
	p->start_ms = now;
	p->lines = 0;
	npairs++;
	return p;
}

/*
 * Count the line in its pair's window; true when it is to be written.
 * A pair whose window ended, or whose destination changed (a reload),
 * is summarised and begun again.  Without memory the line is written.
 */
static bool
fail_count(const struct xcfg_log *dst, const char *id, const char *reason)
{
	struct failpair *p;
	uint64_t now = now_ms();

	p = pair_find(id, reason);
	if (p != NULL && (pair_ended(p, now) || !dst_same(&p->dst, dst))) {
		pair_end(p, now);
		p = NULL;
	}
	if (p == NULL && (p = pair_new(dst, id, reason, now)) == NULL)
		return true;
	return ++p->lines <= LOG_FAIL_BURST;
}

void
log_fail(const struct xcfg_log *dst, const char *id, const char *reason,
    const char *fmt, ...)
{
	char rest[LOG_LINE_MAX + 1];
	va_list ap;
	int saved = errno;

	if (dst == NULL || !fail_count(dst, id, reason)) {
		errno = saved;
		return;
	}
	rest[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		(void)vsnprintf(rest, sizeof(rest), fmt, ap);
		va_end(ap);
	}
	service_line(dst, "FAIL: %s %s%s%s", id, reason,
	    rest[0] != '\0' ? " " : "", rest);
	errno = saved;
}

void
log_summarise(uint64_t now)
{
	size_t i;

	for (i = 0; i < LOG_FAIL_PAIRS; i++)
		if (pairs[i].used && pair_ended(&pairs[i], now))
			pair_end(&pairs[i], now);
}

size_t
log_fail_npairs(void)
{
	return npairs;
}

static void
pairs_free(void)
{
	size_t i;

	for (i = 0; i < LOG_FAIL_PAIRS; i++) {
		free(pairs[i].buf);
		memset(&pairs[i], 0, sizeof(pairs[i]));
	}
	npairs = 0;
}

void
log_close(void)
{
	log_summarise(UINT64_MAX);
	pairs_free();
	log_reopen();
	free(files);
	files = NULL;
	files_cap = 0;
	daemon_close();
	closelog();
	dlog.ident[0] = '\0';
}
