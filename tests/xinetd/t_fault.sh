# t_fault: the daemon under faults: out of descriptors, no process to
# be had, servers that crash or never exit, log destinations that
# fail.  It must go on serving, not spin, and recover once the fault
# is gone.  Every case runs once per event loop backend.

. "$(atf_get_srcdir)/common.subr"

start() {
	setup
	helpers
	PORT=$(free_port)
}

# A user for the process limit, which counts all of a user's processes:
# one no other test runs anything as (probe, 4242, is used elsewhere).
PROBE_UID=4260

# Wait until FILE has at least N lines matching the extended regex RE;
# SECONDS max, by the clock (between SECONDS and SECONDS + 1).
wait_count() {
	_end=$(($(date +%s) + ${4:-10}))
	while [ "$(grep -Ec -- "$2" "$1" 2>/dev/null)" -lt "$3" ]; do
		[ "$(date +%s)" -le "$_end" ] || return 1
		sleep 0.1
	done
}

# CPU time (user + system) of process $1 in clock ticks.
cpu_ticks() {
	awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# Children of process $1 that are zombies, one pid a line.
zombies_of() {
	ps -A -o pid= -o ppid= -o stat= |
	    awk -v pp="$1" '$2 == pp && $3 ~ /^Z/ { print $1 }'
}

# Fail unless process $1 is left with no zombie child within 10 s.
no_zombies() {
	_i=0
	while [ -n "$(zombies_of "$1")" ]; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || atf_fail "zombies of $1: $(zombies_of "$1")"
		sleep 0.1
	done
}

# An in-process stream built-in: the daemon holds its connections.
discard_service() {
	printf '\nservice discard\n{\n\ttype = INTERNAL UNLISTED\n'
	printf '\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n'
	printf '\tport = %s\n\tbind = 127.0.0.1\n' "$1"
	printf '\tinstances = UNLIMITED\n\tcps = 0 0\n}\n'
}

emfile_head() {
	atf_set descr "Out of descriptors, accept fails with EMFILE: the" \
	    "daemon says so without a flood, does not spin, and serves" \
	    "again once descriptors are free"
	atf_set require.progs prlimit
	atf_set require.files /proc/self/stat
}
emfile_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		discard_service "$PORT"
		probe_service probe "$PORT2" "cps = 0 0"
	} >xinetd.conf
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT2" >r0 || atf_fail "no answer before the fault"
	nfd=$(ls "/proc/$DAEMON_PID/fd" | wc -l)
	lim=$((nfd + 8))
	echo "the daemon has $nfd descriptors; limit $lim"
	prlimit --pid "$DAEMON_PID" --nofile=$lim: ||
	    atf_fail "cannot lower the daemon's RLIMIT_NOFILE"
	# More held connections than descriptors left.
	for i in $(seq 1 20); do
		"$H_CLIENT" -H 120 127.0.0.1 "$PORT" >/dev/null 2>&1 &
		echo $! >>held
	done
	cat held >>pids
	wait_for daemon.log "accept: Too many open files" 10 ||
	    atf_fail "no EMFILE from accept with $lim descriptors"
	# A client waiting in the queue meanwhile.
	"$H_CLIENT" -t 60 127.0.0.1 "$PORT2" >late.out 2>late.err &
	late=$!
	echo $late >>pids
	t0=$(cpu_ticks "$DAEMON_PID")
	sleep 4
	t1=$(cpu_ticks "$DAEMON_PID")
	hz=$(getconf CLK_TCK)
	echo "daemon CPU while out of descriptors: $((t1 - t0)) ticks" \
	    "in 4 s at $hz Hz"
	kill -0 "$DAEMON_PID" || atf_fail "the daemon died"
	[ $((t1 - t0)) -lt $((hz * 4 * 15 / 100)) ] ||
	    atf_fail "$((t1 - t0)) ticks of CPU in 4 s: the daemon spins"
	n=$(grep -c "accept: Too many open files" daemon.log)
	echo "$n EMFILE lines in the daemon's log"
	[ "$n" -le 2 ] || atf_fail "$n lines about EMFILE: a flood"
	[ -s late.out ] && atf_fail "served while out of descriptors?"
	for p in $(cat held); do
		kill "$p"
	done
	i=0
	while kill -0 "$late" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 50 ] || atf_fail "the queued client not served in 5 s"
		sleep 0.1
	done
	wait "$late" || atf_fail "the queued client failed: $(cat late.err)"
	expect late.out argv0 h_probe
	grep -qx end late.out || atf_fail "the queued client's report is cut"
	ask 127.0.0.1 "$PORT2" >r1 || atf_fail "no answer after the fault"
	expect r1 argv0 h_probe
	atf_check -o empty "$H_CLIENT" -t 10 -s after 127.0.0.1 "$PORT"
	daemon_stop
}

nproc_head() {
	atf_set descr "At the process limit fork fails: FAIL fork lines," \
	    "NORETRY refuses at once, the others wait between tries, and" \
	    "clients are served again once processes end"
	atf_set require.user root
	atf_set require.progs prlimit setpriv
	atf_set require.files /proc/self/stat
}
nproc_body() {
	start
	PORT2=$(free_port)
	PORT3=$(free_port)
	# The limit counts every process of the user: it must have none.
	others=$(ps -u $PROBE_UID -o pid= | tr -d ' ')
	[ -z "$others" ] || atf_fail "uid $PROBE_UID already runs: $others"
	{
		log_defaults
		probe_service hang "$PORT" "cps = 0 0" \
		    --mode=sleep:600
		probe_service retry "$PORT2" "cps = 0 0"
		probe_service noretry "$PORT3" "cps = 0 0;
		    flags = NORETRY"
	} >xinetd.conf
	chown $PROBE_UID:$PROBE_UID .
	# The daemon and two servers: no third process.
	NETNS_EXEC="setpriv --reuid=$PROBE_UID --regid=$PROBE_UID"
	NETNS_EXEC="$NETNS_EXEC --clear-groups prlimit --nproc=3:3 --"
	daemon_start xinetd.conf
	NETNS_EXEC=
	[ "$(ps -o uid= -p "$DAEMON_PID" | tr -d ' ')" = $PROBE_UID ] ||
	    atf_fail "the daemon does not run as $PROBE_UID"
	for i in 1 2; do
		"$H_CLIENT" -t 120 127.0.0.1 "$PORT" >h$i 2>/dev/null &
		echo $! >>pids
	done
	wait_count service.log "START: hang " 2 10 ||
	    atf_fail "the hanging servers did not start"
	hpids=$(sed -n 's/.*START: hang pid=\([0-9]*\) .*/\1/p' service.log)
	echo "$hpids" >>pids
	# NORETRY: each client refused at once, not one a second.
	for i in 1 2 3 4 5 6; do
		"$H_CLIENT" -t 30 127.0.0.1 "$PORT3" >n$i 2>/dev/null &
		echo $! >>pids
		echo $! >>refused
	done
	wait_count service.log "FAIL: noretry fork" 6 3 ||
	    atf_fail "noretry: $(grep -c "FAIL: noretry" service.log) of 6" \
	    "clients refused in 3 s"
	for p in $(cat refused); do
		wait "$p"
	done
	for i in 1 2 3 4 5 6; do
		[ -s n$i ] && atf_fail "noretry: served at the process limit"
	done
	atf_check -o inline:"6\n" grep -c "FAIL: noretry fork" service.log
	# The others: one try a second, not a loop.
	t0=$(cpu_ticks "$DAEMON_PID")
	for i in 1 2 3 4 5 6; do
		"$H_CLIENT" -t 30 127.0.0.1 "$PORT2" >q$i 2>/dev/null &
		echo $! >>pids
		echo $! >>queued
	done
	sleep 3.5
	t1=$(cpu_ticks "$DAEMON_PID")
	n=$(grep -c "FAIL: retry fork" service.log)
	echo "$n FAIL lines for 6 clients in 3.5 s; $((t1 - t0)) ticks of CPU"
	[ "$n" -ge 2 ] && [ "$n" -le 5 ] ||
	    atf_fail "$n FAIL fork lines in 3.5 s: no pause between tries"
	[ $((t1 - t0)) -lt $(($(getconf CLK_TCK) * 35 / 100)) ] ||
	    atf_fail "$((t1 - t0)) ticks of CPU in 3.5 s: the daemon spins"
	atf_check -o match:": cannot start .*h_probe: Resource temporarily unavailable" \
	    cat daemon.log
	kill -0 "$DAEMON_PID" || atf_fail "the daemon died"
	# The limit goes: each queued client is served, or was refused
	# with a FAIL line when its try failed; none is left hanging.
	for p in $hpids; do
		kill "$p"
	done
	for p in $(cat queued); do
		wait "$p" || atf_fail "a queued client failed"
	done
	served=0
	for i in 1 2 3 4 5 6; do
		[ -s q$i ] || continue
		expect q$i argv0 h_probe
		expect q$i uid $PROBE_UID
		served=$((served + 1))
	done
	n=$(grep -c "FAIL: retry fork" service.log)
	echo "after the limit: $served of 6 queued clients served, $n refused"
	[ "$served" -ge 1 ] || atf_fail "no queued client served after"
	[ $((served + n)) -eq 6 ] ||
	    atf_fail "$served served and $n refused of 6 clients"
	ask 127.0.0.1 "$PORT2" >r || atf_fail "retry: no answer after"
	expect r argv0 h_probe
	ask 127.0.0.1 "$PORT3" >r || atf_fail "noretry: no answer after"
	expect r argv0 h_probe
	daemon_stop
}

crashes_head() {
	atf_set descr "Servers killed by SIGSEGV or SIGKILL are reaped," \
	    "logged, and give their instance back; servers that never exit" \
	    "hold it, and are stopped with the daemon"
}
crashes_body() {
	start
	ulimit -c 0
	PORT2=$(free_port)
	PORT3=$(free_port)
	{
		log_defaults
		probe_service segv "$PORT" "instances = 2; cps = 0 0" \
		    --mode=crash:SEGV
		probe_service killed "$PORT2" "instances = 2; cps = 0 0" \
		    --mode=crash:KILL
		probe_service hang "$PORT3" "instances = 2; cps = 0 0" \
		    --mode=sleep:600
	} >xinetd.conf
	daemon_start xinetd.conf
	for s in segv:11 killed:9; do
		name=${s%:*} sig=${s#*:}
		port=$PORT
		[ $name = killed ] && port=$PORT2
		for i in 1 2 3 4 5; do
			"$H_CLIENT" -t 10 127.0.0.1 "$port" >/dev/null 2>&1
			wait_count service.log "EXIT: $name " $i 10 ||
			    atf_fail "$name: no EXIT line for connection $i"
		done
		n=$(grep -Ec "EXIT: $name signal=$sig pid=[0-9]+ duration=[0-9]+\(sec\)\$" \
		    service.log)
		[ "$n" -eq 5 ] || atf_fail "$n EXIT signal=$sig lines of 5"
		atf_check -o inline:"5\n" grep -c "START: $name pid=" \
		    service.log
		grep "FAIL: $name" service.log &&
		    atf_fail "$name: refused with instances = 2"
	done
	no_zombies "$DAEMON_PID"
	# Two servers that never exit take both instances.
	"$H_CLIENT" -t 120 127.0.0.1 "$PORT3" >h1 2>/dev/null &
	echo $! >>pids
	"$H_CLIENT" -t 120 127.0.0.1 "$PORT3" >h2 2>/dev/null &
	echo $! >>pids
	wait_count service.log "START: hang " 2 10 ||
	    atf_fail "the hanging servers did not start"
	hpids=$(sed -n 's/.*START: hang pid=\([0-9]*\) .*/\1/p' service.log)
	echo "$hpids" >>pids
	for p in $hpids; do
		kill -0 "$p" || atf_fail "server $p is not running"
	done
	"$H_CLIENT" -e -t 10 127.0.0.1 "$PORT3" >h3 2>/dev/null
	rv=$?
	# A third server, if one was wrongly started, for the cleanup too.
	sed -n 's/.*START: hang pid=\([0-9]*\) .*/\1/p' service.log >>pids
	[ $rv -ne 0 ] && [ ! -s h3 ] ||
	    atf_fail "a third hang server with instances = 2"
	atf_check -o match:"FAIL: hang service_limit from=127\.0\.0\.1\$" \
	    cat service.log
	# The crashing services still have their instances.
	"$H_CLIENT" -t 10 127.0.0.1 "$PORT" >/dev/null 2>&1
	wait_count service.log "EXIT: segv " 6 10 ||
	    atf_fail "segv not served beside the hanging servers"
	daemon_stop
	for p in $hpids; do
		wait_gone "$p" 10 || atf_fail "server $p outlived the daemon"
	done
	atf_check -o match:"EXIT: hang signal=15 pid=" cat service.log
}

log_failures_head() {
	atf_set descr "A FILE log on a full device or on a path that cannot" \
	    "be opened stops no service: said once, not in a flood;" \
	    "SIGHUP still reloads"
	atf_set require.files /dev/full
}
log_failures_body() {
	start
	PORT2=$(free_port)
	PORT3=$(free_port)
	{
		log_defaults
		probe_service full "$PORT" "cps = 0 0;
		    log_type = FILE /dev/full"
		probe_service nodir "$PORT2" "cps = 0 0;
		    log_type = FILE /dev/null/service.log"
	} >xinetd.conf
	daemon_start xinetd.conf
	for i in $(seq 1 12); do
		ask 127.0.0.1 "$PORT" >r || atf_fail "full: request $i failed"
		expect r argv0 h_probe
		ask 127.0.0.1 "$PORT2" >r || atf_fail "nodir: request $i failed"
		expect r argv0 h_probe
	done
	kill -0 "$DAEMON_PID" || atf_fail "the daemon died"
	n1=$(grep -c "/dev/full: write: No space left on device" daemon.log)
	n2=$(grep -c "/dev/null/service.log: open: Not a directory" daemon.log)
	echo "$n1 lines about /dev/full, $n2 about /dev/null/service.log" \
	    "for 12 requests each"
	[ "$n1" -ge 1 ] && [ "$n1" -le 2 ] ||
	    atf_fail "$n1 lines about /dev/full for 12 requests"
	[ "$n2" -ge 1 ] && [ "$n2" -le 2 ] ||
	    atf_fail "$n2 lines about /dev/null/service.log for 12 requests"
	# A reload: a third service appears, and the first two still serve.
	probe_service added "$PORT3" "cps = 0 0" >>xinetd.conf
	kill -HUP "$DAEMON_PID"
	i=0
	until ask 127.0.0.1 "$PORT3" >r3 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 50 ] || atf_fail "SIGHUP did not add the service"
		sleep 0.2
	done
	expect r3 argv0 h_probe
	ask 127.0.0.1 "$PORT" >r || atf_fail "full: no answer after SIGHUP"
	ask 127.0.0.1 "$PORT2" >r || atf_fail "nodir: no answer after SIGHUP"
	atf_check -o match:"START: added pid=" cat service.log
	daemon_stop
}

daemon_log_full_head() {
	atf_set descr "The daemon's own -filelog on /dev/full: it serves," \
	    "reloads and stops as usual"
	atf_set require.files /dev/full
}
daemon_log_full_body() {
	start
	PORT2=$(free_port)
	{ log_defaults; probe_service probe "$PORT" "cps = 0 0"; } \
	    >xinetd.conf
	# daemon_start waits for "ready:" in daemon.log, which cannot come.
	"$XINETD" -dontfork -f xinetd.conf -filelog /dev/full \
	    -pidfile "$PWD/xinetd.pid" >daemon.out 2>&1 &
	DAEMON_PID=$!
	echo $DAEMON_PID >daemon.pid
	i=0
	until ask 127.0.0.1 "$PORT" >r 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 50 ] || atf_fail "the daemon does not serve"
		sleep 0.2
	done
	for i in $(seq 1 10); do
		ask 127.0.0.1 "$PORT" >r || atf_fail "request $i failed"
		expect r argv0 h_probe
	done
	probe_service added "$PORT2" "cps = 0 0" >>xinetd.conf
	kill -HUP "$DAEMON_PID"
	i=0
	until ask 127.0.0.1 "$PORT2" >r2 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 50 ] || atf_fail "SIGHUP did not add the service"
		sleep 0.2
	done
	expect r2 argv0 h_probe
	n=$(grep -c "START: probe pid=" service.log)
	[ "$n" -eq 11 ] || atf_fail "$n START lines for 11 requests"
	daemon_stop
}

atf_init_test_cases() {
	for t in emfile nproc crashes log_failures daemon_log_full; do
		add_backend_cases $t
	done
}
