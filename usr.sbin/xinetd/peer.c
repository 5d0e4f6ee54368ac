/*
 * Socket addresses in the form the daemon logs, checks and exports.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>

#include <netdb.h>
#include <string.h>

#include "peer.h"

/* ::ffff:a.b.c.d becomes a.b.c.d, with the same port. */
static void
peer_unmap(struct peer *p)
{
	struct sockaddr_in6 s6;
	struct sockaddr_in *s4;

	if (p->ss.ss_family != AF_INET6)
		return;
	memcpy(&s6, &p->ss, sizeof(s6));
	if (!IN6_IS_ADDR_V4MAPPED(&s6.sin6_addr))
		return;
	memset(&p->ss, 0, sizeof(p->ss));
	s4 = (struct sockaddr_in *)&p->ss;
	s4->sin_family = AF_INET;
	s4->sin_port = s6.sin6_port;
	memcpy(&s4->sin_addr, &s6.sin6_addr.s6_addr[12], 4);
#ifdef SIN6_LEN
	s4->sin_len = sizeof(*s4);
#endif
	p->len = sizeof(*s4);
}

void
peer_set(struct peer *p, const struct sockaddr *sa, socklen_t len)
{
	char port[NI_MAXSERV];
	struct sockaddr_in *s4;
	struct sockaddr_in6 *s6;

	memset(p, 0, sizeof(*p));
	/* An unbound local sender has no address at all. */
	if (len < sizeof(struct sockaddr_in) || len > sizeof(p->ss) ||
	    (sa->sa_family != AF_INET &&
	    sa->sa_family != AF_INET6))
		return;
	memcpy(&p->ss, sa, len);
	p->len = len;
	peer_unmap(p);
	if (p->ss.ss_family == AF_INET) {
		s4 = (struct sockaddr_in *)&p->ss;
		p->port = ntohs(s4->sin_port);
		if (inet_ntop(AF_INET, &s4->sin_addr, p->addr,
		    sizeof(p->addr)) == NULL)
			p->addr[0] = '\0';
		return;
	}
	s6 = (struct sockaddr_in6 *)&p->ss;
	p->port = ntohs(s6->sin6_port);
	/* A zone is only shown by getnameinfo(3); the rest is faster so. */
	if (s6->sin6_scope_id != 0 ? getnameinfo((struct sockaddr *)&p->ss,
	    p->len, p->addr, sizeof(p->addr), port, sizeof(port),
	    NI_NUMERICHOST | NI_NUMERICSERV) != 0 :
	    inet_ntop(AF_INET6, &s6->sin6_addr, p->addr,
	    sizeof(p->addr)) == NULL)
		p->addr[0] = '\0';
}

int
peer_local(struct peer *p, int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	memset(p, 0, sizeof(*p));
	if (getsockname(fd, (struct sockaddr *)&ss, &len) == -1)
		return -1;
	peer_set(p, (struct sockaddr *)&ss, len);
	return 0;
}
