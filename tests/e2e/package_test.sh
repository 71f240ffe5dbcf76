# CPack builds a .deb whose contents hold the binary, the manual pages and the completions.
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
    expect_out_has "./usr/share/man/man1/peerlog-session.1" "and the manual pages"
    expect_out_has "./usr/share/bash-completion/completions/peerlog" "and the bash completion"
    OUT=$(dpkg-deb -f "$deb" Package Version)
    expect_out_has "Package: peerlog" "named peerlog"
fi

finish
