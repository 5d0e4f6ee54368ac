/*
 * The defaults block: what it may hold, how its lists accumulate, and
 * how it is copied into every service before the service's own lines.
 */

#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "helpers.h"


/* The rule is the IPv4 network addr/prefix. */
static void
check_net(const struct xcfg_addr *a, const char *addr, int prefix)
{
	char buf[INET_ADDRSTRLEN];

	ATF_CHECK_EQ(a->kind, XCFG_ADDR_INET);
	ATF_REQUIRE(inet_ntop(AF_INET, &a->addr.v4, buf, sizeof(buf)) !=
	    NULL);
	ATF_CHECK_STREQ(buf, addr);
	ATF_CHECK_EQ(a->prefix, prefix);
}

ATF_TC(defaults_lists_accumulate);
ATF_TC_HEAD(defaults_lists_accumulate, tc)
{
	atf_tc_set_md_var(tc, "descr", "In defaults list attributes "
	    "accumulate: '=' acts as '+=', over several lines");
}
ATF_TC_BODY(defaults_lists_accumulate, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "defaults\n{\n"
	    "\tonly_from\t= 10.0.0.0\n"
	    "\tonly_from\t= 192.168.0.0\n"
	    "\tno_access\t= 10.1.0.0\n"
	    "\tno_access\t+= 10.2.0.0\n"
	    "\tno_access\t= 10.3.0.0\n"
	    "\tlog_on_success\t= DURATION\n"
	    "\tlog_on_success\t= EXIT\n"
	    "\tlog_on_success\t-= PID\n"
	    "\tlog_on_failure\t= USERID\n"
	    "\tlog_on_failure\t= ATTEMPT\n"
	    "\tpassenv\t\t= PATH\n"
	    "\tpassenv\t\t= TZ\n"
	    "}\n"
	    SVC("telnet", ""));
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK(s->only_from.set);
	ATF_REQUIRE_EQ(s->only_from.n, 2);
	check_net(&s->only_from.v[0], "10.0.0.0", 8);
	check_net(&s->only_from.v[1], "192.168.0.0", 16);
	ATF_REQUIRE_EQ(s->no_access.n, 3);
	check_net(&s->no_access.v[0], "10.1.0.0", 16);
	check_net(&s->no_access.v[1], "10.2.0.0", 16);
	check_net(&s->no_access.v[2], "10.3.0.0", 16);
	ATF_CHECK_EQ(s->log_on_success & (XCFG_LOG_DURATION | XCFG_LOG_EXIT |
	    XCFG_LOG_PID), XCFG_LOG_DURATION | XCFG_LOG_EXIT);
	ATF_CHECK_EQ(s->log_on_failure & (XCFG_LOG_USERID | XCFG_LOG_ATTEMPT),
	    XCFG_LOG_USERID | XCFG_LOG_ATTEMPT);
	ATF_CHECK(s->passenv_set);
	ATF_REQUIRE_EQ(s->passenv.n, 2);
	ATF_CHECK_STREQ(s->passenv.v[0], "PATH");
	ATF_CHECK_STREQ(s->passenv.v[1], "TZ");
	xcfg_free(cfg);
}

ATF_TC(defaults_log_on_replaces_builtin);
ATF_TC_HEAD(defaults_log_on_replaces_builtin, tc)
{
	atf_tc_set_md_var(tc, "descr", "log_on_success/log_on_failure given "
	    "in defaults make the whole set: the built-in HOST PID is not "
	    "added to them (xinetd starts defaults from an empty set)");
}
ATF_TC_BODY(defaults_log_on_replaces_builtin, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "defaults\n{\n"
	    "\tlog_on_success\t= DURATION\n"
	    "\tlog_on_success\t= EXIT\n"
	    "\tlog_on_failure\t= ATTEMPT\n"
	    "}\n"
	    SVC("telnet", "")
	    SVC("ftp", "\tlog_on_success\t+= PID\n"));
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->log_on_success, XCFG_LOG_DURATION | XCFG_LOG_EXIT);
	ATF_CHECK_EQ(s->log_on_failure, XCFG_LOG_ATTEMPT);
	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->log_on_success, XCFG_LOG_DURATION | XCFG_LOG_EXIT |
	    XCFG_LOG_PID);
	xcfg_free(cfg);

	/* An empty list in defaults logs nothing extra. */
	cfg = h_load(
	    "defaults\n{\n"
	    "\tlog_on_success\t=\n"
	    "\tlog_on_failure\t=\n"
	    "}\n"
	    SVC("telnet", ""));
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->log_on_success, 0);
	ATF_CHECK_EQ(s->log_on_failure, 0);
	xcfg_free(cfg);
}

ATF_TC(defaults_copied_into_service);
ATF_TC_HEAD(defaults_copied_into_service, tc)
{
	atf_tc_set_md_var(tc, "descr", "Defaults are copied into each "
	    "service first: the service may +=, -= or replace an inherited "
	    "list");
}
ATF_TC_BODY(defaults_copied_into_service, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "defaults\n{\n"
	    "\tonly_from\t= 10.0.0.0 192.168.0.0\n"
	    "\tlog_on_failure\t+= USERID\n"
	    "\tpassenv\t\t= PATH\n"
	    "}\n"
	    SVC("telnet",
	    "\tonly_from\t+= 172.16.0.0/12\n"
	    "\tpassenv\t\t+= TZ\n")
	    SVC("ftp",
	    "\tonly_from\t-= 10.0.0.0\n"
	    "\tlog_on_failure\t-= USERID\n"
	    "\tpassenv\t\t-= PATH\n")
	    SVC("smtp",
	    "\tonly_from\t= 127.0.0.1\n"
	    "\tpassenv\t\t= HOME\n")
	    SVC("finger", "")
	    SVC("ssh", "\tonly_from\t=\n"));
	h_expect_ok(cfg);

	s = h_service(cfg, "telnet");
	ATF_REQUIRE_EQ(s->only_from.n, 3);
	check_net(&s->only_from.v[0], "10.0.0.0", 8);
	check_net(&s->only_from.v[1], "192.168.0.0", 16);
	check_net(&s->only_from.v[2], "172.16.0.0", 12);
	ATF_CHECK(s->log_on_failure & XCFG_LOG_USERID);
	ATF_REQUIRE_EQ(s->passenv.n, 2);
	ATF_CHECK_STREQ(s->passenv.v[0], "PATH");
	ATF_CHECK_STREQ(s->passenv.v[1], "TZ");

	s = h_service(cfg, "ftp");
	ATF_REQUIRE_EQ(s->only_from.n, 1);
	check_net(&s->only_from.v[0], "192.168.0.0", 16);
	ATF_CHECK_EQ(s->log_on_failure & XCFG_LOG_USERID, 0);
	ATF_CHECK(s->passenv_set);
	ATF_CHECK_EQ(s->passenv.n, 0);

	s = h_service(cfg, "smtp");
	ATF_REQUIRE_EQ(s->only_from.n, 1);
	check_net(&s->only_from.v[0], "127.0.0.1", 32);
	ATF_REQUIRE_EQ(s->passenv.n, 1);
	ATF_CHECK_STREQ(s->passenv.v[0], "HOME");

	s = h_service(cfg, "finger");
	ATF_CHECK(s->only_from.set);
	ATF_REQUIRE_EQ(s->only_from.n, 2);
	check_net(&s->only_from.v[0], "10.0.0.0", 8);
	check_net(&s->only_from.v[1], "192.168.0.0", 16);
	ATF_CHECK(s->log_on_failure & XCFG_LOG_USERID);
	ATF_REQUIRE_EQ(s->passenv.n, 1);
	ATF_CHECK_STREQ(s->passenv.v[0], "PATH");

	/* "only_from =" in the service: nobody, whatever defaults said. */
	s = h_service(cfg, "ssh");
	ATF_CHECK(s->only_from.set);
	ATF_CHECK_EQ(s->only_from.n, 0);
	xcfg_free(cfg);
}

ATF_TC(defaults_scalars_inherited);
ATF_TC_HEAD(defaults_scalars_inherited, tc)
{
	atf_tc_set_md_var(tc, "descr", "Scalar attributes allowed in "
	    "defaults are inherited by every service");
}
ATF_TC_BODY(defaults_scalars_inherited, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;
	size_t i;

	h_init(tc);
	cfg = h_load(
	    "defaults\n{\n"
	    "\tinstances\t= 20\n"
	    "\tbanner\t\t= /etc/banner\n"
	    "\tbanner_success\t= /etc/banner.ok\n"
	    "\tbanner_fail\t= /etc/banner.no\n"
	    "\tbind\t\t= 127.0.0.1\n"
	    "\tper_source\t= 3\n"
	    "\tgroups\t\t= yes\n"
	    "\tcps\t\t= 10 5\n"
	    "\tmax_load\t= 3.5\n"
	    "\tumask\t\t= 027\n"
	    "\tlog_type\t= FILE /var/log/xinetd.log 10K\n"
	    "\tmdns\t\t= yes\n"
	    "\tmax_spawns\t= 60\n"
	    "\tper_source_rate\t= 6\n"
	    "}\n"
	    SVC("telnet", "")
	    SVC("ftp", "\tflags\t\t= IPv4\n"));
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 2);
	for (i = 0; i < 2; i++) {
		s = xcfg_service(cfg, i);
		ATF_CHECK_EQ(s->instances, 20);
		ATF_CHECK_STREQ(s->banner, "/etc/banner");
		ATF_CHECK_STREQ(s->banner_success, "/etc/banner.ok");
		ATF_CHECK_STREQ(s->banner_fail, "/etc/banner.no");
		ATF_CHECK_STREQ(s->bind, "127.0.0.1");
		ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
		ATF_CHECK_EQ(s->per_source, 3);
		ATF_CHECK(s->groups);
		ATF_CHECK_EQ(s->cps_rate, 10);
		ATF_CHECK_EQ(s->cps_wait, 5);
		ATF_CHECK(s->max_load == 3.5);
		ATF_CHECK_EQ(s->umask, 027);
		ATF_CHECK_EQ(s->log.kind, XCFG_LOG_FILE);
		ATF_CHECK_STREQ(s->log.path, "/var/log/xinetd.log");
		ATF_CHECK_EQ(s->log.soft, 10 * 1024);
		ATF_CHECK_EQ(s->log.hard, 15 * 1024);
		ATF_CHECK(s->mdns);
		ATF_CHECK_EQ(s->max_spawns, 60);
		ATF_CHECK_EQ(s->per_source_rate, 6);
	}
	xcfg_free(cfg);

	/*
	 * v6only from defaults: IPv6-only unless the service is IPv4, which
	 * is no conflict since the service did not ask for v6only itself.
	 */
	cfg = h_load(
	    "defaults\n{\n"
	    "\tv6only\t\t= yes\n"
	    "}\n"
	    SVC("telnet", "")
	    SVC("ftp", "\tflags\t\t= IPv4\n")
	    SVC("smtp", "\tbind\t\t= 127.0.0.1\n")
	    SVC("finger", "\tv6only\t\t= no\n"));
	h_expect_ok(cfg);
	ATF_CHECK_EQ(h_service(cfg, "telnet")->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(h_service(cfg, "ftp")->family, XCFG_FAMILY_INET);
	ATF_CHECK_EQ(h_service(cfg, "smtp")->family, XCFG_FAMILY_INET);
	ATF_CHECK_EQ(h_service(cfg, "finger")->family, XCFG_FAMILY_DUAL);
	xcfg_free(cfg);

	/*
	 * interface is bind's other name.  In defaults a scalar may be
	 * given again, the last value counting.
	 */
	cfg = h_load("defaults\n{\n"
	    "\tbind\t\t= 127.0.0.2\n"
	    "\tinterface\t= 127.0.0.1\n"
	    "\tinstances\t= 5\n"
	    "\tinstances\t= 6\n"
	    "}\n"
	    SVC("telnet", ""));
	h_expect_ok(cfg);
	ATF_CHECK_STREQ(h_service(cfg, "telnet")->bind, "127.0.0.1");
	ATF_CHECK_EQ(h_service(cfg, "telnet")->instances, 6);
	xcfg_free(cfg);
}

ATF_TC(defaults_not_allowed);
ATF_TC_HEAD(defaults_not_allowed, tc)
{
	atf_tc_set_md_var(tc, "descr", "Service-only attributes are refused "
	    "in defaults, each with FILE:LINE: ATTR: not allowed in defaults; "
	    "enabled and disabled are refused in services");
}
ATF_TC_BODY(defaults_not_allowed, tc)
{
	static const char *const attrs[][2] = {
		{ "id", "x" },
		{ "type", "UNLISTED" },
		{ "flags", "REUSE" },
		{ "disable", "yes" },
		{ "socket_type", "stream" },
		{ "protocol", "tcp" },
		{ "wait", "no" },
		{ "user", "root" },
		{ "group", "staff" },
		{ "nice", "5" },
		{ "server", "/bin/true" },
		{ "server_args", "-x" },
		{ "libwrap", "x" },
		{ "access_times", "08:00-17:00" },
		{ "rpc_version", "1" },
		{ "rpc_number", "100001" },
		{ "env", "A=1" },
		{ "port", "23" },
		{ "redirect", "10.0.0.1 23" },
		{ "redirect_source", "10.0.0.2" },
		{ "rlimit_as", "1M" },
		{ "rlimit_cpu", "10" },
		{ "rlimit_data", "1M" },
		{ "rlimit_files", "64" },
		{ "rlimit_rss", "1M" },
		{ "rlimit_stack", "1M" },
		{ "deny_time", "10" },
		{ "login_class", "daemon" },
		{ "sndbuf", "1K" },
		{ "rcvbuf", "1K" },
		{ "listen_backlog", "10" },
		{ "accept_filter", "dataready" },
		{ "ipsec", "in discard" },
	};
	const size_t n = sizeof(attrs) / sizeof(attrs[0]);
	const struct xcfg_service *s;
	struct xcfg *cfg;
	char text[4096], line[128], want[128];
	size_t i;

	h_init(tc);
	strlcpy(text, "defaults\n{\n", sizeof(text));
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "\t%s = %s\n", attrs[i][0],
		    attrs[i][1]);
		ATF_REQUIRE(strlcat(text, line, sizeof(text)) < sizeof(text));
	}
	ATF_REQUIRE(strlcat(text, "}\n" SVC("telnet", ""), sizeof(text)) <
	    sizeof(text));
	cfg = h_load(text);
	h_expect_fail(cfg);
	for (i = 0; i < n; i++) {
		/* Line 1 is "defaults", line 2 the brace. */
		snprintf(want, sizeof(want), "test.conf:%zu: %s: not allowed "
		    "in defaults", i + 3, attrs[i][0]);
		h_expect_diag(cfg, want);
	}
	/* Nothing of it reached the service. */
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->nice, XCFG_UNSET);
	ATF_CHECK_EQ(s->env.n, 0);
	ATF_CHECK_EQ(s->n_access_times, 0);
	ATF_CHECK_EQ(s->deny_time, XCFG_UNSET);
	ATF_CHECK_EQ(s->type, 0);
	ATF_CHECK_EQ(s->port, 23);
	ATF_CHECK(s->libwrap == NULL);
	xcfg_free(cfg);

	cfg = h_load(SVC("telnet",
	    "\tenabled\t\t= telnet\n"
	    "\tdisabled\t= telnet\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:7: enabled: only allowed in defaults");
	h_expect_diag(cfg, "test.conf:8: disabled: only allowed in defaults");
	xcfg_free(cfg);
}

ATF_TC(defaults_after_service);
ATF_TC_HEAD(defaults_after_service, tc)
{
	atf_tc_set_md_var(tc, "descr", "A defaults block applies to the "
	    "services written before it too");
}
ATF_TC_BODY(defaults_after_service, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet", "")
	    "defaults\n{\n"
	    "\tinstances\t= 7\n"
	    "\tonly_from\t= 10.0.0.0\n"
	    "\tdisabled\t= ftp\n"
	    "}\n"
	    SVC("ftp", ""));
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->instances, 7);
	ATF_REQUIRE_EQ(s->only_from.n, 1);
	check_net(&s->only_from.v[0], "10.0.0.0", 8);
	ATF_CHECK(!s->disabled);
	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->instances, 7);
	ATF_CHECK(s->disabled);
	xcfg_free(cfg);
}

ATF_TC(defaults_enabled_disabled);
ATF_TC_HEAD(defaults_enabled_disabled, tc)
{
	atf_tc_set_md_var(tc, "descr", "disabled = ID lists switch services "
	    "off; an enabled = list switches off every service not in it; "
	    "both accumulate over lines; switched-off services stay listed");
}
ATF_TC_BODY(defaults_enabled_disabled, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "defaults\n{\n"
	    "\tdisabled\t= telnet\n"
	    "\tdisabled\t= ftp-alt finger\n"
	    "}\n"
	    SVC("telnet", "")
	    SVC("ftp", "\tid\t\t= ftp-alt\n")
	    SVC("finger", "")
	    SVC("smtp", "")
	    /* Same socket as ftp-alt, which is off: no conflict. */
	    SVC("ftp", "\tid\t\t= ftp-new\n"));
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 5);
	ATF_CHECK(h_service(cfg, "telnet")->disabled);
	ATF_CHECK(h_service(cfg, "ftp-alt")->disabled);
	ATF_CHECK(h_service(cfg, "finger")->disabled);
	ATF_CHECK(!h_service(cfg, "smtp")->disabled);
	ATF_CHECK(!h_service(cfg, "ftp-new")->disabled);
	xcfg_free(cfg);

	cfg = h_load(
	    "defaults\n{\n"
	    "\tenabled\t\t= smtp\n"
	    "\tenabled\t\t= finger\n"
	    "}\n"
	    SVC("telnet", "")
	    SVC("smtp", "")
	    SVC("finger", "")
	    SVC("ftp", "\tdisable\t\t= yes\n"));
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 4);
	ATF_CHECK(h_service(cfg, "telnet")->disabled);
	ATF_CHECK(!h_service(cfg, "smtp")->disabled);
	ATF_CHECK(!h_service(cfg, "finger")->disabled);
	ATF_CHECK(h_service(cfg, "ftp")->disabled);
	xcfg_free(cfg);

	/* enabled on a disabled service does not switch it back on. */
	cfg = h_load(
	    "defaults\n{\n"
	    "\tenabled\t\t= telnet\n"
	    "}\n"
	    SVC("telnet", "\tdisable\t\t= yes\n"));
	h_expect_ok(cfg);
	ATF_CHECK(h_service(cfg, "telnet")->disabled);
	xcfg_free(cfg);
}

ATF_TC(defaults_disabled_id_or_name);
ATF_TC_HEAD(defaults_disabled_id_or_name, tc)
{
	atf_tc_set_md_var(tc, "descr", "disabled and enabled list ids or "
	    "names (xinetd.conf(5)): 'disabled = echo' reaches echo-stream "
	    "and echo-dgram, both named echo");
}
ATF_TC_BODY(defaults_disabled_id_or_name, tc)
{
#define ECHOS \
	"service echo\n{\n" \
	"\tid\t\t= echo-stream\n" \
	"\ttype\t\t= INTERNAL\n" \
	"\tsocket_type\t= stream\n" \
	"\twait\t\t= no\n" \
	"}\n" \
	"service echo\n{\n" \
	"\tid\t\t= echo-dgram\n" \
	"\ttype\t\t= INTERNAL\n" \
	"\tsocket_type\t= dgram\n" \
	"\twait\t\t= yes\n" \
	"}\n" \
	SVC("telnet", "")
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load("defaults\n{\n\tdisabled\t= echo\n}\n" ECHOS);
	h_expect_ok(cfg);
	ATF_CHECK(h_service(cfg, "echo-stream")->disabled);
	ATF_CHECK(h_service(cfg, "echo-dgram")->disabled);
	ATF_CHECK(!h_service(cfg, "telnet")->disabled);
	xcfg_free(cfg);

	cfg = h_load("defaults\n{\n\tdisabled\t= echo-dgram\n}\n" ECHOS);
	h_expect_ok(cfg);
	ATF_CHECK(!h_service(cfg, "echo-stream")->disabled);
	ATF_CHECK(h_service(cfg, "echo-dgram")->disabled);
	xcfg_free(cfg);

	cfg = h_load("defaults\n{\n\tenabled\t\t= echo-dgram\n}\n" ECHOS);
	h_expect_ok(cfg);
	ATF_CHECK(h_service(cfg, "echo-stream")->disabled);
	ATF_CHECK(!h_service(cfg, "echo-dgram")->disabled);
	ATF_CHECK(h_service(cfg, "telnet")->disabled);
	xcfg_free(cfg);

	cfg = h_load("defaults\n{\n\tenabled\t\t= echo\n}\n" ECHOS);
	h_expect_ok(cfg);
	ATF_CHECK(!h_service(cfg, "echo-stream")->disabled);
	ATF_CHECK(!h_service(cfg, "echo-dgram")->disabled);
	ATF_CHECK(h_service(cfg, "telnet")->disabled);
	xcfg_free(cfg);
#undef ECHOS
}

ATF_TC(defaults_override_scalar);
ATF_TC_HEAD(defaults_override_scalar, tc)
{
	atf_tc_set_md_var(tc, "descr", "A service may override an inherited "
	    "scalar once: that is not 'given more than once'");
}
ATF_TC_BODY(defaults_override_scalar, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "defaults\n{\n"
	    "\tinstances\t= 5\n"
	    "\tbanner\t\t= /etc/banner.a\n"
	    "\tbind\t\t= 127.0.0.1\n"
	    "\tcps\t\t= 1 1\n"
	    "\tumask\t\t= 022\n"
	    "\tper_source\t= 2\n"
	    "\tlog_type\t= SYSLOG auth\n"
	    "\tgroups\t\t= yes\n"
	    "}\n"
	    SVC("telnet",
	    "\tinstances\t= 7\n"
	    "\tbanner\t\t= /etc/banner.b\n"
	    "\tinterface\t= 127.0.0.2\n"
	    "\tcps\t\t= 2 3\n"
	    "\tumask\t\t= 077\n"
	    "\tper_source\t= UNLIMITED\n"
	    "\tlog_type\t= FILE /var/log/telnet\n"
	    "\tgroups\t\t= no\n")
	    SVC("ftp", ""));
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->instances, 7);
	ATF_CHECK_STREQ(s->banner, "/etc/banner.b");
	ATF_CHECK_STREQ(s->bind, "127.0.0.2");
	ATF_CHECK_EQ(s->cps_rate, 2);
	ATF_CHECK_EQ(s->cps_wait, 3);
	ATF_CHECK_EQ(s->umask, 077);
	ATF_CHECK_EQ(s->per_source, XCFG_UNLIMITED);
	ATF_CHECK_EQ(s->log.kind, XCFG_LOG_FILE);
	ATF_CHECK_STREQ(s->log.path, "/var/log/telnet");
	ATF_CHECK(!s->groups);
	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->instances, 5);
	ATF_CHECK_STREQ(s->banner, "/etc/banner.a");
	ATF_CHECK_STREQ(s->bind, "127.0.0.1");
	ATF_CHECK_EQ(s->log.kind, XCFG_LOG_SYSLOG);
	ATF_CHECK_EQ(s->log.facility, LOG_AUTH);
	ATF_CHECK(s->groups);
	xcfg_free(cfg);

	/* Within the service itself the rule holds. */
	cfg = h_load(
	    "defaults\n{\n"
	    "\tinstances\t= 5\n"
	    "}\n"
	    SVC("telnet",
	    "\tinstances\t= 7\n"
	    "\tinstances\t= 8\n"));
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:12: instances: given more than once");
	xcfg_free(cfg);
}

ATF_TC(defaults_second_block);
ATF_TC_HEAD(defaults_second_block, tc)
{
	atf_tc_set_md_var(tc, "descr", "At most one defaults block per file");
}
ATF_TC_BODY(defaults_second_block, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "defaults\n{\n"
	    "\tinstances\t= 5\n"
	    "}\n"
	    SVC("telnet", "")
	    "\n"
	    "defaults {\n"
	    "\tper_source\t= 2\n"
	    "}\n");
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:13: second defaults block in this file "
	    "(first at line 1)");
	xcfg_free(cfg);
}

ATF_TC(defaults_merged_across_includes);
ATF_TC_HEAD(defaults_merged_across_includes, tc)
{
	atf_tc_set_md_var(tc, "descr", "Defaults blocks of included files "
	    "merge with the including file's and apply to all services");
}
ATF_TC_BODY(defaults_merged_across_includes, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;
	size_t i;

	h_init(tc);
	h_write("main.conf",
	    "defaults\n{\n"
	    "\tonly_from\t= 10.0.0.0\n"
	    "\tinstances\t= 4\n"
	    "}\n"
	    "include other.conf\n"
	    SVC("telnet", ""));
	h_write("other.conf",
	    "defaults\n{\n"
	    "\tonly_from\t= 192.168.0.0\n"
	    "\tper_source\t= 2\n"
	    "\tdisabled\t= finger\n"
	    "}\n"
	    SVC("ftp", "")
	    SVC("finger", ""));
	cfg = h_load_file("main.conf", XCFG_SYNTAX_AUTO);
	h_expect_ok(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 3);
	for (i = 0; i < 3; i++) {
		s = xcfg_service(cfg, i);
		ATF_REQUIRE_EQ_MSG(s->only_from.n, 2, "%s", s->id);
		check_net(&s->only_from.v[0], "10.0.0.0", 8);
		check_net(&s->only_from.v[1], "192.168.0.0", 16);
		ATF_CHECK_EQ(s->instances, 4);
		ATF_CHECK_EQ(s->per_source, 2);
	}
	ATF_CHECK(!h_service(cfg, "telnet")->disabled);
	ATF_CHECK(!h_service(cfg, "ftp")->disabled);
	ATF_CHECK(h_service(cfg, "finger")->disabled);
	xcfg_free(cfg);
}

atf_error_t
tcs_defaults(atf_tp_t *tp)
{
	ATF_TP_ADD_TC(tp, defaults_lists_accumulate);
	ATF_TP_ADD_TC(tp, defaults_log_on_replaces_builtin);
	ATF_TP_ADD_TC(tp, defaults_copied_into_service);
	ATF_TP_ADD_TC(tp, defaults_scalars_inherited);
	ATF_TP_ADD_TC(tp, defaults_not_allowed);
	ATF_TP_ADD_TC(tp, defaults_after_service);
	ATF_TP_ADD_TC(tp, defaults_enabled_disabled);
	ATF_TP_ADD_TC(tp, defaults_disabled_id_or_name);
	ATF_TP_ADD_TC(tp, defaults_override_scalar);
	ATF_TP_ADD_TC(tp, defaults_second_block);
	ATF_TP_ADD_TC(tp, defaults_merged_across_includes);
	return atf_no_error();
}
