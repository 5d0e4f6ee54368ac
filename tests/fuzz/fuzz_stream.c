/*
 * libFuzzer target: the stream built-ins' connections
 * (usr.sbin/xinetd/builtin_stream.c), builtin_stream_start() and the
 * state machine it registers, run here in place of the event loop on
 * one end of a socketpair(2); the other end is the client.  The input:
 * which built-in, the size of the pieces the client writes (0: all at
 * once), how much it reads a step, a byte of flags (0x01: the client
 * goes away before the end), then what the client sends.  The server's
 * socket buffer is the smallest there is, so that writes stop short.
 *
 * Properties: every connection ends, in a bounded number of steps,
 * with what it took given back (count, generation, source, socket);
 * echo sends back exactly what came, discard nothing, chargen whole
 * consecutive lines of the rotation, daytime one line, time 4 bytes;
 * tcpmux hands the connection to the service the request line names,
 * in any case, with no byte past the line taken, lists the names for
 * "help", and otherwise says why it refuses: a line longer than
 * TCPMUX_LINE_MAX, or an unknown name (a service not under tcpmux is
 * unknown).
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "daemon.h"
#include "svclog.h"
#include "tcpmux.h"

#include "fuzz.h"

#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY	fuzz_stream_one
#else
#define FUZZ_ENTRY	LLVMFuzzerTestOneInput
#endif

#define MAX_STEPS	20000
#define OUT_MAX		65536

static const enum builtin kinds[] = {
	BUILTIN_ECHO, BUILTIN_DISCARD, BUILTIN_CHARGEN, BUILTIN_DAYTIME,
	BUILTIN_TIME, BUILTIN_TCPMUX
};

/* The event loop, as far as one connection needs it. */
static struct {
	int		 fd;		/* -1: none registered */
	unsigned	 what;
	event_fd_cb	 cb;
	void		*arg;
} ev = { -1, 0, NULL, NULL };
static struct event_timer *timer = (struct event_timer *)&ev;
static int gen_refs, conns;
static struct service *handed;
static int handed_fd = -1;

int
event_fd_add(struct event_loop *loop, int fd, unsigned what,
    event_fd_cb cb, void *arg)
{
	(void)loop;
	FUZZ_CHECK(ev.fd == -1);
	ev.fd = fd;
	ev.what = what;
	ev.cb = cb;
	ev.arg = arg;
	return 0;
}

int
event_fd_set(struct event_loop *loop, int fd, unsigned what)
{
	(void)loop;
	FUZZ_CHECK(fd == ev.fd);
	ev.what = what;
	return 0;
}

int
event_fd_del(struct event_loop *loop, int fd)
{
	(void)loop;
	FUZZ_CHECK(fd == ev.fd);
	ev.fd = -1;
	return 0;
}

struct event_timer *
event_timer_add(struct event_loop *loop, uint64_t ms, event_timer_cb cb,
    void *arg)
{
	(void)loop;
	(void)ms;
	(void)cb;
	(void)arg;
	return timer;
}

void
event_timer_cancel(struct event_loop *loop, struct event_timer *t)
{
	(void)loop;
	FUZZ_CHECK(t == NULL || t == timer);
}

void
generation_ref(struct generation *g)
{
	(void)g;
	gen_refs++;
}

void
generation_unref(struct generation *g)
{
	(void)g;
	FUZZ_CHECK(gen_refs > 0);
	gen_refs--;
}

struct source *
service_conn_begin(struct service *svc, const struct peer *p)
{
	(void)svc;
	(void)p;
	conns++;
	return NULL;
}

void
service_conn_end(struct service *svc, struct source *src)
{
	(void)svc;
	(void)src;
	FUZZ_CHECK(conns > 0);
	conns--;
}

int
service_connection(struct service *svc, int fd, const struct peer *p)
{
	(void)p;
	FUZZ_CHECK(handed == NULL);
	handed = svc;
	handed_fd = fd;
	return -3;		/* it keeps the socket */
}

void
gate_drain(int fd)
{
	char buf[4096];

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

void
rate_spawned(struct service *svc)
{
	(void)svc;
}

void
svclog_exit(const struct xcfg_service *cfg, pid_t pid, int status,
    uint64_t ms)
{
	(void)cfg;
	(void)pid;
	(void)status;
	(void)ms;
}

void
auth_serve(const struct service *svc, int fd)
{
	(void)svc;
	(void)fd;
}

void
admin_serve(enum builtin kind, int fd)
{
	(void)kind;
	(void)fd;
}

/* The table tcpmux looks in: two services under it, one not. */
static struct xcfg_service cfg_self = { .name = "tcpmux" };
static struct xcfg_service cfg_mux[3] = {
	{ .name = "alpha", .type = XCFG_TYPE_TCPMUX },
	{ .name = "Beta-Svc", .type = XCFG_TYPE_TCPMUXPLUS },
	{ .name = "gamma" },
};
static struct service svc_self, svc_mux[3];
static struct service *table[4];

static void
setup(void)
{
	int i;

	svc_self.cfg = &cfg_self;
	table[0] = &svc_self;
	for (i = 0; i < 3; i++) {
		svc_mux[i].cfg = &cfg_mux[i];
		table[i + 1] = &svc_mux[i];
	}
}

static void
check_chargen(const char *out, size_t len)
{
	size_t i;
	int col, first = 0;

	for (i = 0; i < len; i++) {
		col = (int)(i % CHARGEN_LINE);
		if (col == 0)
			first = out[i];
		if (col == CHARGEN_LINE - 2)
			FUZZ_CHECK(out[i] == '\r');
		else if (col == CHARGEN_LINE - 1)
			FUZZ_CHECK(out[i] == '\n');
		else {
			FUZZ_CHECK(out[i] >= 0x20 && out[i] <= 0x7e);
			FUZZ_CHECK(out[i] == 0x20 + (first - 0x20 + col) % 95);
		}
		/* Each line starts one further than the last. */
		if (col == 0 && i > 0)
			FUZZ_CHECK(out[i] == 0x20 +
			    (out[i - CHARGEN_LINE] - 0x20 + 1) % 95);
	}
}

/* What tcpmux is to do with the request in data: its answer. */
static const char *
tcpmux_expect(const uint8_t *data, size_t size, struct service **to,
    size_t *linelen)
{
	char name[TCPMUX_LINE_MAX + 1];
	const uint8_t *nl;
	size_t n;
	int i;

	*to = NULL;
	*linelen = 0;
	nl = memchr(data, '\n', size < TCPMUX_LINE_MAX ? size :
	    TCPMUX_LINE_MAX);
	if (nl == NULL)
		return size >= TCPMUX_LINE_MAX ?
		    "-Request too long or broken\r\n" : "";
	*linelen = (size_t)(nl - data) + 1;
	for (n = 0; n < *linelen && data[n] != '\r' && data[n] != '\n' &&
	    data[n] != '\0'; n++)
		name[n] = (char)data[n];
	name[n] = '\0';
	if (strcasecmp(name, "help") == 0)
		return "alpha\r\nBeta-Svc\r\n";
	for (i = 0; i < 2; i++)
		if (strcasecmp(name, cfg_mux[i].name) == 0) {
			*to = &svc_mux[i];
			return "";
		}
	return "-Service not available\r\n";
}

int FUZZ_ENTRY(const uint8_t *, size_t);

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	static char out[OUT_MAX], left[FUZZ_MAX_LEN];
	struct service svc;
	struct xcfg_service cfg;
	struct pollfd pfd;
	struct peer peer;
	struct service *to;
	const char *answer = NULL;
	size_t piece, budget, sent = 0, olen = 0, linelen = 0, nleft = 0;
	bool shut = false, gone = false, leave;
	enum builtin kind;
	int sv[2], steps, one = 1;
	ssize_t n;

	if (size < 4 || size > FUZZ_MAX_LEN)
		return 0;
	if (table[0] == NULL)
		setup();
	kind = kinds[data[0] % (sizeof(kinds) / sizeof(kinds[0]))];
	piece = data[1] == 0 ? size : data[1];
	budget = ((size_t)data[2] % 16 + 1) * 64;
	leave = (data[3] & 0x01) != 0;
	data += 4;
	size -= 4;

	memset(&cfg, 0, sizeof(cfg));
	cfg.id = "fuzz";
	cfg.name = "fuzz";
	memset(&svc, 0, sizeof(svc));
	svc.cfg = &cfg;
	svc.builtin = kind;
	daemon_state.svc = table;
	daemon_state.nsvc = 4;
	memset(&peer, 0, sizeof(peer));
	handed = NULL;
	handed_fd = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
		abort();
	(void)setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &one, sizeof(one));
	if (fcntl(sv[1], F_SETFL, O_NONBLOCK) == -1)
		abort();

	if (builtin_stream_start(&svc, sv[0], &peer) == -1) {
		/* daytime and time: answered at once; the caller closes. */
		FUZZ_CHECK(kind == BUILTIN_DAYTIME || kind == BUILTIN_TIME);
		FUZZ_CHECK(ev.fd == -1);
		close(sv[0]);
	} else
		FUZZ_CHECK(ev.fd == sv[0] && conns == 1 && gen_refs == 1);
	for (steps = 0; ev.fd != -1 && steps < MAX_STEPS; steps++) {
		if (!gone && sent < size) {
			n = send(sv[1], data + sent, size - sent < piece ?
			    size - sent : piece, MSG_DONTWAIT | MSG_NOSIGNAL);
			if (n > 0)
				sent += (size_t)n;
		} else if (!gone && !shut) {
			(void)shutdown(sv[1], SHUT_WR);
			shut = true;
		}
		pfd.fd = ev.fd;
		pfd.events = (ev.what & EV_READ ? POLLIN : 0) |
		    (ev.what & EV_WRITE ? POLLOUT : 0);
		if (poll(&pfd, 1, 0) > 0)
			ev.cb(NULL, ev.fd, ev.what, ev.arg);
		if (gone)
			continue;
		n = recv(sv[1], out + olen, OUT_MAX - olen < budget ?
		    OUT_MAX - olen : budget, MSG_DONTWAIT);
		if (n > 0)
			olen += (size_t)n;
		/* A client that has had enough goes away. */
		if (olen == OUT_MAX || (leave && sent == size && olen > 0)) {
			close(sv[1]);
			gone = true;
		}
	}
	FUZZ_CHECK(ev.fd == -1);	/* the connection ended */
	FUZZ_CHECK(conns == 0 && gen_refs == 0);
	FUZZ_CHECK(builtin_stream_count() == 0);
	if (handed != NULL) {
		/* What follows the line is the server's, all of it. */
		FUZZ_CHECK(handed_fd == sv[0]);
		if (!gone) {
			while (sent < size && (n = send(sv[1], data + sent,
			    size - sent, MSG_DONTWAIT)) > 0)
				sent += (size_t)n;
			(void)shutdown(sv[1], SHUT_WR);
		}
		while ((n = recv(sv[0], left + nleft, sizeof(left) - nleft,
		    MSG_DONTWAIT)) > 0)
			nleft += (size_t)n;
		close(sv[0]);
	} else
		/* The socket is closed: its number is free. */
		FUZZ_CHECK(fcntl(sv[0], F_GETFD) == -1 && errno == EBADF);
	if (!gone)
		while (olen < OUT_MAX && (n = recv(sv[1], out + olen,
		    OUT_MAX - olen, MSG_DONTWAIT)) > 0)
			olen += (size_t)n;
	if (!gone)
		close(sv[1]);

	switch (kind) {
	case BUILTIN_ECHO:
		if (!gone) {
			FUZZ_CHECK(olen == size);
			FUZZ_CHECK(memcmp(out, data, size) == 0);
		} else
			FUZZ_CHECK(memcmp(out, data, olen) == 0);
		break;
	case BUILTIN_DISCARD:
		FUZZ_CHECK(olen == 0);
		break;
	case BUILTIN_CHARGEN:
		check_chargen(out, olen);
		break;
	case BUILTIN_DAYTIME:
		FUZZ_CHECK(olen > 2 && olen <= 64);
		FUZZ_CHECK(out[olen - 2] == '\r' && out[olen - 1] == '\n');
		break;
	case BUILTIN_TIME:
		FUZZ_CHECK(olen == 4);
		break;
	case BUILTIN_TCPMUX:
		if (gone && olen == 0)
			break;
		answer = tcpmux_expect(data, size, &to, &linelen);
		FUZZ_CHECK(handed == to);
		FUZZ_CHECK(olen == strlen(answer) &&
		    memcmp(out, answer, olen) == 0);
		if (to != NULL && !gone) {
			FUZZ_CHECK(nleft == size - linelen);
			FUZZ_CHECK(memcmp(left, data + linelen, nleft) == 0);
		}
		break;
	default:
		break;
	}
	return 0;
}
