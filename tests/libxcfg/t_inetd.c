/*
 * inetd.conf positional lines, as the BSDs, Debian and the classic xinetd
 * article write them: each row of a table is a text and the service it
 * must give, field by field.  Then ".include" and the shipped samples.
 */

#include <sys/socket.h>
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define MAXARGS		12

/*
 * One inetd.conf text and the service with id "id" that it must give.
 * The text loads without any diagnostic.  Fields left 0 mean: nservices
 * 1, line 1, rpc_number XCFG_UNSET, instances and per_source
 * XCFG_UNLIMITED, per_source_rate, max_spawns, sndbuf and rcvbuf
 * XCFG_UNSET.  Every other field is compared as written, so NULL strings,
 * uid 0, gid 0, no type, no flags and no argv words are expected as such.
 */
struct row {
	const char	*conf;
	size_t		 nservices;
	const char	*id;
	int		 line;
	const char	*name;
	int		 socktype;
	const char	*protocol;
	int		 protonum;
	enum xcfg_family family;
	int		 port;
	bool		 wait;
	const char	*user;
	uid_t		 uid;
	const char	*group;
	gid_t		 gid;
	const char	*login_class;
	const char	*server;
	const char	*argv[MAXARGS];
	unsigned	 type;
	unsigned	 flags;
	int		 rpc_lo, rpc_hi;
	int		 rpc_number;
	const char	*bind;
	int		 instances;
	int		 per_source;
	int		 per_source_rate;
	int		 max_spawns;
	int		 sndbuf, rcvbuf;
	const char	*accept_filter;
	const char	*ipsec;
	bool		 disabled;
};

/* Socket type, protocol and family of the common protocol fields. */
#define TCP4	.socktype = SOCK_STREAM, .protocol = "tcp", .protonum = 6, \
		.family = XCFG_FAMILY_INET
#define TCP6	.socktype = SOCK_STREAM, .protocol = "tcp", .protonum = 6, \
		.family = XCFG_FAMILY_INET6
#define TCP46	.socktype = SOCK_STREAM, .protocol = "tcp", .protonum = 6, \
		.family = XCFG_FAMILY_DUAL
#define UDP4	.socktype = SOCK_DGRAM, .protocol = "udp", .protonum = 17, \
		.family = XCFG_FAMILY_INET
#define UDP6	.socktype = SOCK_DGRAM, .protocol = "udp", .protonum = 17, \
		.family = XCFG_FAMILY_INET6
#define UDP46	.socktype = SOCK_DGRAM, .protocol = "udp", .protonum = 17, \
		.family = XCFG_FAMILY_DUAL

#define NOBODY_U	.user = "nobody", .uid = 65534
#define NOBODY		NOBODY_U, .gid = 65534

#define NROWS(t)	(sizeof(t) / sizeof((t)[0]))

/* The load succeeded without a single diagnostic. */
static void
expect_clean(const struct xcfg *cfg)
{
	char *d;

	if (!xcfg_ok(cfg) || xcfg_ndiags(cfg) != 0) {
		d = h_diags_1line(cfg);
		atf_tc_fail("%s with diagnostics: %s", xcfg_ok(cfg) ?
		    "loaded" : "refused", d);
	}
}

/* Line "line" of text, tabs as spaces, cut to fit a message. */
static void
text_line(const char *text, int line, char *buf, size_t size)
{
	size_t i;

	for (; line > 1 && text != NULL; line--)
		if ((text = strchr(text, '\n')) != NULL)
			text++;
	if (text == NULL)
		text = "";
	for (i = 0; i + 1 < size && text[i] != '\0' && text[i] != '\n'; i++)
		buf[i] = text[i] == '\t' ? ' ' : text[i];
	buf[i] = '\0';
}

static void
check_str(const char *label, const char *what, const char *got,
    const char *want)
{
	if (got == NULL && want == NULL)
		return;
	if (got != NULL && want != NULL && strcmp(got, want) == 0)
		return;
	atf_tc_fail_nonfatal("'%s': %s is %s%s%s, expected %s%s%s", label,
	    what, got != NULL ? "'" : "", got != NULL ? got : "NULL",
	    got != NULL ? "'" : "", want != NULL ? "'" : "",
	    want != NULL ? want : "NULL", want != NULL ? "'" : "");
}

static void
check_num(const char *label, const char *what, long long got,
    long long want)
{
	if (got != want)
		atf_tc_fail_nonfatal("'%s': %s is %lld, expected %lld", label,
		    what, got, want);
}

static void
check_hex(const char *label, const char *what, unsigned got, unsigned want)
{
	if (got != want)
		atf_tc_fail_nonfatal("'%s': %s is %#x, expected %#x", label,
		    what, got, want);
}

/* Words as "[a] [b c]", so blanks inside a word show. */
static void
join_words(const char *const *v, size_t n, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s[%s]",
		    i > 0 ? " " : "", v[i]);
}

static void
check_argv(const char *label, const struct xcfg_strlist *got,
    const char *const *want)
{
	char g[512], w[512];
	size_t n, i;
	bool same;

	for (n = 0; n < MAXARGS && want[n] != NULL; n++)
		continue;
	same = got->n == n;
	for (i = 0; same && i < n; i++)
		same = strcmp(got->v[i], want[i]) == 0;
	if (same)
		return;
	join_words((const char *const *)got->v, got->n, g, sizeof(g));
	join_words(want, n, w, sizeof(w));
	atf_tc_fail_nonfatal("'%s': argv is %s (%zu words), expected %s "
	    "(%zu words)", label, g, got->n, w, n);
}

static int
or_default(int v, int dflt)
{
	return v != 0 ? v : dflt;
}

/* Load the text of one row and compare the service with the row. */
static void
check_row(const struct row *r)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;
	char label[80], *d;
	size_t n = r->nservices != 0 ? r->nservices : 1;
	int line = r->line != 0 ? r->line : 1;

	text_line(r->conf, line, label, sizeof(label));
	cfg = h_load_as("inetd.conf", r->conf, XCFG_SYNTAX_INETD);
	if (!xcfg_ok(cfg) || xcfg_ndiags(cfg) != 0) {
		d = h_diags_1line(cfg);
		atf_tc_fail_nonfatal("'%s': %s with diagnostics: %s", label,
		    xcfg_ok(cfg) ? "loaded" : "refused", d);
		free(d);
		xcfg_free(cfg);
		return;
	}
	check_num(label, "number of services", (long long)xcfg_nservices(cfg),
	    (long long)n);
	if ((s = xcfg_find(cfg, r->id)) == NULL) {
		atf_tc_fail_nonfatal("'%s': no service with id '%s'", label,
		    r->id);
		xcfg_free(cfg);
		return;
	}
	check_str(label, "file", s->file, "inetd.conf");
	check_num(label, "line", s->line, line);
	check_str(label, "name", s->name, r->name);
	check_num(label, "socktype", s->socktype, r->socktype);
	check_str(label, "protocol", s->protocol, r->protocol);
	check_num(label, "protonum", s->protonum, r->protonum);
	check_num(label, "family", s->family, r->family);
	check_num(label, "port", s->port, r->port);
	check_num(label, "wait", s->wait, r->wait);
	check_str(label, "user", s->user, r->user);
	check_num(label, "uid", s->uid, r->uid);
	check_str(label, "group", s->group, r->group);
	check_num(label, "gid", s->gid, r->gid);
	check_str(label, "login_class", s->login_class, r->login_class);
	check_str(label, "server", s->server, r->server);
	check_argv(label, &s->argv, r->argv);
	check_hex(label, "type", s->type, r->type);
	check_hex(label, "flags", s->flags, r->flags);
	check_num(label, "rpc_lo", s->rpc_lo, r->rpc_lo);
	check_num(label, "rpc_hi", s->rpc_hi, r->rpc_hi);
	check_num(label, "rpc_number", s->rpc_number,
	    or_default(r->rpc_number, XCFG_UNSET));
	check_str(label, "bind", s->bind, r->bind);
	check_num(label, "instances", s->instances,
	    or_default(r->instances, XCFG_UNLIMITED));
	check_num(label, "per_source", s->per_source,
	    or_default(r->per_source, XCFG_UNLIMITED));
	check_num(label, "per_source_rate", s->per_source_rate,
	    or_default(r->per_source_rate, XCFG_UNSET));
	check_num(label, "max_spawns", s->max_spawns,
	    or_default(r->max_spawns, XCFG_UNSET));
	check_num(label, "sndbuf", s->sndbuf, or_default(r->sndbuf,
	    XCFG_UNSET));
	check_num(label, "rcvbuf", s->rcvbuf, or_default(r->rcvbuf,
	    XCFG_UNSET));
	check_str(label, "accept_filter", s->accept_filter, r->accept_filter);
	check_str(label, "ipsec", s->ipsec, r->ipsec);
	check_num(label, "disabled", s->disabled, r->disabled);
	/* Nothing in inetd.conf sets these. */
	check_num(label, "backlog", s->backlog, XCFG_UNSET);
	check_str(label, "libwrap", s->libwrap, NULL);
	check_num(label, "groups", s->groups, false);
	xcfg_free(cfg);
}

static void
check_rows(const struct row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check_row(&rows[i]);
}

/*
 * NetBSD: src/etc/inetd.conf as shipped, then what only NetBSD writes.
 */
static const struct row netbsd_rows[] = {
	{ .conf = "ftp\t\tstream\ttcp\tnowait\troot\t/usr/libexec/ftpd"
	    "\tftpd -l\n",
	  .id = "ftp", .name = "ftp", TCP4, .port = 21, .user = "root",
	  .server = "/usr/libexec/ftpd", .argv = { "ftpd", "-l" } },
	{ .conf = "telnet\t\tstream\ttcp\tnowait\troot\t/usr/libexec/telnetd"
	    "\ttelnetd\n",
	  .id = "telnet", .name = "telnet", TCP4, .port = 23, .user = "root",
	  .server = "/usr/libexec/telnetd", .argv = { "telnetd" } },
	{ .conf = "shell\t\tstream\ttcp\tnowait\troot\t/usr/libexec/rshd"
	    "\trshd\n",
	  .id = "shell", .name = "shell", TCP4, .port = 514, .user = "root",
	  .server = "/usr/libexec/rshd", .argv = { "rshd" } },
	{ .conf = "login\t\tstream\ttcp\tnowait\troot\t/usr/libexec/rlogind"
	    "\trlogind\n",
	  .id = "login", .name = "login", TCP4, .port = 513, .user = "root",
	  .server = "/usr/libexec/rlogind", .argv = { "rlogind" } },
	{ .conf = "exec\t\tstream\ttcp\tnowait\troot\t/usr/libexec/rexecd"
	    "\trexecd\n",
	  .id = "exec", .name = "exec", TCP4, .port = 512, .user = "root",
	  .server = "/usr/libexec/rexecd", .argv = { "rexecd" } },
	{ .conf = "finger\t\tstream\ttcp\tnowait\tnobody\t/usr/libexec/fingerd"
	    "\tfingerd\n",
	  .id = "finger", .name = "finger", TCP4, .port = 79, NOBODY,
	  .server = "/usr/libexec/fingerd", .argv = { "fingerd" } },
	/* A group after a dot; a service name that is an alias. */
	{ .conf = "ident\t\tstream\ttcp\twait\tnobody.kmem /usr/libexec/identd"
	    "\tidentd -w -t60 -l -o -e -N\n",
	  .id = "ident", .name = "ident", TCP4, .port = 113, .wait = true,
	  NOBODY_U, .group = "kmem", .gid = 15,
	  .server = "/usr/libexec/identd",
	  .argv = { "identd", "-w", "-t60", "-l", "-o", "-e", "-N" } },
	{ .conf = "tftp\t\tdgram\tudp\twait\tnobody\t/usr/libexec/tftpd"
	    "\ttftpd\n",
	  .id = "tftp", .name = "tftp", UDP4, .port = 69, .wait = true,
	  NOBODY, .server = "/usr/libexec/tftpd", .argv = { "tftpd" } },
	{ .conf = "comsat\t\tdgram\tudp\twait\troot\t/usr/libexec/comsat"
	    "\tcomsat\n",
	  .id = "comsat", .name = "comsat", UDP4, .port = 512, .wait = true,
	  .user = "root", .server = "/usr/libexec/comsat",
	  .argv = { "comsat" } },
	{ .conf = "ntalk\t\tdgram\tudp\twait\troot\t/usr/libexec/ntalkd"
	    "\tntalkd\n",
	  .id = "ntalk", .name = "ntalk", UDP4, .port = 518, .wait = true,
	  .user = "root", .server = "/usr/libexec/ntalkd",
	  .argv = { "ntalkd" } },
	{ .conf = "# Internal services\n"
	    "echo\t\tstream\ttcp\tnowait\troot\tinternal\n",
	  .id = "echo", .line = 2, .name = "echo", TCP4, .port = 7,
	  .user = "root", .type = XCFG_TYPE_INTERNAL },
	{ .conf = "chargen\t\tstream\ttcp\tnowait\troot\tinternal\n",
	  .id = "chargen", .name = "chargen", TCP4, .port = 19,
	  .user = "root", .type = XCFG_TYPE_INTERNAL },
	{ .conf = "daytime\t\tstream\ttcp\tnowait\troot\tinternal\n"
	    "daytime\t\tdgram\tudp\twait\troot\tinternal\n",
	  .nservices = 2, .id = "daytime-udp", .line = 2, .name = "daytime",
	  UDP4, .port = 13, .wait = true, .user = "root",
	  .type = XCFG_TYPE_INTERNAL },
	{ .conf = "discard\t\tdgram\tudp\twait\troot\tinternal\n",
	  .id = "discard", .name = "discard", UDP4, .port = 9, .wait = true,
	  .user = "root", .type = XCFG_TYPE_INTERNAL },
	{ .conf = "time\t\tdgram\tudp\twait\troot\tinternal\n",
	  .id = "time", .name = "time", UDP4, .port = 37, .wait = true,
	  .user = "root", .type = XCFG_TYPE_INTERNAL },
	{ .conf = "# RPC based services\n"
	    "mountd/1\tdgram\trpc/udp\twait\troot\t/sbin/mountd\t\tmountd\n",
	  .id = "mountd", .line = 2, .name = "mountd", UDP4, .wait = true,
	  .user = "root", .server = "/sbin/mountd", .argv = { "mountd" },
	  .type = XCFG_TYPE_RPC, .rpc_lo = 1, .rpc_hi = 1,
	  .rpc_number = 100005 },
	{ .conf = "rstatd/1-3\tdgram\trpc/udp\twait\troot"
	    "\t/usr/libexec/rpc.rstatd\trpc.rstatd\n",
	  .id = "rstatd", .name = "rstatd", UDP4, .wait = true,
	  .user = "root", .server = "/usr/libexec/rpc.rstatd",
	  .argv = { "rpc.rstatd" }, .type = XCFG_TYPE_RPC, .rpc_lo = 1,
	  .rpc_hi = 3, .rpc_number = 100001 },
	{ .conf = "rusersd/2-3\tdgram\trpc/udp\twait\troot"
	    "\t/usr/libexec/rpc.rusersd rpc.rusersd\n",
	  .id = "rusersd", .name = "rusersd", UDP4, .wait = true,
	  .user = "root", .server = "/usr/libexec/rpc.rusersd",
	  .argv = { "rpc.rusersd" }, .type = XCFG_TYPE_RPC, .rpc_lo = 2,
	  .rpc_hi = 3, .rpc_number = 100002 },
	{ .conf = "walld/1\t\tdgram\trpc/udp\twait\troot"
	    "\t/usr/libexec/rpc.rwalld\trpc.rwalld\n",
	  .id = "walld", .name = "walld", UDP4, .wait = true,
	  .user = "root", .server = "/usr/libexec/rpc.rwalld",
	  .argv = { "rpc.rwalld" }, .type = XCFG_TYPE_RPC, .rpc_lo = 1,
	  .rpc_hi = 1, .rpc_number = 100008 },
	{ .conf = "sprayd/1\tdgram\trpc/udp\twait\troot"
	    "\t/usr/libexec/rpc.sprayd\trpc.sprayd\n",
	  .id = "sprayd", .name = "sprayd", UDP4, .wait = true,
	  .user = "root", .server = "/usr/libexec/rpc.sprayd",
	  .argv = { "rpc.sprayd" }, .type = XCFG_TYPE_RPC, .rpc_lo = 1,
	  .rpc_hi = 1, .rpc_number = 100012 },
	{ .conf = "rquotad/1\tdgram\trpc/udp\twait\troot"
	    "\t/usr/libexec/rpc.rquotad rpc.rquotad\n",
	  .id = "rquotad", .name = "rquotad", UDP4, .wait = true,
	  .user = "root", .server = "/usr/libexec/rpc.rquotad",
	  .argv = { "rpc.rquotad" }, .type = XCFG_TYPE_RPC, .rpc_lo = 1,
	  .rpc_hi = 1, .rpc_number = 100011 },
	/* The spawn limit after a colon; user:group. */
	{ .conf = "finger\t\tstream\ttcp\tnowait:600 nobody"
	    " /usr/libexec/fingerd\tfingerd -lsm\n",
	  .id = "finger", .name = "finger", TCP4, .port = 79, NOBODY,
	  .server = "/usr/libexec/fingerd", .argv = { "fingerd", "-lsm" },
	  .max_spawns = 600 },
	{ .conf = "ntalk\t\tdgram\tudp\twait\tnobody:tty /usr/libexec/ntalkd"
	    "\tntalkd\n",
	  .id = "ntalk", .name = "ntalk", UDP4, .port = 518, .wait = true,
	  NOBODY_U, .group = "tty", .gid = 5, .server = "/usr/libexec/ntalkd",
	  .argv = { "ntalkd" } },
	/* KAME's faithd(8) translator */
	{ .conf = "telnet\tstream\tfaith/tcp6\tnowait\troot"
	    "\t/usr/libexec/telnetd\ttelnetd\n",
	  .id = "telnet", .name = "telnet", TCP6, .port = 23, .user = "root",
	  .server = "/usr/libexec/telnetd", .argv = { "telnetd" },
	  .flags = XCFG_FLAG_FAITH },
	/* Socket buffers, in bytes, with k and m suffixes. */
	{ .conf = "ftp\tstream\ttcp,sndbuf=64k,rcvbuf=1m\tnowait\troot"
	    "\t/usr/libexec/ftpd\tftpd -l\n",
	  .id = "ftp", .name = "ftp", TCP4, .port = 21, .user = "root",
	  .server = "/usr/libexec/ftpd", .argv = { "ftpd", "-l" },
	  .sndbuf = 65536, .rcvbuf = 1048576 },
	{ .conf = "tftp\tdgram\tudp6,rcvbuf=8192,sndbuf=2K\twait\tnobody"
	    "\t/usr/libexec/tftpd\ttftpd\n",
	  .id = "tftp", .name = "tftp", UDP6, .port = 69, .wait = true,
	  NOBODY, .server = "/usr/libexec/tftpd", .argv = { "tftpd" },
	  .sndbuf = 2048, .rcvbuf = 8192 },
	{ .conf = "tftp\tdgram\tudp,sndbuf=3M\twait\tnobody"
	    "\t/usr/libexec/tftpd\ttftpd\n",
	  .id = "tftp", .name = "tftp", UDP4, .port = 69, .wait = true,
	  NOBODY, .server = "/usr/libexec/tftpd", .argv = { "tftpd" },
	  .sndbuf = 3145728 },
	/* Accept filters, and the accept limit after a comma. */
	{ .conf = "http\tstream:dataready\ttcp\tnowait\twww-data"
	    "\t/usr/libexec/httpd\thttpd /var/www\n",
	  .id = "http", .name = "http", TCP4, .port = 80, .user = "www-data",
	  .uid = 33, .gid = 33, .server = "/usr/libexec/httpd",
	  .argv = { "httpd", "/var/www" }, .accept_filter = "dataready" },
	{ .conf = "http\tstream:httpready,arg\ttcp\tnowait:600\twww-data"
	    "\t/usr/libexec/httpd\thttpd /var/www\n",
	  .id = "http", .name = "http", TCP4, .port = 80, .user = "www-data",
	  .uid = 33, .gid = 33, .server = "/usr/libexec/httpd",
	  .argv = { "httpd", "/var/www" }, .max_spawns = 600,
	  .accept_filter = "httpready,arg" },
	{ .conf = "http\tstream,10\ttcp\tnowait\twww-data"
	    "\t/usr/libexec/httpd\thttpd /var/www\n",
	  .id = "http", .name = "http", TCP4, .port = 80, .user = "www-data",
	  .uid = 33, .gid = 33, .server = "/usr/libexec/httpd",
	  .argv = { "httpd", "/var/www" }, .instances = 10 },
	{ .conf = "http\tstream,64:dataready\ttcp46\tnowait\twww-data"
	    "\t/usr/libexec/httpd\thttpd /var/www\n",
	  .id = "http", .name = "http", TCP46, .port = 80, .user = "www-data",
	  .uid = 33, .gid = 33, .server = "/usr/libexec/httpd",
	  .argv = { "httpd", "/var/www" }, .instances = 64,
	  .accept_filter = "dataready" },
	/* A port number for a service not in services(5). */
	{ .conf = "8080\tstream\ttcp\tnowait\tnobody\t/usr/libexec/httpd"
	    "\thttpd /var/www\n",
	  .id = "8080", .name = "8080", TCP4, .port = 8080, NOBODY,
	  .server = "/usr/libexec/httpd", .argv = { "httpd", "/var/www" },
	  .type = XCFG_TYPE_UNLISTED },
	{ .conf = "5353\tdgram\tudp\twait\tnobody\t/usr/libexec/mdnsd"
	    "\tmdnsd\n",
	  .id = "5353", .name = "5353", UDP4, .port = 5353, .wait = true,
	  NOBODY, .server = "/usr/libexec/mdnsd", .argv = { "mdnsd" },
	  .type = XCFG_TYPE_UNLISTED },
	/* Quoted arguments hold blanks; the other quote is plain. */
	{ .conf = "9000\tstream\ttcp\tnowait\tnobody\t/bin/sh"
	    "\tsh -c 'echo \"a  b\"' \"it's\"\n",
	  .id = "9000", .name = "9000", TCP4, .port = 9000, NOBODY,
	  .server = "/bin/sh", .argv = { "sh", "-c", "echo \"a  b\"",
	  "it's" }, .type = XCFG_TYPE_UNLISTED },
	/* Quotes inside a word are ordinary characters. */
	{ .conf = "9000\tstream\ttcp\tnowait\tnobody\t/bin/echo"
	    "\techo don't a\"b\n",
	  .id = "9000", .name = "9000", TCP4, .port = 9000, NOBODY,
	  .server = "/bin/echo", .argv = { "echo", "don't", "a\"b" },
	  .type = XCFG_TYPE_UNLISTED },
};

/*
 * FreeBSD: src/etc/inetd.conf as shipped (uncommented), then what only
 * FreeBSD writes.
 */
static const struct row freebsd_rows[] = {
	{ .conf = "ftp\tstream\ttcp6\tnowait\troot\t/usr/libexec/ftpd"
	    "\tftpd -l\n",
	  .id = "ftp", .name = "ftp", TCP6, .port = 21, .user = "root",
	  .server = "/usr/libexec/ftpd", .argv = { "ftpd", "-l" } },
	{ .conf = "ssh\tstream\ttcp\tnowait\troot\t/usr/sbin/sshd\t\t"
	    "sshd -i -4\n",
	  .id = "ssh", .name = "ssh", TCP4, .port = 22, .user = "root",
	  .server = "/usr/sbin/sshd", .argv = { "sshd", "-i", "-4" } },
	{ .conf = "ssh\tstream\ttcp\tnowait\troot\t/usr/sbin/sshd\t\t"
	    "sshd -i -4\n"
	    "ssh\tstream\ttcp6\tnowait\troot\t/usr/sbin/sshd\t\t"
	    "sshd -i -6\n",
	  .nservices = 2, .id = "ssh-tcp6", .line = 2, .name = "ssh", TCP6,
	  .port = 22, .user = "root", .server = "/usr/sbin/sshd",
	  .argv = { "sshd", "-i", "-6" } },
	{ .conf = "telnet\tstream\ttcp6\tnowait\troot\t/usr/libexec/telnetd"
	    "\ttelnetd\n",
	  .id = "telnet", .name = "telnet", TCP6, .port = 23, .user = "root",
	  .server = "/usr/libexec/telnetd", .argv = { "telnetd" } },
	/* max-child/max-connections-per-ip-per-minute */
	{ .conf = "finger\tstream\ttcp\tnowait/3/10 nobody"
	    " /usr/libexec/fingerd\tfingerd -s\n",
	  .id = "finger", .name = "finger", TCP4, .port = 79, NOBODY,
	  .server = "/usr/libexec/fingerd", .argv = { "fingerd", "-s" },
	  .instances = 3, .per_source_rate = 10 },
	{ .conf = "comsat\tdgram\tudp\twait\tnobody:tty\t/usr/libexec/comsat"
	    "\tcomsat\n",
	  .id = "comsat", .name = "comsat", UDP4, .port = 512, .wait = true,
	  NOBODY_U, .group = "tty", .gid = 5,
	  .server = "/usr/libexec/comsat", .argv = { "comsat" } },
	{ .conf = "tftp\tdgram\tudp6\twait\troot\t/usr/libexec/tftpd"
	    "\ttftpd -l -s /tftpboot\n",
	  .id = "tftp", .name = "tftp", UDP6, .port = 69, .wait = true,
	  .user = "root", .server = "/usr/libexec/tftpd",
	  .argv = { "tftpd", "-l", "-s", "/tftpboot" } },
	{ .conf = "bootps\tdgram\tudp\twait\troot\t/usr/libexec/bootpd"
	    "\tbootpd\n",
	  .id = "bootps", .name = "bootps", UDP4, .port = 67, .wait = true,
	  .user = "root", .server = "/usr/libexec/bootpd",
	  .argv = { "bootpd" } },
	{ .conf = "daytime stream\ttcp6\tnowait\troot\tinternal\n",
	  .id = "daytime", .name = "daytime", TCP6, .port = 13,
	  .user = "root", .type = XCFG_TYPE_INTERNAL },
	{ .conf = "time\t dgram\tudp6\twait\troot\tinternal\n",
	  .id = "time", .name = "time", UDP6, .port = 37, .wait = true,
	  .user = "root", .type = XCFG_TYPE_INTERNAL },
	{ .conf = "cvspserver\tstream\ttcp\tnowait\troot\t/usr/bin/cvs"
	    "\tcvs --allow-root=/your/cvsroot/here pserver\n",
	  .id = "cvspserver", .name = "cvspserver", TCP4, .port = 2401,
	  .user = "root", .server = "/usr/bin/cvs",
	  .argv = { "cvs", "--allow-root=/your/cvsroot/here", "pserver" } },
	{ .conf = "rstatd/1-3\tdgram rpc/udp wait root\t/usr/libexec/rpc.rstatd"
	    "\t rpc.rstatd\n",
	  .id = "rstatd", .name = "rstatd", UDP4, .wait = true,
	  .user = "root", .server = "/usr/libexec/rpc.rstatd",
	  .argv = { "rpc.rstatd" }, .type = XCFG_TYPE_RPC, .rpc_lo = 1,
	  .rpc_hi = 3, .rpc_number = 100001 },
	{ .conf = "pcnfsd/1-2\tdgram rpc/udp wait root"
	    "\t/usr/local/libexec/rpc.pcnfsd\t rpc.pcnfsd\n",
	  .id = "pcnfsd", .name = "pcnfsd", UDP4, .wait = true,
	  .user = "root", .server = "/usr/local/libexec/rpc.pcnfsd",
	  .argv = { "rpc.pcnfsd" }, .type = XCFG_TYPE_RPC, .rpc_lo = 1,
	  .rpc_hi = 2, .rpc_number = 150001 },
	{ .conf = "pop3\tstream\ttcp\tnowait\troot"
	    "\t/usr/local/libexec/popper\tpopper\n",
	  .id = "pop3", .name = "pop3", TCP4, .port = 110, .user = "root",
	  .server = "/usr/local/libexec/popper", .argv = { "popper" } },
	{ .conf = "auth\tstream\ttcp\tnowait\troot\tinternal\n",
	  .id = "auth", .name = "auth", TCP4, .port = 113, .user = "root",
	  .type = XCFG_TYPE_INTERNAL },
	/* A built-in that takes options keeps them, argv[0] first. */
	{ .conf = "auth\tstream\ttcp6\tnowait\troot\tinternal"
	    "\tauth -r -f -n -o UNKNOWN -t 30\n",
	  .id = "auth", .name = "auth", TCP6, .port = 113, .user = "root",
	  .argv = { "auth", "-r", "-f", "-n", "-o", "UNKNOWN", "-t", "30" },
	  .type = XCFG_TYPE_INTERNAL },
	{ .conf = "auth\tstream\ttcp\twait\troot\t/usr/local/sbin/identd"
	    "\tidentd -w -t120\n",
	  .id = "auth", .name = "auth", TCP4, .port = 113, .wait = true,
	  .user = "root", .server = "/usr/local/sbin/identd",
	  .argv = { "identd", "-w", "-t120" } },
	{ .conf = "netbios-ssn stream tcp\tnowait\t\troot"
	    "\t/usr/local/sbin/smbd\tsmbd\n",
	  .id = "netbios-ssn", .name = "netbios-ssn", TCP4, .port = 139,
	  .user = "root", .server = "/usr/local/sbin/smbd",
	  .argv = { "smbd" } },
	{ .conf = "netbios-ns dgram udp\twait\t\troot"
	    "\t/usr/local/sbin/nmbd\tnmbd\n",
	  .id = "netbios-ns", .name = "netbios-ns", UDP4, .port = 137,
	  .wait = true, .user = "root", .server = "/usr/local/sbin/nmbd",
	  .argv = { "nmbd" } },
	{ .conf = "swat\tstream\ttcp\tnowait/400\troot\t/usr/local/sbin/swat"
	    "\tswat\n",
	  .id = "swat", .name = "swat", TCP4, .port = 901, .user = "root",
	  .server = "/usr/local/sbin/swat", .argv = { "swat" },
	  .instances = 400 },
	/* All three limits; 0 is no limit. */
	{ .conf = "pop3\tstream\ttcp\tnowait/10/30/2\troot"
	    "\t/usr/local/libexec/popper\tpopper\n",
	  .id = "pop3", .name = "pop3", TCP4, .port = 110, .user = "root",
	  .server = "/usr/local/libexec/popper", .argv = { "popper" },
	  .instances = 10, .per_source_rate = 30, .per_source = 2 },
	{ .conf = "pop3\tstream\ttcp\tnowait/0/0/0\troot"
	    "\t/usr/local/libexec/popper\tpopper\n",
	  .id = "pop3", .name = "pop3", TCP4, .port = 110, .user = "root",
	  .server = "/usr/local/libexec/popper", .argv = { "popper" },
	  .instances = XCFG_UNLIMITED, .per_source_rate = XCFG_UNLIMITED,
	  .per_source = XCFG_UNLIMITED },
	{ .conf = "pop3\tstream\ttcp\tnowait/0/20\troot"
	    "\t/usr/local/libexec/popper\tpopper\n",
	  .id = "pop3", .name = "pop3", TCP4, .port = 110, .user = "root",
	  .server = "/usr/local/libexec/popper", .argv = { "popper" },
	  .instances = XCFG_UNLIMITED, .per_source_rate = 20 },
	{ .conf = "imap2\tstream\ttcp46\tnowait/50\troot"
	    "\t/usr/local/libexec/imapd\timapd\n",
	  .id = "imap2", .name = "imap2", TCP46, .port = 143, .user = "root",
	  .server = "/usr/local/libexec/imapd", .argv = { "imapd" },
	  .instances = 50 },
	{ .conf = "ntp\tdgram\tudp46\twait\troot\t/usr/sbin/ntpd\tntpd -i\n",
	  .id = "ntp", .name = "ntp", UDP46, .port = 123, .wait = true,
	  .user = "root", .server = "/usr/sbin/ntpd",
	  .argv = { "ntpd", "-i" } },
	/* user:group/login-class */
	{ .conf = "uucp\tstream\ttcp\tnowait\tuucp:uucp/daemon"
	    "\t/usr/libexec/uucpd\tuucpd\n",
	  .id = "uucp", .name = "uucp", TCP4, .port = 540, .user = "uucp",
	  .uid = 10, .group = "uucp", .gid = 10, .login_class = "daemon",
	  .server = "/usr/libexec/uucpd", .argv = { "uucpd" } },
	{ .conf = "uucp\tstream\ttcp\tnowait\tuucp/daemon"
	    "\t/usr/libexec/uucpd\tuucpd\n",
	  .id = "uucp", .name = "uucp", TCP4, .port = 540, .user = "uucp",
	  .uid = 10, .gid = 10, .login_class = "daemon",
	  .server = "/usr/libexec/uucpd", .argv = { "uucpd" } },
	{ .conf = "http\tstream:httpready\ttcp\tnowait\twww-data:www-data"
	    "\t/usr/local/sbin/httpd\thttpd\n",
	  .id = "http", .name = "http", TCP4, .port = 80, .user = "www-data",
	  .uid = 33, .group = "www-data", .gid = 33,
	  .server = "/usr/local/sbin/httpd", .argv = { "httpd" },
	  .accept_filter = "httpready" },
	/* Local sockets: the path is the service and the bind address. */
	{ .conf = "/var/run/food.sock\tstream\tunix\tnowait\troot"
	    "\t/usr/local/libexec/food\tfood\n",
	  .id = "/var/run/food.sock", .name = "/var/run/food.sock",
	  .socktype = SOCK_STREAM, .protocol = "unix",
	  .family = XCFG_FAMILY_UNIX, .user = "root",
	  .server = "/usr/local/libexec/food", .argv = { "food" },
	  .type = XCFG_TYPE_UNLISTED, .bind = "/var/run/food.sock" },
	{ .conf = "/var/run/logd.sock\tdgram\tunix\twait\tdaemon:staff"
	    "\t/usr/local/libexec/logd\tlogd -i\n",
	  .id = "/var/run/logd.sock", .name = "/var/run/logd.sock",
	  .socktype = SOCK_DGRAM, .protocol = "unix",
	  .family = XCFG_FAMILY_UNIX, .wait = true, .user = "daemon",
	  .uid = 1, .group = "staff", .gid = 50,
	  .server = "/usr/local/libexec/logd", .argv = { "logd", "-i" },
	  .type = XCFG_TYPE_UNLISTED, .bind = "/var/run/logd.sock" },
	/* "#@" sets the IPsec policy of what follows; "#@" alone clears. */
	{ .conf = "#@ in ipsec esp/transport//require"
	    " out ipsec esp/transport//require\n"
	    "tftp\tdgram\tudp\twait\troot\t/usr/libexec/tftpd\ttftpd\n",
	  .id = "tftp", .line = 2, .name = "tftp", UDP4, .port = 69,
	  .wait = true, .user = "root", .server = "/usr/libexec/tftpd",
	  .argv = { "tftpd" },
	  .ipsec = "in ipsec esp/transport//require"
	    " out ipsec esp/transport//require" },
	{ .conf = "#@ in ipsec ah/transport//require\n"
	    "\n"
	    "# the policy holds across comments and blank lines\n"
	    "echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "daytime\tstream\ttcp\tnowait\troot\tinternal\n",
	  .nservices = 2, .id = "daytime", .line = 5, .name = "daytime",
	  TCP4, .port = 13, .user = "root", .type = XCFG_TYPE_INTERNAL,
	  .ipsec = "in ipsec ah/transport//require" },
	{ .conf = "#@ in ipsec ah/transport//require\n"
	    "echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "#@\n"
	    "daytime\tstream\ttcp\tnowait\troot\tinternal\n",
	  .nservices = 2, .id = "daytime", .line = 4, .name = "daytime",
	  TCP4, .port = 13, .user = "root", .type = XCFG_TYPE_INTERNAL },
	{ .conf = "#@ in ipsec ah/transport//require\n"
	    "#@ out ipsec esp/transport//use\n"
	    "echo\tstream\ttcp\tnowait\troot\tinternal\n",
	  .id = "echo", .line = 3, .name = "echo", TCP4, .port = 7,
	  .user = "root", .type = XCFG_TYPE_INTERNAL,
	  .ipsec = "out ipsec esp/transport//use" },
};

/*
 * OpenBSD: src/etc/inetd.conf as shipped (uncommented), listen
 * addresses, "addr:" lines and tcpmux.
 */
static const struct row openbsd_rows[] = {
	{ .conf = "ftp\t\tstream\ttcp\tnowait\troot\t/usr/libexec/ftpd"
	    "\tftpd -US\n"
	    "ftp\t\tstream\ttcp6\tnowait\troot\t/usr/libexec/ftpd"
	    "\tftpd -US\n",
	  .nservices = 2, .id = "ftp-tcp6", .line = 2, .name = "ftp", TCP6,
	  .port = 21, .user = "root", .server = "/usr/libexec/ftpd",
	  .argv = { "ftpd", "-US" } },
	{ .conf = "shell\t\tstream\ttcp\tnowait\troot\t/usr/libexec/rshd"
	    "\trshd -L\n",
	  .id = "shell", .name = "shell", TCP4, .port = 514, .user = "root",
	  .server = "/usr/libexec/rshd", .argv = { "rshd", "-L" } },
	{ .conf = "uucpd\t\tstream\ttcp\tnowait\troot\t/usr/libexec/uucpd"
	    "\tuucpd\n",
	  .id = "uucpd", .name = "uucpd", TCP4, .port = 540, .user = "root",
	  .server = "/usr/libexec/uucpd", .argv = { "uucpd" } },
	{ .conf = "finger\t\tstream\ttcp6\tnowait\tnobody"
	    " /usr/libexec/fingerd\tfingerd -lsm\n",
	  .id = "finger", .name = "finger", TCP6, .port = 79, NOBODY,
	  .server = "/usr/libexec/fingerd", .argv = { "fingerd", "-lsm" } },
	{ .conf = "127.0.0.1:comsat dgram\tudp\twait\troot"
	    "\t/usr/libexec/comsat\tcomsat\n",
	  .id = "comsat", .name = "comsat", UDP4, .port = 512, .wait = true,
	  .user = "root", .server = "/usr/libexec/comsat",
	  .argv = { "comsat" }, .bind = "127.0.0.1" },
	{ .conf = "127.0.0.1:comsat dgram\tudp\twait\troot"
	    "\t/usr/libexec/comsat\tcomsat\n"
	    "[::1]:comsat\tdgram\tudp6\twait\troot"
	    "\t/usr/libexec/comsat\tcomsat\n",
	  .nservices = 2, .id = "comsat-udp6", .line = 2, .name = "comsat",
	  UDP6, .port = 512, .wait = true, .user = "root",
	  .server = "/usr/libexec/comsat", .argv = { "comsat" },
	  .bind = "::1" },
	{ .conf = "daytime\t\tstream\ttcp\tnowait\troot\tinternal\n"
	    "daytime\t\tstream\ttcp6\tnowait\troot\tinternal\n",
	  .nservices = 2, .id = "daytime-tcp6", .line = 2, .name = "daytime",
	  TCP6, .port = 13, .user = "root", .type = XCFG_TYPE_INTERNAL },
	{ .conf = "rusersd/1-3\tdgram\trpc/udp\twait\troot"
	    "\t/usr/libexec/rpc.rusersd rpc.rusersd\n",
	  .id = "rusersd", .name = "rusersd", UDP4, .wait = true,
	  .user = "root", .server = "/usr/libexec/rpc.rusersd",
	  .argv = { "rpc.rusersd" }, .type = XCFG_TYPE_RPC, .rpc_lo = 1,
	  .rpc_hi = 3, .rpc_number = 100002 },
	/* The spawn limit after a dot. */
	{ .conf = "ftp\t\tstream\ttcp\tnowait.100\troot\t/usr/libexec/ftpd"
	    "\tftpd -US\n",
	  .id = "ftp", .name = "ftp", TCP4, .port = 21, .user = "root",
	  .server = "/usr/libexec/ftpd", .argv = { "ftpd", "-US" },
	  .max_spawns = 100 },
	/* An IPv6 address unbracketed: split at the last colon. */
	{ .conf = "::1:ftp\tstream\ttcp6\tnowait\troot\t/usr/libexec/ftpd"
	    "\tftpd -US\n",
	  .id = "ftp", .name = "ftp", TCP6, .port = 21, .user = "root",
	  .server = "/usr/libexec/ftpd", .argv = { "ftpd", "-US" },
	  .bind = "::1" },
	{ .conf = "localhost:ftp\tstream\ttcp\tnowait\troot"
	    "\t/usr/libexec/ftpd\tftpd -US\n",
	  .id = "ftp", .name = "ftp", TCP4, .port = 21, .user = "root",
	  .server = "/usr/libexec/ftpd", .argv = { "ftpd", "-US" },
	  .bind = "localhost" },
	{ .conf = "*:ftp\tstream\ttcp\tnowait\troot"
	    "\t/usr/libexec/ftpd\tftpd -US\n",
	  .id = "ftp", .name = "ftp", TCP4, .port = 21, .user = "root",
	  .server = "/usr/libexec/ftpd", .argv = { "ftpd", "-US" } },
	/* An "addr:" line sets the address of the lines that follow. */
	{ .conf = "127.0.0.1:\n"
	    "echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "daytime\tstream\ttcp\tnowait\troot\tinternal\n",
	  .nservices = 2, .id = "daytime", .line = 3, .name = "daytime",
	  TCP4, .port = 13, .user = "root", .type = XCFG_TYPE_INTERNAL,
	  .bind = "127.0.0.1" },
	{ .conf = "127.0.0.1:\n"
	    "echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "*:\n"
	    "daytime\tstream\ttcp\tnowait\troot\tinternal\n",
	  .nservices = 2, .id = "daytime", .line = 4, .name = "daytime",
	  TCP4, .port = 13, .user = "root", .type = XCFG_TYPE_INTERNAL },
	{ .conf = "[::1]:\n"
	    "daytime\tstream\ttcp6\tnowait\troot\tinternal\n",
	  .id = "daytime", .line = 2, .name = "daytime", TCP6, .port = 13,
	  .user = "root", .type = XCFG_TYPE_INTERNAL, .bind = "::1" },
	/* A prefix wins over the "addr:" line, for its own line only. */
	{ .conf = "127.0.0.1:\n"
	    "10.0.0.1:echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "daytime\tstream\ttcp\tnowait\troot\tinternal\n",
	  .nservices = 2, .id = "echo", .line = 2, .name = "echo", TCP4,
	  .port = 7, .user = "root", .type = XCFG_TYPE_INTERNAL,
	  .bind = "10.0.0.1" },
	{ .conf = "127.0.0.1:\n"
	    "10.0.0.1:echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "daytime\tstream\ttcp\tnowait\troot\tinternal\n",
	  .nservices = 2, .id = "daytime", .line = 3, .name = "daytime",
	  TCP4, .port = 13, .user = "root", .type = XCFG_TYPE_INTERNAL,
	  .bind = "127.0.0.1" },
	/* tcpmux: no port; the name is what follows the slash. */
	{ .conf = "tcpmux/+scp-helper stream tcp\tnowait\troot"
	    "\t/usr/local/bin/scph\tscph\n",
	  .id = "scp-helper", .name = "scp-helper", TCP4, .user = "root",
	  .server = "/usr/local/bin/scph", .argv = { "scph" },
	  .type = XCFG_TYPE_TCPMUXPLUS },
	{ .conf = "tcpmux/fetch\tstream\ttcp\tnowait\tnobody"
	    "\t/usr/local/bin/fetchd\tfetchd -v\n",
	  .id = "fetch", .name = "fetch", TCP4, NOBODY,
	  .server = "/usr/local/bin/fetchd", .argv = { "fetchd", "-v" },
	  .type = XCFG_TYPE_TCPMUX },
	{ .conf = "tcpmux\t\tstream\ttcp\tnowait\troot\tinternal\n",
	  .id = "tcpmux", .name = "tcpmux", TCP4, .port = 1, .user = "root",
	  .type = XCFG_TYPE_INTERNAL },
};

/*
 * Debian and Ubuntu: openbsd-inetd and inetutils-inetd files as
 * update-inetd writes them, tcpd lines with a full path as argv[0].
 */
static const struct row debian_rows[] = {
	{ .conf = "ftp\t\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    "\t/usr/sbin/in.ftpd\n",
	  .id = "ftp", .name = "ftp", TCP4, .port = 21, .user = "root",
	  .server = "/usr/sbin/tcpd", .argv = { "/usr/sbin/in.ftpd" } },
	{ .conf = "telnet\t\tstream\ttcp\tnowait\ttelnetd\t/usr/sbin/tcpd"
	    "\t/usr/sbin/in.telnetd\n",
	  .id = "telnet", .name = "telnet", TCP4, .port = 23,
	  .user = "telnetd", .uid = 107, .gid = 113,
	  .server = "/usr/sbin/tcpd", .argv = { "/usr/sbin/in.telnetd" } },
	{ .conf = "tftp\t\tdgram\tudp\twait\tnobody\t/usr/sbin/tcpd"
	    "\t/usr/sbin/in.tftpd /srv/tftp\n",
	  .id = "tftp", .name = "tftp", UDP4, .port = 69, .wait = true,
	  NOBODY, .server = "/usr/sbin/tcpd",
	  .argv = { "/usr/sbin/in.tftpd", "/srv/tftp" } },
	{ .conf = "talk\t\tdgram\tudp\twait\tnobody.tty\t/usr/sbin/in.talkd"
	    "\tin.talkd\n",
	  .id = "talk", .name = "talk", UDP4, .port = 517, .wait = true,
	  NOBODY_U, .group = "tty", .gid = 5, .server = "/usr/sbin/in.talkd",
	  .argv = { "in.talkd" } },
	{ .conf = "ntalk\t\tdgram\tudp4\twait\tnobody.tty"
	    "\t/usr/sbin/in.ntalkd\tin.ntalkd\n",
	  .id = "ntalk", .name = "ntalk", UDP4, .port = 518, .wait = true,
	  NOBODY_U, .group = "tty", .gid = 5, .server = "/usr/sbin/in.ntalkd",
	  .argv = { "in.ntalkd" } },
	{ .conf = "finger\t\tstream\ttcp\tnowait\tnobody\t/usr/sbin/tcpd"
	    "\t/usr/sbin/in.fingerd\n",
	  .id = "finger", .name = "finger", TCP4, .port = 79, NOBODY,
	  .server = "/usr/sbin/tcpd", .argv = { "/usr/sbin/in.fingerd" } },
	{ .conf = "ident\t\tstream\ttcp\twait\tidentd\t/usr/sbin/identd"
	    "\tidentd\n",
	  .id = "ident", .name = "ident", TCP4, .port = 113, .wait = true,
	  .user = "identd", .uid = 108, .gid = 65534,
	  .server = "/usr/sbin/identd", .argv = { "identd" } },
	{ .conf = "biff\t\tdgram\tudp\twait\troot\t/usr/sbin/tcpd"
	    "\t/usr/sbin/in.comsat\n",
	  .id = "biff", .name = "biff", UDP4, .port = 512, .wait = true,
	  .user = "root", .server = "/usr/sbin/tcpd",
	  .argv = { "/usr/sbin/in.comsat" } },
	{ .conf = "shell\t\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    "\t/usr/sbin/in.rshd\n"
	    "login\t\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    "\t/usr/sbin/in.rlogind\n"
	    "exec\t\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    "\t/usr/sbin/in.rexecd\n",
	  .nservices = 3, .id = "exec", .line = 3, .name = "exec", TCP4,
	  .port = 512, .user = "root", .server = "/usr/sbin/tcpd",
	  .argv = { "/usr/sbin/in.rexecd" } },
	{ .conf = "uucp\t\tstream\ttcp\tnowait\tuucp\t/usr/sbin/tcpd"
	    "\t/usr/lib/uucp/uucico -l\n",
	  .id = "uucp", .name = "uucp", TCP4, .port = 540, .user = "uucp",
	  .uid = 10, .gid = 10, .server = "/usr/sbin/tcpd",
	  .argv = { "/usr/lib/uucp/uucico", "-l" } },
	{ .conf = "swat\t\tstream\ttcp\tnowait.400\troot\t/usr/sbin/tcpd"
	    "\t/usr/sbin/swat\n",
	  .id = "swat", .name = "swat", TCP4, .port = 901, .user = "root",
	  .server = "/usr/sbin/tcpd", .argv = { "/usr/sbin/swat" },
	  .max_spawns = 400 },
	{ .conf = "cvspserver\tstream\ttcp\tnowait.400\troot\t/usr/sbin/tcpd"
	    "\t/usr/sbin/cvs-pserver\n",
	  .id = "cvspserver", .name = "cvspserver", TCP4, .port = 2401,
	  .user = "root", .server = "/usr/sbin/tcpd",
	  .argv = { "/usr/sbin/cvs-pserver" }, .max_spawns = 400 },
	{ .conf = "rsync\t\tstream\ttcp\tnowait\troot\t/usr/bin/rsync"
	    "\trsyncd --daemon\n",
	  .id = "rsync", .name = "rsync", TCP4, .port = 873, .user = "root",
	  .server = "/usr/bin/rsync", .argv = { "rsyncd", "--daemon" } },
	{ .conf = "git\t\tstream\ttcp\tnowait\tnobody\t/usr/bin/git"
	    "\tgit daemon --inetd --base-path=/srv/git /srv/git\n",
	  .id = "git", .name = "git", TCP4, .port = 9418, NOBODY,
	  .server = "/usr/bin/git", .argv = { "git", "daemon", "--inetd",
	  "--base-path=/srv/git", "/srv/git" } },
	/* update-inetd --disable */
	{ .conf = "#<off># netbios-ssn\tstream\ttcp\tnowait\troot"
	    "\t/usr/sbin/tcpd\t/usr/sbin/smbd\n",
	  .id = "netbios-ssn", .name = "netbios-ssn", TCP4, .port = 139,
	  .user = "root", .server = "/usr/sbin/tcpd",
	  .argv = { "/usr/sbin/smbd" }, .disabled = true },
	{ .conf = "#<off># daytime\tstream\ttcp\tnowait\troot\tinternal\n",
	  .id = "daytime", .name = "daytime", TCP4, .port = 13,
	  .user = "root", .type = XCFG_TYPE_INTERNAL, .disabled = true },
	{ .conf = "#<off>#discard\t\tdgram\tudp\twait\troot\tinternal\n",
	  .id = "discard", .name = "discard", UDP4, .port = 9, .wait = true,
	  .user = "root", .type = XCFG_TYPE_INTERNAL, .disabled = true },
	/* A disabled line takes its id; the next one is enabled. */
	{ .conf = "#<off># telnet\tstream\ttcp\tnowait\ttelnetd"
	    "\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd\n"
	    "telnet\tstream\ttcp6\tnowait\ttelnetd"
	    "\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd\n",
	  .nservices = 2, .id = "telnet-tcp6", .line = 2, .name = "telnet",
	  TCP6, .port = 23, .user = "telnetd", .uid = 107, .gid = 113,
	  .server = "/usr/sbin/tcpd", .argv = { "/usr/sbin/in.telnetd" } },
	{ .conf = "#<off># telnet\tstream\ttcp\tnowait\ttelnetd"
	    "\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd\n"
	    "telnet\tstream\ttcp6\tnowait\ttelnetd"
	    "\t/usr/sbin/tcpd\t/usr/sbin/in.telnetd\n",
	  .nservices = 2, .id = "telnet", .name = "telnet", TCP4, .port = 23,
	  .user = "telnetd", .uid = 107, .gid = 113,
	  .server = "/usr/sbin/tcpd", .argv = { "/usr/sbin/in.telnetd" },
	  .disabled = true },
	/* Comment lines, "#:SECTION:" lines and blank lines. */
	{ .conf = "# /etc/inetd.conf:  see inetd for further informations.\n"
	    "#\n"
	    "#:INTERNAL: Internal services\n"
	    "#discard\t\tstream\ttcp\tnowait\troot\tinternal\n"
	    "\n"
	    "   \t\n"
	    "\t# an indented comment\n"
	    "discard\t\tstream\ttcp\tnowait\troot\tinternal\n",
	  .id = "discard", .line = 8, .name = "discard", TCP4, .port = 9,
	  .user = "root", .type = XCFG_TYPE_INTERNAL },
	/* A line starting with a blank continues the one above. */
	{ .conf = "shell\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\n"
	    "\t/usr/sbin/in.rshd -a\n"
	    "  -L\n"
	    "login\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    " /usr/sbin/in.rlogind\n",
	  .nservices = 2, .id = "shell", .name = "shell", TCP4, .port = 514,
	  .user = "root", .server = "/usr/sbin/tcpd",
	  .argv = { "/usr/sbin/in.rshd", "-a", "-L" } },
	{ .conf = "ident\t\tstream\ttcp\twait\tnobody.kmem\n"
	    "\t/usr/libexec/identd\tidentd -w -t60\n",
	  .id = "ident", .name = "ident", TCP4, .port = 113, .wait = true,
	  NOBODY_U, .group = "kmem", .gid = 15,
	  .server = "/usr/libexec/identd",
	  .argv = { "identd", "-w", "-t60" } },
	/* '#' inside a line is no comment. */
	{ .conf = "finger\tstream\ttcp\tnowait\tnobody\t/usr/sbin/tcpd"
	    "\t/usr/sbin/in.fingerd #1 a#b\n",
	  .id = "finger", .name = "finger", TCP4, .port = 79, NOBODY,
	  .server = "/usr/sbin/tcpd",
	  .argv = { "/usr/sbin/in.fingerd", "#1", "a#b" } },
	{ .conf = "8000\t\tstream\ttcp4\tnowait\twww-data\t/usr/sbin/in.httpd"
	    "\tin.httpd\n"
	    "8000\t\tstream\ttcp6\tnowait\twww-data\t/usr/sbin/in.httpd"
	    "\tin.httpd\n",
	  .nservices = 2, .id = "8000-tcp6", .line = 2, .name = "8000",
	  TCP6, .port = 8000, .user = "www-data", .uid = 33, .gid = 33,
	  .server = "/usr/sbin/in.httpd", .argv = { "in.httpd" },
	  .type = XCFG_TYPE_UNLISTED },
	/* CRLF line ends, as a file edited elsewhere has them. */
	{ .conf = "echo\tstream\ttcp\tnowait\troot\tinternal\r\n"
	    "ftp\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    "\t/usr/sbin/in.ftpd -l\r\n",
	  .nservices = 2, .id = "ftp", .line = 2, .name = "ftp", TCP4,
	  .port = 21, .user = "root", .server = "/usr/sbin/tcpd",
	  .argv = { "/usr/sbin/in.ftpd", "-l" } },
};

/*
 * The inetd.conf lines the classic xinetd article converts (Red Hat
 * style: tcpd with argv[0] as a bare name).
 */
static const struct row article_rows[] = {
	{ .conf = "telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    "\tin.telnetd\n",
	  .id = "telnet", .name = "telnet", TCP4, .port = 23, .user = "root",
	  .server = "/usr/sbin/tcpd", .argv = { "in.telnetd" } },
	{ .conf = "ftp\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    "\tin.ftpd -l -a\n",
	  .id = "ftp", .name = "ftp", TCP4, .port = 21, .user = "root",
	  .server = "/usr/sbin/tcpd", .argv = { "in.ftpd", "-l", "-a" } },
	{ .conf = "finger\tstream\ttcp\tnowait\tnobody\t/usr/sbin/tcpd"
	    "\tin.fingerd\n",
	  .id = "finger", .name = "finger", TCP4, .port = 79, NOBODY,
	  .server = "/usr/sbin/tcpd", .argv = { "in.fingerd" } },
	{ .conf = "talk\tdgram\tudp\twait\tnobody.tty\t/usr/sbin/tcpd"
	    "\tin.talkd\n"
	    "ntalk\tdgram\tudp\twait\tnobody.tty\t/usr/sbin/tcpd"
	    "\tin.ntalkd\n",
	  .nservices = 2, .id = "ntalk", .line = 2, .name = "ntalk", UDP4,
	  .port = 518, .wait = true, NOBODY_U, .group = "tty", .gid = 5,
	  .server = "/usr/sbin/tcpd", .argv = { "in.ntalkd" } },
	{ .conf = "talk\tdgram\tudp\twait\tnobody.tty\t/usr/sbin/tcpd"
	    "\tin.talkd\n",
	  .id = "talk", .name = "talk", UDP4, .port = 517, .wait = true,
	  NOBODY_U, .group = "tty", .gid = 5, .server = "/usr/sbin/tcpd",
	  .argv = { "in.talkd" } },
	{ .conf = "tftp\tdgram\tudp\twait\troot\t/usr/sbin/tcpd"
	    "\tin.tftpd -s /tftpboot\n",
	  .id = "tftp", .name = "tftp", UDP4, .port = 69, .wait = true,
	  .user = "root", .server = "/usr/sbin/tcpd",
	  .argv = { "in.tftpd", "-s", "/tftpboot" } },
	{ .conf = "shell\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    "\tin.rshd\n",
	  .id = "shell", .name = "shell", TCP4, .port = 514, .user = "root",
	  .server = "/usr/sbin/tcpd", .argv = { "in.rshd" } },
	{ .conf = "login\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    "\tin.rlogind\n",
	  .id = "login", .name = "login", TCP4, .port = 513, .user = "root",
	  .server = "/usr/sbin/tcpd", .argv = { "in.rlogind" } },
	{ .conf = "exec\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd"
	    "\tin.rexecd\n",
	  .id = "exec", .name = "exec", TCP4, .port = 512, .user = "root",
	  .server = "/usr/sbin/tcpd", .argv = { "in.rexecd" } },
	{ .conf = "comsat\tdgram\tudp\twait\troot\t/usr/sbin/tcpd"
	    "\tin.comsat\n",
	  .id = "comsat", .name = "comsat", UDP4, .port = 512, .wait = true,
	  .user = "root", .server = "/usr/sbin/tcpd",
	  .argv = { "in.comsat" } },
	{ .conf = "uucp\tstream\ttcp\tnowait\tuucp\t/usr/sbin/tcpd"
	    "\t/usr/lib/uucp/uucico -l\n",
	  .id = "uucp", .name = "uucp", TCP4, .port = 540, .user = "uucp",
	  .uid = 10, .gid = 10, .server = "/usr/sbin/tcpd",
	  .argv = { "/usr/lib/uucp/uucico", "-l" } },
	{ .conf = "swat\tstream\ttcp\tnowait.400\troot\t/usr/sbin/swat"
	    "\tswat\n",
	  .id = "swat", .name = "swat", TCP4, .port = 901, .user = "root",
	  .server = "/usr/sbin/swat", .argv = { "swat" },
	  .max_spawns = 400 },
	{ .conf = "rsync\tstream\ttcp\tnowait\troot\t/usr/bin/rsync"
	    "\trsync --daemon\n",
	  .id = "rsync", .name = "rsync", TCP4, .port = 873, .user = "root",
	  .server = "/usr/bin/rsync", .argv = { "rsync", "--daemon" } },
	{ .conf = "cvspserver\tstream\ttcp\tnowait\troot\t/usr/bin/cvs"
	    "\tcvs -f --allow-root=/usr/cvsroot pserver\n",
	  .id = "cvspserver", .name = "cvspserver", TCP4, .port = 2401,
	  .user = "root", .server = "/usr/bin/cvs",
	  .argv = { "cvs", "-f", "--allow-root=/usr/cvsroot", "pserver" } },
	{ .conf = "git\tstream\ttcp\tnowait\tnobody\t/usr/bin/git"
	    "\tgit daemon --inetd --export-all /srv/git\n",
	  .id = "git", .name = "git", TCP4, .port = 9418, NOBODY,
	  .server = "/usr/bin/git", .argv = { "git", "daemon", "--inetd",
	  "--export-all", "/srv/git" } },
};

/*
 * A link-local IPv6 address names its interface after '%', as
 * getaddrinfo(3) in every BSD inetd takes it.
 */
static const struct row scoped_rows[] = {
	{ .conf = "[fe80::1%lo0]:ftp\tstream\ttcp6\tnowait\troot"
	    "\t/usr/libexec/ftpd\tftpd -US\n",
	  .id = "ftp", .name = "ftp", TCP6, .port = 21, .user = "root",
	  .server = "/usr/libexec/ftpd", .argv = { "ftpd", "-US" },
	  .bind = "fe80::1%lo0" },
	{ .conf = "fe80::1%em0:ftp\tstream\ttcp6\tnowait\troot"
	    "\t/usr/libexec/ftpd\tftpd -US\n",
	  .id = "ftp", .name = "ftp", TCP6, .port = 21, .user = "root",
	  .server = "/usr/libexec/ftpd", .argv = { "ftpd", "-US" },
	  .bind = "fe80::1%em0" },
	{ .conf = "[fe80::1%lo0]:\n"
	    "daytime\tstream\ttcp6\tnowait\troot\tinternal\n",
	  .id = "daytime", .line = 2, .name = "daytime", TCP6, .port = 13,
	  .user = "root", .type = XCFG_TYPE_INTERNAL,
	  .bind = "fe80::1%lo0" },
};

/*
 * An RPC program given by number, as NetBSD's inetd takes it (a number
 * first, then getrpcbyname(3)): not from rpc(5), so UNLISTED, as a port
 * number is.
 */
static const struct row rpc_number_rows[] = {
	{ .conf = "100001/1-3\tdgram\trpc/udp\twait\troot"
	    "\t/usr/libexec/rpc.rstatd\trpc.rstatd\n",
	  .id = "100001", .name = "100001", UDP4, .wait = true,
	  .user = "root", .server = "/usr/libexec/rpc.rstatd",
	  .argv = { "rpc.rstatd" },
	  .type = XCFG_TYPE_RPC | XCFG_TYPE_UNLISTED, .rpc_lo = 1,
	  .rpc_hi = 3, .rpc_number = 100001 },
	{ .conf = "300019/1\tstream\trpc/tcp\tnowait\tnobody"
	    "\t/usr/local/libexec/amd\tamd\n",
	  .id = "300019", .name = "300019", TCP4, NOBODY,
	  .server = "/usr/local/libexec/amd", .argv = { "amd" },
	  .type = XCFG_TYPE_RPC | XCFG_TYPE_UNLISTED, .rpc_lo = 1,
	  .rpc_hi = 1, .rpc_number = 300019 },
};

/*
 * Every protocol field: socket type, protocol, family and RPC.
 */
#define ECHO_LINE(proto) \
	"echo\tstream\t" proto "\tnowait\troot\tinternal\n"
#define ECHO_ROW(proto, fam) \
	{ .conf = ECHO_LINE(proto), .id = "echo", .name = "echo", \
	  .socktype = SOCK_STREAM, .protocol = "tcp", .protonum = 6, \
	  .family = fam, .port = 7, .user = "root", \
	  .type = XCFG_TYPE_INTERNAL }
#define ECHO_DGRAM_ROW(proto, fam) \
	{ .conf = "echo\tdgram\t" proto "\twait\troot\tinternal\n", \
	  .id = "echo", .name = "echo", .socktype = SOCK_DGRAM, \
	  .protocol = "udp", .protonum = 17, .family = fam, .port = 7, \
	  .wait = true, .user = "root", .type = XCFG_TYPE_INTERNAL }
#define RSTATD_ROW(st, proto, fam, ...) \
	{ .conf = "rstatd/2-4\t" st "\t" proto "\twait\troot" \
	    "\t/usr/sbin/rpc.rstatd\trpc.rstatd\n", \
	  .id = "rstatd", .name = "rstatd", __VA_ARGS__, .family = fam, \
	  .wait = true, .user = "root", .server = "/usr/sbin/rpc.rstatd", \
	  .argv = { "rpc.rstatd" }, .type = XCFG_TYPE_RPC, .rpc_lo = 2, \
	  .rpc_hi = 4, .rpc_number = 100001 }
#define RPC_TCP(proto, fam) RSTATD_ROW("stream", proto, fam, \
	.socktype = SOCK_STREAM, .protocol = "tcp", .protonum = 6)
#define RPC_UDP(proto, fam) RSTATD_ROW("dgram", proto, fam, \
	.socktype = SOCK_DGRAM, .protocol = "udp", .protonum = 17)

static const struct row protocol_rows[] = {
	ECHO_ROW("tcp", XCFG_FAMILY_INET),
	ECHO_ROW("tcp4", XCFG_FAMILY_INET),
	ECHO_ROW("tcp6", XCFG_FAMILY_INET6),
	ECHO_ROW("tcp46", XCFG_FAMILY_DUAL),
	ECHO_DGRAM_ROW("udp", XCFG_FAMILY_INET),
	ECHO_DGRAM_ROW("udp4", XCFG_FAMILY_INET),
	ECHO_DGRAM_ROW("udp6", XCFG_FAMILY_INET6),
	ECHO_DGRAM_ROW("udp46", XCFG_FAMILY_DUAL),
	RPC_TCP("rpc/tcp", XCFG_FAMILY_INET),
	RPC_UDP("rpc/udp", XCFG_FAMILY_INET),
	RPC_TCP("rpc/tcp4", XCFG_FAMILY_INET),
	RPC_UDP("rpc/udp4", XCFG_FAMILY_INET),
	RPC_TCP("rpc/tcp6", XCFG_FAMILY_INET6),
	RPC_UDP("rpc/udp6", XCFG_FAMILY_INET6),
	RPC_TCP("rpc/tcp46", XCFG_FAMILY_DUAL),
	RPC_UDP("rpc/udp46", XCFG_FAMILY_DUAL),
	/* The RPC program by an alias of rpc(5); one version. */
	{ .conf = "rup/3\tdgram\trpc/udp\twait\troot\t/usr/sbin/rpc.rstatd"
	    "\trpc.rstatd\n",
	  .id = "rup", .name = "rup", UDP4, .wait = true, .user = "root",
	  .server = "/usr/sbin/rpc.rstatd", .argv = { "rpc.rstatd" },
	  .type = XCFG_TYPE_RPC, .rpc_lo = 3, .rpc_hi = 3,
	  .rpc_number = 100001 },
	{ .conf = "ssh\tstream\tfaith/tcp6\tnowait\troot\t/usr/sbin/sshd"
	    "\tsshd -i\n",
	  .id = "ssh", .name = "ssh", TCP6, .port = 22, .user = "root",
	  .server = "/usr/sbin/sshd", .argv = { "sshd", "-i" },
	  .flags = XCFG_FLAG_FAITH },
	{ .conf = "/tmp/echo.sock\tseqpacket\tunix\tnowait\troot\t/bin/cat"
	    "\tcat\n",
	  .id = "/tmp/echo.sock", .name = "/tmp/echo.sock",
	  .socktype = SOCK_SEQPACKET, .protocol = "unix",
	  .family = XCFG_FAMILY_UNIX, .user = "root", .server = "/bin/cat",
	  .argv = { "cat" }, .type = XCFG_TYPE_UNLISTED,
	  .bind = "/tmp/echo.sock" },
	/* Leading zeros of a port number. */
	{ .conf = "08080\tstream\ttcp\tnowait\tnobody\t/usr/bin/httpd"
	    "\thttpd\n",
	  .id = "08080", .name = "08080", TCP4, .port = 8080, NOBODY,
	  .server = "/usr/bin/httpd", .argv = { "httpd" },
	  .type = XCFG_TYPE_UNLISTED },
	{ .conf = "65535\tdgram\tudp6\twait\tnobody\t/usr/bin/udpd"
	    "\tudpd\n",
	  .id = "65535", .name = "65535", UDP6, .port = 65535,
	  .wait = true, NOBODY, .server = "/usr/bin/udpd",
	  .argv = { "udpd" }, .type = XCFG_TYPE_UNLISTED },
};

/*
 * Built-in services, with and without arguments.
 */
static const struct row internal_rows[] = {
	{ .conf = "echo\tstream\ttcp\tnowait\troot\tinternal\n",
	  .id = "echo", .name = "echo", TCP4, .port = 7, .user = "root",
	  .type = XCFG_TYPE_INTERNAL },
	/* Its own name as the only argument adds nothing. */
	{ .conf = "echo\tstream\ttcp\tnowait\troot\tinternal\techo\n",
	  .id = "echo", .name = "echo", TCP4, .port = 7, .user = "root",
	  .type = XCFG_TYPE_INTERNAL },
	{ .conf = "auth\tstream\ttcp\tnowait\troot\tinternal\tauth -r -f\n",
	  .id = "auth", .name = "auth", TCP4, .port = 113, .user = "root",
	  .argv = { "auth", "-r", "-f" }, .type = XCFG_TYPE_INTERNAL },
	{ .conf = "chargen\tdgram\tudp\twait\tnobody:nogroup\tinternal\n",
	  .id = "chargen", .name = "chargen", UDP4, .port = 19,
	  .wait = true, NOBODY, .group = "nogroup",
	  .type = XCFG_TYPE_INTERNAL },
	{ .conf = "time\tstream\ttcp\tnowait/5/10/1\troot\tinternal\n",
	  .id = "time", .name = "time", TCP4, .port = 37, .user = "root",
	  .type = XCFG_TYPE_INTERNAL, .instances = 5, .per_source_rate = 10,
	  .per_source = 1 },
};

/*
 * Ids: the name for the first definition of a name, then name-protocol,
 * then name-protocol-2 and on.
 */
#define BIND_ECHO(addr) \
	addr ":echo\tstream\ttcp\tnowait\troot\tinternal\n"
#define FOUR_ECHOS \
	BIND_ECHO("127.0.0.1") BIND_ECHO("127.0.0.2") \
	BIND_ECHO("127.0.0.3") BIND_ECHO("127.0.0.4")

static const struct row id_rows[] = {
	{ .conf = "echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "echo\tdgram\tudp\twait\troot\tinternal\n",
	  .nservices = 2, .id = "echo-udp", .line = 2, .name = "echo", UDP4,
	  .port = 7, .wait = true, .user = "root",
	  .type = XCFG_TYPE_INTERNAL },
	{ .conf = "echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "echo\tdgram\tudp\twait\troot\tinternal\n",
	  .nservices = 2, .id = "echo", .name = "echo", TCP4, .port = 7,
	  .user = "root", .type = XCFG_TYPE_INTERNAL },
	{ .conf = "ftp\tstream\ttcp4\tnowait\troot\t/usr/libexec/ftpd"
	    "\tftpd -l\n"
	    "ftp\tstream\ttcp6\tnowait\troot\t/usr/libexec/ftpd"
	    "\tftpd -l\n",
	  .nservices = 2, .id = "ftp-tcp6", .line = 2, .name = "ftp", TCP6,
	  .port = 21, .user = "root", .server = "/usr/libexec/ftpd",
	  .argv = { "ftpd", "-l" } },
	{ .conf = "rstatd/1-3\tstream\trpc/tcp\tnowait\troot"
	    "\t/usr/libexec/rpc.rstatd\trpc.rstatd\n"
	    "rstatd/1-3\tdgram\trpc/udp\twait\troot"
	    "\t/usr/libexec/rpc.rstatd\trpc.rstatd\n",
	  .nservices = 2, .id = "rstatd-rpc-udp", .line = 2,
	  .name = "rstatd", UDP4, .wait = true, .user = "root",
	  .server = "/usr/libexec/rpc.rstatd", .argv = { "rpc.rstatd" },
	  .type = XCFG_TYPE_RPC, .rpc_lo = 1, .rpc_hi = 3,
	  .rpc_number = 100001 },
	{ .conf = FOUR_ECHOS, .nservices = 4, .id = "echo",
	  .name = "echo", TCP4, .port = 7, .user = "root",
	  .type = XCFG_TYPE_INTERNAL, .bind = "127.0.0.1" },
	{ .conf = FOUR_ECHOS, .nservices = 4, .id = "echo-tcp", .line = 2,
	  .name = "echo", TCP4, .port = 7, .user = "root",
	  .type = XCFG_TYPE_INTERNAL, .bind = "127.0.0.2" },
	{ .conf = FOUR_ECHOS, .nservices = 4, .id = "echo-tcp-2", .line = 3,
	  .name = "echo", TCP4, .port = 7, .user = "root",
	  .type = XCFG_TYPE_INTERNAL, .bind = "127.0.0.3" },
	{ .conf = FOUR_ECHOS, .nservices = 4, .id = "echo-tcp-3", .line = 4,
	  .name = "echo", TCP4, .port = 7, .user = "root",
	  .type = XCFG_TYPE_INTERNAL, .bind = "127.0.0.4" },
	/* A name that another definition took as its id. */
	{ .conf = "tcpmux/ftp-tcp6\tstream\ttcp\tnowait\troot\t/usr/bin/x"
	    "\tx\n"
	    "ftp\tstream\ttcp\tnowait\troot\t/usr/libexec/ftpd\tftpd\n"
	    "ftp\tstream\ttcp6\tnowait\troot\t/usr/libexec/ftpd\tftpd\n",
	  .nservices = 3, .id = "ftp-tcp6-2", .line = 3, .name = "ftp",
	  TCP6, .port = 21, .user = "root", .server = "/usr/libexec/ftpd",
	  .argv = { "ftpd" } },
	{ .conf = "ftp\tstream\ttcp\tnowait\troot\t/usr/libexec/ftpd\tftpd\n"
	    "ftp\tstream\ttcp6\tnowait\troot\t/usr/libexec/ftpd\tftpd\n"
	    "tcpmux/ftp-tcp6\tstream\ttcp\tnowait\troot\t/usr/bin/x"
	    "\tx\n",
	  .nservices = 3, .id = "ftp-tcp6-tcp", .line = 3,
	  .name = "ftp-tcp6", TCP4, .user = "root", .server = "/usr/bin/x",
	  .argv = { "x" }, .type = XCFG_TYPE_TCPMUX },
	/* Disabled definitions take ids too. */
	{ .conf = "#<off># echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "echo\tstream\ttcp6\tnowait\troot\tinternal\n",
	  .nservices = 2, .id = "echo-tcp6", .line = 2, .name = "echo",
	  TCP6, .port = 7, .user = "root", .type = XCFG_TYPE_INTERNAL },
	/* A key/value definition takes part in the same rule. */
	{ .conf = "echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "echo on protocol = udp4;\n",
	  .nservices = 2, .id = "echo-udp4", .line = 2, .name = "echo",
	  UDP4, .port = 7, .wait = true, .type = XCFG_TYPE_INTERNAL },
};

#define ROWS_TC(tcname, rows, text) \
ATF_TC(tcname); \
ATF_TC_HEAD(tcname, tc) \
{ \
	atf_tc_set_md_var(tc, "descr", text); \
} \
ATF_TC_BODY(tcname, tc) \
{ \
	h_init(tc); \
	check_rows(rows, NROWS(rows)); \
}

ROWS_TC(inetd_lines_netbsd, netbsd_rows, "NetBSD's inetd.conf lines: "
    "ident with user.group, RPC ranges, :max, faith/tcp6, sndbuf/rcvbuf "
    "with k and m, accept filters and limits, port numbers, quotes")
ROWS_TC(inetd_lines_freebsd, freebsd_rows, "FreeBSD's inetd.conf lines: "
    "/child/rate/per-ip limits with 0 as no limit, user:group/class, "
    "internal auth with options, unix sockets, tcp46, #@ policies")
ROWS_TC(inetd_lines_openbsd, openbsd_rows, "OpenBSD's inetd.conf lines: "
    "addr: prefixes (IPv4, [IPv6], bare IPv6, host name, *), addr: lines "
    "and *: resetting them, .max, tcpmux/name and tcpmux/+name")
ROWS_TC(inetd_lines_debian, debian_rows, "Debian/Ubuntu inetd.conf lines: "
    "tcpd with a full path as argv[0], #<off># lines, user.group, "
    "comments, continuation lines, numeric ports in tcp4 and tcp6")
ROWS_TC(inetd_lines_article, article_rows, "The inetd.conf lines of the "
    "classic xinetd article: telnet, ftp, finger, talk, ntalk, tftp, "
    "shell, login, exec, comsat, uucp, swat, rsync, cvspserver, git")
ROWS_TC(inetd_addr_ipv6_scope, scoped_rows, "A listen address may be a "
    "link-local IPv6 address with its zone: [fe80::1%lo0]:ftp")
ROWS_TC(inetd_rpc_number, rpc_number_rows, "An RPC program may be given "
    "by number (100001/1-3), as NetBSD's inetd takes it")
ROWS_TC(inetd_protocols, protocol_rows, "Every protocol field: tcp and "
    "tcp4 are IPv4, tcp6 IPv6 only, tcp46 dual; the same for udp and the "
    "rpc/ forms; faith/tcp6; unix; port numbers")
ROWS_TC(inetd_internal, internal_rows, "Built-in services have no server; "
    "arguments after 'internal' are kept, argv[0] first")
ROWS_TC(inetd_ids, id_rows, "The first definition of a name gets the name "
    "as id, later ones name-protocol, then -2, -3; tcp4 and tcp6 of one "
    "name are two services")

/*
 * tcpmux services have no socket of their own: the BSD inetds silently
 * make them nowait.
 */
ATF_TC(inetd_tcpmux_nowait);
ATF_TC_HEAD(inetd_tcpmux_nowait, tc)
{
	atf_tc_set_md_var(tc, "descr", "A tcpmux/ line saying 'wait' is "
	    "nowait, as NetBSD and FreeBSD silently enforce");
}
ATF_TC_BODY(inetd_tcpmux_nowait, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;
	char *d;

	h_init(tc);
	cfg = h_load_as("inetd.conf",
	    "tcpmux/scp\tstream\ttcp\twait\troot\t/usr/local/bin/scpd"
	    "\tscpd\n"
	    "tcpmux/+fetch\tstream\ttcp\twait\tnobody"
	    "\t/usr/local/bin/fetchd\tfetchd\n", XCFG_SYNTAX_INETD);
	d = h_diags_1line(cfg);
	if (!xcfg_ok(cfg))
		atf_tc_fail("refused: %s", d);
	free(d);
	s = h_service(cfg, "scp");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_TCPMUX);
	ATF_CHECK_MSG(!s->wait, "tcpmux/scp kept wait = yes");
	s = h_service(cfg, "fetch");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_TCPMUXPLUS);
	ATF_CHECK_MSG(!s->wait, "tcpmux/+fetch kept wait = yes");
	xcfg_free(cfg);
}

/*
 * ".include": a relative glob from the directory of the including file,
 * files in name order, inheriting the listen address and IPsec policy.
 */
ATF_TC(inetd_include);
ATF_TC_HEAD(inetd_include, tc)
{
	atf_tc_set_md_var(tc, "descr", "NetBSD's .include reads the files "
	    "matching a glob relative to the including file, in name order; "
	    "they inherit the addr: line and the #@ policy, and what they "
	    "set does not leak back");
}
ATF_TC_BODY(inetd_include, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	ATF_REQUIRE(mkdir("etc", 0755) == 0);
	ATF_REQUIRE(mkdir("etc/inetd.d", 0755) == 0);
	h_write("etc/inetd.conf",
	    "# main file\n"
	    "127.0.0.1:\n"
	    "#@ in ipsec esp/transport//require\n"
	    ".include inetd.d/*.conf\n"
	    "chargen\tstream\ttcp\tnowait\troot\tinternal\n"
	    "*:\n"
	    "#@\n"
	    "echo\tstream\ttcp\tnowait\troot\tinternal\n");
	h_write("etc/inetd.d/b.conf",
	    "daytime\tstream\ttcp\tnowait\troot\tinternal\n"
	    "127.0.0.2:\n"
	    "#@ out ipsec esp/transport//use\n"
	    ".include sub/*.conf\n");
	ATF_REQUIRE(mkdir("etc/inetd.d/sub", 0755) == 0);
	h_write("etc/inetd.d/sub/time.conf",
	    "time\tstream\ttcp\tnowait\troot\tinternal\n");
	h_write("etc/inetd.d/a.conf",
	    "# first by name\n"
	    "echo\tdgram\tudp\twait\troot\tinternal\n");
	h_write("etc/inetd.d/c.txt",
	    "time\tstream\ttcp\tnowait\troot\tinternal\n");
	cfg = h_load_file("etc/inetd.conf", XCFG_SYNTAX_INETD);
	expect_clean(cfg);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 5);

	s = xcfg_service(cfg, 0);
	ATF_CHECK_STREQ(s->id, "echo");
	ATF_CHECK_STREQ(s->file, "etc/inetd.d/a.conf");
	ATF_CHECK_EQ(s->line, 2);
	ATF_CHECK_EQ(s->socktype, SOCK_DGRAM);
	ATF_REQUIRE(s->bind != NULL);
	ATF_CHECK_STREQ(s->bind, "127.0.0.1");
	ATF_REQUIRE(s->ipsec != NULL);
	ATF_CHECK_STREQ(s->ipsec, "in ipsec esp/transport//require");

	s = xcfg_service(cfg, 1);
	ATF_CHECK_STREQ(s->id, "daytime");
	ATF_CHECK_STREQ(s->file, "etc/inetd.d/b.conf");
	ATF_CHECK_EQ(s->line, 1);
	ATF_REQUIRE(s->bind != NULL);
	ATF_CHECK_STREQ(s->bind, "127.0.0.1");
	ATF_REQUIRE(s->ipsec != NULL);
	ATF_CHECK_STREQ(s->ipsec, "in ipsec esp/transport//require");

	/* Relative to the including file; its own settings inherited. */
	s = xcfg_service(cfg, 2);
	ATF_CHECK_STREQ(s->id, "time");
	ATF_CHECK_STREQ(s->file, "etc/inetd.d/sub/time.conf");
	ATF_REQUIRE(s->bind != NULL);
	ATF_CHECK_STREQ(s->bind, "127.0.0.2");
	ATF_REQUIRE(s->ipsec != NULL);
	ATF_CHECK_STREQ(s->ipsec, "out ipsec esp/transport//use");

	/* What an included file sets stays in it. */
	s = xcfg_service(cfg, 3);
	ATF_CHECK_STREQ(s->id, "chargen");
	ATF_CHECK_STREQ(s->file, "etc/inetd.conf");
	ATF_CHECK_EQ(s->line, 5);
	ATF_REQUIRE(s->bind != NULL);
	ATF_CHECK_STREQ(s->bind, "127.0.0.1");
	ATF_REQUIRE(s->ipsec != NULL);
	ATF_CHECK_STREQ(s->ipsec, "in ipsec esp/transport//require");

	/* The main file goes on after its .include, with ids taken. */
	s = xcfg_service(cfg, 4);
	ATF_CHECK_STREQ(s->id, "echo-tcp");
	ATF_CHECK_STREQ(s->file, "etc/inetd.conf");
	ATF_CHECK_EQ(s->line, 8);
	ATF_CHECK_EQ(s->socktype, SOCK_STREAM);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	ATF_CHECK(s->bind == NULL);
	ATF_CHECK(s->ipsec == NULL);
	xcfg_free(cfg);
}

ATF_TC(inetd_include_quoted);
ATF_TC_HEAD(inetd_include_quoted, tc)
{
	atf_tc_set_md_var(tc, "descr", "A quoted .include pattern; a pattern "
	    "matching nothing only warns");
}
ATF_TC_BODY(inetd_include_quoted, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;
	char *d;

	h_init(tc);
	ATF_REQUIRE(mkdir("conf", 0755) == 0);
	ATF_REQUIRE(mkdir("conf/more", 0755) == 0);
	h_write("conf/inetd.conf",
	    ".include \"more/*.conf\" the rest is ignored\n"
	    ".include 'none/*.conf'\n"
	    "ftp\tstream\ttcp\tnowait\troot\t/usr/libexec/ftpd\tftpd -l\n");
	h_write("conf/more/ftp6.conf",
	    "ftp\tstream\ttcp6\tnowait\troot\t/usr/libexec/ftpd\tftpd -l\n");
	cfg = h_load_file("conf/inetd.conf", XCFG_SYNTAX_INETD);
	d = h_diags_1line(cfg);
	if (!xcfg_ok(cfg))
		atf_tc_fail("refused: %s", d);
	ATF_CHECK_EQ(xcfg_ndiags(cfg), 1);
	ATF_CHECK_STREQ(d, "conf/inetd.conf:2: warning: no files match "
	    "'conf/none/*.conf'");
	free(d);
	ATF_REQUIRE_EQ(xcfg_nservices(cfg), 2);
	s = h_service(cfg, "ftp");
	ATF_CHECK_STREQ(s->file, "conf/more/ftp6.conf");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	s = h_service(cfg, "ftp-tcp");
	ATF_CHECK_STREQ(s->file, "conf/inetd.conf");
	ATF_CHECK_EQ(s->line, 3);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	xcfg_free(cfg);
}

/*
 * The sample files of tests/data/inetd.
 */
static struct xcfg *
load_sample(const char *name, size_t n)
{
	struct xcfg *cfg;

	cfg = h_load_file(h_data(name), XCFG_SYNTAX_INETD);
	expect_clean(cfg);
	ATF_CHECK_EQ_MSG(xcfg_nservices(cfg), n, "%s: %zu services, "
	    "expected %zu", name, xcfg_nservices(cfg), n);
	return cfg;
}

static void
check_argv_words(const struct xcfg_service *s, const char *const *want)
{
	check_argv(s->id, &s->argv, want);
}

ATF_TC(inetd_sample_netbsd);
ATF_TC_HEAD(inetd_sample_netbsd, tc)
{
	atf_tc_set_md_var(tc, "descr", "tests/data/inetd/netbsd.conf loads "
	    "cleanly: positional lines and key/value definitions");
}
ATF_TC_BODY(inetd_sample_netbsd, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_sample("inetd/netbsd.conf", 23);

	s = h_service(cfg, "telnet-tcp6");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(s->port, 23);
	check_argv_words(s, (const char *[]){ "telnetd", "-a", "valid",
	    NULL });
	s = h_service(cfg, "finger");
	ATF_CHECK_EQ(s->max_spawns, 600);
	ATF_CHECK_EQ(s->uid, 65534);
	s = h_service(cfg, "ntalk");
	ATF_CHECK_STREQ(s->group, "tty");
	ATF_CHECK_EQ(s->gid, 5);
	ATF_CHECK_EQ(h_service(cfg, "echo-udp")->socktype, SOCK_DGRAM);
	ATF_CHECK_EQ(h_service(cfg, "chargen")->family, XCFG_FAMILY_INET6);
	s = h_service(cfg, "rusersd");
	ATF_CHECK_EQ(s->rpc_number, 100002);
	ATF_CHECK_EQ(s->rpc_lo, 2);
	ATF_CHECK_EQ(s->rpc_hi, 3);
	s = h_service(cfg, "walld");
	ATF_CHECK_STREQ(s->group, "tty");
	check_argv_words(s, (const char *[]){ "rpc.rwalld", NULL });
	s = h_service(cfg, "9000");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_UNLISTED);
	ATF_CHECK_EQ(s->port, 9000);
	ATF_REQUIRE(s->bind != NULL);
	ATF_CHECK_STREQ(s->bind, "127.0.0.1");
	s = h_service(cfg, "http");
	ATF_CHECK(s->bind == NULL);
	ATF_CHECK_EQ(s->line, 27);
	ATF_CHECK_EQ(s->max_spawns, 200);
	ATF_CHECK_EQ(s->per_source_rate, 20);
	ATF_CHECK_EQ(s->gid, 33);
	check_argv_words(s, (const char *[]){ "httpd", "-X", "-d",
	    "/var/www", NULL });
	s = h_service(cfg, "daytime");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK(!s->wait);
	s = h_service(cfg, "time");
	ATF_CHECK(s->disabled);
	ATF_CHECK_EQ(s->socktype, SOCK_DGRAM);
	ATF_CHECK(s->wait);
	xcfg_free(cfg);
}

ATF_TC(inetd_sample_freebsd);
ATF_TC_HEAD(inetd_sample_freebsd, tc)
{
	atf_tc_set_md_var(tc, "descr", "tests/data/inetd/freebsd.conf loads "
	    "cleanly: limits, classes, unix socket, #@ policy");
}
ATF_TC_BODY(inetd_sample_freebsd, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_sample("inetd/freebsd.conf", 16);

	ATF_CHECK_EQ(h_service(cfg, "ftp-tcp6")->family, XCFG_FAMILY_INET6);
	s = h_service(cfg, "pop3");
	ATF_CHECK_EQ(s->instances, 10);
	ATF_CHECK_EQ(s->per_source_rate, 60);
	ATF_CHECK_EQ(s->per_source, 2);
	s = h_service(cfg, "imap2");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_DUAL);
	ATF_CHECK_EQ(s->instances, 50);
	s = h_service(cfg, "uucp");
	ATF_CHECK_STREQ(s->login_class, "daemon");
	ATF_CHECK_EQ(s->gid, 10);
	s = h_service(cfg, "auth");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL);
	check_argv_words(s, (const char *[]){ "auth", "-r", "-f", "-n",
	    NULL });
	s = h_service(cfg, "http");
	ATF_REQUIRE(s->accept_filter != NULL);
	ATF_CHECK_STREQ(s->accept_filter, "httpready");
	s = h_service(cfg, "/var/run/food.sock");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_UNIX);
	ATF_REQUIRE(s->bind != NULL);
	ATF_CHECK_STREQ(s->bind, "/var/run/food.sock");
	s = h_service(cfg, "tftp");
	ATF_REQUIRE(s->ipsec != NULL);
	ATF_CHECK_STREQ(s->ipsec, "in ipsec esp/transport//require");
	s = h_service(cfg, "swat");
	ATF_CHECK(s->ipsec == NULL);
	ATF_CHECK_EQ(s->instances, 400);
	xcfg_free(cfg);
}

ATF_TC(inetd_sample_openbsd);
ATF_TC_HEAD(inetd_sample_openbsd, tc)
{
	atf_tc_set_md_var(tc, "descr", "tests/data/inetd/openbsd.conf loads "
	    "cleanly: listen addresses, tcp6 twins, tcpmux");
}
ATF_TC_BODY(inetd_sample_openbsd, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_sample("inetd/openbsd.conf", 12);

	s = h_service(cfg, "comsat");
	ATF_REQUIRE(s->bind != NULL);
	ATF_CHECK_STREQ(s->bind, "127.0.0.1");
	s = h_service(cfg, "comsat-udp6");
	ATF_REQUIRE(s->bind != NULL);
	ATF_CHECK_STREQ(s->bind, "::1");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(h_service(cfg, "time-tcp6")->type, XCFG_TYPE_INTERNAL);
	s = h_service(cfg, "scp-helper");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_TCPMUXPLUS);
	ATF_CHECK_EQ(s->port, 0);
	ATF_CHECK_EQ(h_service(cfg, "fetch")->type, XCFG_TYPE_TCPMUX);
	s = h_service(cfg, "tcpmux");
	ATF_CHECK_EQ(s->type, XCFG_TYPE_INTERNAL);
	ATF_CHECK_EQ(s->port, 1);
	xcfg_free(cfg);
}

ATF_TC(inetd_sample_debian);
ATF_TC_HEAD(inetd_sample_debian, tc)
{
	atf_tc_set_md_var(tc, "descr", "tests/data/inetd/debian.conf loads "
	    "cleanly: #<off># lines, tcpd lines, user.group, .max");
}
ATF_TC_BODY(inetd_sample_debian, tc)
{
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	cfg = load_sample("inetd/debian.conf", 16);

	s = h_service(cfg, "echo");
	ATF_CHECK(s->disabled);
	ATF_CHECK_EQ(s->line, 8);
	ATF_CHECK(h_service(cfg, "daytime")->disabled);
	s = h_service(cfg, "telnet");
	ATF_CHECK(s->disabled);
	ATF_CHECK_EQ(s->uid, 107);
	s = h_service(cfg, "ftp");
	ATF_CHECK(!s->disabled);
	ATF_CHECK_STREQ(s->server, "/usr/sbin/tcpd");
	check_argv_words(s, (const char *[]){ "/usr/sbin/in.ftpd", NULL });
	s = h_service(cfg, "talk");
	ATF_CHECK_STREQ(s->group, "tty");
	ATF_CHECK_EQ(s->uid, 65534);
	ATF_CHECK_EQ(h_service(cfg, "ident")->port, 113);
	ATF_CHECK_EQ(h_service(cfg, "swat")->max_spawns, 400);
	check_argv_words(h_service(cfg, "cvspserver"), (const char *[]){
	    "cvs", "-f", "--allow-root=/srv/cvs", "pserver", NULL });
	s = h_service(cfg, "8000-tcp6");
	ATF_CHECK_EQ(s->port, 8000);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	ATF_CHECK_EQ(h_service(cfg, "8000")->family, XCFG_FAMILY_INET);
	xcfg_free(cfg);
}


ATF_TC(inetd_command_line_defaults);
ATF_TC_HEAD(inetd_command_line_defaults, tc)
{
	atf_tc_set_md_var(tc, "descr", "inetd -c -s -C -R -a give the "
	    "lines that set none their limits and address; lines that set "
	    "their own keep them; -a skips lines of the other family");
}
ATF_TC_BODY(inetd_command_line_defaults, tc)
{
	const struct xcfg_inetd_defaults d = { .instances = 4,
	    .per_source = 2, .per_source_rate = 30, .max_spawns = 100,
	    .bind = "127.0.0.1" };
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	h_set_inetd_defaults(&d);
	cfg = h_load_as("inetd.conf",
	    "telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/in.telnetd\n"
	    "ftp\tstream\ttcp\tnowait.7\troot\t/usr/sbin/ftpd\tftpd\n"
	    "192.0.2.1:smtp\tstream\ttcp\tnowait/9/5/1\troot\t"
	    "/usr/sbin/smtpd\n"
	    "finger\tstream\ttcp6\tnowait\troot\t/usr/sbin/fingerd\n",
	    XCFG_SYNTAX_INETD);
	h_expect_ok(cfg);
	s = h_service(cfg, "telnet");
	ATF_CHECK_EQ(s->instances, 4);
	ATF_CHECK_EQ(s->per_source, 2);
	ATF_CHECK_EQ(s->per_source_rate, 30);
	ATF_CHECK_EQ(s->max_spawns, 100);
	ATF_CHECK_STREQ(s->bind, "127.0.0.1");
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET);
	s = h_service(cfg, "ftp");
	ATF_CHECK_EQ(s->max_spawns, 7);
	s = h_service(cfg, "smtp");
	ATF_CHECK_STREQ(s->bind, "192.0.2.1");
	ATF_CHECK_EQ(s->instances, 9);
	ATF_CHECK_EQ(s->per_source_rate, 5);
	ATF_CHECK_EQ(s->per_source, 1);
	s = h_service(cfg, "finger");
	ATF_CHECK(s->bind == NULL);
	ATF_CHECK_EQ(s->family, XCFG_FAMILY_INET6);
	xcfg_free(cfg);
}

ATF_TC(inetd_libwrap_switches);
ATF_TC_HEAD(inetd_libwrap_switches, tc)
{
	atf_tc_set_md_var(tc, "descr", "inetd without -w leaves servers "
	    "unwrapped (NOLIBWRAP), without -W built-ins; with them, "
	    "hosts_access applies; a line's own NOLIBWRAP is not undone");
}
ATF_TC_BODY(inetd_libwrap_switches, tc)
{
	static const char text[] =
	    "telnet\tstream\ttcp\tnowait\troot\t/usr/sbin/in.telnetd\n"
	    "echo\tstream\ttcp\tnowait\troot\tinternal\n";
	struct xcfg_inetd_defaults d = { .nowrap_external = true,
	    .nowrap_internal = false };
	struct xcfg *cfg;

	h_init(tc);
	h_set_inetd_defaults(&d);
	cfg = h_load_as("inetd.conf", text, XCFG_SYNTAX_INETD);
	h_expect_ok(cfg);
	ATF_CHECK(h_service(cfg, "telnet")->flags & XCFG_FLAG_NOLIBWRAP);
	ATF_CHECK(!(h_service(cfg, "echo")->flags & XCFG_FLAG_NOLIBWRAP));
	xcfg_free(cfg);

	d.nowrap_external = false;
	d.nowrap_internal = true;
	h_set_inetd_defaults(&d);
	cfg = h_load_as("inetd.conf", text, XCFG_SYNTAX_INETD);
	h_expect_ok(cfg);
	ATF_CHECK(!(h_service(cfg, "telnet")->flags & XCFG_FLAG_NOLIBWRAP));
	ATF_CHECK(h_service(cfg, "echo")->flags & XCFG_FLAG_NOLIBWRAP);
	xcfg_free(cfg);
}

ATF_TC(inetd_cps_off);
ATF_TC_HEAD(inetd_cps_off, tc)
{
	atf_tc_set_md_var(tc, "descr", "the inetd front-end's defaults turn "
	    "cps off, as BSD inetd has no such limit, for classic and "
	    "key/value lines; without the switch xinetd's 50 10 applies");
}
ATF_TC_BODY(inetd_cps_off, tc)
{
	static const char text[] =
	    "echo\tstream\ttcp\tnowait\troot\tinternal\n"
	    "daytime on protocol = tcp4, wait = no, user = root, "
	    "exec = internal;\n";
	struct xcfg_inetd_defaults d = { .cps_off = true };
	const struct xcfg_service *s;
	struct xcfg *cfg;

	h_init(tc);
	h_set_inetd_defaults(&d);
	cfg = h_load_as("inetd.conf", text, XCFG_SYNTAX_INETD);
	h_expect_ok(cfg);
	s = h_service(cfg, "echo");
	ATF_CHECK_EQ(s->cps_rate, 0);
	ATF_CHECK_EQ(s->cps_wait, 0);
	s = h_service(cfg, "daytime");
	ATF_CHECK_EQ(s->cps_rate, 0);
	ATF_CHECK_EQ(s->cps_wait, 0);
	xcfg_free(cfg);

	d.cps_off = false;
	h_set_inetd_defaults(&d);
	cfg = h_load_as("inetd.conf", text, XCFG_SYNTAX_INETD);
	h_expect_ok(cfg);
	ATF_CHECK_EQ(h_service(cfg, "echo")->cps_rate, 50);
	ATF_CHECK_EQ(h_service(cfg, "echo")->cps_wait, 10);
	xcfg_free(cfg);
}

atf_error_t
tcs_inetd(atf_tp_t *tp)
{
	ATF_TP_ADD_TC(tp, inetd_lines_netbsd);
	ATF_TP_ADD_TC(tp, inetd_lines_freebsd);
	ATF_TP_ADD_TC(tp, inetd_lines_openbsd);
	ATF_TP_ADD_TC(tp, inetd_lines_debian);
	ATF_TP_ADD_TC(tp, inetd_lines_article);
	ATF_TP_ADD_TC(tp, inetd_addr_ipv6_scope);
	ATF_TP_ADD_TC(tp, inetd_rpc_number);
	ATF_TP_ADD_TC(tp, inetd_tcpmux_nowait);
	ATF_TP_ADD_TC(tp, inetd_protocols);
	ATF_TP_ADD_TC(tp, inetd_internal);
	ATF_TP_ADD_TC(tp, inetd_ids);
	ATF_TP_ADD_TC(tp, inetd_include);
	ATF_TP_ADD_TC(tp, inetd_include_quoted);
	ATF_TP_ADD_TC(tp, inetd_sample_netbsd);
	ATF_TP_ADD_TC(tp, inetd_sample_freebsd);
	ATF_TP_ADD_TC(tp, inetd_sample_openbsd);
	ATF_TP_ADD_TC(tp, inetd_sample_debian);
	ATF_TP_ADD_TC(tp, inetd_command_line_defaults);
	ATF_TP_ADD_TC(tp, inetd_libwrap_switches);
	ATF_TP_ADD_TC(tp, inetd_cps_off);
	return atf_no_error();
}
