/*
 * xinetd.conf: "defaults" and "service NAME" blocks of attribute lines,
 * "include FILE" and "includedir DIR" at top level.  A '#' at the start
 * of a line or after a blank starts a comment.
 */

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xcfg_impl.h"

#define WORDS_MAX	(XCFG_LINE_MAX / 2 + 1)

enum state {
	TOP,		/* between blocks */
	BRACE,		/* after "service NAME", waiting for '{' */
	BLOCK		/* inside a block */
};

struct xparser {
	struct loadctx	*ctx;
	const struct text *t;
	enum state	 state;
	struct raw_entry *entry;
	int		 entry_line;
	int		 defaults_line;
	int		 line;
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Cut a line into words in place; a comment ends it. */
static size_t
split_words(char *s, char **words)
{
	size_t n = 0;

	for (;;) {
		while (is_blank(*s))
			s++;
		if (*s == '\0' || *s == '#')
			break;
		words[n++] = s;
		while (*s != '\0' && !is_blank(*s))
			s++;
		if (*s == '\0')
			break;
		*s++ = '\0';
	}
	return n;
}

static void
xerror(struct xparser *p, const char *msg, const char *arg)
{
	if (arg != NULL)
		ctx_error(p->ctx, p->t->name, p->line, "%s '%s'", msg, arg);
	else
		ctx_error(p->ctx, p->t->name, p->line, "%s", msg);
}

/* path relative to the directory of the file that names it */
static char *
relative_path(struct xparser *p, const char *path)
{
	const char *slash;
	char *full;
	int n;

	if (path[0] == '/' || (slash = strrchr(p->t->name, '/')) == NULL)
		return xstrdup(p->ctx, path);
	n = asprintf(&full, "%.*s/%s", (int)(slash - p->t->name),
	    p->t->name, path);
	if (n == -1) {
		p->ctx->cfg->nomem = true;
		return NULL;
	}
	return full;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* includedir: regular files without '.' and not ending in '~', sorted. */
static void
include_dir(struct xparser *p, const char *dir)
{
	struct dirent *de;
	struct stat st;
	char **names = NULL, **v, *path;
	size_t n = 0, i, len;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		ctx_error(p->ctx, p->t->name, p->line,
		    "includedir: cannot open %s: %s", dir, strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (strchr(de->d_name, '.') != NULL ||
		    de->d_name[len - 1] == '~')
			continue;
		if ((v = reallocarray(names, n + 1, sizeof(*v))) == NULL ||
		    (v[n] = strdup(de->d_name)) == NULL) {
			names = v != NULL ? v : names;
			p->ctx->cfg->nomem = true;
			break;
		}
		names = v;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		if (asprintf(&path, "%s/%s", dir, names[i]) == -1) {
			p->ctx->cfg->nomem = true;
			break;
		}
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			ctx_read_file(p->ctx, path, XCFG_SYNTAX_AUTO,
			    p->t->name, p->line);
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
include(struct xparser *p, char **w, size_t n)
{
	char *path;

	if (n != 2) {
		xerror(p, n < 2 ? "missing file name after" :
		    "too many words after", w[0]);
		return;
	}
	if ((path = relative_path(p, w[1])) == NULL)
		return;
	if (strcmp(w[0], "include") == 0)
		ctx_read_file(p->ctx, path, XCFG_SYNTAX_AUTO, p->t->name,
		    p->line);
	else
		include_dir(p, path);
	free(path);
}

static void
block_open(struct xparser *p, char **w, size_t n)
{
	bool dflt = strcmp(w[0], "defaults") == 0;
	size_t need = dflt ? 1 : 2, i;
	bool brace = strcmp(w[n - 1], "{") == 0;

	/*
	 * A bad header still opens its block, with no entry, so the
	 * lines of the block are not reported once more.
	 */
	if (!dflt && (n < 2 || (n == 2 && brace))) {
		xerror(p, "missing service name after 'service'", NULL);
		p->entry = NULL;
		p->entry_line = p->line;
		p->state = brace ? BLOCK : BRACE;
		return;
	}
	for (i = need; i < n; i++) {
		if (strcmp(w[i], "{") == 0 && i == n - 1)
			break;
		if (strcmp(w[i], "{") == 0)
			continue;
		xerror(p, "unexpected word", w[i]);
		p->entry = NULL;
		p->entry_line = p->line;
		p->state = brace ? BLOCK : BRACE;
		return;
	}
	if (dflt) {
		if (p->defaults_line != 0)
			ctx_error(p->ctx, p->t->name, p->line, "second "
			    "defaults block in this file (first at line %d)",
			    p->defaults_line);
		p->defaults_line = p->line;
	}
	p->entry = raw_new(p->ctx, dflt ? RAW_DEFAULTS : RAW_SERVICE,
	    dflt ? NULL : w[1], p->t->name, p->line);
	p->entry_line = p->line;
	p->state = n == need + 1 ? BLOCK : BRACE;
}

static void
top_line(struct xparser *p, char **w, size_t n)
{
	if (strcmp(w[0], "service") == 0 || strcmp(w[0], "defaults") == 0)
		block_open(p, w, n);
	else if (strcmp(w[0], "include") == 0 ||
	    strcmp(w[0], "includedir") == 0)
		include(p, w, n);
	else if (strcmp(w[0], "}") == 0)
		xerror(p, "'}' without an open block", NULL);
	else if (strcmp(w[0], "{") == 0)
		xerror(p, "'{' without 'service' or 'defaults'", NULL);
	else
		xerror(p, "expected 'service', 'defaults', 'include' or "
		    "'includedir', found", w[0]);
}

static bool
attr_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* "name op value..." where the operator may touch the name or values. */
static void
attr_line(struct xparser *p, char *line)
{
	char *name, *s = line, *words[WORDS_MAX];
	enum xcfg_op op;
	struct setting *set;
	size_t i, n;

	while (is_blank(*s))
		s++;
	name = s;
	while (attr_char(*s))
		s++;
	if (s == name) {
		xerror(p, "expected an attribute name, found", name);
		return;
	}
	n = (size_t)(s - name);
	while (is_blank(*s))
		*s++ = '\0';
	if (s[0] == '=')
		op = OP_SET;
	else if (s[0] == '+' && s[1] == '=')
		op = OP_ADD;
	else if (s[0] == '-' && s[1] == '=')
		op = OP_DEL;
	else {
		name[n] = '\0';
		xerror(p, "expected '=', '+=' or '-=' after", name);
		return;
	}
	s += op == OP_SET ? 1 : 2;
	name[n] = '\0';
	set = raw_add(p->ctx, p->entry, name, op, p->t->name, p->line);
	n = split_words(s, words);
	for (i = 0; i < n; i++)
		raw_value(p->ctx, set, words[i]);
}

static void
block_line(struct xparser *p, char *line, char **w, size_t n)
{
	if (strcmp(w[0], "}") == 0) {
		if (n > 1)
			xerror(p, "unexpected word after '}':", w[1]);
		p->state = TOP;
		p->entry = NULL;
		return;
	}
	if (strcmp(w[0], "{") == 0) {
		xerror(p, "'{' inside a block", NULL);
		return;
	}
	if ((strcmp(w[0], "service") == 0 || strcmp(w[0], "defaults") == 0 ||
	    strcmp(w[0], "include") == 0 || strcmp(w[0], "includedir") == 0)
	    && (n < 2 || (w[1][0] != '=' && w[1][0] != '+' &&
	    w[1][0] != '-'))) {
		ctx_error(p->ctx, p->t->name, p->line, "missing '}' for the "
		    "block opened at line %d", p->entry_line);
		p->state = TOP;
		top_line(p, w, n);
		return;
	}
	attr_line(p, line);
}

void
parse_xinetd(struct loadctx *ctx, const struct text *t)
{
	struct xparser p = { ctx, t, TOP, NULL, 0, 0, 0 };
	char **words, *copy, *line;
	size_t i, n;

	if ((words = calloc(WORDS_MAX, sizeof(*words))) == NULL) {
		ctx->cfg->nomem = true;
		return;
	}
	for (i = 0; i < t->nlines; i++) {
		p.line = (int)i + 1;
		if (text_is_blank(t->lines[i]))
			continue;
		if ((copy = xstrdup(ctx, t->lines[i])) == NULL)
			break;
		n = split_words(copy, words);
		if (n == 0) {
			free(copy);
			continue;
		}
		if (p.state == BRACE) {
			if (strcmp(words[0], "{") == 0 && n == 1) {
				p.state = BLOCK;
				free(copy);
				continue;
			}
			ctx_error(ctx, t->name, p.line, "expected '{' after "
			    "the line %d header", p.entry_line);
			p.state = BLOCK;
		}
		if (p.state == TOP)
			top_line(&p, words, n);
		else if ((line = xstrdup(ctx, t->lines[i])) != NULL) {
			block_line(&p, line, words, n);
			free(line);
		}
		free(copy);
	}
	if (p.state != TOP)
		ctx_error(ctx, t->name, p.entry_line, "block not closed: "
		    "missing '}' before the end of the file");
	free(words);
}
