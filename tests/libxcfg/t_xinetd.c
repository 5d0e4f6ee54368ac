/*
 * xinetd.conf syntax: blocks, operators, every attribute and value form.
 */

#include <sys/socket.h>

#include <arpa/inet.h>

#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "helpers.h"

#define TELNET \
	"service telnet\n" \
	"{\n" \
	"	socket_type	= stream\n" \
	"	wait		= no\n" \
	"	user		= root\n" \
	"	server		= /usr/sbin/in.telnetd\n"

ATF_TC(plain_service);
ATF_TC_HEAD(plain_service, tc)
{
	atf_tc_set_md_var(tc, "descr", "A minimal service gets its port, "
	    "protocol, argv and the documented defaults");
}
ATF_TC_BODY(plain_service, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(TELNET "}\n");
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 1);
	s = h_service(cfg, "telnet");
	ATF_CHECK_STREQ(s->name, "telnet");
	ATF_CHECK_EQ(s->socktype, SOCK_STREAM);
	ATF_CHECK_STREQ(s->protocol, "tcp");
	ATF_CHECK_EQ(s->protonum, 6);
	ATF_CHECK_EQ(s->port, 23);
	ATF_CHECK(!s->wait);
	ATF_CHECK_EQ(s->uid, 0);
	ATF_CHECK_EQ(s->gid, 0);
	ATF_CHECK_STREQ(s->server, "/usr/sbin/in.telnetd");
	ATF_REQUIRE_EQ(s->argv.n, 1);
	ATF_CHECK_STREQ(s->argv.v[0], "in.telnetd");
	ATF_CHECK(s->argv.v[1] == NULL);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_DUAL);
	ATF_CHECK_EQ(s->instances, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->per_source, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->cps_rate, 50);
	ATF_CHECK_EQ(s->cps_wait, 10);
	ATF_CHECK_EQ(s->log.kind, XCFG_LOG_SYSLOG);
	ATF_CHECK_EQ(s->log.facility, LOG_DAEMON);
	ATF_CHECK_EQ(s->log.level, LOG_INFO);
	ATF_CHECK_EQ(s->log_on_success, XCFG_LOG_HOST | XCFG_LOG_PID);
	ATF_CHECK_EQ(s->log_on_failure, XCFG_LOG_HOST);
	ATF_CHECK(!s->disabled);
	ATF_CHECK(!s->only_from.set);
	xcfg_free(cfg);
}

ATF_TC(server_args_nameinargs);
ATF_TC_HEAD(server_args_nameinargs, tc)
{
	atf_tc_set_md_var(tc, "descr", "argv[0] is the server's base name, "
	    "or the first server_args word with NAMEINARGS");
}
ATF_TC_BODY(server_args_nameinargs, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(TELNET "	server_args	= -h -L /bin/login\n}\n"
	    "service ftp\n{\n	socket_type = stream\n	wait = no\n"
	    "	user = root\n	server = /usr/sbin/tcpd\n"
	    "	flags = NAMEINARGS\n	server_args = in.ftpd -l\n}\n");
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_REQUIRE_EQ(s->argv.n, 4);
	ATF_CHECK_STREQ(s->argv.v[0], "in.telnetd");
	ATF_CHECK_STREQ(s->argv.v[1], "-h");
	ATF_CHECK_STREQ(s->argv.v[3], "/bin/login");
	s = h_service(cfg, "ftp");
	ATF_REQUIRE_EQ(s->argv.n, 2);
	ATF_CHECK_STREQ(s->argv.v[0], "in.ftpd");
	ATF_CHECK_STREQ(s->argv.v[1], "-l");
	ATF_CHECK_EQ(s->flags, 0);
	xcfg_free(cfg);
}

ATF_TC(comment_after_blank);
ATF_TC_HEAD(comment_after_blank, tc)
{
	atf_tc_set_md_var(tc, "descr", "'#' after a blank starts a comment; "
	    "inside a word it does not; '{' may end the header line");
}
ATF_TC_BODY(comment_after_blank, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load("# header\n"
	    "service telnet {	# the brace may share the line\n"
	    "	socket_type = stream # a note\n"
	    "	wait = no\n	user = root\n"
	    "	server = /usr/sbin/in.telnetd\n"
	    "	server_args = a#b # comment\n"
	    "}\n");
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_REQUIRE_EQ(s->argv.n, 2);
	ATF_CHECK_STREQ(s->argv.v[1], "a#b");
	xcfg_free(cfg);
}

atf_error_t
tcs_xinetd(atf_tp_t *tp)
{
	ATF_TP_ADD_TC(tp, plain_service);
	ATF_TP_ADD_TC(tp, server_args_nameinargs);
	ATF_TP_ADD_TC(tp, comment_after_blank);
	return atf_no_error();
}
