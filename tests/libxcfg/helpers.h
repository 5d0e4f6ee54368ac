/*
 * Helpers shared by the libxcfg tests: load text with the test suite's
 * own services/passwd/... files, and check tables and diagnostics.
 */

#ifndef HELPERS_H
#define HELPERS_H

#include <atf-c.h>

#include "xcfg.h"

/*
 * A service with its required attributes, named after its server
 * /usr/sbin/NAMEd; line 1 is the header, extra lines start at line 7.
 */
#define SVC(name, extra) \
	"service " name "\n" \
	"{\n" \
	"\tsocket_type\t= stream\n" \
	"\twait\t\t= no\n" \
	"\tuser\t\t= root\n" \
	"\tserver\t\t= /usr/sbin/" name "d\n" \
	extra \
	"}\n"

void		 h_init(const atf_tc_t *);
const char	*h_data(const char *);
struct xcfg	*h_load(const char *);
struct xcfg	*h_load_as(const char *, const char *, enum xcfg_syntax);
void		 h_set_inetd_defaults(const struct xcfg_inetd_defaults *);
struct xcfg	*h_load_file(const char *, enum xcfg_syntax);
void		 h_write(const char *, const char *);
void		 h_expect_ok(const struct xcfg *);
void		 h_expect_fail(const struct xcfg *);
void		 h_expect_diag(const struct xcfg *, const char *);
const struct xcfg_service *h_service(const struct xcfg *, const char *);
char		*h_dump(const struct xcfg *);
char		*h_diags(const struct xcfg *);
char		*h_diags_1line(const struct xcfg *);
void		 h_expect_ndiags(const struct xcfg *, size_t);

/* test case registration, one function per file */
atf_error_t	 tcs_xinetd(atf_tp_t *);
atf_error_t	 tcs_defaults(atf_tp_t *);
atf_error_t	 tcs_inetd(atf_tp_t *);
atf_error_t	 tcs_kv(atf_tp_t *);
atf_error_t	 tcs_equiv(atf_tp_t *);
atf_error_t	 tcs_errors(atf_tp_t *);

#endif /* HELPERS_H */
