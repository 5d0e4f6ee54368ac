/*
 * Name look-ups done while loading: services, protocols, RPC programs,
 * users, groups and networks.  A NULL path in struct xcfg_paths asks the
 * C library; a path names a file in the format of the system database,
 * read again on every call (these are load-time look-ups only).
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <grp.h>
#include <limits.h>
#include <netdb.h>
#include <pwd.h>
#include <rpc/rpc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "xcfg_impl.h"

#define FIELDS_MAX	8	/* colon-separated fields needed at most */

static const char blanks[] = " \t\r\n";

/*
 * Call fn for every line of the file until it returns true.  Returns 0
 * when it did, -1 when no line matched or the file cannot be read.
 */
static int
file_scan(const char *path, bool (*fn)(char *, void *), void *arg)
{
	FILE *fp;
	char *line = NULL;
	size_t size = 0;
	int found = -1;

	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (getline(&line, &size, fp) != -1) {
		if (fn(line, arg)) {
			found = 0;
			break;
		}
	}
	free(line);
	fclose(fp);
	return found;
}

/* Cut a '#' comment off the line. */
static void
strip_comment(char *line)
{
	char *p;

	if ((p = strchr(line, '#')) != NULL)
		*p = '\0';
}

/*
 * A decimal number without sign or blanks, at most max.  Returns 0 and
 * sets *v, or -1.
 */
static int
number_parse(const char *s, unsigned long long max, unsigned long long *v)
{
	unsigned long long n = 0;
	unsigned d;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		d = (unsigned)(*s - '0');
		if (n > max / 10 || (n == max / 10 && d > max % 10))
			return -1;
		n = n * 10 + d;
	}
	*v = n;
	return 0;
}

/*
 * Whether name is the first field or one of the aliases still to be
 * read from the strtok_r(3) state; fold ignores case (networks(5)).
 */
static bool
name_matches(const char *name, const char *first, char **last, bool fold)
{
	char *alias;

	if ((fold ? strcasecmp(name, first) : strcmp(name, first)) == 0)
		return true;
	while ((alias = strtok_r(NULL, blanks, last)) != NULL)
		if ((fold ? strcasecmp(name, alias) : strcmp(name, alias)) == 0)
			return true;
	return false;
}

/*
 * Split a line at every sep into at most max fields; the newline is cut
 * off first.  Returns the number of fields.
 */
static size_t
fields_split(char *line, int sep, char **f, size_t max)
{
	size_t n = 0;
	char *p;

	line[strcspn(line, "\r\n")] = '\0';
	f[n++] = line;
	while (n < max && (p = strchr(f[n - 1], sep)) != NULL) {
		*p = '\0';
		f[n++] = p + 1;
	}
	return n;
}

/* services(5) */

struct serv_query {
	const char	*name;
	const char	*proto;		/* NULL: any */
	int		 port;
};

static bool
serv_line(char *line, void *arg)
{
	struct serv_query *q = arg;
	unsigned long long port;
	char *name, *pp, *proto, *last;

	strip_comment(line);
	if ((name = strtok_r(line, blanks, &last)) == NULL ||
	    (pp = strtok_r(NULL, blanks, &last)) == NULL)
		return false;
	if ((proto = strchr(pp, '/')) == NULL)
		return false;
	*proto++ = '\0';
	if (number_parse(pp, 65535, &port) == -1 || *proto == '\0')
		return false;
	if (q->proto != NULL && strcmp(q->proto, proto) != 0)
		return false;
	if (!name_matches(q->name, name, &last, false))
		return false;
	q->port = (int)port;
	return true;
}

static int
lookup_service_raw(const struct xcfg_paths *p, const char *name,
    const char *proto, int *port)
{
	struct serv_query q = { name, proto, 0 };
	struct servent *se;

	if (p->services != NULL) {
		if (file_scan(p->services, serv_line, &q) == -1)
			return -1;
		*port = q.port;
		return 0;
	}
	if ((se = getservbyname(name, proto)) == NULL)
		return -1;
	*port = ntohs((uint16_t)se->s_port);
	return 0;
}

/* protocols(5) and rpc(5): "name number aliases..." */

struct num_query {
	const char	*name;
	unsigned long long max;
	int		 num;
};

static bool
num_line(char *line, void *arg)
{
	struct num_query *q = arg;
	unsigned long long num;
	char *name, *ns, *last;

	strip_comment(line);
	if ((name = strtok_r(line, blanks, &last)) == NULL ||
	    (ns = strtok_r(NULL, blanks, &last)) == NULL)
		return false;
	if (number_parse(ns, q->max, &num) == -1)
		return false;
	if (!name_matches(q->name, name, &last, false))
		return false;
	q->num = (int)num;
	return true;
}

static int
num_lookup(const char *path, const char *name, unsigned long long max,
    int *num)
{
	struct num_query q = { name, max, 0 };

	if (file_scan(path, num_line, &q) == -1)
		return -1;
	*num = q.num;
	return 0;
}

static int
lookup_protocol_raw(const struct xcfg_paths *p, const char *name, int *num)
{
	struct protoent *pe;

	if (p->protocols != NULL)
		return num_lookup(p->protocols, name, 255, num);
	if ((pe = getprotobyname(name)) == NULL)
		return -1;
	*num = pe->p_proto;
	return 0;
}

static int
lookup_rpc_raw(const struct xcfg_paths *p, const char *name, int *num)
{
	struct rpcent *re;

	if (p->rpc != NULL)
		return num_lookup(p->rpc, name, INT_MAX, num);
	if ((re = getrpcbyname(name)) == NULL)
		return -1;
	*num = re->r_number;
	return 0;
}

/* passwd(5) and group(5) */

/* A user or group id written as a number; (id_t)-1 is not an id. */
static int
id_parse(const char *s, unsigned long long *v)
{
	if (number_parse(s, UINT32_MAX - 1, v) == -1)
		return -1;
	if ((uid_t)*v != *v || (gid_t)*v != *v)
		return -1;
	return 0;
}

struct pw_query {
	const char	*name;		/* NULL: match by uid */
	uid_t		 uid;
	gid_t		 gid;
};

static bool
pw_line(char *line, void *arg)
{
	struct pw_query *q = arg;
	unsigned long long uid, gid;
	char *f[FIELDS_MAX];

	if (line[0] == '#' || fields_split(line, ':', f, 5) < 4)
		return false;
	if (id_parse(f[2], &uid) == -1 || id_parse(f[3], &gid) == -1)
		return false;
	if (q->name != NULL ? strcmp(q->name, f[0]) != 0 : q->uid != uid)
		return false;
	q->uid = (uid_t)uid;
	q->gid = (gid_t)gid;
	return true;
}

/* Look a user up by name, or by uid when name is NULL. */
static int
pw_lookup(const struct xcfg_paths *p, const char *name, uid_t *uid,
    gid_t *gid)
{
	struct pw_query q = { name, *uid, 0 };
	struct passwd *pw;

	if (p->passwd != NULL) {
		if (file_scan(p->passwd, pw_line, &q) == -1)
			return -1;
		*uid = q.uid;
		*gid = q.gid;
		return 0;
	}
	pw = name != NULL ? getpwnam(name) : getpwuid(*uid);
	if (pw == NULL)
		return -1;
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

/*
 * A user by name, or by number: a number need not be in the database;
 * its primary group is taken from there when it is, else the same number.
 */
static int
lookup_user_raw(const struct xcfg_paths *p, const char *name, uid_t *uid,
    gid_t *gid)
{
	unsigned long long v;
	uid_t u = 0;
	gid_t g = 0;

	if (id_parse(name, &v) == -1) {
		if (pw_lookup(p, name, &u, &g) == -1)
			return -1;
	} else {
		u = (uid_t)v;
		if (pw_lookup(p, NULL, &u, &g) == -1)
			g = (gid_t)v;
	}
	*uid = u;
	*gid = g;
	return 0;
}

struct gr_query {
	const char	*name;
	gid_t		 gid;
};

static bool
gr_line(char *line, void *arg)
{
	struct gr_query *q = arg;
	unsigned long long gid;
	char *f[FIELDS_MAX];

	if (line[0] == '#' || fields_split(line, ':', f, 4) < 3)
		return false;
	if (strcmp(q->name, f[0]) != 0 || id_parse(f[2], &gid) == -1)
		return false;
	q->gid = (gid_t)gid;
	return true;
}

/* A group by name, or by number without look-up. */
static int
lookup_group_raw(const struct xcfg_paths *p, const char *name, gid_t *gid)
{
	struct gr_query q = { name, 0 };
	unsigned long long v;
	struct group *gr;

	if (id_parse(name, &v) == 0) {
		*gid = (gid_t)v;
		return 0;
	}
	if (p->group != NULL) {
		if (file_scan(p->group, gr_line, &q) == -1)
			return -1;
		*gid = q.gid;
		return 0;
	}
	if ((gr = getgrnam(name)) == NULL)
		return -1;
	*gid = gr->gr_gid;
	return 0;
}

/* Supplementary groups: every group(5) line that lists the user. */

struct member_query {
	const char	*user;
	gid_t		*v;
	int		 n;
	int		 max;
};

static bool
member_line(char *line, void *arg)
{
	struct member_query *q = arg;
	unsigned long long gid;
	char *f[FIELDS_MAX], *m, *last;

	if (line[0] == '#' || fields_split(line, ':', f, 4) < 4 ||
	    id_parse(f[2], &gid) == -1)
		return false;
	for (m = strtok_r(f[3], ",", &last); m != NULL;
	    m = strtok_r(NULL, ",", &last))
		if (strcmp(m, q->user) == 0 && q->n < q->max &&
		    (gid_t)gid != q->v[0])
			q->v[q->n++] = (gid_t)gid;
	return false;
}

int
xcfg_user_groups(const struct xcfg_paths *p, const char *user, gid_t gid,
    gid_t *v, int max)
{
	struct member_query q = { user, v, 1, max };
	int n = max;

	if (max < 1)
		return -1;
	v[0] = gid;
	if (p->group != NULL) {
		/* member_line never stops the scan: -1 means nothing. */
		if (access(p->group, R_OK) == -1)
			return -1;
		(void)file_scan(p->group, member_line, &q);
		return q.n;
	}
#ifdef __APPLE__
	if (getgrouplist(user, (int)gid, (int *)v, &n) == -1)
#else
	if (getgrouplist(user, gid, v, &n) == -1)
#endif
		return -1;
	return n;
}

/* networks(5) */

/*
 * A network number as the C library gives it: "169.254" is 0xa9fe.  Move
 * it to the top of the word, so the missing trailing octets are zero.
 */
static struct in_addr
net_align(uint32_t net)
{
	struct in_addr a;

	while (net != 0 && (net & 0xff000000U) == 0)
		net <<= 8;
	a.s_addr = htonl(net);
	return a;
}

/* "a", "a.b", "a.b.c" or "a.b.c.d", each 0..255. */
static int
net_number_parse(char *s, uint32_t *net)
{
	unsigned long long o;
	uint32_t n = 0;
	char *dot;
	int count;

	for (count = 1; count <= 4; count++) {
		if ((dot = strchr(s, '.')) != NULL)
			*dot = '\0';
		if (number_parse(s, 255, &o) == -1)
			return -1;
		n = n << 8 | (uint32_t)o;
		if (dot == NULL) {
			*net = n;
			return 0;
		}
		s = dot + 1;
	}
	return -1;
}

struct net_query {
	const char	*name;
	uint32_t	 net;
};

static bool
net_line(char *line, void *arg)
{
	struct net_query *q = arg;
	char *name, *ns, *last;
	uint32_t net;

	strip_comment(line);
	if ((name = strtok_r(line, blanks, &last)) == NULL ||
	    (ns = strtok_r(NULL, blanks, &last)) == NULL)
		return false;
	if (net_number_parse(ns, &net) == -1)
		return false;
	if (!name_matches(q->name, name, &last, true))
		return false;
	q->net = net;
	return true;
}

static int
lookup_network_raw(const struct xcfg_paths *p, const char *name,
    struct in_addr *net)
{
	struct net_query q = { name, 0 };
	struct netent *ne;

	if (p->networks != NULL) {
		if (file_scan(p->networks, net_line, &q) == -1)
			return -1;
		*net = net_align(q.net);
		return 0;
	}
	if ((ne = getnetbyname(name)) == NULL || ne->n_addrtype != AF_INET)
		return -1;
	*net = net_align((uint32_t)ne->n_net);
	return 0;
}

/*
 * Memory of the look-ups of one load: a configuration of thousands of
 * services names the same user and protocol thousands of times, and
 * each C library look-up reads a file.  lookup_forget() starts afresh,
 * so a reload sees the databases as they are then.
 */

enum memo_kind {
	MEMO_SERVICE, MEMO_PROTOCOL, MEMO_RPC, MEMO_USER, MEMO_GROUP,
	MEMO_NETWORK
};

#define MEMO_SIZE	64

struct memo {
	enum memo_kind	 kind;
	char		*name;
	char		*extra;		/* the protocol of a service */
	int		 rv;
	unsigned long long a, b;
};

static struct memo memo[MEMO_SIZE];
static size_t memo_used, memo_next;

void
lookup_forget(void)
{
	size_t i;

	for (i = 0; i < memo_used; i++) {
		free(memo[i].name);
		free(memo[i].extra);
	}
	memset(memo, 0, sizeof(memo));
	memo_used = memo_next = 0;
}

static bool
str_eq(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static const struct memo *
memo_find(enum memo_kind kind, const char *name, const char *extra)
{
	size_t i;

	for (i = 0; i < memo_used; i++)
		if (memo[i].kind == kind && strcmp(memo[i].name, name) == 0 &&
		    str_eq(memo[i].extra, extra))
			return &memo[i];
	return NULL;
}

/* Remember a result; without memory it is simply not remembered. */
static void
memo_store(enum memo_kind kind, const char *name, const char *extra,
    int rv, unsigned long long a, unsigned long long b)
{
	struct memo *m = &memo[memo_next];
	char *n, *e = NULL;

	if ((n = strdup(name)) == NULL ||
	    (extra != NULL && (e = strdup(extra)) == NULL)) {
		free(n);
		return;
	}
	if (memo_next < memo_used) {
		free(m->name);
		free(m->extra);
	} else
		memo_used++;
	m->kind = kind;
	m->name = n;
	m->extra = e;
	m->rv = rv;
	m->a = a;
	m->b = b;
	memo_next = (memo_next + 1) % MEMO_SIZE;
}

int
lookup_service(const struct xcfg_paths *p, const char *name,
    const char *proto, int *port)
{
	const struct memo *m;
	int rv, v = 0;

	if ((m = memo_find(MEMO_SERVICE, name, proto)) != NULL) {
		*port = (int)m->a;
		return m->rv;
	}
	rv = lookup_service_raw(p, name, proto, &v);
	memo_store(MEMO_SERVICE, name, proto, rv, (unsigned long long)v, 0);
	*port = v;
	return rv;
}

static int
memo_number(enum memo_kind kind, const struct xcfg_paths *p,
    const char *name, int *num,
    int (*raw)(const struct xcfg_paths *, const char *, int *))
{
	const struct memo *m;
	int rv, v = 0;

	if ((m = memo_find(kind, name, NULL)) != NULL) {
		*num = (int)m->a;
		return m->rv;
	}
	rv = raw(p, name, &v);
	memo_store(kind, name, NULL, rv, (unsigned long long)v, 0);
	*num = v;
	return rv;
}

int
lookup_protocol(const struct xcfg_paths *p, const char *name, int *num)
{
	return memo_number(MEMO_PROTOCOL, p, name, num, lookup_protocol_raw);
}

int
lookup_rpc(const struct xcfg_paths *p, const char *name, int *num)
{
	return memo_number(MEMO_RPC, p, name, num, lookup_rpc_raw);
}

int
lookup_user(const struct xcfg_paths *p, const char *name, uid_t *uid,
    gid_t *gid)
{
	const struct memo *m;
	uid_t u = 0;
	gid_t g = 0;
	int rv;

	if ((m = memo_find(MEMO_USER, name, NULL)) != NULL) {
		*uid = (uid_t)m->a;
		*gid = (gid_t)m->b;
		return m->rv;
	}
	rv = lookup_user_raw(p, name, &u, &g);
	memo_store(MEMO_USER, name, NULL, rv, u, g);
	*uid = u;
	*gid = g;
	return rv;
}

int
lookup_group(const struct xcfg_paths *p, const char *name, gid_t *gid)
{
	const struct memo *m;
	gid_t g = 0;
	int rv;

	if ((m = memo_find(MEMO_GROUP, name, NULL)) != NULL) {
		*gid = (gid_t)m->a;
		return m->rv;
	}
	rv = lookup_group_raw(p, name, &g);
	memo_store(MEMO_GROUP, name, NULL, rv, g, 0);
	*gid = g;
	return rv;
}

int
lookup_network(const struct xcfg_paths *p, const char *name,
    struct in_addr *net)
{
	const struct memo *m;
	struct in_addr a = { 0 };
	int rv;

	if ((m = memo_find(MEMO_NETWORK, name, NULL)) != NULL) {
		net->s_addr = (in_addr_t)m->a;
		return m->rv;
	}
	rv = lookup_network_raw(p, name, &a);
	memo_store(MEMO_NETWORK, name, NULL, rv, a.s_addr, 0);
	*net = a;
	return rv;
}
