/*
 * Address rules of only_from and no_access: one value word becomes one
 * or more rules (a factorized "a.b.{c,d}" gives one per element).
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xcfg_impl.h"

#define NAME_MAX_LEN	253	/* longest DNS name, no final dot */
#define LABEL_MAX_LEN	63

static int
addr_invalid(struct loadctx *ctx, const char *file, int line,
    const char *word, const char *why)
{
	ctx_error(ctx, file, line, "invalid address '%s': %s", word, why);
	return -1;
}

/* Add an empty rule of the given kind; NULL when out of memory. */
static struct xcfg_addr *
rule_new(struct loadctx *ctx, struct xcfg_addrlist *l,
    enum xcfg_addr_kind kind, const char *word)
{
	struct xcfg_addr *v, *a;

	v = reallocarray(l->v, l->n + 1, sizeof(*v));
	if (v == NULL) {
		ctx->cfg->nomem = true;
		return NULL;
	}
	l->v = v;
	a = &v[l->n];
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	if ((a->text = strdup(word)) == NULL) {
		ctx->cfg->nomem = true;
		return NULL;
	}
	l->n++;
	return a;
}

/* Drop the rules added after the first n. */
static void
rules_truncate(struct xcfg_addrlist *l, size_t n)
{
	while (l->n > n) {
		l->n--;
		free(l->v[l->n].name);
		free(l->v[l->n].text);
	}
}

static in_addr_t
mask4(int prefix)
{
	if (prefix <= 0)
		return 0;
	if (prefix >= 32)
		return 0xffffffffU;
	return htonl(0xffffffffU << (32 - prefix));
}

/* Clear the host bits; tells whether any was set. */
static bool
clear_host4(struct in_addr *a, int prefix)
{
	in_addr_t old = a->s_addr;

	a->s_addr &= mask4(prefix);
	return a->s_addr != old;
}

static bool
clear_host6(struct in6_addr *a, int prefix)
{
	bool set = false;
	uint8_t keep;
	int i, bits;

	for (i = 0; i < 16; i++) {
		bits = prefix - i * 8;
		if (bits >= 8)
			continue;
		keep = bits <= 0 ? 0 : (uint8_t)(0xff << (8 - bits));
		if ((a->s6_addr[i] & ~keep) != 0)
			set = true;
		a->s6_addr[i] &= keep;
	}
	return set;
}

/*
 * Prefix of a dotted quad: trailing zero octets are wildcards, so
 * 128.138.0.0 is a /16 and 0.0.0.0 matches everything.
 */
static int
wildcard_prefix(struct in_addr a)
{
	uint32_t h = ntohl(a.s_addr);
	int prefix = 32;

	while (prefix > 0 && (h & 0xff) == 0) {
		h >>= 8;
		prefix -= 8;
	}
	return prefix;
}

/*
 * A decimal octet in [*sp, end): no sign, no leading zero (it would read
 * as octal elsewhere).  Advances *sp; returns NULL or what is wrong.
 */
static const char *
octet_scan(const char **sp, const char *end, unsigned *v)
{
	const char *s = *sp, *p;
	unsigned n = 0;

	for (p = s; p < end && isdigit((unsigned char)*p); p++)
		if (n <= 255)
			n = n * 10 + (unsigned)(*p - '0');
	if (p == s)
		return "empty octet";
	if (p - s > 1 && *s == '0')
		return "leading zero in octet";
	if (n > 255)
		return "octet out of range";
	*sp = p;
	*v = n;
	return NULL;
}

/*
 * Octets "a.b.c" filling [s, end).  Returns NULL and their number
 * (1..4) in *count, shifted to the top of *a, or what is wrong.
 */
static const char *
octets_parse(const char *s, const char *end, uint32_t *a, int *count)
{
	const char *why;
	unsigned o;
	uint32_t h = 0;
	int n = 0;

	for (;;) {
		if (n == 4)
			return "too many octets";
		if ((why = octet_scan(&s, end, &o)) != NULL)
			return why;
		h |= (uint32_t)o << (24 - 8 * n);
		n++;
		if (s == end)
			break;
		if (*s++ != '.')
			return "unexpected character";
	}
	*a = h;
	*count = n;
	return NULL;
}

/* A prefix length in [s, end), 0..max. */
static const char *
prefix_parse(const char *s, const char *end, int max, int *prefix)
{
	int n = 0;

	if (s == end)
		return "missing prefix length";
	for (; s < end; s++) {
		if (!isdigit((unsigned char)*s))
			return "bad prefix length";
		n = n * 10 + (*s - '0');
		if (n > max)
			return "prefix length out of range";
	}
	*prefix = n;
	return NULL;
}

static int
inet_add(struct loadctx *ctx, struct xcfg_addrlist *l, const char *word,
    struct in_addr a, int prefix)
{
	struct xcfg_addr *r;

	if ((r = rule_new(ctx, l, XCFG_ADDR_INET, word)) == NULL)
		return -1;
	r->addr.v4 = a;
	r->prefix = prefix;
	return 0;
}

/* 128.138.12.0: a full dotted quad, trailing zero octets are wildcards. */
static int
quad_parse(struct loadctx *ctx, const char *file, int line, const char *word,
    struct xcfg_addrlist *l)
{
	const char *why;
	struct in_addr a;
	uint32_t h;
	int count;

	why = octets_parse(word, word + strlen(word), &h, &count);
	if (why == NULL && count != 4)
		why = "expected four octets";
	if (why != NULL)
		return addr_invalid(ctx, file, line, word, why);
	a.s_addr = htonl(h);
	return inet_add(ctx, l, word, a, wildcard_prefix(a));
}

/* a.b.c.d/n */
static int
cidr4_parse(struct loadctx *ctx, const char *file, int line,
    const char *word, struct xcfg_addrlist *l)
{
	const char *slash = strchr(word, '/'), *why;
	struct in_addr a;
	uint32_t h;
	int count, prefix;

	why = octets_parse(word, slash, &h, &count);
	if (why == NULL && count != 4)
		why = "expected four octets";
	if (why == NULL)
		why = prefix_parse(slash + 1, slash + strlen(slash), 32,
		    &prefix);
	if (why != NULL)
		return addr_invalid(ctx, file, line, word, why);
	a.s_addr = htonl(h);
	if (clear_host4(&a, prefix))
		ctx_warn(ctx, file, line, "host bits set in '%s'", word);
	return inet_add(ctx, l, word, a, prefix);
}

/*
 * An IPv6 literal, with an optional /n.  An IPv4-mapped network
 * (::ffff:a.b.c.d/n, n >= 96) becomes the IPv4 rule it stands for,
 * since peers are compared as IPv4 addresses.
 */
static int
inet6_parse(struct loadctx *ctx, const char *file, int line,
    const char *word, struct xcfg_addrlist *l)
{
	char buf[INET6_ADDRSTRLEN];
	const char *slash, *why = NULL;
	struct xcfg_addr *r;
	struct in6_addr a6;
	struct in_addr a4;
	size_t len;
	int prefix = 128;

	if ((slash = strchr(word, '/')) == NULL)
		slash = word + strlen(word);
	else
		why = prefix_parse(slash + 1, slash + strlen(slash), 128,
		    &prefix);
	if (why != NULL)
		return addr_invalid(ctx, file, line, word, why);
	if ((len = (size_t)(slash - word)) >= sizeof(buf))
		return addr_invalid(ctx, file, line, word, "bad IPv6 address");
	memcpy(buf, word, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET6, buf, &a6) != 1)
		return addr_invalid(ctx, file, line, word, "bad IPv6 address");
	if (clear_host6(&a6, prefix))
		ctx_warn(ctx, file, line, "host bits set in '%s'", word);
	if (IN6_IS_ADDR_V4MAPPED(&a6) && prefix >= 96) {
		memcpy(&a4.s_addr, &a6.s6_addr[12], sizeof(a4.s_addr));
		return inet_add(ctx, l, word, a4, prefix - 96);
	}
	if ((r = rule_new(ctx, l, XCFG_ADDR_INET6, word)) == NULL)
		return -1;
	r->addr.v6 = a6;
	r->prefix = prefix;
	return 0;
}

/*
 * The elements of "{c,d,e}" at s, up to the closing brace that must end
 * the word: checks them all, adding nothing.
 */
static const char *
brace_check(const char *s)
{
	const char *why;
	const char *end = s + strlen(s);
	unsigned o;

	if (*s++ != '{' || end[-1] != '}')
		return "bad braces";
	end--;
	for (;;) {
		if (s == end || *s == ',')
			return "empty element in braces";
		if ((why = octet_scan(&s, end, &o)) != NULL)
			return isdigit((unsigned char)*s) ? why : "bad braces";
		if (s == end)
			return NULL;
		if (*s++ != ',')
			return "bad braces";
	}
}

/* Add a rule per element of a checked "{c,d,e}" at s. */
static int
brace_expand(struct loadctx *ctx, struct xcfg_addrlist *l, const char *word,
    const char *s, uint32_t h, int count)
{
	struct in_addr a;
	unsigned o;
	int shift = 24 - 8 * count;

	s++;
	for (;;) {
		(void)octet_scan(&s, s + strlen(s), &o);
		a.s_addr = htonl(h | (uint32_t)o << shift);
		if (inet_add(ctx, l, word, a, 32 - shift) == -1)
			return -1;
		if (*s++ == '}')
			return 0;
	}
}

/*
 * 128.138.{12,13,80}: the braces stand for the octet after the ones
 * given, which sets the prefix (here /24, one rule per element).
 */
static int
factor_parse(struct loadctx *ctx, const char *file, int line,
    const char *word, struct xcfg_addrlist *l)
{
	const char *brace = strchr(word, '{'), *why = NULL;
	uint32_t h = 0;
	int count = 0;

	if (brace == NULL)
		why = "bad braces";
	else if (brace > word && brace[-1] != '.')
		why = "bad braces";
	else if (brace > word)
		why = octets_parse(word, brace - 1, &h, &count);
	if (why == NULL && count > 3)
		why = "too many octets";
	if (why == NULL)
		why = brace_check(brace);
	if (why != NULL)
		return addr_invalid(ctx, file, line, word, why);
	return brace_expand(ctx, l, word, brace, h, count);
}

/*
 * A host or domain name: labels of letters, digits and '-', not starting
 * with '-', separated by single dots; one final dot is allowed.
 */
static const char *
name_check(const char *s)
{
	size_t len = strlen(s), label = 0;

	if (len > 0 && s[len - 1] == '.')
		len--;
	if (len == 0)
		return "empty name";
	if (len > NAME_MAX_LEN)
		return "name too long";
	for (; len > 0; s++, len--) {
		if (*s == '.') {
			if (label == 0)
				return "empty label";
			label = 0;
			continue;
		}
		if (!isalnum((unsigned char)*s) && *s != '-')
			return "bad character in name";
		if (label == 0 && *s == '-')
			return "label starts with '-'";
		if (++label > LABEL_MAX_LEN)
			return "label too long";
	}
	return label == 0 ? "empty label" : NULL;
}

/* Lower case, without the final dot; NULL when out of memory. */
static char *
name_fold(struct loadctx *ctx, const char *s)
{
	size_t i, len = strlen(s);
	char *p;

	if (len > 0 && s[len - 1] == '.')
		len--;
	if ((p = malloc(len + 1)) == NULL) {
		ctx->cfg->nomem = true;
		return NULL;
	}
	for (i = 0; i < len; i++)
		p[i] = (char)tolower((unsigned char)s[i]);
	p[len] = '\0';
	return p;
}

static int
name_add(struct loadctx *ctx, struct xcfg_addrlist *l, const char *word,
    enum xcfg_addr_kind kind)
{
	struct xcfg_addr *r;

	if ((r = rule_new(ctx, l, kind, word)) == NULL)
		return -1;
	if ((r->name = name_fold(ctx, word)) == NULL)
		return -1;
	return 0;
}

/* .example.com: peers whose reverse name ends so.  Keeps the dot. */
static int
domain_parse(struct loadctx *ctx, const char *file, int line,
    const char *word, struct xcfg_addrlist *l)
{
	const char *why;

	if ((why = name_check(word + 1)) != NULL)
		return addr_invalid(ctx, file, line, word, why);
	return name_add(ctx, l, word, XCFG_ADDR_DOMAIN);
}

/* A network from networks(5), else a host name resolved later. */
static int
name_parse(struct loadctx *ctx, const char *file, int line,
    const char *word, struct xcfg_addrlist *l)
{
	struct xcfg_paths none = { 0 };
	const struct xcfg_paths *paths = &none;
	const char *why;
	struct in_addr net;

	char folded[256];
	size_t n;

	if ((why = name_check(word)) != NULL)
		return addr_invalid(ctx, file, line, word, why);
	if (ctx->opts != NULL)
		paths = &ctx->opts->paths;
	/* Compare as the dump writes it: lower case, no final dot. */
	n = strlcpy(folded, word, sizeof(folded));
	if (n > 0 && n < sizeof(folded) && folded[n - 1] == '.')
		folded[n - 1] = '\0';
	for (n = 0; folded[n] != '\0'; n++)
		folded[n] = (char)tolower((unsigned char)folded[n]);
	if (lookup_network(paths, folded, &net) == 0)
		return inet_add(ctx, l, word, net, wildcard_prefix(net));
	return name_add(ctx, l, word, XCFG_ADDR_HOST);
}

static int
word_parse(struct loadctx *ctx, const char *file, int line,
    const char *word, struct xcfg_addrlist *l)
{
	if (*word == '\0')
		return addr_invalid(ctx, file, line, word, "empty");
	if (strpbrk(word, "{}") != NULL)
		return factor_parse(ctx, file, line, word, l);
	if (strchr(word, ':') != NULL)
		return inet6_parse(ctx, file, line, word, l);
	if (strchr(word, '/') != NULL)
		return cidr4_parse(ctx, file, line, word, l);
	if (word[strspn(word, "0123456789.")] == '\0')
		return quad_parse(ctx, file, line, word, l);
	if (*word == '.')
		return domain_parse(ctx, file, line, word, l);
	return name_parse(ctx, file, line, word, l);
}

/*
 * Parse one only_from/no_access word and append its rules to l.  On
 * error nothing is appended.
 */
int
addr_parse(struct loadctx *ctx, const char *file, int line, const char *word,
    struct xcfg_addrlist *l)
{
	size_t n = l->n;

	l->set = true;
	if (word_parse(ctx, file, line, word, l) == -1) {
		rules_truncate(l, n);
		return -1;
	}
	return 0;
}

bool
addr_equal(const struct xcfg_addr *a, const struct xcfg_addr *b)
{
	struct in6_addr a6, b6;

	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case XCFG_ADDR_INET:
		return a->prefix == b->prefix &&
		    (a->addr.v4.s_addr & mask4(a->prefix)) ==
		    (b->addr.v4.s_addr & mask4(b->prefix));
	case XCFG_ADDR_INET6:
		if (a->prefix != b->prefix)
			return false;
		a6 = a->addr.v6;
		b6 = b->addr.v6;
		clear_host6(&a6, a->prefix);
		clear_host6(&b6, b->prefix);
		return memcmp(&a6, &b6, sizeof(a6)) == 0;
	case XCFG_ADDR_HOST:
	case XCFG_ADDR_DOMAIN:
		return a->name != NULL && b->name != NULL &&
		    strcmp(a->name, b->name) == 0;
	}
	return false;
}

void
addrlist_free(struct xcfg_addrlist *l)
{
	rules_truncate(l, 0);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
