/*
 * Helpers shared by the libxcfg tests.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static char datadir[1024];
static struct xcfg_options options;
static char paths[6][1100];

static const char *
data_path(int i, const char *name)
{
	snprintf(paths[i], sizeof(paths[i]), "%s/%s", datadir, name);
	return paths[i];
}

/* The test data lives in tests/data, next to this program's directory. */
void
h_init(const atf_tc_t *tc)
{
	const char *srcdir = atf_tc_get_config_var(tc, "srcdir");

	snprintf(datadir, sizeof(datadir), "%s/../data", srcdir);
	memset(&options, 0, sizeof(options));
	options.paths.services = data_path(0, "services");
	options.paths.protocols = data_path(1, "protocols");
	options.paths.rpc = data_path(2, "rpc");
	options.paths.passwd = data_path(3, "passwd");
	options.paths.group = data_path(4, "group");
	options.paths.networks = data_path(5, "networks");
}

const char *
h_data(const char *name)
{
	static char buf[4][1100];
	static int next;

	next = (next + 1) % 4;
	snprintf(buf[next], sizeof(buf[next]), "%s/%s", datadir, name);
	return buf[next];
}

/* The inetd command line's values for the next loads (h_init clears). */
void
h_set_inetd_defaults(const struct xcfg_inetd_defaults *d)
{
	options.inetd = *d;
}

struct xcfg *
h_load_as(const char *name, const char *text, enum xcfg_syntax syntax)
{
	struct xcfg *cfg;

	options.syntax = syntax;
	cfg = xcfg_load_buffer(name, text, strlen(text), &options);
	ATF_REQUIRE_MSG(cfg != NULL, "xcfg_load_buffer returned NULL");
	return cfg;
}

struct xcfg *
h_load(const char *text)
{
	return h_load_as("test.conf", text, XCFG_SYNTAX_AUTO);
}

struct xcfg *
h_load_file(const char *path, enum xcfg_syntax syntax)
{
	struct xcfg *cfg;

	options.syntax = syntax;
	cfg = xcfg_load(path, &options);
	ATF_REQUIRE_MSG(cfg != NULL, "xcfg_load returned NULL");
	return cfg;
}

void
h_write(const char *path, const char *text)
{
	FILE *fp;

	ATF_REQUIRE((fp = fopen(path, "w")) != NULL);
	ATF_REQUIRE(fputs(text, fp) >= 0);
	ATF_REQUIRE(fclose(fp) == 0);
}

/* All diagnostics, one "file:line: message" per line. */
char *
h_diags(const struct xcfg *cfg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	ATF_REQUIRE((fp = open_memstream(&buf, &len)) != NULL);
	xcfg_print_diags(cfg, fp);
	ATF_REQUIRE(fclose(fp) == 0);
	return buf;
}

/*
 * All diagnostics on one line, separated by " | ": kyua reads a failure
 * reason of several lines as a broken test, not a failed one.
 */
char *
h_diags_1line(const struct xcfg *cfg)
{
	char *d = h_diags(cfg), *out, *p, *q;

	ATF_REQUIRE((out = malloc(3 * strlen(d) + 1)) != NULL);
	for (p = d, q = out; *p != '\0'; p++) {
		if (*p != '\n')
			*q++ = *p;
		else if (p[1] != '\0') {
			memcpy(q, " | ", 3);
			q += 3;
		}
	}
	*q = '\0';
	free(d);
	return out;
}

void
h_expect_ok(const struct xcfg *cfg)
{
	if (!xcfg_ok(cfg))
		atf_tc_fail("configuration refused: %s", h_diags_1line(cfg));
}

void
h_expect_ndiags(const struct xcfg *cfg, size_t n)
{
	if (xcfg_ndiags(cfg) != n)
		atf_tc_fail("expected %zu diagnostics, got %zu: %s", n,
		    xcfg_ndiags(cfg), h_diags_1line(cfg));
}

void
h_expect_fail(const struct xcfg *cfg)
{
	ATF_REQUIRE_MSG(!xcfg_ok(cfg), "configuration accepted");
}

/* One diagnostic line must be exactly this text. */
void
h_expect_diag(const struct xcfg *cfg, const char *want)
{
	char *d = h_diags(cfg), *line, *save = NULL;
	bool found = false;

	for (line = strtok_r(d, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		if (strcmp(line, want) == 0)
			found = true;
	free(d);
	if (!found)
		atf_tc_fail("missing diagnostic '%s'; got: %s", want,
		    h_diags_1line(cfg));
}

const struct xcfg_service *
h_service(const struct xcfg *cfg, const char *id)
{
	const struct xcfg_service *s = xcfg_find(cfg, id);

	ATF_REQUIRE_MSG(s != NULL, "no service with id '%s'", id);
	return s;
}

char *
h_dump(const struct xcfg *cfg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	ATF_REQUIRE((fp = open_memstream(&buf, &len)) != NULL);
	ATF_REQUIRE(xcfg_dump(cfg, fp) == 0);
	ATF_REQUIRE(fclose(fp) == 0);
	return buf;
}
