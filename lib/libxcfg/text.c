/*
 * Reading a configuration file into memory as checked lines: bounded
 * size, bounded line length, no NUL bytes, valid UTF-8.
 */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xcfg_impl.h"

/* Length of the UTF-8 sequence at p (at most n bytes), 0 if invalid. */
size_t
utf8_len(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned int cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		cp = p[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/*
 * Check the bytes and cut the buffer into lines.  A file with a bad byte
 * is refused whole: the rest of it cannot be trusted to mean anything.
 */
static int
text_split(struct loadctx *ctx, struct text *t)
{
	unsigned char *p = (unsigned char *)t->buf;
	size_t i, start, n, cap = 0;
	int line = 1;
	char **v;

	for (i = 0; i < t->len; ) {
		if (p[i] == '\0') {
			ctx_error(ctx, t->name, line, "NUL byte in file");
			return -1;
		}
		if (p[i] == '\n')
			line++;
		else if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\r' &&
		    p[i] != '\f' && p[i] != '\v') || p[i] == 0x7f) {
			ctx_error(ctx, t->name, line,
			    "invalid control byte 0x%02x", p[i]);
			return -1;
		} else if (p[i] == 0xc2 && i + 1 < t->len &&
		    p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
			ctx_error(ctx, t->name, line,
			    "invalid control character U+%04X", p[i + 1]);
			return -1;
		}
		if ((n = utf8_len(p + i, t->len - i)) == 0) {
			ctx_error(ctx, t->name, line,
			    "invalid byte 0x%02x (not UTF-8 text)", p[i]);
			return -1;
		}
		i += n;
	}

	line = 0;
	for (start = 0; start < t->len; ) {
		for (i = start; i < t->len && p[i] != '\n'; i++)
			continue;
		line++;
		n = i - start;
		if (n > 0 && p[i - 1] == '\r')
			n--;
		if (n > XCFG_LINE_MAX) {
			ctx_error(ctx, t->name, line,
			    "line longer than %d bytes", XCFG_LINE_MAX);
			return -1;
		}
		if (t->nlines + 1 >= cap) {
			cap = cap ? cap * 2 : 64;
			v = reallocarray(t->lines, cap, sizeof(*v));
			if (v == NULL) {
				ctx->cfg->nomem = true;
				return -1;
			}
			t->lines = v;
		}
		if (i > start && p[i - 1] == '\r')
			p[i - 1] = '\0';
		p[i] = '\0';
		t->lines[t->nlines++] = (char *)p + start;
		start = i + 1;
	}
	return 0;
}

int
text_from_buffer(struct loadctx *ctx, const char *name, const char *buf,
    size_t len, struct text *t)
{
	memset(t, 0, sizeof(*t));
	t->name = name;
	if (len > XCFG_FILE_MAX) {
		ctx_error(ctx, name, 0, "file larger than %d bytes",
		    XCFG_FILE_MAX);
		return -1;
	}
	if ((t->buf = malloc(len + 1)) == NULL) {
		ctx->cfg->nomem = true;
		return -1;
	}
	memcpy(t->buf, buf, len);
	t->buf[len] = '\0';
	t->len = len;
	if (text_split(ctx, t) == -1) {
		text_free(t);
		return -1;
	}
	return 0;
}

/*
 * Read path.  Problems opening it are reported where it was named
 * (from_file:from_line) when it was included, else against the file.
 */
int
text_read(struct loadctx *ctx, const char *path, struct text *t,
    const char *from_file, int from_line)
{
	const char *where = from_file != NULL ? from_file : path;
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	ssize_t r;
	int fd, rv;

	memset(t, 0, sizeof(*t));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		ctx_error(ctx, where, from_line, "cannot open %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		ctx_error(ctx, where, from_line, "%s: not a regular file",
		    path);
		close(fd);
		return -1;
	}
	if (st.st_size > XCFG_FILE_MAX) {
		ctx_error(ctx, path, 0, "file larger than %d bytes",
		    XCFG_FILE_MAX);
		close(fd);
		return -1;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		ctx->cfg->nomem = true;
		close(fd);
		return -1;
	}
	while (len < (size_t)st.st_size) {
		r = read(fd, buf + len, (size_t)st.st_size - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			ctx_error(ctx, path, 0, "read error: %s",
			    r == 0 ? "file shrank" : strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		len += (size_t)r;
	}
	close(fd);
	rv = text_from_buffer(ctx, ctx_intern(ctx, path), buf, len, t);
	free(buf);
	t->dev = st.st_dev;
	t->ino = st.st_ino;
	return rv;
}

void
text_free(struct text *t)
{
	free(t->buf);
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

bool
text_is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\f' || *s == '\v')
		s++;
	return *s == '\0' || *s == '#';
}

/*
 * xinetd.conf files start with "defaults", "service NAME", "include" or
 * "includedir"; anything else is read as inetd.conf.
 */
enum xcfg_syntax
text_guess_syntax(const struct text *t)
{
	char w1[32], w2[8];
	size_t i;
	int n;

	for (i = 0; i < t->nlines; i++) {
		if (text_is_blank(t->lines[i]))
			continue;
		w1[0] = w2[0] = '\0';
		n = sscanf(t->lines[i], "%31s %7s", w1, w2);
		if (n >= 1 && (strcmp(w1, "defaults") == 0 ||
		    strcmp(w1, "service") == 0) &&
		    (n == 1 || (strcmp(w2, "on") != 0 &&
		    strcmp(w2, "off") != 0)))
			return XCFG_SYNTAX_XINETD;
		if (n == 2 && (strcmp(w1, "include") == 0 ||
		    strcmp(w1, "includedir") == 0))
			return XCFG_SYNTAX_XINETD;
		return XCFG_SYNTAX_INETD;
	}
	return XCFG_SYNTAX_INETD;
}
