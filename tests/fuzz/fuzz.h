/*
 * The fuzz targets' entry points as the replay program (t_fuzz_replay)
 * knows them, and what the targets share.  Built as libFuzzer targets,
 * each is LLVMFuzzerTestOneInput.
 */

#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FUZZ_MAX_LEN	4096	/* -max_len; longer inputs are ignored */

int	fuzz_xinetd_one(const uint8_t *, size_t);
int	fuzz_inetd_one(const uint8_t *, size_t);
int	fuzz_kv_one(const uint8_t *, size_t);
int	fuzz_tcpmux_one(const uint8_t *, size_t);
int	fuzz_ident_one(const uint8_t *, size_t);
int	fuzz_admin_one(const uint8_t *, size_t);
int	fuzz_dgram_one(const uint8_t *, size_t);
int	fuzz_stream_one(const uint8_t *, size_t);

/* fuzz_stubs.c: checks_refuse() refuses when this says so. */
extern bool (*fuzz_refuse)(const void *);

/* A property broken: say which, and abort for libFuzzer or replay. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond))							\
		fuzz_fail(__FILE__, __LINE__, #cond);			\
} while (0)

void	fuzz_fail(const char *, int, const char *) __attribute__((noreturn));

#endif /* FUZZ_H */
