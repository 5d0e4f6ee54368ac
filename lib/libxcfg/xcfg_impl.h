/*
 * libxcfg internals shared by the parsers, the resolver and the printer.
 *
 * Every syntax is turned into raw entries: an ordered list of settings
 * "attribute op values" with the file and line they came from.  One
 * resolver turns raw entries into services, so the three syntaxes cannot
 * drift apart.
 */

#ifndef XCFG_IMPL_H
#define XCFG_IMPL_H

#include "xcfg.h"

#define XCFG_LINE_MAX	8192		/* longest line accepted */
#define XCFG_FILE_MAX	(16 << 20)	/* largest file accepted */
#define XCFG_DEPTH_MAX	16		/* include nesting */
#define XCFG_DIAG_MAX	200		/* diagnostics shown per load */
#define XCFG_DIAG_COLLECT 4096		/* collected, to sort, at most */

enum xcfg_op {
	OP_SET,		/* = */
	OP_ADD,		/* += */
	OP_DEL		/* -= */
};

struct setting {
	char		*attr;
	enum xcfg_op	 op;
	struct xcfg_strlist values;
	const char	*file;
	int		 line;
};

enum raw_kind {
	RAW_DEFAULTS,
	RAW_SERVICE
};

struct raw_entry {
	enum raw_kind	 kind;
	char		*name;		/* service name as written */
	const char	*file;
	int		 line;
	bool		 disabled;	/* #<off># line or NetBSD "off" */
	bool		 inetd;		/* came from an inetd.conf syntax */
	size_t		 n;
	struct setting	*v;
};

/* One file read into memory, split into lines. */
struct text {
	const char	*name;		/* interned in the load context */
	dev_t		 dev;		/* identity of the file read, */
	ino_t		 ino;		/* for include loops */
	char		*buf;
	size_t		 len;
	size_t		 nlines;
	char		**lines;	/* NUL-terminated, no newline */
};

struct loadctx {
	struct xcfg	*cfg;
	const struct xcfg_options *opts;
	const char	*stack[XCFG_DEPTH_MAX];	/* files being read */
	dev_t		 stack_dev[XCFG_DEPTH_MAX];
	ino_t		 stack_ino[XCFG_DEPTH_MAX];
	int		 depth;
	bool		 demote;	/* errors become warnings */
	bool		 hard;		/* but not this one */
	size_t		 ndemoted;	/* errors made warnings so far */
	size_t		 nraw;
	struct raw_entry *raw;
	/* parse_inetd.c: what an inetd.conf file hands to its .include */
	const char	*inetd_addr;	/* listen address of "addr:" lines */
	const char	*inetd_ipsec;	/* policy of "#@" lines */
};

struct xcfg {
	size_t		 nservices;
	struct xcfg_service *services;
	size_t		 ndiags;
	struct xcfg_diag *diags;
	size_t		 nerrors;
	bool		 dropped;	/* more than XCFG_DIAG_COLLECT */
	bool		 nomem;
	size_t		 nnames;
	char		**names;	/* interned file names */
	struct xcfg_paths paths;	/* copies, for merges */
};

/* xcfg.c */
const char	*ctx_intern(struct loadctx *, const char *);
void		 ctx_error(struct loadctx *, const char *, int, const char *,
		    ...) __attribute__((__format__(__printf__, 4, 5)));
void		 ctx_error_hard(struct loadctx *, const char *, int,
		    const char *, ...)
		    __attribute__((__format__(__printf__, 4, 5)));
void		 ctx_warn(struct loadctx *, const char *, int, const char *,
		    ...) __attribute__((__format__(__printf__, 4, 5)));
void		 ctx_read_file(struct loadctx *, const char *, enum xcfg_syntax,
		    const char *, int);

/* text.c */
int		 text_read(struct loadctx *, const char *, struct text *,
		    const char *, int);
int		 text_from_buffer(struct loadctx *, const char *, const char *,
		    size_t, struct text *);
void		 text_free(struct text *);
bool		 text_is_blank(const char *);
size_t		 utf8_len(const unsigned char *, size_t);
enum xcfg_syntax text_guess_syntax(const struct text *);

/* raw.c: building raw entries */
struct raw_entry *raw_new(struct loadctx *, enum raw_kind, const char *,
		    const char *, int);
struct setting	*raw_add(struct loadctx *, struct raw_entry *, const char *,
		    enum xcfg_op, const char *, int);
void		 raw_value(struct loadctx *, struct setting *, const char *);
struct setting	*raw_set1(struct loadctx *, struct raw_entry *, const char *,
		    const char *, const char *, int);
void		 raw_free_all(struct loadctx *);
void		 strlist_add(struct xcfg_strlist *, const char *, bool *);
void		 strlist_free(struct xcfg_strlist *);
char		*xstrdup(struct loadctx *, const char *);

/* parse_xinetd.c */
void		 parse_xinetd(struct loadctx *, const struct text *);
/* parse_inetd.c: positional lines; hands key/value ones to parse_kv.c */
void		 parse_inetd(struct loadctx *, const struct text *);

/* One inetd.conf definition, positional or key/value, fields as written. */
enum inetd_field {
	INETD_ADDR,		/* listen address; "*" for any */
	INETD_SERVICE,		/* service-spec without the address */
	INETD_SOCKTYPE,
	INETD_ACCEPT_FILTER,	/* "name" or "name,arg" */
	INETD_BACKLOG,		/* accept_max */
	INETD_PROTOCOL,		/* without ",sndbuf=" and ",rcvbuf=" */
	INETD_SNDBUF,
	INETD_RCVBUF,
	INETD_WAIT,		/* "yes" or "no" */
	INETD_MAX_SPAWNS,
	INETD_INSTANCES,
	INETD_PER_SOURCE_RATE,
	INETD_PER_SOURCE,
	INETD_USER,
	INETD_GROUP,
	INETD_LOGIN_CLASS,
	INETD_SERVER,		/* NULL: internal */
	INETD_IPSEC,		/* NULL or "": none */
	INETD_NFIELDS
};

struct inetd_def {
	int		 line;		/* where the definition starts */
	bool		 disabled;	/* "#<off>#" or "off" */
	bool		 kv;		/* key/value notation */
	bool		 addr_prefix;	/* the service field named an address */
	const char	*f[INETD_NFIELDS];
	int		 fline[INETD_NFIELDS];	/* 0: inherited, not written */
	struct xcfg_strlist args;	/* argv, argv[0] first */
	int		 args_line;
	struct xcfg_strlist pool;	/* owns the strings f points to */
};

/* parse_kv.c: the options of one key/value definition, up to its ';' */
int		 parse_kv(struct loadctx *, const struct text *, size_t *,
		    const char **, struct inetd_def *);

/* resolve.c */
void		 resolve_all(struct loadctx *);

/*
 * A service while its settings are applied: the record plus what only
 * matters until it is finished (resolve.c).
 */
#define ATTR_MAX	96

struct build {
	struct xcfg_service svc;
	struct xcfg_strlist server_args;
	bool		 server_args_set;
	bool		 nameinargs;
	bool		 ipv4, ipv6;	/* flags = IPv4 / IPv6 */
	enum xcfg_tristate v6only;
	bool		 v6only_own;	/* v6only given by the service */
	struct xcfg_strlist enabled;	/* defaults: enabled = */
	struct xcfg_strlist disabled;	/* defaults: disabled = */
	unsigned char	 seen[ATTR_MAX];	/* attributes given */
};

/* attr.c */
void		 service_init(struct xcfg_service *);
void		 service_free(struct xcfg_service *);
void		 build_init(struct build *);
int		 build_copy(struct loadctx *, struct build *,
		    const struct build *);
void		 build_free(struct build *);
int		 build_apply(struct loadctx *, struct build *,
		    const struct setting *, bool);
bool		 build_given(const struct build *, const char *);

/* addr.c */
int		 addr_parse(struct loadctx *, const char *, int, const char *,
		    struct xcfg_addrlist *);
bool		 addr_equal(const struct xcfg_addr *, const struct xcfg_addr *);
void		 addrlist_free(struct xcfg_addrlist *);

/* lookup.c */
int		 lookup_service(const struct xcfg_paths *, const char *,
		    const char *, int *);
int		 lookup_protocol(const struct xcfg_paths *, const char *,
		    int *);
int		 lookup_rpc(const struct xcfg_paths *, const char *, int *);
int		 lookup_user(const struct xcfg_paths *, const char *, uid_t *,
		    gid_t *);
int		 lookup_group(const struct xcfg_paths *, const char *, gid_t *);
int		 lookup_network(const struct xcfg_paths *, const char *,
		    struct in_addr *);
void		 lookup_forget(void);

/* validate.c */
void		 validate_all(struct loadctx *);
bool		 same_socket(const struct xcfg_service *,
		    const struct xcfg_service *);

#endif /* XCFG_IMPL_H */
