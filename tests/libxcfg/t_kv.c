/*
 * NetBSD key/value definitions in inetd.conf: every key, on and off,
 * layout (lines, comments, several definitions on a line), quoting and
 * escapes, what may be left out, and the exact messages of errors.
 */

#include <sys/socket.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define MAXARGS		32

/* Load text as inetd.conf: it loads without a single diagnostic. */
static struct xcfg *
load_clean(const char *text)
{
	struct xcfg *cfg;

	cfg = h_load_as("inetd.conf", text, XCFG_SYNTAX_INETD);
	if (!xcfg_ok(cfg) || xcfg_ndiags(cfg) != 0)
		atf_tc_fail("%s with diagnostics: %s", xcfg_ok(cfg) ?
		    "loaded" : "refused", h_diags_1line(cfg));
	return cfg;
}

/* Load text that defines one service, and check how many there are. */
static struct xcfg *
load_n(const char *text, size_t n)
{
	struct xcfg *cfg = load_clean(text);

	ATF_REQUIRE_EQ_MSG(xcfg_nservices(cfg), n, "%zu services, expected "
	    "%zu", xcfg_nservices(cfg), n);
	return cfg;
}

/* The load fails with exactly this one diagnostic. */
static void
only(const char *text, const char *want)
{
	struct xcfg *cfg;
	char *d;

	cfg = h_load_as("inetd.conf", text, XCFG_SYNTAX_INETD);
	d = h_diags_1line(cfg);
	if (xcfg_ok(cfg))
		atf_tc_fail_nonfatal("accepted: %s", text);
	if (xcfg_ndiags(cfg) != 1 || strcmp(d, want) != 0)
		atf_tc_fail_nonfatal("expected only '%s'; got: %s", want, d);
	free(d);
	xcfg_free(cfg);
}

static void
check_str(const char *what, const char *got, const char *want)
{
	if (got == NULL && want == NULL)
		return;
	if (got != NULL && want != NULL && strcmp(got, want) == 0)
		return;
	atf_tc_fail_nonfatal("%s is %s%s%s, expected %s%s%s", what,
	    got != NULL ? "'" : "", got != NULL ? got : "NULL",
	    got != NULL ? "'" : "", want != NULL ? "'" : "",
	    want != NULL ? want : "NULL", want != NULL ? "'" : "");
}

/* argv, word by word; want ends with NULL. */
static void
check_argv(const struct xcfg_service *s, const char *const *want)
{
	size_t n, i;

	for (n = 0; n < MAXARGS && want[n] != NULL; n++)
		continue;
	if (s->argv.n != n) {
		atf_tc_fail_nonfatal("%s: argv has %zu words, expected %zu",
		    s->id, s->argv.n, n);
		return;
	}
	for (i = 0; i < n; i++)
		if (strcmp(s->argv.v[i], want[i]) != 0)
			atf_tc_fail_nonfatal("%s: argv[%zu] is '%s', expected "
			    "'%s'", s->id, i, s->argv.v[i], want[i]);
}

#define ARGV(...)	((const char *const []){ __VA_ARGS__, NULL })

ATF_TC(kv_all_keys);
ATF_TC_HEAD(kv_all_keys, tc)
{
	atf_tc_set_md_var(tc, "descr", "One definition with every key gives "
	    "each field of the record");
}
ATF_TC_BODY(kv_all_keys, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_n("ftp on bind = 127.0.0.1, socktype = stream,\n"
	    "\tacceptfilter = dataready, protocol = tcp, sndbuf = 64k,\n"
	    "\trecvbuf = 1m, wait = no, service_max = 30, ip_max = 4,\n"
	    "\tuser = uucp, group = staff, exec = /usr/libexec/ftpd,\n"
	    "\targs = ftpd -l -A,\n"
	    "\tipsec = 'in ipsec esp/transport//require', accept_max = 12;\n",
	    1);
	s = h_service(cfg, "ftp");
	check_str("name", s->name, "ftp");
	check_str("file", s->file, "inetd.conf");
	ATF_CHECK_EQ(s->line, 1);
	ATF_CHECK(!s->disabled);
	ATF_CHECK_EQ(s->type, 0);
	ATF_CHECK_EQ(s->flags, 0);
	ATF_CHECK_EQ(s->socktype, SOCK_STREAM);
	check_str("protocol", s->protocol, "tcp");
	ATF_CHECK_EQ(s->protonum, 6);
	ATF_CHECK(!s->wait);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	ATF_CHECK_EQ(s->port, 21);
	check_str("bind", s->bind, "127.0.0.1");
	check_str("user", s->user, "uucp");
	ATF_CHECK_EQ(s->uid, 10);
	check_str("group", s->group, "staff");
	ATF_CHECK_EQ(s->gid, 50);
	check_str("login_class", s->login_class, NULL);
	check_str("server", s->server, "/usr/libexec/ftpd");
	check_argv(s, ARGV("ftpd", "-l", "-A"));
	ATF_CHECK_EQ(s->rpc_lo, 0);
	ATF_CHECK_EQ(s->rpc_hi, 0);
	ATF_CHECK_EQ(s->rpc_number, XCFG_UNSET);
	ATF_CHECK_EQ(s->instances, 12);
	ATF_CHECK_EQ(s->per_source, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->per_source_rate, 4);
	ATF_CHECK_EQ(s->max_spawns, 30);
	ATF_CHECK_EQ(s->sndbuf, 65536);
	ATF_CHECK_EQ(s->rcvbuf, 1048576);
	ATF_CHECK_EQ(s->backlog, XCFG_UNSET);
	check_str("accept_filter", s->accept_filter, "dataready");
	check_str("ipsec", s->ipsec, "in ipsec esp/transport//require");
	xcfg_free(cfg);
}

ATF_TC(kv_minimal_external);
ATF_TC_HEAD(kv_minimal_external, tc)
{
	atf_tc_set_md_var(tc, "descr", "A server with only what it needs: "
	    "no limits, no buffers, no group, argv[0] from exec");
}
ATF_TC_BODY(kv_minimal_external, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_n("finger on protocol = tcp6, wait = no, user = nobody,"
	    " exec = /usr/libexec/fingerd;\n", 1);
	s = h_service(cfg, "finger");
	ATF_CHECK_EQ(s->socktype, SOCK_STREAM);
	check_str("protocol", s->protocol, "tcp");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(s->port, 79);
	ATF_CHECK(!s->wait);
	check_str("user", s->user, "nobody");
	ATF_CHECK_EQ(s->uid, 65534);
	check_str("group", s->group, NULL);
	ATF_CHECK_EQ(s->gid, 65534);
	check_str("server", s->server, "/usr/libexec/fingerd");
	check_argv(s, ARGV("fingerd"));
	ATF_CHECK_EQ(s->type, 0);
	ATF_CHECK_EQ(s->flags, 0);
	check_str("bind", s->bind, NULL);
	ATF_CHECK_EQ(s->instances, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->per_source_rate, XCFG_UNSET);
	ATF_CHECK_EQ(s->max_spawns, XCFG_UNSET);
	ATF_CHECK_EQ(s->sndbuf, XCFG_UNSET);
	ATF_CHECK_EQ(s->rcvbuf, XCFG_UNSET);
	check_str("accept_filter", s->accept_filter, NULL);
	check_str("ipsec", s->ipsec, NULL);
	xcfg_free(cfg);
}

ATF_TC(kv_bind);
ATF_TC_HEAD(kv_bind, tc)
{
	atf_tc_set_md_var(tc, "descr", "bind: an IPv4 or IPv6 literal, a "
	    "bracketed IPv6 literal, a host name; plain tcp and udp take the "
	    "family of a literal address");
}
ATF_TC_BODY(kv_bind, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_n("echo on bind = 127.0.0.1, protocol = tcp4;\n"
	    "daytime on protocol = tcp, bind = 127.0.0.1;\n"
	    "time on protocol = tcp, bind = ::1;\n"
	    "discard on protocol = udp, bind = [::1];\n"
	    "chargen on protocol = tcp6, bind = localhost;\n"
	    "tcpmux on protocol = tcp46, bind = ::;\n", 6);
	s = h_service(cfg, "echo");
	check_str("echo bind", s->bind, "127.0.0.1");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	s = h_service(cfg, "daytime");
	check_str("daytime bind", s->bind, "127.0.0.1");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	ATF_CHECK_EQ(s->protonum, 6);
	s = h_service(cfg, "time");
	check_str("time bind", s->bind, "::1");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	s = h_service(cfg, "discard");
	check_str("discard bind", s->bind, "::1");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(s->socktype, SOCK_DGRAM);
	ATF_CHECK(s->wait);
	s = h_service(cfg, "chargen");
	check_str("chargen bind", s->bind, "localhost");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	s = h_service(cfg, "tcpmux");
	check_str("tcpmux bind", s->bind, "::");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_DUAL);
	xcfg_free(cfg);

	/* An address prefix, or an "addr:" line, is a bind address too. */
	cfg = load_n("127.0.0.1:echo on protocol = tcp;\n"
	    "[::1]:daytime on protocol = udp;\n"
	    "10.1.2.3:\n"
	    "time on protocol = tcp;\n"
	    "*:\n"
	    "discard on protocol = tcp4;\n", 4);
	s = h_service(cfg, "echo");
	check_str("echo bind", s->bind, "127.0.0.1");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	s = h_service(cfg, "daytime");
	check_str("daytime bind", s->bind, "::1");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(s->socktype, SOCK_DGRAM);
	s = h_service(cfg, "time");
	check_str("time bind", s->bind, "10.1.2.3");
	ATF_CHECK_EQ(s->line, 4);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	s = h_service(cfg, "discard");
	check_str("discard bind", s->bind, NULL);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	xcfg_free(cfg);
}

ATF_TC(kv_bind_scoped);
ATF_TC_HEAD(kv_bind_scoped, tc)
{
	atf_tc_set_md_var(tc, "descr", "bind may be a link-local IPv6 "
	    "address with its zone; plain tcp takes IPv6 from it");
}
ATF_TC_BODY(kv_bind_scoped, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_n("echo on protocol = tcp, bind = fe80::1%lo0;\n"
	    "daytime on protocol = tcp6, bind = [fe80::2%em0];\n", 2);
	s = h_service(cfg, "echo");
	check_str("echo bind", s->bind, "fe80::1%lo0");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	s = h_service(cfg, "daytime");
	check_str("daytime bind", s->bind, "fe80::2%em0");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	xcfg_free(cfg);
}

ATF_TC(kv_socktype_protocol);
ATF_TC_HEAD(kv_socktype_protocol, tc)
{
	atf_tc_set_md_var(tc, "descr", "socktype and protocol: every "
	    "protocol, socktype inferred from it, rpc/ and unix forms");
}
ATF_TC_BODY(kv_socktype_protocol, tc)
{
	static const struct {
		const char	*proto;
		int		 socktype;
		const char	*protocol;
		enum xcfg_family family;
	} t[] = {
		{ "tcp4",	SOCK_STREAM,	"tcp",	XCFG_FAMILY_INET },
		{ "tcp6",	SOCK_STREAM,	"tcp",	XCFG_FAMILY_INET6 },
		{ "tcp46",	SOCK_STREAM,	"tcp",	XCFG_FAMILY_DUAL },
		{ "udp4",	SOCK_DGRAM,	"udp",	XCFG_FAMILY_INET },
		{ "udp6",	SOCK_DGRAM,	"udp",	XCFG_FAMILY_INET6 },
		{ "udp46",	SOCK_DGRAM,	"udp",	XCFG_FAMILY_DUAL },
	};
	const struct xcfg_service *s;
	struct xcfg *cfg;
	char text[200];
	size_t i;

	h_init(tc);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		/* Given and left out, the socket type is the same. */
		snprintf(text, sizeof(text), "echo on protocol = %s;\n"
		    "discard on socktype = %s, protocol = %s;\n",
		    t[i].proto, t[i].socktype == SOCK_STREAM ? "stream" :
		    "dgram", t[i].proto);
		cfg = load_n(text, 2);
		s = h_service(cfg, "echo");
		ATF_CHECK_EQ_MSG(s->socktype, t[i].socktype, "%s",
		    t[i].proto);
		check_str(t[i].proto, s->protocol, t[i].protocol);
		ATF_CHECK_EQ_MSG(s->family, t[i].family, "%s", t[i].proto);
		ATF_CHECK_EQ_MSG(s->port, 7, "%s", t[i].proto);
		ATF_CHECK_EQ_MSG(s->wait, t[i].socktype == SOCK_DGRAM, "%s",
		    t[i].proto);
		s = h_service(cfg, "discard");
		ATF_CHECK_EQ_MSG(s->socktype, t[i].socktype, "%s",
		    t[i].proto);
		ATF_CHECK_EQ_MSG(s->family, t[i].family, "%s", t[i].proto);
		xcfg_free(cfg);
	}

	cfg = load_n("rstatd/1-3 on protocol = rpc/udp, wait = yes,"
	    " user = root, exec = /usr/libexec/rpc.rstatd;\n"
	    "rusersd/2 on socktype = stream, protocol = rpc/tcp6,"
	    " wait = no, user = root, exec = /usr/libexec/rpc.rusersd,"
	    " args = rpc.rusersd -n;\n"
	    "telnet on protocol = faith/tcp6, wait = no, user = root,"
	    " exec = /usr/libexec/telnetd;\n"
	    "/var/run/echo.sock on socktype = seqpacket, protocol = unix,"
	    " wait = no, user = root, exec = /bin/cat;\n", 4);
	s = h_service(cfg, "rstatd");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_RPC);
	ATF_CHECK_EQ(s->socktype, SOCK_DGRAM);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	ATF_CHECK_EQ(s->rpc_lo, 1);
	ATF_CHECK_EQ(s->rpc_hi, 3);
	ATF_CHECK_EQ(s->rpc_number, 100001);
	ATF_CHECK_EQ(s->port, 0);
	check_argv(s, ARGV("rpc.rstatd"));
	s = h_service(cfg, "rusersd");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_RPC);
	ATF_CHECK_EQ(s->socktype, SOCK_STREAM);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(s->rpc_lo, 2);
	ATF_CHECK_EQ(s->rpc_hi, 2);
	ATF_CHECK_EQ(s->rpc_number, 100002);
	check_argv(s, ARGV("rpc.rusersd", "-n"));
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->flags, XCFG_FLAG_FAITH);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(s->socktype, SOCK_STREAM);
	s = h_service(cfg, "/var/run/echo.sock");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_UNIX);
	ATF_CHECK_EQ(s->socktype, SOCK_SEQPACKET);
	check_str("unix protocol", s->protocol, "unix");
	ATF_CHECK_EQ(s->protonum, 0);
	ATF_CHECK_EQ(s->type, XCFG_TYPE_UNLISTED);
	check_str("unix bind", s->bind, "/var/run/echo.sock");
	xcfg_free(cfg);
}

ATF_TC(kv_buffers_limits);
ATF_TC_HEAD(kv_buffers_limits, tc)
{
	atf_tc_set_md_var(tc, "descr", "sndbuf and recvbuf in bytes with k "
	    "and m; service_max, ip_max and accept_max; 0 is no limit");
}
ATF_TC_BODY(kv_buffers_limits, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_n("echo on protocol = tcp4, sndbuf = 8192, recvbuf = 2K,"
	    " service_max = 100, ip_max = 0;\n"
	    "echo on protocol = udp4, sndbuf = 3M, accept_max = 1,"
	    " service_max = 0;\n"
	    "discard on protocol = tcp4, recvbuf = 16k, ip_max = 7;\n", 3);
	s = h_service(cfg, "echo");
	ATF_CHECK_EQ(s->sndbuf, 8192);
	ATF_CHECK_EQ(s->rcvbuf, 2048);
	ATF_CHECK_EQ(s->max_spawns, 100);
	ATF_CHECK_EQ(s->per_source_rate, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->instances, XCFG_UNLIMITED);
	s = h_service(cfg, "echo-udp4");
	ATF_CHECK_EQ(s->sndbuf, 3145728);
	ATF_CHECK_EQ(s->rcvbuf, XCFG_UNSET);
	ATF_CHECK_EQ(s->instances, 1);
	ATF_CHECK_EQ(s->max_spawns, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->per_source_rate, XCFG_UNSET);
	s = h_service(cfg, "discard");
	ATF_CHECK_EQ(s->sndbuf, XCFG_UNSET);
	ATF_CHECK_EQ(s->rcvbuf, 16384);
	ATF_CHECK_EQ(s->per_source_rate, 7);
	ATF_CHECK_EQ(s->max_spawns, XCFG_UNSET);
	ATF_CHECK_EQ(s->per_source, XCFG_UNLIMITED);
	xcfg_free(cfg);
}

ATF_TC(kv_wait_internal);
ATF_TC_HEAD(kv_wait_internal, tc)
{
	atf_tc_set_md_var(tc, "descr", "No exec is a built-in, so is exec = "
	    "internal; a built-in may leave out wait (dgram: yes, stream: "
	    "no) and user; wait = yes and no");
}
ATF_TC_BODY(kv_wait_internal, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_n("echo on protocol = tcp4;\n"
	    "echo on protocol = udp4;\n"
	    "daytime on socktype = stream, protocol = tcp6, wait = yes,"
	    " user = nobody, exec = internal;\n"
	    "time on socktype = dgram, protocol = udp6, wait = no;\n"
	    "auth on protocol = tcp4, args = auth -r -f;\n", 5);
	s = h_service(cfg, "echo");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL);
	ATF_CHECK_EQ(s->socktype, SOCK_STREAM);
	ATF_CHECK(!s->wait);
	check_str("echo server", s->server, NULL);
	check_str("echo user", s->user, NULL);
	ATF_CHECK_EQ(s->uid, 0);
	ATF_CHECK_EQ(s->argv.n, 0);
	s = h_service(cfg, "echo-udp4");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL);
	ATF_CHECK_EQ(s->socktype, SOCK_DGRAM);
	ATF_CHECK(s->wait);
	s = h_service(cfg, "daytime");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL);
	ATF_CHECK(s->wait);
	check_str("daytime server", s->server, NULL);
	check_str("daytime user", s->user, "nobody");
	ATF_CHECK_EQ(s->uid, 65534);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	s = h_service(cfg, "time");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL);
	ATF_CHECK(!s->wait);
	s = h_service(cfg, "auth");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL);
	check_argv(s, ARGV("auth", "-r", "-f"));
	xcfg_free(cfg);
}

ATF_TC(kv_user_group_exec_args);
ATF_TC_HEAD(kv_user_group_exec_args, tc)
{
	atf_tc_set_md_var(tc, "descr", "user alone takes its primary group; "
	    "group overrides it; args start with argv[0], which may differ "
	    "from exec's base name (tcpd)");
}
ATF_TC_BODY(kv_user_group_exec_args, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_n("ident on protocol = tcp4, wait = yes, user = identd,"
	    " exec = /usr/sbin/identd, args = identd;\n"
	    "talk on protocol = udp4, wait = yes, user = nobody,"
	    " group = tty, exec = /usr/sbin/in.talkd;\n"
	    "ftp on protocol = tcp4, wait = no, user = root,"
	    " exec = /usr/sbin/tcpd, args = /usr/sbin/in.ftpd -l;\n", 3);
	s = h_service(cfg, "ident");
	check_str("ident user", s->user, "identd");
	ATF_CHECK_EQ(s->uid, 108);
	check_str("ident group", s->group, NULL);
	ATF_CHECK_EQ(s->gid, 65534);
	ATF_CHECK(s->wait);
	ATF_CHECK_EQ(s->port, 113);
	check_argv(s, ARGV("identd"));
	s = h_service(cfg, "talk");
	ATF_CHECK_EQ(s->uid, 65534);
	check_str("talk group", s->group, "tty");
	ATF_CHECK_EQ(s->gid, 5);
	check_str("talk server", s->server, "/usr/sbin/in.talkd");
	check_argv(s, ARGV("in.talkd"));
	s = h_service(cfg, "ftp");
	check_str("ftp server", s->server, "/usr/sbin/tcpd");
	check_argv(s, ARGV("/usr/sbin/in.ftpd", "-l"));
	ATF_CHECK_EQ(s->flags, 0);
	xcfg_free(cfg);
}

ATF_TC(kv_ipsec);
ATF_TC_HEAD(kv_ipsec, tc)
{
	atf_tc_set_md_var(tc, "descr", "ipsec = 'policy' sets it; without "
	    "the key the #@ policy holds; 'ipsec =' with no value clears it");
}
ATF_TC_BODY(kv_ipsec, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_n("echo on protocol = tcp4,"
	    " ipsec = \"in ipsec esp/transport//require\";\n"
	    "#@ in ipsec ah/transport//require\n"
	    "daytime on protocol = tcp4;\n"
	    "time on protocol = tcp4, ipsec = ;\n"
	    "discard on protocol = tcp4, ipsec =, wait = no;\n"
	    "chargen on protocol = tcp4, ipsec = 'out ipsec esp/tunnel/"
	    "10.0.0.1-10.0.0.2/require';\n", 5);
	check_str("echo ipsec", h_service(cfg, "echo")->ipsec,
	    "in ipsec esp/transport//require");
	check_str("daytime ipsec", h_service(cfg, "daytime")->ipsec,
	    "in ipsec ah/transport//require");
	check_str("time ipsec", h_service(cfg, "time")->ipsec, NULL);
	check_str("discard ipsec", h_service(cfg, "discard")->ipsec, NULL);
	check_str("chargen ipsec", h_service(cfg, "chargen")->ipsec,
	    "out ipsec esp/tunnel/10.0.0.1-10.0.0.2/require");
	xcfg_free(cfg);
}

ATF_TC(kv_on_off);
ATF_TC_HEAD(kv_on_off, tc)
{
	atf_tc_set_md_var(tc, "descr", "on defines an enabled service, off "
	    "and #<off># a disabled one that still takes its id");
}
ATF_TC_BODY(kv_on_off, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_n("ftp off protocol = tcp4, wait = no, user = root,"
	    " exec = /usr/libexec/ftpd, args = ftpd -l;\n"
	    "ftp on protocol = tcp6, wait = no, user = root,"
	    " exec = /usr/libexec/ftpd, args = ftpd -l;\n", 2);
	s = h_service(cfg, "ftp");
	ATF_CHECK(s->disabled);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	ATF_CHECK_EQ(s->line, 1);
	s = h_service(cfg, "ftp-tcp6");
	ATF_CHECK(!s->disabled);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(s->line, 2);
	xcfg_free(cfg);

	/* Debian's way of switching off works on them too. */
	cfg = load_n("#<off># echo on protocol = tcp4;\n"
	    "echo on protocol = tcp6;\n", 2);
	s = h_service(cfg, "echo");
	ATF_CHECK(s->disabled);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	s = h_service(cfg, "echo-tcp6");
	ATF_CHECK(!s->disabled);
	xcfg_free(cfg);
}

ATF_TC(kv_layout);
ATF_TC_HEAD(kv_layout, tc)
{
	atf_tc_set_md_var(tc, "descr", "Definitions spanning lines, several "
	    "on one line, a positional line after a definition on its line, "
	    "comments anywhere between on/off and ';'");
}
ATF_TC_BODY(kv_layout, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	/* Over several lines; the service's line is the first. */
	cfg = load_n("# NetBSD\n"
	    "http\ton\n"
	    "\tsocktype = stream,\n"
	    "\tprotocol = tcp4,\n"
	    "\twait = no,\n"
	    "\tuser = www-data,\n"
	    "\texec = /usr/libexec/httpd,\n"
	    "\targs = httpd\n"
	    "\t\t-X /var/www\n"
	    "\t;\n"
	    "ftp stream tcp nowait root /usr/libexec/ftpd ftpd -l\n", 2);
	s = h_service(cfg, "http");
	ATF_CHECK_EQ(s->line, 2);
	ATF_CHECK_EQ(s->uid, 33);
	check_argv(s, ARGV("httpd", "-X", "/var/www"));
	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->line, 11);
	check_argv(s, ARGV("ftpd", "-l"));
	xcfg_free(cfg);

	/* Several on one line, and a comment after the last ';'. */
	cfg = load_n("echo on protocol = tcp4; echo on protocol = udp4;"
	    "daytime on protocol = tcp6 ; # both families\n"
	    "time on protocol = tcp4;;\n", 4);
	s = xcfg_service(cfg, 0);
	check_str("id 0", s->id, "echo");
	ATF_CHECK_EQ(s->socktype, SOCK_STREAM);
	ATF_CHECK_EQ(s->line, 1);
	s = xcfg_service(cfg, 1);
	check_str("id 1", s->id, "echo-udp4");
	ATF_CHECK_EQ(s->socktype, SOCK_DGRAM);
	ATF_CHECK_EQ(s->line, 1);
	s = xcfg_service(cfg, 2);
	check_str("id 2", s->id, "daytime");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(s->line, 1);
	s = xcfg_service(cfg, 3);
	check_str("id 3", s->id, "time");
	ATF_CHECK_EQ(s->line, 2);
	xcfg_free(cfg);

	/* A positional definition after a key/value one, on its line. */
	cfg = load_n("daytime on protocol = tcp4; time stream tcp nowait"
	    " root internal\n"
	    "ftp on protocol = tcp4, wait = no, user = root,\n"
	    "\texec = /usr/libexec/ftpd; telnet stream tcp nowait root"
	    " /usr/libexec/telnetd telnetd -a off\n", 4);
	s = h_service(cfg, "time");
	ATF_CHECK_EQ(s->line, 1);
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	ATF_CHECK(!s->wait);
	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->line, 2);
	check_argv(s, ARGV("ftpd"));
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->line, 3);
	check_str("telnet server", s->server, "/usr/libexec/telnetd");
	check_argv(s, ARGV("telnetd", "-a", "off"));
	ATF_CHECK(!s->disabled);
	xcfg_free(cfg);

	/* That positional definition may go on on the next lines. */
	cfg = load_n("daytime on protocol = tcp4; ftp stream tcp nowait"
	    " root /usr/libexec/ftpd\n"
	    "\tftpd -l\n"
	    "  -A\n"
	    "time on protocol = tcp4;\n", 3);
	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->line, 1);
	check_argv(s, ARGV("ftpd", "-l", "-A"));
	ATF_CHECK_EQ(h_service(cfg, "time")->line, 4);
	xcfg_free(cfg);

	/* NetBSD's "on#" and "off#": a comment right after the word */
	cfg = load_n("echo on# the echo service\n"
	    "\tprotocol = tcp4;\n"
	    "time off#\n"
	    "\tprotocol = udp4;\n", 2);
	s = h_service(cfg, "echo");
	ATF_CHECK(!s->disabled);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	s = h_service(cfg, "time");
	ATF_CHECK(s->disabled);
	ATF_CHECK_EQ(s->line, 3);
	ATF_CHECK_EQ(s->socktype, SOCK_DGRAM);
	xcfg_free(cfg);

	/* Comments between "on" and ';' */
	cfg = load_n("finger on # the finger daemon\n"
	    "# a whole line\n"
	    "\tprotocol = tcp4, # after a value\n"
	    "\twait = no, user = nobody # before a ','\n"
	    "\t, exec = /usr/libexec/fingerd, args = fingerd -s # args\n"
	    "\n"
	    "\t; # after the end\n"
	    "echo on protocol = tcp4;\n", 2);
	s = h_service(cfg, "finger");
	ATF_CHECK_EQ(s->line, 1);
	ATF_CHECK_EQ(s->uid, 65534);
	check_argv(s, ARGV("fingerd", "-s"));
	ATF_CHECK_EQ(h_service(cfg, "echo")->line, 8);
	xcfg_free(cfg);
}

ATF_TC(kv_quotes_escapes);
ATF_TC_HEAD(kv_quotes_escapes, tc)
{
	atf_tc_set_md_var(tc, "descr", "Quoted values keep blanks, ',', ';' "
	    "and '#'; escapes \\\\ \\n \\t \\r \\' \\\" \\xHH give those "
	    "bytes; quoted and plain parts join; a backslash outside quotes "
	    "is plain");
}
ATF_TC_BODY(kv_quotes_escapes, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_n("9000 on protocol = tcp4, wait = no, user = nobody,\n"
	    "\texec = \"/usr/local/bin/my prog\",\n"
	    "\targs = prog 'two words' \"a,b;c#d\" 'x\\\\y' \"l1\\nl2\"\n"
	    "\t\t'\\tT' \"\\rR\" 'it\\'s' \"say \\\"hi\\\"\" \"\\x41\\x7e\"\n"
	    "\t\t'\\xc3\\xa9' \"pre\"mid'post' back\\slash '' \"'\" '\"';\n",
	    1);
	s = h_service(cfg, "9000");
	check_str("server", s->server, "/usr/local/bin/my prog");
	check_argv(s, ARGV("prog", "two words", "a,b;c#d", "x\\y",
	    "l1\nl2", "\tT", "\rR", "it's", "say \"hi\"", "A~",
	    "\xc3\xa9", "premidpost", "back\\slash", "", "'", "\""));
	xcfg_free(cfg);
}

ATF_TC(kv_errors);
ATF_TC_HEAD(kv_errors, tc)
{
	atf_tc_set_md_var(tc, "descr", "Each problem of a key/value "
	    "definition, with its exact message and line");
}
ATF_TC_BODY(kv_errors, tc)
{
#define KV	"telnet on protocol = tcp4, wait = no, user = root"
#define EXEC	", exec = /usr/libexec/telnetd"

	h_init(tc);
	only(KV ", frob = 1" EXEC ";\n",
	    "inetd.conf:1: unknown key 'frob'");
	only(KV ",\n\tuser = nobody" EXEC ";\n",
	    "inetd.conf:2: key 'user' given twice");
	only(KV ", args = a, args = b" EXEC ";\n",
	    "inetd.conf:1: key 'args' given twice");
	/* The rest of the line is skipped, then the definition to ';'. */
	only(KV EXEC ", args = 'telnetd -h;\n\t;\n",
	    "inetd.conf:1: unterminated quote");
	only(KV EXEC ",\n\targs = \"telnetd\\\";\n;\n",
	    "inetd.conf:2: unterminated quote");
	only(KV EXEC ", args = \"telnetd\\q\";\n",
	    "inetd.conf:1: unknown escape '\\q'");
	only(KV EXEC ", args = \"telnetd\\\xc3\xa9\";\n",
	    "inetd.conf:1: unknown escape '\\\xc3\xa9'");
	only(KV EXEC ", args = \"telnetd\\x4g\";\n",
	    "inetd.conf:1: invalid escape '\\x' (two hex digits needed)");
	only(KV EXEC ", args = \"telnetd\\x00\";\n",
	    "inetd.conf:1: escape '\\x00' not allowed");
	only(KV EXEC ";\n" KV EXEC "\n",
	    "inetd.conf:2: definition not terminated by ';'");
	only("echo stream tcp nowait root internal\n"
	    "telnet on\n\tprotocol = tcp4,\n\twait = no\n",
	    "inetd.conf:2: definition not terminated by ';'");
	only("telnet on protocol = tcp, wait = no, user = root" EXEC ";\n",
	    "inetd.conf:1: protocol 'tcp' needs a version (tcp4, tcp6) "
	    "unless bind is an address");
	only("telnet on bind = localhost,\n\tprotocol = udp, wait = no,"
	    " user = root" EXEC ";\n",
	    "inetd.conf:2: protocol 'udp' needs a version (udp4, udp6) "
	    "unless bind is an address");
	only(KV ", exec /usr/libexec/telnetd;\n",
	    "inetd.conf:1: expected '=' after 'exec'");
	only(KV ", = tcp4" EXEC ";\n",
	    "inetd.conf:1: expected a key, found '='");
	only(KV ", group =" EXEC ";\n",
	    "inetd.conf:1: missing value for 'group'");
	only(KV ", group = tty staff" EXEC ";\n",
	    "inetd.conf:1: too many values for 'group'");
	only(KV ", group = ''" EXEC ";\n",
	    "inetd.conf:1: empty value for 'group'");
	only("telnet on protocol = tcp4, wait = sometimes, user = root"
	    EXEC ";\n",
	    "inetd.conf:1: invalid wait value 'sometimes' (yes or no)");
	only("127.0.0.1:" KV ", bind = 10.0.0.1" EXEC ";\n",
	    "inetd.conf:1: key 'bind' conflicts with the address prefix "
	    "'127.0.0.1'");
	only(KV EXEC ", ipsec = in ipsec esp/transport//require;\n",
	    "inetd.conf:1: too many values for 'ipsec' (quote the policy)");
	only("telnet on protocol = tcp4, wait = no" EXEC ";\n",
	    "inetd.conf:1: missing 'user'");
	only("telnet on protocol = tcp4, user = root" EXEC ";\n",
	    "inetd.conf:1: missing 'wait'");
	only("telnet on socktype = stream, wait = no, user = root" EXEC
	    ";\n", "inetd.conf:1: missing 'protocol'");
	only("/var/run/x.sock on protocol = unix, wait = no, user = root,"
	    " exec = /bin/cat;\n", "inetd.conf:1: missing 'socktype'");
#undef KV
#undef EXEC
}

ATF_TC(kv_error_recovery);
ATF_TC_HEAD(kv_error_recovery, tc)
{
	atf_tc_set_md_var(tc, "descr", "After a bad definition reading goes "
	    "on at its ';': the definitions after it are read");
}
ATF_TC_BODY(kv_error_recovery, tc)
{
	struct xcfg *cfg;
	char *d;

	h_init(tc);
	cfg = h_load_as("inetd.conf",
	    "echo on protocol = tcp4, frob = 1,\n"
	    "\twait = no, user = root;\n"
	    "daytime on protocol = tcp4, \"open quote,\n"
	    "\twait = no;\n"
	    "time on protocol = tcp4; discard on protocol = tcp4;\n",
	    XCFG_SYNTAX_INETD);
	h_expect_fail(cfg);
	d = h_diags_1line(cfg);
	ATF_CHECK_STREQ(d, "inetd.conf:1: unknown key 'frob' | "
	    "inetd.conf:3: unterminated quote");
	free(d);
	ATF_CHECK_EQ(xcfg_nservices(cfg), 2);
	ATF_CHECK(xcfg_find(cfg, "echo") == NULL);
	ATF_CHECK(xcfg_find(cfg, "daytime") == NULL);
	ATF_CHECK(xcfg_find(cfg, "time") != NULL);
	ATF_CHECK(xcfg_find(cfg, "discard") != NULL);
	xcfg_free(cfg);
}

atf_error_t
tcs_kv(atf_tp_t *tp)
{
	ATF_TP_ADD_TC(tp, kv_all_keys);
	ATF_TP_ADD_TC(tp, kv_minimal_external);
	ATF_TP_ADD_TC(tp, kv_bind);
	ATF_TP_ADD_TC(tp, kv_bind_scoped);
	ATF_TP_ADD_TC(tp, kv_socktype_protocol);
	ATF_TP_ADD_TC(tp, kv_buffers_limits);
	ATF_TP_ADD_TC(tp, kv_wait_internal);
	ATF_TP_ADD_TC(tp, kv_user_group_exec_args);
	ATF_TP_ADD_TC(tp, kv_ipsec);
	ATF_TP_ADD_TC(tp, kv_on_off);
	ATF_TP_ADD_TC(tp, kv_layout);
	ATF_TP_ADD_TC(tp, kv_quotes_escapes);
	ATF_TP_ADD_TC(tp, kv_errors);
	ATF_TP_ADD_TC(tp, kv_error_recovery);
	return atf_no_error();
}
