/*
 * Bounded hash table of client address keys; see addrtab.h.  Entries
 * live in one array, chained by index from a head per bucket, so that
 * removing one moves the last into its place and nothing else changes.
 */

#include <stdlib.h>
#include <string.h>

#include "addrtab.h"

void
addrtab_init(struct addrtab *t, size_t max)
{
	memset(t, 0, sizeof(*t));
	t->max = max;
}

static size_t
bucket(const struct addrtab *t, const uint8_t *key, int prefix6)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < ADDRTAB_KEYLEN; i++)
		h = (h ^ key[i]) * 16777619u;
	h = (h ^ (uint32_t)prefix6) * 16777619u;
	return h & (t->nheads - 1);
}

struct addrent *
addrtab_find(const struct addrtab *t, const uint8_t *key, int prefix6)
{
	uint32_t i;

	if (t->n == 0)
		return NULL;
	for (i = t->heads[bucket(t, key, prefix6)]; i != ADDRTAB_NONE;
	    i = t->v[i].next)
		if (t->v[i].prefix6 == prefix6 &&
		    memcmp(t->v[i].key, key, ADDRTAB_KEYLEN) == 0)
			return &t->v[i];
	return NULL;
}

static int
heads_make(struct addrtab *t)
{
	size_t n = 16, i;

	while (n < t->max)
		n *= 2;
	if ((t->heads = calloc(n, sizeof(*t->heads))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		t->heads[i] = ADDRTAB_NONE;
	t->nheads = n;
	return 0;
}

struct addrent *
addrtab_add(struct addrtab *t, const uint8_t *key, int prefix6)
{
	struct addrent *v, *e;
	size_t cap, b;

	if (t->n >= t->max)
		return NULL;
	if (t->heads == NULL && heads_make(t) == -1)
		return NULL;
	if (t->n == t->cap) {
		cap = t->cap ? t->cap * 2 : 16;
		if (cap > t->max)
			cap = t->max;
		if ((v = reallocarray(t->v, cap, sizeof(*v))) == NULL)
			return NULL;
		t->v = v;
		t->cap = cap;
	}
	e = &t->v[t->n];
	memset(e, 0, sizeof(*e));
	memcpy(e->key, key, ADDRTAB_KEYLEN);
	e->prefix6 = (uint8_t)prefix6;
	b = bucket(t, key, prefix6);
	e->next = t->heads[b];
	t->heads[b] = (uint32_t)t->n;
	t->n++;
	return e;
}

/* Take entry i out of its chain. */
static void
unlink_entry(struct addrtab *t, uint32_t i)
{
	uint32_t *pp;

	pp = &t->heads[bucket(t, t->v[i].key, t->v[i].prefix6)];
	while (*pp != i)
		pp = &t->v[*pp].next;
	*pp = t->v[i].next;
}

void
addrtab_remove(struct addrtab *t, struct addrent *e)
{
	uint32_t i = (uint32_t)(e - t->v), last = (uint32_t)(t->n - 1);
	uint32_t *pp;

	unlink_entry(t, i);
	if (i != last) {
		/* The last entry takes slot i: point its chain there. */
		pp = &t->heads[bucket(t, t->v[last].key, t->v[last].prefix6)];
		while (*pp != last)
			pp = &t->v[*pp].next;
		*pp = i;
		t->v[i] = t->v[last];
	}
	t->n--;
}

void
addrtab_free(struct addrtab *t)
{
	free(t->v);
	free(t->heads);
	addrtab_init(t, t->max);
}
