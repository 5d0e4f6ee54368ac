/*
 * TCP wrappers: hosts_access(3) against hosts.allow and hosts.deny.
 *
 * The check may look names up, so it runs in a server's own process
 * before exec, never in the daemon.  That process is a fork(2) of the
 * daemon, dearer than the usual start, so the daemon first asks
 * whether the two files hold any rule at all: with none, hosts_access
 * allows everyone and is skipped.  The files are looked at again when
 * they change, at most once a second.
 *
 * Tests point the library at their own files with XINETD_TEST_HOSTS_ALLOW
 * and XINETD_TEST_HOSTS_DENY.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "daemon.h"

#ifdef USE_LIBWRAP
#include <tcpd.h>

int allow_severity = LOG_INFO;
int deny_severity = LOG_WARNING;

#define RULES_CHECK_MS	1000
#define RULES_READ_MAX	(1024 * 1024)

struct rules_file {
	const char	*path;
	struct stat	 st;		/* as last read; st_ino 0: missing */
	bool		 rules;
};

static struct rules_file rules[2];
static uint64_t rules_checked;
static bool rules_any;

void
libwrap_init(void)
{
	const char *env;

	if ((env = getenv("XINETD_TEST_HOSTS_ALLOW")) != NULL)
		hosts_allow_table = (char *)env;
	if ((env = getenv("XINETD_TEST_HOSTS_DENY")) != NULL)
		hosts_deny_table = (char *)env;
	rules[0].path = hosts_allow_table;
	rules[1].path = hosts_deny_table;
	rules_checked = 0;
}

/* Whether the file has a line that is neither blank nor a comment. */
static bool
file_has_rules(const char *path)
{
	char line[512];
	size_t n = 0, len;
	bool found = false, fresh = true;
	FILE *f;
	char *s;

	if ((f = fopen(path, "re")) == NULL)
		return false;
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		len = strlen(line);
		if ((n += len) > RULES_READ_MAX) {
			found = true;	/* too long to read here: assume so */
			break;
		}
		if (fresh) {
			for (s = line; isspace((unsigned char)*s); s++)
				;
			if (*s != '\0' && *s != '#')
				found = true;
		}
		fresh = len > 0 && line[len - 1] == '\n';
	}
	fclose(f);
	return found;
}

static bool
rules_changed(struct rules_file *r)
{
	struct stat st;

	if (stat(r->path, &st) == -1)
		memset(&st, 0, sizeof(st));
	if (st.st_ino == r->st.st_ino && st.st_dev == r->st.st_dev &&
	    st.st_size == r->st.st_size &&
	    st.st_mtime == r->st.st_mtime &&
	    st.st_ctime == r->st.st_ctime)
		return false;
	r->st = st;
	return true;
}

/* In the daemon: whether hosts_access could refuse anyone. */
bool
libwrap_active(void)
{
	uint64_t now = event_now_ms();
	int i;

	if (rules_checked != 0 && now - rules_checked < RULES_CHECK_MS)
		return rules_any;
	rules_checked = now;
	for (i = 0; i < 2; i++)
		if (rules[i].path != NULL && rules_changed(&rules[i]))
			rules[i].rules = rules[i].st.st_ino != 0 &&
			    file_has_rules(rules[i].path);
	rules_any = rules[0].rules || rules[1].rules;
	return rules_any;
}

/*
 * In a server's process: hosts_access for the client on fd.  The
 * client's address is the daemon's, with IPv4-mapped peers unmapped.
 */
bool
libwrap_allows(const char *name, int fd, const struct peer *p)
{
	struct request_info req;
	struct sockaddr_storage client;

	request_init(&req, RQ_DAEMON, name, RQ_FILE, fd, 0);
	sock_host(&req);
	if (p != NULL && p->len > 0) {
		client = p->ss;
		request_set(&req, RQ_CLIENT_SIN, &client, 0);
	}
	return hosts_access(&req) != 0;
}

#else /* !USE_LIBWRAP */

void
libwrap_init(void)
{
}

bool
libwrap_active(void)
{
	return false;
}

bool
libwrap_allows(const char *name, int fd, const struct peer *p)
{
	(void)name;
	(void)fd;
	(void)p;
	return true;
}
#endif

/*
 * The name hosts.allow and hosts.deny know the service by: the libwrap
 * attribute; else the service's id for a built-in or a redirect; else
 * the program's name (the first server_args word with NAMEINARGS), as
 * a basename.
 */
const char *
libwrap_name(const struct xcfg_service *cfg)
{
	const char *prog, *slash;

	if (cfg->libwrap != NULL)
		return cfg->libwrap;
	if ((cfg->type & XCFG_TYPE_INTERNAL) || cfg->redirect_host != NULL)
		return cfg->id;
	prog = cfg->argv.n > 0 ? cfg->argv.v[0] : cfg->server;
	if (prog == NULL)
		return cfg->id;
	slash = strrchr(prog, '/');
	return slash != NULL && slash[1] != '\0' ? slash + 1 : prog;
}
