/*
 * Placeholder: the kv tests are being written.
 */

#include "helpers.h"

atf_error_t
tcs_kv(atf_tp_t *tp)
{
	(void)tp;
	return atf_no_error();
}
