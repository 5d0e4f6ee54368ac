/*
 * Who owns a local TCP connection, given its two ends: what the auth
 * built-in (RFC 1413) answers with.  Each system has its own way:
 *
 *	Linux	the tables in /proc/net/tcp and /proc/net/tcp6, whose
 *		rows give both ends in hexadecimal and the owner's uid
 *	FreeBSD	the sysctls net.inet.tcp.getcred and net.inet6.tcp6.getcred
 *
 * Elsewhere the owner is never found.
 */

#include <sys/param.h>
#include <sys/types.h>
#include <sys/socket.h>
#if defined(__FreeBSD__) || defined(__DragonFly__)
#include <sys/sysctl.h>
#include <sys/ucred.h>
#endif

#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"

#if defined(__linux__)

#define TCP_TIME_WAIT	0x06
#define TCP_LISTEN	0x0a

/* One end as the table writes it: address in hex words, colon, port. */
static bool
proc_end(const char *text, int af, void *addr, unsigned *port)
{
	size_t words = af == AF_INET ? 1 : 4, i;
	unsigned char *out = addr;
	char hex[9], *end;
	uint32_t w;

	if (strlen(text) != words * 8 + 5 || text[words * 8] != ':')
		return false;
	for (i = 0; i < words; i++) {
		/* Each word is the kernel's 32 bits in host order. */
		memcpy(hex, text + i * 8, 8);
		hex[8] = '\0';
		w = (uint32_t)strtoul(hex, &end, 16);
		if (*end != '\0')
			return false;
		memcpy(out + i * 4, &w, 4);
	}
	*port = (unsigned)strtoul(text + words * 8 + 1, &end, 16);
	return *end == '\0';
}

/*
 * Look through one table for the connection from la:lport to ra:rport
 * with an owner: 0 with *uid set, or ENOENT.
 */
static int
proc_lookup(const char *path, int af, const void *la, unsigned lport,
    const void *ra, unsigned rport, uid_t *uid)
{
	unsigned char a[16], b[16];
	char line[512], local[64], remote[64];
	unsigned ap, bp, state;
	unsigned long owner, inode;
	size_t alen = af == AF_INET ? 4 : 16;
	int found = ENOENT;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		return errno == ENOENT ? ENOENT : errno;
	while (found == ENOENT && fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, " %*u: %63s %63s %x %*s %*s %*s %lu %*d %lu",
		    local, remote, &state, &owner, &inode) != 5)
			continue;
		/*
		 * A socket no process holds (time-wait, or closed and
		 * finishing) shows inode 0 and uid 0: it has no owner.
		 */
		if (state == TCP_TIME_WAIT || state == TCP_LISTEN ||
		    inode == 0)
			continue;
		if (!proc_end(local, af, a, &ap) ||
		    !proc_end(remote, af, b, &bp))
			continue;
		if (ap == lport && bp == rport && memcmp(a, la, alen) == 0 &&
		    memcmp(b, ra, alen) == 0) {
			*uid = (uid_t)owner;
			found = 0;
		}
	}
	(void)fclose(fp);
	return found;
}

int
sockowner(const struct sockaddr_storage *local, unsigned lport,
    const struct sockaddr_storage *remote, unsigned rport, uid_t *uid)
{
	const struct sockaddr_in *l4 = (const struct sockaddr_in *)local;
	const struct sockaddr_in *r4 = (const struct sockaddr_in *)remote;
	const struct sockaddr_in6 *l6 = (const struct sockaddr_in6 *)local;
	const struct sockaddr_in6 *r6 = (const struct sockaddr_in6 *)remote;
	struct in6_addr m6l, m6r;
	int error;

	if (local->ss_family == AF_INET6)
		return proc_lookup("/proc/net/tcp6", AF_INET6, &l6->sin6_addr,
		    lport, &r6->sin6_addr, rport, uid);
	if (local->ss_family != AF_INET)
		return EAFNOSUPPORT;
	error = proc_lookup("/proc/net/tcp", AF_INET, &l4->sin_addr, lport,
	    &r4->sin_addr, rport, uid);
	if (error != ENOENT)
		return error;
	/* An IPv4 connection may live on a dual-stack IPv6 socket. */
	memset(&m6l, 0, sizeof(m6l));
	m6l.s6_addr[10] = m6l.s6_addr[11] = 0xff;
	m6r = m6l;
	memcpy(&m6l.s6_addr[12], &l4->sin_addr, 4);
	memcpy(&m6r.s6_addr[12], &r4->sin_addr, 4);
	return proc_lookup("/proc/net/tcp6", AF_INET6, &m6l, lport, &m6r,
	    rport, uid);
}

#elif defined(__FreeBSD__) || defined(__DragonFly__)

int
sockowner(const struct sockaddr_storage *local, unsigned lport,
    const struct sockaddr_storage *remote, unsigned rport, uid_t *uid)
{
	struct sockaddr_in s4[2];
	struct sockaddr_in6 s6[2];
	struct xucred uc;
	size_t size = sizeof(uc);
	int rv;

	/* The kernel wants the local end first, then the foreign. */
	if (local->ss_family == AF_INET) {
		memcpy(&s4[0], local, sizeof(s4[0]));
		memcpy(&s4[1], remote, sizeof(s4[1]));
		s4[0].sin_port = htons((uint16_t)lport);
		s4[1].sin_port = htons((uint16_t)rport);
		rv = sysctlbyname("net.inet.tcp.getcred", &uc, &size, s4,
		    sizeof(s4));
	} else if (local->ss_family == AF_INET6) {
		memcpy(&s6[0], local, sizeof(s6[0]));
		memcpy(&s6[1], remote, sizeof(s6[1]));
		s6[0].sin6_port = htons((uint16_t)lport);
		s6[1].sin6_port = htons((uint16_t)rport);
		rv = sysctlbyname("net.inet6.tcp6.getcred", &uc, &size, s6,
		    sizeof(s6));
	} else
		return EAFNOSUPPORT;
	if (rv == -1)
		return errno;
	if (uc.cr_version != XUCRED_VERSION)
		return EINVAL;
	*uid = uc.cr_uid;
	return 0;
}

#else

int
sockowner(const struct sockaddr_storage *local, unsigned lport,
    const struct sockaddr_storage *remote, unsigned rport, uid_t *uid)
{
	(void)local;
	(void)lport;
	(void)remote;
	(void)rport;
	(void)uid;
	return EOPNOTSUPP;
}

#endif
