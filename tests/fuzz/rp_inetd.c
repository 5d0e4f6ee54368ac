/* fuzz_config.c as fuzz_inetd, for the replay program. */
#define FUZZ_SYNTAX	XCFG_SYNTAX_INETD
#define FUZZ_ENTRY	fuzz_inetd_one
#include "fuzz_config.c"
