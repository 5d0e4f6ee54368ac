# t_memcheck: the daemon under valgrind's memcheck through a scenario
# that touches every kind of service: start, serve each, reload twice,
# serve again, stop.  valgrind must report no error and no byte
# definitely or indirectly lost, in the daemon and in each process it
# forks that stays in its own code (libwrap-gated built-ins, xadmin
# sessions).  Servers it execs are not traced.

. "$(atf_get_srcdir)/common.subr"

# valgrind is some 20 to 50 times slower: seconds allowed for a step.
VG_WAIT=120

# builtin NAME ID stream|dgram PORT [attributes...]: NOLIBWRAP unless
# the attributes set flags, so that the built-in runs in the daemon.
builtin() {
	_n=$1 _id=$2 _t=$3 _p=$4
	shift 4
	_proto=tcp
	[ "$_t" = dgram ] && _proto=udp
	printf '\nservice %s\n{\n\ttype = INTERNAL UNLISTED\n' "$_n"
	printf '\tid = %s\n\tsocket_type = %s\n\tprotocol = %s\n' \
	    "$_id" "$_t" "$_proto"
	printf '\twait = no\n\tport = %s\n\tbind = 127.0.0.1\n' "$_p"
	case "$*" in
	*flags*)	;;
	*)		printf '\tflags = NOLIBWRAP\n' ;;
	esac
	for _l in "$@"; do
		printf '\t%s\n' "$_l"
	done
	echo "}"
}

# The configuration of the scenario; $1 is the probe's argument, and
# "second" makes the second version: discard gone, echo2 added.
scenario_conf() {
	cat <<EOF
defaults
{
	log_type	= FILE $PWD/service.log
	log_on_success	= PID HOST EXIT DURATION TRAFFIC
	log_on_failure	= HOST ATTEMPT
}
EOF
	probe_service probe "$P_PROBE" "" "$1"
	probe_service udpwait "$P_UDP" "socket_type = dgram; protocol = udp;
	    wait = yes" --mode=dgram:1
	for s in echo discard daytime time chargen; do
		[ "$s" = discard ] && [ "${2:-}" = second ] && continue
		eval "_p=\$P_$s"
		builtin "$s" "$s-stream" stream "$_p"
		builtin "$s" "$s-dgram" dgram "$_p"
	done
	[ "${2:-}" = second ] && builtin echo echo2 stream "$P_ECHO2"
	builtin tcpmux tcpmux stream "$P_MUX"
	printf '\nservice probe-mux\n{\n\ttype = TCPMUX\n'
	printf '\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n'
	printf '\tuser = root\n\tserver = %s\n}\n' "$H_PROBE"
	printf '\nservice relay\n{\n\ttype = UNLISTED\n'
	printf '\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n'
	printf '\tport = %s\n\tbind = 127.0.0.1\n' "$P_RELAY"
	printf '\tredirect = 127.0.0.1 %s\n' "$P_echo"
	printf '\tflags = NOLIBWRAP\n}\n'
	builtin echo closed stream "$P_CLOSED" "only_from = 192.0.2.0/24"
	builtin echo denied stream "$P_DENIED" "no_access = 127.0.0.1"
	builtin echo one stream "$P_ONE" "instances = 1"
	builtin echo wrapped stream "$P_WRAP" "flags = NODELAY"
	builtin services services stream "$P_SERVICES"
	builtin servers servers stream "$P_SERVERS"
	builtin xadmin xadmin stream "$P_XADMIN" "user = nobody"
}

# Send SIG and wait for the reload; it must have worked.
vg_reload() {
	_n=$(grep -cE "reloaded: |reload failed" daemon.log)
	kill -"$1" "$DAEMON_PID" || atf_fail "the daemon is gone"
	_i=0
	while [ "$(grep -cE "reloaded: |reload failed" daemon.log)" -le "$_n" ]
	do
		_i=$((_i + 1))
		[ $_i -lt $((VG_WAIT * 10)) ] ||
		    atf_fail "no reload after SIG$1"
		sleep 0.1
	done
	grep -E "reloaded: |reload failed" daemon.log | tail -n 1 |
	    grep -q "reloaded: $2 services" || {
		cat daemon.log
		atf_fail "SIG$1: not 'reloaded: $2 services'"
	}
}

CR=$(printf '\r')
DAYTIME="^[A-Z][a-z][a-z] [A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]{8} [0-9]{4}$CR\$"

# Ask each kind of service; PROBE_ARG is what the probe must get as its
# argument.  Clients wait long: every answer comes through valgrind.
serve_all() {
	_t=$VG_WAIT
	"$H_CLIENT" -t $_t 127.0.0.1 "$P_PROBE" >probe.out ||
	    atf_fail "probe: no answer"
	expect probe.out argv1 "$1"
	expect probe.out argc 2
	grep -q '^end$' probe.out || atf_fail "probe: no whole report"
	atf_check -o match:"got=hello" \
	    "$H_CLIENT" -u -t $_t -s hello 127.0.0.1 "$P_UDP"
	atf_check -o inline:"hello\n" "$H_CLIENT" -t $_t -s hello \
	    127.0.0.1 "$P_echo"
	atf_check -o inline:"ping\n" "$H_CLIENT" -u -t $_t -s ping \
	    127.0.0.1 "$P_echo"
	"$H_CLIENT" -t $_t 127.0.0.1 "$P_daytime" >day.out
	grep -Eq "$DAYTIME" day.out || atf_fail "daytime: $(cat day.out)"
	"$H_CLIENT" -u -t $_t 127.0.0.1 "$P_daytime" >day.out
	grep -Eq "$DAYTIME" day.out || atf_fail "daytime/udp: $(cat day.out)"
	"$H_CLIENT" -t $_t 127.0.0.1 "$P_time" >time.out
	atf_check -o inline:"4\n" sh -c "wc -c <time.out | tr -d ' '"
	# Over UDP h_client ends each reply with a newline.
	"$H_CLIENT" -u -t $_t 127.0.0.1 "$P_time" >time.out
	atf_check -o inline:"5\n" sh -c "wc -c <time.out | tr -d ' '"
	"$H_CLIENT" -k -t $_t 127.0.0.1 "$P_chargen" 2>/dev/null |
	    head -n 1 >gen.out
	awk 'BEGIN { s = ""; for (j = 0; j < 72; j++)
	    s = s sprintf("%c", 32 + j % 95); print s "\r" }' >gen.want
	atf_check cmp gen.out gen.want
	"$H_CLIENT" -u -t $_t 127.0.0.1 "$P_chargen" >gen.out
	n=$(wc -c <gen.out | tr -d ' ')
	[ $((n % 74)) -eq 0 ] && [ "$n" -ge 74 ] ||
	    atf_fail "chargen/udp: $n bytes"
	# tcpmux: the list, then the muxed probe.
	"$H_CLIENT" -t $_t -s "help$CR" 127.0.0.1 "$P_MUX" >help.out
	atf_check -o inline:"probe-mux\n" tr -d '\r' <help.out
	"$H_CLIENT" -t $_t -s "probe-mux$CR" 127.0.0.1 "$P_MUX" >mux.out
	atf_check -o match:"^argc=1$" head -n 1 mux.out
	atf_check -o inline:"relayed\n" "$H_CLIENT" -t $_t -s relayed \
	    127.0.0.1 "$P_RELAY"
	# Refused by address, then by the instance limit.
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t $_t \
	    127.0.0.1 "$P_CLOSED"
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t $_t \
	    127.0.0.1 "$P_DENIED"
	_starts=$(grep -c "START: one " service.log)
	"$H_CLIENT" -H $_t 127.0.0.1 "$P_ONE" &
	_holder=$!
	echo $_holder >>pids
	wait_for_count service.log "START: one " $((_starts + 1)) ||
	    atf_fail "the first client of one was not served"
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t $_t \
	    127.0.0.1 "$P_ONE"
	kill "$_holder" 2>/dev/null
	wait "$_holder" 2>/dev/null
	# libwrap: served by a process of the daemon's after the check.
	atf_check -o inline:"wrapped\n" "$H_CLIENT" -t $_t -s wrapped \
	    127.0.0.1 "$P_WRAP"
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t $_t -b 127.0.0.2 \
	    127.0.0.1 "$P_WRAP"
	"$H_CLIENT" -t $_t 127.0.0.1 "$P_SERVICES" >services.out
	atf_check -o match:"^probe tcp $P_PROBE$" \
	    -o match:"^xadmin tcp $P_XADMIN$" cat services.out
	atf_check -o ignore "$H_CLIENT" -t $_t 127.0.0.1 "$P_SERVERS"
	"$H_CLIENT" -t $_t -s "$(printf 'help\nshow avail\nquit')" \
	    127.0.0.1 "$P_XADMIN" >xadmin.out
	atf_check -o match:"^> help$" -o match:"^udpwait udp $P_UDP$" \
	    cat xadmin.out
}

# Wait until FILE has at least N lines matching RE.
wait_for_count() {
	_i=0
	while [ "$(grep -cE -- "$2" "$1" 2>/dev/null)" -lt "$3" ]; do
		_i=$((_i + 1))
		[ $_i -lt $((VG_WAIT * 10)) ] || return 1
		sleep 0.1
	done
}

# The figure after LABEL in valgrind log FILE ("" when none).
vg_figure() {
	sed -n "s/^==[0-9]*==  *$2: \([0-9,]*\) bytes.*/\1/p" "$1" | tr -d ,
}

# valgrind's verdict on one process's log.
vg_check() {
	grep -q "ERROR SUMMARY: 0 errors" "$1" || return 1
	if ! grep -q "All heap blocks were freed -- no leaks are possible" \
	    "$1"; then
		[ "$(vg_figure "$1" "definitely lost")" = 0 ] || return 1
		[ "$(vg_figure "$1" "indirectly lost")" = 0 ] || return 1
	fi
	return 0
}

scenario_head() {
	atf_set descr "valgrind memcheck over start, each kind of service" \
	    "(external stream nowait, datagram wait = yes, stream and" \
	    "datagram built-ins, tcpmux, redirect, only_from, no_access," \
	    "instances, libwrap, admin built-ins, FILE log), SIGHUP," \
	    "SIGUSR2 adding, removing and changing services, SIGUSR1, stop:" \
	    "0 errors, 0 bytes definitely or indirectly lost, exit 0"
	atf_set require.progs valgrind
	atf_set timeout 1200
}
scenario_body() {
	setup
	helpers
	asan_built && atf_skip "$XINETD is built with AddressSanitizer," \
	    "whose runtime valgrind cannot run (sanitize build)"
	for v in PROBE UDP echo discard daytime time chargen ECHO2 MUX \
	    RELAY CLOSED DENIED ONE WRAP SERVICES SERVERS XADMIN; do
		eval "P_$v=$(free_port)"
	done
	scenario_conf first >xinetd.conf
	atf_check -o ignore "$XINETD" -n -f xinetd.conf
	: >hosts.allow
	echo "wrapped: 127.0.0.2" >hosts.deny
	XINETD_TEST_HOSTS_ALLOW=$PWD/hosts.allow
	XINETD_TEST_HOSTS_DENY=$PWD/hosts.deny
	XINETD_DUMP_FILE=$PWD/xinetd.dump
	# valgrind ends a program that uses clone(2) as spawning does.
	XINETD_TEST_NO_CLONE=1
	export XINETD_TEST_HOSTS_ALLOW XINETD_TEST_HOSTS_DENY \
	    XINETD_DUMP_FILE XINETD_TEST_NO_CLONE
	t0=$(date +%s)
	# One log per process: the daemon's, and one for each process it
	# forks, which stays under valgrind until it execs a server.
	valgrind --tool=memcheck --vgdb=no --leak-check=full \
	    --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect --track-origins=yes \
	    --trace-children=no --child-silent-after-fork=no \
	    --log-file="$PWD/vg.%p.log" \
	    "$XINETD" -dontfork -f "$PWD/xinetd.conf" \
	    -filelog "$PWD/daemon.log" -pidfile "$PWD/xinetd.pid" \
	    >daemon.out 2>&1 &
	DAEMON_PID=$!
	echo $DAEMON_PID >daemon.pid
	if ! wait_for daemon.log "ready:" $VG_WAIT; then
		cat daemon.out daemon.log vg.$DAEMON_PID.log 2>/dev/null
		atf_fail "the daemon did not start under valgrind"
	fi
	nsvc=$(sed -n 's/.*ready: \([0-9]*\) services.*/\1/p' daemon.log)

	serve_all first
	vg_reload HUP "$nsvc"
	serve_all first
	# The second version: discard gone, echo2 new, probe changed.
	scenario_conf second second >xinetd.conf.tmp
	mv xinetd.conf.tmp xinetd.conf
	vg_reload USR2 $((nsvc - 1))
	serve_all second
	atf_check -o inline:"again\n" "$H_CLIENT" -t $VG_WAIT -s again \
	    127.0.0.1 "$P_ECHO2"
	# From another address: a client on 127.0.0.1 whose own port the
	# kernel picks could be that free port, and connect to itself.
	"$H_CLIENT" -t $VG_WAIT -b 127.0.0.2 127.0.0.1 "$P_discard" \
	    >/dev/null 2>refused.err
	if ! grep -q "Connection refused" refused.err; then
		ss -ltnp "sport = :$P_discard" 2>/dev/null
		atf_fail "discard, removed, still takes connections"
	fi
	kill -USR1 "$DAEMON_PID"
	wait_for xinetd.dump "echo2" $VG_WAIT || atf_fail "no state dump"

	# The log had every kind of line.
	atf_check -o match:"START: probe pid=[1-9]" \
	    -o match:"EXIT: probe status=0 pid=[1-9][0-9]* duration=" \
	    -o match:"START: echo-stream pid=0 from=127\.0\.0\.1" \
	    -o match:"START: relay pid=0 from=127\.0\.0\.1" \
	    -o match:"TRAFFIC: relay in=" \
	    -o match:"FAIL: closed address from=127\.0\.0\.1" \
	    -o match:"FAIL: denied address from=127\.0\.0\.1" \
	    -o match:"FAIL: one service_limit from=127\.0\.0\.1" \
	    -o match:"FAIL: wrapped libwrap from=127\.0\.0\.2" \
	    -o match:"START: wrapped pid=[1-9]" \
	    -o match:"START: xadmin pid=[1-9]" \
	    cat service.log

	kill -TERM "$DAEMON_PID"
	wait_gone "$DAEMON_PID" $VG_WAIT ||
	    atf_fail "the daemon did not exit within $VG_WAIT s"
	wait "$DAEMON_PID"
	rv=$?
	rm -f daemon.pid
	t1=$(date +%s)
	echo "the scenario took $((t1 - t0)) s under valgrind"

	log=vg.$DAEMON_PID.log
	[ -f "$log" ] || atf_fail "no valgrind log $log"
	if ! vg_check "$log"; then
		cat "$log"
		atf_fail "valgrind found errors or leaks in the daemon"
	fi
	grep -E "in use at exit|total heap usage|definitely lost|indirectly lost|possibly lost|All heap blocks|ERROR SUMMARY" \
	    "$log"
	# The forked processes: those that stayed in the daemon's code end
	# with a summary, which must be as clean; the others exec'd a
	# server and must have logged nothing after valgrind's header.
	forked=0
	for f in vg.*.log; do
		[ "$f" = "$log" ] && continue
		if grep -q "ERROR SUMMARY:" "$f"; then
			forked=$((forked + 1))
			vg_check "$f" && continue
			cat "$f"
			atf_fail "valgrind found errors or leaks in $f"
		fi
		if sed '1,/Parent PID:/d' "$f" | grep -qv '^==[0-9]*== *$'; then
			cat "$f"
			atf_fail "valgrind reported in $f"
		fi
	done
	echo "$forked forked processes of the daemon's own code checked"
	[ $forked -ge 6 ] ||
	    atf_fail "only $forked forked processes with a summary"
	[ $rv -eq 0 ] || { cat daemon.out; atf_fail "the daemon exited $rv"; }
}

atf_init_test_cases() {
	add_backend_cases scenario
}
