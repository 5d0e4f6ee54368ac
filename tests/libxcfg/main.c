/*
 * t_libxcfg: unit tests of the configuration library.
 */

#include "helpers.h"

ATF_TP_ADD_TCS(tp)
{
	atf_error_t (*const groups[])(atf_tp_t *) = {
		tcs_xinetd, tcs_defaults, tcs_inetd, tcs_kv, tcs_equiv,
		tcs_errors
	};
	atf_error_t err;
	size_t i;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (atf_is_error(err = groups[i](tp)))
			return err;
	return atf_no_error();
}
