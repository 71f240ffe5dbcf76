# The manual pages: groff -ww clean, one per command group, and true to the CLI11 definition
# (every subcommand and long option) and to the config keys peerlog knows.
source "$(dirname "$0")/lib.sh"
MAN="$PEERLOG_SOURCE_DIR/man"

for page in "$MAN"/*.1 "$MAN"/*.5; do
    warnings=$(groff -man -ww -z "$page" 2>&1)
    RC=$?
    expect_rc 0 "groff accepts $(basename "$page")"
    expect_eq "$warnings" "" "groff -ww -z prints no warning for $(basename "$page")"
done

# The completion script is generated from the CLI11 tree: read the commands and options there.
run completion bash
script=$OUT
# case_of FUNCTION PATH: the words the script's FUNCTION gives for a command PATH.
case_of() { sed -n "/^$1() {/,/^}/s/^    \"$2\") echo \"\(.*\)\" ;;\$/\1/p" <<<"$script"; }
subs_of() { case_of _peerlog_subs "$1"; }
opts_of() { case_of _peerlog_opts "$1"; }
for group in peer session export report import completion; do
    page="$MAN/peerlog-$group.1"
    expect_eq "$([ -f "$page" ] && echo yes)" "yes" "peerlog-$group.1 exists"
    subs=$(subs_of "$group")
    [ "$group" = export ] && subs=""
    for sub in $subs; do
        grep -q "peerlog $group $sub" "$page" && pass || fail "peerlog-$group.1 names '$group $sub'"
        for option in $(opts_of "$group $sub"); do
            [[ $option == --* && $option != --help ]] || continue
            grep -q -- "$(sed 's/-/\\\\-/g' <<<"$option")" "$page" && pass ||
                fail "peerlog-$group.1 documents $option of '$group $sub'"
        done
    done
    if [ "$group" = export ]; then
        for option in $(opts_of "export"); do
            [[ $option == --* && $option != --help ]] || continue
            grep -q -- "$(sed 's/-/\\\\-/g' <<<"$option")" "$page" && pass ||
                fail "peerlog-export.1 documents $option"
        done
    fi
done

# Every key `config show` prints is in peerlog-config(5), in its section.
run config show
expect_rc 0 "config show"
section=""
while IFS= read -r line; do
    case $line in
    \[*\]) section=${line//[\[\]]/}
        grep -q "^\.SS \[$section\]" "$MAN/peerlog-config.5" && pass ||
            fail "peerlog-config.5 has a [$section] section" ;;
    [a-z]*=*) key=${line%% =*}
        awk -v s="[$section]" -v k="$key" '/^\.SS / { in_s = ($2 == s) } in_s && $1 == ".BR" && $2 == k { found = 1 } END { exit !found }' \
            "$MAN/peerlog-config.5" && pass || fail "peerlog-config.5 documents $section.$key" ;;
    esac
done <<<"$OUT"

# `peerlog help CMD` off a terminal prints the CLI11 help.
run help session add
expect_rc 0 "help session add"
expect_out_has "--support" "help prints the flags"

finish
