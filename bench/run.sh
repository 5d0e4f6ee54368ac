#!/bin/sh
#
# run.sh: the benchmark.  On loopback, with a closed-loop load of
# BENCH_CONCURRENCY clients, each connection starting bench/tiny:
#
#	a. the floor server, vfork: the upper bound of accept + spawn
#	b. the floor server, posix_spawn
#	c. xinetd with one service
#	d. xinetd with BENCH_SERVICES services, load on one of them, then
#	   spread over 100 of them
#	e. xinetd's resident size, idle, on the demo configuration
#	   (quickstart.sh demo-config) and with BENCH_SERVICES services
#	f. startup time with BENCH_SERVICES services: from exec until the
#	   last service's port accepts
#	g. reload time with BENCH_SERVICES services: from SIGHUP until a
#	   service added to the file accepts; twice
#
# then prints a markdown table on standard output (progress goes to
# standard error).  A step that cannot run prints n/a.
#
# Environment:
#	BENCH_SECONDS		measured seconds per load run (10)
#	BENCH_CONCURRENCY	clients (8)
#	BENCH_WARMUP		seconds of load before measuring (1)
#	BENCH_SERVICES		services in the large configuration (10000)
#	BENCH_PORT_LOW		lowest port to use (10000)
#	XINETD			the daemon (usr.sbin/xinetd/xinetd)
#
# It builds nothing: "bmake bench" at the top builds, then runs this.
# It binds only 127.0.0.1 and stops every process it starts.

set -u

bench=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$bench")
XINETD=${XINETD:-$top/usr.sbin/xinetd/xinetd}
secs=${BENCH_SECONDS:-10}
conc=${BENCH_CONCURRENCY:-8}
warm=${BENCH_WARMUP:-1}
nsvc=${BENCH_SERVICES:-10000}
portlow=${BENCH_PORT_LOW:-10000}
host=127.0.0.1

pids=
tmp=

note() {
	printf '==> %s\n' "$*" >&2
}

die() {
	printf 'run.sh: %s\n' "$*" >&2
	exit 1
}

# Processes: every one is started by start and stopped by stop, by pid.
start() {
	log=$1
	shift
	(exec "$@" >"$log" 2>&1) &
	pid=$!
	pids="$pids $pid"
}

stop() {
	kill "$1" 2>/dev/null
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	rest=
	for p in $pids; do
		[ "$p" = "$1" ] || rest="$rest $p"
	done
	pids=$rest
}

cleanup() {
	for p in $pids; do
		stop "$p"
	done
	[ -n "$tmp" ] && rm -rf "$tmp"
}

# The steps set variables rather than print results for $(...): a
# subshell would start processes this shell does not know about.

# waitport PORT TIMEOUT [START]: ms, from START (now) until PORT
# accepts, or n/a; gives up if $pid exits.  Through a file: while
# waitport runs in the foreground, the shell reaps a daemon that dies,
# and waitport sees it go.
waitport() {
	if "$bench/waitport" -p "$pid" ${3:+-s "$3"} -t "$2" "$host" "$1" \
	    >"$tmp/ms" 2>>"$tmp/waitport.err"; then
		ms=$(cat "$tmp/ms")
	else
		ms=n/a
	fi
}

now() {
	"$bench/waitport" -n
}

# load PORT...: res is "rate p50 p99 errors", each n/a if it failed.
load() {
	n='\([0-9.]*\)'
	line="^conns=[0-9]* errors=$n rate=$n/s p50=${n}ms p99=${n}ms\$"
	res=$("$bench/loadgen" -c "$conc" -d "$secs" -w "$warm" -r 'ok\n' \
	    "$host" "$@" 2>"$tmp/loadgen.err" |
	    sed -n "s,$line,\\2 \\3 \\4 \\1,p")
	if [ -s "$tmp/loadgen.err" ]; then
		note "$(cat "$tmp/loadgen.err")"
	fi
	res=${res:-n/a n/a n/a n/a}
}

# row NAME: the load table's line for the last load.
row() {
	# shellcheck disable=SC2086
	set -- "$1" $res
	printf '| %s | %s | %s | %s | %s |\n' "$@" >>"$tmp/loads"
}

# judge VALUE OP LIMIT: ok, missed or n/a.
judge() {
	awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
		if (v == "n/a") { print "n/a"; exit }
		ok = op == ">=" ? v + 0 >= l + 0 : v + 0 <= l + 0
		print ok ? "ok" : "**missed**"
	}'
}

# figure NAME VALUE UNIT OP LIMIT: one line of the figures table.
figure() {
	if [ "$2" = n/a ]; then
		shown=n/a
	else
		shown="$2${3:+ $3}"
	fi
	printf '| %s | %s | %s %s%s | %s |\n' "$1" "$shown" "$4" "$5" \
	    "${3:+ $3}" "$(judge "$2" "$4" "$5")" >>"$tmp/figures"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"
		else printf "%.2f\n", a / b
	}'
}

# rss PID: resident size in MB (MiB), one decimal.
rss() {
	if [ -r "/proc/$1/status" ]; then
		kb=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' \
		    "/proc/$1/status")
	else
		kb=$(ps -o rss= -p "$1" 2>/dev/null | tr -d ' ')
	fi
	if [ -n "$kb" ]; then
		awk -v kb="$kb" 'BEGIN { printf "%.1f\n", kb / 1024 }'
	else
		echo n/a
	fi
}

# Ports below the ephemeral range, which outgoing connections use.
find_ports() {
	eph=
	if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then
		eph=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range)
	elif command -v sysctl >/dev/null 2>&1; then
		eph=$(sysctl -n net.inet.ip.portrange.first 2>/dev/null)
	fi
	high=$((${eph:-32768} - 1))
	"$bench/freeports" "$1" "$portlow" "$high" ||
	    die "no $1 free ports from $portlow to $high (BENCH_PORT_LOW)"
}

# The fds the large configuration needs: its listeners and some.
check_fd_limit() {
	need=$((nsvc + 64))
	# ulimit -H and -n are not POSIX, but every sh this runs on has
	# them (dash, bash, ksh, the BSD sh).
	# shellcheck disable=SC3045
	hard=$(ulimit -Hn 2>/dev/null)
	case $hard in
	unlimited)
		return 0
		;;
	''|*[!0-9]*)
		note "cannot read the descriptor limit; the $nsvc-service" \
		    "steps need $need descriptors"
		return 0
		;;
	esac
	[ "$hard" -ge "$need" ] && return 0
	# shellcheck disable=SC3045
	if ulimit -Hn "$need" 2>/dev/null; then
		note "raised the hard descriptor limit from $hard to $need"
		return 0
	fi
	note "the hard descriptor limit is $hard, under the $need that" \
	    "$nsvc listeners need: the $nsvc-service steps will fail;" \
	    "raise it (ulimit -Hn as root, limits.conf) and run again"
}

machine() {
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo \
	    2>/dev/null | head -n 1)
	[ -n "$cpu" ] || cpu=$(sysctl -n hw.model 2>/dev/null)
	echo "- machine: $(getconf _NPROCESSORS_ONLN) x ${cpu:-unknown" \
	    "CPU}, $(uname -sr)"
	echo "- load: $conc clients, ${secs} s measured after ${warm} s of" \
	    "warm-up, $host, server bench/tiny ($(tiny_kind))"
	# shellcheck disable=SC3045
	echo "- descriptors: soft $(ulimit -Sn), hard $(ulimit -Hn);" \
	    "run as $(id -un)"
	echo "- load average before the run: $loadavg (other work on the" \
	    "machine skews every figure)"
}

loadavg() {
	uptime | sed 's/.*load averages*: *//'
}

tiny_kind() {
	if command -v file >/dev/null 2>&1 &&
	    file -L "$bench/tiny" | grep -q 'statically linked'; then
		echo static
	else
		echo "dynamic or unknown"
	fi
}

# xinetd.conf: quiet defaults, then COUNT services from port FIRST.
conf_defaults() {
	printf 'defaults\n{\n\tlog_type\t= FILE %s\n}\n' "$tmp/service.log"
}

conf_services() {
	awk -v first="$1" -v n="$2" -v user="$user" -v server="$bench/tiny" '
	BEGIN {
		for (p = first; p < first + n; p++) {
			printf "\nservice bench%d\n{\n", p
			printf "\ttype\t\t= UNLISTED\n"
			printf "\tsocket_type\t= stream\n"
			printf "\tprotocol\t= tcp\n"
			printf "\twait\t\t= no\n"
			if (user != "")
				printf "\tuser\t\t= %s\n", user
			printf "\tport\t\t= %d\n", p
			printf "\tbind\t\t= 127.0.0.1\n"
			printf "\tserver\t\t= %s\n", server
			printf "\tcps\t\t= 0 0\n"
			printf "\tinstances\t= UNLIMITED\n"
			printf "\tlog_on_success\t=\n"
			printf "\tlog_on_failure\t=\n"
			printf "}\n"
		}
	}'
}

# xinetd_start CONF LASTPORT TIMEOUT: pid, and ms until LASTPORT
# accepts; a daemon that does not serve is stopped, status 1.
xinetd_start() {
	t0=$(now)
	start "$tmp/xinetd.err" "$XINETD" -dontfork -f "$1" \
	    -pidfile "$tmp/xinetd.pid" -filelog "$tmp/xinetd.log"
	waitport "$2" "$3" "$t0"
	[ "$ms" != n/a ] && return 0
	note "xinetd does not serve: $(tail -n 1 "$tmp/xinetd.err")"
	stop "$pid"
	return 1
}

# floor_step NAME PORT [-p]: res as load sets it.
floor_step() {
	note "floor server ($1), port $2"
	# shellcheck disable=SC2086
	start "$tmp/floor.err" "$bench/floor" ${3:-} "$2" "$bench/tiny"
	waitport "$2" 5
	if [ "$ms" = n/a ]; then
		note "floor does not serve: $(tail -n 1 "$tmp/floor.err")"
		stop "$pid"
		res="n/a n/a n/a n/a"
		return
	fi
	load "$2"
	stop "$pid"
}

# one_service PORT: res as load sets it.
one_service() {
	conf=$tmp/one.conf
	{ conf_defaults; conf_services "$1" 1; } >"$conf"
	note "xinetd, 1 service, port $1"
	if ! xinetd_start "$conf" "$1" 10; then
		res="n/a n/a n/a n/a"
		return
	fi
	load "$1"
	stop "$pid"
}

# demo_rss BASE: demo_rss, in MB, on quickstart.sh's demo configuration.
demo_rss() {
	conf=$tmp/demo.conf
	demo_rss=n/a
	DEMO_PORT=$1 sh "$top/quickstart.sh" demo-config >"$conf.in"
	if [ "$user" = root ]; then
		cp "$conf.in" "$conf"
	else
		sed '/^[[:space:]]*user[[:space:]]*=/d' "$conf.in" >"$conf"
	fi
	note "xinetd, demo configuration, ports from $1"
	xinetd_start "$conf" $(($1 + 79)) 10 || return
	sleep 1
	demo_rss=$(rss "$pid")
	stop "$pid"
}

# Write CONF again with the large set plus services on the given ports;
# rename, so the daemon never reads a half-written file.
large_conf() {
	conf=$1
	shift
	{
		conf_defaults
		conf_services "$large" "$nsvc"
		for p in "$@"; do
			conf_services "$p" 1
		done
	} >"$conf.new" && mv "$conf.new" "$conf"
}

# reload PORT...: the large set plus PORT..., SIGHUP, ms until the last
# PORT accepts.
reload() {
	large_conf "$tmp/large.conf" "$@"
	shift $(($# - 1))
	t0=$(now)
	kill -HUP "$pid"
	waitport "$1" 30 "$t0"
}

# Every port in the large set, spread evenly: at most 100.
spread_ports() {
	awk -v first="$large" -v n="$nsvc" 'BEGIN {
		k = n < 100 ? n : 100
		for (i = 0; i < k; i++)
			printf "%d ", first + int(i * n / k)
	}'
}

# The rate in res.
rate() {
	# shellcheck disable=SC2086
	set -- $res
	echo "$1"
}

# large_services: the load rows, large_rss, large_startup, reload1
# and reload2.
large_services() {
	last=$((large + nsvc - 1))
	large_conf "$tmp/large.conf"
	note "xinetd, $nsvc services, ports $large-$last"
	res="n/a n/a n/a n/a"
	large_one=n/a
	large_rss=n/a
	large_startup=n/a
	reload1=n/a
	reload2=n/a
	if ! xinetd_start "$tmp/large.conf" "$last" 60; then
		row "xinetd, $nsvc services, load on 1"
		row "xinetd, $nsvc services, load over 100"
		return
	fi
	large_startup=$ms
	sleep 1
	large_rss=$(rss "$pid")
	note "load on port $last"
	load "$last"
	row "xinetd, $nsvc services, load on 1"
	large_one=$(rate)
	note "load over 100 ports"
	# shellcheck disable=SC2046
	load $(spread_ports)
	row "xinetd, $nsvc services, load over 100"
	note "reload: adding port $((base + 3))"
	reload $((base + 3))
	reload1=$ms
	note "reload: adding port $((base + 4))"
	reload $((base + 3)) $((base + 4))
	reload2=$ms
	stop "$pid"
}

report() {
	echo "## xinetd benchmark, $(date '+%Y-%m-%d')"
	echo
	machine
	echo
	echo "| workload | conn/s | p50 ms | p99 ms | errors |"
	echo "|---|---:|---:|---:|---:|"
	cat "$tmp/loads"
	echo
	echo "| figure | value | target | |"
	echo "|---|---:|---|---|"
	cat "$tmp/figures"
}

for p in tiny floor loadgen waitport freeports; do
	[ -x "$bench/$p" ] || die "$bench/$p is missing: run bmake bench" \
	    "at the top of the tree, or bmake in bench/"
done
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xinetd-bench.XXXXXX") ||
    die "cannot make a temporary directory"
: >"$tmp/loads"
: >"$tmp/figures"
loadavg=$(loadavg)
user=
[ "$(id -u)" = 0 ] && user=root
[ -x "$XINETD" ] || note "no daemon at $XINETD: its steps will be n/a"
check_fd_limit

# Ports: base+0..4 single services, base+100.. the large set, then the
# demo configuration (its ports are DEMO_PORT+7 .. DEMO_PORT+79).
base=$(find_ports $((nsvc + 200))) || exit 1
large=$((base + 100))
demo=$((base + 100 + nsvc))

floor_step vfork "$base"
row "floor, vfork"
vfork_rate=$(rate)
floor_step posix_spawn $((base + 1)) -p
row "floor, posix_spawn"
one_service $((base + 2))
row "xinetd, 1 service"
one_rate=$(rate)
large_services
demo_rss "$demo"

figure "xinetd (1 service) / floor (vfork)" "$(ratio "$one_rate" \
    "$vfork_rate")" "" ">=" 0.95
figure "xinetd ($nsvc services) / xinetd (1 service)" \
    "$(ratio "$large_one" "$one_rate")" "" ">=" 0.9
figure "RSS idle, demo configuration" "$demo_rss" MB "<=" 2
figure "RSS idle, $nsvc services" "$large_rss" MB "<=" 16
figure "startup, $nsvc services" "$large_startup" ms "<=" 500
figure "reload 1, $nsvc services" "$reload1" ms "<=" 250
figure "reload 2, $nsvc services" "$reload2" ms "<=" 250
report
