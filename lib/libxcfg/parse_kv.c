/*
 * NetBSD key/value definitions:
 *
 *	[addr:]service on|off key = value [value ...], key = , ... ;
 *
 * parse_inetd.c reads the service field and "on" or "off"; what follows,
 * up to the ';', is read here into a struct inetd_def, which
 * parse_inetd.c checks and turns into a raw entry.  A definition may span
 * lines, and '#' outside quotes starts a comment that runs to the end of
 * the line.  Values may be quoted with ' or "; inside quotes the escapes
 * \\ \n \t \r \' \" and \xHH work.  A word may join quoted and unquoted
 * parts ("a"b is ab); a backslash outside quotes is an ordinary character.
 */

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xcfg_impl.h"

enum tok {
	T_EOF,
	T_WORD,
	T_EQ,
	T_COMMA,
	T_SEMI,
	T_ERR		/* reported; the rest of the line is skipped */
};

/* Reading position and the last word. */
struct kvlex {
	struct loadctx	*ctx;
	const struct text *t;
	size_t		 ln;
	const char	*p;		/* NULL at the end of the text */
	bool		 quiet;		/* skipping a bad definition */
	enum tok	 back;		/* pushed back, or T_ERR for none */
	int		 line;		/* of the last token */
	size_t		 len;
	char		 buf[XCFG_LINE_MAX + 1];
};

enum kvkind {
	KV_ONE,		/* exactly one value */
	KV_BIND,
	KV_WAIT,
	KV_EXEC,
	KV_ARGS,
	KV_IPSEC
};

static const struct kvkey {
	const char	*name;
	enum inetd_field field;
	enum kvkind	 kind;
} kvkeys[] = {
	{ "bind",		INETD_ADDR,		KV_BIND },
	{ "socktype",		INETD_SOCKTYPE,		KV_ONE },
	{ "acceptfilter",	INETD_ACCEPT_FILTER,	KV_ONE },
	{ "protocol",		INETD_PROTOCOL,		KV_ONE },
	{ "sndbuf",		INETD_SNDBUF,		KV_ONE },
	{ "recvbuf",		INETD_RCVBUF,		KV_ONE },
	{ "wait",		INETD_WAIT,		KV_WAIT },
	{ "service_max",	INETD_MAX_SPAWNS,	KV_ONE },
	{ "ip_max",		INETD_PER_SOURCE_RATE,	KV_ONE },
	{ "user",		INETD_USER,		KV_ONE },
	{ "group",		INETD_GROUP,		KV_ONE },
	{ "exec",		INETD_SERVER,		KV_EXEC },
	{ "args",		INETD_NFIELDS,		KV_ARGS },
	{ "ipsec",		INETD_IPSEC,		KV_IPSEC },
	{ "accept_max",		INETD_BACKLOG,		KV_ONE },
};

#define NKEYS	(sizeof(kvkeys) / sizeof(kvkeys[0]))

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Bytes in the UTF-8 sequence that starts with c (the text is valid). */
static int
utf8_seqlen(unsigned char c)
{
	if (c < 0xc0)
		return 1;
	if (c < 0xe0)
		return 2;
	if (c < 0xf0)
		return 3;
	return 4;
}

static void
lex_error(struct kvlex *lx, const char *msg)
{
	if (!lx->quiet)
		ctx_error_hard(lx->ctx, lx->t->name, (int)lx->ln + 1, "%s",
		    msg);
}

/* Report a problem at the current line and give up on the rest of it. */
static enum tok
lex_fail(struct kvlex *lx, const char *msg)
{
	lex_error(lx, msg);
	lx->p += strlen(lx->p);
	return T_ERR;
}

/* Skip blanks, comments and line ends; false at the end of the text. */
static bool
lex_space(struct kvlex *lx)
{
	while (lx->p != NULL) {
		while (is_blank(*lx->p))
			lx->p++;
		if (*lx->p != '\0' && *lx->p != '#')
			return true;
		if (++lx->ln >= lx->t->nlines) {
			lx->ln = lx->t->nlines;
			lx->p = NULL;
		} else
			lx->p = lx->t->lines[lx->ln];
	}
	return false;
}

/*
 * One escape after a backslash inside quotes.  A bad one is reported and
 * passed over, so the quoted part can still be read to its end.
 */
static int
lex_escape(struct kvlex *lx)
{
	static const char from[] = "\\ntr'\"", to[] = "\\\n\t\r'\"";
	const char *p = lx->p, *c;
	int hi, lo, n;

	if (*p == 'x') {
		lx->p++;
		if ((hi = hexval(p[1])) == -1 || (lo = hexval(p[2])) == -1) {
			lex_error(lx, "invalid escape '\\x' (two hex digits "
			    "needed)");
			return -1;
		}
		lx->p += 2;
		if (hi == 0 && lo == 0) {
			lex_error(lx, "escape '\\x00' not allowed");
			return -1;
		}
		lx->buf[lx->len++] = (char)(hi << 4 | lo);
		return 0;
	}
	if ((c = strchr(from, *p)) == NULL) {
		n = utf8_seqlen((unsigned char)*p);
		if (!lx->quiet)
			ctx_error_hard(lx->ctx, lx->t->name, (int)lx->ln + 1,
			    "unknown escape '\\%.*s'", n, p);
		lx->p += n;
		return -1;
	}
	lx->buf[lx->len++] = to[c - from];
	lx->p++;
	return 0;
}

/* A quoted part of a word, from the opening quote to the closing one. */
static enum tok
lex_quoted(struct kvlex *lx)
{
	char q = *lx->p++, c;
	bool bad = false;

	for (;;) {
		c = *lx->p;
		if (c == '\0' || (c == '\\' && lx->p[1] == '\0'))
			return lex_fail(lx, "unterminated quote");
		if (lx->len + 4 >= sizeof(lx->buf))
			return lex_fail(lx, "value too long");
		lx->p++;
		if (c == q)
			return bad ? T_ERR : T_WORD;
		if (c != '\\')
			lx->buf[lx->len++] = c;
		else if (lex_escape(lx) == -1)
			bad = true;
	}
}

/*
 * A word: it ends at a blank, ',', ';', '#', the end of the line, and,
 * where a key is expected, '='.
 */
static enum tok
lex_word(struct kvlex *lx, bool value)
{
	char c;

	lx->len = 0;
	while ((c = *lx->p) != '\0' && !is_blank(c) && c != ',' &&
	    c != ';' && c != '#' && (value || c != '=')) {
		/* A line is never longer than the buffer; be sure anyway. */
		if (lx->len + 4 >= sizeof(lx->buf))
			return lex_fail(lx, "value too long");
		if (c == '"' || c == '\'') {
			if (lex_quoted(lx) == T_ERR)
				return T_ERR;
		} else {
			lx->buf[lx->len++] = c;
			lx->p++;
		}
	}
	lx->buf[lx->len] = '\0';
	return T_WORD;
}

static enum tok
lex(struct kvlex *lx, bool value)
{
	enum tok tok;

	if (lx->back != T_ERR) {
		tok = lx->back;
		lx->back = T_ERR;
		return tok;
	}
	if (!lex_space(lx))
		return T_EOF;
	lx->line = (int)lx->ln + 1;
	switch (*lx->p) {
	case ',':
		lx->p++;
		return T_COMMA;
	case ';':
		lx->p++;
		return T_SEMI;
	case '=':
		if (!value) {
			lx->p++;
			return T_EQ;
		}
		break;
	}
	return lex_word(lx, value);
}

/* After a problem: on to the ';'.  Returns -1 at the end of the text. */
static int
skip_definition(struct kvlex *lx)
{
	enum tok tok;

	lx->quiet = true;
	while ((tok = lex(lx, true)) != T_SEMI)
		if (tok == T_EOF)
			return -1;
	return 0;
}

static const struct kvkey *
find_key(const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(kvkeys[i].name, name) == 0)
			return &kvkeys[i];
	return NULL;
}

static const char *
keep(struct kvlex *lx, struct inetd_def *d, const char *s)
{
	size_t before = d->pool.n;

	strlist_add(&d->pool, s, &lx->ctx->cfg->nomem);
	return d->pool.n > before ? d->pool.v[d->pool.n - 1] : NULL;
}

/* "[addr]" is the same address as "addr". */
static const char *
keep_bind(struct kvlex *lx, struct inetd_def *d, const char *s)
{
	size_t n = strlen(s);
	const char *kept;
	char *p;

	if (n < 2 || s[0] != '[' || s[n - 1] != ']')
		return keep(lx, d, s);
	if ((p = strndup(s + 1, n - 2)) == NULL) {
		lx->ctx->cfg->nomem = true;
		return NULL;
	}
	kept = keep(lx, d, p);
	free(p);
	return kept;
}

/* Keys other than args and ipsec take one value that is not empty. */
static int
check_one(struct kvlex *lx, const struct kvkey *k,
    const struct xcfg_strlist *vals, int line)
{
	const char *what;

	if (vals->n == 0)
		what = "missing value";
	else if (vals->n > 1)
		what = "too many values";
	else if (vals->v[0][0] == '\0')
		what = "empty value";
	else
		return 0;
	ctx_error(lx->ctx, lx->t->name, line, "%s for '%s'", what, k->name);
	return -1;
}

static int
apply_one(struct kvlex *lx, struct inetd_def *d, const struct kvkey *k,
    const char *v, int line)
{
	const char *s;

	switch (k->kind) {
	case KV_BIND:
		if (d->addr_prefix) {
			ctx_error(lx->ctx, lx->t->name, line, "key 'bind' "
			    "conflicts with the address prefix '%s'",
			    d->f[INETD_ADDR]);
			return -1;
		}
		s = keep_bind(lx, d, v);
		break;
	case KV_WAIT:
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
			ctx_error(lx->ctx, lx->t->name, line,
			    "invalid wait value '%s' (yes or no)", v);
			return -1;
		}
		s = strcmp(v, "yes") == 0 ? "yes" : "no";
		break;
	case KV_EXEC:
		if (strcmp(v, "internal") == 0)
			return 0;
		/* FALLTHROUGH */
	default:
		s = keep(lx, d, v);
		break;
	}
	if (s == NULL)
		return -1;
	d->f[k->field] = s;
	d->fline[k->field] = line;
	return 0;
}

static int
apply_key(struct kvlex *lx, struct inetd_def *d, const struct kvkey *k,
    struct xcfg_strlist *vals, int line)
{
	switch (k->kind) {
	case KV_ARGS:
		strlist_free(&d->args);
		d->args = *vals;
		memset(vals, 0, sizeof(*vals));
		d->args_line = line;
		return 0;
	case KV_IPSEC:
		if (vals->n > 1) {
			ctx_error(lx->ctx, lx->t->name, line, "too many "
			    "values for 'ipsec' (quote the policy)");
			return -1;
		}
		d->f[INETD_IPSEC] = vals->n == 0 ? "" :
		    keep(lx, d, vals->v[0]);
		d->fline[INETD_IPSEC] = line;
		return d->f[INETD_IPSEC] != NULL ? 0 : -1;
	default:
		if (check_one(lx, k, vals, line) == -1)
			return -1;
		return apply_one(lx, d, k, vals->v[0], line);
	}
}

/* The values of a key, up to ',' or ';' (pushed back). */
static enum tok
read_values(struct kvlex *lx, struct xcfg_strlist *vals)
{
	enum tok tok;
	size_t before;

	for (;;) {
		switch (tok = lex(lx, true)) {
		case T_WORD:
			before = vals->n;
			strlist_add(vals, lx->buf, &lx->ctx->cfg->nomem);
			if (vals->n == before)
				return T_ERR;
			break;
		case T_SEMI:
			lx->back = T_SEMI;
			return T_COMMA;
		default:
			return tok;
		}
	}
}

/*
 * One "key = values" after its key was read.  Returns T_COMMA when it
 * went well, T_ERR after a problem and T_EOF at the end of the text.
 */
static enum tok
read_option(struct kvlex *lx, struct inetd_def *d, unsigned *seen)
{
	struct xcfg_strlist vals = { 0, NULL };
	const struct kvkey *k;
	int line = lx->line;
	enum tok tok;

	if ((k = find_key(lx->buf)) == NULL) {
		ctx_error(lx->ctx, lx->t->name, line, "unknown key '%s'",
		    lx->buf);
		return T_ERR;
	}
	if (*seen & 1u << (k - kvkeys)) {
		ctx_error(lx->ctx, lx->t->name, line,
		    "key '%s' given twice", k->name);
		return T_ERR;
	}
	*seen |= 1u << (k - kvkeys);
	if ((tok = lex(lx, false)) != T_EQ) {
		if (tok == T_EOF)
			return T_EOF;
		if (tok != T_ERR)
			ctx_error(lx->ctx, lx->t->name, line,
			    "expected '=' after '%s'", k->name);
		if (tok == T_SEMI)
			lx->back = T_SEMI;	/* it ends this definition */
		return T_ERR;
	}
	tok = read_values(lx, &vals);
	if (tok == T_COMMA && apply_key(lx, d, k, &vals, line) == -1)
		tok = T_ERR;
	strlist_free(&vals);
	return tok;
}

/* What stands where a key should. */
static enum tok
read_key(struct kvlex *lx, struct inetd_def *d, unsigned *seen)
{
	enum tok tok = lex(lx, false);

	switch (tok) {
	case T_WORD:
		return read_option(lx, d, seen);
	case T_EQ:
		ctx_error(lx->ctx, lx->t->name, lx->line,
		    "expected a key, found '='");
		return T_ERR;
	default:
		return tok;
	}
}

/*
 * Read the options of one definition, from *pp on line *ln to its ';'.
 * On return *ln and *pp are just past the ';' (*ln is the number of
 * lines when the text ended first).  Returns 0 when d may be used.
 */
int
parse_kv(struct loadctx *ctx, const struct text *t, size_t *ln,
    const char **pp, struct inetd_def *d)
{
	struct kvlex *lx;
	unsigned seen = 0;
	enum tok tok;
	int rv = 0;

	if ((lx = calloc(1, sizeof(*lx))) == NULL) {
		ctx->cfg->nomem = true;
		*ln = t->nlines;
		return -1;
	}
	lx->ctx = ctx;
	lx->t = t;
	lx->ln = *ln;
	lx->p = *pp;
	lx->back = T_ERR;
	d->kv = true;
	while ((tok = read_key(lx, d, &seen)) != T_SEMI) {
		if (tok == T_ERR) {
			rv = -1;
			tok = skip_definition(lx) == -1 ? T_EOF : T_SEMI;
		}
		if (tok == T_EOF) {
			ctx_error_hard(ctx, t->name, d->line,
			    "definition not terminated by ';'");
			rv = -1;
			break;
		}
		if (tok == T_SEMI)
			break;
	}
	*ln = lx->ln;
	*pp = lx->p;
	free(lx);
	return rv;
}
