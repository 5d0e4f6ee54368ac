/*
 * Loading: files, includes, diagnostics and the table accessors.
 */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xcfg_impl.h"

const char *
ctx_intern(struct loadctx *ctx, const char *name)
{
	struct xcfg *cfg = ctx->cfg;
	char **v;
	size_t i;

	for (i = 0; i < cfg->nnames; i++)
		if (strcmp(cfg->names[i], name) == 0)
			return cfg->names[i];
	v = reallocarray(cfg->names, cfg->nnames + 1, sizeof(*v));
	if (v == NULL || (v[cfg->nnames] = strdup(name)) == NULL) {
		if (v != NULL)
			cfg->names = v;
		cfg->nomem = true;
		return "(out of memory)";
	}
	cfg->names = v;
	return v[cfg->nnames++];
}

static void
ctx_vdiag(struct loadctx *ctx, bool warning, const char *file, int line,
    const char *fmt, va_list ap)
{
	struct xcfg *cfg = ctx->cfg;
	struct xcfg_diag *v, *d;

	if (ctx->demote && !warning && !ctx->hard) {
		warning = true;
		ctx->ndemoted++;
	}
	if (!warning)
		cfg->nerrors++;
	if (cfg->ndiags >= XCFG_DIAG_COLLECT) {
		cfg->dropped = true;
		return;
	}
	v = reallocarray(cfg->diags, cfg->ndiags + 1, sizeof(*v));
	if (v == NULL) {
		cfg->nomem = true;
		return;
	}
	cfg->diags = v;
	d = &v[cfg->ndiags];
	memset(d, 0, sizeof(*d));
	d->line = line;
	d->warning = warning;
	d->file = strdup(file);
	if (vasprintf(&d->msg, fmt, ap) == -1)
		d->msg = NULL;
	if (d->file == NULL || d->msg == NULL) {
		free(d->file);
		free(d->msg);
		cfg->nomem = true;
		return;
	}
	cfg->ndiags++;
}

void
ctx_error(struct loadctx *ctx, const char *file, int line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	ctx_vdiag(ctx, false, file, line, fmt, ap);
	va_end(ap);
}

/*
 * An error that stays one in a disabled entry: the text around it can
 * no longer be read with confidence (an unterminated quote, a missing
 * ';'), so what follows may have been lost.
 */
void
ctx_error_hard(struct loadctx *ctx, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;

	ctx->hard = true;
	va_start(ap, fmt);
	ctx_vdiag(ctx, false, file, line, fmt, ap);
	va_end(ap);
	ctx->hard = false;
}

void
ctx_warn(struct loadctx *ctx, const char *file, int line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	ctx_vdiag(ctx, true, file, line, fmt, ap);
	va_end(ap);
}

static void
ctx_parse_text(struct loadctx *ctx, const struct text *t,
    enum xcfg_syntax syntax)
{
	if (syntax == XCFG_SYNTAX_AUTO)
		syntax = text_guess_syntax(t);
	if (syntax == XCFG_SYNTAX_XINETD)
		parse_xinetd(ctx, t);
	else
		parse_inetd(ctx, t);
}

/*
 * Read one file and parse it.  from_file/from_line name the include
 * directive that asked for it (NULL for the top file).
 */
void
ctx_read_file(struct loadctx *ctx, const char *path, enum xcfg_syntax syntax,
    const char *from_file, int from_line)
{
	struct text t;
	int i;

	if (ctx->depth == XCFG_DEPTH_MAX) {
		ctx_error(ctx, from_file, from_line,
		    "includes nested deeper than %d files", XCFG_DEPTH_MAX);
		return;
	}
	if (text_read(ctx, path, &t, from_file, from_line) == -1)
		return;
	/* The same file under another name is the same file. */
	for (i = 0; i < ctx->depth; i++) {
		if (ctx->stack_dev[i] == t.dev && ctx->stack_ino[i] == t.ino &&
		    t.ino != 0) {
			ctx_error(ctx, from_file, from_line,
			    "include loop: %s is already being read", path);
			text_free(&t);
			return;
		}
	}
	if (t.len == 0) {
		if (from_file == NULL)
			ctx_error(ctx, t.name, 0, "file is empty");
		else
			ctx_warn(ctx, t.name, 0, "file is empty");
		text_free(&t);
		return;
	}
	ctx->stack[ctx->depth] = t.name;
	ctx->stack_dev[ctx->depth] = t.dev;
	ctx->stack_ino[ctx->depth++] = t.ino;
	ctx_parse_text(ctx, &t, syntax);
	ctx->depth--;
	text_free(&t);
}

static struct xcfg *
cfg_new(const struct xcfg_options *opts)
{
	struct xcfg *cfg;

	if ((cfg = calloc(1, sizeof(*cfg))) == NULL)
		return NULL;
	if (opts != NULL)
		cfg->paths = opts->paths;
	return cfg;
}

static bool
ctx_has_entries(const struct loadctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nraw; i++)
		if (ctx->raw[i].kind == RAW_SERVICE)
			return true;
	return false;
}

struct diag_key {
	size_t		 file;	/* order the file was first read */
	size_t		 pos;	/* order the problem was found */
	struct xcfg_diag d;
};

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag_key *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Problems in file and line order, as an editor would visit them. */
static void
sort_diags(struct xcfg *cfg)
{
	struct diag_key *k;
	size_t i, j;

	if (cfg->ndiags < 2 ||
	    (k = calloc(cfg->ndiags, sizeof(*k))) == NULL)
		return;
	for (i = 0; i < cfg->ndiags; i++) {
		k[i].d = cfg->diags[i];
		k[i].pos = i;
		k[i].file = cfg->nnames;
		for (j = 0; j < cfg->nnames; j++)
			if (strcmp(cfg->names[j], k[i].d.file) == 0)
				k[i].file = j;
	}
	if (cfg->ndiags > 1)
		qsort(k, cfg->ndiags, sizeof(*k), diag_cmp);
	for (i = 0; i < cfg->ndiags; i++)
		cfg->diags[i] = k[i].d;
	free(k);
}

/* Keep the first problems by file and line, and say that there are more. */
static void
cap_diags(struct xcfg *cfg)
{
	struct xcfg_diag *d;
	char *msg;
	size_t i;

	if (cfg->ndiags <= XCFG_DIAG_MAX && !cfg->dropped)
		return;
	if ((msg = strdup("too many problems; the rest are not shown")) ==
	    NULL) {
		cfg->nomem = true;
		return;
	}
	d = &cfg->diags[cfg->ndiags > XCFG_DIAG_MAX ? XCFG_DIAG_MAX :
	    cfg->ndiags - 1];
	for (i = XCFG_DIAG_MAX + 1; i < cfg->ndiags; i++) {
		free(cfg->diags[i].file);
		free(cfg->diags[i].msg);
	}
	free(d->msg);
	d->msg = msg;
	d->warning = false;
	cfg->ndiags = (size_t)(d - cfg->diags) + 1;
}

/* Resolve what was parsed into the table and check it. */
static struct xcfg *
ctx_finish(struct loadctx *ctx, const char *top)
{
	struct xcfg *cfg = ctx->cfg;

	if (!ctx_has_entries(ctx) && cfg->ndiags == 0)
		ctx_error(ctx, top, 0, "no services defined");
	resolve_all(ctx);
	validate_all(ctx);
	lookup_forget();
	raw_free_all(ctx);
	sort_diags(cfg);
	cap_diags(cfg);
	if (cfg->nomem) {
		xcfg_free(cfg);
		return NULL;
	}
	return cfg;
}

static const struct xcfg_options default_options;

struct xcfg *
xcfg_load(const char *path, const struct xcfg_options *opts)
{
	struct loadctx ctx;
	struct xcfg *cfg;

	if (opts == NULL)
		opts = &default_options;
	lookup_forget();
	if ((cfg = cfg_new(opts)) == NULL)
		return NULL;
	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = cfg;
	ctx.opts = opts;
	ctx_read_file(&ctx, path, opts->syntax, NULL, 0);
	return ctx_finish(&ctx, ctx_intern(&ctx, path));
}

struct xcfg *
xcfg_load_buffer(const char *name, const char *buf, size_t len,
    const struct xcfg_options *opts)
{
	struct loadctx ctx;
	struct xcfg *cfg;
	struct text t;

	if (opts == NULL)
		opts = &default_options;
	lookup_forget();
	if ((cfg = cfg_new(opts)) == NULL)
		return NULL;
	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = cfg;
	ctx.opts = opts;
	name = ctx_intern(&ctx, name);
	if (len == 0)
		ctx_error(&ctx, name, 0, "file is empty");
	else if (text_from_buffer(&ctx, name, buf, len, &t) == 0) {
		ctx.stack[ctx.depth++] = name;
		ctx_parse_text(&ctx, &t, opts->syntax);
		text_free(&t);
	}
	return ctx_finish(&ctx, name);
}

/* Move the diagnostics of another load into this table. */
static void
merge_diags(struct xcfg *cfg, struct xcfg *other)
{
	struct xcfg_diag *v;
	size_t i;

	v = reallocarray(cfg->diags, cfg->ndiags + other->ndiags, sizeof(*v));
	if (v == NULL) {
		cfg->nomem = true;
		return;
	}
	cfg->diags = v;
	for (i = 0; i < other->ndiags; i++)
		v[cfg->ndiags++] = other->diags[i];
	other->ndiags = 0;
	cfg->nerrors += other->nerrors;
}

static bool
merge_clash(const struct xcfg *cfg, const struct xcfg_service *s)
{
	const struct xcfg_service *t;
	size_t i;

	if (s->disabled)
		return false;
	for (i = 0; i < cfg->nservices; i++) {
		t = &cfg->services[i];
		if (!t->disabled && (strcmp(t->id, s->id) == 0 ||
		    same_socket(t, s)))
			return true;
	}
	return false;
}

/*
 * Append the services of another file (xinetd -inetd_compat).  The
 * table wins: a service of the new file with an id or a socket already
 * in use is left out, with a warning.  The table's defaults do not apply
 * to the new file.
 */
void
xcfg_merge_file(struct xcfg *cfg, const char *path,
    const struct xcfg_options *opts)
{
	struct loadctx ctx = { .cfg = cfg, .opts = opts };
	struct xcfg *other;
	struct xcfg_service *v, *s;
	size_t i;

	if ((other = xcfg_load(path, opts)) == NULL) {
		cfg->nomem = true;
		return;
	}
	merge_diags(cfg, other);
	for (i = 0; i < other->nservices && !cfg->nomem; i++) {
		s = &other->services[i];
		if (merge_clash(cfg, s)) {
			ctx_warn(&ctx, s->file, s->line, "service %s is "
			    "already defined; this one is not used", s->id);
			continue;
		}
		v = reallocarray(cfg->services, cfg->nservices + 1,
		    sizeof(*v));
		if (v == NULL) {
			cfg->nomem = true;
			break;
		}
		cfg->services = v;
		v[cfg->nservices] = *s;
		/* The file name belongs to the other table. */
		v[cfg->nservices++].file = ctx_intern(&ctx, s->file);
		service_init(s);
	}
	xcfg_free(other);
}

void
xcfg_free(struct xcfg *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nservices; i++)
		service_free(&cfg->services[i]);
	free(cfg->services);
	for (i = 0; i < cfg->ndiags; i++) {
		free(cfg->diags[i].file);
		free(cfg->diags[i].msg);
	}
	free(cfg->diags);
	for (i = 0; i < cfg->nnames; i++)
		free(cfg->names[i]);
	free(cfg->names);
	free(cfg);
}

bool
xcfg_ok(const struct xcfg *cfg)
{
	return cfg != NULL && cfg->nerrors == 0 && !cfg->nomem;
}

size_t
xcfg_ndiags(const struct xcfg *cfg)
{
	return cfg->ndiags;
}

const struct xcfg_diag *
xcfg_diag(const struct xcfg *cfg, size_t i)
{
	return i < cfg->ndiags ? &cfg->diags[i] : NULL;
}

void
xcfg_print_diags(const struct xcfg *cfg, FILE *fp)
{
	const struct xcfg_diag *d;
	size_t i;

	for (i = 0; i < cfg->ndiags; i++) {
		d = &cfg->diags[i];
		if (d->line > 0)
			fprintf(fp, "%s:%d: %s%s\n", d->file, d->line,
			    d->warning ? "warning: " : "", d->msg);
		else
			fprintf(fp, "%s: %s%s\n", d->file,
			    d->warning ? "warning: " : "", d->msg);
	}
}

size_t
xcfg_nservices(const struct xcfg *cfg)
{
	return cfg->nservices;
}

const struct xcfg_service *
xcfg_service(const struct xcfg *cfg, size_t i)
{
	return i < cfg->nservices ? &cfg->services[i] : NULL;
}

const struct xcfg_service *
xcfg_find(const struct xcfg *cfg, const char *id)
{
	size_t i;

	for (i = 0; i < cfg->nservices; i++)
		if (strcmp(cfg->services[i].id, id) == 0)
			return &cfg->services[i];
	return NULL;
}
