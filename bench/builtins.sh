#!/bin/sh
#
# builtins.sh: the services the daemon serves itself, on loopback:
#
#	a. daytime (stream), connections a second
#	b. echo of 1 KiB (stream), connections a second
#	c. echo (datagram, 32 bytes), requests a second
#	d. redirect to daytime, connections a second, against daytime
#	   reached directly
#	e. redirect to discard, MB a second, against discard directly
#
# and, when they are installed, the same of the peers for the targets
# of the table: daytime and 1 KiB echo of xinetd (on 127.0.0.1), and
# daytime of openbsd-inetd against this daemon's inetd front-end on the
# same inetd.conf line, both in a network namespace made for it (the
# real port 13; needs root).  A peer that is missing is named.  Prints
# a markdown table on standard output, progress on standard error;
# binds only 127.0.0.1 (and the namespace's loopback) and stops every
# process it starts.
#
# Environment: BENCH_SECONDS (10), BENCH_CONCURRENCY (8),
# BENCH_WARMUP (1), BENCH_MB (200, for e), XINETD, PEER_XINETD
# (/usr/sbin/xinetd), PEER_INETD (/usr/sbin/inetd, openbsd-inetd).

set -u

bench=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$bench")
XINETD=${XINETD:-$top/usr.sbin/xinetd/xinetd}
secs=${BENCH_SECONDS:-10}
conc=${BENCH_CONCURRENCY:-8}
warm=${BENCH_WARMUP:-1}
mb=${BENCH_MB:-200}
PEER_XINETD=${PEER_XINETD:-/usr/sbin/xinetd}
PEER_INETD=${PEER_INETD:-/usr/sbin/inetd}
host=127.0.0.1
pids=
tmp=
ns=
nsexec=

note() {
	printf '==> %s\n' "$*" >&2
}

die() {
	printf 'builtins.sh: %s\n' "$*" >&2
	exit 1
}

cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	[ -n "$ns" ] && ip netns del "$ns" 2>/dev/null
	[ -n "$tmp" ] && rm -rf "$tmp"
}

# stop PID: one process this script started.
stop() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	pids=$(echo "$pids" | sed "s/ $1\\b//")
}

# rate [loadgen options] PORT: connections or requests a second.
rate() {
	_r=$($nsexec "$bench/loadgen" -c "$conc" -d "$secs" -w "$warm" "$@" \
	    2>"$tmp/loadgen.err" | sed -n 's/.* rate=\([0-9.]*\)\/s .*/\1/p')
	[ -s "$tmp/loadgen.err" ] && note "$(cat "$tmp/loadgen.err")"
	echo "${_r:-n/a}"
}

# mbps PORT: MB a second of BENCH_MB MB sent to PORT.
mbps() {
	_t0=$("$bench/waitport" -n)
	dd if=/dev/zero bs=1048576 count="$mb" 2>/dev/null |
	    socat -u - "TCP:$host:$1" 2>/dev/null || { echo n/a; return; }
	_t1=$("$bench/waitport" -n)
	# waitport -n: microseconds on the monotonic clock.
	awk -v mb="$mb" -v us=$((_t1 - _t0)) 'BEGIN {
		if (us <= 0) print "n/a"; else printf "%.0f\n", mb * 1e6 / us }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"
		else printf "%.2f\n", a / b
	}'
}

judge() {
	awk -v v="$1" -v l="$2" 'BEGIN {
		if (v == "n/a") print "n/a"
		else print ((v + 0 >= l + 0) ? "ok" : "**missed**")
	}'
}

svc() {
	_n=$1 _t=$2 _p=$3
	shift 3
	printf 'service %s\n{\n\ttype = INTERNAL UNLISTED\n' "$_n"
	printf '\tid = %s-%s\n\tsocket_type = %s\n' "$_n" "$_t" "$_t"
	[ "$_t" = stream ] && printf '\tprotocol = tcp\n' ||
	    printf '\tprotocol = udp\n'
	printf '\twait = no\n\tport = %s\n\tbind = %s\n' "$_p" "$host"
	printf '\tinstances = UNLIMITED\n\tcps = 0 0\n'
	printf '\tflags = NOLIBWRAP\n}\n'
}

relay() {
	printf 'service %s\n{\n\ttype = UNLISTED\n' "$1"
	printf '\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n'
	printf '\tport = %s\n\tbind = %s\n\tredirect = %s %s\n' "$2" \
	    "$host" "$host" "$3"
	printf '\tinstances = UNLIMITED\n\tcps = 0 0\n'
	printf '\tflags = NOLIBWRAP\n}\n'
}

# A built-in for xinetd itself, which knows no "cps = 0 0".
peer_svc() {
	printf 'service %s\n{\n\ttype = INTERNAL UNLISTED\n' "$1"
	printf '\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n'
	printf '\tport = %s\n\tbind = %s\n' "$2" "$host"
	printf '\tinstances = UNLIMITED\n\tcps = 1000000 1\n'
	printf '\tflags = NOLIBWRAP\n}\n'
}

# xinetd: daytime and 1 KiB echo, into x_daytime and x_echo.
peer_xinetd() {
	_b=$("$bench/freeports" 2 30001 40000) || return
	{ peer_svc daytime "$_b"; peer_svc echo $((_b + 1)); } \
	    >"$tmp/peer-xinetd.conf"
	"$PEER_XINETD" -dontfork -f "$tmp/peer-xinetd.conf" \
	    -pidfile "$tmp/peer-xinetd.pid" >"$tmp/peer-xinetd.out" 2>&1 &
	_p=$!
	pids="$pids $_p"
	if ! "$bench/waitport" -t 10 "$host" $((_b + 1)) >/dev/null; then
		note "xinetd did not start: $(cat "$tmp/peer-xinetd.out")"
		stop "$_p"
		return
	fi
	x_daytime=$(rate "$host" "$_b")
	x_echo=$(rate -s 1024 "$host" $((_b + 1)))
	stop "$_p"
}

# One inetd in the namespace on inetd.conf: its daytime conn/s.  Runs
# in a subshell, and stops what it starts.
ns_daytime() {
	"$@" &
	_p=$!
	pids="$pids $_p"
	if ! $nsexec "$bench/waitport" -t 10 "$host" 13 >/dev/null; then
		note "$1 did not start"
		stop "$_p"
		echo n/a
		return
	fi
	rate "$host" 13
	stop "$_p"
}

# Daytime of this daemon's inetd front-end and of openbsd-inetd on the
# same line, into o_ours and o_daytime.
peer_inetd() {
	ns=xinetd-bench-$$
	if ! ip netns add "$ns" 2>/dev/null; then
		note "cannot make a network namespace"
		ns=
		return
	fi
	nsexec="ip netns exec $ns"
	$nsexec ip link set lo up
	printf 'daytime\tstream\ttcp\tnowait\troot\tinternal\n' \
	    >"$tmp/inetd.conf"
	ln -s "$XINETD" "$tmp/inetd"
	o_ours=$(ns_daytime $nsexec "$tmp/inetd" -f -R 100000000 -p "$tmp/inetd.pid" \
	    "$tmp/inetd.conf")
	o_daytime=$(ns_daytime $nsexec "$PEER_INETD" -i -R 100000000 \
	    "$tmp/inetd.conf")
	nsexec=
	ip netns del "$ns"
	ns=
}

for p in loadgen waitport freeports; do
	[ -x "$bench/$p" ] || die "$bench/$p is missing: run bmake in bench/"
done
command -v socat >/dev/null 2>&1 || die "socat is needed for step e"
[ -x "$XINETD" ] || die "no daemon at $XINETD"
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xinetd-builtins.XXXXXX") ||
    die "cannot make a temporary directory"

base=$("$bench/freeports" 8 20000 30000) || die "no free ports"
{
	svc daytime stream "$base"
	svc echo stream $((base + 1))
	svc echo dgram $((base + 1))
	svc discard stream $((base + 2))
	relay to-daytime $((base + 3)) "$base"
	relay to-discard $((base + 4)) $((base + 2))
} >"$tmp/xinetd.conf"
"$XINETD" -dontfork -f "$tmp/xinetd.conf" -filelog "$tmp/daemon.log" \
    >"$tmp/daemon.out" 2>&1 &
daemon_pid=$!
pids="$pids $daemon_pid"
"$bench/waitport" -t 10 "$host" $((base + 4)) >/dev/null ||
    die "the daemon did not start: $(cat "$tmp/daemon.out")"

note "daytime"
daytime=$(rate "$host" "$base")
note "echo, 1 KiB"
echo1k=$(rate -s 1024 "$host" $((base + 1)))
note "echo, datagrams"
udpecho=$(rate -u -s 32 "$host" $((base + 1)))
note "redirect to daytime"
rdconn=$(rate "$host" $((base + 3)))
note "discard, $mb MB direct and through redirect"
direct_mb=$(mbps $((base + 2)))
rd_mb=$(mbps $((base + 4)))
stop "$daemon_pid"

missing=
x_daytime=n/a
x_echo=n/a
if [ -x "$PEER_XINETD" ]; then
	note "xinetd: daytime and echo, 1 KiB"
	peer_xinetd
else
	missing="xinetd"
fi
o_ours=n/a
o_daytime=n/a
if [ -x "$PEER_INETD" ] && [ "$(id -u)" = 0 ]; then
	note "openbsd-inetd and ours: daytime on port 13 in a namespace"
	peer_inetd
else
	missing="${missing:+$missing }openbsd-inetd"
fi

echo "## built-in services and redirect, $(date '+%Y-%m-%d')"
echo
echo "$conc clients for $secs s each, on $host; $(uname -sr)."
echo
echo "| workload | figure |"
echo "|---|---:|"
echo "| daytime, stream | $daytime conn/s |"
echo "| echo 1 KiB, stream | $echo1k conn/s |"
echo "| echo, datagram | $udpecho req/s |"
echo "| daytime through redirect | $rdconn conn/s |"
echo "| daytime directly | $daytime conn/s |"
echo "| $mb MB through redirect | $rd_mb MB/s |"
echo "| $mb MB directly | $direct_mb MB/s |"
echo
echo "| figure | value | target | |"
echo "|---|---:|---|---|"
r=$(ratio "$rd_mb" "$direct_mb")
echo "| redirect / direct throughput | $r | >= 0.8 | $(judge "$r" 0.8) |"
r=$(ratio "$rdconn" "$daytime")
echo "| redirect / direct conn/s | $r | | |"
if [ "$x_echo" != n/a ]; then
	r=$(ratio "$echo1k" "$x_echo")
	echo "| echo 1 KiB / xinetd's ($x_echo conn/s) | $r | >= 4 |" \
	    "$(judge "$r" 4) |"
	r=$(ratio "$daytime" "$x_daytime")
	echo "| daytime / xinetd's ($x_daytime conn/s) | $r | | |"
fi
if [ "$o_daytime" != n/a ]; then
	r=$(ratio "$o_ours" "$o_daytime")
	echo "| daytime / openbsd-inetd's, same inetd.conf line" \
	    "($o_ours / $o_daytime conn/s) | $r | >= 1.2 | $(judge "$r" 1.2) |"
fi
if [ -n "$missing" ]; then
	echo
	echo "Not installed, so not compared: $missing (targets: stream" \
	    "echo >= 4x xinetd, daytime >= 1.2x openbsd-inetd)."
fi
