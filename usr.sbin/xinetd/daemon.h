/*
 * The serving daemon's state: the running service table built from a
 * loaded configuration, its listening sockets and its children.
 */

#ifndef DAEMON_H
#define DAEMON_H

#include <sys/types.h>
#include <sys/resource.h>

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "addrtab.h"
#include "event.h"
#include "options.h"
#include "peer.h"
#include "xcfg.h"

/* A loaded configuration, shared by the services made from it. */
struct generation {
	struct xcfg	*cfg;
	unsigned	 refs;
};

struct service;
struct gate;
struct listener;

/* The built-in services (builtin.c). */
enum builtin {
	BUILTIN_NONE,
	BUILTIN_ECHO,
	BUILTIN_DISCARD,
	BUILTIN_CHARGEN,
	BUILTIN_DAYTIME,
	BUILTIN_TIME,
	BUILTIN_TCPMUX,
	BUILTIN_AUTH,
	BUILTIN_SERVICES,
	BUILTIN_SERVERS,
	BUILTIN_XADMIN
};

#define CHARGEN_LINE	74	/* 72 characters and CRLF */

/* A banner file, read when the configuration loads. */
enum {
	BANNER_ALWAYS,		/* banner */
	BANNER_SUCCESS,		/* banner_success */
	BANNER_FAIL,		/* banner_fail */
	BANNER_COUNT
};

struct banner {
	char		*text;
	size_t		 len;
};

/* What a server's process checks before exec (gate.c). */
struct gate_plan {
	bool		 names;		/* host and .domain access rules */
	bool		 libwrap;	/* hosts_access */
	bool		 ident;		/* ask the client's ident server */
	bool		 ident_busy;	/* would, but -logprocs are running */
	bool		 idonly;	/* refuse without an identity */
	bool		 banners;	/* banner, banner_success */
	bool		 plus;		/* TCPMUXPLUS: "+Go" after the checks */
	int		 fd;		/* the daemon's end of the report */
};

/* The datagram first in line when a datagram server was started. */
struct dgram_head {
	struct peer	 peer;		/* who sent it */
	bool		 recorded;	/* there was one to record */
	size_t		 len;
	struct timespec	 ts;		/* when the kernel got it */
};

/* One listening socket of a service. */
struct listener {
	struct service	*svc;
	struct dgram_head *head;	/* datagram services only */
	struct event_timer *check;	/* paused: when to look again */
	uint64_t	 check_ms;
	int		 fd;		/* -1 while not open */
	int		 family;	/* AF_INET, AF_INET6, AF_UNIX */
	int		 v6only;	/* IPV6_V6ONLY as set; -1 n/a */
	int		 bind_errno;	/* why the last open failed */
	int		 queue0;	/* accept queue at the handover */
	bool		 watched;	/* in the event loop */
	bool		 handed;	/* a wait=yes server has it */
};

/* A service as the daemon runs it. */
struct service {
	const struct xcfg_service *cfg;
	struct generation *gen;
	struct listener	*l;		/* one per address family */
	int		 nl;
	int		 running;	/* children alive */
	bool		 retired;	/* gone from the configuration */
	bool		 skip;		/* kind not served (yet) */
	bool		 rpc_dup_told;	/* a clash of RPC entries logged */
	enum builtin	 builtin;	/* which built-in, worked out at load */
	struct event_timer *retry;	/* reopen failed listeners */
	struct event_timer *rearm;	/* wait=yes backoff */
	int		 quick_exits;	/* wait=yes exits without progress */
	uint64_t	 cps_window;	/* cps: this second's start */
	int		 cps_count;	/* connections in it */
	uint64_t	 cps_until;	/* refusing until then */
	uint64_t	 spawn_window;	/* max_spawns: this minute's start */
	int		 spawn_count;	/* servers started in it */
	struct addrtab	 ratesrc;	/* per_source_rate: by source */
	struct source	**srcbuckets;	/* per_source: servers by source */
	size_t		 nsrcbuckets;
	size_t		 nsources;
	uint64_t	 backoff_ms;
	unsigned long	 started;	/* servers started */
	unsigned long	 failed;	/* connections refused or failed */
	/* worked out from cfg at the first start of a server */
	char		**argv;		/* NULL-terminated */
	char		**envbase;	/* passenv and env applied */
	size_t		 nenvbase;
	gid_t		*sgroups;	/* supplementary groups */
	int		 nsgroups;	/* -1: not looked up yet */
	struct banner	 banners[BANNER_COUNT];
	struct sockaddr_storage rd_addr; /* redirect: the target */
	socklen_t	 rd_len;	/* 0: none, or not resolved */
	struct sockaddr_storage rd_src;	/* redirect_source, port 0 */
	socklen_t	 rd_srclen;	/* 0: none */
	struct service	*next;		/* retired list */
};

/* A running server. */
struct child {
	pid_t		 pid;
	struct service	*svc;
	const struct xcfg_service *cfg;	/* the settings it started under */
	struct generation *gen;		/* which keeps cfg alive */
	struct listener	*dgram;		/* datagram nowait: the socket */
	struct listener	*handed;	/* wait=yes: the listener it has */
	struct peer	 peer;		/* nowait: the client */
	struct source	*src;		/* its entry for per_source */
	time_t		 start;
	uint64_t	 start_ms;
	bool		 killed;	/* terminated by a reload */
	bool		 status_ok;	/* exited 0 */
	bool		 quiet;		/* no EXIT line: refused at the gate */
	bool		 logger;	/* only looks up a refused client */
	struct gate	*gate;		/* its report, while it comes */
	int		 queue;		/* wait=yes stream: accept queue */
	struct child	*hnext;		/* hash chain */
};

struct daemon {
	struct options	*o;
	struct event_loop *loop;
	struct generation *gen;		/* the configuration in force */
	struct service	**svc;		/* its services */
	size_t		 nsvc;
	struct service	*retired;	/* removed, servers still running */
	struct child	**ctab;		/* children by pid */
	size_t		 ctabsize;
	size_t		 nchildren;
	bool		 root;		/* may change user and group */
	struct rlimit	 nofile;	/* the limit servers get back */
	bool		 stopping;
	uint64_t	 started_ms;
	time_t		 started;
};

extern struct daemon daemon_state;

/* daemon.c */
int		 daemon_run(struct options *);

/* generation.c */
struct generation *generation_new(struct xcfg *);
void		 generation_ref(struct generation *);
void		 generation_unref(struct generation *);

/* service.c */
int		 services_start(struct generation *);
int		 services_reload(struct generation *, bool);
void		 services_stop(void);
void		 service_release(struct service *);
int		 service_prepare(struct service *);
int		 service_groups_prepare(struct service *);
void		 service_terminate(struct service *);
void		 service_child_gone(struct service *, struct child *, int);
struct source	*service_conn_begin(struct service *, const struct peer *);
void		 service_conn_end(struct service *, struct source *);

/* listener.c */
int		 listeners_open(struct service *);
void		 listeners_close(struct service *);
void		 listeners_free(struct service *);
bool		 listener_same(const struct xcfg_service *,
		    const struct xcfg_service *);
void		 listener_watch(struct listener *, bool);
void		 listeners_update(struct service *,
		    const struct xcfg_service *);

/* accept.c */
void		 listener_ready(struct event_loop *, int, unsigned, void *);
bool		 listener_head_unchanged(struct listener *);
int		 service_connection(struct service *, int, const struct peer *);
int		 listener_queue(int);

/* spawn.c */
void		 spawn_init(void);
pid_t		 spawn_server(struct service *, int, const struct peer *,
		    int *, struct gate_plan *);
pid_t		 spawn_ident_logger(int, const struct peer *, int *);
pid_t		 spawn_helper(int *);
pid_t		 spawn_builtin(struct service *, int, const struct peer *,
		    struct gate_plan *);

/* gate.c */
bool		 gate_plan(struct service *, const struct peer *,
		    struct gate_plan *);
void		 gate_run(struct service *, int, const struct peer *,
		    const struct gate_plan *, int);
void		 gate_report_failure(int, const char *, int);
void		 gate_report_refusal(int, const char *);
void		 gate_ident_report(int, const struct peer *, int);
void		 gate_refused(struct service *, int, const struct peer *,
		    const char *);
void		 gate_drain(int);
size_t		 gate_loggers(void);
int		 gate_watch(struct child *, const struct gate_plan *);
void		 gate_reaped(struct child *);

/* builtin.c, builtin_stream.c */
enum builtin	 builtin_of(const struct xcfg_service *);
void		 builtin_chargen_line(char *, unsigned);
size_t		 builtin_daytime(char *, size_t);
void		 builtin_time(unsigned char [4]);
void		 builtin_dgram(struct listener *);
void		 builtin_ports_update(void);
void		 builtin_tcpmux_go(int);
int		 builtin_stream_start(struct service *, int,
		    const struct peer *);
void		 builtin_stream_stop(void);
void		 builtin_serve(const struct service *, int);
bool		 builtin_needs_process(enum builtin);
bool		 builtin_serves(enum builtin, int);

/* admin.c, auth.c, sockowner.c */
void		 admin_serve(enum builtin, int);
void		 auth_check(const struct xcfg_service *);
void		 auth_serve(const struct service *, int);
int		 sockowner(const struct sockaddr_storage *, unsigned,
		    const struct sockaddr_storage *, unsigned, uid_t *);
size_t		 builtin_stream_count(void);

/* redirect.c */
void		 redirect_prepare(struct service *);
int		 redirect_start(struct service *, int, const struct peer *);
void		 redirect_serve(struct service *, int, int);
void		 redirect_failed(const struct xcfg_service *, const char *,
		    int);

/* banner.c */
int		 banners_load(struct service *);
void		 banners_free(struct service *);
bool		 banners_apply(const struct service *);
void		 banners_refused(const struct service *, int);
int		 banners_send(const struct service *, int, bool);

/* ident.c */
int		 ident_lookup(int, const struct peer *, char *, size_t);

/* libwrap.c */
void		 libwrap_init(void);
bool		 libwrap_active(void);
bool		 libwrap_allows(const char *, int, const struct peer *);
const char	*libwrap_name(const struct xcfg_service *);

/* checks.c */
const char	*checks_refuse(struct service *, const struct peer *);

/* rate.c */
bool		 rate_spawn_allowed(struct service *);
void		 rate_spawned(struct service *);
bool		 rate_source_allowed(struct service *, const struct peer *);
void		 rate_free(struct service *);

/* sensor.c */
bool		 sensor_denied(const struct peer *);
void		 sensor_touch(const struct service *, const struct peer *);
size_t		 sensor_count(void);

/* source.c */
struct source;
void		 source_key(const struct peer *, int, uint8_t [17]);
int		 source_count(const struct service *, const struct peer *);
struct source	*source_add(struct service *, const struct peer *);
void		 source_remove(struct service *, struct source *);
void		 sources_free(struct service *);

/* child.c */
struct child	*child_add(pid_t, struct service *, const struct peer *,
		    struct listener *);
struct child	*child_find(pid_t);
void		 child_remove(struct child *);
void		 children_reap(void);
void		 children_signal(int, bool (*)(const struct child *));
size_t		 children_count(void);

/* rpcreg.c */
void		 rpc_changed(const struct service *);
bool		 rpc_reaped(pid_t, int);
void		 rpc_resync(void);
void		 rpc_stop(void);

/* dumpstate.c */
void		 state_dump(void);

#endif /* DAEMON_H */
