/*
 * only_from and no_access, for the rules that are addresses and
 * networks: when both lists match a peer, the more specific rule (the
 * longer prefix) wins, and a tie denies, as xinetd.conf(5) promises.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <string.h>

#include "access.h"

static bool
prefix_match(const uint8_t *a, const uint8_t *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;
	uint8_t mask;

	if (memcmp(a, b, (size_t)whole) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (uint8_t)(0xff << (8 - rest));
	return (a[whole] & mask) == (b[whole] & mask);
}

/* The longest prefix of the list that matches the peer; -1 for none. */
static int
list_match(const struct xcfg_addrlist *list, const struct peer *p)
{
	const struct sockaddr_in *s4 = (const struct sockaddr_in *)&p->ss;
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&p->ss;
	const struct xcfg_addr *r;
	int best = -1;
	size_t i;

	for (i = 0; i < list->n; i++) {
		r = &list->v[i];
		if (r->prefix <= best)
			continue;
		if (r->kind == XCFG_ADDR_INET && p->ss.ss_family == AF_INET &&
		    prefix_match((const uint8_t *)&r->addr.v4,
		    (const uint8_t *)&s4->sin_addr, r->prefix))
			best = r->prefix;
		else if (r->kind == XCFG_ADDR_INET6 &&
		    p->ss.ss_family == AF_INET6 &&
		    prefix_match(r->addr.v6.s6_addr, s6->sin6_addr.s6_addr,
		    r->prefix))
			best = r->prefix;
	}
	return best;
}

bool
access_allowed(const struct xcfg_service *cfg, const struct peer *p)
{
	int allow, deny;

	if (p == NULL || p->len == 0)
		return true;
	if (!cfg->only_from.set && !cfg->no_access.set)
		return true;
	allow = cfg->only_from.set ? list_match(&cfg->only_from, p) : -1;
	deny = list_match(&cfg->no_access, p);
	if (cfg->only_from.set && allow < 0)
		return false;
	if (deny < 0)
		return true;
	if (!cfg->only_from.set)
		return false;
	return allow > deny;
}
