/*
 * only_from and no_access: when both lists match a peer, the more
 * specific rule wins, and a tie denies, as xinetd.conf(5) promises.
 *
 * Specificity, from least to most: a network by its prefix length; a
 * ".domain" rule, above any network and below a single host, a longer
 * domain above a shorter; a host, by name or by full-length address.
 * Each rule gets a score, prefix bits times 256 for addresses, so one
 * comparison orders all of them.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "access.h"

#define SCORE_NONE	(-1)
#define SCORE_FAILED	(-2)	/* a name look-up failed */

/* What the peer is called, looked up once per check. */
struct peer_name {
	bool		 done;
	bool		 failed;
	char		 name[NI_MAXHOST];	/* "" when it has none */
};

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

static int
full_bits(const struct peer *p)
{
	return p->ss.ss_family == AF_INET ? 32 : 128;
}

/* Whether sa is the peer's address. */
static bool
same_address(const struct sockaddr *sa, const struct peer *p)
{
	const struct sockaddr_in *a4, *p4;
	const struct sockaddr_in6 *a6, *p6;

	if (sa->sa_family != p->ss.ss_family)
		return false;
	if (sa->sa_family == AF_INET) {
		a4 = (const struct sockaddr_in *)sa;
		p4 = (const struct sockaddr_in *)&p->ss;
		return a4->sin_addr.s_addr == p4->sin_addr.s_addr;
	}
	a6 = (const struct sockaddr_in6 *)sa;
	p6 = (const struct sockaddr_in6 *)&p->ss;
	return memcmp(&a6->sin6_addr, &p6->sin6_addr,
	    sizeof(a6->sin6_addr)) == 0;
}

/* Whether name has the peer's address: 1, 0, or -1 when DNS failed. */
static int
name_has_peer(const char *name, const struct peer *p)
{
	struct addrinfo hints, *res, *ai;
	int error, found = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = p->ss.ss_family;
	hints.ai_socktype = SOCK_STREAM;
	error = getaddrinfo(name, NULL, &hints, &res);
	if (error == EAI_NONAME || error == EAI_NODATA ||
	    error == EAI_ADDRFAMILY)
		return 0;
	if (error != 0)
		return -1;
	for (ai = res; ai != NULL && !found; ai = ai->ai_next)
		if (same_address(ai->ai_addr, p))
			found = 1;
	freeaddrinfo(res);
	return found;
}

/*
 * The peer's name: its reverse name, kept only when that name leads
 * back to the address, so whoever runs the reverse zone cannot claim
 * a domain they do not own.
 */
static void
peer_name_lookup(struct peer_name *pn, const struct peer *p)
{
	int error;

	pn->done = true;
	pn->name[0] = '\0';
	error = getnameinfo((const struct sockaddr *)&p->ss, p->len,
	    pn->name, sizeof(pn->name), NULL, 0, NI_NAMEREQD);
	if (error == EAI_NONAME) {
		pn->name[0] = '\0';
		return;
	}
	if (error != 0) {
		pn->failed = true;
		return;
	}
	switch (name_has_peer(pn->name, p)) {
	case 1:
		break;
	case 0:
		pn->name[0] = '\0';
		break;
	default:
		pn->failed = true;
	}
}

static int
labels(const char *domain)
{
	int n = 0;

	for (; *domain != '\0'; domain++)
		if (*domain == '.')
			n++;
	return n < 255 ? n : 255;
}

/* ".example.com" against the peer's name. */
static int
domain_score(const struct xcfg_addr *r, const struct peer *p,
    struct peer_name *pn)
{
	size_t nlen, dlen;

	if (!pn->done)
		peer_name_lookup(pn, p);
	if (pn->failed)
		return SCORE_FAILED;
	nlen = strlen(pn->name);
	dlen = strlen(r->name);
	if (nlen > 0 && pn->name[nlen - 1] == '.')
		nlen--;
	if (nlen <= dlen ||
	    strncasecmp(pn->name + nlen - dlen, r->name, dlen) != 0)
		return SCORE_NONE;
	return (full_bits(p) - 1) * 256 + labels(r->name);
}

static int
rule_score(const struct xcfg_addr *r, const struct peer *p,
    struct peer_name *pn)
{
	const struct sockaddr_in *s4 = (const struct sockaddr_in *)&p->ss;
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&p->ss;

	switch (r->kind) {
	case XCFG_ADDR_INET:
		if (p->ss.ss_family == AF_INET &&
		    prefix_match((const uint8_t *)&r->addr.v4,
		    (const uint8_t *)&s4->sin_addr, r->prefix))
			return r->prefix * 256;
		return SCORE_NONE;
	case XCFG_ADDR_INET6:
		if (p->ss.ss_family == AF_INET6 &&
		    prefix_match(r->addr.v6.s6_addr, s6->sin6_addr.s6_addr,
		    r->prefix))
			return r->prefix * 256;
		return SCORE_NONE;
	case XCFG_ADDR_HOST:
		switch (name_has_peer(r->name, p)) {
		case 1:
			return full_bits(p) * 256;
		case 0:
			return SCORE_NONE;
		default:
			return SCORE_FAILED;
		}
	case XCFG_ADDR_DOMAIN:
		return domain_score(r, p, pn);
	}
	return SCORE_NONE;
}

static bool
is_name(const struct xcfg_addr *r)
{
	return r->kind == XCFG_ADDR_HOST || r->kind == XCFG_ADDR_DOMAIN;
}

/*
 * The best score of the list for the peer.  Name rules are skipped
 * when pn is NULL; *names tells whether the list has any.  A rule whose
 * look-up failed counts against the peer: it admits nobody in
 * only_from, and in no_access it matches as a host would, which no
 * rule of only_from can beat.
 */
static int
list_score(const struct xcfg_addrlist *list, const struct peer *p,
    struct peer_name *pn, bool denying, bool *names)
{
	int best = SCORE_NONE, s;
	size_t i;

	*names = false;
	for (i = 0; i < list->n; i++) {
		if (is_name(&list->v[i])) {
			*names = true;
			if (pn == NULL)
				continue;
		}
		s = rule_score(&list->v[i], p, pn);
		if (s == SCORE_FAILED && denying)
			return full_bits(p) * 256 + 256;
		if (s > best)
			best = s;
	}
	return best;
}

static bool
decide(const struct xcfg_service *cfg, int allow, int deny)
{
	if (cfg->only_from.set && allow < 0)
		return false;
	if (deny < 0)
		return true;
	if (!cfg->only_from.set)
		return false;
	return allow > deny;
}

static bool
unchecked(const struct xcfg_service *cfg, const struct peer *p)
{
	if (p == NULL || p->len == 0)
		return true;
	if (p->ss.ss_family != AF_INET && p->ss.ss_family != AF_INET6)
		return true;
	return !cfg->only_from.set && !cfg->no_access.set;
}

/*
 * Name rules can only raise a list's score: those of only_from up to a
 * host's, those of no_access up to a failed look-up's.  When the least
 * and the most the names could do give the same answer, it stands.
 */
enum access_result
access_check(const struct xcfg_service *cfg, const struct peer *p)
{
	bool anames, dnames;
	int allow, deny, allow_max, deny_max;

	if (unchecked(cfg, p))
		return ACCESS_ALLOW;
	allow = list_score(&cfg->only_from, p, NULL, false, &anames);
	deny = list_score(&cfg->no_access, p, NULL, true, &dnames);
	allow_max = anames && allow < full_bits(p) * 256 ?
	    full_bits(p) * 256 : allow;
	deny_max = dnames ? full_bits(p) * 256 + 256 : deny;
	if (!decide(cfg, allow_max, deny))
		return ACCESS_DENY;
	if (decide(cfg, allow, deny_max))
		return ACCESS_ALLOW;
	return ACCESS_NAMES;
}

bool
access_check_names(const struct xcfg_service *cfg, const struct peer *p)
{
	struct peer_name pn;
	bool names;
	int allow, deny;

	if (unchecked(cfg, p))
		return true;
	memset(&pn, 0, sizeof(pn));
	allow = list_score(&cfg->only_from, p, &pn, false, &names);
	deny = list_score(&cfg->no_access, p, &pn, true, &names);
	return decide(cfg, allow, deny);
}
