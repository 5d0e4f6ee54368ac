/*
 * Placeholder: the defaults tests are being written.
 */

#include "helpers.h"

atf_error_t
tcs_defaults(atf_tp_t *tp)
{
	(void)tp;
	return atf_no_error();
}
