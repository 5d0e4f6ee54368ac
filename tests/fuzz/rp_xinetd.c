/* fuzz_config.c as fuzz_xinetd, for the replay program. */
#define FUZZ_SYNTAX	XCFG_SYNTAX_XINETD
#define FUZZ_ENTRY	fuzz_xinetd_one
#include "fuzz_config.c"
