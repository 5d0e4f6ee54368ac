/*
 * xinetd.conf syntax: blocks, operators, every attribute and value form.
 */

#include <sys/socket.h>
#include <sys/stat.h>

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


/* A rule of an address list is the IPv4 network addr/prefix. */
static void
check_inet(const struct xcfg_addr *a, const char *addr, int prefix,
    const char *text)
{
	char buf[INET_ADDRSTRLEN];

	ATF_CHECK_EQ_MSG(a->kind, XCFG_ADDR_INET, "%s: kind %d", text,
	    (int)a->kind);
	ATF_REQUIRE(inet_ntop(AF_INET, &a->addr.v4, buf, sizeof(buf)) !=
	    NULL);
	ATF_CHECK_STREQ_MSG(buf, addr, "rule '%s'", text);
	ATF_CHECK_EQ_MSG(a->prefix, prefix, "rule '%s'", text);
	ATF_CHECK_STREQ(a->text, text);
	ATF_CHECK(a->name == NULL);
}

static void
check_inet6(const struct xcfg_addr *a, const char *addr, int prefix,
    const char *text)
{
	char buf[INET6_ADDRSTRLEN];

	ATF_CHECK_EQ_MSG(a->kind, XCFG_ADDR_INET6, "%s: kind %d", text,
	    (int)a->kind);
	ATF_REQUIRE(inet_ntop(AF_INET6, &a->addr.v6, buf, sizeof(buf)) !=
	    NULL);
	ATF_CHECK_STREQ_MSG(buf, addr, "rule '%s'", text);
	ATF_CHECK_EQ_MSG(a->prefix, prefix, "rule '%s'", text);
	ATF_CHECK_STREQ(a->text, text);
}

static void
check_name(const struct xcfg_addr *a, enum xcfg_addr_kind kind,
    const char *name, const char *text)
{
	ATF_CHECK_EQ_MSG(a->kind, kind, "%s: kind %d", text, (int)a->kind);
	ATF_REQUIRE(a->name != NULL);
	ATF_CHECK_STREQ(a->name, name);
	ATF_CHECK_STREQ(a->text, text);
}

ATF_TC(attr_identity_type_flags);
ATF_TC_HEAD(attr_identity_type_flags, tc)
{
	atf_tc_set_md_var(tc, "descr", "id replaces the service name as key; "
	    "type and flags take every keyword and accumulate over lines");
}
ATF_TC_BODY(attr_identity_type_flags, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tid\t\t= telnet-v4\n"
	    "\tflags\t\t= INTERCEPT NORETRY IDONLY NODELAY\n"
	    "\tflags\t\t= KEEPALIVE NOLIBWRAP SENSOR\n"
	    "\tflags\t\t= REUSE FAITH\n")
	    "service echo\n{\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tport\t\t= 7007\n"
	    "\tprotocol\t= tcp\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "}\n");
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 2);
	ATF_CHECK(xcfg_find(cfg, "telnet") == NULL);
	s = h_service(cfg, "telnet-v4");
	ATF_CHECK_STREQ(s->name, "telnet");
	ATF_CHECK_STREQ(s->file, "test.conf");
	ATF_CHECK_EQ(s->line, 1);
	ATF_CHECK_EQ(s->type, 0);
	ATF_CHECK_EQ(s->flags, XCFG_FLAG_INTERCEPT | XCFG_FLAG_NORETRY |
	    XCFG_FLAG_IDONLY | XCFG_FLAG_NODELAY | XCFG_FLAG_KEEPALIVE |
	    XCFG_FLAG_NOLIBWRAP | XCFG_FLAG_SENSOR | XCFG_FLAG_REUSE |
	    XCFG_FLAG_FAITH);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_DUAL);
	ATF_CHECK_EQ(s->port, 23);

	s = h_service(cfg, "echo");
	ATF_CHECK_EQ(s->line, 12);
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL | XCFG_TYPE_UNLISTED);
	ATF_CHECK_EQ(s->flags, 0);
	ATF_CHECK_EQ(s->port, 7007);
	ATF_CHECK(s->server == NULL);
	ATF_CHECK(s->user == NULL);
	ATF_CHECK_EQ(s->argv.n, 0);
	xcfg_free(cfg);
}

ATF_TC(attr_socket_protocol_wait_port_bind);
ATF_TC_HEAD(attr_socket_protocol_wait_port_bind, tc)
{
	atf_tc_set_md_var(tc, "descr", "socket_type, protocol (default from "
	    "the socket type), wait, port, bind and interface");
}
ATF_TC_BODY(attr_socket_protocol_wait_port_bind, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "service daytime\n{\n"
	    "\tsocket_type\t= dgram\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/daytimed\n"
	    "}\n"
	    "service time\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\tport\t\t= 37\n"
	    "\tbind\t\t= 127.0.0.1\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/timed\n"
	    "}\n"
	    "service rawsvc\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tsocket_type\t= raw\n"
	    "\tprotocol\t= icmp\n"
	    "\tport\t\t= 7777\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/rawd\n"
	    "}\n"
	    "service seqsvc\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tsocket_type\t= seqpacket\n"
	    "\tprotocol\t= tcp\n"
	    "\tport\t\t= 7778\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/seqd\n"
	    "}\n"
	    "service rdmsvc\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tsocket_type\t= rdm\n"
	    "\tprotocol\t= udp\n"
	    "\tport\t\t= 7779\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/rdmd\n"
	    "}\n"
	    SVC("ftp", "\tinterface\t= ::1\n")
	    SVC("smtp", "\tbind\t\t= localhost\n"));
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 7);

	s = h_service(cfg, "daytime");
	ATF_CHECK_EQ(s->socktype, SOCK_DGRAM);
	ATF_CHECK_STREQ(s->protocol, "udp");
	ATF_CHECK_EQ(s->protonum, 17);
	ATF_CHECK(s->wait);
	ATF_CHECK_EQ(s->port, 13);
	ATF_CHECK(s->bind == NULL);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_DUAL);

	s = h_service(cfg, "time");
	ATF_CHECK_EQ(s->socktype, SOCK_STREAM);
	ATF_CHECK_STREQ(s->protocol, "tcp");
	ATF_CHECK_EQ(s->protonum, 6);
	ATF_CHECK(!s->wait);
	ATF_CHECK_EQ(s->port, 37);
	ATF_CHECK_STREQ(s->bind, "127.0.0.1");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);

	s = h_service(cfg, "rawsvc");
	ATF_CHECK_EQ(s->socktype, SOCK_RAW);
	ATF_CHECK_STREQ(s->protocol, "icmp");
	ATF_CHECK_EQ(s->protonum, 1);
	ATF_CHECK_EQ(s->port, 7777);
	ATF_CHECK_EQ(s->type, XCFG_TYPE_UNLISTED);

	s = h_service(cfg, "seqsvc");
	ATF_CHECK_EQ(s->socktype, SOCK_SEQPACKET);
	ATF_CHECK_EQ(s->port, 7778);

	s = h_service(cfg, "rdmsvc");
	ATF_CHECK_EQ(s->socktype, SOCK_RDM);
	ATF_CHECK_EQ(s->protonum, 17);
	ATF_CHECK_EQ(s->port, 7779);

	s = h_service(cfg, "ftp");
	ATF_CHECK_STREQ(s->bind, "::1");
	ATF_CHECK_EQ(s->port, 21);

	s = h_service(cfg, "smtp");
	ATF_CHECK_STREQ(s->bind, "localhost");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_DUAL);
	ATF_CHECK_EQ(s->port, 25);
	xcfg_free(cfg);
}

ATF_TC(attr_user_group_groups);
ATF_TC_HEAD(attr_user_group_groups, tc)
{
	atf_tc_set_md_var(tc, "descr", "user by name or number gives uid and "
	    "primary gid; group overrides it in any order; groups = yes");
}
ATF_TC_BODY(attr_user_group_groups, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "service finger\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= fingerd\n"
	    "\tserver\t\t= /usr/sbin/fingerd\n"
	    "}\n"
	    "service ftp\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= fingerd\n"
	    "\tgroup\t\t= staff\n"
	    "\tserver\t\t= /usr/sbin/ftpd\n"
	    "}\n"
	    "service telnet\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tgroup\t\t= staff\n"
	    "\tuser\t\t= www-data\n"
	    "\tserver\t\t= /usr/sbin/telnetd\n"
	    "}\n"
	    "service smtp\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= 1234\n"
	    "\tgroup\t\t= 999\n"
	    "\tgroups\t\t= yes\n"
	    "\tserver\t\t= /usr/sbin/smtpd\n"
	    "}\n"
	    "service ssh\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= 107\n"
	    "\tgroups\t\t= no\n"
	    "\tserver\t\t= /usr/sbin/sshd\n"
	    "}\n");
	h_expect_ok(cfg);

	s = h_service(cfg, "finger");
	ATF_CHECK_STREQ(s->user, "fingerd");
	ATF_CHECK_EQ(s->uid, 400);
	ATF_CHECK_EQ(s->gid, 400);
	ATF_CHECK(s->group == NULL);
	ATF_CHECK(!s->groups);

	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->uid, 400);
	ATF_CHECK_STREQ(s->group, "staff");
	ATF_CHECK_EQ(s->gid, 50);

	s = h_service(cfg, "telnet");
	ATF_CHECK_STREQ(s->user, "www-data");
	ATF_CHECK_EQ(s->uid, 33);
	ATF_CHECK_STREQ(s->group, "staff");
	ATF_CHECK_EQ(s->gid, 50);

	s = h_service(cfg, "smtp");
	ATF_CHECK_STREQ(s->user, "1234");
	ATF_CHECK_EQ(s->uid, 1234);
	ATF_CHECK_STREQ(s->group, "999");
	ATF_CHECK_EQ(s->gid, 999);
	ATF_CHECK(s->groups);

	/* A number found in passwd takes its primary group from there. */
	s = h_service(cfg, "ssh");
	ATF_CHECK_EQ(s->uid, 107);
	ATF_CHECK_EQ(s->gid, 113);
	ATF_CHECK(!s->groups);
	xcfg_free(cfg);
}

ATF_TC(attr_server_args_libwrap);
ATF_TC_HEAD(attr_server_args_libwrap, tc)
{
	atf_tc_set_md_var(tc, "descr", "server must be absolute; empty "
	    "server_args; NAMEINARGS; libwrap names the service");
}
ATF_TC_BODY(attr_server_args_libwrap, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tserver_args\t=\n"
	    "\tlibwrap\t\t= in.telnetd\n")
	    "service ftp\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/tcpd\n"
	    "\tserver_args\t= in.ftpd -l -a\n"
	    "\tflags\t\t= NAMEINARGS KEEPALIVE\n"
	    "}\n"
	    SVC("smtp", "\tserver_args\t= -bs -oi\n"));
	h_expect_ok(cfg);

	s = h_service(cfg, "telnet");
	ATF_CHECK_STREQ(s->server, "/usr/sbin/telnetd");
	ATF_REQUIRE_EQ(s->argv.n, 1);
	ATF_CHECK_STREQ(s->argv.v[0], "telnetd");
	ATF_CHECK_STREQ(s->libwrap, "in.telnetd");

	s = h_service(cfg, "ftp");
	ATF_CHECK_STREQ(s->server, "/usr/sbin/tcpd");
	ATF_REQUIRE_EQ(s->argv.n, 3);
	ATF_CHECK_STREQ(s->argv.v[0], "in.ftpd");
	ATF_CHECK_STREQ(s->argv.v[1], "-l");
	ATF_CHECK_STREQ(s->argv.v[2], "-a");
	ATF_CHECK(s->argv.v[3] == NULL);
	ATF_CHECK_EQ(s->flags, XCFG_FLAG_KEEPALIVE);
	ATF_CHECK(s->libwrap == NULL);

	s = h_service(cfg, "smtp");
	ATF_REQUIRE_EQ(s->argv.n, 3);
	ATF_CHECK_STREQ(s->argv.v[0], "smtpd");
	ATF_CHECK_STREQ(s->argv.v[1], "-bs");
	ATF_CHECK_STREQ(s->argv.v[2], "-oi");
	xcfg_free(cfg);

	cfg = h_load(
	    "service telnet\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= in.telnetd\n"
	    "}\n"
	    "service ftp\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/tcpd\n"
	    "\tflags\t\t= NAMEINARGS\n"
	    "}\n");
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:6: server: 'in.telnetd' is not an "
	    "absolute path");
	h_expect_diag(cfg, "test.conf:8: service ftp: flag NAMEINARGS needs "
	    "server_args");
	xcfg_free(cfg);
}

ATF_TC(attr_access_lists);
ATF_TC_HEAD(attr_access_lists, tc)
{
	atf_tc_set_md_var(tc, "descr", "only_from and no_access: every "
	    "address form, and an empty only_from that is set");
}
ATF_TC_BODY(attr_access_lists, tc)
{
	const struct xcfg_service *s;
	const struct xcfg_addr *v;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tonly_from\t= 128.138.12.0 0.0.0.0 128.138.{12,13,80}"
	    " 10.0.0.0/8\n"
	    "\tonly_from\t+= 192.168.1.5/24 ::1 2001:db8::/32"
	    " ::ffff:10.1.2.0/120\n"
	    "\tonly_from\t+= campus loopback link-local .Example.COM"
	    " Host.Example.COM.\n"
	    "\tno_access\t= 128.138.209.10 {10,11} 10.20.{3}\n")
	    SVC("ftp",
	    "\tonly_from\t=\n"
	    "\tno_access\t=\n")
	    SVC("smtp", ""));
	h_expect_ok(cfg);
	h_expect_diag(cfg, "test.conf:8: warning: host bits set in "
	    "'192.168.1.5/24'");

	s = h_service(cfg, "telnet");
	ATF_CHECK(s->only_from.set);
	ATF_REQUIRE_EQ(s->only_from.n, 15);
	v = s->only_from.v;
	check_inet(&v[0], "128.138.12.0", 24, "128.138.12.0");
	check_inet(&v[1], "0.0.0.0", 0, "0.0.0.0");
	check_inet(&v[2], "128.138.12.0", 24, "128.138.{12,13,80}");
	check_inet(&v[3], "128.138.13.0", 24, "128.138.{12,13,80}");
	check_inet(&v[4], "128.138.80.0", 24, "128.138.{12,13,80}");
	check_inet(&v[5], "10.0.0.0", 8, "10.0.0.0/8");
	check_inet(&v[6], "192.168.1.0", 24, "192.168.1.5/24");
	check_inet6(&v[7], "::1", 128, "::1");
	check_inet6(&v[8], "2001:db8::", 32, "2001:db8::/32");
	/* An IPv4-mapped network is the IPv4 network it stands for. */
	check_inet(&v[9], "10.1.2.0", 24, "::ffff:10.1.2.0/120");
	/* Networks from tests/data/networks. */
	check_inet(&v[10], "128.138.0.0", 16, "campus");
	check_inet(&v[11], "127.0.0.0", 8, "loopback");
	check_inet(&v[12], "169.254.0.0", 16, "link-local");
	check_name(&v[13], XCFG_ADDR_DOMAIN, ".example.com", ".Example.COM");
	check_name(&v[14], XCFG_ADDR_HOST, "host.example.com",
	    "Host.Example.COM.");

	ATF_CHECK(s->no_access.set);
	ATF_REQUIRE_EQ(s->no_access.n, 4);
	v = s->no_access.v;
	check_inet(&v[0], "128.138.209.10", 32, "128.138.209.10");
	check_inet(&v[1], "10.0.0.0", 8, "{10,11}");
	check_inet(&v[2], "11.0.0.0", 8, "{10,11}");
	check_inet(&v[3], "10.20.3.0", 24, "10.20.{3}");

	/* "only_from =" denies everyone: set, but empty. */
	s = h_service(cfg, "ftp");
	ATF_CHECK(s->only_from.set);
	ATF_CHECK_EQ(s->only_from.n, 0);
	ATF_CHECK(s->no_access.set);
	ATF_CHECK_EQ(s->no_access.n, 0);

	s = h_service(cfg, "smtp");
	ATF_CHECK(!s->only_from.set);
	ATF_CHECK_EQ(s->only_from.n, 0);
	ATF_CHECK(!s->no_access.set);
	xcfg_free(cfg);
}

ATF_TC(attr_access_times);
ATF_TC_HEAD(attr_access_times, tc)
{
	atf_tc_set_md_var(tc, "descr", "access_times: intervals in minutes, "
	    "24:00 as an end, intervals wrapping past midnight");
}
ATF_TC_BODY(attr_access_times, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\taccess_times\t= 08:00-12:00 12:00-24:00 22:00-06:00"
	    " 7:05-7:30\n")
	    SVC("ftp", ""));
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_REQUIRE_EQ(s->n_access_times, 4);
	ATF_CHECK_EQ(s->access_times[0].start, 8 * 60);
	ATF_CHECK_EQ(s->access_times[0].end, 12 * 60);
	ATF_CHECK_EQ(s->access_times[1].start, 12 * 60);
	ATF_CHECK_EQ(s->access_times[1].end, 24 * 60);
	ATF_CHECK_EQ(s->access_times[2].start, 22 * 60);
	ATF_CHECK_EQ(s->access_times[2].end, 6 * 60);
	ATF_CHECK_EQ(s->access_times[3].start, 7 * 60 + 5);
	ATF_CHECK_EQ(s->access_times[3].end, 7 * 60 + 30);
	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->n_access_times, 0);
	ATF_CHECK(s->access_times == NULL);
	xcfg_free(cfg);

	/* 24:00 ends a day; it does not start one. */
	cfg = h_load(SVC("telnet", "\taccess_times\t= 24:00-01:00\n"));
	h_expect_diag(cfg, "test.conf:7: access_times: '24:00-01:00' is not "
	    "an interval hh:mm-hh:mm");
	h_expect_fail(cfg);
	xcfg_free(cfg);
}

ATF_TC(attr_log_type);
ATF_TC_HEAD(attr_log_type, tc)
{
	atf_tc_set_md_var(tc, "descr", "log_type SYSLOG with and without a "
	    "level, FILE with no, one or two limits; the default hard limit "
	    "is soft + 1% clamped to 5K..20K");
}
ATF_TC_BODY(attr_log_type, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    SVC("telnet", "\tlog_type\t= SYSLOG authpriv warning\n")
	    SVC("ftp", "\tlog_type\t= SYSLOG local3\n")
	    SVC("smtp", "\tlog_type\t= FILE /var/log/smtp.log\n")
	    SVC("finger", "\tlog_type\t= FILE /var/log/finger 10K\n")
	    SVC("ssh", "\tlog_type\t= FILE /var/log/ssh 100M\n")
	    SVC("http", "\tlog_type\t= FILE /var/log/http 1M\n")
	    SVC("pop3", "\tlog_type\t= FILE /var/log/pop3 1K 2K\n")
	    SVC("imap2", ""));
	h_expect_ok(cfg);

	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->log.kind, XCFG_LOG_SYSLOG);
	ATF_CHECK_EQ(s->log.facility, LOG_AUTHPRIV);
	ATF_CHECK_EQ(s->log.level, LOG_WARNING);
	ATF_CHECK(s->log.path == NULL);

	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->log.kind, XCFG_LOG_SYSLOG);
	ATF_CHECK_EQ(s->log.facility, LOG_LOCAL3);
	ATF_CHECK_EQ(s->log.level, LOG_INFO);

	s = h_service(cfg, "smtp");
	ATF_CHECK_EQ(s->log.kind, XCFG_LOG_FILE);
	ATF_CHECK_STREQ(s->log.path, "/var/log/smtp.log");
	ATF_CHECK_EQ(s->log.soft, 0);
	ATF_CHECK_EQ(s->log.hard, 0);

	s = h_service(cfg, "finger");
	ATF_CHECK_EQ(s->log.kind, XCFG_LOG_FILE);
	ATF_CHECK_STREQ(s->log.path, "/var/log/finger");
	ATF_CHECK_EQ(s->log.soft, 10 * 1024);
	ATF_CHECK_EQ(s->log.hard, 10 * 1024 + 5 * 1024);

	s = h_service(cfg, "ssh");
	ATF_CHECK_EQ(s->log.soft, 100LL * 1024 * 1024);
	ATF_CHECK_EQ(s->log.hard, 100LL * 1024 * 1024 + 20 * 1024);

	s = h_service(cfg, "http");
	ATF_CHECK_EQ(s->log.soft, 1024 * 1024);
	ATF_CHECK_EQ(s->log.hard, 1024 * 1024 + 1024 * 1024 / 100);

	s = h_service(cfg, "pop3");
	ATF_CHECK_EQ(s->log.soft, 1024);
	ATF_CHECK_EQ(s->log.hard, 2048);

	s = h_service(cfg, "imap2");
	ATF_CHECK_EQ(s->log.kind, XCFG_LOG_SYSLOG);
	ATF_CHECK_EQ(s->log.facility, LOG_DAEMON);
	ATF_CHECK_EQ(s->log.level, LOG_INFO);
	xcfg_free(cfg);

	cfg = h_load(SVC("telnet",
	    "\tlog_type\t= FILE /var/log/telnet 2K 1K\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: log_type: hard limit 1024 is below "
	    "soft limit 2048");
	xcfg_free(cfg);
}

ATF_TC(attr_log_on_success_failure);
ATF_TC_HEAD(attr_log_on_success_failure, tc)
{
	atf_tc_set_md_var(tc, "descr", "log_on_success and log_on_failure: "
	    "every keyword, empty lists, += and -= on the defaults");
}
ATF_TC_BODY(attr_log_on_success_failure, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tlog_on_success\t= PID HOST USERID EXIT DURATION TRAFFIC\n"
	    "\tlog_on_failure\t= HOST USERID ATTEMPT\n")
	    SVC("ftp",
	    "\tlog_on_success\t=\n"
	    "\tlog_on_failure\t=\n")
	    SVC("smtp",
	    "\tlog_on_success\t+= DURATION\n"
	    "\tlog_on_success\t-= PID\n"
	    "\tlog_on_failure\t+= USERID\n"));
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->log_on_success, XCFG_LOG_PID | XCFG_LOG_HOST |
	    XCFG_LOG_USERID | XCFG_LOG_EXIT | XCFG_LOG_DURATION |
	    XCFG_LOG_TRAFFIC);
	ATF_CHECK_EQ(s->log_on_failure, XCFG_LOG_HOST | XCFG_LOG_USERID |
	    XCFG_LOG_ATTEMPT);
	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->log_on_success, 0);
	ATF_CHECK_EQ(s->log_on_failure, 0);
	s = h_service(cfg, "smtp");
	ATF_CHECK_EQ(s->log_on_success, XCFG_LOG_HOST | XCFG_LOG_DURATION);
	ATF_CHECK_EQ(s->log_on_failure, XCFG_LOG_HOST | XCFG_LOG_USERID);
	xcfg_free(cfg);

	/* ATTEMPT is a failure keyword only. */
	cfg = h_load(SVC("telnet", "\tlog_on_success\t= HOST ATTEMPT\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: log_on_success: unknown value "
	    "'ATTEMPT'");
	xcfg_free(cfg);
}

ATF_TC(attr_log_on_failure_record);
ATF_TC_HEAD(attr_log_on_failure_record, tc)
{
	atf_tc_set_md_var(tc, "descr", "log_on_failure RECORD is obsolete: "
	    "a warning, and only RECORD is ignored, not the other values");
}
ATF_TC_BODY(attr_log_on_failure_record, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tlog_on_failure\t+= USERID RECORD ATTEMPT\n"));
	h_expect_ok(cfg);
	h_expect_diag(cfg, "test.conf:7: warning: log_on_failure: RECORD is "
	    "obsolete and ignored");
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->log_on_failure, XCFG_LOG_HOST | XCFG_LOG_USERID |
	    XCFG_LOG_ATTEMPT);
	xcfg_free(cfg);
}

ATF_TC(attr_rpc);
ATF_TC_HEAD(attr_rpc, tc)
{
	atf_tc_set_md_var(tc, "descr", "RPC services: program number from "
	    "tests/data/rpc (name or alias) or rpc_number, version or range, "
	    "no port");
}
ATF_TC_BODY(attr_rpc, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "service rstatd\n{\n"
	    "\ttype\t\t= RPC\n"
	    "\tsocket_type\t= dgram\n"
	    "\tprotocol\t= udp\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/rpc.rstatd\n"
	    "\trpc_version\t= 1-3\n"
	    "}\n"
	    "service rusers\n{\n"
	    "\ttype\t\t= RPC\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/rpc.rusersd\n"
	    "\trpc_version\t= 2\n"
	    "}\n"
	    "service mydaemon\n{\n"
	    "\ttype\t\t= RPC UNLISTED\n"
	    "\tsocket_type\t= dgram\n"
	    "\tprotocol\t= udp\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/local/sbin/mydaemon\n"
	    "\trpc_version\t= 1\n"
	    "\trpc_number\t= 300019\n"
	    "}\n");
	h_expect_ok(cfg);

	s = h_service(cfg, "rstatd");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_RPC);
	ATF_CHECK_EQ(s->rpc_number, 100001);
	ATF_CHECK_EQ(s->rpc_lo, 1);
	ATF_CHECK_EQ(s->rpc_hi, 3);
	ATF_CHECK_EQ(s->port, 0);
	ATF_CHECK_EQ(s->socktype, SOCK_DGRAM);

	s = h_service(cfg, "rusers");
	ATF_CHECK_EQ(s->rpc_number, 100002);
	ATF_CHECK_EQ(s->rpc_lo, 2);
	ATF_CHECK_EQ(s->rpc_hi, 2);
	ATF_CHECK_EQ(s->port, 0);

	s = h_service(cfg, "mydaemon");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_RPC | XCFG_TYPE_UNLISTED);
	ATF_CHECK_EQ(s->rpc_number, 300019);
	ATF_CHECK_EQ(s->rpc_lo, 1);
	ATF_CHECK_EQ(s->rpc_hi, 1);
	ATF_CHECK_EQ(s->port, 0);
	xcfg_free(cfg);

	cfg = h_load(
	    "service nosuchd\n{\n"
	    "\ttype\t\t= RPC\n"
	    "\tsocket_type\t= dgram\n"
	    "\tprotocol\t= udp\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/nosuchd\n"
	    "\trpc_version\t= 1\n"
	    "}\n");
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:1: service nosuchd: unknown RPC "
	    "program 'nosuchd'");
	xcfg_free(cfg);
}

ATF_TC(attr_env_passenv);
ATF_TC_HEAD(attr_env_passenv, tc)
{
	atf_tc_set_md_var(tc, "descr", "env NAME=value list with += and "
	    "replacing =; passenv with +=, -= and an empty list");
}
ATF_TC_BODY(attr_env_passenv, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tenv\t\t= LANG=C TERM=vt100\n"
	    "\tenv\t\t+= PATH=/bin:/usr/bin\n"
	    "\tpassenv\t\t= HOME TZ LC_ALL\n"
	    "\tpassenv\t\t-= TZ\n"
	    "\tpassenv\t\t+= USER\n")
	    SVC("ftp",
	    "\tenv\t\t= A=x=y\n"
	    "\tenv\t\t= B=2 C=\n"
	    "\tpassenv\t\t=\n")
	    SVC("smtp", ""));
	h_expect_ok(cfg);

	s = h_service(cfg, "telnet");
	ATF_REQUIRE_EQ(s->env.n, 3);
	ATF_CHECK_STREQ(s->env.v[0], "LANG=C");
	ATF_CHECK_STREQ(s->env.v[1], "TERM=vt100");
	ATF_CHECK_STREQ(s->env.v[2], "PATH=/bin:/usr/bin");
	ATF_CHECK(s->passenv_set);
	ATF_REQUIRE_EQ(s->passenv.n, 3);
	ATF_CHECK_STREQ(s->passenv.v[0], "HOME");
	ATF_CHECK_STREQ(s->passenv.v[1], "LC_ALL");
	ATF_CHECK_STREQ(s->passenv.v[2], "USER");

	s = h_service(cfg, "ftp");
	ATF_REQUIRE_EQ(s->env.n, 2);
	ATF_CHECK_STREQ(s->env.v[0], "B=2");
	ATF_CHECK_STREQ(s->env.v[1], "C=");
	ATF_CHECK(s->passenv_set);
	ATF_CHECK_EQ(s->passenv.n, 0);

	s = h_service(cfg, "smtp");
	ATF_CHECK_EQ(s->env.n, 0);
	ATF_CHECK(!s->passenv_set);
	ATF_CHECK_EQ(s->passenv.n, 0);
	xcfg_free(cfg);

	cfg = h_load(SVC("telnet", "\tenv\t\t= 1X=2\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: env: '1X=2' is not NAME=value");
	xcfg_free(cfg);
}

ATF_TC(attr_redirect);
ATF_TC_HEAD(attr_redirect, tc)
{
	atf_tc_set_md_var(tc, "descr", "redirect takes a host and a port "
	    "number or service name, and needs no server or user");
}
ATF_TC_BODY(attr_redirect, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "service telnet\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tredirect\t= 10.0.0.1 2323\n"
	    "}\n"
	    "service smtp\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tredirect\t= mail.example.org smtp\n"
	    "}\n"
	    "service pop3\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tredirect\t= mail.example.org pop-3\n"
	    "}\n");
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK_STREQ(s->redirect_host, "10.0.0.1");
	ATF_CHECK_EQ(s->redirect_port, 2323);
	ATF_CHECK(s->server == NULL);
	ATF_CHECK(s->user == NULL);
	ATF_CHECK_EQ(s->argv.n, 0);
	ATF_CHECK_EQ(s->port, 23);
	s = h_service(cfg, "smtp");
	ATF_CHECK_STREQ(s->redirect_host, "mail.example.org");
	ATF_CHECK_EQ(s->redirect_port, 25);
	s = h_service(cfg, "pop3");
	ATF_CHECK_EQ(s->redirect_port, 110);
	xcfg_free(cfg);

	cfg = h_load(SVC("telnet", "\tredirect\t= 10.0.0.1 nosuch\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: redirect: unknown port 'nosuch'");
	xcfg_free(cfg);
}

ATF_TC(attr_redirect_source);
ATF_TC_HEAD(attr_redirect_source, tc)
{
	atf_tc_set_md_var(tc, "descr", "redirect_source takes an IPv4 or "
	    "IPv6 address or a host name, kept as written for the daemon to "
	    "look up, and the dump writes it back");
}
ATF_TC_BODY(attr_redirect_source, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;
	char *text;

	h_init(tc);
	cfg = h_load(
	    "service telnet\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tredirect\t= 10.0.0.1 2323\n"
	    "\tredirect_source\t= 10.0.0.2\n"
	    "}\n"
	    "service smtp\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tredirect_source\t= fe80::1%eth0\n"
	    "\tredirect\t= mail.example.org smtp\n"
	    "}\n"
	    "service pop3\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tredirect\t= mail.example.org pop-3\n"
	    "\tredirect_source\t= relay.example.org\n"
	    "}\n"
	    "service imap2\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tredirect\t= mail.example.org imap\n"
	    "}\n");
	h_expect_ok(cfg);
	ATF_CHECK_EQ(xcfg_ndiags(cfg), 0);
	s = h_service(cfg, "telnet");
	ATF_CHECK_STREQ(s->redirect_source, "10.0.0.2");
	ATF_CHECK_STREQ(s->redirect_host, "10.0.0.1");
	s = h_service(cfg, "smtp");
	ATF_CHECK_STREQ(s->redirect_source, "fe80::1%eth0");
	s = h_service(cfg, "pop3");
	ATF_CHECK_STREQ(s->redirect_source, "relay.example.org");
	s = h_service(cfg, "imap2");
	ATF_CHECK(s->redirect_source == NULL);
	text = h_dump(cfg);
	ATF_CHECK_MSG(strstr(text, "\tredirect        = 10.0.0.1 2323\n"
	    "\tredirect_source = 10.0.0.2\n") != NULL, "%s", text);
	ATF_CHECK_MSG(strstr(text,
	    "\tredirect_source = relay.example.org\n") != NULL, "%s", text);
	free(text);
	xcfg_free(cfg);
}

ATF_TC(attr_banners);
ATF_TC_HEAD(attr_banners, tc)
{
	atf_tc_set_md_var(tc, "descr", "banner, banner_success and "
	    "banner_fail are absolute paths");
}
ATF_TC_BODY(attr_banners, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tbanner\t\t= /etc/issue.net\n"
	    "\tbanner_success\t= /etc/motd\n"
	    "\tbanner_fail\t= /etc/nologin.txt\n")
	    SVC("ftp", ""));
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK_STREQ(s->banner, "/etc/issue.net");
	ATF_CHECK_STREQ(s->banner_success, "/etc/motd");
	ATF_CHECK_STREQ(s->banner_fail, "/etc/nologin.txt");
	s = h_service(cfg, "ftp");
	ATF_CHECK(s->banner == NULL);
	ATF_CHECK(s->banner_success == NULL);
	ATF_CHECK(s->banner_fail == NULL);
	xcfg_free(cfg);

	cfg = h_load(SVC("telnet", "\tbanner_fail\t= issue\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: banner_fail: 'issue' is not an "
	    "absolute path");
	xcfg_free(cfg);
}

ATF_TC(attr_limits);
ATF_TC_HEAD(attr_limits, tc)
{
	atf_tc_set_md_var(tc, "descr", "per_source, cps, max_load, instances, "
	    "nice and umask");
}
ATF_TC_BODY(attr_limits, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tper_source\t= 5\n"
	    "\tcps\t\t= 25 30\n"
	    "\tmax_load\t= 2.5\n"
	    "\tinstances\t= 10\n"
	    "\tnice\t\t= -5\n"
	    "\tumask\t\t= 022\n")
	    SVC("ftp",
	    "\tper_source\t= UNLIMITED\n"
	    "\tcps\t\t= 0 0\n"
	    "\tmax_load\t= 0.75\n"
	    "\tinstances\t= UNLIMITED\n"
	    "\tnice\t\t= 19\n"
	    "\tumask\t\t= 0777\n")
	    SVC("smtp",
	    "\tnice\t\t= -20\n"
	    "\tumask\t\t= 0\n")
	    SVC("finger", ""));
	h_expect_ok(cfg);

	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->per_source, 5);
	ATF_CHECK_EQ(s->cps_rate, 25);
	ATF_CHECK_EQ(s->cps_wait, 30);
	ATF_CHECK(s->max_load == 2.5);
	ATF_CHECK_EQ(s->instances, 10);
	ATF_CHECK_EQ(s->nice, -5);
	ATF_CHECK_EQ(s->umask, 022);

	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->per_source, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->cps_rate, 0);
	ATF_CHECK_EQ(s->cps_wait, 0);
	ATF_CHECK(s->max_load == 0.75);
	ATF_CHECK_EQ(s->instances, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->nice, 19);
	ATF_CHECK_EQ(s->umask, 0777);

	s = h_service(cfg, "smtp");
	ATF_CHECK_EQ(s->nice, -20);
	ATF_CHECK_EQ(s->umask, 0);

	s = h_service(cfg, "finger");
	ATF_CHECK_EQ(s->per_source, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->cps_rate, 50);
	ATF_CHECK_EQ(s->cps_wait, 10);
	ATF_CHECK(s->max_load == 0);
	ATF_CHECK_EQ(s->nice, XCFG_UNSET);
	ATF_CHECK_EQ(s->umask, XCFG_UNSET);
	xcfg_free(cfg);

	cfg = h_load(SVC("telnet",
	    "\tnice\t\t= 20\n"
	    "\tumask\t\t= 0800\n"
	    "\tinstances\t= 0\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: nice: '20' is not a number from -20 "
	    "to 19");
	h_expect_diag(cfg, "test.conf:8: umask: '0800' is not an octal mode");
	h_expect_diag(cfg, "test.conf:9: instances: '0' is not a positive "
	    "number or UNLIMITED");
	xcfg_free(cfg);
}

ATF_TC(attr_rlimits);
ATF_TC_HEAD(attr_rlimits, tc)
{
	atf_tc_set_md_var(tc, "descr", "rlimit_*: sizes with K and M, counts, "
	    "UNLIMITED, unset by default");
}
ATF_TC_BODY(attr_rlimits, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;
	int i;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\trlimit_as\t= 64M\n"
	    "\trlimit_cpu\t= 30\n"
	    "\trlimit_data\t= 512K\n"
	    "\trlimit_files\t= 1024\n"
	    "\trlimit_rss\t= 2M\n"
	    "\trlimit_stack\t= 8388608\n")
	    SVC("ftp",
	    "\trlimit_as\t= UNLIMITED\n"
	    "\trlimit_cpu\t= UNLIMITED\n"
	    "\trlimit_data\t= UNLIMITED\n"
	    "\trlimit_files\t= UNLIMITED\n"
	    "\trlimit_rss\t= UNLIMITED\n"
	    "\trlimit_stack\t= UNLIMITED\n")
	    SVC("smtp", ""));
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->rlimit[XCFG_RLIMIT_AS], 64LL * 1024 * 1024);
	ATF_CHECK_EQ(s->rlimit[XCFG_RLIMIT_CPU], 30);
	ATF_CHECK_EQ(s->rlimit[XCFG_RLIMIT_DATA], 512 * 1024);
	ATF_CHECK_EQ(s->rlimit[XCFG_RLIMIT_FILES], 1024);
	ATF_CHECK_EQ(s->rlimit[XCFG_RLIMIT_RSS], 2 * 1024 * 1024);
	ATF_CHECK_EQ(s->rlimit[XCFG_RLIMIT_STACK], 8 * 1024 * 1024);
	s = h_service(cfg, "ftp");
	for (i = 0; i < XCFG_RLIMIT_COUNT; i++)
		ATF_CHECK_EQ_MSG(s->rlimit[i], XCFG_UNLIMITED, "rlimit %d",
		    i);
	s = h_service(cfg, "smtp");
	for (i = 0; i < XCFG_RLIMIT_COUNT; i++)
		ATF_CHECK_EQ_MSG(s->rlimit[i], XCFG_UNSET, "rlimit %d", i);
	xcfg_free(cfg);

	/* Counts take no size suffix. */
	cfg = h_load(SVC("telnet", "\trlimit_cpu\t= 1K\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: rlimit_cpu: '1K' is not a number or "
	    "UNLIMITED");
	xcfg_free(cfg);
}

ATF_TC(attr_deny_time);
ATF_TC_HEAD(attr_deny_time, tc)
{
	atf_tc_set_md_var(tc, "descr", "deny_time: FOREVER, NEVER or minutes");
}
ATF_TC_BODY(attr_deny_time, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    SVC("telnet", "\tdeny_time\t= FOREVER\n")
	    SVC("ftp", "\tdeny_time\t= NEVER\n")
	    SVC("smtp", "\tdeny_time\t= 30\n")
	    SVC("finger", ""));
	h_expect_ok(cfg);
	ATF_CHECK_EQ(h_service(cfg, "telnet")->deny_time, XCFG_DENY_FOREVER);
	ATF_CHECK_EQ(h_service(cfg, "ftp")->deny_time, XCFG_DENY_NEVER);
	ATF_CHECK_EQ(h_service(cfg, "smtp")->deny_time, 30);
	ATF_CHECK_EQ(h_service(cfg, "finger")->deny_time, XCFG_UNSET);
	xcfg_free(cfg);

	cfg = h_load(SVC("telnet", "\tdeny_time\t= 0\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: deny_time: '0' is not minutes, "
	    "FOREVER or NEVER");
	xcfg_free(cfg);
}

ATF_TC(attr_extensions);
ATF_TC_HEAD(attr_extensions, tc)
{
	atf_tc_set_md_var(tc, "descr", "The inetd.conf extensions: "
	    "max_spawns, per_source_rate, login_class, sndbuf, rcvbuf, "
	    "listen_backlog, accept_filter, ipsec; mdns and "
	    "per_source_ipv6_prefix");
}
ATF_TC_BODY(attr_extensions, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tmax_spawns\t= 40\n"
	    "\tper_source_rate\t= 10\n"
	    "\tlogin_class\t= daemon\n"
	    "\tsndbuf\t\t= 64K\n"
	    "\trcvbuf\t\t= 1M\n"
	    "\tlisten_backlog\t= 128\n"
	    "\tper_source_ipv6_prefix = 56\n"
	    "\taccept_filter\t= dataready\n"
	    "\tipsec\t\t= in ipsec esp/transport//require"
	    "\t  out ipsec esp/transport//require\n"
	    "\tmdns\t\t= yes\n")
	    SVC("ftp",
	    "\tsndbuf\t\t= 4096\n"
	    "\taccept_filter\t= httpready,arg\n"
	    "\tmdns\t\t= no\n")
	    SVC("smtp", "")
	    SVC("finger",
	    "\tmax_spawns\t= 0\n"
	    "\tper_source_rate\t= UNLIMITED\n"));
	h_expect_ok(cfg);

	/* Rates of 0 or UNLIMITED mean no limit, as in BSD inetd. */
	s = h_service(cfg, "finger");
	ATF_CHECK_EQ(s->max_spawns, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->per_source_rate, XCFG_UNLIMITED);

	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->max_spawns, 40);
	ATF_CHECK_EQ(s->per_source_rate, 10);
	ATF_CHECK_STREQ(s->login_class, "daemon");
	ATF_CHECK_EQ(s->sndbuf, 64 * 1024);
	ATF_CHECK_EQ(s->rcvbuf, 1024 * 1024);
	ATF_CHECK_EQ(s->backlog, 128);
	ATF_CHECK_EQ(s->per_source_prefix6, 56);
	ATF_CHECK_STREQ(s->accept_filter, "dataready");
	ATF_CHECK_STREQ(s->ipsec, "in ipsec esp/transport//require out ipsec "
	    "esp/transport//require");
	ATF_CHECK(s->mdns);

	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->sndbuf, 4096);
	ATF_CHECK_EQ(s->rcvbuf, XCFG_UNSET);
	ATF_CHECK_STREQ(s->accept_filter, "httpready,arg");
	ATF_CHECK(!s->mdns);

	s = h_service(cfg, "smtp");
	ATF_CHECK_EQ(s->max_spawns, XCFG_UNSET);
	ATF_CHECK_EQ(s->per_source_rate, XCFG_UNSET);
	ATF_CHECK(s->login_class == NULL);
	ATF_CHECK_EQ(s->sndbuf, XCFG_UNSET);
	ATF_CHECK_EQ(s->rcvbuf, XCFG_UNSET);
	ATF_CHECK_EQ(s->backlog, XCFG_UNSET);
	ATF_CHECK_EQ(s->per_source_prefix6, XCFG_PER_SOURCE_PREFIX6);
	ATF_CHECK(s->accept_filter == NULL);
	ATF_CHECK(s->ipsec == NULL);
	ATF_CHECK(!s->mdns);
	xcfg_free(cfg);
}

ATF_TC(xinetd_list_operators);
ATF_TC_HEAD(xinetd_list_operators, tc)
{
	atf_tc_set_md_var(tc, "descr", "+= and -= on lists (-= by equal "
	    "network, on factorized rules), = twice replaces; += and -= "
	    "refused on other attributes");
}
ATF_TC_BODY(xinetd_list_operators, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tonly_from\t= 10.0.0.0 192.168.0.0 172.16.0.0/12\n"
	    "\tonly_from\t-= 10.0.0.0/8 10.9.9.9\n"
	    "\tonly_from\t+= 127.0.0.1\n"
	    "\tno_access\t= 10.1.0.0\n"
	    "\tno_access\t= 10.2.0.0\n"
	    "\tlog_on_success\t-= PID\n"
	    "\tenv\t\t= A=1\n"
	    "\tenv\t\t+= B=2\n")
	    SVC("ftp",
	    "\tonly_from\t= 128.138.{12,13}\n"
	    "\tonly_from\t-= 128.138.13.0\n"
	    "\tno_access\t+= .evil.example\n"
	    "\tno_access\t-= .EVIL.example\n")
	    SVC("smtp",
	    "\tonly_from\t-= 10.0.0.0\n"));
	h_expect_ok(cfg);

	s = h_service(cfg, "telnet");
	ATF_REQUIRE_EQ(s->only_from.n, 3);
	check_inet(&s->only_from.v[0], "192.168.0.0", 16, "192.168.0.0");
	check_inet(&s->only_from.v[1], "172.16.0.0", 12, "172.16.0.0/12");
	check_inet(&s->only_from.v[2], "127.0.0.1", 32, "127.0.0.1");
	ATF_REQUIRE_EQ(s->no_access.n, 1);
	check_inet(&s->no_access.v[0], "10.2.0.0", 16, "10.2.0.0");
	ATF_CHECK_EQ(s->log_on_success, XCFG_LOG_HOST);
	ATF_REQUIRE_EQ(s->env.n, 2);
	ATF_CHECK_STREQ(s->env.v[0], "A=1");
	ATF_CHECK_STREQ(s->env.v[1], "B=2");

	s = h_service(cfg, "ftp");
	ATF_REQUIRE_EQ(s->only_from.n, 1);
	check_inet(&s->only_from.v[0], "128.138.12.0", 24,
	    "128.138.{12,13}");
	ATF_CHECK(s->no_access.set);
	ATF_CHECK_EQ(s->no_access.n, 0);

	/* Removing from a list never set leaves it unset (open). */
	s = h_service(cfg, "smtp");
	ATF_CHECK(!s->only_from.set);
	ATF_CHECK_EQ(s->only_from.n, 0);
	xcfg_free(cfg);

	cfg = h_load(SVC("telnet",
	    "\tserver\t\t-= /bin/true\n"
	    "\tinstances\t+= 3\n"
	    "\tenv\t\t-= A=1\n"
	    "\ttype\t\t+= INTERNAL\n"
	    "\tflags\t\t-= REUSE\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: server: operator '-=' not allowed "
	    "(only =)");
	h_expect_diag(cfg, "test.conf:8: instances: operator '+=' not allowed "
	    "(only =)");
	h_expect_diag(cfg, "test.conf:9: env: operator '-=' not allowed "
	    "(only = and +=)");
	h_expect_diag(cfg, "test.conf:10: type: operator '+=' not allowed "
	    "(only =)");
	h_expect_diag(cfg, "test.conf:11: flags: operator '-=' not allowed "
	    "(only =)");
	xcfg_free(cfg);

	/* interface is bind's other name: one of them, once. */
	cfg = h_load(SVC("telnet",
	    "\twait\t\t= yes\n"
	    "\tbind\t\t= 127.0.0.1\n"
	    "\tinterface\t= 127.0.0.1\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: wait: given more than once");
	h_expect_diag(cfg, "test.conf:9: interface: given more than once");
	xcfg_free(cfg);
}

ATF_TC(xinetd_log_type_last);
ATF_TC_HEAD(xinetd_log_type_last, tc)
{
	atf_tc_set_md_var(tc, "descr", "log_type may be repeated in a service "
	    "and the last one counts (xinetd.conf(5))");
}
ATF_TC_BODY(xinetd_log_type_last, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet",
	    "\tlog_type\t= SYSLOG auth\n"
	    "\tlog_type\t= FILE /var/log/telnet 1K\n")
	    SVC("ftp",
	    "\tlog_type\t= FILE /var/log/ftp\n"
	    "\tlog_type\t= SYSLOG local1 err\n"));
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->log.kind, XCFG_LOG_FILE);
	ATF_CHECK_STREQ(s->log.path, "/var/log/telnet");
	ATF_CHECK_EQ(s->log.soft, 1024);
	ATF_CHECK_EQ(s->log.hard, 1024 + 5 * 1024);
	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->log.kind, XCFG_LOG_SYSLOG);
	ATF_CHECK_EQ(s->log.facility, LOG_LOCAL1);
	ATF_CHECK_EQ(s->log.level, LOG_ERR);
	ATF_CHECK(s->log.path == NULL);
	ATF_CHECK_EQ(s->log.soft, 0);
	ATF_CHECK_EQ(s->log.hard, 0);
	xcfg_free(cfg);
}

ATF_TC(xinetd_family_rules);
ATF_TC_HEAD(xinetd_family_rules, tc)
{
	atf_tc_set_md_var(tc, "descr", "flags IPv4/IPv6, v6only and a literal "
	    "bind address decide the family; dual-stack without them");
}
ATF_TC_BODY(xinetd_family_rules, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    SVC("telnet", "\tflags\t\t= IPv4\n")
	    SVC("ftp", "\tflags\t\t= IPv6\n")
	    SVC("smtp", "\tflags\t\t= IPv6\n\tv6only\t\t= yes\n")
	    SVC("ssh", "\tv6only\t\t= yes\n")
	    SVC("http", "\tv6only\t\t= no\n")
	    SVC("pop3", "\tbind\t\t= 127.0.0.1\n")
	    SVC("finger", "")
	    SVC("imap2", "\tflags\t\t= IPv6\n\tbind\t\t= ::1\n"
	    "\tv6only\t\t= yes\n")
	    SVC("rsync", "\tflags\t\t= IPv6\n\tv6only\t\t= no\n"));
	h_expect_ok(cfg);
	ATF_CHECK_EQ(h_service(cfg, "telnet")->family, XCFG_FAMILY_INET);
	ATF_CHECK_EQ(h_service(cfg, "telnet")->flags, 0);
	ATF_CHECK_EQ(h_service(cfg, "ftp")->family, XCFG_FAMILY_DUAL);
	ATF_CHECK_EQ(h_service(cfg, "ftp")->flags, 0);
	ATF_CHECK_EQ(h_service(cfg, "smtp")->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(h_service(cfg, "ssh")->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(h_service(cfg, "http")->family, XCFG_FAMILY_DUAL);
	ATF_CHECK_EQ(h_service(cfg, "pop3")->family, XCFG_FAMILY_INET);
	ATF_CHECK_EQ(h_service(cfg, "finger")->family, XCFG_FAMILY_DUAL);
	ATF_CHECK_EQ(h_service(cfg, "imap2")->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(h_service(cfg, "rsync")->family, XCFG_FAMILY_DUAL);
	xcfg_free(cfg);

	cfg = h_load(
	    SVC("telnet", "\tflags\t\t= IPv4 IPv6\n")
	    SVC("ftp", "\tflags\t\t= IPv4\n\tbind\t\t= ::1\n")
	    SVC("smtp", "\tflags\t\t= IPv6\n\tbind\t\t= 10.0.0.1\n")
	    SVC("ssh", "\tflags\t\t= IPv4\n\tv6only\t\t= no\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:1: service telnet: flags IPv4 and IPv6 "
	    "exclude each other");
	h_expect_diag(cfg, "test.conf:9: service ftp: bind address ::1 does "
	    "not match flag IPv4");
	h_expect_diag(cfg, "test.conf:18: service smtp: bind address "
	    "10.0.0.1 does not match flag IPv6");
	h_expect_diag(cfg, "test.conf:27: service ssh: v6only given for an "
	    "IPv4 service");
	xcfg_free(cfg);
}

/* Make a directory in the test's work directory. */
static void
h_mkdir(const char *path)
{
	ATF_REQUIRE_MSG(mkdir(path, 0755) == 0, "mkdir %s", path);
}

ATF_TC(xinetd_include);
ATF_TC_HEAD(xinetd_include, tc)
{
	atf_tc_set_md_var(tc, "descr", "include reads a file relative to the "
	    "including file's directory, nested includes too");
}
ATF_TC_BODY(xinetd_include, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	h_mkdir("cfg");
	h_mkdir("cfg/sub");
	h_write("cfg/main.conf",
	    "defaults\n{\n\tinstances\t= 30\n}\n"
	    "include sub/one.conf\n"
	    SVC("telnet", ""));
	h_write("cfg/sub/one.conf",
	    SVC("ftp", "")
	    "include two.conf\n");
	h_write("cfg/sub/two.conf", SVC("smtp", ""));
	/* Not read: relative paths do not resolve against the cwd. */
	h_write("two.conf", SVC("finger", ""));
	cfg = h_load_file("cfg/main.conf", XCFG_SYNTAX_AUTO);
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 3);
	s = xcfg_service(cfg, 0);
	ATF_CHECK_STREQ(s->id, "ftp");
	ATF_CHECK_STREQ(s->file, "cfg/sub/one.conf");
	ATF_CHECK_EQ(s->line, 1);
	ATF_CHECK_EQ(s->instances, 30);
	s = xcfg_service(cfg, 1);
	ATF_CHECK_STREQ(s->id, "smtp");
	ATF_CHECK_STREQ(s->file, "cfg/sub/two.conf");
	ATF_CHECK_EQ(s->instances, 30);
	s = xcfg_service(cfg, 2);
	ATF_CHECK_STREQ(s->id, "telnet");
	ATF_CHECK_STREQ(s->file, "cfg/main.conf");
	ATF_CHECK_EQ(s->line, 6);
	ATF_CHECK_EQ(s->instances, 30);
	xcfg_free(cfg);
}

ATF_TC(xinetd_includedir);
ATF_TC_HEAD(xinetd_includedir, tc)
{
	atf_tc_set_md_var(tc, "descr", "includedir reads regular files in C "
	    "locale order, skipping names with '.' or ending in '~'");
}
ATF_TC_BODY(xinetd_includedir, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	h_mkdir("cfg");
	h_mkdir("cfg/conf.d");
	h_mkdir("cfg/conf.d/subdir");
	h_write("cfg/main.conf",
	    "includedir conf.d\n"
	    SVC("telnet", ""));
	h_write("cfg/conf.d/smtp", SVC("smtp", ""));
	h_write("cfg/conf.d/ftp", SVC("ftp", ""));
	h_write("cfg/conf.d/Finger", SVC("finger", ""));
	h_write("cfg/conf.d/_ssh", SVC("ssh", ""));
	/* Skipped: a '.', a backup, a directory. */
	h_write("cfg/conf.d/http.conf", SVC("http", ""));
	h_write("cfg/conf.d/pop3~", SVC("pop3", ""));
	h_write("cfg/conf.d/.imap2", SVC("imap2", ""));
	h_write("cfg/conf.d/subdir/rsync", SVC("rsync", ""));
	cfg = h_load_file("cfg/main.conf", XCFG_SYNTAX_AUTO);
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 5);
	/* C locale: upper case, then '_', then lower case. */
	ATF_CHECK_STREQ(xcfg_service(cfg, 0)->id, "finger");
	ATF_CHECK_STREQ(xcfg_service(cfg, 0)->file, "cfg/conf.d/Finger");
	ATF_CHECK_STREQ(xcfg_service(cfg, 1)->id, "ssh");
	ATF_CHECK_STREQ(xcfg_service(cfg, 2)->id, "ftp");
	ATF_CHECK_STREQ(xcfg_service(cfg, 3)->id, "smtp");
	ATF_CHECK_STREQ(xcfg_service(cfg, 3)->file, "cfg/conf.d/smtp");
	ATF_CHECK_STREQ(xcfg_service(cfg, 4)->id, "telnet");
	ATF_CHECK(xcfg_find(cfg, "http") == NULL);
	ATF_CHECK(xcfg_find(cfg, "pop3") == NULL);
	ATF_CHECK(xcfg_find(cfg, "imap2") == NULL);
	ATF_CHECK(xcfg_find(cfg, "rsync") == NULL);
	xcfg_free(cfg);

	/* Nothing to read (found by the fuzzer: qsort of no names). */
	h_mkdir("cfg/empty.d");
	h_write("cfg/empty.d/.hidden", SVC("http", ""));
	h_write("cfg/other.conf",
	    "includedir empty.d\n"
	    SVC("telnet", ""));
	cfg = h_load_file("cfg/other.conf", XCFG_SYNTAX_AUTO);
	h_expect_ok(cfg);
	ATF_CHECK_EQ(xcfg_nservices(cfg), 1);
	xcfg_free(cfg);
}

ATF_TC(xinetd_disable_keeps_entry);
ATF_TC_HEAD(xinetd_disable_keeps_entry, tc)
{
	atf_tc_set_md_var(tc, "descr", "disable = yes keeps the entry, marked "
	    "disabled, taking no socket; a disabled entry with problems "
	    "gives warnings and is left out");
}
ATF_TC_BODY(xinetd_disable_keeps_entry, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet", "\tdisable\t\t= yes\n")
	    SVC("ftp", "\tdisable\t\t= no\n")
	    "service finger\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tdisable\t\t= yes\n"
	    "}\n"
	    SVC("telnet", "\tid\t\t= telnet-2\n"));
	h_expect_ok(cfg);
	h_expect_diag(cfg, "test.conf:17: warning: service finger: missing "
	    "server");
	h_expect_diag(cfg, "test.conf:17: warning: service finger: missing "
	    "user");
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 3);
	s = xcfg_service(cfg, 0);
	ATF_CHECK_STREQ(s->id, "telnet");
	ATF_CHECK(s->disabled);
	ATF_CHECK_EQ(s->port, 23);
	ATF_CHECK_STREQ(s->server, "/usr/sbin/telnetd");
	s = xcfg_service(cfg, 1);
	ATF_CHECK_STREQ(s->id, "ftp");
	ATF_CHECK(!s->disabled);
	s = xcfg_service(cfg, 2);
	ATF_CHECK_STREQ(s->id, "telnet-2");
	ATF_CHECK(!s->disabled);
	ATF_CHECK(xcfg_find(cfg, "finger") == NULL);
	xcfg_free(cfg);
}

ATF_TC(xinetd_internal);
ATF_TC_HEAD(xinetd_internal, tc)
{
	atf_tc_set_md_var(tc, "descr", "type = INTERNAL with every known "
	    "built-in name; no server, no user needed; unknown names refused");
}
ATF_TC_BODY(xinetd_internal, tc)
{
	static const char *const names[] = {
		"echo", "echo-dgram", "discard", "chargen", "daytime", "time",
		"tcpmux", "auth", "servers", "services", "xadmin"
	};
	const struct xcfg_service *s;
	struct xcfg *cfg;
	size_t i;

#define INTERNAL(name, extra) \
	"service " name "\n{\n" \
	"\ttype\t\t= INTERNAL\n" \
	"\tsocket_type\t= stream\n" \
	"\twait\t\t= no\n" \
	extra \
	"}\n"

	h_init(tc);
	cfg = h_load(INTERNAL("echo", "")
	    "service echo\n{\n"
	    "\tid\t\t= echo-dgram\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tsocket_type\t= dgram\n"
	    "\twait\t\t= yes\n"
	    "}\n"
	    INTERNAL("discard", "")
	    INTERNAL("chargen", "")
	    INTERNAL("daytime", "")
	    INTERNAL("time", "")
	    INTERNAL("tcpmux", "")
	    INTERNAL("auth", "\tserver_args\t= -r -t 30\n")
	    INTERNAL("servers", "\ttype = UNLISTED\n\tport = 9099\n"
	    "\tprotocol = tcp\n")
	    INTERNAL("services", "\ttype = UNLISTED\n\tport = 9098\n"
	    "\tprotocol = tcp\n")
	    INTERNAL("xadmin", "\ttype = UNLISTED\n\tport = 9097\n"
	    "\tprotocol = tcp\n"));
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 11);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		s = h_service(cfg, names[i]);
		ATF_CHECK_MSG(s->type & XCFG_TYPE_INTERNAL, "%s", names[i]);
		ATF_CHECK_MSG(s->server == NULL, "%s", names[i]);
		ATF_CHECK_MSG(s->user == NULL, "%s", names[i]);
	}
	s = h_service(cfg, "echo");
	ATF_CHECK_EQ(s->port, 7);
	ATF_CHECK_STREQ(s->protocol, "tcp");
	ATF_CHECK_EQ(s->argv.n, 0);
	s = h_service(cfg, "echo-dgram");
	ATF_CHECK_STREQ(s->name, "echo");
	ATF_CHECK_EQ(s->port, 7);
	ATF_CHECK_STREQ(s->protocol, "udp");
	ATF_CHECK(s->wait);
	ATF_CHECK_EQ(h_service(cfg, "discard")->port, 9);
	ATF_CHECK_EQ(h_service(cfg, "chargen")->port, 19);
	ATF_CHECK_EQ(h_service(cfg, "daytime")->port, 13);
	ATF_CHECK_EQ(h_service(cfg, "time")->port, 37);
	ATF_CHECK_EQ(h_service(cfg, "tcpmux")->port, 1);
	s = h_service(cfg, "auth");
	ATF_CHECK_EQ(s->port, 113);
	ATF_REQUIRE_EQ(s->argv.n, 4);
	ATF_CHECK_STREQ(s->argv.v[0], "auth");
	ATF_CHECK_STREQ(s->argv.v[1], "-r");
	ATF_CHECK_STREQ(s->argv.v[3], "30");
	s = h_service(cfg, "xadmin");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL | XCFG_TYPE_UNLISTED);
	ATF_CHECK_EQ(s->port, 9097);
	xcfg_free(cfg);

	cfg = h_load(INTERNAL("telnet", "")
	    INTERNAL("echo", "\tserver\t\t= /bin/cat\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:1: service telnet: no internal service "
	    "named 'telnet'");
	h_expect_diag(cfg, "test.conf:7: service echo: an INTERNAL service "
	    "takes no server");
	xcfg_free(cfg);
#undef INTERNAL
}

ATF_TC(xinetd_tcpmux);
ATF_TC_HEAD(xinetd_tcpmux, tc)
{
	atf_tc_set_md_var(tc, "descr", "TCPMUX and TCPMUXPLUS services have "
	    "no port and need no services(5) entry; they must be stream");
}
ATF_TC_BODY(xinetd_tcpmux, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    SVC("scp", "\ttype\t\t= TCPMUX\n")
	    SVC("sftp", "\ttype\t\t= TCPMUXPLUS\n")
	    SVC("rdist", "\ttype\t\t= TCPMUX UNLISTED\n"
	    "\tprotocol\t= tcp\n"));
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 3);
	s = h_service(cfg, "scp");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_TCPMUX);
	ATF_CHECK_EQ(s->port, 0);
	ATF_CHECK_STREQ(s->protocol, "tcp");
	ATF_REQUIRE_EQ(s->argv.n, 1);
	ATF_CHECK_STREQ(s->argv.v[0], "scpd");
	s = h_service(cfg, "sftp");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_TCPMUXPLUS);
	ATF_CHECK_EQ(s->port, 0);
	s = h_service(cfg, "rdist");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_TCPMUX | XCFG_TYPE_UNLISTED);
	ATF_CHECK_EQ(s->port, 0);
	xcfg_free(cfg);

	cfg = h_load(
	    "service scp\n{\n"
	    "\ttype\t\t= TCPMUX\n"
	    "\tsocket_type\t= dgram\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/bin/scp\n"
	    "}\n");
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:1: service scp: TCPMUX needs "
	    "socket_type stream");
	xcfg_free(cfg);
}

ATF_TC(xinetd_unlisted);
ATF_TC_HEAD(xinetd_unlisted, tc)
{
	atf_tc_set_md_var(tc, "descr", "UNLISTED services take their port and "
	    "protocol from the entry; a listed one must be in services(5)");
}
ATF_TC_BODY(xinetd_unlisted, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "service myapp\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\tport\t\t= 4242\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tserver\t\t= /usr/local/bin/myapp\n"
	    "}\n"
	    "service telnet\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\tport\t\t= 2323\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/in.telnetd\n"
	    "}\n");
	h_expect_ok(cfg);
	s = h_service(cfg, "myapp");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_UNLISTED);
	ATF_CHECK_EQ(s->port, 4242);
	ATF_CHECK_EQ(s->uid, 65534);
	ATF_CHECK_EQ(s->protonum, 6);
	/* A listed name may be moved to another port with UNLISTED. */
	ATF_CHECK_EQ(h_service(cfg, "telnet")->port, 2323);
	xcfg_free(cfg);

	cfg = h_load(
	    "service myapp\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tserver\t\t= /usr/local/bin/myapp\n"
	    "}\n"
	    "service other\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tsocket_type\t= stream\n"
	    "\tport\t\t= 4243\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tserver\t\t= /usr/local/bin/other\n"
	    "}\n"
	    SVC("nolist", "")
	    SVC("nolist2", "\tport\t\t= 4244\n")
	    SVC("telnet", "\tport\t\t= 2323\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:1: service myapp: missing port "
	    "(required for UNLISTED services)");
	h_expect_diag(cfg, "test.conf:10: service other: missing protocol "
	    "(required for UNLISTED services)");
	h_expect_diag(cfg, "test.conf:19: service nolist: unknown service "
	    "nolist/tcp (not in the services file; use type = UNLISTED and "
	    "port)");
	h_expect_diag(cfg, "test.conf:26: service nolist2: nolist2/tcp is not "
	    "in the services file; add type = UNLISTED");
	h_expect_diag(cfg, "test.conf:34: service telnet: port 2323 does not "
	    "match the services file (telnet/tcp is 23)");
	xcfg_free(cfg);
}

atf_error_t
tcs_xinetd(atf_tp_t *tp)
{
	ATF_TP_ADD_TC(tp, plain_service);
	ATF_TP_ADD_TC(tp, server_args_nameinargs);
	ATF_TP_ADD_TC(tp, comment_after_blank);
	ATF_TP_ADD_TC(tp, attr_identity_type_flags);
	ATF_TP_ADD_TC(tp, attr_socket_protocol_wait_port_bind);
	ATF_TP_ADD_TC(tp, attr_user_group_groups);
	ATF_TP_ADD_TC(tp, attr_server_args_libwrap);
	ATF_TP_ADD_TC(tp, attr_access_lists);
	ATF_TP_ADD_TC(tp, attr_access_times);
	ATF_TP_ADD_TC(tp, attr_log_type);
	ATF_TP_ADD_TC(tp, attr_log_on_success_failure);
	ATF_TP_ADD_TC(tp, attr_log_on_failure_record);
	ATF_TP_ADD_TC(tp, attr_rpc);
	ATF_TP_ADD_TC(tp, attr_env_passenv);
	ATF_TP_ADD_TC(tp, attr_redirect);
	ATF_TP_ADD_TC(tp, attr_redirect_source);
	ATF_TP_ADD_TC(tp, attr_banners);
	ATF_TP_ADD_TC(tp, attr_limits);
	ATF_TP_ADD_TC(tp, attr_rlimits);
	ATF_TP_ADD_TC(tp, attr_deny_time);
	ATF_TP_ADD_TC(tp, attr_extensions);
	ATF_TP_ADD_TC(tp, xinetd_list_operators);
	ATF_TP_ADD_TC(tp, xinetd_log_type_last);
	ATF_TP_ADD_TC(tp, xinetd_family_rules);
	ATF_TP_ADD_TC(tp, xinetd_include);
	ATF_TP_ADD_TC(tp, xinetd_includedir);
	ATF_TP_ADD_TC(tp, xinetd_disable_keeps_entry);
	ATF_TP_ADD_TC(tp, xinetd_internal);
	ATF_TP_ADD_TC(tp, xinetd_tcpmux);
	ATF_TP_ADD_TC(tp, xinetd_unlisted);
	return atf_no_error();
}
