#!/bin/sh
#
# quickstart.sh: install what the build needs, build, then run.
#
#	sh quickstart.sh demo		the daemon on a demo configuration
#	sh quickstart.sh test		the whole test suite (kyua), gcc -Werror
#	sh quickstart.sh sanitize	the test suite built with clang,
#					-Werror, ASan and UBSan
#	sh quickstart.sh fuzz		each fuzz target for FUZZ_SECONDS (60)
#	sh quickstart.sh deps		only install the dependencies
#	sh quickstart.sh demo-config	print the demo configuration
#
# On Debian and Ubuntu missing packages are installed with apt-get (as
# root).  On FreeBSD and NetBSD the package line to run is printed.

set -eu

cd "$(dirname "$0")"

DEBIAN_PKGS="bmake kyua atf-sh libatf-dev libbsd-dev libwrap0-dev
libtirpc-dev pkg-config gcc clang libclang-rt-14-dev mandoc iproute2 fail2ban"
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

# The demo: built-in services on 127.0.0.1 high ports and one external
# server that prints the environment the daemon gives it.
demo_config() {
	base=${DEMO_PORT:-17000}
	cat <<EOF
defaults
{
	bind		= 127.0.0.1
	log_on_success	= HOST PID EXIT DURATION
}
EOF
	for s in echo:7 daytime:13 chargen:19 time:37; do
		cat <<EOF

service ${s%:*}
{
	type		= INTERNAL UNLISTED
	socket_type	= stream
	protocol	= tcp
	wait		= no
	port		= $((base + ${s#*:}))
}
EOF
	done
	cat <<EOF

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
EOF
}

demo() {
	conf=${TMPDIR:-/tmp}/xinetd-demo.conf
	demo_config >"$conf"
	base=${DEMO_PORT:-17000}
	log "demo configuration: $conf"
	if ! ./usr.sbin/xinetd/xinetd -n -f "$conf"; then
		exit 1
	fi
	log "the daemon does not serve yet: this is the table it will" \
	    "serve, as xinetd -dump prints it"
	./usr.sbin/xinetd/xinetd -dump -f "$conf"
	log "when serving lands, try: nc 127.0.0.1 $((base + 13))" \
	    "(daytime) or nc 127.0.0.1 $((base + 79)) (environment)"
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
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(make_cmd) test
	build clean
	;;
fuzz)
	deps
	build
	$(make_cmd) fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
	;;
*)
	echo "usage: sh quickstart.sh demo | test | sanitize | fuzz | deps |" \
	    "demo-config" >&2
	exit 1
	;;
esac
