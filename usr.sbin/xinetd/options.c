/*
 * Command lines: xinetd's single-dash words, and BSD inetd(8)'s letters
 * when the program is started under the name "inetd".
 */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>

#include "options.h"

static const struct {
	const char	*name;
	int		 value;
} facilities[] = {
	{ "daemon", LOG_DAEMON }, { "auth", LOG_AUTH },
	{ "authpriv", LOG_AUTHPRIV }, { "user", LOG_USER },
	{ "mail", LOG_MAIL }, { "lpr", LOG_LPR }, { "news", LOG_NEWS },
	{ "uucp", LOG_UUCP }, { "ftp", LOG_FTP },
	{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
	{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
	{ "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

void
options_usage(const struct options *o)
{
	if (o->inetd)
		fprintf(stderr, "usage: inetd [-dflnWw] [-a address] "
		    "[-C rate] [-c maximum] [-p pidfile] [-R rate]\n"
		    "             [-s maximum] [configuration file]\n");
	else
		fprintf(stderr, "usage: xinetd [-d] [-dontfork] [-dump] "
		    "[-f config] [-n] [-stayalive] [-inetd_compat]\n"
		    "              [-pidfile file] [-filelog file] "
		    "[-syslog facility] [-limit N]\n"
		    "              [-logprocs N] [-cc seconds] [-version]\n");
}

static int
number(const char *opt, const char *s, int min)
{
	const char *errstr;
	long long v;

	v = strtonum(s, min, INT_MAX, &errstr);
	if (errstr != NULL) {
		fprintf(stderr, "%s: %s: %s is %s\n", getprogname(), opt, s,
		    errstr);
		return -2;
	}
	return (int)v;
}

static int
facility(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++)
		if (strcasecmp(facilities[i].name, s) == 0)
			return facilities[i].value;
	fprintf(stderr, "%s: -syslog: unknown facility %s\n", getprogname(),
	    s);
	return -2;
}

/* xinetd: every option is a word of its own. */
static int
parse_xinetd(struct options *o, int argc, char **argv)
{
	const char *w, *arg;
	int i, *intopt;

	for (i = 1; i < argc; i++) {
		w = argv[i];
		if (strcmp(w, "-d") == 0) {
			o->debug = o->foreground = true;
			continue;
		} else if (strcmp(w, "-dontfork") == 0) {
			o->foreground = true;
			continue;
		} else if (strcmp(w, "-stayalive") == 0) {
			o->stayalive = true;
			continue;
		} else if (strcmp(w, "-inetd_compat") == 0) {
			o->inetd_compat = true;
			continue;
		} else if (strcmp(w, "-n") == 0) {
			if (o->mode == MODE_SERVE)
				o->mode = MODE_CHECK;
			continue;
		} else if (strcmp(w, "-dump") == 0) {
			o->mode = MODE_DUMP;
			continue;
		} else if (strcmp(w, "-version") == 0) {
			printf("xinetd version %s\n", XINETD_VERSION);
			exit(0);
		}
		intopt = NULL;
		if (strcmp(w, "-limit") == 0)
			intopt = &o->limit;
		else if (strcmp(w, "-logprocs") == 0)
			intopt = &o->logprocs;
		else if (strcmp(w, "-cc") == 0)
			intopt = &o->cc_interval;
		else if (strcmp(w, "-f") != 0 && strcmp(w, "-pidfile") != 0 &&
		    strcmp(w, "-filelog") != 0 && strcmp(w, "-syslog") != 0) {
			fprintf(stderr, "%s: unknown option %s\n",
			    getprogname(), w);
			return -1;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "%s: %s needs an argument\n",
			    getprogname(), w);
			return -1;
		}
		arg = argv[++i];
		if (intopt != NULL) {
			if ((*intopt = number(w, arg, 1)) == -2)
				return -1;
		} else if (strcmp(w, "-f") == 0)
			o->config = arg;
		else if (strcmp(w, "-pidfile") == 0)
			o->pidfile = arg;
		else if (strcmp(w, "-filelog") == 0)
			o->filelog = arg;
		else if ((o->syslog_facility = facility(arg)) == -2)
			return -1;
	}
	return 0;
}

/* inetd: BSD letters, then an optional configuration file. */
static int
parse_inetd(struct options *o, int argc, char **argv)
{
	int ch;

	while ((ch = getopt(argc, argv, "a:C:c:dflnp:R:s:Ww")) != -1) {
		switch (ch) {
		case 'a':
			o->bind_address = optarg;
			break;
		case 'C':
			if ((o->max_conn_per_ip = number("-C", optarg, 0)) ==
			    -2)
				return -1;
			break;
		case 'c':
			if ((o->max_child = number("-c", optarg, 0)) == -2)
				return -1;
			break;
		case 'd':
			o->debug = o->foreground = true;
			break;
		case 'f':
			o->foreground = true;
			break;
		case 'l':
			o->log_success = true;
			break;
		case 'n':
			o->mode = MODE_CHECK;
			break;
		case 'p':
			o->pidfile = optarg;
			break;
		case 'R':
			if ((o->max_spawn_rate = number("-R", optarg, 1)) == -2)
				return -1;
			break;
		case 's':
			if ((o->max_child_per_ip = number("-s", optarg, 0)) ==
			    -2)
				return -1;
			break;
		case 'W':
			o->wrap_internal = true;
			break;
		case 'w':
			o->wrap_external = true;
			break;
		default:
			return -1;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1) {
		fprintf(stderr, "%s: too many arguments\n", getprogname());
		return -1;
	}
	if (argc == 1)
		o->config = argv[0];
	return 0;
}

int
options_parse(struct options *o, int argc, char **argv)
{
	const char *name = argc > 0 ? strrchr(argv[0], '/') : NULL;

	memset(o, 0, sizeof(*o));
	name = name != NULL ? name + 1 : (argc > 0 ? argv[0] : "xinetd");
	o->inetd = strcmp(name, "inetd") == 0;
	o->syslog_facility = o->limit = o->logprocs = o->cc_interval = -1;
	o->max_child = o->max_conn_per_ip = o->max_spawn_rate = -1;
	o->max_child_per_ip = -1;
	if ((o->inetd ? parse_inetd(o, argc, argv) :
	    parse_xinetd(o, argc, argv)) == -1)
		return -1;
	if (o->config == NULL)
		o->config = o->inetd ? PATH_INETD_CONF : PATH_XINETD_CONF;
	return 0;
}
