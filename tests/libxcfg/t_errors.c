/*
 * Diagnostics: every kind of problem gives its exact message at its
 * file and line, makes the load fail, and never crashes the loader.
 */

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

/* Lines 3 to 6 of a service block. */
#define BODY(server) \
	"\tsocket_type\t= stream\n" \
	"\twait\t\t= no\n" \
	"\tuser\t\t= root\n" \
	"\tserver\t\t= " server "\n"

/* An open telnet block: the next line is line 7. */
#define TELNET \
	"service telnet\n" \
	"{\n" \
	BODY("/usr/sbin/in.telnetd")

/* An RPC service without its rpc_version and protocol (lines 1-7). */
#define RSTATD \
	"service rstatd\n" \
	"{\n" \
	"\ttype\t\t= RPC\n" \
	BODY("/usr/sbin/rpc.rstatd")

/* A valid inetd.conf line. */
#define FTP_LINE "ftp stream tcp nowait root /usr/sbin/in.ftpd in.ftpd\n"

/* A key/value definition needing one more option and its ';'. */
#define KV_TELNET "telnet on socktype = stream, protocol = tcp4, " \
	"wait = no, user = root"

/* The load failed with this one diagnostic and no other. */
static void
expect_only(const struct xcfg *cfg, const char *want)
{
	h_expect_fail(cfg);
	h_expect_diag(cfg, want);
	h_expect_ndiags(cfg, 1);
}

static void
only_as(const char *text, enum xcfg_syntax syntax, const char *want)
{
	struct xcfg *cfg = h_load_as("test.conf", text, syntax);

	expect_only(cfg, want);
	xcfg_free(cfg);
}

/* Load text as test.conf: it must fail with exactly this diagnostic. */
static void
only(const char *text, const char *want)
{
	only_as(text, XCFG_SYNTAX_AUTO, want);
}

/* Diagnostic i, field by field. */
static void
check_diag(const struct xcfg *cfg, size_t i, const char *file, int line,
    bool warning, const char *msg)
{
	const struct xcfg_diag *d = xcfg_diag(cfg, i);

	ATF_REQUIRE_MSG(d != NULL, "no diagnostic %zu", i);
	ATF_CHECK_STREQ_MSG(d->file, file, "diagnostic %zu", i);
	ATF_CHECK_EQ_MSG(d->line, line, "diagnostic %zu", i);
	ATF_CHECK_EQ_MSG(d->warning, warning, "diagnostic %zu", i);
	ATF_CHECK_STREQ_MSG(d->msg, msg, "diagnostic %zu", i);
}

/* Whether any diagnostic message contains s. */
static bool
diags_mention(const struct xcfg *cfg, const char *s)
{
	size_t i;

	for (i = 0; i < xcfg_ndiags(cfg); i++)
		if (strstr(xcfg_diag(cfg, i)->msg, s) != NULL)
			return true;
	return false;
}

static void
make_dir(const char *path)
{
	ATF_REQUIRE_MSG(mkdir(path, 0755) == 0 || errno == EEXIST,
	    "mkdir %s: %s", path, strerror(errno));
}

static void
write_bytes(const char *path, const char *buf, size_t len)
{
	FILE *fp;

	ATF_REQUIRE((fp = fopen(path, "w")) != NULL);
	ATF_REQUIRE(fwrite(buf, 1, len, fp) == len);
	ATF_REQUIRE(fclose(fp) == 0);
}

/* TELNET, a comment line of n bytes as line 7, the closing brace. */
static char *
long_line_text(size_t n, const char *eol)
{
	size_t head = strlen(TELNET);
	char *buf;

	ATF_REQUIRE((buf = malloc(head + n + 8)) != NULL);
	memcpy(buf, TELNET, head);
	buf[head] = '#';
	memset(buf + head + 1, 'a', n - 1);
	strcpy(buf + head + n, eol);
	strcat(buf, "}\n");
	return buf;
}

/*
 * xinetd.conf block grammar.
 */
ATF_TC(unknown_attribute);
ATF_TC_HEAD(unknown_attribute, tc)
{
	atf_tc_set_md_var(tc, "descr", "An unknown attribute, a line that "
	    "is no attribute and a missing operator are reported");
}
ATF_TC_BODY(unknown_attribute, tc)
{
	h_init(tc);
	only(TELNET "\tfrob\t\t= 1\n}\n",
	    "test.conf:7: unknown attribute 'frob'");
	only(TELNET "\tSocket_Type\t= stream\n}\n",
	    "test.conf:7: unknown attribute 'Socket_Type'");
	only(TELNET "\t$x = 1\n}\n",
	    "test.conf:7: expected an attribute name, found '$x = 1'");
	only(TELNET "\tnice 5\n}\n",
	    "test.conf:7: expected '=', '+=' or '-=' after 'nice'");
}

ATF_TC(wrong_operator);
ATF_TC_HEAD(wrong_operator, tc)
{
	atf_tc_set_md_var(tc, "descr", "'+=' and '-=' on a scalar, '-=' on "
	    "env and on the defaults lists are refused");
}
ATF_TC_BODY(wrong_operator, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	only(TELNET "\tinstances\t+= 5\n}\n",
	    "test.conf:7: instances: operator '+=' not allowed (only =)");
	only(TELNET "\tnice\t\t-= 5\n}\n",
	    "test.conf:7: nice: operator '-=' not allowed (only =)");
	only(TELNET "\tserver_args\t+= -h\n}\n",
	    "test.conf:7: server_args: operator '+=' not allowed (only =)");
	only(TELNET "\tflags\t\t+= KEEPALIVE\n}\n",
	    "test.conf:7: flags: operator '+=' not allowed (only =)");
	only(TELNET "\tenv\t\t-= A=b\n}\n",
	    "test.conf:7: env: operator '-=' not allowed (only = and +=)");
	only("defaults\n{\n\tdisabled\t-= telnet\n}\n" TELNET "}\n",
	    "test.conf:3: disabled: operator '-=' not allowed "
	    "(only = and +=)");
	/* The list attributes take all three. */
	cfg = h_load(TELNET "\tenv\t\t+= A=b\n\tpassenv\t\t-= HOME\n"
	    "\tonly_from\t+= 10.0.0.0/8\n\tonly_from\t-= 10.0.0.0/8\n}\n");
	h_expect_ok(cfg);
	h_expect_ndiags(cfg, 0);
	xcfg_free(cfg);
}

ATF_TC(missing_open_brace);
ATF_TC_HEAD(missing_open_brace, tc)
{
	atf_tc_set_md_var(tc, "descr", "A header not followed by '{' is "
	    "reported once and the block is still read");
}
ATF_TC_BODY(missing_open_brace, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load("service telnet\n" BODY("/usr/sbin/in.telnetd") "}\n"
	    SVC("ftp", ""));
	expect_only(cfg, "test.conf:2: expected '{' after the line 1 header");
	ATF_CHECK_EQ(xcfg_nservices(cfg), 2);
	xcfg_free(cfg);
}

ATF_TC(stray_braces);
ATF_TC_HEAD(stray_braces, tc)
{
	atf_tc_set_md_var(tc, "descr", "An extra '}', a '}' or '{' outside "
	    "any block and a '{' inside a block are reported");
}
ATF_TC_BODY(stray_braces, tc)
{
	h_init(tc);
	only(SVC("telnet", "") "}\n",
	    "test.conf:8: '}' without an open block");
	only_as("}\n", XCFG_SYNTAX_XINETD,
	    "test.conf:1: '}' without an open block");
	only_as("{\n", XCFG_SYNTAX_XINETD,
	    "test.conf:1: '{' without 'service' or 'defaults'");
	only(TELNET "\t{\n}\n", "test.conf:7: '{' inside a block");
	only(SVC("telnet", "") "} x\n",
	    "test.conf:8: '}' without an open block");
	only(TELNET "} x\n", "test.conf:7: unexpected word after '}': 'x'");
}

ATF_TC(missing_close_brace);
ATF_TC_HEAD(missing_close_brace, tc)
{
	atf_tc_set_md_var(tc, "descr", "A 'service' line inside a block "
	    "reports the missing '}' and starts the next block");
}
ATF_TC_BODY(missing_close_brace, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(TELNET SVC("ftp", ""));
	expect_only(cfg,
	    "test.conf:7: missing '}' for the block opened at line 1");
	ATF_CHECK_EQ(xcfg_nservices(cfg), 2);
	ATF_CHECK(xcfg_find(cfg, "ftp") != NULL);
	xcfg_free(cfg);

	only("defaults\n{\n\tinstances = 5\n" SVC("telnet", ""),
	    "test.conf:4: missing '}' for the block opened at line 1");
}

ATF_TC(unterminated_block);
ATF_TC_HEAD(unterminated_block, tc)
{
	atf_tc_set_md_var(tc, "descr", "A block still open at the end of "
	    "the file is reported at its header");
}
ATF_TC_BODY(unterminated_block, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	only(TELNET, "test.conf:1: block not closed: missing '}' before the "
	    "end of the file");
	only(SVC("ftp", "") "defaults\n{\n\tinstances = 5\n",
	    "test.conf:8: block not closed: missing '}' before the end of "
	    "the file");
	/* A header alone: its block is empty as well as open. */
	cfg = h_load(SVC("ftp", "") "service telnet\n");
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:8: block not closed: missing '}' "
	    "before the end of the file");
	xcfg_free(cfg);
}

ATF_TC(bad_top_level);
ATF_TC_HEAD(bad_top_level, tc)
{
	atf_tc_set_md_var(tc, "descr", "Bad headers and words outside "
	    "blocks are reported");
}
ATF_TC_BODY(bad_top_level, tc)
{
	enum xcfg_syntax x = XCFG_SYNTAX_XINETD;

	h_init(tc);
	only_as("frobnicate\n" SVC("telnet", ""), x,
	    "test.conf:1: expected 'service', 'defaults', 'include' or "
	    "'includedir', found 'frobnicate'");
	only_as("include\n" SVC("telnet", ""), x,
	    "test.conf:1: missing file name after 'include'");
	only_as("includedir a b\n" SVC("telnet", ""), x,
	    "test.conf:1: too many words after 'includedir'");
	only("defaults\n{\n}\n" SVC("telnet", "") "defaults\n{\n}\n",
	    "test.conf:11: second defaults block in this file (first at "
	    "line 1)");
}

ATF_TC(bad_header_no_cascade);
ATF_TC_HEAD(bad_header_no_cascade, tc)
{
	atf_tc_set_md_var(tc, "descr", "A bad block header is one problem: "
	    "the lines of its block are not each reported again");
}
ATF_TC_BODY(bad_header_no_cascade, tc)
{
	h_init(tc);
	only(SVC("tel net", ""), "test.conf:1: unexpected word 'net'");
	only_as("service\n{\n" BODY("/usr/sbin/in.telnetd") "}\n",
	    XCFG_SYNTAX_XINETD,
	    "test.conf:1: missing service name after 'service'");
	only("defaults x\n{\n\tinstances = 5\n}\n" SVC("telnet", ""),
	    "test.conf:1: unexpected word 'x'");
}

ATF_TC(bad_header_word_after_brace);
ATF_TC_HEAD(bad_header_word_after_brace, tc)
{
	atf_tc_set_md_var(tc, "descr", "A word after the '{' of a header is "
	    "named, not the '{'");
}
ATF_TC_BODY(bad_header_word_after_brace, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load("service telnet { x\n" BODY("/usr/sbin/in.telnetd")
	    "}\n");
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:1: unexpected word 'x'");
	xcfg_free(cfg);
}

/*
 * Values of the wrong kind.
 */
ATF_TC(bad_numbers);
ATF_TC_HEAD(bad_numbers, tc)
{
	atf_tc_set_md_var(tc, "descr", "Counts, ranges, sizes, minutes and "
	    "loads that are not numbers or out of range");
}
ATF_TC_BODY(bad_numbers, tc)
{
	h_init(tc);
	only(TELNET "\tinstances\t= abc\n}\n", "test.conf:7: instances: "
	    "'abc' is not a positive number or UNLIMITED");
	only(TELNET "\tinstances\t= 0\n}\n", "test.conf:7: instances: "
	    "'0' is not a positive number or UNLIMITED");
	only(TELNET "\tper_source\t= -3\n}\n", "test.conf:7: per_source: "
	    "'-3' is not a positive number or UNLIMITED");
	only(TELNET "\tnice\t\t= 20\n}\n",
	    "test.conf:7: nice: '20' is not a number from -20 to 19");
	only(TELNET "\tnice\t\t= -21\n}\n",
	    "test.conf:7: nice: '-21' is not a number from -20 to 19");
	only(TELNET "\tmax_spawns\t= many\n}\n", "test.conf:7: max_spawns: "
	    "'many' is not a number or UNLIMITED");
	only(TELNET "\trlimit_cpu\t= 1K\n}\n", "test.conf:7: rlimit_cpu: "
	    "'1K' is not a number or UNLIMITED");
	only(TELNET "\tdeny_time\t= soon\n}\n", "test.conf:7: deny_time: "
	    "'soon' is not minutes, FOREVER or NEVER");
	only(TELNET "\tmax_load\t= 0\n}\n",
	    "test.conf:7: max_load: '0' is not a positive number");
	only(TELNET "\tlisten_backlog\t= 70000\n}\n", "test.conf:7: "
	    "listen_backlog: '70000' is not a number from 1 to 65535");
	only(TELNET "\tper_source_ipv6_prefix = 129\n}\n", "test.conf:7: "
	    "per_source_ipv6_prefix: '129' is not a number from 1 to 128");
}

ATF_TC(bad_yes_no);
ATF_TC_HEAD(bad_yes_no, tc)
{
	atf_tc_set_md_var(tc, "descr", "yes/no attributes take only yes or "
	    "no");
}
ATF_TC_BODY(bad_yes_no, tc)
{
	h_init(tc);
	only("service telnet\n{\n\tsocket_type = stream\n\twait = maybe\n"
	    "\tuser = root\n\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:4: wait: 'maybe' is not yes or no");
	only(TELNET "\tgroups\t\t= 1\n}\n",
	    "test.conf:7: groups: '1' is not yes or no");
	only(TELNET "\tv6only\t\t= true\n}\n",
	    "test.conf:7: v6only: 'true' is not yes or no");
	only(TELNET "\tdisable\t\t= sometimes\n}\n",
	    "test.conf:7: disable: 'sometimes' is not yes or no");
}

ATF_TC(bad_sizes_intervals);
ATF_TC_HEAD(bad_sizes_intervals, tc)
{
	atf_tc_set_md_var(tc, "descr", "Sizes and access_times intervals of "
	    "the wrong form");
}
ATF_TC_BODY(bad_sizes_intervals, tc)
{
	h_init(tc);
	only(TELNET "\trlimit_as\t= 12Q\n}\n",
	    "test.conf:7: rlimit_as: '12Q' is not a size or UNLIMITED");
	only(TELNET "\trlimit_stack\t= -1\n}\n",
	    "test.conf:7: rlimit_stack: '-1' is not a size or UNLIMITED");
	only(TELNET "\tsndbuf\t\t= 0\n}\n",
	    "test.conf:7: sndbuf: '0' is not a size from 1 to 1G");
	only(TELNET "\taccess_times\t= 25:00-26:00\n}\n",
	    "test.conf:7: access_times: '25:00-26:00' is not an interval "
	    "hh:mm-hh:mm");
	only(TELNET "\taccess_times\t= 8:00-12:00 noon\n}\n",
	    "test.conf:7: access_times: 'noon' is not an interval "
	    "hh:mm-hh:mm");
}

ATF_TC(bad_umask);
ATF_TC_HEAD(bad_umask, tc)
{
	atf_tc_set_md_var(tc, "descr", "umask takes an octal mode up to "
	    "0777");
}
ATF_TC_BODY(bad_umask, tc)
{
	h_init(tc);
	only(TELNET "\tumask\t\t= 0888\n}\n",
	    "test.conf:7: umask: '0888' is not an octal mode");
	only(TELNET "\tumask\t\t= 999\n}\n",
	    "test.conf:7: umask: '999' is not an octal mode");
	only(TELNET "\tumask\t\t= 01000\n}\n",
	    "test.conf:7: umask: '01000' is not an octal mode");
	only(TELNET "\tumask\t\t= -22\n}\n",
	    "test.conf:7: umask: '-22' is not an octal mode");
	only(TELNET "\tumask\t\t= 022x\n}\n",
	    "test.conf:7: umask: '022x' is not an octal mode");
}

ATF_TC(bad_log_type);
ATF_TC_HEAD(bad_log_type, tc)
{
	atf_tc_set_md_var(tc, "descr", "Every malformed log_type form");
}
ATF_TC_BODY(bad_log_type, tc)
{
	h_init(tc);
	only(TELNET "\tlog_type\t= SYSLOG\n}\n",
	    "test.conf:7: log_type: takes at least 2 values, found 1");
	only(TELNET "\tlog_type\t= SYSLOG daemon info extra\n}\n",
	    "test.conf:7: log_type: SYSLOG takes a facility and an optional "
	    "level");
	only(TELNET "\tlog_type\t= SYSLOG nofac\n}\n",
	    "test.conf:7: log_type: unknown syslog facility 'nofac'");
	only(TELNET "\tlog_type\t= SYSLOG daemon loud\n}\n",
	    "test.conf:7: log_type: unknown syslog level 'loud'");
	only(TELNET "\tlog_type\t= FILE log/telnet\n}\n",
	    "test.conf:7: log_type: 'log/telnet' is not an absolute path");
	only(TELNET "\tlog_type\t= FILE /var/log/telnet 10X\n}\n",
	    "test.conf:7: log_type: '10X' is not a size");
	only(TELNET "\tlog_type\t= FILE /var/log/telnet 1K 2Z\n}\n",
	    "test.conf:7: log_type: '2Z' is not a size");
	only(TELNET "\tlog_type\t= FILE /var/log/telnet 10M 1M\n}\n",
	    "test.conf:7: log_type: hard limit 1048576 is below soft limit "
	    "10485760");
	only(TELNET "\tlog_type\t= FILE /a 1 2 3\n}\n",
	    "test.conf:7: log_type: takes at most 4 values, found 5");
	only(TELNET "\tlog_type\t= STDERR x\n}\n",
	    "test.conf:7: log_type: 'STDERR' is not SYSLOG or FILE");
}

ATF_TC(bad_cps);
ATF_TC_HEAD(bad_cps, tc)
{
	atf_tc_set_md_var(tc, "descr", "cps takes two numbers, and a wait "
	    "of 0 only with a rate of 0");
}
ATF_TC_BODY(bad_cps, tc)
{
	h_init(tc);
	only(TELNET "\tcps\t\t= 10\n}\n",
	    "test.conf:7: cps: takes 2 values, found 1");
	only(TELNET "\tcps\t\t= 10 5 1\n}\n",
	    "test.conf:7: cps: takes 2 values, found 3");
	only(TELNET "\tcps\t\t= ten 5\n}\n",
	    "test.conf:7: cps: 'ten 5' is not two numbers");
	only(TELNET "\tcps\t\t= 10 0\n}\n",
	    "test.conf:7: cps: a wait of 0 seconds needs a rate of 0");
}

ATF_TC(bad_rpc_values);
ATF_TC_HEAD(bad_rpc_values, tc)
{
	atf_tc_set_md_var(tc, "descr", "rpc_version ranges and rpc_number "
	    "values of the wrong form");
}
ATF_TC_BODY(bad_rpc_values, tc)
{
	h_init(tc);
	only(RSTATD "\tprotocol\t= udp\n\trpc_version\t= 3-1\n}\n",
	    "test.conf:9: rpc_version: range '3-1' is empty");
	only(RSTATD "\tprotocol\t= udp\n\trpc_version\t= 1-257\n}\n",
	    "test.conf:9: rpc_version: range '1-257' has more than 256 "
	    "versions");
	only(RSTATD "\tprotocol\t= udp\n\trpc_version\t= x\n}\n",
	    "test.conf:9: rpc_version: 'x' is not a version or range");
	only(RSTATD "\tprotocol\t= udp\n\trpc_version\t= 1-\n}\n",
	    "test.conf:9: rpc_version: '1-' is not a version or range");
	only(RSTATD "\tprotocol\t= udp\n\trpc_version\t= -2\n}\n",
	    "test.conf:9: rpc_version: '-2' is not a version or range");
	only(RSTATD "\tprotocol\t= udp\n\trpc_version\t= 1\n"
	    "\trpc_number\t= 0\n}\n",
	    "test.conf:10: rpc_number: '0' is not a number from 1 to "
	    "2147483647");
}

ATF_TC(bad_redirect);
ATF_TC_HEAD(bad_redirect, tc)
{
	atf_tc_set_md_var(tc, "descr", "A redirect without a port or with "
	    "an unknown one is the only problem reported");
}
ATF_TC_BODY(bad_redirect, tc)
{
	h_init(tc);
	only("service telnet\n{\n\tsocket_type = stream\n\twait = no\n"
	    "\tredirect = 10.0.0.1\n}\n",
	    "test.conf:5: redirect: takes 2 values, found 1");
	only("service telnet\n{\n\tsocket_type = stream\n\twait = no\n"
	    "\tredirect = 10.0.0.1 nosuchport\n}\n",
	    "test.conf:5: redirect: unknown port 'nosuchport'");
}

/* A redirect service open after line 5, the next line being line 6. */
#define RELAY \
	"service telnet\n{\n\tsocket_type = stream\n\twait = no\n" \
	"\tredirect = 10.0.0.1 23\n"

ATF_TC(bad_redirect_source);
ATF_TC_HEAD(bad_redirect_source, tc)
{
	atf_tc_set_md_var(tc, "descr", "redirect_source: only with "
	    "redirect, only in a service, once, one word that is an address "
	    "or a host name; each the only problem reported");
}
ATF_TC_BODY(bad_redirect_source, tc)
{
	h_init(tc);
	only(TELNET "\tredirect_source\t= 10.0.0.2\n}\n",
	    "test.conf:1: service telnet: redirect_source needs redirect");
	only("service echo\n{\n\ttype = INTERNAL\n"
	    "\tsocket_type = stream\n\twait = no\n"
	    "\tredirect_source = 10.0.0.2\n}\n",
	    "test.conf:1: service echo: redirect_source needs redirect");
	only("defaults\n{\n\tredirect_source = 10.0.0.2\n}\n" RELAY "}\n",
	    "test.conf:3: redirect_source: not allowed in defaults");
	only(RELAY "\tredirect_source = 10.0.0.2\n"
	    "\tredirect_source = 10.0.0.3\n}\n",
	    "test.conf:7: redirect_source: given more than once");
	only(RELAY "\tredirect_source =\n}\n",
	    "test.conf:6: redirect_source: takes 1 value, found 0");
	only(RELAY "\tredirect_source = 10.0.0.2 10.0.0.3\n}\n",
	    "test.conf:6: redirect_source: takes 1 value, found 2");
	only(RELAY "\tredirect_source += 10.0.0.2\n}\n",
	    "test.conf:6: redirect_source: operator '+=' not allowed (only =)");
	only(RELAY "\tredirect_source = 10.0.0.256\n}\n",
	    "test.conf:6: redirect_source: '10.0.0.256' is not an IPv4 "
	    "address");
	only(RELAY "\tredirect_source = 2001:db8::1::2\n}\n",
	    "test.conf:6: redirect_source: '2001:db8::1::2' is not an IPv6 "
	    "address");
	only(RELAY "\tredirect_source = /run/relay.sock\n}\n",
	    "test.conf:6: redirect_source: '/run/relay.sock' is not an "
	    "address or a host name");
}

ATF_TC(bad_env_passenv);
ATF_TC_HEAD(bad_env_passenv, tc)
{
	atf_tc_set_md_var(tc, "descr", "env takes NAME=value, passenv takes "
	    "names");
}
ATF_TC_BODY(bad_env_passenv, tc)
{
	h_init(tc);
	only(TELNET "\tenv\t\t= TERM\n}\n",
	    "test.conf:7: env: 'TERM' is not NAME=value");
	only(TELNET "\tenv\t\t= A=1 =2\n}\n",
	    "test.conf:7: env: '=2' is not NAME=value");
	only(TELNET "\tenv\t\t= 1A=b\n}\n",
	    "test.conf:7: env: '1A=b' is not NAME=value");
	only(TELNET "\tpassenv\t\t= A-B\n}\n",
	    "test.conf:7: passenv: 'A-B' is not a variable name");
	only(TELNET "\tpassenv\t\t= HOME=/\n}\n",
	    "test.conf:7: passenv: 'HOME=/' is not a variable name");
}

ATF_TC(bad_misc_values);
ATF_TC_HEAD(bad_misc_values, tc)
{
	atf_tc_set_md_var(tc, "descr", "Keyword lists, paths and bind "
	    "addresses of the wrong form");
}
ATF_TC_BODY(bad_misc_values, tc)
{
	h_init(tc);
	only(TELNET "\tsocket_type\t= stream\n}\n",
	    "test.conf:7: socket_type: given more than once");
	only(TELNET "\ttype\t\t= SPECIAL\n}\n",
	    "test.conf:7: type: unknown value 'SPECIAL'");
	only(TELNET "\tflags\t\t= REUSE FAST\n}\n",
	    "test.conf:7: flags: unknown flag 'FAST'");
	only(TELNET "\tlog_on_success\t= PID COLOR\n}\n",
	    "test.conf:7: log_on_success: unknown value 'COLOR'");
	only(TELNET "\tbanner\t\t= motd\n}\n",
	    "test.conf:7: banner: 'motd' is not an absolute path");
	only(TELNET "\tbind\t\t= 10.0.0.300\n}\n",
	    "test.conf:7: bind: '10.0.0.300' is not an IPv4 address");
	only(TELNET "\tbind\t\t= fe80:::1\n}\n",
	    "test.conf:7: bind: 'fe80:::1' is not an IPv6 address");
	only(TELNET "\tnice\t\t=\n}\n",
	    "test.conf:7: nice: takes 1 value, found 0");
}

ATF_TC(port_range_xinetd);
ATF_TC_HEAD(port_range_xinetd, tc)
{
	atf_tc_set_md_var(tc, "descr", "port takes 1 to 65535");
}
ATF_TC_BODY(port_range_xinetd, tc)
{
	h_init(tc);
	only(TELNET "\tport\t\t= 0\n}\n",
	    "test.conf:7: port: '0' is not a number from 1 to 65535");
	only(TELNET "\tport\t\t= 65536\n}\n",
	    "test.conf:7: port: '65536' is not a number from 1 to 65535");
	only(TELNET "\tport\t\t= 99999\n}\n",
	    "test.conf:7: port: '99999' is not a number from 1 to 65535");
	only(TELNET "\tport\t\t= -1\n}\n",
	    "test.conf:7: port: '-1' is not a number from 1 to 65535");
	only(TELNET "\tport\t\t= 23x\n}\n",
	    "test.conf:7: port: '23x' is not a number from 1 to 65535");
}

ATF_TC(port_range_inetd);
ATF_TC_HEAD(port_range_inetd, tc)
{
	atf_tc_set_md_var(tc, "descr", "A port number as the inetd.conf "
	    "service name takes 1 to 65535");
}
ATF_TC_BODY(port_range_inetd, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	only("0 stream tcp nowait root /usr/sbin/x x\n",
	    "test.conf:1: port 0 out of range (1-65535)");
	only("65536 stream tcp nowait root /usr/sbin/x x\n",
	    "test.conf:1: port 65536 out of range (1-65535)");
	only("99999 stream tcp nowait root /usr/sbin/x x\n",
	    "test.conf:1: port 99999 out of range (1-65535)");
	only("0000 stream tcp nowait root /usr/sbin/x x\n",
	    "test.conf:1: port 0000 out of range (1-65535)");
	only("123456 stream tcp nowait root /usr/sbin/x x\n",
	    "test.conf:1: port 123456 out of range (1-65535)");
	only("70000 on socktype = stream, protocol = tcp4, wait = no, "
	    "user = root, exec = /usr/sbin/x;\n",
	    "test.conf:1: port 70000 out of range (1-65535)");
	/* The limits themselves are fine. */
	cfg = h_load("1 stream tcp nowait root /usr/sbin/x x\n"
	    "65535 stream tcp nowait root /usr/sbin/x x\n");
	h_expect_ok(cfg);
	xcfg_free(cfg);
}

ATF_TC(port_negative_inetd);
ATF_TC_HEAD(port_negative_inetd, tc)
{
	atf_tc_set_md_var(tc, "descr", "-1 as the inetd.conf service name "
	    "is an out-of-range port, not a service name");
}
ATF_TC_BODY(port_negative_inetd, tc)
{
	h_init(tc);
	only("-1 stream tcp nowait root /usr/sbin/x x\n",
	    "test.conf:1: port -1 out of range (1-65535)");
}

/*
 * Names that are not in the test suite's passwd, group, services,
 * protocols and rpc files.
 */
ATF_TC(unknown_names_xinetd);
ATF_TC_HEAD(unknown_names_xinetd, tc)
{
	atf_tc_set_md_var(tc, "descr", "Unknown user, group, service, "
	    "protocol and RPC program in xinetd.conf");
}
ATF_TC_BODY(unknown_names_xinetd, tc)
{
	h_init(tc);
	only("service telnet\n{\n\tsocket_type = stream\n\twait = no\n"
	    "\tuser = nosuch\n\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:5: user: unknown user 'nosuch'");
	only(TELNET "\tgroup\t\t= nogroupatall\n}\n",
	    "test.conf:7: group: unknown group 'nogroupatall'");
	only(SVC("nosuchsvc", ""), "test.conf:1: service nosuchsvc: unknown "
	    "service nosuchsvc/tcp (not in the services file; use type = "
	    "UNLISTED and port)");
	/* ntp is only udp in the test services file. */
	only(SVC("ntp", ""), "test.conf:1: service ntp: unknown service "
	    "ntp/tcp (not in the services file; use type = UNLISTED and "
	    "port)");
	only(TELNET "\tprotocol\t= xtp\n}\n",
	    "test.conf:7: protocol: unknown protocol 'xtp'");
	only("service nosuchrpc\n{\n\ttype = RPC\n\tprotocol = tcp\n"
	    "\trpc_version = 1\n" BODY("/usr/sbin/x") "}\n",
	    "test.conf:1: service nosuchrpc: unknown RPC program "
	    "'nosuchrpc'");
}

ATF_TC(unknown_names_inetd);
ATF_TC_HEAD(unknown_names_inetd, tc)
{
	atf_tc_set_md_var(tc, "descr", "Unknown user, group, protocol and "
	    "RPC program in inetd.conf");
}
ATF_TC_BODY(unknown_names_inetd, tc)
{
	h_init(tc);
	only("telnet stream tcp nowait nosuch /usr/sbin/in.telnetd x\n",
	    "test.conf:1: user: unknown user 'nosuch'");
	only("telnet stream tcp nowait root:nogrp /usr/sbin/in.telnetd x\n",
	    "test.conf:1: group: unknown group 'nogrp'");
	only("telnet stream tcp nowait root.nogrp /usr/sbin/in.telnetd x\n",
	    "test.conf:1: group: unknown group 'nogrp'");
	only("telnet stream tpc nowait root /usr/sbin/in.telnetd x\n",
	    "test.conf:1: unknown protocol 'tpc'");
	only("nosuchrpc/1 stream rpc/tcp nowait root /usr/sbin/x x\n",
	    "test.conf:1: service nosuchrpc: unknown RPC program "
	    "'nosuchrpc'");
	only("rstatd/3-1 dgram rpc/udp wait root /usr/sbin/rpc.rstatd x\n",
	    "test.conf:1: rpc_version: range '3-1' is empty");
	only(KV_TELNET ", group = nogrp, exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: group: unknown group 'nogrp'");
}

ATF_TC(unknown_service_inetd);
ATF_TC_HEAD(unknown_service_inetd, tc)
{
	atf_tc_set_md_var(tc, "descr", "An unknown service name in "
	    "inetd.conf gives advice that fits inetd.conf, not xinetd.conf");
}
ATF_TC_BODY(unknown_service_inetd, tc)
{
	const char *want = "service nosuchsvc: unknown service nosuchsvc/tcp";
	const struct xcfg_diag *d;
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load("nosuchsvc stream tcp nowait root /usr/sbin/x x\n");
	h_expect_fail(cfg);
	h_expect_ndiags(cfg, 1);
	d = xcfg_diag(cfg, 0);
	ATF_CHECK_EQ(d->line, 1);
	ATF_CHECK_MSG(strncmp(d->msg, want, strlen(want)) == 0,
	    "got '%s'", d->msg);
	/* inetd.conf has no "type" and no "port": a number is the port. */
	ATF_CHECK_MSG(!diags_mention(cfg, "type = UNLISTED"),
	    "inetd.conf advice names xinetd attributes: '%s'", d->msg);
	xcfg_free(cfg);
}

/*
 * include and includedir.
 */
ATF_TC(include_loop);
ATF_TC_HEAD(include_loop, tc)
{
	atf_tc_set_md_var(tc, "descr", "A file including itself, directly "
	    "or not, is reported at the include line");
}
ATF_TC_BODY(include_loop, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	h_write("a.conf", "include b.conf\n" SVC("telnet", ""));
	h_write("b.conf", "# b\ninclude a.conf\n");
	cfg = h_load_file("a.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "b.conf:2: include loop: a.conf is already being "
	    "read");
	ATF_CHECK_EQ(xcfg_nservices(cfg), 1);
	xcfg_free(cfg);

	h_write("self.conf", SVC("telnet", "") "include self.conf\n");
	cfg = h_load_file("self.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "self.conf:8: include loop: self.conf is already "
	    "being read");
	xcfg_free(cfg);

	/* inetd.conf's .include */
	h_write("i1.conf", ".include i2.conf\n" FTP_LINE);
	h_write("i2.conf", ".include i1.conf\n");
	cfg = h_load_file("i1.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "i2.conf:1: include loop: i1.conf is already being "
	    "read");
	xcfg_free(cfg);
}

ATF_TC(include_loop_other_spelling);
ATF_TC_HEAD(include_loop_other_spelling, tc)
{
	atf_tc_set_md_var(tc, "descr", "A loop through another spelling of "
	    "a file's path is an include loop too");
}
ATF_TC_BODY(include_loop_other_spelling, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	h_write("a.conf", "include ./a.conf\n" SVC("telnet", ""));
	cfg = h_load_file("a.conf", XCFG_SYNTAX_AUTO);
	h_expect_fail(cfg);
	ATF_CHECK_EQ(xcfg_nservices(cfg), 1);
	expect_only(cfg, "a.conf:1: include loop: ./a.conf is already being "
	    "read");
	xcfg_free(cfg);
}

/* n.conf includes n+1.conf; the last one defines telnet. */
static void
write_chain(int files)
{
	char name[32], text[64];
	int i;

	for (i = 0; i < files - 1; i++) {
		snprintf(name, sizeof(name), "n%d.conf", i);
		snprintf(text, sizeof(text), "include n%d.conf\n", i + 1);
		h_write(name, text);
	}
	snprintf(name, sizeof(name), "n%d.conf", files - 1);
	h_write(name, SVC("telnet", ""));
}

ATF_TC(include_too_deep);
ATF_TC_HEAD(include_too_deep, tc)
{
	atf_tc_set_md_var(tc, "descr", "16 nested files are read; a 17th is "
	    "refused at the include line");
}
ATF_TC_BODY(include_too_deep, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	write_chain(16);
	cfg = h_load_file("n0.conf", XCFG_SYNTAX_AUTO);
	h_expect_ok(cfg);
	ATF_CHECK_EQ(xcfg_nservices(cfg), 1);
	xcfg_free(cfg);

	write_chain(17);
	cfg = h_load_file("n0.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "n15.conf:1: includes nested deeper than 16 files");
	ATF_CHECK_EQ(xcfg_nservices(cfg), 0);
	xcfg_free(cfg);
}

ATF_TC(include_missing);
ATF_TC_HEAD(include_missing, tc)
{
	atf_tc_set_md_var(tc, "descr", "A missing include file or directory "
	    "is reported at the include line, with the path tried");
}
ATF_TC_BODY(include_missing, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	make_dir("cfg");
	make_dir("cfg/sub");
	h_write("cfg/main.conf", SVC("telnet", "") "include missing.conf\n");
	cfg = h_load_file("cfg/main.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "cfg/main.conf:8: cannot open cfg/missing.conf: "
	    "No such file or directory");
	xcfg_free(cfg);

	h_write("cfg/main.conf", "includedir nodir\n" SVC("telnet", ""));
	cfg = h_load_file("cfg/main.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "cfg/main.conf:1: includedir: cannot open "
	    "cfg/nodir: No such file or directory");
	xcfg_free(cfg);

	h_write("cfg/main.conf", "include sub\n" SVC("telnet", ""));
	cfg = h_load_file("cfg/main.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "cfg/main.conf:1: cfg/sub: not a regular file");
	xcfg_free(cfg);

	cfg = h_load_file("cfg/none.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "cfg/none.conf: cannot open cfg/none.conf: No such "
	    "file or directory");
	xcfg_free(cfg);

	/* An inetd.conf .include matching nothing only warns. */
	h_write("cfg/inetd.conf", FTP_LINE ".include nothing.*\n");
	cfg = h_load_file("cfg/inetd.conf", XCFG_SYNTAX_AUTO);
	h_expect_ok(cfg);
	h_expect_diag(cfg, "cfg/inetd.conf:2: warning: no files match "
	    "'cfg/nothing.*'");
	h_expect_ndiags(cfg, 1);
	xcfg_free(cfg);
}

/*
 * What text is accepted at all.
 */
ATF_TC(long_line);
ATF_TC_HEAD(long_line, tc)
{
	atf_tc_set_md_var(tc, "descr", "A line of 8192 bytes is read; a "
	    "longer one refuses the file");
}
ATF_TC_BODY(long_line, tc)
{
	struct xcfg *cfg;
	char *text;

	h_init(tc);
	text = long_line_text(8192, "\n");
	cfg = h_load(text);
	h_expect_ok(cfg);
	xcfg_free(cfg);
	free(text);

	text = long_line_text(8193, "\n");
	cfg = h_load(text);
	expect_only(cfg, "test.conf:7: line longer than 8192 bytes");
	ATF_CHECK_EQ(xcfg_nservices(cfg), 0);
	xcfg_free(cfg);
	free(text);

	/* The last line need not end in a newline. */
	text = long_line_text(8193, "");
	text[strlen(text) - 2] = '\0';
	cfg = h_load(text);
	expect_only(cfg, "test.conf:7: line longer than 8192 bytes");
	xcfg_free(cfg);
	free(text);
}

ATF_TC(long_line_crlf);
ATF_TC_HEAD(long_line_crlf, tc)
{
	atf_tc_set_md_var(tc, "descr", "The CR of a CRLF line end does not "
	    "count against the 8192 bytes of the line");
}
ATF_TC_BODY(long_line_crlf, tc)
{
	struct xcfg *cfg;
	char *text;

	h_init(tc);
	text = long_line_text(8192, "\r\n");
	cfg = h_load(text);
	h_expect_ok(cfg);
	xcfg_free(cfg);
	free(text);
}

ATF_TC(big_file);
ATF_TC_HEAD(big_file, tc)
{
	atf_tc_set_md_var(tc, "descr", "A file over 16 MiB is refused "
	    "before it is read");
}
ATF_TC_BODY(big_file, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	h_write("big.conf", SVC("telnet", ""));
	ATF_REQUIRE(truncate("big.conf", (16 << 20) + 1) == 0);
	cfg = h_load_file("big.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "big.conf: file larger than 16777216 bytes");
	check_diag(cfg, 0, "big.conf", 0, false,
	    "file larger than 16777216 bytes");
	xcfg_free(cfg);
}

ATF_TC(nul_byte);
ATF_TC_HEAD(nul_byte, tc)
{
	atf_tc_set_md_var(tc, "descr", "A NUL byte refuses the file, read "
	    "from disk or from memory");
}
ATF_TC_BODY(nul_byte, tc)
{
	static const char text[] = SVC("telnet", "") "# a\0b\n";
	struct xcfg *cfg;

	h_init(tc);
	write_bytes("nul.conf", text, sizeof(text) - 1);
	cfg = h_load_file("nul.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "nul.conf:8: NUL byte in file");
	ATF_CHECK_EQ(xcfg_nservices(cfg), 0);
	xcfg_free(cfg);

	cfg = xcfg_load_buffer("mem.conf", text, sizeof(text) - 1, NULL);
	ATF_REQUIRE(cfg != NULL);
	expect_only(cfg, "mem.conf:8: NUL byte in file");
	xcfg_free(cfg);

	/* One NUL alone, and one at the very start. */
	cfg = xcfg_load_buffer("mem.conf", "", 1, NULL);
	ATF_REQUIRE(cfg != NULL);
	expect_only(cfg, "mem.conf:1: NUL byte in file");
	xcfg_free(cfg);
}

ATF_TC(invalid_bytes);
ATF_TC_HEAD(invalid_bytes, tc)
{
	atf_tc_set_md_var(tc, "descr", "Bytes that are not UTF-8 and control "
	    "bytes refuse the file; UTF-8 text is read");
}
ATF_TC_BODY(invalid_bytes, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	only(SVC("telnet", "") "# a\377b\n",
	    "test.conf:8: invalid byte 0xff (not UTF-8 text)");
	/* overlong '/' in two and in three bytes */
	only(SVC("telnet", "") "# a\300\257b\n",
	    "test.conf:8: invalid byte 0xc0 (not UTF-8 text)");
	only(SVC("telnet", "") "# a\340\200\257b\n",
	    "test.conf:8: invalid byte 0xe0 (not UTF-8 text)");
	/* overlong U+FFFF in four bytes, a surrogate, beyond U+10FFFF */
	only(SVC("telnet", "") "# a\360\217\277\277b\n",
	    "test.conf:8: invalid byte 0xf0 (not UTF-8 text)");
	only(SVC("telnet", "") "# a\355\240\200b\n",
	    "test.conf:8: invalid byte 0xed (not UTF-8 text)");
	only(SVC("telnet", "") "# a\364\220\200\200b\n",
	    "test.conf:8: invalid byte 0xf4 (not UTF-8 text)");
	/* a lone continuation byte; a sequence cut by the end of file */
	only(SVC("telnet", "") "# a\200b\n",
	    "test.conf:8: invalid byte 0x80 (not UTF-8 text)");
	only(SVC("telnet", "") "# a\303",
	    "test.conf:8: invalid byte 0xc3 (not UTF-8 text)");
	only(SVC("telnet", "") "# a\001b\n",
	    "test.conf:8: invalid control byte 0x01");
	only(SVC("telnet", "") "# a\033[1m\n",
	    "test.conf:8: invalid control byte 0x1b");
	only("\001" SVC("telnet", ""),
	    "test.conf:1: invalid control byte 0x01");
	/* UTF-8 text, tabs, CRs and form feeds are fine. */
	cfg = h_load(SVC("telnet", "") "# caf\303\251 \346\227\245 "
	    "\360\237\230\200\t\f\r\n");
	h_expect_ok(cfg);
	xcfg_free(cfg);
}

ATF_TC(empty_file);
ATF_TC_HEAD(empty_file, tc)
{
	atf_tc_set_md_var(tc, "descr", "An empty file is refused as a whole "
	    "(line 0); an empty included file only warns");
}
ATF_TC_BODY(empty_file, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load_as("test.conf", "", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "test.conf: file is empty");
	check_diag(cfg, 0, "test.conf", 0, false, "file is empty");
	xcfg_free(cfg);

	cfg = h_load_as("test.conf", "", XCFG_SYNTAX_XINETD);
	expect_only(cfg, "test.conf: file is empty");
	xcfg_free(cfg);

	h_write("empty.conf", "");
	cfg = h_load_file("empty.conf", XCFG_SYNTAX_AUTO);
	expect_only(cfg, "empty.conf: file is empty");
	check_diag(cfg, 0, "empty.conf", 0, false, "file is empty");
	xcfg_free(cfg);

	h_write("main.conf", "include empty.conf\n" SVC("telnet", ""));
	cfg = h_load_file("main.conf", XCFG_SYNTAX_AUTO);
	h_expect_ok(cfg);
	h_expect_ndiags(cfg, 1);
	check_diag(cfg, 0, "empty.conf", 0, true, "file is empty");
	xcfg_free(cfg);
}

ATF_TC(no_services);
ATF_TC_HEAD(no_services, tc)
{
	atf_tc_set_md_var(tc, "descr", "Comments, blank lines or a defaults "
	    "block alone define no services");
}
ATF_TC_BODY(no_services, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load("# only\n# comments\n\n");
	expect_only(cfg, "test.conf: no services defined");
	check_diag(cfg, 0, "test.conf", 0, false, "no services defined");
	xcfg_free(cfg);
	only("\n  \n\t\n", "test.conf: no services defined");
	only("defaults\n{\n\tinstances = 5\n}\n",
	    "test.conf: no services defined");
	only_as("# nothing\n", XCFG_SYNTAX_XINETD,
	    "test.conf: no services defined");
	only_as("# nothing\n", XCFG_SYNTAX_INETD,
	    "test.conf: no services defined");
}

ATF_TC(not_a_config);
ATF_TC_HEAD(not_a_config, tc)
{
	atf_tc_set_md_var(tc, "descr", "A passwd file or C source read as a "
	    "configuration gives errors line by line and no crash");
}
ATF_TC_BODY(not_a_config, tc)
{
	char want[2048];
	const char *path;
	struct xcfg *cfg;
	size_t i;

	h_init(tc);
	path = h_data("passwd");
	cfg = h_load_file(path, XCFG_SYNTAX_AUTO);
	h_expect_fail(cfg);
	ATF_CHECK_EQ(xcfg_nservices(cfg), 0);
	h_expect_ndiags(cfg, 10);
	for (i = 0; i < 10; i++)
		check_diag(cfg, i, path, (int)i + 1, false, i == 6 ?
		    "expected at least 6 fields, found 2" :
		    "expected at least 6 fields, found 1");
	xcfg_free(cfg);

	cfg = h_load_file(path, XCFG_SYNTAX_XINETD);
	h_expect_fail(cfg);
	h_expect_ndiags(cfg, 10);
	snprintf(want, sizeof(want), "%s:1: expected 'service', 'defaults', "
	    "'include' or 'includedir', found 'root:x:0:0:root:/root:/bin/sh'",
	    path);
	h_expect_diag(cfg, want);
	xcfg_free(cfg);

	cfg = h_load("#include <stdio.h>\n"
	    "\n"
	    "int\n"
	    "main(void)\n"
	    "{\n"
	    "\tprintf(\"hello, world\\n\");\n"
	    "\treturn 0;\n"
	    "}\n");
	h_expect_fail(cfg);
	ATF_CHECK_EQ(xcfg_nservices(cfg), 0);
	h_expect_ndiags(cfg, 4);
	check_diag(cfg, 0, "test.conf", 3, false,
	    "expected at least 6 fields, found 1");
	check_diag(cfg, 1, "test.conf", 4, false,
	    "expected at least 6 fields, found 1");
	check_diag(cfg, 2, "test.conf", 5, false,
	    "expected at least 6 fields, found 5");
	check_diag(cfg, 3, "test.conf", 8, false,
	    "expected at least 6 fields, found 1");
	xcfg_free(cfg);

	cfg = h_load_as("test.conf", "int main(void) { return 0; }\n",
	    XCFG_SYNTAX_XINETD);
	expect_only(cfg, "test.conf:1: expected 'service', 'defaults', "
	    "'include' or 'includedir', found 'int'");
	xcfg_free(cfg);
}

/*
 * Checks across services.
 */
ATF_TC(duplicate_id);
ATF_TC_HEAD(duplicate_id, tc)
{
	atf_tc_set_md_var(tc, "descr", "Two services with one id are "
	    "reported at the second");
}
ATF_TC_BODY(duplicate_id, tc)
{
	h_init(tc);
	only(SVC("telnet", "") SVC("telnet", ""),
	    "test.conf:8: duplicate service id 'telnet' (first defined at "
	    "test.conf:1)");
	only(SVC("telnet", "\tid = t\n") SVC("ftp", "\tid = t\n"),
	    "test.conf:9: duplicate service id 't' (first defined at "
	    "test.conf:1)");
	only(SVC("telnet", "\tid = ftp\n") SVC("ftp", ""),
	    "test.conf:9: duplicate service id 'ftp' (first defined at "
	    "test.conf:1)");
}

ATF_TC(same_socket);
ATF_TC_HEAD(same_socket, tc)
{
	atf_tc_set_md_var(tc, "descr", "Two services on one socket, with "
	    "and without bind, across families");
}
ATF_TC_BODY(same_socket, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	only(SVC("telnet", "\tid = t1\n") SVC("telnet", "\tid = t2\n"),
	    "test.conf:9: service t2 uses the same socket as service t1 "
	    "(test.conf:1)");
	only(SVC("telnet", "\tid = t1\n\tbind = 10.0.0.1\n")
	    SVC("telnet", "\tid = t2\n\tbind = 10.0.0.1\n"),
	    "test.conf:10: service t2 uses the same socket as service t1 "
	    "(test.conf:1)");
	/* The wildcard address overlaps every address. */
	only(SVC("telnet", "\tid = t1\n\tbind = 10.0.0.1\n")
	    SVC("telnet", "\tid = t2\n"),
	    "test.conf:10: service t2 uses the same socket as service t1 "
	    "(test.conf:1)");
	/* A dual-stack socket takes the IPv4 port too. */
	only(SVC("telnet", "\tid = t1\n")
	    SVC("telnet", "\tid = t2\n\tflags = IPv4\n"),
	    "test.conf:9: service t2 uses the same socket as service t1 "
	    "(test.conf:1)");
	/* Another name for the same port. */
	only(SVC("telnet", "") "service other\n{\n\ttype = UNLISTED\n"
	    "\tprotocol = tcp\n\tport = 23\n" BODY("/usr/sbin/other") "}\n",
	    "test.conf:8: service other uses the same socket as service "
	    "telnet (test.conf:1)");
	only("telnet stream tcp46 nowait root /usr/sbin/in.telnetd x\n"
	    "telnet stream tcp4 nowait root /usr/sbin/in.telnetd x\n",
	    "test.conf:2: service telnet-tcp4 uses the same socket as "
	    "service telnet (test.conf:1)");

	/* Not the same socket. */
	cfg = h_load("telnet stream tcp4 nowait root /usr/sbin/in.telnetd x\n"
	    "telnet stream tcp6 nowait root /usr/sbin/in.telnetd x\n"
	    "echo stream tcp nowait root internal\n"
	    "echo dgram udp wait root internal\n");
	h_expect_ok(cfg);
	ATF_CHECK_EQ(xcfg_nservices(cfg), 4);
	xcfg_free(cfg);
	cfg = h_load(SVC("telnet", "\tid = t1\n\tflags = IPv4\n")
	    SVC("telnet", "\tid = t2\n\tv6only = yes\n"));
	h_expect_ok(cfg);
	xcfg_free(cfg);
	cfg = h_load(SVC("telnet", "\tid = t1\n\tflags = IPv4\n")
	    SVC("telnet", "\tid = t2\n\tv6only = yes\n")
	    SVC("telnet", "\tid = t3\n\tbind = 10.0.0.1\n"));
	expect_only(cfg, "test.conf:19: service t3 uses the same socket as "
	    "service t1 (test.conf:1)");
	xcfg_free(cfg);
	cfg = h_load(SVC("telnet", "\tid = t1\n\tbind = 10.0.0.1\n")
	    SVC("telnet", "\tid = t2\n\tbind = 10.0.0.2\n"));
	h_expect_ok(cfg);
	xcfg_free(cfg);
}

ATF_TC(same_socket_ipv6_address);
ATF_TC_HEAD(same_socket_ipv6_address, tc)
{
	atf_tc_set_md_var(tc, "descr", "A service bound to an IPv6 address "
	    "takes no IPv4 port: it clashes with IPv6 services only");
}
ATF_TC_BODY(same_socket_ipv6_address, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(SVC("telnet", "\tid = t1\n\tflags = IPv4\n")
	    SVC("telnet", "\tid = t2\n\tbind = ::1\n"));
	h_expect_ok(cfg);
	xcfg_free(cfg);
	cfg = h_load(SVC("telnet", "\tid = t1\n\tflags = IPv4\n")
	    SVC("telnet", "\tid = t2\n\tv6only = yes\n")
	    SVC("telnet", "\tid = t3\n\tbind = ::1\n"));
	expect_only(cfg, "test.conf:19: service t3 uses the same socket as "
	    "service t2 (test.conf:10)");
	xcfg_free(cfg);
}

ATF_TC(duplicate_tcpmux);
ATF_TC_HEAD(duplicate_tcpmux, tc)
{
	atf_tc_set_md_var(tc, "descr", "Two tcpmux services whose names "
	    "differ only in case are reported");
}
ATF_TC_BODY(duplicate_tcpmux, tc)
{
	h_init(tc);
	only("service Foo\n{\n\ttype = TCPMUX\n" BODY("/usr/sbin/foo") "}\n"
	    "service foo\n{\n\ttype = TCPMUXPLUS\n" BODY("/usr/sbin/foo2")
	    "}\n",
	    "test.conf:9: tcpmux service foo has the same name as service Foo "
	    "(test.conf:1)");
	only("tcpmux/Foo stream tcp nowait root /usr/sbin/foo foo\n"
	    "tcpmux/+FOO stream tcp nowait root /usr/sbin/foo2 foo2\n",
	    "test.conf:2: tcpmux service FOO has the same name as service Foo "
	    "(test.conf:1)");
}

ATF_TC(conflicts);
ATF_TC_HEAD(conflicts, tc)
{
	atf_tc_set_md_var(tc, "descr", "Attributes that exclude each other "
	    "are reported at the service");
}
ATF_TC_BODY(conflicts, tc)
{
	h_init(tc);
	only(TELNET "\tflags\t\t= IPv4 IPv6\n}\n", "test.conf:1: service "
	    "telnet: flags IPv4 and IPv6 exclude each other");
	only(TELNET "\tflags\t\t= IPv4\n\tv6only\t\t= yes\n}\n",
	    "test.conf:1: service telnet: v6only given for an IPv4 service");
	only(TELNET "\tbind\t\t= 127.0.0.1\n\tv6only\t\t= no\n}\n",
	    "test.conf:1: service telnet: v6only given for an IPv4 service");
	only(TELNET "\tflags\t\t= IPv6\n\tbind\t\t= 127.0.0.1\n}\n",
	    "test.conf:1: service telnet: bind address 127.0.0.1 does not "
	    "match flag IPv6");
	only("service echo\n{\n\ttype = INTERNAL\n" BODY("/bin/cat") "}\n",
	    "test.conf:1: service echo: an INTERNAL service takes no server");
	only(TELNET "\tredirect\t= 10.0.0.1 23\n}\n", "test.conf:1: service "
	    "telnet: redirect and server exclude each other");
	only("service rstatd\n{\n\ttype = RPC TCPMUX\n\tprotocol = tcp\n"
	    "\trpc_version = 1\n" BODY("/usr/sbin/rpc.rstatd") "}\n",
	    "test.conf:1: service rstatd: types RPC and TCPMUX exclude each "
	    "other");
	only(RSTATD "\tprotocol = udp\n\trpc_version = 1\n\tport = 700\n}\n",
	    "test.conf:1: service rstatd: RPC services take no port; rpcbind "
	    "publishes the one bound");
	only("service sock\n{\n\ttype = UNLISTED\n\tprotocol = unix\n"
	    BODY("/usr/sbin/sockd") "}\n",
	    "test.conf:1: service sock: protocol unix needs bind = /path");
	only("service sock\n{\n\ttype = UNLISTED\n\tprotocol = unix\n"
	    "\tbind = 10.0.0.1\n" BODY("/usr/sbin/sockd") "}\n",
	    "test.conf:1: service sock: protocol unix needs bind = /path");
	only(TELNET "\tbind\t\t= /run/telnet.sock\n}\n", "test.conf:1: "
	    "service telnet: a path in bind needs protocol unix");
	only("service frob\n{\n\ttype = INTERNAL UNLISTED\n\tprotocol = tcp\n"
	    "\tport = 4000\n\tsocket_type = stream\n\twait = no\n}\n",
	    "test.conf:1: service frob: no internal service named 'frob'");
	only("4000 stream tcp nowait root internal\n",
	    "test.conf:1: service 4000: no internal service named '4000'");
	only("tcpmux/x dgram tcp nowait root /usr/sbin/x x\n",
	    "test.conf:1: service x: TCPMUX needs socket_type stream");
	only("service x\n{\n\ttype = TCPMUX\n\tsocket_type = stream\n"
	    "\twait = yes\n\tuser = root\n\tserver = /usr/sbin/x\n}\n",
	    "test.conf:1: service x: TCPMUX needs wait = no (it has no socket "
	    "to hand over)");
	only("service echo\n{\n\tsocket_type = dgram\n\twait = no\n"
	    "\tredirect = 10.0.0.1 7\n}\n",
	    "test.conf:1: service echo: redirect needs socket_type stream");
}

ATF_TC(unix_sockets_without_bind);
ATF_TC_HEAD(unix_sockets_without_bind, tc)
{
	atf_tc_set_md_var(tc, "descr", "Two unix services missing their "
	    "bind path are reported, not compared by a NULL path");
}
ATF_TC_BODY(unix_sockets_without_bind, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load("service a\n{\n\ttype = UNLISTED\n\tprotocol = unix\n"
	    BODY("/usr/sbin/a") "}\n"
	    "service b\n{\n\ttype = UNLISTED\n\tprotocol = unix\n"
	    "\tbind = /run/b.sock\n" BODY("/usr/sbin/b") "}\n");
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:1: service a: protocol unix needs "
	    "bind = /path");
	h_expect_ndiags(cfg, 1);
	xcfg_free(cfg);
	cfg = h_load("service a\n{\n\ttype = UNLISTED\n\tprotocol = unix\n"
	    BODY("/usr/sbin/a") "}\n"
	    "service b\n{\n\ttype = UNLISTED\n\tprotocol = unix\n"
	    BODY("/usr/sbin/b") "}\n");
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:1: service a: protocol unix needs "
	    "bind = /path");
	h_expect_diag(cfg, "test.conf:10: service b: protocol unix needs "
	    "bind = /path");
	h_expect_ndiags(cfg, 2);
	xcfg_free(cfg);
}

/*
 * Required attributes.
 */
ATF_TC(missing_required);
ATF_TC_HEAD(missing_required, tc)
{
	atf_tc_set_md_var(tc, "descr", "Each required attribute missing is "
	    "reported at the service");
}
ATF_TC_BODY(missing_required, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load("service telnet\n{\n}\n");
	h_expect_fail(cfg);
	h_expect_ndiags(cfg, 4);
	check_diag(cfg, 0, "test.conf", 1, false,
	    "service telnet: missing socket_type");
	check_diag(cfg, 1, "test.conf", 1, false,
	    "service telnet: missing wait");
	check_diag(cfg, 2, "test.conf", 1, false,
	    "service telnet: missing server");
	check_diag(cfg, 3, "test.conf", 1, false,
	    "service telnet: missing user");
	xcfg_free(cfg);

	only("service telnet\n{\n\twait = no\n\tuser = root\n"
	    "\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:1: service telnet: missing socket_type");
	only("service telnet\n{\n\tsocket_type = stream\n\tuser = root\n"
	    "\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:1: service telnet: missing wait");
	only("service telnet\n{\n\tsocket_type = stream\n\twait = no\n"
	    "\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:1: service telnet: missing user");
	only("service telnet\n{\n\tsocket_type = stream\n\twait = no\n"
	    "\tuser = root\n}\n",
	    "test.conf:1: service telnet: missing server");
	only(RSTATD "\trpc_version\t= 1\n}\n", "test.conf:1: service rstatd: "
	    "missing protocol (required for RPC services)");
	only("service myapp\n{\n\ttype = UNLISTED\n\tport = 4000\n"
	    BODY("/usr/sbin/myapp") "}\n", "test.conf:1: service myapp: "
	    "missing protocol (required for UNLISTED services)");
	only("service myapp\n{\n\ttype = UNLISTED\n\tprotocol = tcp\n"
	    BODY("/usr/sbin/myapp") "}\n", "test.conf:1: service myapp: "
	    "missing port (required for UNLISTED services)");
	only(RSTATD "\tprotocol\t= udp\n}\n",
	    "test.conf:1: service rstatd: missing rpc_version");
	only("service myrpc\n{\n\ttype = RPC UNLISTED\n\tprotocol = tcp\n"
	    "\trpc_version = 1\n" BODY("/usr/sbin/myrpc") "}\n",
	    "test.conf:1: service myrpc: missing rpc_number (required for "
	    "UNLISTED RPC)");
	/* inetd.conf */
	only("telnet on socktype = stream, protocol = tcp4, user = root, "
	    "exec = /usr/sbin/in.telnetd;\n", "test.conf:1: missing 'wait'");
	only("telnet on socktype = stream, protocol = tcp4, wait = no, "
	    "exec = /usr/sbin/in.telnetd;\n", "test.conf:1: missing 'user'");
	only("telnet on socktype = stream, wait = no, user = root, "
	    "exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: missing 'protocol'");
	only("/run/s.sock on protocol = unix, wait = no, user = root, "
	    "exec = /usr/sbin/s;\n", "test.conf:1: missing 'socktype'");
}

ATF_TC(bad_value_not_missing);
ATF_TC_HEAD(bad_value_not_missing, tc)
{
	atf_tc_set_md_var(tc, "descr", "A required attribute given a bad "
	    "value is reported once, not also as missing");
}
ATF_TC_BODY(bad_value_not_missing, tc)
{
	h_init(tc);
	only("service telnet\n{\n\tsocket_type = bogus\n\twait = no\n"
	    "\tuser = root\n\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:3: socket_type: unknown socket type 'bogus'");
	only("service telnet\n{\n\tsocket_type = stream\n\twait = bogus\n"
	    "\tuser = root\n\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:4: wait: 'bogus' is not yes or no");
	only("service telnet\n{\n\tsocket_type = stream\n\twait = no\n"
	    "\tuser = bogus\n\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:5: user: unknown user 'bogus'");
	only("service telnet\n{\n\tsocket_type = stream\n\twait = no\n"
	    "\tuser = root\n\tserver = in.telnetd\n}\n",
	    "test.conf:6: server: 'in.telnetd' is not an absolute path");
	only(RSTATD "\tprotocol\t= bogus\n\trpc_version\t= 1\n}\n",
	    "test.conf:8: protocol: unknown protocol 'bogus'");
	only("service myapp\n{\n\ttype = UNLISTED\n\tprotocol = bogus\n"
	    "\tport = 4000\n" BODY("/usr/sbin/myapp") "}\n",
	    "test.conf:4: protocol: unknown protocol 'bogus'");
	only(RSTATD "\tprotocol\t= udp\n\trpc_version\t= bogus\n}\n",
	    "test.conf:9: rpc_version: 'bogus' is not a version or range");
}

ATF_TC(bad_port_rpc_number_not_missing);
ATF_TC_HEAD(bad_port_rpc_number_not_missing, tc)
{
	atf_tc_set_md_var(tc, "descr", "A bad port of an UNLISTED service "
	    "and a bad rpc_number of an UNLISTED RPC one are not also "
	    "reported as missing");
}
ATF_TC_BODY(bad_port_rpc_number_not_missing, tc)
{
	h_init(tc);
	only("service myapp\n{\n\ttype = UNLISTED\n\tprotocol = tcp\n"
	    "\tport = 0\n" BODY("/usr/sbin/myapp") "}\n",
	    "test.conf:5: port: '0' is not a number from 1 to 65535");
	only("service myrpc\n{\n\ttype = RPC UNLISTED\n\tprotocol = tcp\n"
	    "\trpc_version = 1\n\trpc_number = abc\n" BODY("/usr/sbin/myrpc")
	    "}\n", "test.conf:6: rpc_number: 'abc' is not a number from 1 "
	    "to 2147483647");
}

ATF_TC(wrong_count_not_missing);
ATF_TC_HEAD(wrong_count_not_missing, tc)
{
	atf_tc_set_md_var(tc, "descr", "A required attribute given with too "
	    "many values or the wrong operator is not also missing");
}
ATF_TC_BODY(wrong_count_not_missing, tc)
{
	h_init(tc);
	only("service telnet\n{\n\tsocket_type = stream dgram\n\twait = no\n"
	    "\tuser = root\n\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:3: socket_type: takes 1 value, found 2");
	only("service telnet\n{\n\tsocket_type = stream\n\twait =\n"
	    "\tuser = root\n\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:4: wait: takes 1 value, found 0");
	only("service telnet\n{\n\tsocket_type = stream\n\twait = no\n"
	    "\tuser += root\n\tserver = /usr/sbin/in.telnetd\n}\n",
	    "test.conf:5: user: operator '+=' not allowed (only =)");
	only(RSTATD "\tprotocol\t= udp\n\trpc_version\t= 1 2\n}\n",
	    "test.conf:9: rpc_version: takes 1 value, found 2");
}

ATF_TC(given_twice_and_placement);
ATF_TC_HEAD(given_twice_and_placement, tc)
{
	atf_tc_set_md_var(tc, "descr", "A scalar given twice, service "
	    "attributes in defaults and defaults ones in a service");
}
ATF_TC_BODY(given_twice_and_placement, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	only(TELNET "\tsocket_type\t= dgram\n}\n",
	    "test.conf:7: socket_type: given more than once");
	only(TELNET "\tnice\t\t= 1\n\tnice\t\t= 2\n}\n",
	    "test.conf:8: nice: given more than once");
	only(TELNET "\tbind\t\t= 10.0.0.1\n\tinterface\t= 10.0.0.2\n}\n",
	    "test.conf:8: interface: given more than once");
	only("defaults\n{\n\tserver = /usr/sbin/x\n}\n" SVC("telnet", ""),
	    "test.conf:3: server: not allowed in defaults");
	only("defaults\n{\n\tport = 23\n}\n" SVC("telnet", ""),
	    "test.conf:3: port: not allowed in defaults");
	only(TELNET "\tenabled\t\t= telnet\n}\n",
	    "test.conf:7: enabled: only allowed in defaults");
	only(TELNET "\tdisabled\t= telnet\n}\n",
	    "test.conf:7: disabled: only allowed in defaults");

	/* Each problem of the defaults block is reported once. */
	cfg = h_load("defaults\n{\n\tuser = root\n}\n" SVC("telnet", "")
	    SVC("ftp", ""));
	expect_only(cfg, "test.conf:3: user: not allowed in defaults");
	xcfg_free(cfg);
}

/*
 * All problems, in order, in one load.
 */
ATF_TC(all_problems_in_order);
ATF_TC_HEAD(all_problems_in_order, tc)
{
	atf_tc_set_md_var(tc, "descr", "Five different problems give five "
	    "diagnostics, sorted by line whatever found them");
}
ATF_TC_BODY(all_problems_in_order, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load(
	    "service telnet\n"				/* 1 */
	    "{\n"
	    "\tsocket_type\t= stream\n"
	    "\twait\t\t= no\n"
	    "\tuser\t\t= nosuch\n"			/* 5 */
	    "\tserver\t\t= /usr/sbin/in.telnetd\n"
	    "\tfrob\t\t= 1\n"				/* 7 */
	    "\tnice\t\t= 99\n"				/* 8 */
	    "}\n"
	    "}\n"					/* 10 */
	    "service ftp\n"
	    "{\n"
	    "\tsocket_type\t= bogus\n"			/* 13 */
	    "\twait\t\t= no\n"
	    "\tuser\t\t= root\n"
	    "\tserver\t\t= /usr/sbin/in.ftpd\n"
	    "}\n");
	h_expect_fail(cfg);
	h_expect_ndiags(cfg, 5);
	check_diag(cfg, 0, "test.conf", 5, false,
	    "user: unknown user 'nosuch'");
	check_diag(cfg, 1, "test.conf", 7, false, "unknown attribute 'frob'");
	check_diag(cfg, 2, "test.conf", 8, false,
	    "nice: '99' is not a number from -20 to 19");
	check_diag(cfg, 3, "test.conf", 10, false,
	    "'}' without an open block");
	check_diag(cfg, 4, "test.conf", 13, false,
	    "socket_type: unknown socket type 'bogus'");
	xcfg_free(cfg);

	/* inetd.conf: each line's problem, in line order. */
	cfg = h_load("telnet stream tcp nowait root\n"
	    "ftp strem tcp nowait root /usr/sbin/in.ftpd in.ftpd\n"
	    "smtp stream tcp nowait nosuch /usr/sbin/smtpd smtpd\n"
	    "finger stream tcp maybe root /usr/sbin/fingerd fingerd\n"
	    "  continued\n"
	    "\n"
	    "   orphan\n");
	h_expect_fail(cfg);
	h_expect_ndiags(cfg, 5);
	check_diag(cfg, 0, "test.conf", 1, false,
	    "expected at least 6 fields, found 5");
	check_diag(cfg, 1, "test.conf", 2, false,
	    "unknown socket type 'strem'");
	check_diag(cfg, 2, "test.conf", 3, false,
	    "user: unknown user 'nosuch'");
	check_diag(cfg, 3, "test.conf", 4, false,
	    "expected 'wait' or 'nowait', found 'maybe'");
	check_diag(cfg, 4, "test.conf", 7, false,
	    "continuation line without a definition");
	xcfg_free(cfg);
}

ATF_TC(diag_order_files);
ATF_TC_HEAD(diag_order_files, tc)
{
	atf_tc_set_md_var(tc, "descr", "Diagnostics are sorted by file, in "
	    "the order files were first read, then by line");
}
ATF_TC_BODY(diag_order_files, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	h_write("main.conf", "include sub.conf\n" SVC("telnet",
	    "\tfrob = 1\n"));
	h_write("sub.conf", SVC("ftp", "\tnice = 99\n"));
	cfg = h_load_file("main.conf", XCFG_SYNTAX_AUTO);
	h_expect_fail(cfg);
	h_expect_ndiags(cfg, 2);
	check_diag(cfg, 0, "main.conf", 8, false, "unknown attribute 'frob'");
	check_diag(cfg, 1, "sub.conf", 7, false,
	    "nice: '99' is not a number from -20 to 19");
	xcfg_free(cfg);
}

/*
 * Disabled services.
 */
ATF_TC(disabled_errors_warn);
ATF_TC_HEAD(disabled_errors_warn, tc)
{
	atf_tc_set_md_var(tc, "descr", "Problems of a disabled service are "
	    "warnings: the load is ok and the service left out");
}
ATF_TC_BODY(disabled_errors_warn, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load("service telnet\n{\n\tdisable = yes\n"
	    "\tsocket_type = stream\n\twait = no\n\tuser = nosuch\n"
	    "\tserver = /usr/sbin/in.telnetd\n}\n" SVC("ftp", ""));
	h_expect_ok(cfg);
	h_expect_ndiags(cfg, 1);
	check_diag(cfg, 0, "test.conf", 6, true,
	    "user: unknown user 'nosuch'");
	h_expect_diag(cfg, "test.conf:6: warning: user: unknown user "
	    "'nosuch'");
	ATF_CHECK(xcfg_find(cfg, "telnet") == NULL);
	ATF_CHECK(xcfg_find(cfg, "ftp") != NULL);
	xcfg_free(cfg);

	/* disable = yes after the problem, and missing attributes */
	cfg = h_load("service telnet\n{\n\tsocket_type = bogus\n"
	    "\tdisable = yes\n}\n" SVC("ftp", ""));
	h_expect_ok(cfg);
	ATF_CHECK(xcfg_ndiags(cfg) >= 2);
	h_expect_diag(cfg, "test.conf:3: warning: socket_type: unknown "
	    "socket type 'bogus'");
	h_expect_diag(cfg, "test.conf:1: warning: service telnet: missing "
	    "wait");
	ATF_CHECK(xcfg_find(cfg, "telnet") == NULL);
	xcfg_free(cfg);

	/* Debian's #<off># lines and NetBSD's "off" */
	cfg = h_load("#<off># telnet stream tcp nowait nosuch "
	    "/usr/sbin/in.telnetd in.telnetd\n"
	    "smtp off socktype = stream, protocol = tcp4, wait = no, "
	    "user = root, group = nogrp, exec = /usr/sbin/smtpd;\n"
	    FTP_LINE);
	h_expect_ok(cfg);
	h_expect_ndiags(cfg, 2);
	check_diag(cfg, 0, "test.conf", 1, true,
	    "user: unknown user 'nosuch'");
	check_diag(cfg, 1, "test.conf", 2, true,
	    "group: unknown group 'nogrp'");
	ATF_CHECK_EQ(xcfg_nservices(cfg), 1);
	ATF_CHECK(xcfg_find(cfg, "ftp") != NULL);
	xcfg_free(cfg);
}

ATF_TC(disabled_syntax_errors_warn);
ATF_TC_HEAD(disabled_syntax_errors_warn, tc)
{
	atf_tc_set_md_var(tc, "descr", "Syntax problems of a disabled "
	    "inetd.conf definition are warnings too");
}
ATF_TC_BODY(disabled_syntax_errors_warn, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	cfg = h_load("#<off># telnet stream tcp nowait root\n" FTP_LINE);
	h_expect_ok(cfg);
	h_expect_ndiags(cfg, 1);
	check_diag(cfg, 0, "test.conf", 1, true,
	    "expected at least 6 fields, found 5");
	ATF_CHECK(xcfg_find(cfg, "ftp") != NULL);
	xcfg_free(cfg);

	cfg = h_load(KV_TELNET ", frob = 1, exec = /usr/sbin/in.telnetd;\n"
	    FTP_LINE);
	h_expect_fail(cfg);
	xcfg_free(cfg);
	cfg = h_load("telnet off socktype = stream, protocol = tcp4, "
	    "wait = no, user = root, frob = 1, exec = /usr/sbin/in.telnetd;\n"
	    FTP_LINE);
	h_expect_ok(cfg);
	h_expect_ndiags(cfg, 1);
	check_diag(cfg, 0, "test.conf", 1, true, "unknown key 'frob'");
	xcfg_free(cfg);
}

/*
 * The 200-diagnostic cap.
 */
static char *
many_problems(int n, const char *each)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int i;

	ATF_REQUIRE((fp = open_memstream(&buf, &len)) != NULL);
	fputs(TELNET, fp);
	for (i = 1; i <= n; i++)
		fprintf(fp, each, i);
	fputs("}\n", fp);
	ATF_REQUIRE(fclose(fp) == 0);
	return buf;
}

static char *
repeat_line(int n, const char *line)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int i;

	ATF_REQUIRE((fp = open_memstream(&buf, &len)) != NULL);
	for (i = 0; i < n; i++)
		fputs(line, fp);
	ATF_REQUIRE(fclose(fp) == 0);
	return buf;
}

ATF_TC(too_many_problems);
ATF_TC_HEAD(too_many_problems, tc)
{
	atf_tc_set_md_var(tc, "descr", "300 problems keep the first 200 and "
	    "one last line saying the rest are not shown");
}
ATF_TC_BODY(too_many_problems, tc)
{
	const struct xcfg_diag *d;
	struct xcfg *cfg;
	char *text, *all;

	h_init(tc);
	text = many_problems(300, "\tfrob%d = 1\n");
	cfg = h_load(text);
	h_expect_fail(cfg);
	h_expect_ndiags(cfg, 201);
	check_diag(cfg, 0, "test.conf", 7, false,
	    "unknown attribute 'frob1'");
	check_diag(cfg, 199, "test.conf", 206, false,
	    "unknown attribute 'frob200'");
	d = xcfg_diag(cfg, 200);
	ATF_CHECK_STREQ(d->msg, "too many problems; the rest are not shown");
	ATF_CHECK(!d->warning);
	all = h_diags(cfg);
	ATF_CHECK(strstr(all, "frob201") == NULL);
	free(all);
	xcfg_free(cfg);
	free(text);

	/* inetd.conf */
	text = repeat_line(300, "telnet stream tcp nowait root\n");
	cfg = h_load(text);
	h_expect_fail(cfg);
	h_expect_ndiags(cfg, 201);
	check_diag(cfg, 199, "test.conf", 200, false,
	    "expected at least 6 fields, found 5");
	ATF_CHECK_STREQ(xcfg_diag(cfg, 200)->msg,
	    "too many problems; the rest are not shown");
	xcfg_free(cfg);
	free(text);

	/* Exactly 200 problems are all shown. */
	text = many_problems(200, "\tfrob%d = 1\n");
	cfg = h_load(text);
	h_expect_ndiags(cfg, 200);
	check_diag(cfg, 199, "test.conf", 206, false,
	    "unknown attribute 'frob200'");
	xcfg_free(cfg);
	free(text);
}

ATF_TC(too_many_problems_mixed);
ATF_TC_HEAD(too_many_problems_mixed, tc)
{
	atf_tc_set_md_var(tc, "descr", "With problems found by the parser "
	    "and the resolver, the cap keeps the first 200 by line and the "
	    "'too many' line stays last");
}
ATF_TC_BODY(too_many_problems_mixed, tc)
{
	const struct xcfg_diag *d;
	struct xcfg *cfg;
	char *text;
	size_t i;

	h_init(tc);
	/* odd lines: unknown attributes; even lines: '{' in a block */
	text = many_problems(150, "\tfrob%d = 1\n\t{\n");
	cfg = h_load(text);
	h_expect_fail(cfg);
	h_expect_ndiags(cfg, 201);
	ATF_CHECK_STREQ(xcfg_diag(cfg, 200)->msg,
	    "too many problems; the rest are not shown");
	/* Problems on lines 7 to 306: the first 200 are lines 7 to 206. */
	for (i = 0; i < 200; i++) {
		d = xcfg_diag(cfg, i);
		if (d->line != (int)i + 7) {
			atf_tc_fail_nonfatal("diagnostic %zu is at line %d, "
			    "not %d: %s", i, d->line, (int)i + 7, d->msg);
			break;
		}
	}
	xcfg_free(cfg);
	free(text);
}

/*
 * inetd.conf positional syntax.
 */
ATF_TC(inetd_syntax);
ATF_TC_HEAD(inetd_syntax, tc)
{
	atf_tc_set_md_var(tc, "descr", "Too few fields, bad socket type, "
	    "protocol and wait fields, RPC versions, continuation lines");
}
ATF_TC_BODY(inetd_syntax, tc)
{
	h_init(tc);
	only("telnet stream tcp nowait root\n",
	    "test.conf:1: expected at least 6 fields, found 5");
	only(FTP_LINE "telnet\n",
	    "test.conf:2: expected at least 6 fields, found 1");
	only("telnet strem tcp nowait root /usr/sbin/in.telnetd x\n",
	    "test.conf:1: unknown socket type 'strem'");
	only("telnet stream,x tcp nowait root /usr/sbin/in.telnetd x\n",
	    "test.conf:1: invalid accept limit 'x'");
	only("telnet stream tpc nowait root /usr/sbin/in.telnetd x\n",
	    "test.conf:1: unknown protocol 'tpc'");
	only("telnet stream tcp,bufsize=1 nowait root /usr/sbin/in.telnetd "
	    "x\n", "test.conf:1: unknown protocol option 'bufsize=1'");
	only("telnet stream tcp,sndbuf=1q nowait root /usr/sbin/in.telnetd "
	    "x\n", "test.conf:1: invalid buffer size '1q'");
	only("telnet stream tcp nowait.x root /usr/sbin/in.telnetd x\n",
	    "test.conf:1: invalid spawn limit 'x'");
	only("telnet stream tcp maybe root /usr/sbin/in.telnetd x\n",
	    "test.conf:1: expected 'wait' or 'nowait', found 'maybe'");
	only("telnet stream tcp nowait/1/2/3/4 root /usr/sbin/in.telnetd "
	    "x\n", "test.conf:1: too many limits in 'nowait/1/2/3/4' "
	    "(at most 3)");
	only("telnet stream tcp nowait :wheel /usr/sbin/in.telnetd x\n",
	    "test.conf:1: empty user name in ':wheel'");
	only("rstatd dgram rpc/udp wait root /usr/sbin/rpc.rstatd x\n",
	    "test.conf:1: rpc service 'rstatd' needs a version "
	    "(name/version)");
	only("rstatd/1-x dgram rpc/udp wait root /usr/sbin/rpc.rstatd x\n",
	    "test.conf:1: invalid rpc version '1-x'");
	only("telnet/1 stream tcp nowait root /usr/sbin/in.telnetd x\n",
	    "test.conf:1: service 'telnet/1' has a version but protocol "
	    "'tcp' is not rpc");
	only("  telnet stream tcp nowait root /usr/sbin/in.telnetd x\n",
	    "test.conf:1: continuation line without a definition");
	only("# comment\n\tx\n" FTP_LINE,
	    "test.conf:2: continuation line without a definition");
	only("telnet stream tcp nowait root '/usr/sbin/in.telnetd x\n",
	    "test.conf:1: unterminated quote in ''/usr/sbin/in.telnetd x'");
	only(".includ x\n" FTP_LINE, "test.conf:1: unknown directive "
	    "'.includ'");
}

/*
 * NetBSD key/value definitions.
 */
ATF_TC(kv_syntax);
ATF_TC_HEAD(kv_syntax, tc)
{
	atf_tc_set_md_var(tc, "descr", "Unknown and repeated keys, quotes, "
	    "escapes, the final ';' and plain tcp without an address");
}
ATF_TC_BODY(kv_syntax, tc)
{
	struct xcfg *cfg;

	h_init(tc);
	only(KV_TELNET ", frob = 1, exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: unknown key 'frob'");
	only(KV_TELNET ", user = daemon, exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: key 'user' given twice");
	only(KV_TELNET ",\n\texec = /usr/sbin/in.telnetd, exec = /bin/sh;\n",
	    "test.conf:2: key 'exec' given twice");
	only(KV_TELNET ", exec = \"/usr/sbin/in.telnetd\\q\";\n",
	    "test.conf:1: unknown escape '\\q'");
	only(KV_TELNET ", exec = \"/usr/sbin/in.telnetd\\x4\";\n",
	    "test.conf:1: invalid escape '\\x' (two hex digits needed)");
	only(KV_TELNET ", exec = \"/usr/sbin/in.telnetd\\x00\";\n",
	    "test.conf:1: escape '\\x00' not allowed");
	only(KV_TELNET ", wait = yes, exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: key 'wait' given twice");
	only("telnet on socktype = stream, protocol = tcp4, wait = maybe, "
	    "user = root, exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: invalid wait value 'maybe' (yes or no)");
	only(KV_TELNET ", exec /usr/sbin/in.telnetd;\n",
	    "test.conf:1: expected '=' after 'exec'");
	only(KV_TELNET ", = x, exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: expected a key, found '='");
	only(KV_TELNET ", group = , exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: missing value for 'group'");
	only(KV_TELNET ", group = a b, exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: too many values for 'group'");

	/* An unterminated quote gives up on the line. */
	cfg = h_load(KV_TELNET ", exec = \"/usr/sbin/in.telnetd;\n");
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:1: unterminated quote");
	xcfg_free(cfg);
	cfg = h_load(KV_TELNET ",\n\texec = /usr/sbin/in.telnetd,\n"
	    "\targs = 'in.telnetd -h;\n" FTP_LINE "smtp on socktype = stream, "
	    "protocol = tcp4, wait = no, user = root, exec = /usr/sbin/x;\n");
	h_expect_fail(cfg);
	h_expect_diag(cfg, "test.conf:3: unterminated quote");
	xcfg_free(cfg);

	/* The ';' missing at the end of the file */
	only(FTP_LINE KV_TELNET ",\n\texec = /usr/sbin/in.telnetd\n",
	    "test.conf:2: definition not terminated by ';'");
	only(FTP_LINE "telnet on\n",
	    "test.conf:2: definition not terminated by ';'");

	/* tcp and udp need a version unless bind is an address. */
	only("telnet on socktype = stream, protocol = tcp, wait = no, "
	    "user = root, exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: protocol 'tcp' needs a version (tcp4, tcp6) unless "
	    "bind is an address");
	only("telnet on socktype = stream, protocol = udp, wait = no,\n"
	    "\tbind = localhost, user = root, exec = /usr/sbin/in.telnetd;\n",
	    "test.conf:1: protocol 'udp' needs a version (udp4, udp6) unless "
	    "bind is an address");
	only("10.0.0.1:telnet on socktype = stream, protocol = tcp4, "
	    "wait = no, bind = 10.0.0.2, user = root, "
	    "exec = /usr/sbin/in.telnetd;\n", "test.conf:1: key 'bind' "
	    "conflicts with the address prefix '10.0.0.1'");
	cfg = h_load("telnet on socktype = stream, protocol = tcp, "
	    "bind = 10.0.0.1, wait = no, user = root, "
	    "exec = /usr/sbin/in.telnetd;\n");
	h_expect_ok(cfg);
	xcfg_free(cfg);
}

atf_error_t
tcs_errors(atf_tp_t *tp)
{
	ATF_TP_ADD_TC(tp, unknown_attribute);
	ATF_TP_ADD_TC(tp, wrong_operator);
	ATF_TP_ADD_TC(tp, missing_open_brace);
	ATF_TP_ADD_TC(tp, stray_braces);
	ATF_TP_ADD_TC(tp, missing_close_brace);
	ATF_TP_ADD_TC(tp, unterminated_block);
	ATF_TP_ADD_TC(tp, bad_top_level);
	ATF_TP_ADD_TC(tp, bad_header_no_cascade);
	ATF_TP_ADD_TC(tp, bad_header_word_after_brace);
	ATF_TP_ADD_TC(tp, bad_numbers);
	ATF_TP_ADD_TC(tp, bad_yes_no);
	ATF_TP_ADD_TC(tp, bad_sizes_intervals);
	ATF_TP_ADD_TC(tp, bad_umask);
	ATF_TP_ADD_TC(tp, bad_log_type);
	ATF_TP_ADD_TC(tp, bad_cps);
	ATF_TP_ADD_TC(tp, bad_rpc_values);
	ATF_TP_ADD_TC(tp, bad_redirect);
	ATF_TP_ADD_TC(tp, bad_redirect_source);
	ATF_TP_ADD_TC(tp, bad_env_passenv);
	ATF_TP_ADD_TC(tp, bad_misc_values);
	ATF_TP_ADD_TC(tp, port_range_xinetd);
	ATF_TP_ADD_TC(tp, port_range_inetd);
	ATF_TP_ADD_TC(tp, port_negative_inetd);
	ATF_TP_ADD_TC(tp, unknown_names_xinetd);
	ATF_TP_ADD_TC(tp, unknown_names_inetd);
	ATF_TP_ADD_TC(tp, unknown_service_inetd);
	ATF_TP_ADD_TC(tp, include_loop);
	ATF_TP_ADD_TC(tp, include_loop_other_spelling);
	ATF_TP_ADD_TC(tp, include_too_deep);
	ATF_TP_ADD_TC(tp, include_missing);
	ATF_TP_ADD_TC(tp, long_line);
	ATF_TP_ADD_TC(tp, long_line_crlf);
	ATF_TP_ADD_TC(tp, big_file);
	ATF_TP_ADD_TC(tp, nul_byte);
	ATF_TP_ADD_TC(tp, invalid_bytes);
	ATF_TP_ADD_TC(tp, empty_file);
	ATF_TP_ADD_TC(tp, no_services);
	ATF_TP_ADD_TC(tp, not_a_config);
	ATF_TP_ADD_TC(tp, duplicate_id);
	ATF_TP_ADD_TC(tp, same_socket);
	ATF_TP_ADD_TC(tp, same_socket_ipv6_address);
	ATF_TP_ADD_TC(tp, duplicate_tcpmux);
	ATF_TP_ADD_TC(tp, conflicts);
	ATF_TP_ADD_TC(tp, unix_sockets_without_bind);
	ATF_TP_ADD_TC(tp, missing_required);
	ATF_TP_ADD_TC(tp, bad_value_not_missing);
	ATF_TP_ADD_TC(tp, bad_port_rpc_number_not_missing);
	ATF_TP_ADD_TC(tp, wrong_count_not_missing);
	ATF_TP_ADD_TC(tp, given_twice_and_placement);
	ATF_TP_ADD_TC(tp, all_problems_in_order);
	ATF_TP_ADD_TC(tp, diag_order_files);
	ATF_TP_ADD_TC(tp, disabled_errors_warn);
	ATF_TP_ADD_TC(tp, disabled_syntax_errors_warn);
	ATF_TP_ADD_TC(tp, too_many_problems);
	ATF_TP_ADD_TC(tp, too_many_problems_mixed);
	ATF_TP_ADD_TC(tp, inetd_syntax);
	ATF_TP_ADD_TC(tp, kv_syntax);
	return atf_no_error();
}
