/*
 * Equivalence: a dumped table loads back to an equal table, equal
 * services compare equal and different ones do not, and an inetd.conf
 * line (positional or key/value) equals its xinetd.conf block.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* One service as text, for failure messages. */
static char *
dump_one(const struct xcfg_service *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	ATF_REQUIRE((fp = open_memstream(&buf, &len)) != NULL);
	(void)xcfg_dump_service(s, fp);
	ATF_REQUIRE(fclose(fp) == 0);
	return buf;
}

/* Every service of a equals the one at the same place in b. */
static void
check_tables_equal(const struct xcfg *a, const struct xcfg *b)
{
	const struct xcfg_service *sa, *sb;
	char *da, *db;
	size_t i;

	ATF_REQUIRE_EQ(xcfg_nservices(a), xcfg_nservices(b));
	for (i = 0; i < xcfg_nservices(a); i++) {
		sa = xcfg_service(a, i);
		sb = xcfg_service(b, i);
		if (xcfg_service_equal(sa, sb))
			continue;
		da = dump_one(sa);
		db = dump_one(sb);
		ATF_CHECK_MSG(false, "service %zu (%s) differs:\n%s---\n%s", i,
		    sa->id, da, db);
		free(da);
		free(db);
	}
}

/*
 * Dump a loaded table, load the dump as xinetd.conf and compare; the
 * second dump must be the same text as the first.
 */
static void
check_roundtrip(const struct xcfg *cfg)
{
	struct xcfg *back, *again;
	char *text, *text2;

	h_expect_ok(cfg);
	text = h_dump(cfg);
	back = h_load_as("dump.conf", text, XCFG_SYNTAX_XINETD);
	if (!xcfg_ok(back))
		atf_tc_fail("dump refused:\n%s\n%s", h_diags(back), text);
	ATF_CHECK_EQ(xcfg_ndiags(back), 0);
	check_tables_equal(cfg, back);
	text2 = h_dump(back);
	ATF_CHECK_STREQ_MSG(text, text2, "second dump differs");
	again = h_load_as("dump2.conf", text2, XCFG_SYNTAX_AUTO);
	h_expect_ok(again);
	check_tables_equal(cfg, again);
	xcfg_free(again);
	xcfg_free(back);
	free(text);
	free(text2);
}

ATF_TC(roundtrip_rich_xinetd);
ATF_TC_HEAD(roundtrip_rich_xinetd, tc)
{
	atf_tc_set_md_var(tc, "descr", "A table with every attribute set to "
	    "a non-default value, and every kind of service, dumps and loads "
	    "back to an equal table");
}
ATF_TC_BODY(roundtrip_rich_xinetd, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "service telnet\n{\n"
	    "\tid\t\t= telnet-rich\n"
	    "\tflags\t\t= INTERCEPT NORETRY IDONLY NODELAY KEEPALIVE\n"
	    "\tflags\t\t= NOLIBWRAP SENSOR REUSE FAITH IPv4\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tport\t\t= 23\n"
	    "\tbind\t\t= 127.0.0.1\n"
	    "\tuser\t\t= fingerd\n"
	    "\tgroup\t\t= staff\n"
	    "\tgroups\t\t= yes\n"
	    "\tlogin_class\t= daemon\n"
	    "\tserver\t\t= /usr/sbin/tcpd\n"
	    "\tserver_args\t= in.telnetd -h -L /bin/login\n"
	    "\tflags\t\t= NAMEINARGS\n"
	    "\tlibwrap\t\t= telnetd\n"
	    "\tinstances\t= 10\n"
	    "\tper_source\t= 3\n"
	    "\tcps\t\t= 25 30\n"
	    "\tmax_spawns\t= 40\n"
	    "\tper_source_rate\t= 12\n"
	    "\tmax_load\t= 2.75\n"
	    "\tnice\t\t= -5\n"
	    "\tumask\t\t= 027\n"
	    "\trlimit_as\t= 64M\n"
	    "\trlimit_cpu\t= 30\n"
	    "\trlimit_data\t= 512K\n"
	    "\trlimit_files\t= UNLIMITED\n"
	    "\trlimit_rss\t= 2M\n"
	    "\trlimit_stack\t= 8M\n"
	    "\tdeny_time\t= 30\n"
	    "\tsndbuf\t\t= 64K\n"
	    "\trcvbuf\t\t= 128K\n"
	    "\tlisten_backlog\t= 64\n"
	    "\taccept_filter\t= dataready\n"
	    "\tipsec\t\t= in ipsec esp/transport//require\n"
	    "\tmdns\t\t= yes\n"
	    "\tonly_from\t= 128.138.{12,13} 10.0.0.0/8 ::1 2001:db8::/32\n"
	    "\tonly_from\t+= campus .Example.com Host.Example.COM 0.0.0.0\n"
	    "\tno_access\t= 128.138.12.99 ::ffff:10.1.2.0/120\n"
	    "\taccess_times\t= 08:00-12:00 12:00-24:00 22:00-06:00\n"
	    "\tlog_type\t= FILE /var/log/telnet 10K\n"
	    "\tlog_on_success\t= PID HOST USERID EXIT DURATION TRAFFIC\n"
	    "\tlog_on_failure\t= HOST USERID ATTEMPT\n"
	    "\tenv\t\t= LANG=C TERM=vt100 EMPTY=\n"
	    "\tpassenv\t\t= PATH TZ\n"
	    "\tbanner\t\t= /etc/issue.net\n"
	    "\tbanner_success\t= /etc/motd\n"
	    "\tbanner_fail\t= /etc/nologin.txt\n"
	    "}\n"
	    "service rstatd\n{\n"
	    "\ttype\t\t= RPC\n"
	    "\tsocket_type\t= dgram\n"
	    "\tprotocol\t= udp\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= daemon\n"
	    "\tserver\t\t= /usr/sbin/rpc.rstatd\n"
	    "\trpc_version\t= 1-3\n"
	    "\tflags\t\t= IPv6\n"
	    "\tv6only\t\t= yes\n"
	    "\tlog_type\t= SYSLOG authpriv warning\n"
	    "\tlog_on_success\t=\n"
	    "\tlog_on_failure\t=\n"
	    "\tonly_from\t=\n"
	    "\tpassenv\t\t=\n"
	    "\tcps\t\t= 0 0\n"
	    "\trlimit_cpu\t= UNLIMITED\n"
	    "\tdeny_time\t= FOREVER\n"
	    "\tumask\t\t= 0\n"
	    "\tnice\t\t= 19\n"
	    "}\n"
	    "service mydaemon\n{\n"
	    "\ttype\t\t= RPC UNLISTED\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= 1234\n"
	    "\tgroup\t\t= 999\n"
	    "\tserver\t\t= /usr/local/sbin/mydaemon\n"
	    "\trpc_version\t= 4\n"
	    "\trpc_number\t= 300019\n"
	    "\tdeny_time\t= NEVER\n"
	    "\tlog_type\t= SYSLOG local7 debug\n"
	    "\tper_source\t= UNLIMITED\n"
	    "}\n"
	    "service scp\n{\n"
	    "\ttype\t\t= TCPMUX\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/bin/scp\n"
	    "\tserver_args\t= -t\n"
	    "}\n"
	    "service sftp\n{\n"
	    "\ttype\t\t= TCPMUXPLUS\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/tcpd\n"
	    "\tflags\t\t= NAMEINARGS\n"
	    "\tserver_args\t= sftp-server -e\n"
	    "}\n"
	    "service echo\n{\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "}\n"
	    "service echo\n{\n"
	    "\tid\t\t= echo-dgram\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tsocket_type\t= dgram\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= nobody\n"
	    "}\n"
	    "service auth\n{\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tserver_args\t= -r -t 30\n"
	    "}\n"
	    "service smtp\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tredirect\t= mail.example.org 2525\n"
	    "\tredirect_source\t= ::1\n"
	    "\tflags\t\t= IPv6\n"
	    "\tbind\t\t= ::1\n"
	    "}\n"
	    "service myapp\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tprotocol\t= tcp\n"
	    "\tport\t\t= 4242\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tserver\t\t= /usr/local/bin/myapp\n"
	    "\tbind\t\t= localhost\n"
	    "\tlog_type\t= FILE /var/log/myapp\n"
	    "}\n"
	    "service myapp2\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tprotocol\t= udp\n"
	    "\tport\t\t= 4243\n"
	    "\tsocket_type\t= dgram\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= nobody\n"
	    "\tserver\t\t= /usr/local/bin/myapp2\n"
	    "\tlog_type\t= FILE /var/log/myapp2 1K 2K\n"
	    "}\n"
	    "service ftp\n{\n"
	    "\tdisable\t\t= yes\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/in.ftpd\n"
	    "}\n"
	    "service http\n{\n"
	    "\tflags\t\t= IPv6\n"
	    "\tv6only\t\t= no\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= www-data\n"
	    "\tserver\t\t= /usr/sbin/httpd\n"
	    "}\n"
	    "service /run/echo.sock\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= unix\n"
	    "\tbind\t\t= /run/echo.sock\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /bin/cat\n"
	    "}\n");
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 14);
	check_roundtrip(cfg);
	xcfg_free(cfg);
}

ATF_TC(roundtrip_defaults);
ATF_TC_HEAD(roundtrip_defaults, tc)
{
	atf_tc_set_md_var(tc, "descr", "What services inherit from defaults "
	    "is written out, so the dump needs no defaults block");
}
ATF_TC_BODY(roundtrip_defaults, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "defaults\n{\n"
	    "\tinstances\t= 50\n"
	    "\tonly_from\t= 10.0.0.0 .example.net\n"
	    "\tno_access\t= 10.9.0.0\n"
	    "\tlog_on_success\t+= DURATION\n"
	    "\tlog_on_failure\t+= USERID\n"
	    "\tlog_type\t= SYSLOG local0\n"
	    "\tdisabled\t= finger\n"
	    "\tbanner\t\t= /etc/banner\n"
	    "\tv6only\t\t= yes\n"
	    "\tpassenv\t\t= PATH\n"
	    "\tcps\t\t= 100 2\n"
	    "\tumask\t\t= 002\n"
	    "}\n"
	    "service telnet\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/in.telnetd\n"
	    "\tonly_from\t-= 10.0.0.0\n"
	    "\tpassenv\t\t+= TZ\n"
	    "}\n"
	    "service finger\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tserver\t\t= /usr/sbin/in.fingerd\n"
	    "}\n"
	    "service ftp\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/in.ftpd\n"
	    "\tflags\t\t= IPv4\n"
	    "\tlog_on_success\t-= PID\n"
	    "}\n");
	check_roundtrip(cfg);
	xcfg_free(cfg);
}

ATF_TC(roundtrip_inetd);
ATF_TC_HEAD(roundtrip_inetd, tc)
{
	atf_tc_set_md_var(tc, "descr", "A table read from inetd.conf (every "
	    "variant's notation) dumps as xinetd.conf and loads back equal");
}
ATF_TC_BODY(roundtrip_inetd, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load_as("inetd.conf",
	    "#@ in ipsec esp/transport//require\n"
	    "telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/in.telnetd"
	    "\tin.telnetd -h\n"
	    "#@\n"
	    "ftp\tstream\ttcp6\tnowait.40\troot:staff\t/usr/sbin/ftpd"
	    "\tftpd -l\n"
	    "127.0.0.1:smtp\tstream\ttcp\tnowait/10/20/5\tdaemon"
	    "\t/usr/sbin/smtpd\tsmtpd\n"
	    "http\tstream,64:dataready\ttcp46,sndbuf=64k,rcvbuf=1m\tnowait"
	    "\twww-data:staff/daemon\t/usr/sbin/httpd\thttpd -f\n"
	    "echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "echo\tdgram\tudp\twait\troot\tinternal\n"
	    "8080\tstream\ttcp\tnowait\tnobody\t/usr/bin/httpd"
	    "\thttpd -p 8080\n"
	    "rstatd/1-3\tdgram\trpc/udp\twait\troot\t/usr/sbin/rpc.rstatd"
	    "\trpc.rstatd\n"
	    "tcpmux/+scp\tstream\ttcp\tnowait\troot\t/x\tscp\n"
	    "#<off># finger\tstream\ttcp\tnowait\tnobody"
	    "\t/usr/sbin/fingerd\tfingerd\n"
	    "/var/run/echo.sock\tstream\tunix\tnowait\troot\t/bin/cat\tcat\n"
	    "daytime on socktype = stream, protocol = tcp4, wait = no,"
	    " user = root;\n"
	    "ssh on socktype = stream, protocol = tcp, bind = 127.0.0.1,\n"
	    "\twait = no, user = root, group = staff, exec = /usr/sbin/sshd,\n"
	    "\targs = sshd -i, service_max = 30, ip_max = 4;\n",
	    XCFG_SYNTAX_INETD);
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 13);
	check_roundtrip(cfg);
	xcfg_free(cfg);
}

/* A service with all it needs; the lines of extra come before '}'. */
#define STD \
	"\tsocket_type\t= stream\n" \
	"\twait\t\t= no\n" \
	"\tuser\t\t= root\n" \
	"\tserver\t\t= /usr/sbin/in.telnetd\n"
#define T(extra)	"service telnet\n{\n" extra "}\n"
#define U		"\ttype = UNLISTED\n\tprotocol = tcp\n"
#define RPCSVC(extra) \
	"service mydaemon\n{\n" \
	"\ttype\t\t= RPC UNLISTED\n" \
	"\tsocket_type\t= dgram\n" \
	"\tprotocol\t= udp\n" \
	"\twait\t\t= yes\n" \
	"\tuser\t\t= root\n" \
	"\tserver\t\t= /usr/sbin/mydaemon\n" \
	extra \
	"}\n"
#define REDIR(to) \
	"service telnet\n{\n" \
	"\tsocket_type\t= stream\n" \
	"\twait\t\t= no\n" \
	"\tredirect\t= " to "\n" \
	"}\n"
#define MUX(name) \
	"service " name "\n{\n" \
	"\tid\t\t= mux\n" \
	"\ttype\t\t= TCPMUX\n" STD \
	"}\n"

static const struct {
	const char	*what;
	const char	*a, *b;
} differ[] = {
	{ "id", T(STD), T(STD "\tid = telnet-2\n") },
	{ "name", MUX("scp"), MUX("sftp") },
	{ "disabled", T(STD), T(STD "\tdisable = yes\n") },
	{ "type", T(STD), T(STD U "\tport = 23\n") },
	{ "flags", T(STD), T(STD "\tflags = KEEPALIVE\n") },
	{ "flag", T(STD "\tflags = NODELAY\n"), T(STD "\tflags = REUSE\n") },
	{ "socket_type", T(STD U "\tport = 2323\n"),
	    T("\tsocket_type = seqpacket\n\twait = no\n\tuser = root\n"
	    "\tserver = /usr/sbin/in.telnetd\n" U "\tport = 2323\n") },
	{ "protocol", T(STD U "\tport = 2323\n"),
	    T(STD "\ttype = UNLISTED\n\tprotocol = udp\n\tport = 2323\n") },
	{ "wait", T(STD), T("\tsocket_type = stream\n\twait = yes\n"
	    "\tuser = root\n\tserver = /usr/sbin/in.telnetd\n") },
	{ "family v4", T(STD), T(STD "\tflags = IPv4\n") },
	{ "family v6", T(STD), T(STD "\tv6only = yes\n") },
	{ "port", T(STD U "\tport = 2323\n"), T(STD U "\tport = 2324\n") },
	{ "bind", T(STD "\tbind = 127.0.0.1\n"),
	    T(STD "\tbind = 127.0.0.2\n") },
	{ "user", T(STD), T("\tsocket_type = stream\n\twait = no\n"
	    "\tuser = daemon\n\tserver = /usr/sbin/in.telnetd\n") },
	{ "group", T(STD), T(STD "\tgroup = staff\n") },
	{ "gid", T(STD "\tgroup = staff\n"), T(STD "\tgroup = 51\n") },
	{ "groups", T(STD), T(STD "\tgroups = yes\n") },
	{ "login_class", T(STD), T(STD "\tlogin_class = daemon\n") },
	{ "server", T(STD), T("\tsocket_type = stream\n\twait = no\n"
	    "\tuser = root\n\tserver = /usr/local/sbin/in.telnetd\n") },
	{ "argv", T(STD), T(STD "\tserver_args = -h\n") },
	{ "argv[0]", T(STD "\tserver_args = -h\n"),
	    T(STD "\tflags = NAMEINARGS\n\tserver_args = telnetd -h\n") },
	{ "libwrap", T(STD), T(STD "\tlibwrap = telnetd\n") },
	{ "rpc_version", RPCSVC("\trpc_version = 1\n\trpc_number = 300019\n"),
	    RPCSVC("\trpc_version = 1-2\n\trpc_number = 300019\n") },
	{ "rpc_number", RPCSVC("\trpc_version = 1\n\trpc_number = 300019\n"),
	    RPCSVC("\trpc_version = 1\n\trpc_number = 300020\n") },
	{ "instances", T(STD "\tinstances = 5\n"),
	    T(STD "\tinstances = 6\n") },
	{ "per_source", T(STD), T(STD "\tper_source = 5\n") },
	{ "cps rate", T(STD "\tcps = 10 5\n"), T(STD "\tcps = 11 5\n") },
	{ "cps wait", T(STD "\tcps = 10 5\n"), T(STD "\tcps = 10 6\n") },
	{ "max_spawns", T(STD), T(STD "\tmax_spawns = 40\n") },
	{ "per_source_rate", T(STD), T(STD "\tper_source_rate = 4\n") },
	{ "max_load", T(STD "\tmax_load = 2.5\n"),
	    T(STD "\tmax_load = 2.25\n") },
	{ "nice", T(STD "\tnice = -5\n"), T(STD "\tnice = -4\n") },
	{ "umask", T(STD "\tumask = 022\n"), T(STD "\tumask = 027\n") },
	{ "rlimit_as", T(STD), T(STD "\trlimit_as = 1M\n") },
	{ "rlimit_cpu", T(STD), T(STD "\trlimit_cpu = 10\n") },
	{ "rlimit_data", T(STD), T(STD "\trlimit_data = 1M\n") },
	{ "rlimit_files", T(STD), T(STD "\trlimit_files = 64\n") },
	{ "rlimit_rss", T(STD), T(STD "\trlimit_rss = 1M\n") },
	{ "rlimit_stack", T(STD "\trlimit_stack = 1M\n"),
	    T(STD "\trlimit_stack = UNLIMITED\n") },
	{ "deny_time", T(STD "\tdeny_time = FOREVER\n"),
	    T(STD "\tdeny_time = NEVER\n") },
	{ "deny_time minutes", T(STD "\tdeny_time = 10\n"),
	    T(STD "\tdeny_time = 11\n") },
	{ "sndbuf", T(STD), T(STD "\tsndbuf = 1K\n") },
	{ "rcvbuf", T(STD), T(STD "\trcvbuf = 1K\n") },
	{ "listen_backlog", T(STD), T(STD "\tlisten_backlog = 10\n") },
	{ "per_source_ipv6_prefix", T(STD),
	    T(STD "\tper_source_ipv6_prefix = 48\n") },
	{ "accept_filter", T(STD "\taccept_filter = dataready\n"),
	    T(STD "\taccept_filter = httpready\n") },
	{ "ipsec", T(STD "\tipsec = in discard\n"),
	    T(STD "\tipsec = out discard\n") },
	{ "mdns", T(STD), T(STD "\tmdns = yes\n") },
	{ "only_from set", T(STD), T(STD "\tonly_from =\n") },
	{ "only_from prefix", T(STD "\tonly_from = 10.0.0.0\n"),
	    T(STD "\tonly_from = 10.0.0.0/9\n") },
	{ "only_from address", T(STD "\tonly_from = 10.0.0.0\n"),
	    T(STD "\tonly_from = 11.0.0.0\n") },
	{ "only_from IPv6", T(STD "\tonly_from = ::1\n"),
	    T(STD "\tonly_from = ::2\n") },
	{ "only_from host", T(STD "\tonly_from = a.example\n"),
	    T(STD "\tonly_from = b.example\n") },
	{ "only_from domain", T(STD "\tonly_from = .example\n"),
	    T(STD "\tonly_from = example\n") },
	{ "only_from length", T(STD "\tonly_from = 10.0.0.0\n"),
	    T(STD "\tonly_from = 10.0.0.0 11.0.0.0\n") },
	{ "no_access", T(STD), T(STD "\tno_access = 10.0.0.0\n") },
	{ "access_times start", T(STD "\taccess_times = 08:00-12:00\n"),
	    T(STD "\taccess_times = 08:01-12:00\n") },
	{ "access_times end", T(STD "\taccess_times = 08:00-12:00\n"),
	    T(STD "\taccess_times = 08:00-12:01\n") },
	{ "access_times count", T(STD "\taccess_times = 08:00-12:00\n"),
	    T(STD "\taccess_times = 08:00-12:00 13:00-14:00\n") },
	{ "log facility", T(STD), T(STD "\tlog_type = SYSLOG auth\n") },
	{ "log level", T(STD "\tlog_type = SYSLOG daemon info\n"),
	    T(STD "\tlog_type = SYSLOG daemon debug\n") },
	{ "log kind", T(STD), T(STD "\tlog_type = FILE /var/log/t\n") },
	{ "log path", T(STD "\tlog_type = FILE /var/log/t\n"),
	    T(STD "\tlog_type = FILE /var/log/u\n") },
	{ "log soft", T(STD "\tlog_type = FILE /var/log/t 10K 30K\n"),
	    T(STD "\tlog_type = FILE /var/log/t 11K 30K\n") },
	{ "log hard", T(STD "\tlog_type = FILE /var/log/t 10K 20K\n"),
	    T(STD "\tlog_type = FILE /var/log/t 10K 30K\n") },
	{ "log_on_success", T(STD),
	    T(STD "\tlog_on_success += DURATION\n") },
	{ "log_on_failure", T(STD),
	    T(STD "\tlog_on_failure += ATTEMPT\n") },
	{ "env", T(STD), T(STD "\tenv = A=1\n") },
	{ "env value", T(STD "\tenv = A=1\n"), T(STD "\tenv = A=2\n") },
	{ "passenv set", T(STD), T(STD "\tpassenv =\n") },
	{ "passenv", T(STD "\tpassenv = PATH\n"),
	    T(STD "\tpassenv = TZ\n") },
	{ "redirect host", REDIR("10.0.0.1 23"), REDIR("10.0.0.2 23") },
	{ "redirect port", REDIR("10.0.0.1 23"), REDIR("10.0.0.1 24") },
	{ "redirect_source", REDIR("10.0.0.1 23"),
	    REDIR("10.0.0.1 23\n\tredirect_source = 10.0.0.2") },
	{ "redirect_source address",
	    REDIR("10.0.0.1 23\n\tredirect_source = 10.0.0.2"),
	    REDIR("10.0.0.1 23\n\tredirect_source = 10.0.0.3") },
	{ "banner", T(STD), T(STD "\tbanner = /etc/issue\n") },
	{ "banner_success", T(STD), T(STD "\tbanner_success = /etc/motd\n") },
	{ "banner_fail", T(STD), T(STD "\tbanner_fail = /etc/nologin\n") },
};

/* Written differently, the same service. */
static const struct {
	const char	*what;
	const char	*a, *b;
} same[] = {
	{ "wildcard and prefix", T(STD "\tonly_from = 10.0.0.0\n"),
	    T(STD "\tonly_from = 10.0.0.0/8\n") },
	{ "host bits", T(STD "\tonly_from = 10.1.0.0/16\n"),
	    T(STD "\tonly_from = 10.1.2.3/16\n") },
	{ "factorized", T(STD "\tonly_from = 10.1.{2,3}\n"),
	    T(STD "\tonly_from = 10.1.2.0/24 10.1.3.0/24\n") },
	{ "mapped IPv6", T(STD "\tonly_from = ::ffff:10.1.0.0/112\n"),
	    T(STD "\tonly_from = 10.1.0.0/16\n") },
	{ "network name", T(STD "\tonly_from = campus\n"),
	    T(STD "\tonly_from = 128.138.0.0\n") },
	{ "host name case", T(STD "\tonly_from = Host.Example.\n"),
	    T(STD "\tonly_from = host.example\n") },
	{ "interface", T(STD "\tbind = 127.0.0.1\n"),
	    T(STD "\tinterface = 127.0.0.1\n") },
	{ "umask", T(STD "\tumask = 022\n"), T(STD "\tumask = 0022\n") },
	{ "size", T(STD "\trlimit_as = 1M\n"),
	    T(STD "\trlimit_as = 1048576\n") },
	{ "default hard", T(STD "\tlog_type = FILE /var/log/t 10K\n"),
	    T(STD "\tlog_type = FILE /var/log/t 10K 15K\n") },
	{ "default level", T(STD "\tlog_type = SYSLOG daemon\n"),
	    T(STD "\tlog_type = SYSLOG daemon info\n") },
	{ "default cps", T(STD), T(STD "\tcps = 50 10\n") },
	{ "protocol", T(STD), T(STD "\tprotocol = tcp\n") },
	{ "port", T(STD), T(STD "\tport = 23\n") },
	{ "case", T(STD "\tflags = nodelay\n"), T(STD "\tflags = NODELAY\n") },
	{ "NAMEINARGS", T(STD "\tserver_args = -h\n"),
	    T(STD "\tflags = NAMEINARGS\n\tserver_args = in.telnetd -h\n") },
	{ "UNLIMITED", T(STD), T(STD "\tinstances = UNLIMITED\n") },
};

/* Load one service; it must be valid. */
static struct xcfg *
load_one(const char *name, const char *text)
{
	struct xcfg *cfg;

	cfg = h_load_as(name, text, XCFG_SYNTAX_XINETD);
	if (!xcfg_ok(cfg))
		atf_tc_fail("%s refused:\n%s\n%s", name, h_diags(cfg), text);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 1);
	return cfg;
}

ATF_TC(roundtrip_host_named_like_network);
ATF_TC_HEAD(roundtrip_host_named_like_network, tc)
{
	atf_tc_set_md_var(tc, "descr", "A host name that differs from a "
	    "networks(5) name only by case or a final dot means the same "
	    "after a dump and reload");
}
ATF_TC_BODY(roundtrip_host_named_like_network, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "service telnet\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/in.telnetd\n"
	    "\tonly_from\t= Campus loopback.\n"
	    "}\n");
	check_roundtrip(cfg);
	xcfg_free(cfg);
}

ATF_TC(equal_detects_difference);
ATF_TC_HEAD(equal_detects_difference, tc)
{
	atf_tc_set_md_var(tc, "descr", "xcfg_service_equal tells apart two "
	    "services that differ in any one field, and ignores only where "
	    "the service was defined");
}
ATF_TC_BODY(equal_detects_difference, tc)
{
	const struct xcfg_service *sa, *sa2, *sb;
	struct xcfg *a, *a2, *b;
	char *moved;
	size_t i;

	h_init(tc);
	for (i = 0; i < sizeof(differ) / sizeof(differ[0]); i++) {
		a = load_one("a.conf", differ[i].a);
		b = load_one("b.conf", differ[i].b);
		/* The same text elsewhere, lower in another file: equal. */
		ATF_REQUIRE(asprintf(&moved, "\n\n# moved\n%s", differ[i].a) !=
		    -1);
		a2 = load_one("elsewhere.conf", moved);
		sa = xcfg_service(a, 0);
		sa2 = xcfg_service(a2, 0);
		sb = xcfg_service(b, 0);
		ATF_CHECK(sa2->line != sa->line);
		ATF_CHECK_MSG(xcfg_service_equal(sa, sa2), "%s: a service is "
		    "not equal to itself", differ[i].what);
		ATF_CHECK_MSG(!xcfg_service_equal(sa, sb), "%s: difference "
		    "not seen", differ[i].what);
		ATF_CHECK_MSG(!xcfg_service_equal(sb, sa), "%s: difference "
		    "not seen (b, a)", differ[i].what);
		free(moved);
		xcfg_free(a);
		xcfg_free(a2);
		xcfg_free(b);
	}
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		a = load_one("a.conf", same[i].a);
		b = load_one("b.conf", same[i].b);
		ATF_CHECK_MSG(xcfg_service_equal(xcfg_service(a, 0),
		    xcfg_service(b, 0)), "%s: not equal", same[i].what);
		xcfg_free(a);
		xcfg_free(b);
	}
}

/*
 * Load an inetd.conf text and an xinetd.conf text: both valid, with
 * equal services.  Returns the inetd.conf table for further checks.
 */
static struct xcfg *
check_equiv(const char *inetd, const char *xinetd)
{
	struct xcfg *a, *b;

	a = h_load_as("inetd.conf", inetd, XCFG_SYNTAX_INETD);
	if (!xcfg_ok(a))
		atf_tc_fail("inetd.conf refused:\n%s\n%s", h_diags(a), inetd);
	b = h_load_as("xinetd.conf", xinetd, XCFG_SYNTAX_XINETD);
	if (!xcfg_ok(b))
		atf_tc_fail("xinetd.conf refused:\n%s\n%s", h_diags(b), xinetd);
	ATF_CHECK_EQ(xcfg_ndiags(a), 0);
	check_tables_equal(a, b);
	xcfg_free(b);
	return a;
}

/* Two inetd.conf texts (positional, key/value) give equal tables. */
static void
check_equiv_inetd(const char *pos, const char *kv)
{
	struct xcfg *a, *b;

	a = h_load_as("pos.conf", pos, XCFG_SYNTAX_INETD);
	if (!xcfg_ok(a))
		atf_tc_fail("positional refused:\n%s\n%s", h_diags(a), pos);
	b = h_load_as("kv.conf", kv, XCFG_SYNTAX_INETD);
	if (!xcfg_ok(b))
		atf_tc_fail("key/value refused:\n%s\n%s", h_diags(b), kv);
	check_tables_equal(a, b);
	xcfg_free(a);
	xcfg_free(b);
}

#define TELNETD	"/usr/sbin/in.telnetd"
#define XTELNET(extra) \
	"service telnet\n{\n" \
	"\tsocket_type\t= stream\n" \
	"\tprotocol\t= tcp\n" \
	"\twait\t\t= no\n" \
	"\tuser\t\t= root\n" \
	"\tserver\t\t= " TELNETD "\n" \
	extra \
	"}\n"

ATF_TC(equiv_inetd_tcp);
ATF_TC_HEAD(equiv_inetd_tcp, tc)
{
	atf_tc_set_md_var(tc, "descr", "A plain tcp line is an IPv4-only "
	    "service whose args start with argv[0]");
}
ATF_TC_BODY(equiv_inetd_tcp, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = check_equiv(
	    "telnet\tstream\ttcp\tnowait\troot\t" TELNETD "\tin.telnetd -h\n",
	    XTELNET("\tserver_args\t= -h\n\tflags\t\t= IPv4\n"));
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	ATF_CHECK_EQ(s->flags, 0);
	ATF_CHECK_EQ(s->port, 23);
	ATF_REQUIRE_EQ(s->argv.n, 2);
	ATF_CHECK_STREQ(s->argv.v[0], "in.telnetd");
	ATF_CHECK_STREQ(s->argv.v[1], "-h");
	xcfg_free(cfg);

	/* A different argv[0] is NAMEINARGS. */
	cfg = check_equiv(
	    "telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\tin.telnetd\n",
	    "service telnet\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/tcpd\n"
	    "\tserver_args\t= in.telnetd\n"
	    "\tflags\t\t= NAMEINARGS IPv4\n"
	    "}\n");
	xcfg_free(cfg);

	/* No args at all: argv[0] is the program's base name. */
	cfg = check_equiv("telnet\tstream\ttcp\tnowait\troot\t" TELNETD "\n",
	    XTELNET("\tflags\t\t= IPv4\n"));
	xcfg_free(cfg);
}

ATF_TC(equiv_inetd_tcp6_tcp46);
ATF_TC_HEAD(equiv_inetd_tcp6_tcp46, tc)
{
	atf_tc_set_md_var(tc, "descr", "tcp6 is IPv6 only (flags IPv6, "
	    "v6only yes); tcp46 is dual-stack (flags IPv6 v6only no, or no "
	    "flags at all)");
}
ATF_TC_BODY(equiv_inetd_tcp6_tcp46, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = check_equiv(
	    "telnet\tstream\ttcp6\tnowait\troot\t" TELNETD "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv6\n\tv6only\t\t= yes\n"));
	ATF_CHECK_EQ(h_service(cfg, "telnet")->family, XCFG_FAMILY_INET6);
	xcfg_free(cfg);

	cfg = check_equiv(
	    "telnet\tstream\ttcp46\tnowait\troot\t" TELNETD "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv6\n\tv6only\t\t= no\n"));
	ATF_CHECK_EQ(h_service(cfg, "telnet")->family, XCFG_FAMILY_DUAL);
	xcfg_free(cfg);

	cfg = check_equiv(
	    "telnet\tstream\ttcp46\tnowait\troot\t" TELNETD "\tin.telnetd\n",
	    XTELNET(""));
	xcfg_free(cfg);

	cfg = check_equiv(
	    "ntp\tdgram\tudp6\twait\troot\t/usr/sbin/ntpd\tntpd\n",
	    "service ntp\n{\n"
	    "\tsocket_type\t= dgram\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/ntpd\n"
	    "\tflags\t\t= IPv6\n"
	    "\tv6only\t\t= yes\n"
	    "}\n");
	ATF_CHECK_STREQ(h_service(cfg, "ntp")->protocol, "udp");
	ATF_CHECK_EQ(h_service(cfg, "ntp")->port, 123);
	xcfg_free(cfg);
}

ATF_TC(equiv_inetd_wait_user);
ATF_TC_HEAD(equiv_inetd_wait_user, tc)
{
	atf_tc_set_md_var(tc, "descr", "nowait.N and nowait:N are max_spawns; "
	    "FreeBSD /a/b/c limits; user:group, user.group and "
	    "user:group/class");
}
ATF_TC_BODY(equiv_inetd_wait_user, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = check_equiv(
	    "telnet\tstream\ttcp\tnowait.40\troot\t" TELNETD "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tmax_spawns\t= 40\n"));
	ATF_CHECK_EQ(h_service(cfg, "telnet")->max_spawns, 40);
	xcfg_free(cfg);

	cfg = check_equiv(
	    "telnet\tstream\ttcp\tnowait:40\troot\t" TELNETD "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tmax_spawns\t= 40\n"));
	xcfg_free(cfg);

	cfg = check_equiv(
	    "telnet\tstream\ttcp\tnowait/10/20/5\troot\t" TELNETD
	    "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tinstances\t= 10\n"
	    "\tper_source_rate\t= 20\n\tper_source\t= 5\n"));
	xcfg_free(cfg);

	cfg = check_equiv(
	    "telnet\tstream\ttcp\tnowait\troot:staff\t" TELNETD
	    "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tgroup\t\t= staff\n"));
	ATF_CHECK_EQ(h_service(cfg, "telnet")->gid, 50);
	xcfg_free(cfg);

	cfg = check_equiv(
	    "telnet\tstream\ttcp\tnowait\troot.staff\t" TELNETD
	    "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tgroup\t\t= staff\n"));
	xcfg_free(cfg);

	cfg = check_equiv(
	    "telnet\tstream\ttcp\tnowait\troot:staff/daemon\t" TELNETD
	    "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tgroup\t\t= staff\n"
	    "\tlogin_class\t= daemon\n"));
	xcfg_free(cfg);
}

ATF_TC(equiv_inetd_zero_limits);
ATF_TC_HEAD(equiv_inetd_zero_limits, tc)
{
	atf_tc_set_md_var(tc, "descr", "FreeBSD's 0 limits mean no limit, "
	    "overriding the daemon's defaults: /0/0/0 is instances, "
	    "per_source_rate and per_source UNLIMITED, as 'per_source_rate = "
	    "0' is in xinetd.conf");
}
ATF_TC_BODY(equiv_inetd_zero_limits, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = check_equiv(
	    "telnet\tstream\ttcp\tnowait/0/0/0\troot\t" TELNETD
	    "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tinstances\t= UNLIMITED\n"
	    "\tper_source_rate\t= 0\n\tper_source\t= UNLIMITED\n"));
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->instances, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->per_source_rate, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->per_source, XCFG_UNLIMITED);
	xcfg_free(cfg);

	cfg = check_equiv(
	    "telnet\tstream\ttcp\tnowait.0\troot\t" TELNETD "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tmax_spawns\t= UNLIMITED\n"));
	ATF_CHECK_EQ(h_service(cfg, "telnet")->max_spawns, XCFG_UNLIMITED);
	xcfg_free(cfg);

	check_equiv_inetd(
	    "telnet\tstream\ttcp\tnowait/0/0\troot\t" TELNETD "\tin.telnetd\n",
	    "telnet on socktype = stream, protocol = tcp4, wait = no,"
	    " ip_max = 0, user = root, exec = " TELNETD
	    ", args = in.telnetd;\n");
}

ATF_TC(equiv_inetd_socket_options);
ATF_TC_HEAD(equiv_inetd_socket_options, tc)
{
	atf_tc_set_md_var(tc, "descr", "addr: prefix, accept_max and accept "
	    "filter, sndbuf/rcvbuf, #@ IPsec policy and #<off># lines");
}
ATF_TC_BODY(equiv_inetd_socket_options, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = check_equiv(
	    "127.0.0.1:telnet\tstream\ttcp\tnowait\troot\t" TELNETD
	    "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tbind\t\t= 127.0.0.1\n"));
	xcfg_free(cfg);

	/* An "addr:" line applies to the lines after it; "*:" resets. */
	cfg = check_equiv(
	    "127.0.0.1:\n"
	    "telnet\tstream\ttcp\tnowait\troot\t" TELNETD "\tin.telnetd\n"
	    "*:\n"
	    "ftp\tstream\ttcp\tnowait\troot\t/usr/sbin/ftpd\tftpd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tbind\t\t= 127.0.0.1\n")
	    "service ftp\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/ftpd\n"
	    "\tflags\t\t= IPv4\n"
	    "}\n");
	ATF_CHECK(h_service(cfg, "ftp")->bind == NULL);
	xcfg_free(cfg);

	cfg = check_equiv(
	    "[::1]:comsat\tdgram\tudp6\twait\troot\t/usr/libexec/comsat"
	    "\tcomsat\n"
	    "ssh\tstream\tfaith/tcp6\tnowait\troot\t/usr/sbin/sshd\tsshd -i\n",
	    "service comsat\n{\n"
	    "\tsocket_type\t= dgram\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/libexec/comsat\n"
	    "\tbind\t\t= ::1\n"
	    "\tflags\t\t= IPv6\n"
	    "\tv6only\t\t= yes\n"
	    "}\n"
	    "service ssh\n{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/sshd\n"
	    "\tserver_args\t= -i\n"
	    "\tflags\t\t= FAITH IPv6\n"
	    "\tv6only\t\t= yes\n"
	    "}\n");
	ATF_CHECK_EQ(h_service(cfg, "comsat")->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(h_service(cfg, "ssh")->flags, XCFG_FLAG_FAITH);
	xcfg_free(cfg);

	cfg = check_equiv(
	    "telnet\tstream,64:dataready\ttcp,sndbuf=64k,rcvbuf=1m\tnowait"
	    "\troot\t" TELNETD "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tinstances\t= 64\n"
	    "\taccept_filter\t= dataready\n\tsndbuf\t\t= 64K\n"
	    "\trcvbuf\t\t= 1M\n"));
	xcfg_free(cfg);

	cfg = check_equiv(
	    "#@ in ipsec esp/transport//require\n"
	    "telnet\tstream\ttcp\tnowait\troot\t" TELNETD "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n"
	    "\tipsec\t\t= in ipsec esp/transport//require\n"));
	xcfg_free(cfg);

	cfg = check_equiv(
	    "#<off># telnet\tstream\ttcp\tnowait\troot\t" TELNETD
	    "\tin.telnetd\n",
	    XTELNET("\tflags\t\t= IPv4\n\tdisable\t\t= yes\n"));
	ATF_CHECK(h_service(cfg, "telnet")->disabled);
	xcfg_free(cfg);
}

ATF_TC(equiv_inetd_types);
ATF_TC_HEAD(equiv_inetd_types, tc)
{
	atf_tc_set_md_var(tc, "descr", "internal, a numeric service, "
	    "name/lo-hi with rpc/udp and tcpmux/+name map to the xinetd "
	    "types INTERNAL, UNLISTED, RPC and TCPMUXPLUS");
}
ATF_TC_BODY(equiv_inetd_types, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = check_equiv("echo\tstream\ttcp\tnowait\troot\tinternal\n",
	    "service echo\n{\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tflags\t\t= IPv4\n"
	    "}\n");
	s = h_service(cfg, "echo");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL);
	ATF_CHECK(s->server == NULL);
	ATF_CHECK_EQ(s->argv.n, 0);
	xcfg_free(cfg);

	cfg = check_equiv(
	    "8080\tstream\ttcp\tnowait\tnobody\t/usr/bin/httpd"
	    "\thttpd -p 8080\n",
	    "service 8080\n{\n"
	    "\ttype\t\t= UNLISTED\n"
	    "\tport\t\t= 8080\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nobody\n"
	    "\tserver\t\t= /usr/bin/httpd\n"
	    "\tserver_args\t= -p 8080\n"
	    "\tflags\t\t= IPv4\n"
	    "}\n");
	s = h_service(cfg, "8080");
	ATF_CHECK_STREQ(s->name, "8080");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_UNLISTED);
	ATF_CHECK_EQ(s->port, 8080);
	xcfg_free(cfg);

	cfg = check_equiv(
	    "rstatd/1-3\tdgram\trpc/udp\twait\troot\t/usr/sbin/rpc.rstatd"
	    "\trpc.rstatd\n",
	    "service rstatd\n{\n"
	    "\ttype\t\t= RPC\n"
	    "\trpc_version\t= 1-3\n"
	    "\tsocket_type\t= dgram\n"
	    "\tprotocol\t= udp\n"
	    "\twait\t\t= yes\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/rpc.rstatd\n"
	    "\tflags\t\t= IPv4\n"
	    "}\n");
	s = h_service(cfg, "rstatd");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_RPC);
	ATF_CHECK_EQ(s->rpc_number, 100001);
	ATF_CHECK_EQ(s->rpc_lo, 1);
	ATF_CHECK_EQ(s->rpc_hi, 3);
	ATF_CHECK_EQ(s->port, 0);
	xcfg_free(cfg);

	cfg = check_equiv("tcpmux/+scp\tstream\ttcp\tnowait\troot\t/x\tscp\n",
	    "service scp\n{\n"
	    "\ttype\t\t= TCPMUXPLUS\n"
	    "\tsocket_type\t= stream\n"
	    "\tprotocol\t= tcp\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /x\n"
	    "\tserver_args\t= scp\n"
	    "\tflags\t\t= NAMEINARGS IPv4\n"
	    "}\n");
	s = h_service(cfg, "scp");
	ATF_CHECK_STREQ(s->name, "scp");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_TCPMUXPLUS);
	ATF_CHECK_EQ(s->port, 0);
	xcfg_free(cfg);

	cfg = check_equiv("tcpmux/scp\tstream\ttcp\tnowait\troot\t/x\tscp\n",
	    "service scp\n{\n"
	    "\ttype\t\t= TCPMUX\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /x\n"
	    "\tserver_args\t= scp\n"
	    "\tflags\t\t= NAMEINARGS IPv4\n"
	    "}\n");
	xcfg_free(cfg);
}

ATF_TC(equiv_inetd_internal_args);
ATF_TC_HEAD(equiv_inetd_internal_args, tc)
{
	atf_tc_set_md_var(tc, "descr", "A built-in keeps its arguments, as "
	    "FreeBSD's auth line in inetd.conf(5) has them: argv[0] first, "
	    "like server_args of an INTERNAL xinetd service");
}
ATF_TC_BODY(equiv_inetd_internal_args, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = check_equiv(
	    "auth\tstream\ttcp\tnowait\troot\tinternal"
	    "\tauth -r -f -n -o UNKNOWN -t 30\n",
	    "service auth\n{\n"
	    "\ttype\t\t= INTERNAL\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tflags\t\t= IPv4\n"
	    "\tserver_args\t= -r -f -n -o UNKNOWN -t 30\n"
	    "}\n");
	s = h_service(cfg, "auth");
	ATF_CHECK(s->server == NULL);
	ATF_REQUIRE_EQ(s->argv.n, 8);
	ATF_CHECK_STREQ(s->argv.v[0], "auth");
	ATF_CHECK_STREQ(s->argv.v[1], "-r");
	ATF_CHECK_STREQ(s->argv.v[7], "30");
	xcfg_free(cfg);
}

ATF_TC(equiv_kv_positional);
ATF_TC_HEAD(equiv_kv_positional, tc)
{
	atf_tc_set_md_var(tc, "descr", "A NetBSD key/value definition equals "
	    "the positional line that says the same, and its xinetd block");
}
ATF_TC_BODY(equiv_kv_positional, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	check_equiv_inetd(
	    "telnet\tstream\ttcp\tnowait\troot\t" TELNETD "\tin.telnetd -h\n",
	    "telnet on socktype = stream, protocol = tcp4, wait = no,\n"
	    "\tuser = root, exec = " TELNETD ", args = in.telnetd -h;\n");
	cfg = check_equiv(
	    "telnet on socktype = stream, protocol = tcp4, wait = no,"
	    " user = root, exec = " TELNETD ", args = in.telnetd -h;\n",
	    XTELNET("\tserver_args\t= -h\n\tflags\t\t= IPv4\n"));
	xcfg_free(cfg);

	check_equiv_inetd(
	    "telnet\tstream\ttcp\tnowait.40\troot:staff\t" TELNETD
	    "\tin.telnetd\n",
	    "telnet on socktype = stream, protocol = tcp4, wait = no,"
	    " user = root, group = staff, service_max = 40,"
	    " exec = " TELNETD ", args = in.telnetd;\n");
	check_equiv_inetd(
	    "127.0.0.1:telnet\tstream\ttcp\tnowait\troot\t" TELNETD
	    "\tin.telnetd\n",
	    "telnet on bind = 127.0.0.1, socktype = stream, protocol = tcp,"
	    " wait = no, user = root, exec = " TELNETD ", args = in.telnetd;"
	    "\n");
	check_equiv_inetd(
	    "#<off># telnet\tstream\ttcp6\tnowait\troot\t" TELNETD
	    "\tin.telnetd\n",
	    "telnet off socktype = stream, protocol = tcp6, wait = no,"
	    " user = root, exec = " TELNETD ", args = in.telnetd;\n");
	check_equiv_inetd(
	    "telnet\tstream,10:dataready\ttcp46,sndbuf=1k\tnowait\troot"
	    "\t" TELNETD "\tin.telnetd\n",
	    "telnet on socktype = stream, acceptfilter = dataready,"
	    " accept_max = 10, protocol = tcp46, sndbuf = 1k, wait = no,"
	    " user = root, exec = " TELNETD ", args = in.telnetd;\n");
	check_equiv_inetd(
	    "telnet\tstream\ttcp4\tnowait/0/6\troot"
	    "\t" TELNETD "\tin.telnetd\n",
	    "telnet on socktype = stream, protocol = tcp4, wait = no,"
	    " ip_max = 6, user = root, exec = " TELNETD
	    ", args = in.telnetd;\n");
	check_equiv_inetd("echo\tstream\ttcp\tnowait\troot\tinternal\n",
	    "echo on socktype = stream, protocol = tcp4, wait = no,"
	    " user = root;\n");
	check_equiv_inetd("echo\tstream\ttcp\tnowait\troot\tinternal\n",
	    "echo on socktype = stream, protocol = tcp4, user = root,"
	    " exec = internal;\n");
}

atf_error_t
tcs_equiv(atf_tp_t *tp)
{
	ATF_TP_ADD_TC(tp, roundtrip_rich_xinetd);
	ATF_TP_ADD_TC(tp, roundtrip_defaults);
	ATF_TP_ADD_TC(tp, roundtrip_inetd);
	ATF_TP_ADD_TC(tp, roundtrip_host_named_like_network);
	ATF_TP_ADD_TC(tp, equal_detects_difference);
	ATF_TP_ADD_TC(tp, equiv_inetd_tcp);
	ATF_TP_ADD_TC(tp, equiv_inetd_tcp6_tcp46);
	ATF_TP_ADD_TC(tp, equiv_inetd_wait_user);
	ATF_TP_ADD_TC(tp, equiv_inetd_zero_limits);
	ATF_TP_ADD_TC(tp, equiv_inetd_socket_options);
	ATF_TP_ADD_TC(tp, equiv_inetd_types);
	ATF_TP_ADD_TC(tp, equiv_inetd_internal_args);
	ATF_TP_ADD_TC(tp, equiv_kv_positional);
	return atf_no_error();
}
