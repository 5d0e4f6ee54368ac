/*
 * Socket addresses as the daemon shows them: IPv4-mapped IPv6
 * addresses become plain IPv4 before anything else sees them.
 */

#ifndef PEER_H
#define PEER_H

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <net/if.h>

#include <stdbool.h>

/* Room for an IPv6 literal with a zone. */
#define PEER_ADDRSTRLEN	(INET6_ADDRSTRLEN + IF_NAMESIZE + 2)

struct peer {
	struct sockaddr_storage ss;
	socklen_t	 len;		/* 0: no address (a unix socket) */
	char		 addr[PEER_ADDRSTRLEN];	/* numeric; "" when none */
	int		 port;
};

/* Fill p from an address the kernel gave, unmapping IPv4 addresses. */
void		 peer_set(struct peer *, const struct sockaddr *, socklen_t);
/* The local end of a connected socket. */
int		 peer_local(struct peer *, int);

#endif /* PEER_H */
