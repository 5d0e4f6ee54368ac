# xinetd: an internet super-server.  Build with bmake (BSD make).
#
#	bmake			build everything
#	bmake test		build, run the test suite with kyua, report
#	bmake fuzz		run each fuzz target for FUZZ_SECONDS (clang)
#	bmake bench		build, then run the benchmarks in bench/
#	bmake install		install under DESTDIR and PREFIX
#	bmake clean

SUBDIR=		lib/libxcfg usr.sbin/xinetd share/man etc tests

KYUA?=		kyua
KYUA_RESULTS?=	${.CURDIR}/kyua-results.db
FUZZ_SECONDS?=	60

test: all .PHONY
	@rm -f ${KYUA_RESULTS}
	@cd ${.CURDIR} && ${KYUA} test --results-file=${KYUA_RESULTS}; \
	rv=$$?; \
	${KYUA} report --results-file=${KYUA_RESULTS} \
	    --results-filter=broken,failed,skipped,xfail; \
	${KYUA} report --results-file=${KYUA_RESULTS} | \
	    sed -n 's/^Test cases: \([0-9]*\) total, \([0-9]*\) skipped.* \([0-9]*\) broken, \([0-9]*\) failed.*/\1 \2 \3 \4/p' | \
	    while read total skipped broken failed; do \
		echo "kyua: $$((total - skipped - broken - failed)) passed, $$((broken + failed)) failed, $$skipped skipped"; \
	    done; \
	exit $$rv

fuzz: .PHONY
	@cd ${.CURDIR}/tests/fuzz && ${.MAKE} fuzz FUZZ_SECONDS=${FUZZ_SECONDS}

# bench/ is not in SUBDIR: it is neither installed nor tested.
bench: all .PHONY
	@cd ${.CURDIR}/bench && ${.MAKE}
	@sh ${.CURDIR}/bench/run.sh
	@sh ${.CURDIR}/bench/builtins.sh

.include <bsd.subdir.mk>
