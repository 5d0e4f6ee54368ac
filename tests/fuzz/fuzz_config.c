/*
 * libFuzzer target for libxcfg, built once per syntax (FUZZ_SYNTAX).
 * Besides crashes and sanitizer reports it checks one property: a table
 * that loads cleanly dumps to text that loads back to an equal table.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xcfg.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY	LLVMFuzzerTestOneInput
#endif

#ifndef FUZZ_SYNTAX
#define FUZZ_SYNTAX	XCFG_SYNTAX_AUTO
#endif

static struct xcfg_options options = {
	.paths = {
		.services = DATADIR "/services",
		.protocols = DATADIR "/protocols",
		.rpc = DATADIR "/rpc",
		.passwd = DATADIR "/passwd",
		.group = DATADIR "/group",
		.networks = DATADIR "/networks",
	},
	.syntax = FUZZ_SYNTAX,
};

static void
check_roundtrip(const struct xcfg *cfg)
{
	struct xcfg *again;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *fp;
	int rv;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	rv = xcfg_dump(cfg, fp);
	fclose(fp);
	if (rv == 0 && xcfg_nservices(cfg) > 0) {
		struct xcfg_options xo = options;

		xo.syntax = XCFG_SYNTAX_XINETD;
		if ((again = xcfg_load_buffer("dump", buf, len, &xo)) == NULL)
			abort();
		if (!xcfg_ok(again) ||
		    xcfg_nservices(again) != xcfg_nservices(cfg)) {
			xcfg_print_diags(again, stderr);
			fprintf(stderr, "dump does not load back:\n%s", buf);
			abort();
		}
		for (i = 0; i < xcfg_nservices(cfg); i++) {
			if (!xcfg_service_equal(xcfg_service(cfg, i),
			    xcfg_service(again, i))) {
				fprintf(stderr, "service %zu differs after "
				    "dump:\n%s", i, buf);
				abort();
			}
		}
		xcfg_free(again);
	}
	free(buf);
}

int FUZZ_ENTRY(const uint8_t *, size_t);

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct xcfg *cfg;
	FILE *null;

	cfg = xcfg_load_buffer("fuzz.conf", (const char *)data, size,
	    &options);
	if (cfg == NULL)
		return 0;
	if ((null = fopen("/dev/null", "w")) != NULL) {
		xcfg_print_diags(cfg, null);
		fclose(null);
	}
	if (xcfg_ok(cfg))
		check_roundtrip(cfg);
	xcfg_free(cfg);
	return 0;
}
