#!/bin/sh
#
# quickstart.sh: install what the build needs, build, then run.
#
#	sh quickstart.sh demo		the daemon on a demo configuration
#	sh quickstart.sh test		the whole test suite (kyua), gcc -Werror
#	sh quickstart.sh sanitize	the test suite built with clang,
#					-Werror, ASan and UBSan
#	sh quickstart.sh fuzz		each fuzz target: FUZZ_SECONDS (60) for the
#					configuration parsers, FUZZ_NET_SECONDS
#					(20) for the network parsers
#	sh quickstart.sh deps		only install the dependencies
#	sh quickstart.sh demo-config	print the demo configuration
#
# On Debian and Ubuntu missing packages are installed with apt-get (as
# root).  On FreeBSD and NetBSD the package line to run is printed.

set -eu

cd "$(dirname "$0")"

DEBIAN_PKGS="bmake kyua atf-sh libatf-dev libbsd-dev libwrap0-dev
libtirpc-dev pkg-config gcc clang libclang-rt-14-dev mandoc iproute2 fail2ban
socat rdate shellcheck rpcbind rstatd rstat-client tcpd valgrind libfaketime
procps"
FREEBSD_PKGS="bmake kyua atf"
NETBSD_PKGS="kyua atf"

log() {
	printf '==> %s\n' "$*"
}

deps_debian() {
	missing=
	for p in $DEBIAN_PKGS; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q 'ok installed'; then
			missing="$missing $p"
		fi
	done
	[ -z "$missing" ] && return 0
	log "installing:$missing"
	if [ "$(id -u)" != 0 ]; then
		echo "quickstart: run as root, or: sudo apt-get install$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq $missing >/dev/null
}

deps() {
	case "$(uname -s)" in
	Linux)
		if command -v apt-get >/dev/null 2>&1; then
			deps_debian
		else
			echo "quickstart: install: bmake kyua atf libbsd" \
			    "libtirpc libwrap pkg-config (your distribution's" \
			    "names)" >&2
		fi
		;;
	FreeBSD)
		echo "quickstart: if missing: pkg install $FREEBSD_PKGS"
		;;
	NetBSD)
		echo "quickstart: if missing: pkgin install $NETBSD_PKGS"
		;;
	*)
		echo "quickstart: needs bmake, kyua and atf" >&2
		;;
	esac
}

make_cmd() {
	if command -v bmake >/dev/null 2>&1; then
		echo bmake
	else
		echo make	# BSD make on FreeBSD and NetBSD
	fi
}

build() {
	log "building"
	$(make_cmd) "$@" >/dev/null
}

# The demo: two external servers on 127.0.0.1 high ports: one prints
# the environment the daemon gives it, one the date.
demo_config() {
	base=${DEMO_PORT:-17000}
	cat <<EOF
defaults
{
	bind		= 127.0.0.1
	log_type	= FILE ${DEMO_LOG:-${TMPDIR:-/tmp}/xinetd-demo.log}
	log_on_success	= HOST PID EXIT DURATION
}

service whoami
{
	type		= UNLISTED
	socket_type	= stream
	protocol	= tcp
	wait		= no
	user		= nobody
	server		= /usr/bin/env
	port		= $((base + 79))
}

service clock
{
	type		= UNLISTED
	socket_type	= stream
	protocol	= tcp
	wait		= no
	user		= nobody
	server		= /bin/date
	server_args	= -u
	port		= $((base + 13))
}
EOF
}

demo() {
	dir=$(mktemp -d "${TMPDIR:-/tmp}/xinetd-demo.XXXXXX")
	conf=$dir/xinetd.conf
	base=${DEMO_PORT:-17000}
	DEMO_LOG=$dir/service.log demo_config >"$conf"
	log "demo configuration: $conf"
	./usr.sbin/xinetd/xinetd -n -f "$conf" || exit 1
	./usr.sbin/xinetd/xinetd -dontfork -f "$conf" \
	    -filelog "$dir/daemon.log" -pidfile "$dir/xinetd.pid" &
	pid=$!
	i=0
	until grep -q "ready:" "$dir/daemon.log" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 $pid 2>/dev/null; then
			cat "$dir/daemon.log" >&2
			kill $pid 2>/dev/null
			exit 1
		fi
		sleep 0.1
	done
	log "the daemon runs as pid $pid"
	log "127.0.0.1 port $((base + 13)) (clock: /bin/date as nobody):"
	./tests/helpers/h_client 127.0.0.1 $((base + 13))
	log "127.0.0.1 port $((base + 79)) (whoami: what a server gets):"
	./tests/helpers/h_client 127.0.0.1 $((base + 79)) |
	    grep -E '^(REMOTE|TCP|PROTO)'
	sleep 0.5
	log "the service log, $dir/service.log:"
	cat "$dir/service.log"
	kill -TERM $pid
	wait $pid
	log "stopped; run it yourself with:" \
	    "./usr.sbin/xinetd/xinetd -dontfork -f $conf"
}

case "${1:-}" in
demo-config)
	demo_config
	;;
deps)
	deps
	;;
demo)
	deps
	build
	demo
	;;
test)
	deps
	build clean
	build XCFLAGS=-Werror
	$(make_cmd) test XCFLAGS=-Werror
	;;
sanitize)
	deps
	build clean
	build CC=clang XCFLAGS="-Werror -g -fsanitize=address,undefined \
-fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    XLDFLAGS="-fsanitize=address,undefined"
	# Every report also goes to a file of its own under sanitizer/:
	# a report from a process whose exit no test looks at (a server,
	# a child that has closed its stderr) still fails the run.
	reports=$PWD/sanitizer
	rm -rf "$reports"
	mkdir -m 1777 "$reports"
	rv=0
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=$reports/asan \
	LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan \
	    $(make_cmd) test || rv=$?
	build clean
	if [ -n "$(ls -A "$reports")" ]; then
		for f in "$reports"/*; do
			log "sanitizer report $f:"
			cat "$f"
		done
		exit 1
	fi
	rmdir "$reports"
	exit $rv
	;;
fuzz)
	deps
	build
	$(make_cmd) fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}" \
	    FUZZ_NET_SECONDS="${FUZZ_NET_SECONDS:-20}"
	;;
*)
	echo "usage: sh quickstart.sh demo | test | sanitize | fuzz | deps |" \
	    "demo-config" >&2
	exit 1
	;;
esac
