/*
 * The built-in services.  Served in the event loop without a process:
 * echo (RFC 862), discard (RFC 863), chargen (RFC 864), daytime
 * (RFC 867) and time (RFC 868), for streams and datagrams, and tcpmux
 * (RFC 1078).  Served by a process of their own, for streams: auth
 * (RFC 1413, auth.c) and xinetd's services, servers and xadmin
 * (admin.c).
 *
 * Datagrams are answered at once.  A datagram whose source port is 0,
 * below 1024, or the port of a built-in service of the table is not
 * answered: servers live on those ports, and answering them could set
 * two servers talking to each other forever (a spoofed echo to
 * chargen, say).  Stream connections are in builtin_stream.c.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "daemon.h"
#include "log.h"
#include "svclog.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL		0
#endif

#define DGRAM_BATCH		32	/* datagrams per wakeup */
#define DGRAM_MAX		65536
#define CHARGEN_WIDTH		72
#define CHARGEN_FIRST		0x20
#define CHARGEN_COUNT		95	/* 0x20 to 0x7e */
#define CHARGEN_DGRAM_MAX	512
#define EPOCH_1900		2208988800ULL

static const struct {
	const char	*name;
	enum builtin	 kind;
	bool		 dgram;		/* has a datagram form */
	bool		 process;	/* served in a process of its own */
} builtins[] = {
	{ "echo",	BUILTIN_ECHO,		true,	false },
	{ "discard",	BUILTIN_DISCARD,	true,	false },
	{ "daytime",	BUILTIN_DAYTIME,	true,	false },
	{ "chargen",	BUILTIN_CHARGEN,	true,	false },
	{ "time",	BUILTIN_TIME,		true,	false },
	{ "tcpmux",	BUILTIN_TCPMUX,		false,	false },
	{ "auth",	BUILTIN_AUTH,		false,	true },
	{ "services",	BUILTIN_SERVICES,	false,	true },
	{ "servers",	BUILTIN_SERVERS,	false,	true },
	{ "xadmin",	BUILTIN_XADMIN,		false,	true },
};

#define NBUILTINS	(sizeof(builtins) / sizeof(builtins[0]))

/* Which built-in an INTERNAL service is, by its service name. */
enum builtin
builtin_of(const struct xcfg_service *cfg)
{
	size_t i;

	if (!(cfg->type & XCFG_TYPE_INTERNAL) || cfg->name == NULL)
		return BUILTIN_NONE;
	for (i = 0; i < NBUILTINS; i++)
		if (strcmp(cfg->name, builtins[i].name) == 0)
			return builtins[i].kind;
	return BUILTIN_NONE;
}

/* Whether the built-in exists for this socket type. */
bool
builtin_serves(enum builtin kind, int socktype)
{
	size_t i;

	for (i = 0; i < NBUILTINS; i++)
		if (builtins[i].kind == kind)
			return socktype == SOCK_STREAM ||
			    (socktype == SOCK_DGRAM && builtins[i].dgram);
	return false;
}

/*
 * Whether each client gets a process of its own, even with no checks
 * to make there: the built-in may wait on look-ups.
 */
bool
builtin_needs_process(enum builtin kind)
{
	size_t i;

	for (i = 0; i < NBUILTINS; i++)
		if (builtins[i].kind == kind)
			return builtins[i].process;
	return false;
}

/*
 * chargen: the line that starts at character pos of the rotation, with
 * its CRLF, into buf (CHARGEN_LINE bytes).
 */
void
builtin_chargen_line(char *buf, unsigned pos)
{
	int i;

	for (i = 0; i < CHARGEN_WIDTH; i++)
		buf[i] = (char)(CHARGEN_FIRST +
		    (pos + (unsigned)i) % CHARGEN_COUNT);
	buf[CHARGEN_WIDTH] = '\r';
	buf[CHARGEN_WIDTH + 1] = '\n';
}

/* daytime: as ctime(3) has it, without its newline, then CRLF. */
size_t
builtin_daytime(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return 0;
	return strftime(buf, size, "%a %b %e %H:%M:%S %Y\r\n", &tm);
}

/* time: seconds since 1900, 32 bits, big-endian. */
void
builtin_time(unsigned char buf[4])
{
	uint32_t t = (uint32_t)((unsigned long long)time(NULL) + EPOCH_1900);

	buf[0] = (unsigned char)(t >> 24);
	buf[1] = (unsigned char)(t >> 16);
	buf[2] = (unsigned char)(t >> 8);
	buf[3] = (unsigned char)t;
}

/* "+Go": a TCPMUXPLUS server may start, past its checks. */
void
builtin_tcpmux_go(int fd)
{
	static const char go[] = "+Go\r\n";

	(void)send(fd, go, sizeof(go) - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
}

/* The ports of the table's built-ins, made when it is loaded. */
static int *guarded;
static size_t nguarded;

void
builtin_ports_update(void)
{
	const struct service *svc;
	size_t i, n = 0;
	int *v;

	for (i = 0; i < daemon_state.nsvc; i++)
		if (daemon_state.svc[i]->builtin != BUILTIN_NONE)
			n++;
	if ((v = calloc(n + 1, sizeof(*v))) == NULL) {
		log_msg(LOG_ERR, "out of memory for the built-ins' ports; "
		    "datagrams from them are answered");
		n = 0;
	}
	for (i = 0, n = 0; v != NULL && i < daemon_state.nsvc; i++) {
		svc = daemon_state.svc[i];
		if (svc->builtin != BUILTIN_NONE)
			v[n++] = svc->cfg->port;
	}
	free(guarded);
	guarded = v;
	nguarded = n;
}

/* Whether a datagram from this port must go unanswered. */
static bool
port_guarded(int port)
{
	size_t i;

	if (port < 1024)
		return true;
	for (i = 0; i < nguarded; i++)
		if (guarded[i] == port)
			return true;
	return false;
}

/* The reply to one datagram, into buf; its length, or 0 for none. */
static size_t
dgram_reply(enum builtin kind, char *buf, size_t n)
{
	size_t len, lines;
	unsigned pos;

	switch (kind) {
	case BUILTIN_ECHO:
		return n;
	case BUILTIN_CHARGEN:
		/* A random number of whole lines, at most 512 bytes. */
		lines = (size_t)arc4random_uniform(CHARGEN_DGRAM_MAX /
		    CHARGEN_LINE) + 1;
		pos = arc4random_uniform(CHARGEN_COUNT);
		for (len = 0; lines > 0; lines--, pos++, len += CHARGEN_LINE)
			builtin_chargen_line(buf + len, pos);
		return len;
	case BUILTIN_DAYTIME:
		return builtin_daytime(buf, DGRAM_MAX);
	case BUILTIN_TIME:
		builtin_time((unsigned char *)buf);
		return 4;
	default:
		return 0;
	}
}

/* A readable datagram socket of a built-in: answer what is there. */
void
builtin_dgram(struct listener *l)
{
	static char buf[DGRAM_MAX];
	struct service *svc = l->svc;
	enum builtin kind = svc->builtin;
	struct sockaddr_storage ss;
	socklen_t sslen;
	const char *why;
	struct peer p;
	ssize_t n;
	size_t len;
	int i;

	for (i = 0; i < DGRAM_BATCH && l->fd != -1; i++) {
		sslen = sizeof(ss);
		n = recvfrom(l->fd, buf, sizeof(buf), MSG_DONTWAIT,
		    (struct sockaddr *)&ss, &sslen);
		if (n == -1)
			return;
		peer_set(&p, (struct sockaddr *)&ss, sslen);
		if (p.len > 0 && port_guarded(p.port)) {
			svc->failed++;
			svclog_fail(svc->cfg, "port", &p);
			continue;
		}
		if ((why = checks_refuse(svc, &p)) != NULL) {
			svc->failed++;
			svclog_fail(svc->cfg, why, &p);
			continue;
		}
		svc->started++;
		svclog_start(svc->cfg, 0, &p);
		if ((len = dgram_reply(kind, buf, (size_t)n)) > 0)
			(void)sendto(l->fd, buf, len, MSG_DONTWAIT,
			    (struct sockaddr *)&ss, sslen);
	}
}
