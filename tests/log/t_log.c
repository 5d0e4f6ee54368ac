/*
 * t_log: the daemon's messages, service lines to FILE destinations with
 * their limits, and the rate limit on identical FAIL lines.  The clocks
 * are replaced, so nothing sleeps; syslog is not observed.
 */

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <atf-c.h>

#include "log.h"

#define T_2026_11_22_05_45_03	((time_t)1795326303)	/* UTC */
#define T_2027_01_05_04_03_02	((time_t)1799121782)
#define DLOG			"daemon.log"
#define MAXFD			1024
#define STAMP_RE		"^[0-9]{2}/[0-9]{1,2}/[0-9]{1,2}@" \
				"[0-9]{2}:[0-9]{2}:[0-9]{2}: "

static uint64_t	fake_ms;
static time_t	fake_wall;

static uint64_t
clock_mono(void)
{
	return fake_ms;
}

static time_t
clock_wall(void)
{
	return fake_wall;
}

/*
 * A directory of the case's own (kyua's TMPDIR is its work directory),
 * UTC, fake clocks, and the daemon's messages in DLOG.
 */
static void
setup(void)
{
	char dir[PATH_MAX];
	const char *tmp;

	if ((tmp = getenv("TMPDIR")) == NULL)
		tmp = "/tmp";
	(void)snprintf(dir, sizeof(dir), "%s/t_log.XXXXXX", tmp);
	ATF_REQUIRE_MSG(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	ATF_REQUIRE(chdir(dir) == 0);
	ATF_REQUIRE(setenv("TZ", "UTC0", 1) == 0);
	tzset();
	fake_ms = 100000;
	fake_wall = T_2026_11_22_05_45_03;
	log_set_clocks(clock_mono, clock_wall);
	ATF_REQUIRE_MSG(log_open("t_log", false, DLOG, LOG_DAEMON) == 0,
	    "log_open: %s", strerror(errno));
}

static void
file_dst(struct xcfg_log *d, char *path, long long soft, long long hard)
{
	memset(d, 0, sizeof(*d));
	d->kind = XCFG_LOG_FILE;
	d->path = path;
	d->soft = soft;
	d->hard = hard;
}

/* The whole file, NUL-terminated; "" when there is no file. */
static char *
slurp(const char *path)
{
	struct stat st;
	char *s;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		ATF_REQUIRE_EQ_MSG(errno, ENOENT, "%s: %s", path,
		    strerror(errno));
		ATF_REQUIRE((s = strdup("")) != NULL);
		return s;
	}
	ATF_REQUIRE(fstat(fd, &st) == 0);
	ATF_REQUIRE((s = malloc((size_t)st.st_size + 1)) != NULL);
	n = read(fd, s, (size_t)st.st_size);
	ATF_REQUIRE_EQ(n, (ssize_t)st.st_size);
	s[n] = '\0';
	(void)close(fd);
	return s;
}

static size_t
count(const char *path, const char *needle)
{
	char *s, *p;
	size_t n = 0;

	s = slurp(path);
	for (p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	free(s);
	return n;
}

static size_t
nlines(const char *path)
{
	return count(path, "\n");
}

/* How many lines of the file match the extended regular expression. */
static size_t
count_re(const char *path, const char *re)
{
	regex_t rx;
	char *s, *line, *next;
	size_t n = 0;

	ATF_REQUIRE(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) == 0);
	s = slurp(path);
	for (line = s; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) == NULL)
			next = line + strlen(line);
		else
			*next++ = '\0';
		if (regexec(&rx, line, 0, NULL, 0) == 0)
			n++;
	}
	free(s);
	regfree(&rx);
	return n;
}

/* The last line, without its prefix and newline, into buf. */
static void
last_text(const char *path, char *buf, size_t size)
{
	char *s, *end, *line;

	s = slurp(path);
	end = s + strlen(s);
	ATF_REQUIRE_MSG(end > s && end[-1] == '\n', "%s: no whole line",
	    path);
	*--end = '\0';
	line = (line = strrchr(s, '\n')) != NULL ? line + 1 : s;
	if ((line = strstr(line, ": ")) != NULL)
		line += 2;
	else
		line = end;
	(void)strlcpy(buf, line, size);
	free(s);
}

static off_t
file_size(const char *path)
{
	struct stat st;

	if (stat(path, &st) == -1)
		return 0;
	return st.st_size;
}

static void
fds_open(bool open[MAXFD])
{
	int fd;

	for (fd = 0; fd < MAXFD; fd++)
		open[fd] = fcntl(fd, F_GETFD) != -1;
}

/* Descriptors open now that were not in before; all close-on-exec. */
static int
fds_new(const bool before[MAXFD])
{
	int fd, fl, n = 0;

	for (fd = 0; fd < MAXFD; fd++) {
		if (before[fd] || (fl = fcntl(fd, F_GETFD)) == -1)
			continue;
		ATF_CHECK_MSG(fl & FD_CLOEXEC, "fd %d is not close-on-exec",
		    fd);
		n++;
	}
	return n;
}

ATF_TC_WITHOUT_HEAD(file_line_format);
ATF_TC_BODY(file_line_format, tc)
{
	struct xcfg_log d;
	char path[] = "svc.log";
	char *s;

	(void)tc;
	setup();
	file_dst(&d, path, 0, 0);
	log_service(&d, "START: %s pid=%d from=%s", "echo", 12, "127.0.0.1");
	fake_wall = T_2027_01_05_04_03_02;
	log_service(&d, "EXIT: %s status=%d pid=%d duration=%d(sec)", "echo",
	    0, 12, 3);
	s = slurp(path);
	ATF_CHECK_STREQ(s,
	    "26/11/22@05:45:03: START: echo pid=12 from=127.0.0.1\n"
	    "27/1/5@04:03:02: EXIT: echo status=0 pid=12 duration=3(sec)\n");
	free(s);
	/* The system's clock, in the same shape. */
	log_set_clocks(clock_mono, NULL);
	log_service(&d, "TRAFFIC: %s in=%d(bytes) out=%d(bytes)", "echo", 5,
	    5);
	ATF_CHECK_EQ(count_re(path, STAMP_RE
	    "TRAFFIC: echo in=5\\(bytes\\) out=5\\(bytes\\)$"), 1);
	ATF_CHECK_EQ(nlines(path), 3);
	ATF_CHECK_EQ(nlines(DLOG), 0);
}

ATF_TC_WITHOUT_HEAD(daemon_filelog);
ATF_TC_BODY(daemon_filelog, tc)
{
	struct stat st;
	bool before[MAXFD];
	char *s;

	(void)tc;
	setup();
	log_close();
	(void)umask(022);
	fds_open(before);
	ATF_REQUIRE(log_open("xinetd", false, "own.log", LOG_DAEMON) == 0);
	ATF_CHECK(fds_new(before) >= 1);
	errno = EPERM;
	log_msg(LOG_ERR, "reading %s: %d problems", "/etc/xinetd.conf", 2);
	ATF_CHECK_EQ(errno, EPERM);
	s = slurp("own.log");
	ATF_CHECK_STREQ(s, "26/11/22@05:45:03: reading /etc/xinetd.conf: "
	    "2 problems\n");
	free(s);
	ATF_REQUIRE(stat("own.log", &st) == 0);
	ATF_CHECK_EQ(st.st_mode & 07777, 0640);
	/* Appended to, never truncated. */
	log_close();
	ATF_REQUIRE(log_open("xinetd", false, "own.log", -1) == 0);
	log_msg(LOG_INFO, "again");
	ATF_CHECK_EQ(nlines("own.log"), 2);
	/* A file that cannot be opened is an error the caller sees. */
	errno = 0;
	ATF_CHECK_EQ(log_open("xinetd", false, "no/such/dir.log", -1), -1);
	ATF_CHECK_EQ(errno, ENOENT);
}

/* What log_msg writes to fd 2 while fn runs. */
static char *
capture_stderr(void (*fn)(void))
{
	int saved, fd;

	ATF_REQUIRE((saved = dup(STDERR_FILENO)) != -1);
	ATF_REQUIRE((fd = open("stderr.txt", O_WRONLY | O_CREAT | O_TRUNC,
	    0644)) != -1);
	ATF_REQUIRE(dup2(fd, STDERR_FILENO) == STDERR_FILENO);
	fn();
	ATF_REQUIRE(dup2(saved, STDERR_FILENO) == STDERR_FILENO);
	(void)close(fd);
	(void)close(saved);
	return slurp("stderr.txt");
}

static void
say_before_open(void)
{
	log_msg(LOG_ERR, "early %d", 1);
}

static void
say_debug(void)
{
	log_msg(LOG_DEBUG, "listening on %s", "127.0.0.1:7");
}

ATF_TC_WITHOUT_HEAD(daemon_stderr);
ATF_TC_BODY(daemon_stderr, tc)
{
	char *s;

	(void)tc;
	setup();
	log_close();
	s = capture_stderr(say_before_open);
	ATF_CHECK_STREQ(s, "t_log: early 1\n");
	free(s);
	/* debug wins over filelog */
	ATF_REQUIRE(log_open("xinetd", true, "unused.log", LOG_DAEMON) == 0);
	s = capture_stderr(say_debug);
	ATF_CHECK_STREQ(s, "xinetd: listening on 127.0.0.1:7\n");
	free(s);
	ATF_CHECK_EQ(access("unused.log", F_OK), -1);
}

ATF_TC_WITHOUT_HEAD(shared_file);
ATF_TC_BODY(shared_file, tc)
{
	struct xcfg_log d[100], other;
	char paths[100][16], opath[] = "other.log";
	bool before[MAXFD];
	char want[64];
	int i;

	(void)tc;
	setup();
	fds_open(before);
	for (i = 0; i < 100; i++) {
		(void)strlcpy(paths[i], "all.log", sizeof(paths[i]));
		file_dst(&d[i], paths[i], 0, 0);
		log_service(&d[i], "START: svc%d pid=%d", i, 1000 + i);
	}
	ATF_CHECK_EQ_MSG(fds_new(before), 1, "one descriptor per path");
	file_dst(&other, opath, 0, 0);
	log_service(&other, "START: lone pid=1");
	ATF_CHECK_EQ(fds_new(before), 2);
	ATF_CHECK_EQ(nlines("all.log"), 100);
	ATF_CHECK_EQ(nlines(opath), 1);
	for (i = 0; i < 100; i++) {
		(void)snprintf(want, sizeof(want), "START: svc%d pid=%d\n", i,
		    1000 + i);
		ATF_CHECK_EQ_MSG(count("all.log", want), 1, "%s", want);
	}
	last_text("all.log", want, sizeof(want));
	ATF_CHECK_STREQ(want, "START: svc99 pid=1099");
}

/* Each line: 19 bytes of prefix, 30 of text, a newline: 50 bytes. */
static void
put50(const struct xcfg_log *d, int i)
{
	log_service(d, "START: sv pid=%05d from=1.2.3", i);
}

ATF_TC_WITHOUT_HEAD(soft_limit_once);
ATF_TC_BODY(soft_limit_once, tc)
{
	struct xcfg_log d;
	char path[] = "soft.log";
	int i;

	(void)tc;
	setup();
	file_dst(&d, path, 120, 0);
	put50(&d, 0);
	ATF_REQUIRE_EQ(file_size(path), 50);
	put50(&d, 1);
	ATF_CHECK_EQ(count(DLOG, "soft limit"), 0);
	put50(&d, 2);		/* 150: crossed */
	ATF_CHECK_EQ(count(DLOG, "soft.log: log file reached its soft limit "
	    "(120 bytes)\n"), 1);
	for (i = 3; i < 10; i++)
		put50(&d, i);
	ATF_CHECK_EQ(count(DLOG, "soft limit"), 1);
	ATF_CHECK_EQ(nlines(DLOG), 1);
	ATF_CHECK_EQ(nlines(path), 10);
	ATF_CHECK_EQ(count_re(DLOG, STAMP_RE "soft\\.log: "), 1);
}

ATF_TC_WITHOUT_HEAD(hard_limit);
ATF_TC_BODY(hard_limit, tc)
{
	struct xcfg_log d;
	char path[] = "hard.log";
	int i;

	(void)tc;
	setup();
	file_dst(&d, path, 100, 330);
	for (i = 0; i < 50; i++) {
		put50(&d, i);
		ATF_REQUIRE_MSG(file_size(path) <= 330, "size %lld after %d",
		    (long long)file_size(path), i);
	}
	ATF_CHECK_EQ(file_size(path), 300);
	ATF_CHECK_EQ(nlines(path), 6);
	/* A line that would still fit is not taken either. */
	log_service(&d, "x");
	ATF_CHECK_EQ(file_size(path), 300);
	ATF_CHECK_EQ(count(DLOG, "hard.log: log file reached its hard "
	    "limit; no more lines are written to it\n"), 1);
	ATF_CHECK_EQ(count(DLOG, "soft limit (100 bytes)"), 1);
	ATF_CHECK_EQ(nlines(DLOG), 2);
}

/* The size of a file already there counts: a restart cannot reset it. */
ATF_TC_WITHOUT_HEAD(size_from_file);
ATF_TC_BODY(size_from_file, tc)
{
	struct xcfg_log d;
	char path[] = "old.log";
	char old[280];
	int fd;

	(void)tc;
	setup();
	memset(old, 'o', sizeof(old));
	ATF_REQUIRE((fd = open(path, O_WRONLY | O_CREAT, 0644)) != -1);
	ATF_REQUIRE(write(fd, old, sizeof(old)) == (ssize_t)sizeof(old));
	(void)close(fd);
	file_dst(&d, path, 200, 300);
	put50(&d, 1);
	ATF_CHECK_EQ(file_size(path), 280);
	ATF_CHECK_EQ(count(DLOG, "hard limit"), 1);
	/* Past the soft limit before we came: not reported as crossed. */
	ATF_CHECK_EQ(count(DLOG, "soft limit"), 0);
	/* A reopen looks again, and the first refusal is told again. */
	ATF_REQUIRE(truncate(path, 0) == 0);
	log_reopen();
	put50(&d, 2);
	ATF_CHECK_EQ(file_size(path), 50);
	ATF_CHECK_EQ(count(DLOG, "hard limit"), 1);
}

ATF_TC_WITHOUT_HEAD(bad_destinations);
ATF_TC_BODY(bad_destinations, tc)
{
	struct xcfg_log nodir, isdir, full, good;
	char pnodir[] = "no/such/dir.log", pisdir[] = ".";
	char pfull[] = "/dev/full", pgood[] = "good.log";
	int i;

	(void)tc;
	setup();
	file_dst(&nodir, pnodir, 0, 0);
	file_dst(&isdir, pisdir, 0, 0);
	file_dst(&full, pfull, 100, 200);
	file_dst(&good, pgood, 0, 0);
	for (i = 0; i < 5; i++) {
		errno = EPERM;
		log_service(&nodir, "START: a pid=%d", i);
		ATF_CHECK_EQ_MSG(errno, EPERM, "errno is the caller's");
		log_service(&isdir, "START: b pid=%d", i);
		if (access(pfull, W_OK) == 0)
			log_service(&full, "START: c pid=%d", i);
		log_fail(&nodir, "a", "address", "from=10.0.0.%d", i);
		log_service(&good, "START: d pid=%d", i);
	}
	ATF_CHECK_EQ(nlines(pgood), 5);
	ATF_CHECK_EQ(count(DLOG, "no/such/dir.log: open: "), 1);
	ATF_CHECK_EQ(count(DLOG, ".: open: "), 1);
	if (access(pfull, W_OK) == 0)
		ATF_CHECK_EQ(count(DLOG, "/dev/full: write: "), 1);
	ATF_CHECK_EQ(count(DLOG, "limit"), 0);
	/* Once it can be opened, it is written to. */
	ATF_REQUIRE(mkdir("no", 0755) == 0);
	ATF_REQUIRE(mkdir("no/such", 0755) == 0);
	log_service(&nodir, "START: a pid=9");
	ATF_CHECK_EQ(nlines(pnodir), 1);
	ATF_CHECK_EQ(count(DLOG, "no/such/dir.log: open: "), 1);
}

ATF_TC_WITHOUT_HEAD(reopen_after_rename);
ATF_TC_BODY(reopen_after_rename, tc)
{
	struct xcfg_log d;
	char path[] = "rot.log";
	bool before[MAXFD];
	char *s;

	(void)tc;
	setup();
	fds_open(before);
	file_dst(&d, path, 0, 0);
	log_service(&d, "line 1");
	ATF_REQUIRE(rename(path, "rot.log.1") == 0);
	log_service(&d, "line 2");	/* the open file, now rot.log.1 */
	ATF_CHECK_EQ(access(path, F_OK), -1);
	log_reopen();
	ATF_CHECK_EQ_MSG(fds_new(before), 0, "log_reopen closes");
	log_service(&d, "line 3");
	ATF_CHECK_EQ(fds_new(before), 1);
	s = slurp(path);
	ATF_CHECK_STREQ(s, "26/11/22@05:45:03: line 3\n");
	free(s);
	s = slurp("rot.log.1");
	ATF_CHECK_STREQ(s, "26/11/22@05:45:03: line 1\n"
	    "26/11/22@05:45:03: line 2\n");
	free(s);
}

/* The daemon's own file too: a rotated -filelog is left on SIGHUP. */
ATF_TC_WITHOUT_HEAD(reopen_daemon_file);
ATF_TC_BODY(reopen_daemon_file, tc)
{
	bool before[MAXFD];

	(void)tc;
	setup();
	ATF_REQUIRE(log_open("xinetd", false, "own.log", LOG_DAEMON) == 0);
	fds_open(before);
	log_msg(LOG_INFO, "before");
	ATF_REQUIRE(rename("own.log", "own.log.1") == 0);
	log_reopen();
	log_msg(LOG_INFO, "after");
	ATF_CHECK_EQ(fds_new(before), 0);
	ATF_CHECK_EQ(count("own.log.1", "before"), 1);
	ATF_CHECK_EQ(count("own.log.1", "after"), 0);
	ATF_CHECK_EQ(count("own.log", "after"), 1);
}

static void
fail_n(const struct xcfg_log *d, const char *id, const char *reason, int n)
{
	int i;

	for (i = 0; i < n; i++)
		log_fail(d, id, reason, "from=10.0.0.%d", i % 250);
}

#define FAIL2BAN_RE	"FAIL: [^ ]+ address from=[0-9.]+$"

ATF_TC_WITHOUT_HEAD(fail_burst);
ATF_TC_BODY(fail_burst, tc)
{
	struct xcfg_log d;
	char path[] = "fail.log";
	char text[128];

	(void)tc;
	setup();
	file_dst(&d, path, 0, 0);
	fake_ms = 5000;
	fail_n(&d, "echo", "address", 50);
	fail_n(&d, "echo", "libwrap", 3);
	fail_n(&d, "echo", "time", LOG_FAIL_BURST);	/* none held back */
	ATF_CHECK_EQ(count_re(path, FAIL2BAN_RE), LOG_FAIL_BURST);
	ATF_CHECK_EQ(count(path, "FAIL: echo libwrap from="), 3);
	ATF_CHECK_EQ(count(path, "FAIL: echo time from="), LOG_FAIL_BURST);
	fake_ms = 5999;
	fail_n(&d, "echo", "address", 10);	/* same window */
	log_summarise(5999);
	ATF_CHECK_EQ(nlines(path), 2 * LOG_FAIL_BURST + 3);
	log_summarise(6000);
	ATF_CHECK_EQ(nlines(path), 2 * LOG_FAIL_BURST + 4);
	last_text(path, text, sizeof(text));
	ATF_CHECK_STREQ(text, "FAIL: echo address repeated 40 more times "
	    "in 1 s");
	ATF_CHECK_EQ(count(path, "address from=10.0.0.9\n"), 1);
	log_summarise(9000);		/* forgotten: no second one */
	ATF_CHECK_EQ(count(path, "repeated"), 1);
	ATF_CHECK_EQ(log_fail_npairs(), 0);

	/* A new window: a full burst again; the summary comes first. */
	fake_ms = 10000;
	fail_n(&d, "echo", "address", 25);
	fake_ms = 11000;
	log_fail(&d, "echo", "address", "from=%s", "192.0.2.1");
	last_text(path, text, sizeof(text));
	ATF_CHECK_STREQ(text, "FAIL: echo address from=192.0.2.1");
	ATF_CHECK_EQ(count(path, "FAIL: echo address repeated 5 more times "
	    "in 1 s\n"), 1);
	ATF_CHECK_EQ(count_re(path, FAIL2BAN_RE), 2 * LOG_FAIL_BURST + 1);
	ATF_CHECK_EQ(count_re(path, "repeated.*from="), 0);
	ATF_CHECK_EQ(count(path, "repeated"), 2);
	ATF_CHECK_EQ(nlines(DLOG), 0);
}

ATF_TC_WITHOUT_HEAD(fail_rest);
ATF_TC_BODY(fail_rest, tc)
{
	struct xcfg_log d;
	char path[] = "rest.log";
	char *s;

	(void)tc;
	setup();
	file_dst(&d, path, 0, 0);
	log_fail(&d, "echo", "time", NULL);
	log_fail(&d, "echo", "load", "%s", "");
	log_fail(&d, "tftp", "connections per second", "from=%s",
	    "10.1.2.3");
	s = slurp(path);
	ATF_CHECK_STREQ(s, "26/11/22@05:45:03: FAIL: echo time\n"
	    "26/11/22@05:45:03: FAIL: echo load\n"
	    "26/11/22@05:45:03: FAIL: tftp connections per second "
	    "from=10.1.2.3\n");
	free(s);
}

/*
 * The summary goes where the held-back lines would have gone, even when
 * the configuration that named the place is gone (a reload).
 */
ATF_TC_WITHOUT_HEAD(fail_summary_destination);
ATF_TC_BODY(fail_summary_destination, tc)
{
	struct xcfg_log *a, b, c, sys;
	char pb[] = "b.log", pc[] = "c.log";

	(void)tc;
	setup();
	ATF_REQUIRE((a = calloc(1, sizeof(*a))) != NULL);
	ATF_REQUIRE((a->path = strdup("a.log")) != NULL);
	a->kind = XCFG_LOG_FILE;
	file_dst(&b, pb, 0, 0);
	file_dst(&c, pc, 0, 0);
	memset(&sys, 0, sizeof(sys));
	sys.kind = XCFG_LOG_SYSLOG;
	sys.facility = LOG_DAEMON;
	sys.level = LOG_INFO;
	fake_ms = 1000;
	fail_n(a, "ftp", "address", 30);
	fail_n(&b, "telnet", "address", 22);
	fail_n(&sys, "rsh", "address", 40);
	a->path[0] = 'x';	/* the configuration goes away */
	free(a->path);
	free(a);
	ATF_CHECK_EQ(log_fail_npairs(), 3);
	log_summarise(2000);
	ATF_CHECK_EQ(log_fail_npairs(), 0);
	ATF_CHECK_EQ(count("a.log", "FAIL: ftp address repeated 10 more "
	    "times in 1 s\n"), 1);
	ATF_CHECK_EQ(count("a.log", "repeated"), 1);
	ATF_CHECK_EQ(count(pb, "FAIL: telnet address repeated 2 more times "
	    "in 1 s\n"), 1);
	ATF_CHECK_EQ(count(pb, "repeated"), 1);
	ATF_CHECK_EQ(access("x.log", F_OK), -1);

	/* The destination changes within a window: each gets its share. */
	fake_ms = 3000;
	fail_n(&b, "telnet", "address", 25);
	fail_n(&c, "telnet", "address", 2);
	ATF_CHECK_EQ(count(pb, "repeated 5 more times"), 1);
	ATF_CHECK_EQ(count_re(pc, FAIL2BAN_RE), 2);
	ATF_CHECK_EQ(count(pc, "repeated"), 0);
	ATF_CHECK_EQ(nlines(DLOG), 0);
}

ATF_TC_WITHOUT_HEAD(fail_pairs_bounded);
ATF_TC_BODY(fail_pairs_bounded, tc)
{
	struct xcfg_log d, e;
	char path[] = "many.log", epath[] = "evict.log";
	char id[32];
	size_t most = 0;
	int i, j;

	(void)tc;
	setup();
	file_dst(&d, path, 0, 0);
	fake_ms = 1000;
	for (i = 0; i < 10000; i++) {
		(void)snprintf(id, sizeof(id), "svc%d", i);
		log_fail(&d, id, "address", "from=10.0.0.1");
		if (log_fail_npairs() > most)
			most = log_fail_npairs();
	}
	ATF_CHECK_EQ(most, LOG_FAIL_PAIRS);
	ATF_CHECK_EQ(nlines(path), 10000);
	ATF_CHECK_EQ(count(path, "repeated"), 0);
	log_summarise(2000);
	ATF_CHECK_EQ(log_fail_npairs(), 0);

	/* Evicted while held back: summarised, not lost. */
	file_dst(&e, epath, 0, 0);
	fake_ms = 3000;
	for (i = 0; i < 1000; i++) {
		(void)snprintf(id, sizeof(id), "svc%d", i);
		for (j = 0; j < LOG_FAIL_BURST + 1 + i % 3; j++)
			log_fail(&e, id, "address", "from=10.0.0.1");
		ATF_REQUIRE(log_fail_npairs() <= LOG_FAIL_PAIRS);
	}
	log_summarise(4000);
	ATF_CHECK_EQ(count_re(epath, FAIL2BAN_RE), 1000 * LOG_FAIL_BURST);
	ATF_CHECK_EQ(count(epath, "repeated 1 more times"), 334);
	ATF_CHECK_EQ(count(epath, "repeated 2 more times"), 333);
	ATF_CHECK_EQ(count(epath, "repeated 3 more times"), 333);
	ATF_CHECK_EQ(count(epath, "FAIL: svc999 address repeated 1 more"),
	    1);
	ATF_CHECK_EQ(nlines(epath), 1000 * (LOG_FAIL_BURST + 1));
}

/* A full table makes room by ending the window that began first. */
ATF_TC_WITHOUT_HEAD(fail_evicts_oldest);
ATF_TC_BODY(fail_evicts_oldest, tc)
{
	struct xcfg_log d;
	char path[] = "old.log";
	char id[32];
	int i;

	(void)tc;
	setup();
	file_dst(&d, path, 0, 0);
	fake_ms = 1000;
	fail_n(&d, "a", "address", 1);
	fail_n(&d, "old", "address", LOG_FAIL_BURST + 5);
	fake_ms = 2000;
	fail_n(&d, "a", "address", 1);		/* a new window for "a" */
	for (i = 0; i < LOG_FAIL_PAIRS - 2; i++) {
		(void)snprintf(id, sizeof(id), "svc%d", i);
		fail_n(&d, id, "address", 1);
	}
	ATF_CHECK_EQ(log_fail_npairs(), LOG_FAIL_PAIRS);
	ATF_CHECK_EQ(count(path, "repeated"), 0);
	fail_n(&d, "new", "address", 1);
	ATF_CHECK_EQ(log_fail_npairs(), LOG_FAIL_PAIRS);
	ATF_CHECK_EQ(count(path, "FAIL: old address repeated 5 more times "
	    "in 1 s\n"), 1);
	log_summarise(3000);
	ATF_CHECK_EQ(log_fail_npairs(), 0);
	ATF_CHECK_EQ(count(path, "repeated"), 1);
}

ATF_TC_WITHOUT_HEAD(line_bounded);
ATF_TC_BODY(line_bounded, tc)
{
	struct xcfg_log d, sys;
	char path[] = "long.log";
	char *big, *s;
	size_t len;

	(void)tc;
	setup();
	ATF_REQUIRE((big = malloc(10001)) != NULL);
	memset(big, 'x', 10000);
	big[10000] = '\0';
	file_dst(&d, path, 0, 0);
	log_service(&d, "USERID: echo %s", big);
	s = slurp(path);
	len = strlen(s);
	ATF_CHECK_EQ(len, LOG_LINE_MAX);
	ATF_CHECK(len > 4 && strcmp(s + len - 5, "x...\n") == 0);
	ATF_CHECK_EQ(nlines(path), 1);
	free(s);
	/* Exactly as long as fits: not cut. */
	ATF_REQUIRE(truncate(path, 0) == 0);
	big[LOG_LINE_MAX - 19 - 1] = '\0';
	log_service(&d, "%s", big);
	ATF_CHECK_EQ(file_size(path), LOG_LINE_MAX);
	ATF_CHECK_EQ(count(path, "..."), 0);
	big[LOG_LINE_MAX - 19 - 1] = 'x';
	/* An id as long, in FAIL lines and their summary. */
	ATF_REQUIRE(truncate(path, 0) == 0);
	fail_n(&d, big, "address", LOG_FAIL_BURST + 1);
	log_summarise(fake_ms + LOG_FAIL_WINDOW_MS);
	ATF_CHECK_EQ(nlines(path), LOG_FAIL_BURST + 1);
	ATF_CHECK_EQ(file_size(path), (LOG_FAIL_BURST + 1) * LOG_LINE_MAX);
	/* syslog gets the same bound; it must not crash. */
	memset(&sys, 0, sizeof(sys));
	sys.kind = XCFG_LOG_SYSLOG;
	sys.facility = LOG_DAEMON;
	sys.level = LOG_INFO;
	log_service(&sys, "USERID: echo %s", big);
	log_msg(LOG_ERR, "%s", big);
	ATF_CHECK_EQ(file_size(DLOG), LOG_LINE_MAX);
	free(big);
}

/* Text from a peer cannot forge a line, e.g. for fail2ban. */
ATF_TC_WITHOUT_HEAD(control_characters);
ATF_TC_BODY(control_characters, tc)
{
	struct xcfg_log d;
	char path[] = "ctl.log";
	char *s;

	(void)tc;
	setup();
	file_dst(&d, path, 0, 0);
	log_service(&d, "USERID: echo %s",
	    "root\nFAIL: echo address from=192.0.2.7\r\x1b[2J\x7f");
	s = slurp(path);
	ATF_CHECK_STREQ(s, "26/11/22@05:45:03: USERID: echo "
	    "root?FAIL: echo address from=192.0.2.7??[2J?\n");
	free(s);
	ATF_CHECK_EQ(count_re(path, FAIL2BAN_RE), 0);
	log_msg(LOG_ERR, "bad\nline");
	ATF_CHECK_EQ(count(DLOG, "bad?line\n"), 1);
}

/* Servers inherit none of the log descriptors. */
ATF_TC_WITHOUT_HEAD(close_on_exec);
ATF_TC_BODY(close_on_exec, tc)
{
	struct xcfg_log d;
	char path[] = "cx.log";
	bool before[MAXFD];

	(void)tc;
	setup();
	log_close();
	fds_open(before);
	ATF_REQUIRE(log_open("xinetd", false, NULL, LOG_DAEMON) == 0);
	file_dst(&d, path, 0, 0);
	log_service(&d, "START: x");
	ATF_CHECK(fds_new(before) >= 1);
	log_close();
	ATF_REQUIRE(log_open("xinetd", false, DLOG, LOG_DAEMON) == 0);
	ATF_CHECK(fds_new(before) >= 1);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, file_line_format);
	ATF_TP_ADD_TC(tp, daemon_filelog);
	ATF_TP_ADD_TC(tp, daemon_stderr);
	ATF_TP_ADD_TC(tp, shared_file);
	ATF_TP_ADD_TC(tp, soft_limit_once);
	ATF_TP_ADD_TC(tp, hard_limit);
	ATF_TP_ADD_TC(tp, size_from_file);
	ATF_TP_ADD_TC(tp, bad_destinations);
	ATF_TP_ADD_TC(tp, reopen_after_rename);
	ATF_TP_ADD_TC(tp, reopen_daemon_file);
	ATF_TP_ADD_TC(tp, fail_burst);
	ATF_TP_ADD_TC(tp, fail_rest);
	ATF_TP_ADD_TC(tp, fail_summary_destination);
	ATF_TP_ADD_TC(tp, fail_pairs_bounded);
	ATF_TP_ADD_TC(tp, fail_evicts_oldest);
	ATF_TP_ADD_TC(tp, line_bounded);
	ATF_TP_ADD_TC(tp, control_characters);
	ATF_TP_ADD_TC(tp, close_on_exec);
	return atf_no_error();
}
