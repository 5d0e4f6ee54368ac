/*
 * libxcfg: read xinetd.conf, inetd.conf and NetBSD key/value inetd.conf
 * files into one validated, immutable service table.
 *
 * The library never opens a socket and never forks.  Every problem found
 * is reported as "file:line: message"; loading never stops at the first.
 */

#ifndef XCFG_H
#define XCFG_H

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define XCFG_UNLIMITED	(-1)	/* instances, per_source, rlimits, ... */
#define XCFG_UNSET	(-2)	/* an optional number that was not given */

/* per_source counts IPv6 clients by network: one host owns a /64. */
#define XCFG_PER_SOURCE_PREFIX6	64

/* type = */
#define XCFG_TYPE_RPC		0x01
#define XCFG_TYPE_INTERNAL	0x02
#define XCFG_TYPE_TCPMUX	0x04
#define XCFG_TYPE_TCPMUXPLUS	0x08
#define XCFG_TYPE_UNLISTED	0x10

/* flags = (IPv4, IPv6 and NAMEINARGS are folded into family and argv) */
#define XCFG_FLAG_INTERCEPT	0x001
#define XCFG_FLAG_NORETRY	0x002
#define XCFG_FLAG_IDONLY	0x004
#define XCFG_FLAG_NODELAY	0x008
#define XCFG_FLAG_KEEPALIVE	0x010
#define XCFG_FLAG_NOLIBWRAP	0x020
#define XCFG_FLAG_SENSOR	0x040
#define XCFG_FLAG_REUSE		0x080
#define XCFG_FLAG_FAITH		0x100

/* log_on_success = */
#define XCFG_LOG_PID		0x01
#define XCFG_LOG_HOST		0x02
#define XCFG_LOG_USERID		0x04
#define XCFG_LOG_EXIT		0x08
#define XCFG_LOG_DURATION	0x10
#define XCFG_LOG_TRAFFIC	0x20
/* log_on_failure = (HOST and USERID as above) */
#define XCFG_LOG_ATTEMPT	0x40

enum xcfg_family {
	XCFG_FAMILY_DUAL,	/* IPv6 socket accepting IPv4 too (tcp46) */
	XCFG_FAMILY_INET,	/* IPv4 only (tcp4, flags = IPv4) */
	XCFG_FAMILY_INET6,	/* IPv6 only (tcp6, v6only = yes) */
	XCFG_FAMILY_UNIX	/* FreeBSD "unix" sockets; bind is a path */
};

enum xcfg_log_kind {
	XCFG_LOG_SYSLOG,
	XCFG_LOG_FILE
};

struct xcfg_log {
	enum xcfg_log_kind kind;
	int		 facility;	/* LOG_DAEMON, ... (SYSLOG) */
	int		 level;		/* LOG_INFO, ... (SYSLOG) */
	char		*path;		/* FILE */
	long long	 soft;		/* FILE soft limit, bytes; 0 none */
	long long	 hard;		/* FILE hard limit, bytes; 0 none */
};

enum xcfg_addr_kind {
	XCFG_ADDR_INET,		/* IPv4 network: addr/prefix */
	XCFG_ADDR_INET6,	/* IPv6 network: addr/prefix */
	XCFG_ADDR_HOST,		/* host name, resolved per connection */
	XCFG_ADDR_DOMAIN	/* ".domain": reverse name of the peer */
};

struct xcfg_addr {
	enum xcfg_addr_kind kind;
	union {
		struct in_addr	v4;
		struct in6_addr	v6;
	} addr;
	int		 prefix;	/* bits; for HOST and DOMAIN unused */
	char		*name;		/* HOST, DOMAIN; NULL otherwise */
	char		*text;		/* the rule as written */
};

struct xcfg_addrlist {
	bool		 set;		/* "only_from =" sets an empty list */
	size_t		 n;
	struct xcfg_addr *v;
};

struct xcfg_interval {
	int		 start;		/* minutes after midnight, 0..1439 */
	int		 end;		/* inclusive, 0..1440 (24:00) */
};

struct xcfg_strlist {
	size_t		 n;
	char		**v;
};

enum xcfg_rlimit {
	XCFG_RLIMIT_AS,
	XCFG_RLIMIT_CPU,
	XCFG_RLIMIT_DATA,
	XCFG_RLIMIT_FILES,
	XCFG_RLIMIT_RSS,
	XCFG_RLIMIT_STACK,
	XCFG_RLIMIT_COUNT
};

#define XCFG_DENY_FOREVER	(-1)	/* deny_time = FOREVER */
#define XCFG_DENY_NEVER		0	/* deny_time = NEVER */

enum xcfg_tristate {
	XCFG_NO,
	XCFG_YES,
	XCFG_DEFAULT
};

/*
 * One service, normalized: the same line written as an inetd.conf entry,
 * a NetBSD key/value definition or an xinetd block gives an equal record
 * (xcfg_service_equal).
 */
struct xcfg_service {
	char		*id;		/* unique within the table */
	char		*name;		/* service name (services(5), tcpmux) */
	const char	*file;		/* where it was defined */
	int		 line;
	bool		 disabled;	/* disable = yes, #<off>#, "off" */

	unsigned	 type;		/* XCFG_TYPE_* */
	unsigned	 flags;		/* XCFG_FLAG_* */
	int		 socktype;	/* SOCK_STREAM, SOCK_DGRAM, ... */
	char		*protocol;	/* "tcp", "udp", "unix" */
	int		 protonum;	/* from protocols(5); 0 for unix */
	bool		 wait;
	enum xcfg_family family;
	int		 port;		/* host order; 0: none (RPC, tcpmux) */
	char		*bind;		/* address, host name or unix path */

	char		*user;		/* NULL: the daemon's own */
	uid_t		 uid;
	char		*group;		/* NULL: the user's primary group */
	gid_t		 gid;
	bool		 groups;	/* groups = yes: supplementary groups */
	char		*login_class;	/* FreeBSD user:group/class */

	char		*server;	/* NULL for INTERNAL */
	struct xcfg_strlist argv;	/* argv[0] first, as exec'd */
	char		*libwrap;	/* libwrap = name, or NULL */

	int		 rpc_lo, rpc_hi;	/* rpc_version */
	int		 rpc_number;

	int		 instances;	/* XCFG_UNLIMITED or count */
	int		 per_source;	/* XCFG_UNLIMITED or count */
	int		 cps_rate;	/* 0: cps off */
	int		 cps_wait;	/* seconds */
	int		 max_spawns;	/* per minute; XCFG_UNSET */
	int		 per_source_rate; /* per source a minute, XCFG_UNSET */
	double		 max_load;	/* 0: no limit */
	int		 nice;		/* XCFG_UNSET or -20..19 */
	int		 umask;		/* XCFG_UNSET or 0..0777 */
	/* XCFG_UNSET, XCFG_UNLIMITED or the limit */
	long long	 rlimit[XCFG_RLIMIT_COUNT];
	int		 deny_time;	/* minutes; XCFG_DENY_*; XCFG_UNSET */
	int		 sndbuf, rcvbuf; /* XCFG_UNSET or bytes */
	int		 backlog;	/* listen(2) backlog; XCFG_UNSET */
	int		 per_source_prefix6; /* IPv6 sources: prefix bits */
	char		*accept_filter;	/* "name" or "name,arg" */
	char		*ipsec;		/* policy string, or NULL */
	bool		 mdns;

	struct xcfg_addrlist only_from;
	struct xcfg_addrlist no_access;
	size_t		 n_access_times;
	struct xcfg_interval *access_times;

	struct xcfg_log	 log;
	unsigned	 log_on_success; /* XCFG_LOG_* */
	unsigned	 log_on_failure;

	struct xcfg_strlist env;	/* NAME=value */
	struct xcfg_strlist passenv;	/* NAME */
	bool		 passenv_set;	/* passenv given: restrict it */

	char		*redirect_host;	/* redirect = host port */
	int		 redirect_port;
	char		*redirect_source; /* local address to connect from */
	char		*banner;
	char		*banner_success;
	char		*banner_fail;
};

/*
 * Where names are looked up.  A NULL path means the C library
 * (getservbyname(3) and friends); a path means that file, read in the
 * format of services(5), protocols(5), rpc(5), passwd(5), group(5) or
 * networks(5).  Tests use files so they never depend on the host's /etc.
 */
struct xcfg_paths {
	const char	*services;
	const char	*protocols;
	const char	*rpc;
	const char	*passwd;
	const char	*group;
	const char	*networks;
};

enum xcfg_syntax {
	XCFG_SYNTAX_AUTO,	/* decide per file from its content */
	XCFG_SYNTAX_XINETD,
	XCFG_SYNTAX_INETD	/* positional and NetBSD key/value lines */
};

/*
 * The BSD inetd command line's limits (-c -s -C -R) and address (-a):
 * values for inetd.conf services that set none of their own.  0 and
 * NULL leave a setting alone.
 */
struct xcfg_inetd_defaults {
	int		 instances;	/* -c */
	int		 per_source;	/* -s */
	int		 per_source_rate; /* -C */
	int		 max_spawns;	/* -R */
	const char	*bind;		/* -a */
	bool		 nowrap_external; /* no -w: NOLIBWRAP on servers */
	bool		 nowrap_internal; /* no -W: NOLIBWRAP on built-ins */
	bool		 cps_off;	/* no cps where a line sets none */
};

struct xcfg_options {
	struct xcfg_paths paths;
	enum xcfg_syntax syntax;	/* of the top file */
	struct xcfg_inetd_defaults inetd;
};

struct xcfg_diag {
	char		*file;
	int		 line;		/* 0: the file as a whole */
	bool		 warning;	/* does not make the load fail */
	char		*msg;
};

struct xcfg;

/*
 * Load one file (and what it includes).  Returns a table even when
 * problems were found, so all of them can be listed; xcfg_ok() tells
 * whether the table may be used.  Returns NULL only when out of memory.
 */
struct xcfg	*xcfg_load(const char *, const struct xcfg_options *);
/* The same, for text in memory (fuzzers, tests); name is used in messages. */
struct xcfg	*xcfg_load_buffer(const char *, const char *, size_t,
		    const struct xcfg_options *);
/*
 * Add the services of another file to a loaded table.  Entries of the
 * table win over conflicting ones of the new file (xinetd -inetd_compat).
 */
void		 xcfg_merge_file(struct xcfg *, const char *,
		    const struct xcfg_options *);
void		 xcfg_free(struct xcfg *);

bool		 xcfg_ok(const struct xcfg *);
size_t		 xcfg_ndiags(const struct xcfg *);
const struct xcfg_diag *xcfg_diag(const struct xcfg *, size_t);
/* Print every diagnostic as "file:line: message". */
void		 xcfg_print_diags(const struct xcfg *, FILE *);

/* Services in definition order, disabled ones included. */
size_t		 xcfg_nservices(const struct xcfg *);
const struct xcfg_service *xcfg_service(const struct xcfg *, size_t);
const struct xcfg_service *xcfg_find(const struct xcfg *, const char *);

/*
 * The groups of user, gid first, as initgroups(3) would set them; at
 * most max.  The number found, or -1.  Uses p->group when set.
 */
int		 xcfg_user_groups(const struct xcfg_paths *, const char *,
		    gid_t, gid_t *, int);

/* Compare everything but where the service was defined. */
bool		 xcfg_service_equal(const struct xcfg_service *,
		    const struct xcfg_service *);

/* Print the table as xinetd.conf blocks that load back to the same table. */
int		 xcfg_dump(const struct xcfg *, FILE *);
int		 xcfg_dump_service(const struct xcfg_service *, FILE *);

#endif /* XCFG_H */
