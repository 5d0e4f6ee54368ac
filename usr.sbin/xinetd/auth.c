/*
 * auth: the ident service of RFC 1413, built in as FreeBSD's inetd has
 * it, with the same options in server_args (or the inetd.conf
 * arguments):
 *
 *	-r	 answer for real: name the owner of the connection asked
 *		 about; without it, every question gets HIDDEN-USER, or
 *		 the -d name
 *	-d name	 the name to give when there is no real answer
 *	-g	 a random name for every answer
 *	-i	 the owner's uid instead of the name
 *	-n	 HIDDEN-USER for owners with a ~/.noident
 *	-f, -F	 the name in the owner's ~/.fakeid instead; with -f, not
 *		 when it names another user
 *	-o os	 the system name in the answer (default: uname's)
 *	-t s[.u] how long to wait for the question (default 10 s)
 *
 * It runs in a process of its own, since naming the owner may wait on
 * the password database and on home directories.  The question is
 * "port-here , port-there": the connection asked about runs from this
 * host's port-here, on the address the asker reached, to port-there
 * on the asker's address.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"

#define AUTH_TIMEOUT_MS		10000
#define AUTH_REQUEST_MAX	1000	/* RFC 1413: a line is at most that */
#define AUTH_NAME_MAX		64
#define AUTH_OS_MAX		64
#define AUTH_LOOKUP_MAX_S	30	/* for the owner, past the question */

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL	0
#endif

struct auth_opts {
	bool		 real;		/* -r */
	bool		 random;	/* -g */
	bool		 numeric;	/* -i */
	bool		 noident;	/* -n */
	bool		 fakeid;	/* -f or -F */
	bool		 fake_any;	/* -F */
	const char	*fallback;	/* -d */
	const char	*os;		/* -o */
	int		 timeout_ms;	/* -t */
};

static void
auth_defaults(struct auth_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout_ms = AUTH_TIMEOUT_MS;
}

/* "s" or "s.u", as seconds and microseconds. */
static int
auth_timeout(const char *text)
{
	char *end;
	long s, us = 0;

	errno = 0;
	s = strtol(text, &end, 10);
	if (end == text || s < 0 || s > 3600 || errno != 0)
		return -1;
	if (*end == '.') {
		text = end + 1;
		us = strtol(text, &end, 10);
		if (end == text || us < 0 || us > 999999)
			return -1;
	}
	if (*end != '\0' || (s == 0 && us < 1000))
		return -1;
	return (int)(s * 1000 + us / 1000);
}

/*
 * The options of the service, from argv[1] on: 0, or -1 with why
 * set to the first that is wrong.
 */
static int
auth_parse(const struct xcfg_service *cfg, struct auth_opts *o,
    const char **why)
{
	const char *arg;
	size_t i, j;

	auth_defaults(o);
	for (i = 1; i < cfg->argv.n; i++) {
		arg = cfg->argv.v[i];
		if (arg[0] != '-' || arg[1] == '\0') {
			*why = "arguments are options only";
			return -1;
		}
		for (j = 1; arg[j] != '\0'; j++) {
			switch (arg[j]) {
			case 'r': o->real = true; continue;
			case 'g': o->random = true; continue;
			case 'i': o->numeric = true; continue;
			case 'n': o->noident = true; continue;
			case 'f': o->fakeid = true; continue;
			case 'F': o->fakeid = o->fake_any = true; continue;
			case 'd': case 'o': case 't':
				break;
			default:
				*why = "unknown option";
				return -1;
			}
			/* An option with a value: the rest, or the next. */
			if (arg[j + 1] == '\0' && ++i == cfg->argv.n) {
				*why = "option without its value";
				return -1;
			}
			switch (arg[j]) {
			case 'd':
				o->fallback = arg[j + 1] != '\0' ?
				    arg + j + 1 : cfg->argv.v[i];
				break;
			case 'o':
				o->os = arg[j + 1] != '\0' ?
				    arg + j + 1 : cfg->argv.v[i];
				break;
			default:
				o->timeout_ms = auth_timeout(arg[j + 1] !=
				    '\0' ? arg + j + 1 : cfg->argv.v[i]);
				if (o->timeout_ms == -1) {
					*why = "bad -t time";
					return -1;
				}
			}
			break;
		}
	}
	if ((o->fallback != NULL && (strlen(o->fallback) >= AUTH_NAME_MAX ||
	    strpbrk(o->fallback, ":\r\n") != NULL)) ||
	    (o->os != NULL && (strlen(o->os) >= AUTH_OS_MAX ||
	    strpbrk(o->os, ":,\r\n") != NULL))) {
		*why = "a name too long or with : , or a line end";
		return -1;
	}
	return 0;
}

/*
 * At load: say what is wrong with the options, which are then ignored,
 * and that auth never asks who its own clients are: the question would
 * come back to it.
 */
void
auth_check(const struct xcfg_service *cfg)
{
	struct auth_opts o;
	const char *why;

	if (auth_parse(cfg, &o, &why) == -1)
		log_msg(LOG_ERR, "%s: auth: %s; the service answers as "
		    "with no options", cfg->id, why);
	if ((cfg->flags & XCFG_FLAG_IDONLY) ||
	    ((cfg->log_on_success | cfg->log_on_failure) & XCFG_LOG_USERID))
		log_msg(LOG_WARNING, "%s: auth: IDONLY and USERID do not "
		    "apply: its clients' identity is never asked", cfg->id);
}

/* The question: both ports, 1 to 65535, or false. */
static bool
auth_question(const char *line, unsigned *here, unsigned *there)
{
	unsigned long v[2];
	const char *p = line;
	char *end;
	int i;

	for (i = 0; i < 2; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!isdigit((unsigned char)*p))
			return false;
		errno = 0;
		v[i] = strtoul(p, &end, 10);
		if (errno != 0 || v[i] == 0 || v[i] > 65535)
			return false;
		p = end;
		while (*p == ' ' || *p == '\t')
			p++;
		if (i == 0 && *p++ != ',')
			return false;
	}
	if (*p != '\r' && *p != '\n' && *p != '\0')
		return false;
	*here = (unsigned)v[0];
	*there = (unsigned)v[1];
	return true;
}

/* Read the question line within the time allowed: its length, or -1. */
static ssize_t
auth_read(int fd, char *buf, size_t size, int timeout_ms)
{
	uint64_t deadline = event_now_ms() + (uint64_t)timeout_ms;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint64_t now;
	size_t len = 0;
	ssize_t n;

	while (len < size - 1 && memchr(buf, '\n', len) == NULL) {
		if ((now = event_now_ms()) >= deadline ||
		    poll(&pfd, 1, (int)(deadline - now)) == 0)
			return -1;
		n = recv(fd, buf + len, size - 1 - len, MSG_DONTWAIT);
		if (n == 0)
			break;
		if (n == -1) {
			if (errno == EINTR || errno == EAGAIN ||
			    errno == EWOULDBLOCK)
				continue;
			return -1;
		}
		len += (size_t)n;
	}
	buf[len] = '\0';
	return (ssize_t)len;
}

static void
auth_send(int fd, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof(line))
		(void)send(fd, line, (size_t)n, MSG_NOSIGNAL);
}

/* A random name: lower-case letters and digits. */
static void
auth_random(char *name, size_t size)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t i;

	for (i = 0; i + 1 < size && i < 12; i++)
		name[i] = set[arc4random_uniform(sizeof(set) - 1)];
	name[i] = '\0';
}

/* Whether the owner has a file of that name at home. */
static bool
auth_has(const struct passwd *pw, const char *file)
{
	char path[1024];
	struct stat sb;

	if (snprintf(path, sizeof(path), "%s/%s", pw->pw_dir, file) >=
	    (int)sizeof(path))
		return false;
	return lstat(path, &sb) == 0;
}

/*
 * The owner's ~/.fakeid: its first word, read with the owner's rights
 * so that a link cannot show what only the daemon may read.  Not when
 * it is empty, or (without -F) names another user.
 */
static void
auth_fakeid(const struct passwd *pw, const struct auth_opts *o,
    char *name, size_t size)
{
	char path[1024], buf[AUTH_NAME_MAX * 2], *word;
	struct stat sb;
	ssize_t n;
	int fd = -1;

	if (geteuid() == 0) {
		if (initgroups(pw->pw_name, pw->pw_gid) == -1 ||
		    setegid(pw->pw_gid) == -1 || seteuid(pw->pw_uid) == -1)
			return;
	} else if (geteuid() != pw->pw_uid)
		return;
	if (snprintf(path, sizeof(path), "%s/.fakeid", pw->pw_dir) >=
	    (int)sizeof(path))
		return;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY)) == -1)
		return;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (n = read(fd, buf, sizeof(buf) - 1)) <= 0) {
		close(fd);
		return;
	}
	close(fd);
	buf[n] = '\0';
	word = buf + strspn(buf, " \t");
	word[strcspn(word, " \t\r\n:")] = '\0';
	if (*word == '\0' || strlen(word) >= AUTH_NAME_MAX)
		return;
	/* Another user's name, or no answer from the database: no. */
	if (!o->fake_any) {
		errno = 0;
		if (o->numeric ? word[strspn(word, "0123456789")] == '\0' &&
		    getpwuid((uid_t)strtoul(word, NULL, 10)) != NULL :
		    getpwnam(word) != NULL)
			return;
		if (errno != 0 && errno != ENOENT && errno != ESRCH)
			return;
	}
	(void)snprintf(name, size, "%s", word);
}

/*
 * The owner's name for the answer, or NULL with *error set to what
 * to answer instead and *lost true when the connection's owner could
 * not be found (where -d gives its name instead).
 */
static const char *
auth_owner(int fd, unsigned here, unsigned there, const struct auth_opts *o,
    char *name, size_t size, const char **error, bool *lost)
{
	struct peer local, remote;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct passwd *pw;
	uid_t uid;
	int rv;

	*error = "UNKNOWN-ERROR";
	*lost = true;
	if (peer_local(&local, fd) == -1 ||
	    getpeername(fd, (struct sockaddr *)&ss, &len) == -1)
		return NULL;
	peer_set(&remote, (struct sockaddr *)&ss, len);
	if (local.ss.ss_family != remote.ss.ss_family)
		return NULL;
	if ((rv = sockowner(&local.ss, here, &remote.ss, there, &uid)) != 0) {
		if (rv == ENOENT)
			*error = "NO-USER";
		return NULL;
	}
	*lost = false;
	errno = 0;
	if ((pw = getpwuid(uid)) == NULL) {
		if (errno == 0 || errno == ENOENT)
			*error = "NO-USER";
		return NULL;
	}
	if (o->noident && auth_has(pw, ".noident")) {
		*error = "HIDDEN-USER";
		return NULL;
	}
	if (o->numeric)
		(void)snprintf(name, size, "%lu", (unsigned long)pw->pw_uid);
	else
		(void)snprintf(name, size, "%s", pw->pw_name);
	if (o->fakeid)
		auth_fakeid(pw, o, name, size);
	return name;
}

/* In a process of its own: one question, one answer. */
void
auth_serve(const struct service *svc, int fd)
{
	char line[AUTH_REQUEST_MAX + 1], name[AUTH_NAME_MAX];
	const char *why, *error = NULL, *who = NULL;
	struct auth_opts o;
	bool lost;
	struct utsname un;
	unsigned here, there;

	if (auth_parse(svc->cfg, &o, &why) == -1)
		auth_defaults(&o);
	if (o.os == NULL)
		o.os = uname(&un) == 0 ? un.sysname : "UNIX";
	/* Look-ups that hang end the process (SIGALRM is the default). */
	(void)alarm((unsigned)(o.timeout_ms / 1000) + AUTH_LOOKUP_MAX_S);
	if (auth_read(fd, line, sizeof(line), o.timeout_ms) <= 0)
		return;
	if (!auth_question(line, &here, &there)) {
		auth_send(fd, "0 , 0 : ERROR : INVALID-PORT\r\n");
		gate_drain(fd);
		return;
	}
	if (o.random) {
		auth_random(name, sizeof(name));
		who = name;
	} else if (!o.real) {
		who = o.fallback;
		error = "HIDDEN-USER";
	} else {
		who = auth_owner(fd, here, there, &o, name, sizeof(name),
		    &error, &lost);
		if (who == NULL && lost)
			who = o.fallback;
	}
	if (who != NULL)
		auth_send(fd, "%u , %u : USERID : %s : %s\r\n", here, there,
		    o.os, who);
	else
		auth_send(fd, "%u , %u : ERROR : %s\r\n", here, there, error);
	gate_drain(fd);
}
