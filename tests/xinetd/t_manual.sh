# t_manual: the manuals are valid mdoc, and their examples are valid
# configurations.

. "$(atf_get_srcdir)/common.subr"

atf_test_case lint
lint_head() {
	atf_set descr "mandoc -Tlint reports no warning or error in any page"
	atf_set require.progs "mandoc"
}
lint_body() {
	man=$(atf_get_srcdir)/../../share/man
	for page in xinetd.8 xinetd.conf.5 inetd.conf.5; do
		atf_check -s exit:0 -o empty -e empty \
		    mandoc -Tlint -W warning "$man/$page"
	done
}

# Each literal block of PAGE's EXAMPLES section into files PREFIX.N,
# with mdoc's escapes undone.
examples_of() {
	awk -v pfx="$2" '
	/^\.Sh EXAMPLES/ { e = 1; next }
	/^\.Sh / { e = 0 }
	e && /^\.Bd -literal/ { n++; out = pfx "." n; inb = 1; next }
	inb && /^\.Ed/ { inb = 0; close(out); next }
	inb { gsub(/\\e/, "\\"); gsub(/\\&/, ""); print > out }
	END { print n + 0 }' "$1"
}

atf_test_case examples
examples_head() {
	atf_set descr "every example configuration in the EXAMPLES of" \
	    "xinetd.conf(5) and inetd.conf(5) passes the check (xinetd -n," \
	    "inetd -n), so the pages show what the program accepts"
}
examples_body() {
	setup
	man=$(atf_get_srcdir)/../../share/man
	# FreeBSD's comsat example runs as tty:tty.
	cp "$XINETD_PASSWD_FILE" passwd
	echo "tty:x:4:5:tty sandbox:/nonexistent:/usr/sbin/nologin" >>passwd
	XINETD_PASSWD_FILE=$PWD/passwd
	ln -s "$XINETD" inetd
	# What an include directory holds: a service file.
	mkdir xinetd.d
	printf 'service daytime\n{\n\ttype = INTERNAL\n' >xinetd.d/daytime
	printf '\tsocket_type = stream\n\twait = no\n}\n' >>xinetd.d/daytime
	for page in xinetd.conf.5 inetd.conf.5; do
		n=$(examples_of "$man/$page" "ex.$page")
		[ "$n" -ge 3 ] || atf_fail "$page has $n examples"
		i=1
		while [ $i -le "$n" ]; do
			f=ex.$page.$i
			# The include directory of the examples is the test's.
			sed -i "s|/etc/xinetd.d|$PWD/xinetd.d|" "$f"
			if grep -Eq '^(service|defaults|includedir)' "$f"; then
				atf_check -o ignore -e empty "$XINETD" -n -f "$f"
			else
				atf_check -o ignore -e empty ./inetd -n "$f"
			fi
			i=$((i + 1))
		done
	done
}

atf_init_test_cases() {
	atf_add_test_case lint
	atf_add_test_case examples
}
