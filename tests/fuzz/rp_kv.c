/* fuzz_config.c as fuzz_kv, for the replay program. */
#define FUZZ_SYNTAX	XCFG_SYNTAX_INETD
#define FUZZ_ENTRY	fuzz_kv_one
#include "fuzz_config.c"
