/*
 * Raw entries: what a parser saw, as ordered "attribute op values"
 * settings, before any meaning is given to them.
 */

#include <stdlib.h>
#include <string.h>

#include "xcfg_impl.h"

char *
xstrdup(struct loadctx *ctx, const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		ctx->cfg->nomem = true;
	return p;
}

void
strlist_add(struct xcfg_strlist *l, const char *s, bool *nomem)
{
	char **v, *p;

	if ((p = strdup(s)) == NULL) {
		*nomem = true;
		return;
	}
	if ((v = reallocarray(l->v, l->n + 2, sizeof(*v))) == NULL) {
		free(p);
		*nomem = true;
		return;
	}
	v[l->n++] = p;
	v[l->n] = NULL;
	l->v = v;
}

void
strlist_free(struct xcfg_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

struct raw_entry *
raw_new(struct loadctx *ctx, enum raw_kind kind, const char *name,
    const char *file, int line)
{
	struct raw_entry *v, *e;

	v = reallocarray(ctx->raw, ctx->nraw + 1, sizeof(*v));
	if (v == NULL) {
		ctx->cfg->nomem = true;
		return NULL;
	}
	ctx->raw = v;
	e = &v[ctx->nraw];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->file = file;
	e->line = line;
	if (name != NULL && (e->name = xstrdup(ctx, name)) == NULL)
		return NULL;
	ctx->nraw++;
	return e;
}

struct setting *
raw_add(struct loadctx *ctx, struct raw_entry *e, const char *attr,
    enum xcfg_op op, const char *file, int line)
{
	struct setting *v, *s;

	if (e == NULL)
		return NULL;
	if ((v = reallocarray(e->v, e->n + 1, sizeof(*v))) == NULL) {
		ctx->cfg->nomem = true;
		return NULL;
	}
	e->v = v;
	s = &v[e->n];
	memset(s, 0, sizeof(*s));
	if ((s->attr = xstrdup(ctx, attr)) == NULL)
		return NULL;
	s->op = op;
	s->file = file;
	s->line = line;
	e->n++;
	return s;
}

void
raw_value(struct loadctx *ctx, struct setting *s, const char *value)
{
	if (s != NULL)
		strlist_add(&s->values, value, &ctx->cfg->nomem);
}

/* "attr = value": the common case for the inetd parsers. */
struct setting *
raw_set1(struct loadctx *ctx, struct raw_entry *e, const char *attr,
    const char *value, const char *file, int line)
{
	struct setting *s;

	if ((s = raw_add(ctx, e, attr, OP_SET, file, line)) != NULL &&
	    value != NULL)
		raw_value(ctx, s, value);
	return s;
}

void
raw_free_all(struct loadctx *ctx)
{
	size_t i, j;

	for (i = 0; i < ctx->nraw; i++) {
		for (j = 0; j < ctx->raw[i].n; j++) {
			free(ctx->raw[i].v[j].attr);
			strlist_free(&ctx->raw[i].v[j].values);
		}
		free(ctx->raw[i].v);
		free(ctx->raw[i].name);
	}
	free(ctx->raw);
	ctx->raw = NULL;
	ctx->nraw = 0;
}
