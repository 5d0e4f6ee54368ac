/*
 * t_fuzz_replay: every fuzz target's LLVMFuzzerTestOneInput, built with
 * the ordinary compiler, over each file of its committed seed corpus
 * (corpus/<target>) and of its regression inputs (regress/<target>,
 * where a crash the fuzzer found is kept).  Each input runs in a
 * process of its own: a crash, a sanitizer report or a broken property
 * (the targets abort) fails the case and names the file.
 */

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "fuzz.h"

/* Runs one input; the number of inputs that failed. */
static int
run_one(const char *path, int (*one)(const uint8_t *, size_t))
{
	uint8_t *buf;
	struct stat st;
	size_t got = 0;
	ssize_t n;
	pid_t pid;
	int fd, status;

	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1)
		atf_tc_fail("%s: %s", path, strerror(errno));
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL)
		atf_tc_fail("out of memory");
	while (got < (size_t)st.st_size &&
	    (n = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	ATF_REQUIRE_EQ_MSG(got, (size_t)st.st_size, "%s: short read", path);
	fflush(NULL);
	if ((pid = fork()) == -1)
		atf_tc_fail("fork: %s", strerror(errno));
	if (pid == 0) {
		(void)one(buf, got);
		_exit(0);
	}
	free(buf);
	if (waitpid(pid, &status, 0) == -1)
		atf_tc_fail("waitpid: %s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		atf_tc_fail_nonfatal("%s: killed by signal %d", path,
		    WTERMSIG(status));
	else
		atf_tc_fail_nonfatal("%s: exit status %d", path,
		    WEXITSTATUS(status));
	return 1;
}

/* The inputs of one directory; required says it must have some. */
static size_t
run_dir(const char *kind, const char *target, bool required,
    int (*one)(const uint8_t *, size_t))
{
	char dir[1024], path[2048];
	struct dirent *de;
	struct stat st;
	size_t count = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/%s/%s", FUZZ_DIR, kind, target);
	if ((d = opendir(dir)) == NULL) {
		if (required || errno != ENOENT)
			atf_tc_fail("%s: %s", dir, strerror(errno));
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_name[0] == '.' || stat(path, &st) == -1 ||
		    !S_ISREG(st.st_mode))
			continue;
		(void)run_one(path, one);
		count++;
	}
	closedir(d);
	if (required && count == 0)
		atf_tc_fail("%s: no inputs", dir);
	printf("%s: %zu inputs\n", dir, count);
	return count;
}

static void
replay(const char *target, int (*one)(const uint8_t *, size_t))
{
	(void)run_dir("corpus", target, true, one);
	(void)run_dir("regress", target, false, one);
}

#define TARGET(t)							\
ATF_TC(t);								\
ATF_TC_HEAD(t, tc)							\
{									\
	atf_tc_set_md_var(tc, "descr", "fuzz_" #t " replays its "	\
	    "corpus and regression inputs without a crash or a "	\
	    "broken property");						\
	atf_tc_set_md_var(tc, "timeout", "300");			\
}									\
ATF_TC_BODY(t, tc)							\
{									\
	replay(#t, fuzz_##t##_one);					\
}

TARGET(xinetd)
TARGET(inetd)
TARGET(kv)
TARGET(tcpmux)
TARGET(ident)
TARGET(admin)
TARGET(dgram)
TARGET(stream)

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, xinetd);
	ATF_TP_ADD_TC(tp, inetd);
	ATF_TP_ADD_TC(tp, kv);
	ATF_TP_ADD_TC(tp, tcpmux);
	ATF_TP_ADD_TC(tp, ident);
	ATF_TP_ADD_TC(tp, admin);
	ATF_TP_ADD_TC(tp, dgram);
	ATF_TP_ADD_TC(tp, stream);
	return atf_no_error();
}
