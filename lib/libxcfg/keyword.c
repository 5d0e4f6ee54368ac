/*
 * The keywords of attribute values, with the numbers they stand for.
 * The printer uses the same tables to write them back.
 */

#include <sys/socket.h>

#include <syslog.h>

#include "xcfg.h"
#include "value.h"

const struct keyword kw_type[] = {
	{ "RPC", XCFG_TYPE_RPC },
	{ "INTERNAL", XCFG_TYPE_INTERNAL },
	{ "TCPMUX", XCFG_TYPE_TCPMUX },
	{ "TCPMUXPLUS", XCFG_TYPE_TCPMUXPLUS },
	{ "UNLISTED", XCFG_TYPE_UNLISTED },
	{ NULL, 0 }
};

const struct keyword kw_flags[] = {
	{ "INTERCEPT", XCFG_FLAG_INTERCEPT },
	{ "NORETRY", XCFG_FLAG_NORETRY },
	{ "IDONLY", XCFG_FLAG_IDONLY },
	{ "NODELAY", XCFG_FLAG_NODELAY },
	{ "KEEPALIVE", XCFG_FLAG_KEEPALIVE },
	{ "NOLIBWRAP", XCFG_FLAG_NOLIBWRAP },
	{ "SENSOR", XCFG_FLAG_SENSOR },
	{ "REUSE", XCFG_FLAG_REUSE },
	{ "FAITH", XCFG_FLAG_FAITH },
	{ NULL, 0 }
};

const struct keyword kw_log_success[] = {
	{ "PID", XCFG_LOG_PID },
	{ "HOST", XCFG_LOG_HOST },
	{ "USERID", XCFG_LOG_USERID },
	{ "EXIT", XCFG_LOG_EXIT },
	{ "DURATION", XCFG_LOG_DURATION },
	{ "TRAFFIC", XCFG_LOG_TRAFFIC },
	{ NULL, 0 }
};

const struct keyword kw_log_failure[] = {
	{ "HOST", XCFG_LOG_HOST },
	{ "USERID", XCFG_LOG_USERID },
	{ "ATTEMPT", XCFG_LOG_ATTEMPT },
	{ NULL, 0 }
};

const struct keyword kw_socktype[] = {
	{ "stream", SOCK_STREAM },
	{ "dgram", SOCK_DGRAM },
	{ "raw", SOCK_RAW },
	{ "seqpacket", SOCK_SEQPACKET },
	{ "rdm", SOCK_RDM },
	{ NULL, 0 }
};

const struct keyword kw_facility[] = {
	{ "daemon", LOG_DAEMON },
	{ "auth", LOG_AUTH },
	{ "authpriv", LOG_AUTHPRIV },
	{ "user", LOG_USER },
	{ "mail", LOG_MAIL },
	{ "lpr", LOG_LPR },
	{ "news", LOG_NEWS },
	{ "uucp", LOG_UUCP },
	{ "ftp", LOG_FTP },
	{ "local0", LOG_LOCAL0 },
	{ "local1", LOG_LOCAL1 },
	{ "local2", LOG_LOCAL2 },
	{ "local3", LOG_LOCAL3 },
	{ "local4", LOG_LOCAL4 },
	{ "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 },
	{ "local7", LOG_LOCAL7 },
	{ NULL, 0 }
};

const struct keyword kw_level[] = {
	{ "emerg", LOG_EMERG },
	{ "alert", LOG_ALERT },
	{ "crit", LOG_CRIT },
	{ "err", LOG_ERR },
	{ "warning", LOG_WARNING },
	{ "notice", LOG_NOTICE },
	{ "info", LOG_INFO },
	{ "debug", LOG_DEBUG },
	{ NULL, 0 }
};
