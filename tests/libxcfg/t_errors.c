/*
 * Placeholder: the errors tests are being written.
 */

#include "helpers.h"

atf_error_t
tcs_errors(atf_tp_t *tp)
{
	(void)tp;
	return atf_no_error();
}
