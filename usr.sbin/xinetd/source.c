/*
 * Servers running per client source, for per_source.  A source is an
 * IPv4 address, or an IPv6 network of per_source_ipv6_prefix bits: one
 * IPv6 host owns a whole /64.  Each service has a small hash table of
 * the sources it has servers for; an entry goes with its last server.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <stdlib.h>
#include <string.h>

#include "daemon.h"

#define SOURCE_BUCKETS_MIN	16

struct source {
	struct source	*next;
	uint8_t		 key[17];	/* family, then the address bits */
	int		 n;		/* servers running */
};

/* The key of a peer: the address, IPv6 cut to prefix bits. */
void
source_key(const struct peer *p, int prefix6, uint8_t key[17])
{
	const struct sockaddr_in *s4 = (const struct sockaddr_in *)&p->ss;
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&p->ss;
	int i;

	memset(key, 0, 17);
	key[0] = (uint8_t)p->ss.ss_family;
	if (p->ss.ss_family == AF_INET) {
		memcpy(key + 1, &s4->sin_addr, 4);
		return;
	}
	if (p->ss.ss_family != AF_INET6)
		return;
	memcpy(key + 1, s6->sin6_addr.s6_addr, 16);
	if (prefix6 < 0 || prefix6 > 128)
		prefix6 = 128;
	for (i = 0; i < 16; i++) {
		if (prefix6 >= 8 * (i + 1))
			continue;
		if (prefix6 <= 8 * i)
			key[1 + i] = 0;
		else
			key[1 + i] &= (uint8_t)(0xff << (8 * (i + 1) - prefix6));
	}
}

static size_t
source_hash(const uint8_t key[17], size_t nb)
{
	uint32_t h = 2166136261u;
	int i;

	for (i = 0; i < 17; i++)
		h = (h ^ key[i]) * 16777619u;
	return h & (nb - 1);
}

static struct source *
source_find(const struct service *svc, const uint8_t key[17])
{
	struct source *s;

	if (svc->nsrcbuckets == 0)
		return NULL;
	for (s = svc->srcbuckets[source_hash(key, svc->nsrcbuckets)];
	    s != NULL; s = s->next)
		if (memcmp(s->key, key, 17) == 0)
			return s;
	return NULL;
}

/* Servers running for the peer's source. */
int
source_count(const struct service *svc, const struct peer *p)
{
	uint8_t key[17];
	struct source *s;

	source_key(p, svc->cfg->per_source_prefix6, key);
	return (s = source_find(svc, key)) != NULL ? s->n : 0;
}

static int
source_grow(struct service *svc)
{
	struct source **v, *s, *next;
	size_t n, i, h;

	n = svc->nsrcbuckets ? svc->nsrcbuckets * 2 : SOURCE_BUCKETS_MIN;
	if ((v = calloc(n, sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < svc->nsrcbuckets; i++)
		for (s = svc->srcbuckets[i]; s != NULL; s = next) {
			next = s->next;
			h = source_hash(s->key, n);
			s->next = v[h];
			v[h] = s;
		}
	free(svc->srcbuckets);
	svc->srcbuckets = v;
	svc->nsrcbuckets = n;
	return 0;
}

/* One more server for the peer's source; NULL when out of memory. */
struct source *
source_add(struct service *svc, const struct peer *p)
{
	uint8_t key[17];
	struct source *s;
	size_t h;

	source_key(p, svc->cfg->per_source_prefix6, key);
	if ((s = source_find(svc, key)) != NULL) {
		s->n++;
		return s;
	}
	if (svc->nsources >= svc->nsrcbuckets && source_grow(svc) == -1)
		return NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	memcpy(s->key, key, 17);
	s->n = 1;
	h = source_hash(key, svc->nsrcbuckets);
	s->next = svc->srcbuckets[h];
	svc->srcbuckets[h] = s;
	svc->nsources++;
	return s;
}

/* A server of that source is gone. */
void
source_remove(struct service *svc, struct source *src)
{
	struct source **pp;

	if (src == NULL || --src->n > 0)
		return;
	for (pp = &svc->srcbuckets[source_hash(src->key, svc->nsrcbuckets)];
	    *pp != NULL; pp = &(*pp)->next)
		if (*pp == src) {
			*pp = src->next;
			svc->nsources--;
			free(src);
			return;
		}
}

void
sources_free(struct service *svc)
{
	struct source *s, *next;
	size_t i;

	for (i = 0; i < svc->nsrcbuckets; i++)
		for (s = svc->srcbuckets[i]; s != NULL; s = next) {
			next = s->next;
			free(s);
		}
	free(svc->srcbuckets);
	svc->srcbuckets = NULL;
	svc->nsrcbuckets = svc->nsources = 0;
}
