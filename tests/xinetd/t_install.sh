# t_install: "make install" puts every file in its hier(7) place under
# DESTDIR and PREFIX.

atf_test_case staged
staged_head() {
	atf_set descr "install with DESTDIR and PREFIX=/usr stages the" \
	    "program, the inetd link, the manuals and the examples"
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
	    etc/rc.d/xinetd usr/lib/systemd/system/xinetd.service; do
		[ -e "$stage/$f" ] || atf_fail "$f was not installed"
	done
	atf_check -s exit:1 -e match:'^usage: inetd' \
	    "$stage/usr/sbin/inetd" -version
	atf_check -s exit:0 -o match:'^xinetd version' \
	    "$stage/usr/sbin/xinetd" -version
	[ -e "$stage/usr/lib/libxcfg.a" ] && \
	    atf_fail "the private library was installed"
	[ -x "$stage/etc/rc.d/xinetd" ] || atf_fail "rc.d/xinetd not executable"
	# A ports-style install: the service files follow the paths.
	local=$PWD/local
	atf_check -s exit:0 -o ignore -e ignore \
	    env -u MAKEFLAGS -u MAKELEVEL bmake -C "$top" install \
	    DESTDIR="$local" PREFIX=/usr/local SYSCONFDIR=/usr/local/etc
	for f in usr/local/etc/rc.d/xinetd \
	    usr/local/lib/systemd/system/xinetd.service; do
		atf_check -o match:"/usr/local/sbin/xinetd" \
		    -o match:"/usr/local/etc/xinetd.conf" cat "$local/$f"
		atf_check -s exit:1 grep -E "/usr/sbin/|[^l]/etc/xinetd" \
		    "$local/$f"
	done
	return 0
}

atf_init_test_cases() {
	atf_add_test_case staged
}
