/*
 * libFuzzer target: the datagram built-ins (usr.sbin/xinetd/builtin.c),
 * builtin_dgram() itself on a UDP socket of 127.0.0.1, with datagrams
 * sent from two sockets of 127.0.0.1: one whose port is a built-in's
 * (guarded), one whose is not.  The input: which built-in, then
 * datagrams, each a flags byte (0x80 from the guarded port, 0x40 to be
 * refused by the access checks), a two-byte length and the payload.
 *
 * Properties: a datagram from a guarded port or refused by the checks
 * is never answered, and reaches the checks with the sender's address;
 * at most DGRAM_BATCH are read in one call; the others get one reply
 * each, in order: echo the same bytes (none for an empty one), chargen
 * whole lines of the rotation, at most 512 bytes, daytime one line of
 * at most 64 bytes, time 4 bytes near the clock, discard and tcpmux
 * nothing.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"

#include "fuzz.h"

#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY	fuzz_dgram_one
#else
#define FUZZ_ENTRY	LLVMFuzzerTestOneInput
#endif

#define DGRAM_BATCH	32	/* as builtin.c reads per call */
#define MAX_DGRAMS	40
#define EPOCH_1900	2208988800ULL

enum { FROM_GUARDED = 0x80, REFUSED = 0x40 };

static const enum builtin kinds[] = {
	BUILTIN_ECHO, BUILTIN_DISCARD, BUILTIN_DAYTIME, BUILTIN_CHARGEN,
	BUILTIN_TIME, BUILTIN_TCPMUX
};

static int srv = -1, guarded = -1, free_ = -1;
static int free_port;
static struct xcfg_service cfg_srv, cfg_guard;
static struct service svc_srv, svc_guard;
static struct service *svcs[2] = { &svc_srv, &svc_guard };
static struct listener lst;

/* What checks_refuse() says, datagram by datagram. */
static bool refuse[MAX_DGRAMS];
static size_t nchecked;

static int
udp_socket(struct sockaddr_in *sin)
{
	socklen_t len = sizeof(*sin);
	int fd;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)sin, sizeof(*sin)) == -1 ||
	    getsockname(fd, (struct sockaddr *)sin, &len) == -1)
		abort();
	return fd;
}

static void
setup(void)
{
	struct sockaddr_in s, g, f;
	int big = 1 << 20;

	srv = udp_socket(&s);
	guarded = udp_socket(&g);
	free_ = udp_socket(&f);
	(void)setsockopt(srv, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	(void)setsockopt(free_, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	if (connect(guarded, (struct sockaddr *)&s, sizeof(s)) == -1 ||
	    connect(free_, (struct sockaddr *)&s, sizeof(s)) == -1)
		abort();
	free_port = ntohs(f.sin_port);
	cfg_srv.port = ntohs(s.sin_port);
	cfg_guard.port = ntohs(g.sin_port);
	svc_srv.cfg = &cfg_srv;
	svc_guard.cfg = &cfg_guard;
	svc_guard.builtin = BUILTIN_ECHO;
	lst.svc = &svc_srv;
	lst.fd = srv;
	lst.family = AF_INET;
}

static bool
refused(const void *arg)
{
	const struct peer *p = arg;

	/* Only the unguarded port gets this far, with its address. */
	FUZZ_CHECK(p->port == free_port);
	FUZZ_CHECK(strcmp(p->addr, "127.0.0.1") == 0);
	FUZZ_CHECK(nchecked < MAX_DGRAMS);
	return refuse[nchecked++];
}

static void
check_reply(enum builtin kind, const uint8_t *sent, size_t slen,
    const char *r, ssize_t rlen)
{
	uint32_t t, now;
	ssize_t i;
	int j;

	switch (kind) {
	case BUILTIN_ECHO:
		FUZZ_CHECK(rlen == (ssize_t)slen);
		FUZZ_CHECK(memcmp(r, sent, slen) == 0);
		break;
	case BUILTIN_CHARGEN:
		FUZZ_CHECK(rlen >= CHARGEN_LINE && rlen <= 512);
		FUZZ_CHECK(rlen % CHARGEN_LINE == 0);
		for (i = 0; i < rlen; i += CHARGEN_LINE) {
			for (j = 0; j < CHARGEN_LINE - 2; j++) {
				FUZZ_CHECK(r[i + j] >= 0x20 && r[i + j] <= 0x7e);
				if (j > 0)
					FUZZ_CHECK(r[i + j] == (r[i + j - 1] ==
					    0x7e ? 0x20 : r[i + j - 1] + 1));
			}
			FUZZ_CHECK(r[i + CHARGEN_LINE - 2] == '\r' &&
			    r[i + CHARGEN_LINE - 1] == '\n');
		}
		break;
	case BUILTIN_DAYTIME:
		FUZZ_CHECK(rlen > 2 && rlen <= 64);
		FUZZ_CHECK(r[rlen - 2] == '\r' && r[rlen - 1] == '\n');
		FUZZ_CHECK(memchr(r, '\n', (size_t)rlen - 1) == NULL);
		break;
	case BUILTIN_TIME:
		FUZZ_CHECK(rlen == 4);
		t = (uint32_t)(unsigned char)r[0] << 24 |
		    (uint32_t)(unsigned char)r[1] << 16 |
		    (uint32_t)(unsigned char)r[2] << 8 | (unsigned char)r[3];
		now = (uint32_t)((unsigned long long)time(NULL) + EPOCH_1900);
		FUZZ_CHECK(now - t <= 5 || t - now <= 5);
		break;
	default:
		FUZZ_CHECK(!"an answer from a built-in with none");
	}
}

int FUZZ_ENTRY(const uint8_t *, size_t);

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	static char reply[65536];
	struct { size_t off, len; uint8_t flags; } d[MAX_DGRAMS];
	size_t pos, nd = 0, i, nref = 0;
	enum builtin kind;
	ssize_t n;

	if (size < 1 || size > FUZZ_MAX_LEN)
		return 0;
	if (srv == -1)
		setup();
	kind = kinds[data[0] % (sizeof(kinds) / sizeof(kinds[0]))];
	for (pos = 1; pos + 3 <= size && nd < MAX_DGRAMS; nd++) {
		d[nd].flags = data[pos];
		d[nd].len = (size_t)data[pos + 1] << 8 | data[pos + 2];
		d[nd].off = pos + 3;
		if (d[nd].len > size - d[nd].off)
			d[nd].len = size - d[nd].off;
		pos = d[nd].off + d[nd].len;
	}
	svc_srv.builtin = kind;
	daemon_state.svc = svcs;
	daemon_state.nsvc = 2;
	builtin_ports_update();
	memset(refuse, 0, sizeof(refuse));
	nchecked = 0;
	for (i = 0; i < nd; i++) {
		if (!(d[i].flags & FROM_GUARDED) && i < DGRAM_BATCH)
			refuse[nref++] = (d[i].flags & REFUSED) != 0;
		if (send(d[i].flags & FROM_GUARDED ? guarded : free_,
		    data + d[i].off, d[i].len, 0) != (ssize_t)d[i].len)
			abort();
	}
	fuzz_refuse = refused;
	builtin_dgram(&lst);
	fuzz_refuse = NULL;
	FUZZ_CHECK(nchecked == nref);

	for (i = 0; i < nd && i < DGRAM_BATCH; i++) {
		if (d[i].flags & (FROM_GUARDED | REFUSED))
			continue;
		if (kind == BUILTIN_DISCARD || kind == BUILTIN_TCPMUX ||
		    (kind == BUILTIN_ECHO && d[i].len == 0))
			continue;
		n = recv(free_, reply, sizeof(reply), MSG_DONTWAIT);
		FUZZ_CHECK(n >= 0);
		check_reply(kind, data + d[i].off, d[i].len, reply, n);
	}
	/* Nothing more, and nothing ever to the guarded port. */
	FUZZ_CHECK(recv(free_, reply, sizeof(reply), MSG_DONTWAIT) == -1);
	FUZZ_CHECK(recv(guarded, reply, sizeof(reply), MSG_DONTWAIT) == -1);
	/* The batch's limit: what is left waits for the next call. */
	for (i = DGRAM_BATCH; i < nd; i++)
		FUZZ_CHECK(recv(srv, reply, sizeof(reply), MSG_DONTWAIT) ==
		    (ssize_t)d[i].len);
	FUZZ_CHECK(recv(srv, reply, sizeof(reply), MSG_DONTWAIT) == -1);
	return 0;
}
