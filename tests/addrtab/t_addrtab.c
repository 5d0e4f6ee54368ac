/*
 * The hashed address table against a plain array that is searched
 * from end to end: after any run of additions and removals, both must
 * hold the same keys.
 */

#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "addrtab.h"

#define MAX	300

struct model {
	uint8_t	 key[ADDRTAB_KEYLEN];
	int	 prefix6;
	bool	 live;
};

static void
make_key(uint8_t *key, unsigned v)
{
	memset(key, 0, ADDRTAB_KEYLEN);
	key[0] = 10;
	key[13] = (uint8_t)(v >> 16);
	key[14] = (uint8_t)(v >> 8);
	key[15] = (uint8_t)v;
}

static void
check_same(const struct addrtab *t, const struct model *m, size_t nm)
{
	size_t i, live = 0;
	struct addrent *e;

	for (i = 0; i < nm; i++) {
		e = addrtab_find(t, m[i].key, m[i].prefix6);
		if (m[i].live) {
			live++;
			ATF_REQUIRE_MSG(e != NULL, "key %zu lost", i);
			ATF_REQUIRE(memcmp(e->key, m[i].key,
			    ADDRTAB_KEYLEN) == 0);
			ATF_REQUIRE_EQ(e->n, (int)i);
		} else
			ATF_REQUIRE_MSG(e == NULL, "key %zu still found", i);
	}
	ATF_REQUIRE_EQ(t->n, live);
}

ATF_TC_WITHOUT_HEAD(random_runs);
ATF_TC_BODY(random_runs, tc)
{
	static struct model m[4 * MAX];
	struct addrtab t;
	struct addrent *e;
	size_t i, live = 0, round;

	addrtab_init(&t, MAX);
	srandom(1);
	/* Keys differ by one prefix too: same bytes, another entry. */
	for (i = 0; i < 4 * MAX; i++) {
		make_key(m[i].key, (unsigned)(i / 2));
		m[i].prefix6 = i % 2 ? 64 : 128;
	}
	for (round = 0; round < 20000; round++) {
		i = (size_t)random() % (4 * MAX);
		if (m[i].live) {
			e = addrtab_find(&t, m[i].key, m[i].prefix6);
			ATF_REQUIRE(e != NULL);
			addrtab_remove(&t, e);
			m[i].live = false;
			live--;
		} else if (live < MAX) {
			e = addrtab_add(&t, m[i].key, m[i].prefix6);
			ATF_REQUIRE(e != NULL);
			e->n = (int)i;
			m[i].live = true;
			live++;
		} else
			ATF_REQUIRE(addrtab_add(&t, m[i].key,
			    m[i].prefix6) == NULL);
		if (round % 997 == 0)
			check_same(&t, m, 4 * MAX);
	}
	check_same(&t, m, 4 * MAX);
	addrtab_free(&t);
	ATF_REQUIRE_EQ(t.n, 0);
	ATF_REQUIRE(addrtab_find(&t, m[0].key, m[0].prefix6) == NULL);
}

ATF_TC_WITHOUT_HEAD(full_then_empty);
ATF_TC_BODY(full_then_empty, tc)
{
	uint8_t key[ADDRTAB_KEYLEN];
	struct addrtab t;
	struct addrent *e;
	unsigned v;

	addrtab_init(&t, MAX);
	for (v = 0; v < MAX; v++) {
		make_key(key, v);
		ATF_REQUIRE((e = addrtab_add(&t, key, 128)) != NULL);
		e->n = (int)v;
	}
	make_key(key, MAX);
	ATF_REQUIRE(addrtab_add(&t, key, 128) == NULL);
	/* Remove from the front: each time the last moves forward. */
	while (t.n > 0) {
		v = (unsigned)t.v[0].n;
		addrtab_remove(&t, &t.v[0]);
		make_key(key, v);
		ATF_REQUIRE(addrtab_find(&t, key, 128) == NULL);
	}
	for (v = 0; v < MAX; v++) {
		make_key(key, v);
		ATF_REQUIRE(addrtab_find(&t, key, 128) == NULL);
	}
	addrtab_free(&t);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, random_runs);
	ATF_TP_ADD_TC(tp, full_then_empty);
	return atf_no_error();
}
