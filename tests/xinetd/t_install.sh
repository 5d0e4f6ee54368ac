# t_install: "make install" puts every file in its hier(7) place under
# DESTDIR and PREFIX.

atf_test_case staged
staged_head() {
	atf_set descr "install with DESTDIR and PREFIX=/usr stages the" \
	    "program, the inetd link, the manuals, the examples, the rc.d" \
	    "scripts, the systemd unit, and the sample configuration" \
	    "without replacing one that is there; a ports-style PREFIX" \
	    "moves the paths in the installed files"
	atf_set require.progs "bmake"
}
staged_body() {
	top=$(atf_get_srcdir)/../..
	stage=$PWD/stage
	atf_check -s exit:0 -o ignore -e ignore \
	    env -u MAKEFLAGS -u MAKELEVEL bmake -C "$top" install \
	    DESTDIR="$stage" PREFIX=/usr
	for f in usr/sbin/xinetd usr/sbin/inetd \
	    usr/share/man/man8/xinetd.8 usr/share/man/man8/inetd.8 \
	    usr/share/man/man5/xinetd.conf.5 usr/share/man/man5/inetd.conf.5 \
	    usr/share/examples/xinetd/xinetd.conf \
	    usr/share/examples/xinetd/xinetd.d/echo \
	    etc/rc.d/xinetd etc/rc.d/inetd \
	    usr/lib/systemd/system/xinetd.service; do
		[ -e "$stage/$f" ] || atf_fail "$f was not installed"
	done
	atf_check -s exit:1 -e match:'^usage: inetd' \
	    "$stage/usr/sbin/inetd" -version
	atf_check -s exit:0 -o match:'^xinetd version' \
	    "$stage/usr/sbin/xinetd" -version
	[ -e "$stage/usr/lib/libxcfg.a" ] && \
	    atf_fail "the private library was installed"
	[ -x "$stage/etc/rc.d/xinetd" ] || atf_fail "rc.d/xinetd not executable"
	[ -x "$stage/etc/rc.d/inetd" ] || atf_fail "rc.d/inetd not executable"
	# The configuration: the sample, and an empty service directory.
	atf_check -o match:"^includedir /etc/xinetd.d$" \
	    cat "$stage/etc/xinetd.conf"
	[ -d "$stage/etc/xinetd.d" ] || atf_fail "no etc/xinetd.d"
	atf_check -o empty ls -A "$stage/etc/xinetd.d"
	# An installed configuration is the admin's: never replaced.
	echo "# mine" >"$stage/etc/xinetd.conf"
	atf_check -s exit:0 -o ignore -e ignore \
	    env -u MAKEFLAGS -u MAKELEVEL bmake -C "$top" install \
	    DESTDIR="$stage" PREFIX=/usr
	atf_check -o inline:"# mine\n" cat "$stage/etc/xinetd.conf"
	# A ports-style install: the service files follow the paths.
	local=$PWD/local
	atf_check -s exit:0 -o ignore -e ignore \
	    env -u MAKEFLAGS -u MAKELEVEL bmake -C "$top" install \
	    DESTDIR="$local" PREFIX=/usr/local SYSCONFDIR=/usr/local/etc
	atf_check -o match:"^includedir /usr/local/etc/xinetd.d$" \
	    cat "$local/usr/local/etc/xinetd.conf"
	for f in usr/local/etc/rc.d/xinetd \
	    usr/local/lib/systemd/system/xinetd.service; do
		atf_check -o match:"/usr/local/sbin/xinetd" \
		    -o match:"/usr/local/etc/xinetd.conf" cat "$local/$f"
		atf_check -s exit:1 grep -E "/usr/sbin/|[^l]/etc/xinetd" \
		    "$local/$f"
	done
	# rc.d/inetd would shadow the system's own inetd script.
	[ -e "$local/usr/local/etc/rc.d/inetd" ] &&
	    atf_fail "a ports-style install has rc.d/inetd"
	return 0
}

atf_init_test_cases() {
	atf_add_test_case staged
}
