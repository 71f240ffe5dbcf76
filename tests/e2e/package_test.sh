# CPack builds a .deb as Debian policy asks (binary stripped, static library without debug
# information, manual pages gzipped, zsh completion where Debian's zsh looks) that unpacks
# into a peerlog that runs and opens its own pages.
source "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$PEERLOG")

(cd "$WORK" && cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$WORK/deb") >"$WORK/cpack.log" 2>&1
RC=$?
expect_rc 0 "cpack -G DEB"
[ "$RC" -eq 0 ] || tail -20 "$WORK/cpack.log" >&2
deb=$(ls "$WORK"/deb/*.deb 2>/dev/null | head -1)
expect_eq "$([ -n "$deb" ] && echo built)" "built" "a .deb was produced"
if [ -n "$deb" ]; then
    OUT=$(dpkg-deb -c "$deb")
    expect_out_has "./usr/bin/peerlog" "the package holds bin/peerlog"
    expect_out_has "./usr/share/man/man1/peerlog-session.1.gz" "and the manual pages, gzipped"
    expect_out_has "./usr/share/man/man5/peerlog-config.5.gz" "section 5 too"
    expect_eq "$(grep -cE '/share/man/man[1-9]/[^/]+\.[1-9]$' <<<"$OUT")" "0" "no page left uncompressed"
    expect_out_has "./usr/share/bash-completion/completions/peerlog" "and the bash completion"
    expect_out_has "./usr/share/zsh/vendor-completions/_peerlog" "zsh's in vendor-completions"
    expect_out_has "./usr/share/fish/vendor_completions.d/peerlog.fish" "fish's in vendor_completions.d"
    expect_out_has "./usr/share/peerlog/sql/team/001_tables.sql" "and the team database's schema"
    expect_out_has "./usr/libexec/peerlog/peerlog-team" "and peerlog-team, the team database's commands"
    OUT=$(dpkg-deb -f "$deb" Depends)
    expect_out_has "libxlsxwriter" "it depends on libxlsxwriter, opened with dlopen"
    expect_out_has "libpq5" "and on libpq5, opened with dlopen to read a team database URL"
    expect_out_has "libicu" "and on ICU's libicu, opened with dlopen for note search"
    if command -v zsh >/dev/null; then
        OUT=$(zsh -fc 'print -l $fpath')
        expect_out_has "/usr/share/zsh/vendor-completions" "a directory in Debian's zsh fpath"
    fi
    OUT=$(dpkg-deb -f "$deb" Package Version)
    expect_out_has "Package: peerlog" "named peerlog"
    # No size limit here: a sanitizer build's stripped binary is still 30 MB; the readelf
    # checks below are what says the package is stripped.

    dpkg-deb -x "$deb" "$WORK/root"
    RC=$?
    expect_rc 0 "dpkg-deb -x unpacks it"
    OUT=$("$WORK/root/usr/bin/peerlog" --version 2>&1)
    RC=$?
    expect_rc 0 "the packaged peerlog runs"
    expect_out_has "peerlog 0." "and prints its version"
    OUT=$("$WORK/root/usr/bin/peerlog" team load --database 'postgresql://a:s3cret@h/db' x.json 2>&1)
    RC=$?
    expect_rc 2 "the packaged peerlog hands team load to the packaged peerlog-team"
    expect_out_has "holds a password" "which refuses a password in the URL"
    OUT=$(readelf -S "$WORK/root/usr/bin/peerlog" | grep -cE '\.symtab|\.debug_info')
    expect_eq "$OUT" "0" "the binary is stripped (no symbol table, no debug information)"
    OUT=$(readelf -S "$WORK/root/usr/lib/libpeerlog.a" 2>/dev/null | grep -c '\.debug_info')
    expect_eq "$OUT" "0" "the static library has no debug information"
    OUT=$(nm "$WORK/root/usr/lib/libpeerlog.a" 2>/dev/null | grep -c ' T _ZN7peerlog10parse_date')
    [ "$OUT" -gt 0 ] && pass || fail "but keeps its symbols"
    if command -v script >/dev/null && man --version >/dev/null 2>&1; then
        OUT=$(MANPAGER=cat PAGER=cat MANWIDTH=80 script -qec "'$WORK/root/usr/bin/peerlog' help session" /dev/null 2>&1)
        expect_out_has "PEERLOG-SESSION(1)" "its help opens its own gzipped page"
    fi
fi

finish
