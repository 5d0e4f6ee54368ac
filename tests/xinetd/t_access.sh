# t_access: the checks the daemon makes before it starts a server:
# access_times, cps, per_source (IPv4 addresses, IPv6 networks),
# max_load and the SENSOR deny list.  Each refusal has its FAIL line.

. "$(atf_get_srcdir)/common.subr"

# The client's address: 127.0.0.1, or ::1 for the _ipv6 cases, which
# run in a network namespace with a second IPv6 source address.
start() {
	setup
	helpers
	PORT=$(free_port)
	LO=127.0.0.1
	LORE='127\.0\.0\.1'
	LO2=127.0.0.2
	LO3=127.0.0.3
	LO3RE='127\.0\.0\.3'
	if [ -n "$IPV6" ]; then
		netns_create
		for a in fd00::2 fd00::3; do
			$NETNS_EXEC ip -6 addr add $a/128 dev lo nodad ||
			    atf_fail "cannot add IPv6 source $a"
		done
		LO=::1
		LORE=::1
		LO2=fd00::2
		LO3=fd00::3
		LO3RE=fd00::3
		BIND=::1
	fi
}

# The same case over IPv6.
ipv6_case() {
	eval "${1}_ipv6_head() { ${1}_head; atf_set require.user root; }"
	eval "${1}_ipv6_body() { IPV6=1; ${1}_body; }"
	add_backend_cases "${1}_ipv6"
}

# Refused: the connection is accepted, then closed with nothing said.
refused() {
	$NETNS_EXEC "$H_CLIENT" -e -t 10 "$@" >/dev/null 2>&1
	[ $? -eq 4 ] || atf_fail "not refused politely: $*"
}

# hh:mm of M minutes after midnight, M taken modulo a day.
hhmm() {
	_m=$(( ($1 % 1440 + 1440) % 1440 ))
	printf '%02d:%02d' $((_m / 60)) $((_m % 60))
}

times_head() {
	atf_set descr "access_times: inside an interval served, outside" \
	    "refused with FAIL time; an interval over midnight works"
}
times_body() {
	start
	P2=$(free_port)
	P3=$(free_port)
	TZ=UTC
	export TZ
	# No leading zeros: shell arithmetic would read 08 as octal.
	h=$(date -u +%H | sed 's/^0//')
	m=$(date -u +%M | sed 's/^0//')
	now=$((h * 60 + m))
	inside="$(hhmm $((now - 60)))-$(hhmm $((now + 60)))"
	outside="$(hhmm $((now + 120)))-$(hhmm $((now + 180)))"
	# From two hours on, round midnight, to an hour ago: wraps.
	wrap="$(hhmm $((now + 120)))-$(hhmm $((now - 60)))"
	echo "now $(hhmm $now): inside $inside, outside $outside, wrap $wrap"
	{
		log_defaults
		probe_service open "$PORT" "access_times = $inside"
		probe_service closed "$P2" "access_times = $outside"
		probe_service night "$P3" "access_times = 00:00-00:01 $wrap"
	} >xinetd.conf
	daemon_start xinetd.conf
	ask $LO "$PORT" >/dev/null || atf_fail "refused inside"
	refused $LO "$P2"
	atf_check -o match:"FAIL: closed time from=$LORE" \
	    cat service.log
	ask $LO "$P3" >/dev/null || atf_fail "refused in the wrap"
	daemon_stop
}

cps_head() {
	atf_set descr "cps: a burst beyond the rate is refused for wait" \
	    "seconds while the port still accepts; then served again"
}
cps_body() {
	start
	{ log_defaults; probe_service burst "$PORT" "cps = 5 2"; } \
	    >xinetd.conf
	daemon_start xinetd.conf
	# Eight clients at once for a second: far beyond 5 a second.
	$NETNS_EXEC "$H_CLIENT" -L 1 -c 8 -t 10 $LO "$PORT" >load.out \
	    2>/dev/null
	cat load.out
	ok=$(sed -n 's/^ok=\([0-9]*\) .*/\1/p' load.out)
	no=$(sed -n 's/.* fail=\([0-9]*\)$/\1/p' load.out)
	[ "$no" -ge 1 ] || atf_fail "the rate was never exceeded"
	[ "$ok" -le 5 ] || atf_fail "$ok served in the burst, more than 5"
	atf_check -o match:"FAIL: burst connections per second from=" \
	    cat service.log
	atf_check -o match:"refusing new ones for 2 s" cat daemon.log
	# Tripped: accepted and closed, never ECONNREFUSED.
	refused $LO "$PORT"
	sleep 3
	ask $LO "$PORT" | grep -q '^end' ||
	    atf_fail "not served again after the wait"
	daemon_stop
}

per_source_head() {
	atf_set descr "per_source: at most N servers per client address;" \
	    "another address is counted apart"
}
per_source_body() {
	start
	{
		log_defaults
		probe_service limited "$PORT" "per_source = 2" --mode=sleep:4
	} >xinetd.conf
	daemon_start xinetd.conf
	for i in 1 2; do
		"$H_CLIENT" -t 10 127.0.0.1 "$PORT" >/dev/null 2>&1 &
		echo $! >>pids
	done
	wait_for service.log "(START: limited.*){1}" 10
	i=0
	while [ "$(grep -c 'START: limited' service.log)" -lt 2 ] &&
	    [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	refused 127.0.0.1 "$PORT"
	atf_check -o match:"FAIL: limited per_source_limit from=127\.0\.0\.1" \
	    cat service.log
	"$H_CLIENT" -b 127.0.0.2 -t 10 127.0.0.1 "$PORT" >r2 ||
	    atf_fail "127.0.0.2 refused"
	expect r2 env:REMOTE_ADDR 127.0.0.2
	daemon_stop
}

per_source_ipv6_head() {
	atf_set descr "per_source counts IPv6 clients by /64, or by" \
	    "per_source_ipv6_prefix"
	atf_set require.user root
	atf_set require.progs ip
}
per_source_ipv6_body() {
	start
	P2=$(free_port)
	netns_create
	$NETNS_EXEC ip -6 addr add 2001:db8:1::10/64 dev lo nodad ||
	    atf_fail "no address"
	$NETNS_EXEC ip -6 addr add 2001:db8:1::20/64 dev lo nodad
	{
		log_defaults
		probe_service net "$PORT" "bind = ::1; per_source = 1" \
		    --mode=sleep:4
		probe_service host "$P2" "bind = ::1; per_source = 1;
		    per_source_ipv6_prefix = 128" --mode=sleep:4
	} >xinetd.conf
	daemon_start xinetd.conf
	for p in "$PORT" "$P2"; do
		$NETNS_EXEC "$H_CLIENT" -b 2001:db8:1::10 -t 10 ::1 "$p" \
		    >/dev/null 2>&1 &
		echo $! >>pids
	done
	wait_for service.log "START: net" 10 || atf_fail "no first server"
	wait_for service.log "START: host" 10 || atf_fail "no first server"
	# Same /64: refused by net; another host for host.
	$NETNS_EXEC "$H_CLIENT" -e -b 2001:db8:1::20 -t 10 ::1 "$PORT" \
	    >/dev/null 2>&1
	[ $? -eq 4 ] || atf_fail "the /64 was not counted as one source"
	atf_check -o match:"FAIL: net per_source_limit from=2001:db8:1::20" \
	    cat service.log
	$NETNS_EXEC "$H_CLIENT" -b 2001:db8:1::20 -t 10 ::1 "$P2" >r ||
	    atf_fail "prefix 128 refused another address"
	expect r env:REMOTE_ADDR 2001:db8:1::20
	daemon_stop
}

load_head() {
	atf_set descr "max_load refuses at or above the load average"
}
load_body() {
	start
	P2=$(free_port)
	{
		log_defaults
		probe_service busy "$PORT" "max_load = 2"
		probe_service calm "$P2" "max_load = 10"
	} >xinetd.conf
	XINETD_TEST_LOADAVG=5
	export XINETD_TEST_LOADAVG
	daemon_start xinetd.conf
	refused $LO "$PORT"
	atf_check -o match:"FAIL: busy load from=$LORE" cat service.log
	ask $LO "$P2" >/dev/null || atf_fail "refused below the limit"
	daemon_stop
}

sensor_head() {
	atf_set descr "A client that touches a SENSOR service is refused" \
	    "by every service until deny_time passes; other clients are not"
}
sensor_body() {
	start
	P2=$(free_port)
	{
		log_defaults
		probe_service trap "$PORT" "flags = SENSOR; deny_time = 5"
		probe_service real "$P2" ""
	} >xinetd.conf
	XINETD_TEST_DENY_MS=2000
	export XINETD_TEST_DENY_MS
	daemon_start xinetd.conf
	ask $LO "$P2" >/dev/null || atf_fail "refused before the sensor"
	refused $LO "$PORT"
	atf_check -o match:"FAIL: trap sensor from=$LORE" \
	    cat service.log
	refused $LO "$P2"
	atf_check -o match:"FAIL: real address from=$LORE" \
	    cat service.log
	$NETNS_EXEC "$H_CLIENT" -b $LO2 -t 10 $LO "$P2" >/dev/null ||
	    atf_fail "another client was refused"
	atf_check -s exit:1 grep -F "START: trap" service.log
	# deny_time is scaled down to 2 s by XINETD_TEST_DENY_MS.
	sleep 2.5
	ask $LO "$P2" >/dev/null || atf_fail "still refused after expiry"
	daemon_stop
}

attack_per_source_head() {
	atf_set descr "500 rapid connections from one source with" \
	    "per_source = 3: never more than 3 servers, every other one" \
	    "refused, no zombie, descriptors back to where they were"
}
attack_per_source_body() {
	start
	P2=$(free_port)
	{
		log_defaults
		probe_service held "$PORT" "per_source = 3; cps = 0 0" \
		    --mode=sleep:3 attack-marker-$$
		probe_service quick "$P2" ""
	} >xinetd.conf
	daemon_start xinetd.conf
	# The service log is opened by its first line: count after it.
	ask 127.0.0.1 "$P2" >/dev/null || atf_fail "no answer"
	wait_for service.log "EXIT: quick" 10 || atf_fail "no EXIT line"
	fds=$(ls /proc/"$DAEMON_PID"/fd 2>/dev/null | wc -l)
	t0=$(date +%s)
	i=0
	while [ $i -lt 500 ]; do
		"$H_CLIENT" -t 10 127.0.0.1 "$PORT" >/dev/null 2>&1 &
		echo $! >>pids
		i=$((i + 1))
		if [ $((i % 50)) -eq 0 ]; then
			n=$(pgrep -f "attack-marker-$$" | wc -l)
			[ "$n" -le 3 ] || atf_fail "$n servers alive at once"
		fi
	done
	for p in $(cat pids); do
		wait "$p" 2>/dev/null
	done
	# At most 3 servers each 3 s while the clients came: a loaded
	# machine takes longer to start 500 of them.
	turns=$((($(date +%s) - t0) / 3 + 2))
	starts=$(grep -c "START: held" service.log)
	fails=$(grep -c "FAIL: held per_source_limit" service.log)
	summed=$(sed -n 's/.*FAIL: held per_source_limit repeated \([0-9]*\) more.*/\1/p' \
	    service.log | awk '{ n += $1 } END { print n + 0 }')
	echo "$starts started, $fails FAIL lines, $summed summarised"
	[ "$starts" -ge 3 ] || atf_fail "only $starts servers started"
	[ "$starts" -le $((3 * turns)) ] ||
	    atf_fail "$starts servers in $turns 3-second turns"
	wait_for service.log "(EXIT: held.*){1}" 10
	sleep 4
	n=$(pgrep -f "attack-marker-$$" | wc -l)
	[ "$n" -eq 0 ] || atf_fail "$n servers left"
	zombies=$(ps -o stat= --ppid "$DAEMON_PID" | grep -c Z)
	[ "$zombies" -eq 0 ] || atf_fail "$zombies zombies"
	if [ -n "$fds" ] && [ "$fds" -gt 0 ]; then
		now=$(ls /proc/"$DAEMON_PID"/fd | wc -l)
		[ "$now" -eq "$fds" ] ||
		    atf_fail "descriptors: $fds before, $now after"
	fi
	daemon_stop
	# Counted again now that the daemon has written its last summary:
	# the one of the last second may still be pending above.
	starts=$(grep -c "START: held" service.log)
	fails=$(grep -c "FAIL: held per_source_limit" service.log)
	summed=$(sed -n 's/.*FAIL: held per_source_limit repeated \([0-9]*\) more.*/\1/p' \
	    service.log | awk '{ n += $1 } END { print n + 0 }')
	[ $((starts + fails + summed)) -ge 500 ] ||
	    atf_fail "$starts + $fails + $summed is not every connection"
}

per_minute_head() {
	atf_set descr "max_spawns and per_source_rate: servers per minute" \
	    "for a service, connections per minute for a client"
}
per_minute_body() {
	start
	P2=$(free_port)
	{
		log_defaults
		probe_service spawns "$PORT" "max_spawns = 2"
		probe_service client "$P2" "per_source_rate = 2"
	} >xinetd.conf
	daemon_start xinetd.conf
	ask $LO "$PORT" >/dev/null || atf_fail "first refused"
	$NETNS_EXEC "$H_CLIENT" -b $LO2 -t 10 $LO "$PORT" >/dev/null ||
	    atf_fail "second refused"
	refused -b $LO3 $LO "$PORT"
	atf_check -o match:"FAIL: spawns spawn_rate from=$LO3RE" \
	    cat service.log
	ask $LO "$P2" >/dev/null || atf_fail "first refused"
	ask $LO "$P2" >/dev/null || atf_fail "second refused"
	refused $LO "$P2"
	atf_check -o match:"FAIL: client per_source_rate from=$LORE" \
	    cat service.log
	$NETNS_EXEC "$H_CLIENT" -b $LO2 -t 10 $LO "$P2" >/dev/null ||
	    atf_fail "another client was refused"
	daemon_stop
}

atf_init_test_cases() {
	for t in times cps per_source per_source_ipv6 load sensor \
	    per_minute attack_per_source; do
		add_backend_cases $t
	done
	for t in times cps sensor load per_minute; do
		ipv6_case $t
	done
}
