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
# and, when they are installed, the same of xinetd and openbsd-inetd,
# for the targets of the table; a peer that is missing is named.
# Prints a markdown table on standard output, progress on standard
# error; binds only 127.0.0.1 and stops every process it starts.
#
# Environment: BENCH_SECONDS (10), BENCH_CONCURRENCY (8),
# BENCH_WARMUP (1), BENCH_MB (200, for e), XINETD.

set -u

bench=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$bench")
XINETD=${XINETD:-$top/usr.sbin/xinetd/xinetd}
secs=${BENCH_SECONDS:-10}
conc=${BENCH_CONCURRENCY:-8}
warm=${BENCH_WARMUP:-1}
mb=${BENCH_MB:-200}
host=127.0.0.1
pids=
tmp=

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
	[ -n "$tmp" ] && rm -rf "$tmp"
}

# rate [loadgen options] PORT: connections or requests a second.
rate() {
	_r=$("$bench/loadgen" -c "$conc" -d "$secs" -w "$warm" "$@" \
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

peers() {
	_missing=
	for _p in xinetd openbsd-inetd; do
		command -v "$_p" >/dev/null 2>&1 ||
		    [ -x "/usr/sbin/$_p" ] || _missing="$_missing $_p"
	done
	echo "${_missing# }"
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
pids="$pids $!"
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
missing=$(peers)

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
if [ -n "$missing" ]; then
	echo
	echo "Not installed, so not compared: $missing (targets: stream" \
	    "echo >= 4x xinetd, daytime >= 1.2x openbsd-inetd)."
fi
