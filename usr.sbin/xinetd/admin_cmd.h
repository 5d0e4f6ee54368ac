/*
 * The xadmin built-in's command loop, apart from the listings it
 * shows (admin.c), so that the fuzz targets run the daemon's own code.
 */

#ifndef ADMIN_CMD_H
#define ADMIN_CMD_H

#include <sys/types.h>

#define ADMIN_LINE_MAX		256
#define ADMIN_IDLE_MS		60000

enum admin_cmd {
	ADMIN_NONE,		/* an empty line */
	ADMIN_HELP,
	ADMIN_SHOW_RUN,
	ADMIN_SHOW_AVAIL,
	ADMIN_QUIT,		/* bye, exit, quit */
	ADMIN_UNKNOWN
};

/*
 * One command line from fd, without its end, cut to size - 1 bytes:
 * its length, or -1 at the end of the input or after ADMIN_IDLE_MS.
 */
ssize_t		 admin_read_line(int, char *, size_t);
/* What a command line asks for. */
enum admin_cmd	 admin_command(const char *);
/*
 * The session: a prompt ("> "), a command, its answer, until the end
 * of the input or a quit.  show writes what ADMIN_SHOW_RUN and
 * ADMIN_SHOW_AVAIL list.
 */
void		 admin_session(int, void (*)(int, enum admin_cmd));

#endif /* ADMIN_CMD_H */
