# t_clock: jumps of the wall clock.  The daemon measures intervals
# (cps pauses, deny_time, DURATION) with the monotonic clock, so a jump
# neither ends them early nor holds them for a day; access_times and
# the log's timestamps follow the wall clock by design.
#
# The daemon runs under libfaketime with only the wall clock faked
# (FAKETIME_DONT_FAKE_MONOTONIC).  Its offset is read from the file
# faketime.rc on every call (FAKETIME_NO_CACHE), so rewriting the file
# makes the daemon's wall clock jump at once; the time built-in shows
# the daemon's view of it.

. "$(atf_get_srcdir)/common.subr"

DAY=86400

# The path of libfaketime.so.1, from the package's file list, else
# from the usual places.
faketime_lib() {
	_l=$(dpkg -L libfaketime 2>/dev/null |
	    grep '/libfaketime\.so\.1$' | head -n 1)
	if [ -z "$_l" ]; then
		for _l in /usr/lib/*/faketime/libfaketime.so.1 \
		    /usr/lib/faketime/libfaketime.so.1 \
		    /usr/local/lib/faketime/libfaketime.so.1; do
			[ -f "$_l" ] && break
		done
	fi
	[ -f "$_l" ] || return 1
	echo "$_l"
}

start() {
	setup
	helpers
	# The ASan runtime reads the monotonic clock while its allocator
	# holds a lock; preloaded, libfaketime answers that first call by
	# looking up symbols, which allocates: the daemon hangs at start.
	# The gcc build runs these cases.
	asan_built && atf_skip "$XINETD is built with AddressSanitizer," \
	    "which libfaketime cannot be preloaded into (sanitize build)"
	FAKETIME_LIB=$(faketime_lib) ||
	    atf_fail "no libfaketime.so.1 (package libfaketime)"
	TZ=UTC
	export TZ
	set_clock +0
	PORT=$(free_port)
	TPORT=$(free_port)
}

# libfaketime names a semaphore and a shared memory object after the
# daemon's pid and removes them when the daemon exits; if the daemon
# was killed instead, they are removed here.
clock_cleanup() {
	_p=$(cat daemon.pid 2>/dev/null)
	daemon_cleanup
	if [ -n "$_p" ]; then
		rm -f "/dev/shm/faketime_shm_$_p" "/dev/shm/sem.faketime_sem_$_p"
	fi
}

# Set the daemon's wall clock to the real one plus OFFSET seconds
# ("+N" or "-N").  The file is replaced whole: libfaketime never reads
# a half-written one.
set_clock() {
	printf '%s\n' "$1" >faketime.tmp
	mv faketime.tmp faketime.rc
}

# OFFSET seconds as set_clock takes them.
signed() {
	if [ "$1" -lt 0 ]; then echo "$1"; else echo "+$1"; fi
}

# The time built-in on TPORT: it tells the daemon's wall clock.
time_service() {
	printf '\nservice time\n{\n\ttype = INTERNAL UNLISTED\n'
	printf '\tid = clock\n\tsocket_type = stream\n\tprotocol = tcp\n'
	printf '\twait = no\n\tport = %s\n\tbind = 127.0.0.1\n' "$TPORT"
	printf '\tcps = 0 0\n}\n'
}

# Start the daemon on CONF under libfaketime.
faked_daemon_start() {
	NETNS_EXEC="env LD_PRELOAD=$FAKETIME_LIB"
	NETNS_EXEC="$NETNS_EXEC FAKETIME_TIMESTAMP_FILE=$PWD/faketime.rc"
	NETNS_EXEC="$NETNS_EXEC FAKETIME_NO_CACHE=1"
	NETNS_EXEC="$NETNS_EXEC FAKETIME_DONT_FAKE_MONOTONIC=1"
	daemon_start "$@"
	NETNS_EXEC=
}

# The daemon's wall clock must be OFFSET seconds from the real one,
# within 3 s: the jump has reached it.  The time built-in's 4 bytes
# tell it; it is asked from 127.0.0.2, a client the sensor never saw.
expect_offset() {
	"$H_CLIENT" -b 127.0.0.2 -t 10 127.0.0.1 "$TPORT" >time.out ||
	    atf_fail "the time built-in did not answer"
	_t=$(od -An -tu1 -N4 time.out | awk '{ print $1 * 16777216 + \
	    $2 * 65536 + $3 * 256 + $4 - 2208988800 }')
	[ -n "$_t" ] || atf_fail "no time in the reply"
	_o=$((_t - $(date +%s)))
	echo "daemon's clock offset: $_o s (expected $1)"
	[ $((_o - $1)) -le 3 ] && [ $(($1 - _o)) -le 3 ] ||
	    atf_fail "the daemon's clock is $_o s off, not $1: no jump"
}

# Real time in milliseconds (the test's own clock is not faked).
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# Refused: the connection is accepted, then closed with nothing said.
refused() {
	"$H_CLIENT" -e -t 10 127.0.0.1 "$1" >/dev/null 2>&1
	[ $? -eq 4 ] || atf_fail "not refused: port $1 ($2)"
}

served() {
	"$H_CLIENT" -t 10 127.0.0.1 "$1" 2>/dev/null | grep -q '^end'
}

# Poll PORT every 0.2 s until it serves, SECONDS max; MS is set to how
# many ms after T0 it did.
served_after() {
	_i=0
	while ! served "$1"; do
		_i=$((_i + 1))
		[ $_i -lt $(($2 * 5)) ] ||
		    atf_fail "port $1 not served again within $2 s"
		sleep 0.2
	done
	MS=$(($(now_ms) - $3))
}

# ms must lie within [LOW, HIGH].
expect_between() {
	[ "$1" -ge "$2" ] && [ "$1" -le "$3" ] ||
	    atf_fail "$4: $1 ms, not within $2 to $3 ms"
}

# Connect to PORT until cps trips (at most 20 tries); T0 is set to the
# time it did.
trip_cps() {
	_n=$(grep -c "refusing new ones" daemon.log)
	_i=0
	while :; do
		"$H_CLIENT" -e -t 10 127.0.0.1 "$1" >/dev/null 2>&1
		[ "$(grep -c "refusing new ones" daemon.log)" -gt "$_n" ] &&
		    break
		_i=$((_i + 1))
		[ $_i -lt 20 ] || atf_fail "cps never tripped"
	done
	T0=$(now_ms)
}

cps_head() {
	atf_set descr "cps: the pause lasts its real 3 s when the wall" \
	    "clock jumps back a day (not a day) or forward a day (not 0 s)"
}
cps_body() {
	start
	{
		log_defaults
		probe_service burst "$PORT" "cps = 2 3"
		time_service
	} >xinetd.conf
	faked_daemon_start xinetd.conf
	expect_offset 0
	served "$PORT" || atf_fail "not served before the burst"

	# Back a day during the pause.
	trip_cps "$PORT"
	set_clock -$DAY
	expect_offset -$DAY
	refused "$PORT" "paused, after the jump back"
	served_after "$PORT" 15 "$T0"
	echo "after a jump back: served again $MS ms after the trip"
	expect_between "$MS" 1500 8000 "pause with the clock a day back"

	# Forward a day (two from where it is) during the next one.
	sleep 1.1
	trip_cps "$PORT"
	set_clock +$DAY
	expect_offset $DAY
	refused "$PORT" "paused, after the jump forward"
	el=$(($(now_ms) - T0))
	echo "refused $el ms after the trip, past the jump forward"
	served_after "$PORT" 15 "$T0"
	echo "after a jump forward: served again $MS ms after the trip"
	expect_between "$MS" 1500 8000 "pause with the clock a day ahead"
	atf_check -o match:"FAIL: burst connections per second" \
	    cat service.log
	daemon_stop
}

deny_time_head() {
	atf_set descr "deny_time of a SENSOR: the deny lasts its real 3 s" \
	    "when the wall clock jumps back a day or forward a day"
}
deny_time_body() {
	start
	P2=$(free_port)
	{
		log_defaults
		probe_service trap "$PORT" "flags = SENSOR; deny_time = 5"
		probe_service real "$P2" ""
		time_service
	} >xinetd.conf
	# deny_time is scaled down to 3 s.
	XINETD_TEST_DENY_MS=3000
	export XINETD_TEST_DENY_MS
	faked_daemon_start xinetd.conf
	expect_offset 0
	served "$P2" || atf_fail "refused before the sensor"

	refused "$PORT" "the sensor"
	T0=$(now_ms)
	set_clock -$DAY
	expect_offset -$DAY
	refused "$P2" "denied, after the jump back"
	served_after "$P2" 15 "$T0"
	echo "after a jump back: served again $MS ms after the sensor"
	expect_between "$MS" 1500 8000 "deny with the clock a day back"

	refused "$PORT" "the sensor again"
	T0=$(now_ms)
	set_clock +$DAY
	expect_offset $DAY
	refused "$P2" "denied, after the jump forward"
	el=$(($(now_ms) - T0))
	echo "denied $el ms after the sensor, past the jump forward"
	served_after "$P2" 15 "$T0"
	echo "after a jump forward: served again $MS ms after the sensor"
	expect_between "$MS" 1500 8000 "deny with the clock a day ahead"
	atf_check -o match:"FAIL: real address from=127\.0\.0\.1" \
	    cat service.log
	daemon_stop
}

access_times_head() {
	atf_set descr "access_times follows the wall clock: served inside" \
	    "the interval, refused with FAIL time once the clock jumps" \
	    "out of it, served again when it jumps back in"
}
access_times_body() {
	start
	{
		log_defaults
		probe_service window "$PORT" "access_times = 02:00-03:00"
		time_service
	} >xinetd.conf
	# Offsets that put the daemon's clock at 02:30 and 04:30 today.
	now=$(date -u +%s)
	sod=$((now % DAY))
	in=$(signed $((9000 - sod)))
	out=$(signed $((16200 - sod)))
	set_clock "$in"
	faked_daemon_start xinetd.conf
	expect_offset "$in"
	served "$PORT" || atf_fail "refused at 02:30, inside the interval"
	atf_check -s exit:1 grep -F "FAIL: window" service.log
	set_clock "$out"
	expect_offset "$out"
	refused "$PORT" "04:30, outside the interval"
	atf_check -o match:"FAIL: window time from=127\.0\.0\.1" \
	    cat service.log
	set_clock "$in"
	expect_offset "$in"
	served "$PORT" || atf_fail "refused back at 02:30"
	atf_check -o inline:"1\n" grep -c "FAIL: window" service.log
	daemon_stop
}

# Wait until service.log has N lines with TEXT; 10 s max.
wait_count() {
	_i=0
	while [ "$(grep -c "$1" service.log 2>/dev/null)" -lt "$2" ]; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || return 1
		sleep 0.1
	done
}

duration_head() {
	atf_set descr "DURATION of a 2 s server stays 1 to 4 s when the" \
	    "wall clock jumps back or forward a day while it runs; the" \
	    "log's timestamps follow the wall clock"
}
duration_body() {
	start
	{
		log_defaults
		probe_service sleeper "$PORT" "" --mode=sleep:2
		time_service
	} >xinetd.conf
	faked_daemon_start xinetd.conf
	expect_offset 0
	n=0
	for off in -$DAY +$DAY; do
		n=$((n + 1))
		set_clock +0
		"$H_CLIENT" -t 15 127.0.0.1 "$PORT" >client.out 2>&1 &
		echo $! >>pids
		cpid=$!
		wait_count "START: sleeper" "$n" ||
		    atf_fail "the server did not start"
		set_clock "$off"
		expect_offset "$off"
		wait "$cpid"
		wait_count "EXIT: sleeper" "$n" || atf_fail "no EXIT line"
		line=$(grep "EXIT: sleeper" service.log | sed -n "${n}p")
		echo "clock $off: $line"
		d=$(echo "$line" | sed -n 's/.* duration=\([0-9]*\)(sec).*/\1/p')
		[ -n "$d" ] || atf_fail "no duration in: $line"
		[ "$d" -ge 1 ] && [ "$d" -le 4 ] ||
		    atf_fail "duration $d s for a 2 s server, clock $off"
		# The line's timestamp is the daemon's wall clock.
		real=$(date +%s)
		stamp=$(TZ=UTC date -d "@$((real + off))" '+%y/%-m/%-d@')
		echo "$line" | grep -q "^$stamp" ||
		    atf_fail "the EXIT line is not stamped $stamp"
	done
	daemon_stop
}

atf_init_test_cases() {
	for t in cps deny_time access_times duration; do
		add_backend_cases $t
		for b in $(backends); do
			eval "${t}_${b}_cleanup() { clock_cleanup; }"
		done
	done
}
