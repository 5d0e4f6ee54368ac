/*
 * inetd.conf: positional definitions of the BSD and Linux inetds, Debian's
 * "#<off>#" lines, "addr:" lines, "#@" IPsec policy lines and NetBSD's
 * ".include".  NetBSD key/value definitions are read by parse_kv.c; both
 * notations end up here, in def_emit(), so one definition written either
 * way gives the same raw entry.
 *
 * Only syntax and shape are checked here.  Names, ranges and what the
 * settings mean are left to the resolver.
 */

#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xcfg_impl.h"

#define OFF_PREFIX	"#<off>#"

/* Raw names and ids used by the inetd entries of this load. */
struct idslot {
	const char	*s;		/* owned by a raw entry */
	unsigned long	 next;		/* next "-N" to try after s */
};

struct idset {
	struct idslot	*v;
	size_t		 cap;
	size_t		 n;
};

/* One inetd.conf file being read. */
struct ifile {
	struct loadctx	*ctx;
	const struct text *t;
	char		*addr;		/* listen address of an "addr:" line */
	char		*ipsec;		/* policy of the last "#@" line */
	struct idset	 ids;
	size_t		 seen;		/* entries of ctx->raw put in ids */
};

/* The words of one positional definition, continuation lines included. */
struct words {
	struct xcfg_strlist w;
	int		*line;
	size_t		 cap;
	bool		 bad;
};

/* Protocol field values. */
enum family {
	FAM_PLAIN,	/* tcp, udp: IPv4, or from the address (key/value) */
	FAM_INET,	/* tcp4: IPv4 */
	FAM_INET6,	/* tcp6: IPv6 only */
	FAM_DUAL,	/* tcp46: IPv6 socket taking IPv4 too */
	FAM_UNIX	/* unix: bind is a path */
};

struct proto {
	const char	*name;
	const char	*protocol;
	const char	*socktype;	/* implied socket type */
	enum family	 family;
	bool		 rpc;
	bool		 faith;
};

static const struct proto protos[] = {
	{ "tcp",	"tcp",	"stream", FAM_PLAIN,	false,	false },
	{ "udp",	"udp",	"dgram",  FAM_PLAIN,	false,	false },
	{ "tcp4",	"tcp",	"stream", FAM_INET,	false,	false },
	{ "udp4",	"udp",	"dgram",  FAM_INET,	false,	false },
	{ "tcp6",	"tcp",	"stream", FAM_INET6,	false,	false },
	{ "udp6",	"udp",	"dgram",  FAM_INET6,	false,	false },
	{ "tcp46",	"tcp",	"stream", FAM_DUAL,	false,	false },
	{ "udp46",	"udp",	"dgram",  FAM_DUAL,	false,	false },
	{ "rpc/tcp",	"tcp",	"stream", FAM_INET,	true,	false },
	{ "rpc/udp",	"udp",	"dgram",  FAM_INET,	true,	false },
	{ "rpc/tcp4",	"tcp",	"stream", FAM_INET,	true,	false },
	{ "rpc/udp4",	"udp",	"dgram",  FAM_INET,	true,	false },
	{ "rpc/tcp6",	"tcp",	"stream", FAM_INET6,	true,	false },
	{ "rpc/udp6",	"udp",	"dgram",  FAM_INET6,	true,	false },
	{ "rpc/tcp46",	"tcp",	"stream", FAM_DUAL,	true,	false },
	{ "rpc/udp46",	"udp",	"dgram",  FAM_DUAL,	true,	false },
	{ "faith/tcp6",	"tcp",	"stream", FAM_INET6,	false,	true },
	{ "unix",	"unix",	NULL,	  FAM_UNIX,	false,	false },
};

static const char *const socktypes[] = {
	"stream", "dgram", "raw", "rdm", "seqpacket"
};

/* What a definition becomes once checked. */
struct emit {
	const char	*v[INETD_NFIELDS];	/* normalized values */
	const struct proto *pr;
	const char	*name;
	const char	*port;
	const char	*rpc_version;
	const char	*rpc_number;	/* program given as a number */
	const char	*bind;
	const char	*v6only;
	const char	*types[3];
	size_t		 ntypes;
	const char	*flags[3];
	size_t		 nflags;
};

/* Fields given as "attr = value", in the order they are emitted. */
static const struct {
	enum inetd_field field;
	const char	*attr;
} simple_attrs[] = {
	{ INETD_SNDBUF,		"sndbuf" },
	{ INETD_RCVBUF,		"rcvbuf" },
	{ INETD_WAIT,		"wait" },
	{ INETD_MAX_SPAWNS,	"max_spawns" },
	{ INETD_INSTANCES,	"instances" },
	{ INETD_PER_SOURCE_RATE, "per_source_rate" },
	{ INETD_PER_SOURCE,	"per_source" },
	{ INETD_USER,		"user" },
	{ INETD_GROUP,		"group" },
	{ INETD_LOGIN_CLASS,	"login_class" },
	{ INETD_SERVER,		"server" },
};

/* Numeric fields: what they are called in messages. */
static const struct {
	enum inetd_field field;
	const char	*what;
} numbers[] = {
	{ INETD_BACKLOG,	"accept limit" },
	{ INETD_MAX_SPAWNS,	"spawn limit" },
	{ INETD_INSTANCES,	"child limit" },
	{ INETD_PER_SOURCE_RATE, "per-source rate" },
	{ INETD_PER_SOURCE,	"per-source child limit" },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

static const char *
skip_blanks(const char *p)
{
	while (is_blank(*p))
		p++;
	return p;
}

static const char *
word_end(const char *p)
{
	while (*p != '\0' && !is_blank(*p))
		p++;
	return p;
}

/* Blank lines and comment lines. */
static bool
is_empty_line(const char *p)
{
	p = skip_blanks(p);
	return *p == '\0' || *p == '#';
}

static bool
is_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* A digit string without its leading zeros ("007" is "7", "00" is "0"). */
static const char *
strip_zeros(const char *s)
{
	while (s[0] == '0' && s[1] != '\0')
		s++;
	return s;
}

/* Buffer sizes: digits with an optional k, K, m or M. */
static bool
is_size(const char *s)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p == s)
		return false;
	if (*p == 'k' || *p == 'K' || *p == 'm' || *p == 'M')
		p++;
	return *p == '\0';
}

static int
fline(const struct inetd_def *d, enum inetd_field fl)
{
	return d->fline[fl] != 0 ? d->fline[fl] : d->line;
}

/* Keep a copy of s[0..n) for as long as the definition lives. */
static const char *
keepn(struct ifile *f, struct inetd_def *d, const char *s, size_t n)
{
	size_t before = d->pool.n;
	char *p;

	if ((p = strndup(s, n)) == NULL) {
		f->ctx->cfg->nomem = true;
		return NULL;
	}
	strlist_add(&d->pool, p, &f->ctx->cfg->nomem);
	free(p);
	return d->pool.n > before ? d->pool.v[d->pool.n - 1] : NULL;
}

static int
set_field(struct ifile *f, struct inetd_def *d, enum inetd_field fl,
    const char *s, size_t n, int line)
{
	if ((d->f[fl] = keepn(f, d, s, n)) == NULL)
		return -1;
	d->fline[fl] = line;
	return 0;
}

/*
 * The set of names taken.  It holds pointers to strings owned by the raw
 * entries, which live until the load is finished.
 */
static uint32_t
str_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of s, or the empty slot where it would go. */
static struct idslot *
idset_slot(const struct idset *set, const char *s)
{
	size_t i = str_hash(s) & (set->cap - 1);

	while (set->v[i].s != NULL && strcmp(set->v[i].s, s) != 0)
		i = (i + 1) & (set->cap - 1);
	return &set->v[i];
}

static struct idslot *
idset_find(const struct idset *set, const char *s)
{
	struct idslot *slot;

	if (set->cap == 0)
		return NULL;
	slot = idset_slot(set, s);
	return slot->s != NULL ? slot : NULL;
}

static int
idset_grow(struct idset *set)
{
	struct idset bigger;
	size_t i;

	bigger.cap = set->cap > 0 ? set->cap * 2 : 64;
	bigger.n = set->n;
	if ((bigger.v = calloc(bigger.cap, sizeof(*bigger.v))) == NULL)
		return -1;
	for (i = 0; i < set->cap; i++)
		if (set->v[i].s != NULL)
			*idset_slot(&bigger, set->v[i].s) = set->v[i];
	free(set->v);
	*set = bigger;
	return 0;
}

static int
idset_add(struct idset *set, const char *s)
{
	struct idslot *slot;

	if ((set->n + 1) * 2 > set->cap && idset_grow(set) == -1)
		return -1;
	slot = idset_slot(set, s);
	if (slot->s == NULL) {
		slot->s = s;
		slot->next = 2;
		set->n++;
	}
	return 0;
}

/* Take in the inetd entries made since the last look, here or elsewhere. */
static void
ids_update(struct ifile *f)
{
	struct loadctx *ctx = f->ctx;
	const struct raw_entry *e;
	size_t j;
	int rv;

	for (; f->seen < ctx->nraw; f->seen++) {
		e = &ctx->raw[f->seen];
		if (e->kind != RAW_SERVICE || !e->inetd || e->name == NULL)
			continue;
		rv = idset_add(&f->ids, e->name);
		for (j = 0; j < e->n && rv == 0; j++)
			if (strcmp(e->v[j].attr, "id") == 0 &&
			    e->v[j].values.n > 0)
				rv = idset_add(&f->ids, e->v[j].values.v[0]);
		if (rv == -1)
			ctx->cfg->nomem = true;
	}
}

/*
 * The id of a service whose name is taken: "name-proto", then
 * "name-proto-2" and on.  Returns NULL when the name is free.
 */
static char *
make_id(struct ifile *f, const char *name, const char *proto)
{
	size_t len = strlen(name) + strlen(proto) + 24, base, i;
	struct idslot *taken;
	unsigned long n;
	char *id;

	ids_update(f);
	if (idset_find(&f->ids, name) == NULL)
		return NULL;
	if ((id = malloc(len)) == NULL) {
		f->ctx->cfg->nomem = true;
		return NULL;
	}
	snprintf(id, len, "%s-%s", name, proto);
	for (i = strlen(name) + 1; id[i] != '\0'; i++)
		if (id[i] == '/')
			id[i] = '-';
	if ((taken = idset_find(&f->ids, id)) == NULL)
		return id;
	/* Numbers below taken->next were taken already: start there. */
	base = strlen(id);
	for (n = taken->next; ; n++) {
		snprintf(id + base, len - base, "-%lu", n);
		if (idset_find(&f->ids, id) == NULL)
			break;
	}
	taken->next = n + 1;
	return id;
}

/*
 * Checking a definition.  Each check reports its own problems and
 * returns -1 if there were any.
 */
static int
check_protocol(struct ifile *f, const struct inetd_def *d, struct emit *em)
{
	const char *p = d->f[INETD_PROTOCOL];
	size_t i;

	if (p == NULL) {
		ctx_error(f->ctx, f->t->name, d->line, "missing 'protocol'");
		return -1;
	}
	for (i = 0; i < NELEM(protos); i++) {
		if (strcmp(protos[i].name, p) == 0) {
			em->pr = &protos[i];
			return 0;
		}
	}
	ctx_error(f->ctx, f->t->name, fline(d, INETD_PROTOCOL),
	    "unknown protocol '%s'", p);
	return -1;
}

static int
check_socktype(struct ifile *f, const struct inetd_def *d, struct emit *em)
{
	const char *s = d->f[INETD_SOCKTYPE];
	size_t i;

	if (s == NULL)
		s = em->pr->socktype;
	if (s == NULL) {
		ctx_error(f->ctx, f->t->name, d->line, "missing 'socktype'");
		return -1;
	}
	for (i = 0; i < NELEM(socktypes); i++) {
		if (strcmp(socktypes[i], s) == 0) {
			em->v[INETD_SOCKTYPE] = socktypes[i];
			return 0;
		}
	}
	ctx_error(f->ctx, f->t->name, fline(d, INETD_SOCKTYPE),
	    "unknown socket type '%s'", s);
	return -1;
}

static void
add_type(struct emit *em, const char *type)
{
	if (em->ntypes < NELEM(em->types))
		em->types[em->ntypes++] = type;
}

static void
add_flag(struct emit *em, const char *flag)
{
	if (em->nflags < NELEM(em->flags))
		em->flags[em->nflags++] = flag;
}

/* "name/version" or "name/lo-hi" of an RPC service. */
static int
check_rpc(struct ifile *f, struct inetd_def *d, struct emit *em)
{
	const char *s = d->f[INETD_SERVICE], *slash, *ver, *dash;
	int line = fline(d, INETD_SERVICE);

	if ((slash = strchr(s, '/')) == NULL) {
		ctx_error(f->ctx, f->t->name, line, "rpc service '%s' needs "
		    "a version (name/version)", s);
		return -1;
	}
	if (slash == s) {
		ctx_error(f->ctx, f->t->name, line,
		    "empty service name in '%s'", s);
		return -1;
	}
	ver = slash + 1;
	dash = strchr(ver, '-');
	if (ver[strspn(ver, "0123456789-")] != '\0' || *ver == '\0' ||
	    *ver == '-' ||
	    (dash != NULL && (dash[1] == '\0' || strchr(dash + 1, '-')))) {
		ctx_error(f->ctx, f->t->name, line,
		    "invalid rpc version '%s'", ver);
		return -1;
	}
	if ((em->name = keepn(f, d, s, (size_t)(slash - s))) == NULL)
		return -1;
	em->rpc_version = ver;
	add_type(em, "RPC");
	/* NetBSD takes a program number where rpc(5) has no name. */
	if (is_digits(em->name)) {
		add_type(em, "UNLISTED");
		em->rpc_number = em->name;
	}
	return 0;
}

/* A port number used as the service name. */
static int
check_port(struct ifile *f, const struct inetd_def *d, struct emit *em)
{
	const char *s = d->f[INETD_SERVICE], *p = strip_zeros(s);

	if (strlen(p) > 5 || strtol(p, NULL, 10) < 1 ||
	    strtol(p, NULL, 10) > 65535) {
		ctx_error(f->ctx, f->t->name, fline(d, INETD_SERVICE),
		    "port %s out of range (1-65535)", s);
		return -1;
	}
	em->name = s;
	em->port = p;
	add_type(em, "UNLISTED");
	return 0;
}

static int
check_service(struct ifile *f, struct inetd_def *d, struct emit *em)
{
	const char *s = d->f[INETD_SERVICE], *name;
	int line = fline(d, INETD_SERVICE);

	if (em->pr->family == FAM_UNIX) {
		if (s[0] != '/') {
			ctx_error(f->ctx, f->t->name, line,
			    "unix socket path '%s' is not absolute", s);
			return -1;
		}
		em->name = em->bind = s;
		add_type(em, "UNLISTED");
		return 0;
	}
	if (em->pr->rpc)
		return check_rpc(f, d, em);
	if (strncmp(s, "tcpmux/", 7) == 0) {
		name = s + 7;
		add_type(em, *name == '+' ? "TCPMUXPLUS" : "TCPMUX");
		if (*name == '+')
			name++;
		/* No socket of its own to hand over: always nowait. */
		if (em->v[INETD_WAIT] != NULL &&
		    strcmp(em->v[INETD_WAIT], "yes") == 0) {
			ctx_warn(f->ctx, f->t->name, fline(d, INETD_WAIT),
			    "tcpmux service '%s' runs nowait; 'wait' "
			    "ignored", name);
			em->v[INETD_WAIT] = "no";
		}
		if (*name == '\0' || strchr(name, '/') != NULL) {
			ctx_error(f->ctx, f->t->name, line,
			    "invalid tcpmux service name in '%s'", s);
			return -1;
		}
		em->name = name;
		return 0;
	}
	if (s[0] == '/') {
		ctx_error(f->ctx, f->t->name, line,
		    "socket path '%s' needs protocol 'unix'", s);
		return -1;
	}
	if (strchr(s, '/') != NULL) {
		ctx_error(f->ctx, f->t->name, line, "service '%s' has a "
		    "version but protocol '%s' is not rpc", s, em->pr->name);
		return -1;
	}
	if (s[0] == '.') {
		ctx_error(f->ctx, f->t->name, line,
		    "service name '%s' begins with '.'", s);
		return -1;
	}
	if (is_digits(s))
		return check_port(f, d, em);
	if (s[0] == '-' && is_digits(s + 1)) {
		ctx_error(f->ctx, f->t->name, line,
		    "port %s out of range (1-65535)", s);
		return -1;
	}
	em->name = s;
	return 0;
}

/* 4 or 6 for an address literal (brackets and "%zone" allowed), else 0. */
static int
addr_version(const char *s)
{
	unsigned char bin[sizeof(struct in6_addr)];
	char buf[INET6_ADDRSTRLEN + 1];
	size_t n = strlen(s);

	if (n > 1 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	n = strcspn(s, "%") < n ? strcspn(s, "%") : n;
	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, bin) == 1)
		return 4;
	if (inet_pton(AF_INET6, buf, bin) == 1)
		return 6;
	return 0;
}

static void
set_family(struct emit *em, int version)
{
	if (version == 4)
		add_flag(em, "IPv4");
	else {
		add_flag(em, "IPv6");
		em->v6only = version == 6 ? "yes" : "no";
	}
}

/* Listen address and IP version. */
static int
check_family(struct ifile *f, const struct inetd_def *d, struct emit *em)
{
	const char *addr = d->f[INETD_ADDR];
	int version;

	if (addr != NULL && strcmp(addr, "*") == 0)
		addr = NULL;
	switch (em->pr->family) {
	case FAM_UNIX:
		if (d->fline[INETD_ADDR] != 0) {
			ctx_error(f->ctx, f->t->name, fline(d, INETD_ADDR),
			    "a listen address cannot be used with protocol "
			    "'unix'");
			return -1;
		}
		return 0;
	case FAM_PLAIN:
		if (!d->kv)
			version = 4;
		else if (addr == NULL || (version = addr_version(addr)) == 0) {
			ctx_error(f->ctx, f->t->name, fline(d, INETD_PROTOCOL),
			    "protocol '%s' needs a version (%s4, %s6) unless "
			    "bind is an address", em->pr->name, em->pr->name,
			    em->pr->name);
			return -1;
		}
		break;
	case FAM_INET:
		version = 4;
		break;
	case FAM_INET6:
		version = 6;
		break;
	default:
		version = 46;
		break;
	}
	set_family(em, version);
	if (em->pr->faith)
		add_flag(em, "FAITH");
	em->bind = addr;
	return 0;
}

static int
check_numbers(struct ifile *f, const struct inetd_def *d, struct emit *em)
{
	const char *s;
	size_t i;
	int rv = 0;

	for (i = 0; i < NELEM(numbers); i++) {
		if ((s = d->f[numbers[i].field]) == NULL)
			continue;
		if (!is_digits(s)) {
			ctx_error(f->ctx, f->t->name,
			    fline(d, numbers[i].field), "invalid %s '%s'",
			    numbers[i].what, s);
			rv = -1;
			continue;
		}
		em->v[numbers[i].field] = strip_zeros(s);
	}
	/* FreeBSD: 0 means no limit. */
	if (em->v[INETD_INSTANCES] != NULL &&
	    strcmp(em->v[INETD_INSTANCES], "0") == 0)
		em->v[INETD_INSTANCES] = "UNLIMITED";
	if (em->v[INETD_PER_SOURCE] != NULL &&
	    strcmp(em->v[INETD_PER_SOURCE], "0") == 0)
		em->v[INETD_PER_SOURCE] = "UNLIMITED";
	if (em->v[INETD_PER_SOURCE_RATE] != NULL &&
	    strcmp(em->v[INETD_PER_SOURCE_RATE], "0") == 0)
		em->v[INETD_PER_SOURCE_RATE] = "UNLIMITED";
	return rv;
}

static int
check_sizes(struct ifile *f, const struct inetd_def *d)
{
	static const enum inetd_field fields[] = {
		INETD_SNDBUF, INETD_RCVBUF
	};
	size_t i;
	int rv = 0;

	for (i = 0; i < NELEM(fields); i++) {
		if (d->f[fields[i]] != NULL && !is_size(d->f[fields[i]])) {
			ctx_error(f->ctx, f->t->name, fline(d, fields[i]),
			    "invalid buffer size '%s'", d->f[fields[i]]);
			rv = -1;
		}
	}
	return rv;
}

/* wait, user and server: what key/value definitions may leave out. */
static int
check_server(struct ifile *f, const struct inetd_def *d, struct emit *em)
{
	bool internal = d->f[INETD_SERVER] == NULL;
	int rv = 0;

	if (d->f[INETD_WAIT] == NULL && internal)
		em->v[INETD_WAIT] =
		    strcmp(em->v[INETD_SOCKTYPE], "dgram") == 0 ? "yes" : "no";
	else if (d->f[INETD_WAIT] == NULL) {
		ctx_error(f->ctx, f->t->name, d->line, "missing 'wait'");
		rv = -1;
	}
	if (d->f[INETD_USER] == NULL && !internal) {
		ctx_error(f->ctx, f->t->name, d->line, "missing 'user'");
		rv = -1;
	}
	if (internal)
		add_type(em, "INTERNAL");
	/* Arguments start with argv[0]; built-ins may take some too. */
	if (!internal || d->args.n > 0)
		add_flag(em, "NAMEINARGS");
	return rv;
}

static int
def_check(struct ifile *f, struct inetd_def *d, struct emit *em)
{
	int rv;

	memset(em, 0, sizeof(*em));
	memcpy(em->v, d->f, sizeof(em->v));
	if (check_protocol(f, d, em) == -1)
		return -1;
	rv = check_socktype(f, d, em);
	rv |= check_service(f, d, em);
	rv |= check_family(f, d, em);
	rv |= check_numbers(f, d, em);
	rv |= check_sizes(f, d);
	if (rv == 0)
		rv = check_server(f, d, em);
	if (em->v[INETD_IPSEC] != NULL && em->v[INETD_IPSEC][0] == '\0')
		em->v[INETD_IPSEC] = NULL;
	return rv;
}

/*
 * Emitting the raw entry.
 */
static void
emit_list(struct ifile *f, struct raw_entry *e, int line, const char *attr,
    const char *const *v, size_t n)
{
	struct setting *s;
	size_t i;

	if (n == 0)
		return;
	s = raw_add(f->ctx, e, attr, OP_SET, f->t->name, line);
	for (i = 0; i < n; i++)
		raw_value(f->ctx, s, v[i]);
}

static void
emit1(struct ifile *f, struct raw_entry *e, int line, const char *attr,
    const char *value)
{
	if (value != NULL)
		raw_set1(f->ctx, e, attr, value, f->t->name, line);
}

static void
emit_server_args(struct ifile *f, struct raw_entry *e,
    const struct inetd_def *d, const struct emit *em)
{
	const char *server = em->v[INETD_SERVER], *base;
	int line = d->args_line != 0 ? d->args_line : fline(d, INETD_SERVER);

	if (d->args.n > 0) {
		emit_list(f, e, line, "server_args",
		    (const char *const *)d->args.v, d->args.n);
		return;
	}
	if (server == NULL)
		return;
	base = strrchr(server, '/');
	base = base != NULL && base[1] != '\0' ? base + 1 : server;
	emit1(f, e, line, "server_args", base);
}

static void
emit_entry(struct ifile *f, const struct inetd_def *d, const struct emit *em,
    const char *id)
{
	struct raw_entry *e;
	size_t i;
	int line = d->line;

	e = raw_new(f->ctx, RAW_SERVICE, em->name, f->t->name, line);
	if (e == NULL)
		return;
	e->inetd = true;
	e->disabled = d->disabled;
	emit1(f, e, line, "id", id);
	emit1(f, e, fline(d, INETD_SOCKTYPE), "socket_type",
	    em->v[INETD_SOCKTYPE]);
	emit1(f, e, fline(d, INETD_ACCEPT_FILTER), "accept_filter",
	    em->v[INETD_ACCEPT_FILTER]);
	/* NetBSD's accept limit caps the servers running at once. */
	emit1(f, e, fline(d, INETD_BACKLOG), "instances",
	    em->v[INETD_BACKLOG]);
	emit1(f, e, fline(d, INETD_PROTOCOL), "protocol", em->pr->protocol);
	emit_list(f, e, fline(d, INETD_SERVICE), "type", em->types,
	    em->ntypes);
	emit_list(f, e, fline(d, INETD_PROTOCOL), "flags", em->flags,
	    em->nflags);
	emit1(f, e, fline(d, INETD_PROTOCOL), "v6only", em->v6only);
	emit1(f, e, fline(d, INETD_SERVICE), "port", em->port);
	emit1(f, e, fline(d, INETD_SERVICE), "rpc_version", em->rpc_version);
	emit1(f, e, fline(d, INETD_SERVICE), "rpc_number", em->rpc_number);
	emit1(f, e, em->pr->family == FAM_UNIX ? fline(d, INETD_SERVICE) :
	    fline(d, INETD_ADDR), "bind", em->bind);
	for (i = 0; i < NELEM(simple_attrs); i++)
		emit1(f, e, fline(d, simple_attrs[i].field),
		    simple_attrs[i].attr, em->v[simple_attrs[i].field]);
	emit_server_args(f, e, d, em);
	emit1(f, e, fline(d, INETD_IPSEC), "ipsec", em->v[INETD_IPSEC]);
}

static void
def_emit(struct ifile *f, struct inetd_def *d)
{
	struct emit em;
	char *id;

	if (def_check(f, d, &em) == -1)
		return;
	id = make_id(f, em.name, d->f[INETD_PROTOCOL]);
	emit_entry(f, d, &em, id);
	free(id);
}

static void
def_init(struct ifile *f, struct inetd_def *d, size_t ln, bool disabled)
{
	memset(d, 0, sizeof(*d));
	d->line = (int)ln + 1;
	d->disabled = disabled;
	d->f[INETD_ADDR] = f->addr;
	d->f[INETD_IPSEC] = f->ipsec;
}

static void
def_free(struct inetd_def *d)
{
	strlist_free(&d->args);
	strlist_free(&d->pool);
}

/*
 * The service field, "[addr:]service".  A field starting with '/' is a
 * path (protocol unix) and is never split.  "[addr]:service" takes the
 * address between the brackets (IPv6).  Any other field is split at its
 * last ':', so "::1:ftp" is address "::1" and service "ftp"; a field with
 * no ':' has no address.  The service part may be empty ("addr:" lines).
 */
static int
split_service(struct ifile *f, struct inetd_def *d, const char *s, size_t n,
    int line, const char **svc)
{
	const char *colon = NULL, *a = s, *p;
	size_t alen = 0;

	*svc = s;
	if (s[0] == '[') {
		if ((p = memchr(s, ']', n)) == NULL ||
		    (size_t)(p - s) + 1 == n || p[1] != ':') {
			ctx_error(f->ctx, f->t->name, line, p == NULL ?
			    "missing ']' in '%.*s'" :
			    "expected ':' after ']' in '%.*s'", (int)n, s);
			return -1;
		}
		a = s + 1;
		alen = (size_t)(p - a);
		colon = p + 1;
	} else if (s[0] != '/') {
		for (p = s; p < s + n; p++)
			if (*p == ':')
				colon = p;
		alen = colon != NULL ? (size_t)(colon - s) : 0;
	}
	if (colon == NULL)
		return 0;
	if (alen == 0) {
		ctx_error(f->ctx, f->t->name, line,
		    "empty listen address in '%.*s'", (int)n, s);
		return -1;
	}
	*svc = colon + 1;
	d->addr_prefix = true;
	return set_field(f, d, INETD_ADDR, a, alen, line);
}

/* The service field of a definition: the address part is optional. */
static int
def_service(struct ifile *f, struct inetd_def *d, const char *s, size_t n,
    int line)
{
	const char *svc;

	if (split_service(f, d, s, n, line, &svc) == -1)
		return -1;
	if (svc == s + n) {
		ctx_error(f->ctx, f->t->name, line,
		    "missing service name in '%.*s'", (int)n, s);
		return -1;
	}
	return set_field(f, d, INETD_SERVICE, svc, (size_t)(s + n - svc),
	    line);
}

/* An "addr:" line: the listen address of the definitions that follow. */
static void
set_listen_addr(struct ifile *f, const char *s, size_t n, int line)
{
	struct inetd_def d;
	const char *svc;
	char *addr = NULL;

	def_init(f, &d, (size_t)line - 1, false);
	d.f[INETD_ADDR] = NULL;
	if (split_service(f, &d, s, n, line, &svc) == 0 &&
	    d.f[INETD_ADDR] != NULL) {
		if (strcmp(d.f[INETD_ADDR], "*") != 0 &&
		    (addr = strdup(d.f[INETD_ADDR])) == NULL)
			f->ctx->cfg->nomem = true;
		free(f->addr);
		f->addr = addr;
	}
	def_free(&d);
}

/* A "#@" line: the IPsec policy of the definitions that follow. */
static void
set_policy(struct ifile *f, const char *p)
{
	size_t n;

	p = skip_blanks(p);
	n = strlen(p);
	while (n > 0 && is_blank(p[n - 1]))
		n--;
	free(f->ipsec);
	f->ipsec = NULL;
	if (n > 0 && (f->ipsec = strndup(p, n)) == NULL)
		f->ctx->cfg->nomem = true;
}

/*
 * Positional definitions.  From the program field on, a word starting
 * with a quote (' or ") runs to the same quote and may hold blanks; the
 * quote must be followed by a blank or the end of the line.  There are
 * no escapes.  Quotes inside a word are ordinary characters.
 */
static void
words_add(struct ifile *f, struct words *ws, const char *s, size_t n,
    int line)
{
	size_t before = ws->w.n;
	int *v;
	char *p;

	if (ws->w.n >= ws->cap) {
		ws->cap = ws->cap > 0 ? ws->cap * 2 : 16;
		v = reallocarray(ws->line, ws->cap, sizeof(*v));
		if (v == NULL) {
			f->ctx->cfg->nomem = true;
			ws->bad = true;
			return;
		}
		ws->line = v;
	}
	if ((p = strndup(s, n)) != NULL)
		strlist_add(&ws->w, p, &f->ctx->cfg->nomem);
	free(p);
	if (ws->w.n == before) {
		f->ctx->cfg->nomem = true;
		ws->bad = true;
		return;
	}
	ws->line[before] = line;
}

static const char *
words_quoted(struct ifile *f, struct words *ws, const char *p, int line)
{
	const char *q = strchr(p + 1, *p);

	if (q == NULL) {
		ctx_error(f->ctx, f->t->name, line, "unterminated quote in "
		    "'%s'", p);
		ws->bad = true;
		return NULL;
	}
	if (q[1] != '\0' && !is_blank(q[1])) {
		ctx_error(f->ctx, f->t->name, line, "text after closing quote "
		    "in '%.*s'", (int)(word_end(q) - p), p);
		ws->bad = true;
		return NULL;
	}
	words_add(f, ws, p + 1, (size_t)(q - p - 1), line);
	return q + 1;
}

static void
words_scan(struct ifile *f, struct words *ws, const char *p, int line)
{
	const char *e;

	for (;;) {
		p = skip_blanks(p);
		if (*p == '\0' || ws->bad)
			return;
		if (ws->w.n >= 5 && (*p == '"' || *p == '\'')) {
			p = words_quoted(f, ws, p, line);
			if (p == NULL)
				return;
			continue;
		}
		e = word_end(p);
		words_add(f, ws, p, (size_t)(e - p), line);
		p = e;
	}
}

static void
words_free(struct words *ws)
{
	strlist_free(&ws->w);
	free(ws->line);
}

/* socket-type[,accept-max][:accept-filter[,arg]] */
static int
pos_socktype(struct ifile *f, struct inetd_def *d, const char *s, int line)
{
	size_t n = strcspn(s, ":"), m = strcspn(s, ",");

	if (s[n] == ':') {
		if (s[n + 1] == '\0') {
			ctx_error(f->ctx, f->t->name, line,
			    "empty accept filter in '%s'", s);
			return -1;
		}
		if (set_field(f, d, INETD_ACCEPT_FILTER, s + n + 1,
		    strlen(s + n + 1), line) == -1)
			return -1;
	}
	if (m < n && set_field(f, d, INETD_BACKLOG, s + m + 1, n - m - 1,
	    line) == -1)
		return -1;
	return set_field(f, d, INETD_SOCKTYPE, s, m < n ? m : n, line);
}

/* protocol[,sndbuf=size][,rcvbuf=size] */
static int
pos_protocol(struct ifile *f, struct inetd_def *d, const char *s, int line)
{
	enum inetd_field fl;
	const char *p, *o;
	size_t n = strcspn(s, ",");

	if (set_field(f, d, INETD_PROTOCOL, s, n, line) == -1)
		return -1;
	for (p = s + n; *p == ','; p += n) {
		p++;
		n = strcspn(p, ",");
		if (strncmp(p, "sndbuf=", 7) == 0)
			fl = INETD_SNDBUF;
		else if (strncmp(p, "rcvbuf=", 7) == 0)
			fl = INETD_RCVBUF;
		else {
			ctx_error(f->ctx, f->t->name, line,
			    "unknown protocol option '%.*s'", (int)n, p);
			return -1;
		}
		if (d->f[fl] != NULL) {
			ctx_error(f->ctx, f->t->name, line, "protocol option "
			    "'%.6s' given twice", p);
			return -1;
		}
		o = p + 7;
		if (set_field(f, d, fl, o, (size_t)(p + n - o), line) == -1)
			return -1;
	}
	return 0;
}

/*
 * wait|nowait, then ".max" or ":max" (spawns per minute), or FreeBSD's
 * "/max-child[/max-connections-per-ip-per-minute[/max-child-per-ip]]".
 */
static int
pos_wait(struct ifile *f, struct inetd_def *d, const char *s, int line)
{
	static const enum inetd_field limits[] = {
		INETD_INSTANCES, INETD_PER_SOURCE_RATE, INETD_PER_SOURCE
	};
	size_t n = strcspn(s, ".:/"), i;
	const char *p;

	if (n == 4 && strncmp(s, "wait", 4) == 0)
		d->f[INETD_WAIT] = "yes";
	else if (n == 6 && strncmp(s, "nowait", 6) == 0)
		d->f[INETD_WAIT] = "no";
	else {
		ctx_error(f->ctx, f->t->name, line,
		    "expected 'wait' or 'nowait', found '%s'", s);
		return -1;
	}
	d->fline[INETD_WAIT] = line;
	if (s[n] == '.' || s[n] == ':')
		return set_field(f, d, INETD_MAX_SPAWNS, s + n + 1,
		    strlen(s + n + 1), line);
	for (p = s + n, i = 0; *p == '/'; p += n, i++) {
		p++;
		n = strcspn(p, "/");
		if (i == NELEM(limits)) {
			ctx_error(f->ctx, f->t->name, line,
			    "too many limits in '%s' (at most 3)", s);
			return -1;
		}
		if (set_field(f, d, limits[i], p, n, line) == -1)
			return -1;
	}
	return 0;
}

/* user[:group][/class], or user.group when there is no ':' */
static int
pos_user(struct ifile *f, struct inetd_def *d, const char *s, int line)
{
	size_t n = strcspn(s, "/"), u;
	const char *what = NULL;

	if (s[n] == '/') {
		if (s[n + 1] == '\0')
			what = "login class";
		else if (set_field(f, d, INETD_LOGIN_CLASS, s + n + 1,
		    strlen(s + n + 1), line) == -1)
			return -1;
	}
	u = strcspn(s, ":") < n ? strcspn(s, ":") : strcspn(s, ".");
	if (u > n)
		u = n;
	if (u == 0)
		what = "user name";
	else if (u < n && u + 1 == n)
		what = "group name";
	if (what != NULL) {
		ctx_error(f->ctx, f->t->name, line, "empty %s in '%s'", what,
		    s);
		return -1;
	}
	if (u < n && set_field(f, d, INETD_GROUP, s + u + 1, n - u - 1,
	    line) == -1)
		return -1;
	return set_field(f, d, INETD_USER, s, u, line);
}

/* The program and its argv; "internal" needs neither. */
static int
pos_program(struct ifile *f, struct inetd_def *d, const struct words *ws)
{
	size_t i;

	if (strcmp(ws->w.v[5], "internal") == 0) {
		/*
		 * FreeBSD's auth takes options: keep what follows, except
		 * the old habit of writing "internal" twice.
		 */
		if (ws->w.n == 7 && strcmp(ws->w.v[6], "internal") == 0)
			return 0;
		for (i = 6; i < ws->w.n; i++)
			strlist_add(&d->args, ws->w.v[i], &f->ctx->cfg->nomem);
		if (ws->w.n > 6)
			d->args_line = ws->line[6];
		return 0;
	}
	if (ws->w.v[5][0] == '\0') {
		ctx_error(f->ctx, f->t->name, ws->line[5],
		    "empty program name");
		return -1;
	}
	if (set_field(f, d, INETD_SERVER, ws->w.v[5], strlen(ws->w.v[5]),
	    ws->line[5]) == -1)
		return -1;
	for (i = 6; i < ws->w.n; i++)
		strlist_add(&d->args, ws->w.v[i], &f->ctx->cfg->nomem);
	if (ws->w.n > 6)
		d->args_line = ws->line[6];
	return 0;
}

static int
pos_fields(struct ifile *f, struct inetd_def *d, const struct words *ws)
{
	char *const *w = ws->w.v;
	int rv;

	if (ws->w.n < 6) {
		ctx_error(f->ctx, f->t->name, d->line,
		    "expected at least 6 fields, found %zu", ws->w.n);
		return -1;
	}
	rv = def_service(f, d, w[0], strlen(w[0]), ws->line[0]);
	rv |= pos_socktype(f, d, w[1], ws->line[1]);
	rv |= pos_protocol(f, d, w[2], ws->line[2]);
	rv |= pos_wait(f, d, w[3], ws->line[3]);
	rv |= pos_user(f, d, w[4], ws->line[4]);
	rv |= pos_program(f, d, ws);
	return rv;
}

/*
 * A positional definition from p on line ln, with the continuation lines
 * (starting with a blank) that follow.  Returns the next line to read.
 */
static size_t
do_positional(struct ifile *f, size_t ln, const char *p, bool disabled)
{
	struct inetd_def d;
	struct words ws;
	size_t n;

	memset(&ws, 0, sizeof(ws));
	words_scan(f, &ws, p, (int)ln + 1);
	for (n = ln + 1; n < f->t->nlines; n++) {
		p = f->t->lines[n];
		if ((p[0] != ' ' && p[0] != '\t') || is_empty_line(p))
			break;
		words_scan(f, &ws, p, (int)n + 1);
	}
	def_init(f, &d, ln, disabled);
	if (!ws.bad && pos_fields(f, &d, &ws) == 0)
		def_emit(f, &d);
	def_free(&d);
	words_free(&ws);
	return n;
}

/*
 * A key/value definition: w is the service field, p points after "on" or
 * "off".  On return *ln and *pp tell where reading goes on.
 */
static void
do_kv(struct ifile *f, size_t *ln, const char **pp, const char *w, size_t n,
    bool disabled)
{
	struct inetd_def d;
	bool was;
	int rv;

	def_init(f, &d, *ln, disabled);
	d.kv = true;
	/* A service switched off: its problems are warnings. */
	was = f->ctx->demote;
	f->ctx->demote = was || disabled;
	rv = def_service(f, &d, w, n, (int)*ln + 1);
	if (parse_kv(f->ctx, f->t, ln, pp, &d) == 0 && rv == 0)
		def_emit(f, &d);
	f->ctx->demote = was;
	def_free(&d);
}

/* "on" or "off" as the second word makes a key/value definition. */
static size_t
onoff_len(const char *p)
{
	size_t n = strcspn(p, " \t\f\v\r,;#");

	if ((n == 2 && strncmp(p, "on", 2) == 0) ||
	    (n == 3 && strncmp(p, "off", 3) == 0))
		return n;
	return 0;
}

/*
 * One definition (or "addr:" line) starting at *pp on line *ln.  When it
 * ends inside a line (key/value), *pp is where reading goes on; else *pp
 * is NULL and *ln the next line to read.
 */
static void
do_statement(struct ifile *f, size_t *ln, const char **pp, bool disabled,
    bool indented)
{
	const char *w = *pp, *e = word_end(w), *q = skip_blanks(e);
	size_t k;

	if ((k = onoff_len(q)) > 0) {
		*pp = q + k;
		do_kv(f, ln, pp, w, (size_t)(e - w), disabled ||
		    k == 3);
		return;
	}
	*pp = NULL;
	if (indented) {
		ctx_error(f->ctx, f->t->name, (int)*ln + 1,
		    "continuation line without a definition");
		(*ln)++;
		return;
	}
	if (*q == '\0' && e[-1] == ':' && *w != '/') {
		if (!disabled)
			set_listen_addr(f, w, (size_t)(e - w), (int)*ln + 1);
		(*ln)++;
		return;
	}
	*ln = do_positional(f, *ln, w, disabled);
}

/* Definitions from p on line ln; returns the next line to read. */
static size_t
do_statements(struct ifile *f, size_t ln, const char *p, bool disabled,
    bool indented)
{
	size_t first = ln;

	for (;;) {
		do_statement(f, &ln, &p, disabled && ln == first, indented);
		if (p == NULL || ln >= f->t->nlines)
			return ln;
		while (is_blank(*p) || *p == ';')
			p++;		/* empty definitions */
		if (*p == '\0' || *p == '#')
			return ln + 1;
		indented = false;
	}
}

/* Escape the glob characters of a directory name. */
static char *
glob_quote(const char *s, size_t n)
{
	char *q, *p;
	size_t i;

	if ((q = malloc(2 * n + 1)) == NULL)
		return NULL;
	for (i = 0, p = q; i < n; i++) {
		if (strchr("*?[]\\", s[i]) != NULL)
			*p++ = '\\';
		*p++ = s[i];
	}
	*p = '\0';
	return q;
}

/* The pattern relative to the directory of the current file. */
static char *
include_pattern(struct ifile *f, const char *pat)
{
	const char *slash = strrchr(f->t->name, '/');
	char *dir, *full;
	size_t len;

	if (pat[0] == '/' || slash == NULL)
		return strdup(pat);
	if ((dir = glob_quote(f->t->name, (size_t)(slash -
	    f->t->name))) == NULL)
		return NULL;
	len = strlen(dir) + strlen(pat) + 2;
	if ((full = malloc(len)) != NULL)
		snprintf(full, len, "%s/%s", dir, pat);
	free(dir);
	return full;
}

static int
cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read each match; they inherit the listen address and IPsec policy. */
static void
include_matches(struct ifile *f, size_t ln, glob_t *g)
{
	const char *addr = f->ctx->inetd_addr, *ipsec = f->ctx->inetd_ipsec;
	size_t i, n;

	if (g->gl_pathc > 1)
		qsort(g->gl_pathv, g->gl_pathc, sizeof(*g->gl_pathv),
		    cmp_paths);
	f->ctx->inetd_addr = f->addr;
	f->ctx->inetd_ipsec = f->ipsec;
	for (i = 0; i < g->gl_pathc; i++) {
		n = strlen(g->gl_pathv[i]);
		if (n > 0 && g->gl_pathv[i][n - 1] == '/')
			continue;	/* a directory */
		ctx_read_file(f->ctx, g->gl_pathv[i], XCFG_SYNTAX_INETD,
		    f->t->name, (int)ln + 1);
	}
	f->ctx->inetd_addr = addr;
	f->ctx->inetd_ipsec = ipsec;
}

static void
do_include(struct ifile *f, size_t ln, const char *pat)
{
	char *full;
	glob_t g;
	int rv;

	if ((full = include_pattern(f, pat)) == NULL) {
		f->ctx->cfg->nomem = true;
		return;
	}
	memset(&g, 0, sizeof(g));
	rv = glob(full, GLOB_MARK | GLOB_NOSORT, NULL, &g);
	if (rv == 0)
		include_matches(f, ln, &g);
	else if (rv == GLOB_NOSPACE)
		f->ctx->cfg->nomem = true;
	else
		ctx_warn(f->ctx, f->t->name, (int)ln + 1,
		    "no files match '%s'", full);
	globfree(&g);
	free(full);
}

/* ".include GLOB" (the pattern may be quoted; the rest is ignored). */
static void
do_directive(struct ifile *f, size_t ln, const char *p)
{
	const char *e = word_end(p), *q;
	char *pat;

	if (e - p != 8 || strncmp(p, ".include", 8) != 0) {
		ctx_error(f->ctx, f->t->name, (int)ln + 1,
		    "unknown directive '%.*s'", (int)(e - p), p);
		return;
	}
	p = skip_blanks(e);
	if (*p == '"' || *p == '\'') {
		if ((q = strchr(p + 1, *p)) == NULL) {
			ctx_error(f->ctx, f->t->name, (int)ln + 1,
			    "unterminated quote in '%s'", p);
			return;
		}
		p++;
	} else
		q = word_end(p);
	if (q == p) {
		ctx_error(f->ctx, f->t->name, (int)ln + 1,
		    "missing file name after '.include'");
		return;
	}
	if ((pat = strndup(p, (size_t)(q - p))) == NULL) {
		f->ctx->cfg->nomem = true;
		return;
	}
	do_include(f, ln, pat);
	free(pat);
}

/* One line at its start; returns the next line to read. */
static size_t
do_line(struct ifile *f, size_t ln)
{
	const char *line = f->t->lines[ln], *p;
	bool disabled = false;

	if (strncmp(line, OFF_PREFIX, strlen(OFF_PREFIX)) == 0) {
		disabled = true;
		p = skip_blanks(line + strlen(OFF_PREFIX));
		if (*p == '\0' || *p == '#' || *p == '.')
			return ln + 1;	/* a comment all the same */
		/* A service switched off: its problems are warnings. */
		f->ctx->demote = true;
		ln = do_statements(f, ln, p, true, false);
		f->ctx->demote = false;
		return ln;
	}
	p = skip_blanks(line);
	if (p[0] == '#' && p[1] == '@') {
		set_policy(f, p + 2);
		return ln + 1;
	}
	if (*p == '\0' || *p == '#')
		return ln + 1;
	if (*p == '.') {
		do_directive(f, ln, p);
		return ln + 1;
	}
	return do_statements(f, ln, p, disabled, p != line);
}

static int
ifile_init(struct ifile *f, struct loadctx *ctx, const struct text *t)
{
	memset(f, 0, sizeof(*f));
	f->ctx = ctx;
	f->t = t;
	if ((ctx->inetd_addr != NULL &&
	    (f->addr = strdup(ctx->inetd_addr)) == NULL) ||
	    (ctx->inetd_ipsec != NULL &&
	    (f->ipsec = strdup(ctx->inetd_ipsec)) == NULL)) {
		free(f->addr);
		ctx->cfg->nomem = true;
		return -1;
	}
	return 0;
}

static void
ifile_free(struct ifile *f)
{
	free(f->addr);
	free(f->ipsec);
	free(f->ids.v);
}

void
parse_inetd(struct loadctx *ctx, const struct text *t)
{
	struct ifile f;
	size_t ln = 0;

	if (ifile_init(&f, ctx, t) == -1)
		return;
	while (ln < t->nlines && !ctx->cfg->nomem)
		ln = do_line(&f, ln);
	ifile_free(&f);
}
