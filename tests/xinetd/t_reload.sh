# t_reload: the signals that drive the daemon: SIGHUP and SIGUSR2
# reload, SIGUSR1 dumps the state, SIGTERM, SIGINT and SIGQUIT stop it;
# also the pidfile and listeners that cannot bind yet.  Every case runs
# once per event loop backend (add_backend_cases).

. "$(atf_get_srcdir)/common.subr"

start() {
	setup
	helpers
	PORT=$(free_port)
}

# Put FILE in place as xinetd.conf in one step: the daemon never reads
# a half-written file.
install_conf() {
	cp "$1" xinetd.conf.tmp || atf_fail "cannot copy $1"
	mv xinetd.conf.tmp xinetd.conf || atf_fail "cannot install $1"
}

# Wait until FILE has at least N lines matching the extended regex RE;
# SECONDS max.
wait_count() {
	_i=0
	while [ $_i -lt $((${4:-10} * 10)) ]; do
		_c=$(grep -cE -- "$2" "$1" 2>/dev/null)
		[ "${_c:-0}" -ge "$3" ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# Send SIG (HUP by default) and wait for the reload it asks for to end,
# well or badly; RELOAD_RESULT says which.
reload() {
	_re="reloaded: |reload failed"
	_n=$(grep -cE "$_re" daemon.log)
	kill -"${1:-HUP}" "$DAEMON_PID" || atf_fail "the daemon is gone"
	wait_count daemon.log "$_re" $((_n + 1)) 10 ||
	    atf_fail "no reload after SIG${1:-HUP}"
	RELOAD_RESULT=$(grep -E "$_re" daemon.log | tail -n 1)
}

# A reload that must work, with N services after it.
reload_ok() {
	reload "$1"
	echo "$RELOAD_RESULT" | grep -q "reloaded: $2 services" || {
		cat daemon.log
		atf_fail "expected 'reloaded: $2 services', got" \
		    "'$RELOAD_RESULT'"
	}
}

# A connection to 127.0.0.1:PORT is refused.  It comes from 127.0.0.2:
# from 127.0.0.1 a free port may be the client's own, and TCP would
# connect the socket to itself.
refused() {
	"$H_CLIENT" -b 127.0.0.2 -t 5 127.0.0.1 "$1" >/dev/null 2>refused.err
	_rv=$?
	[ $_rv -eq 1 ] && grep -q "Connection refused" refused.err && return 0
	echo "port $1: exit $_rv, $(cat refused.err)"
	return 1
}

# A connection in the background to a server that sleeps; once its
# report has come, SERVER_PID is the server's pid.  The report goes to
# FILE; SLEEPER_CLIENT is the client's pid.
sleeper() {
	"$H_CLIENT" -t 60 127.0.0.1 "$1" >"$2" 2>&1 &
	SLEEPER_CLIENT=$!
	echo $! >>pids
	wait_for "$2" "^end$" 10 || atf_fail "no report from port $1"
	SERVER_PID=$(report_get "$2" pid)
	[ -n "$SERVER_PID" ] || atf_fail "no pid in $2"
}

alive() {
	kill -0 "$1" 2>/dev/null
}

# Descriptors the daemon has open, where the system shows them.
fd_count() {
	ls "/proc/$DAEMON_PID/fd" | wc -l | tr -d ' '
}

# Children of the daemon that have exited and are not reaped yet.
zombies() {
	for _s in /proc/[0-9]*/stat; do
		# pid (comm) state ppid ...: comm may hold spaces.
		sed -n 's/^.*) \([A-Z]\) \([0-9]*\) .*/\1 \2/p' "$_s" 2>/dev/null
	done | grep -c "^Z $DAEMON_PID\$"
}

# The daytime built-in, id ID, on 127.0.0.1:PORT, in-process; cps off.
daytime_service() {
	printf '\nservice daytime\n{\n\ttype = INTERNAL UNLISTED\n'
	printf '\tid = %s\n\tsocket_type = stream\n' "$1"
	printf '\tprotocol = tcp\n\twait = no\n\tport = %s\n' "$2"
	printf '\tbind = 127.0.0.1\n\tcps = 0 0\n}\n'
}

reload_storm_head() {
	atf_set descr "100 SIGHUPs, 50 ms apart, alternating between two" \
	    "configurations that add and remove services, under load on" \
	    "an external and a built-in service present in both: no" \
	    "connection to them fails, no descriptor is left, no zombie"
}
reload_storm_body() {
	start
	PORTB=$(free_port)
	PORTE=$(free_port)
	PORTD=$(free_port)
	{
		log_defaults
		probe_service a "$PORT" "cps = 0 0" alpha
		daytime_service e "$PORTE"
	} >conf.1
	{
		log_defaults
		probe_service b "$PORTB" "" bravo
		daytime_service e "$PORTE"
		probe_service a "$PORT" "cps = 0 0" alpha
		printf '\nservice echo\n{\n\ttype = INTERNAL UNLISTED\n'
		printf '\tid = d\n\tsocket_type = stream\n\tprotocol = tcp\n'
		printf '\twait = no\n\tport = %s\n' "$PORTD"
		printf '\tbind = 127.0.0.1\n}\n'
	} >conf.2
	install_conf conf.1
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >r0 || atf_fail "no answer from a"
	expect r0 argv1 alpha
	fds=$(fd_count)

	"$H_CLIENT" -R -S stop -c 3 -t 10 127.0.0.1 "$PORT" >load.a \
	    2>load.a.err &
	echo $! >>pids
	loada=$!
	"$H_CLIENT" -R -S stop -c 3 -t 10 127.0.0.1 "$PORTE" >load.e \
	    2>load.e.err &
	echo $! >>pids
	loade=$!
	wait_for service.log "START: a" 10 || atf_fail "no load on a"
	n0=$(grep -c "reloaded: " daemon.log)
	i=1
	while [ $i -le 100 ]; do
		install_conf conf.$((i % 2 + 1))
		kill -HUP "$DAEMON_PID" || atf_fail "the daemon is gone"
		sleep 0.05
		i=$((i + 1))
	done
	# The last one put conf.1 in place; one more reload, waited for,
	# makes sure it is what runs.
	reload_ok HUP 2
	touch stop
	wait_gone $loada 20 || atf_fail "the load on a did not stop"
	wait_gone $loade 20 || atf_fail "the load on e did not stop"
	wait $loada
	wait $loade
	n=$(($(grep -c "reloaded: " daemon.log) - n0))
	for l in a e; do
		cat load.$l load.$l.err
		ok=$(sed -n 's/^ok=\([0-9]*\) fail=[0-9]*$/\1/p' load.$l)
		fail=$(sed -n 's/^ok=[0-9]* fail=\([0-9]*\)$/\1/p' load.$l)
		[ -n "$ok" ] && [ -n "$fail" ] || atf_fail "no result for $l"
		[ "$fail" -eq 0 ] || atf_fail "$fail connections to $l failed"
		[ "$ok" -gt 0 ] || atf_fail "no connection to $l was served"
		echo "service $l: $ok connections served, $fail failed" \
		    "during $n reloads"
	done
	[ "$n" -ge 10 ] || atf_fail "only $n of 100 SIGHUPs reloaded"
	atf_check -s exit:1 -o inline:"0\n" grep -c "reload failed" daemon.log
	refused "$PORTB" || atf_fail "b serves after the last reload"
	refused "$PORTD" || atf_fail "d serves after the last reload"
	ask 127.0.0.1 "$PORT" >r1 || atf_fail "no answer from a at the end"
	expect r1 argv1 alpha
	atf_check -o match:"[0-9]:[0-9][0-9]:[0-9][0-9]" "$H_CLIENT" -t 10 \
	    127.0.0.1 "$PORTE"
	i=0
	while [ "$(zombies)" -ne 0 ]; do
		i=$((i + 1))
		[ $i -le 50 ] || atf_fail "$(zombies) zombies of the daemon"
		sleep 0.1
	done
	now=$(fd_count)
	[ "$now" -eq "$fds" ] || {
		ls -l "/proc/$DAEMON_PID/fd"
		atf_fail "the daemon had $fds descriptors before and $now after"
	}
	echo "descriptors: $fds before, $now after"
	daemon_stop
}

reload_under_load_head() {
	atf_set descr "20 reloads that add and remove a service while" \
	    "another one is under load: no connection to it fails, the" \
	    "added service serves, the removed one refuses, no" \
	    "descriptor leaks"
}
reload_under_load_body() {
	start
	PORTB=$(free_port)
	# B comes first, so the reload that adds it parses new text before
	# the unchanged A: A must not be left with the freed old copy.  The
	# load is far beyond the default cps of 50 a second: cps is off.
	{ log_defaults; probe_service a "$PORT" "cps = 0 0" alpha beta; } >conf.a
	{
		log_defaults
		probe_service b "$PORTB" "" bravo1 bravo2 bravo3 bravo4
		probe_service a "$PORT" "cps = 0 0" alpha beta
	} >conf.ab
	install_conf conf.a
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >r0 || atf_fail "no answer from a"
	expect r0 argv1 alpha
	fds=
	[ -d "/proc/$DAEMON_PID/fd" ] && fds=$(fd_count)

	"$H_CLIENT" -R -S stop -c 4 -t 10 127.0.0.1 "$PORT" >load.out \
	    2>load.err &
	load=$!
	echo $load >>pids
	wait_for service.log "START: a" 10 || atf_fail "no load on a"
	i=1
	while [ $i -le 20 ]; do
		if [ $((i % 2)) -eq 1 ]; then
			install_conf conf.ab
			reload_ok HUP 2
			ask 127.0.0.1 "$PORTB" >rb ||
			    atf_fail "b does not serve after reload $i"
			expect rb argv1 bravo1
			ask 127.0.0.1 "$PORT" >ra ||
			    atf_fail "no answer from a after reload $i"
			expect ra argv1 alpha
			expect ra argv2 beta
		else
			install_conf conf.a
			reload_ok HUP 1
			refused "$PORTB" ||
			    atf_fail "b still answers after reload $i"
		fi
		i=$((i + 1))
	done
	sleep 0.5
	touch stop
	wait_gone $load 20 || atf_fail "the load did not stop"
	wait $load
	cat load.out load.err
	ok=$(sed -n 's/^ok=\([0-9]*\) fail=[0-9]*$/\1/p' load.out)
	fail=$(sed -n 's/^ok=[0-9]* fail=\([0-9]*\)$/\1/p' load.out)
	[ -n "$ok" ] && [ -n "$fail" ] || atf_fail "no load result"
	[ "$fail" -eq 0 ] || atf_fail "$fail connections failed during" \
	    "the reloads"
	[ "$ok" -gt 0 ] || atf_fail "no connection served during the reloads"

	ask 127.0.0.1 "$PORT" >r1 || atf_fail "no answer from a at the end"
	expect r1 argv1 alpha
	expect r1 argv2 beta
	if [ -n "$fds" ]; then
		now=$(fd_count)
		[ "$now" -eq "$fds" ] || {
			ls -l "/proc/$DAEMON_PID/fd"
			atf_fail "the daemon had $fds descriptors before the" \
			    "reloads and $now after"
		}
	else
		echo "no /proc/PID/fd here: descriptor count not checked"
	fi
	atf_check -s exit:1 -o inline:"0\n" grep -c "reload failed" daemon.log
	daemon_stop
}

reload_changes_apply_head() {
	atf_set descr "SIGHUP: new settings of a service that keeps its" \
	    "socket apply to the next connection; a server started before" \
	    "keeps running; an unchanged service still serves as before"
}
reload_changes_apply_body() {
	start
	PORT2=$(free_port)
	PORT3=$(free_port)
	{
		log_defaults
		probe_service changing "$PORT" "env = STAGE=1" --mode=sleep:30 \
		    first
		probe_service same "$PORT2" "" keep1 keep2
	} >conf.1
	{
		log_defaults
		probe_service churn "$PORT3" "" churn1 churn2 churn3 churn4
		probe_service changing "$PORT" "env = STAGE=2" second
		probe_service same "$PORT2" "" keep1 keep2
	} >conf.2
	install_conf conf.1
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT2" >r0 || atf_fail "no answer from same"
	expect r0 argv1 keep1
	sleeper "$PORT" r1
	old=$SERVER_PID
	expect r1 argv2 first
	expect r1 env:STAGE 1

	install_conf conf.2
	reload_ok HUP 3
	ask 127.0.0.1 "$PORT" >r2 || atf_fail "no answer after the reload"
	expect r2 argv1 second
	expect r2 argc 2
	expect r2 env:STAGE 2
	[ "$(report_get r2 pid)" != "$old" ] || atf_fail "no new server"
	alive "$old" || atf_fail "the server started before the reload is gone"
	atf_check -s exit:1 grep "EXIT: changing.* pid=$old " service.log
	ask 127.0.0.1 "$PORT2" >r3 || atf_fail "no answer from same"
	expect r3 argv0 h_probe
	expect r3 argv1 keep1
	expect r3 argv2 keep2
	expect r3 argc 3
	ask 127.0.0.1 "$PORT3" >r4 || atf_fail "no answer from churn"
	expect r4 argv1 churn1
	sleep 1
	alive "$old" || atf_fail "the server started before the reload died"
	daemon_stop
}

removed_service_head() {
	atf_set descr "SIGHUP: a removed service refuses new connections at" \
	    "once, and its running server finishes normally"
}
removed_service_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		probe_service keep "$PORT" ""
		probe_service gone "$PORT2" "" --mode=sleep:5
	} >conf.1
	{ log_defaults; probe_service keep "$PORT" ""; } >conf.2
	install_conf conf.1
	daemon_start xinetd.conf
	sleeper "$PORT2" r1
	pid=$SERVER_PID
	client=$SLEEPER_CLIENT

	install_conf conf.2
	reload_ok HUP 1
	refused "$PORT2" || atf_fail "the removed service still answers"
	alive "$pid" || atf_fail "the server of the removed service is gone"
	atf_check -s exit:1 grep "EXIT: gone" service.log
	ask 127.0.0.1 "$PORT" >r2 || atf_fail "keep does not answer"
	expect r2 argv0 h_probe
	wait_for service.log "EXIT: gone status=0 pid=$pid " 15 ||
	    { cat service.log; atf_fail "no normal EXIT for the server"; }
	wait $client || atf_fail "the client of the removed" \
	    "service failed"
	atf_check -o match:"^end$" cat r1
	refused "$PORT2" || atf_fail "the removed service answers"
	daemon_stop
}

sigusr2_head() {
	atf_set descr "SIGUSR2: reload, and SIGTERM to the servers of changed" \
	    "and removed services; servers of unchanged services stay"
}
sigusr2_body() {
	start
	PORT2=$(free_port)
	PORT3=$(free_port)
	{
		log_defaults
		probe_service changed "$PORT" "" --mode=sleep:30 v1
		probe_service unchanged "$PORT2" "" --mode=sleep:30
		probe_service removed "$PORT3" "" --mode=sleep:30
	} >conf.1
	{
		log_defaults
		probe_service changed "$PORT" "" v2
		probe_service unchanged "$PORT2" "" --mode=sleep:30
	} >conf.2
	install_conf conf.1
	daemon_start xinetd.conf
	sleeper "$PORT" r1
	p1=$SERVER_PID
	sleeper "$PORT2" r2
	p2=$SERVER_PID
	sleeper "$PORT3" r3
	p3=$SERVER_PID

	install_conf conf.2
	reload_ok USR2 2
	wait_for service.log "EXIT: changed signal=15 pid=$p1 " 10 ||
	    { cat service.log; atf_fail "the changed service's server" \
	    "was not terminated"; }
	wait_for service.log "EXIT: removed signal=15 pid=$p3 " 10 ||
	    { cat service.log; atf_fail "the removed service's server" \
	    "was not terminated"; }
	wait_gone "$p1" 5 || atf_fail "pid $p1 still runs"
	wait_gone "$p3" 5 || atf_fail "pid $p3 still runs"
	alive "$p2" || atf_fail "the unchanged service's server is gone"
	atf_check -s exit:1 grep "EXIT: unchanged" service.log
	ask 127.0.0.1 "$PORT" >r4 || atf_fail "changed does not answer"
	expect r4 argv1 v2
	refused "$PORT3" || atf_fail "the removed service answers"
	sleep 1
	alive "$p2" || atf_fail "the unchanged service's server died"
	daemon_stop
	atf_check -o match:"EXIT: unchanged signal=15 pid=$p2 " cat service.log
}

bad_reload_head() {
	atf_set descr "A configuration with errors, in a service or in" \
	    "defaults, is not loaded: every error is logged and the" \
	    "running configuration stays, with no service of the bad file" \
	    "added and none it lacks removed; a good one loads after"
}
bad_reload_body() {
	start
	PORT2=$(free_port)
	PORT3=$(free_port)
	{
		log_defaults
		probe_service svc "$PORT" "" old
		probe_service kept "$PORT3" "" kept
	} >conf.good
	# Besides its errors, the bad file adds a valid service and drops
	# one: neither change may be made.
	{
		log_defaults
		probe_service svc "$PORT" "bogus_attr = 1; instances = many" \
		    new
		probe_service added "$PORT2" "" added
	} >conf.bad
	{
		# defaults accepts neither nice nor an unknown attribute
		log_defaults | sed -e '/^}/i\
	nice = 5\
	bogus_default = 1'
		probe_service svc "$PORT" "" new
	} >conf.baddefaults
	{ log_defaults; probe_service svc "$PORT" "" new; } >conf.new
	l1=$(grep -n bogus_attr conf.bad | cut -d: -f1)
	l2=$(grep -n "instances = many" conf.bad | cut -d: -f1)
	l3=$(grep -n "nice = 5" conf.baddefaults | cut -d: -f1)
	l4=$(grep -n bogus_default conf.baddefaults | cut -d: -f1)
	install_conf conf.good
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >r0 || atf_fail "no answer"
	expect r0 argv1 old

	install_conf conf.bad
	reload HUP
	msg="reload failed; the running configuration stays unchanged"
	echo "$RELOAD_RESULT" | grep -q "$msg" ||
	    { cat daemon.log; atf_fail "the bad reload did not fail"; }
	atf_check -o match:"/xinetd\.conf:$l1: unknown attribute 'bogus_attr'" \
	    cat daemon.log
	atf_check -o match:"/xinetd\.conf:$l2: instances: 'many'" cat daemon.log
	kill -0 "$DAEMON_PID" || atf_fail "the daemon died"
	ask 127.0.0.1 "$PORT" >r1 || atf_fail "no answer after the bad reload"
	expect r1 argv1 old
	refused "$PORT2" || atf_fail "a service of the bad file serves"
	ask 127.0.0.1 "$PORT3" >rk || atf_fail "the bad file stopped 'kept'"
	expect rk argv1 kept

	install_conf conf.baddefaults
	reload HUP
	echo "$RELOAD_RESULT" | grep -q "reload failed" ||
	    { cat daemon.log; atf_fail "the bad defaults were loaded"; }
	atf_check -o match:"/xinetd\.conf:$l3: nice: not allowed in defaults" \
	    cat daemon.log
	msg="/xinetd\.conf:$l4: unknown attribute 'bogus_default'"
	atf_check -o match:"$msg" cat daemon.log
	kill -0 "$DAEMON_PID" || atf_fail "the daemon died"
	ask 127.0.0.1 "$PORT" >r2 || atf_fail "no answer after bad defaults"
	expect r2 argv1 old
	ask 127.0.0.1 "$PORT3" >rk2 || atf_fail "bad defaults stopped 'kept'"

	install_conf conf.new
	reload_ok HUP 1
	ask 127.0.0.1 "$PORT" >r3 || atf_fail "no answer after the good reload"
	expect r3 argv1 new
	refused "$PORT3" || atf_fail "'kept' serves after the good reload"
	atf_check -o inline:"2\n" grep -c "reload failed" daemon.log
	daemon_stop
}

same_port_head() {
	atf_set descr "A reload that replaces a busy service by another one" \
	    "on the same address: the new one serves at once, not after" \
	    "the 5 s retry"
}
same_port_body() {
	start
	{ log_defaults; probe_service old "$PORT" "cps = 0 0" old; } >conf.old
	{ log_defaults; probe_service new "$PORT" "cps = 0 0" new; } >conf.new
	install_conf conf.old
	daemon_start xinetd.conf
	"$H_CLIENT" -R -S stop -c 4 -t 10 127.0.0.1 "$PORT" >load.out \
	    2>load.err &
	load=$!
	echo $load >>pids
	for i in 1 2 3 4 5 6; do
		if [ $((i % 2)) -eq 1 ]; then
			want=new
		else
			want=old
		fi
		wait_count service.log "START: " $((i * 50)) 10 ||
		    atf_fail "no load before reload $i"
		install_conf conf.$want
		reload_ok HUP 1
		# Well below the 5 s between retries of a failed listener.
		n=0
		while ! ask 127.0.0.1 "$PORT" >r 2>/dev/null ||
		    [ "$(report_get r argv1)" != $want ]; do
			n=$((n + 1))
			[ $n -lt 10 ] || { cat daemon.log; atf_fail "$want" \
			    "does not serve 1 s after reload $i"; }
			sleep 0.1
		done
	done
	touch stop
	wait_gone $load 20 || atf_fail "the load did not stop"
	cat load.out
	daemon_stop
}

# Stop the daemon with SIG: it exits 0 at once, its servers are
# terminated and the pidfile goes.
stop_by() {
	start
	{ log_defaults; probe_service sleeper "$PORT" "" --mode=sleep:60; } \
	    >xinetd.conf
	daemon_start xinetd.conf
	[ -s xinetd.pid ] || atf_fail "no pidfile"
	sleeper "$PORT" r1
	pid=$SERVER_PID
	kill -"$1" "$DAEMON_PID"
	# Less than the 5 s after which servers get SIGKILL.
	wait_gone "$DAEMON_PID" 4 || atf_fail "the daemon still runs"
	wait "$DAEMON_PID"
	rv=$?
	rm -f daemon.pid
	[ $rv -eq 0 ] || { cat daemon.log; atf_fail "the daemon exited $rv"; }
	wait_gone "$pid" 2 || atf_fail "the server $pid still runs"
	atf_check -o match:"EXIT: sleeper signal=15 pid=$pid " cat service.log
	[ ! -e xinetd.pid ] || atf_fail "the pidfile is still there"
	refused "$PORT" || atf_fail "the port still answers"
}

sigterm_head() {
	atf_set descr "SIGTERM: the daemon terminates its servers, removes" \
	    "its pidfile and exits 0"
}
sigterm_body() {
	stop_by TERM
}

sigint_head() {
	atf_set descr "SIGINT: the same as SIGTERM"
}
sigint_body() {
	stop_by INT
}

sigquit_head() {
	atf_set descr "SIGQUIT: the daemon exits 0 and leaves its servers" \
	    "running"
}
sigquit_body() {
	start
	{ log_defaults; probe_service sleeper "$PORT" "" --mode=sleep:60; } \
	    >xinetd.conf
	daemon_start xinetd.conf
	sleeper "$PORT" r1
	pid=$SERVER_PID
	# It outlives the daemon: daemon_cleanup stops it.
	echo "$pid" >>pids
	kill -QUIT "$DAEMON_PID"
	wait_gone "$DAEMON_PID" 10 || atf_fail "the daemon still runs"
	wait "$DAEMON_PID"
	rv=$?
	rm -f daemon.pid
	[ $rv -eq 0 ] || { cat daemon.log; atf_fail "the daemon exited $rv"; }
	[ ! -e xinetd.pid ] || atf_fail "the pidfile is still there"
	refused "$PORT" || atf_fail "the port still answers"
	sleep 1
	alive "$pid" || atf_fail "the server did not outlive the daemon"
	atf_check -s exit:1 grep "EXIT: sleeper" service.log
	kill -TERM "$pid"
}

pidfile_head() {
	atf_set descr "-pidfile: holds the daemon's pid; a second daemon" \
	    "with the same pidfile refuses to start"
}
pidfile_body() {
	start
	{ log_defaults; probe_service svc "$PORT" ""; } >xinetd.conf
	daemon_start xinetd.conf
	[ "$(cat xinetd.pid)" = "$DAEMON_PID" ] ||
	    atf_fail "the pidfile has '$(cat xinetd.pid)', not $DAEMON_PID"
	"$XINETD" -dontfork -f xinetd.conf -filelog "$PWD/daemon2.log" \
	    -pidfile "$PWD/xinetd.pid" >daemon2.out 2>&1 &
	second=$!
	echo $second >daemon2.pid
	wait_gone $second 10 || atf_fail "the second daemon still runs"
	wait $second
	rv=$?
	rm -f daemon2.pid
	cat daemon2.out
	[ $rv -eq 1 ] || atf_fail "the second daemon exited $rv, not 1"
	atf_check -o match:"already running as pid $DAEMON_PID" cat daemon2.out
	[ "$(cat xinetd.pid)" = "$DAEMON_PID" ] ||
	    atf_fail "the second daemon changed the pidfile"
	alive "$DAEMON_PID" || atf_fail "the first daemon is gone"
	ask 127.0.0.1 "$PORT" >r1 || atf_fail "the first daemon does not serve"
	expect r1 argv0 h_probe
	daemon_stop
	[ ! -e xinetd.pid ] || atf_fail "the pidfile is still there"
}

dump_head() {
	atf_set descr "SIGUSR1 writes the state to XINETD_DUMP_FILE:" \
	    "services, listeners and running servers"
}
dump_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		probe_service dumped "$PORT" "" --mode=sleep:30
		probe_service idle "$PORT2" ""
	} >xinetd.conf
	XINETD_DUMP_FILE=$PWD/dump
	export XINETD_DUMP_FILE
	daemon_start xinetd.conf
	sleeper "$PORT" r1
	pid=$SERVER_PID
	[ ! -e dump ] || atf_fail "a dump before SIGUSR1"
	kill -USR1 "$DAEMON_PID"
	wait_for dump "^servers running" 10 || atf_fail "no dump file"
	cat dump
	atf_check -o match:"state dumped to $PWD/dump" cat daemon.log
	atf_check -o match:"^pid $DAEMON_PID," cat dump
	atf_check -o match:"^service dumped$" cat dump
	atf_check -o match:"^service idle$" cat dump
	atf_check -o match:"listener: fd [0-9]+, 127\.0\.0\.1 port $PORT\$" \
	    cat dump
	atf_check -o match:"listener: fd [0-9]+, 127\.0\.0\.1 port $PORT2\$" \
	    cat dump
	atf_check -o match:"^servers running: 1$" cat dump
	since="[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}"
	want="pid $pid, service dumped, from 127\.0\.0\.1, since $since\$"
	atf_check -o match:"$want" cat dump
	! ls | grep '^dump\.' || atf_fail "a temporary dump file is left"
	daemon_stop
}

bind_retry_head() {
	atf_set descr "A listener whose address is taken is retried every" \
	    "5 s while the other services serve; it serves once the" \
	    "address is free"
}
bind_retry_body() {
	start
	PORT2=$(free_port)
	{ log_defaults; probe_service holder "$PORT" "" holder; } >hold.conf
	"$XINETD" -dontfork -f hold.conf -filelog "$PWD/daemon2.log" \
	    -pidfile "$PWD/xinetd2.pid" >daemon2.out 2>&1 &
	holder=$!
	echo $holder >daemon2.pid
	wait_for daemon2.log "ready:" 10 || atf_fail "the holder did not start"
	ask 127.0.0.1 "$PORT" >r0 || atf_fail "the holder does not serve"
	expect r0 argv1 holder

	{
		log_defaults
		probe_service late "$PORT" "" late
		probe_service other "$PORT2" "" other
	} >xinetd.conf
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT2" >r1 || atf_fail "the other service does not" \
	    "serve"
	expect r1 argv1 other
	msg="late: cannot listen on 127\.0\.0\.1 port $PORT"
	msg="$msg .*retrying every 5 s"
	wait_for daemon.log "$msg" 10 || { cat daemon.log; atf_fail "no" \
	    "'cannot listen' message"; }
	ask 127.0.0.1 "$PORT" >r2 || atf_fail "the holder stopped serving"
	expect r2 argv1 holder

	kill -TERM $holder
	wait_gone $holder 10 || atf_fail "the holder does not stop"
	rm -f daemon2.pid
	i=0
	while :; do
		if "$H_CLIENT" -t 2 127.0.0.1 "$PORT" >r3 2>/dev/null &&
		    [ "$(report_get r3 argv1)" = late ]; then
			break
		fi
		i=$((i + 1))
		[ $i -lt 30 ] || { cat daemon.log; atf_fail "late does not" \
		    "serve 15 s after its address was freed"; }
		sleep 0.5
	done
	atf_check -o match:"late: listening on 127\.0\.0\.1 port $PORT" \
	    cat daemon.log
	ask 127.0.0.1 "$PORT2" >r4 || atf_fail "the other service stopped"
	daemon_stop
}

atf_init_test_cases() {
	for t in reload_under_load reload_storm reload_changes_apply \
	    removed_service same_port sigusr2 bad_reload sigterm sigint \
	    sigquit pidfile dump bind_retry; do
		add_backend_cases $t
	done
}
