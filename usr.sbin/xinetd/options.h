/*
 * The daemon's command line, as read by either front-end.
 */

#ifndef OPTIONS_H
#define OPTIONS_H

#include <stdbool.h>

#include "xcfg.h"

enum mode {
	MODE_SERVE,
	MODE_CHECK,	/* -n */
	MODE_DUMP	/* -dump */
};

struct options {
	bool		 inetd;		/* started as "inetd" */
	enum mode	 mode;
	const char	*config;	/* -f, or the inetd file argument */
	bool		 debug;		/* -d */
	bool		 foreground;	/* -dontfork, inetd -d/-f */
	bool		 stayalive;	/* -stayalive */
	const char	*pidfile;	/* -pidfile, inetd -p */
	const char	*filelog;	/* -filelog */
	int		 syslog_facility; /* -syslog, or -1 */
	int		 limit;		/* -limit: processes, or -1 */
	int		 logprocs;	/* -logprocs: ident look-ups, or -1 */
	int		 cc_interval;	/* -cc: seconds, or -1 */
	bool		 inetd_compat;	/* -inetd_compat */
	/* BSD inetd options */
	bool		 log_success;	/* -l */
	bool		 wrap_external;	/* -w */
	bool		 wrap_internal;	/* -W */
	const char	*bind_address;	/* -a */
	int		 max_child;	/* -c, or -1 */
	int		 max_conn_per_ip; /* -C per minute, or -1 */
	int		 max_spawn_rate; /* -R per minute, or -1 */
	int		 max_child_per_ip; /* -s, or -1 */
};

#ifndef PATH_XINETD_CONF
#define PATH_XINETD_CONF	"/etc/xinetd.conf"
#endif
#ifndef PATH_INETD_CONF
#define PATH_INETD_CONF		"/etc/inetd.conf"
#endif

/* options.c */
int		 options_parse(struct options *, int, char **);
void		 options_usage(const struct options *);
/* config.c */
struct xcfg	*config_load(const struct options *);
void		 config_paths(struct xcfg_paths *);
int		 config_check(const struct options *);

#endif /* OPTIONS_H */
