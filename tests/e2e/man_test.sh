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
# page_has PAGE OPTION: the page names --option (written \-\-option in roff).
page_has() { grep -q -- "$(sed 's/-/\\\\-/g' <<<"$2")" "$1"; }
# Every top-level command group has its page, which names each of its subcommands and every
# long flag of each command's --help.
groups=$(subs_of "")
OUT=$groups
expect_out_has "session" "the command groups are read from the completion script"
for group in $groups; do
    page="$MAN/peerlog-$group.1"
    expect_eq "$([ -f "$page" ] && echo yes)" "yes" "peerlog-$group.1 exists (a page per command group)"
    [ -f "$page" ] || continue
    subs=$(subs_of "$group")
    commands=$group
    [ -n "$subs" ] && commands=$(for sub in $subs; do echo "$group $sub"; done)
    while IFS= read -r command; do
        [ "$command" = "$group" ] || grep -q "peerlog $command" "$page" && pass ||
            fail "peerlog-$group.1 names 'peerlog $command'"
        for option in $(opts_of "$command"); do
            [[ $option == --* && $option != --help ]] || continue
            page_has "$page" "$option" && pass ||
                fail "peerlog-$group.1 documents $option of '$command'"
        done
    done <<<"$commands"
    sed -n '/^\.SH SEE ALSO/,$p' "$MAN/peerlog.1" | grep -qF ".BR peerlog\\-$group (1)" && pass ||
        fail "peerlog(1) SEE ALSO links peerlog-$group(1)"
done

# Every page's header is alike: .TH NAME SECTION DATE "peerlog VERSION" "peerlog manual".
version=$("$PEERLOG" --version | sed 's/^peerlog //')
headers=$(for page in "$MAN"/*.1 "$MAN"/*.5; do grep -m1 '^\.TH ' "$page" | cut -d' ' -f4-; done | sort -u)
expect_eq "$(wc -l <<<"$headers")" "1" "every page has the same date, source and manual in its header"
OUT=$headers
expect_out_has "\"peerlog $version\" \"peerlog manual\"" "naming this version of peerlog"

# man renders every page at 80 columns without a warning (a line it cannot adjust or break).
if man --version >/dev/null 2>&1; then
    for page in "$MAN"/*.1 "$MAN"/*.5; do
        warnings=$(MANWIDTH=80 man --warnings=w -l "$page" 2>&1 >/dev/null)
        expect_eq "$warnings" "" "man --warnings=w renders $(basename "$page") at 80 columns"
    done
fi

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
run help session bogus
expect_rc 2 "help with a word that is not a subcommand"
expect_err_has "'bogus' is not a subcommand of session: use one of add, list, show, edit" \
    "says it is not a subcommand of session, and lists those there are"
run help bogus
expect_rc 2 "help with a word that is not a command"
expect_err_has "no command 'bogus'" "says so"
run help __complete
expect_rc 2 "the hidden command has no help"

# On a terminal (script(1) gives one) it shows the command group's page.
if command -v script >/dev/null && man --version >/dev/null 2>&1; then
    # on_terminal COMMAND: OUT is what a terminal shows for the shell COMMAND.
    on_terminal() { OUT=$(MANPAGER=cat PAGER=cat MANWIDTH=80 script -qec "$1" /dev/null 2>&1); }
    # The build tree's binary opens the source tree's pages (README: put build/peerlog on PATH).
    on_terminal "'$PEERLOG' help session"
    expect_out_has "PEERLOG-SESSION(1)" "build/peerlog help session shows peerlog-session(1)"
    for group in init passphrase help config; do
        on_terminal "'$PEERLOG' help $group"
        expect_out_has "PEERLOG-${group^^}(1)" "help $group shows peerlog-$group(1)"
    done
    on_terminal "'$PEERLOG' help config show"
    expect_out_has "PEERLOG-CONFIG(1)" "help config show opens the config commands' page"
    expect_out_lacks "PEERLOG-CONFIG(5)" "not the file format's"
    on_terminal "'$PEERLOG' help"
    expect_out_has "PEERLOG(1)" "help alone shows peerlog(1)"
    # Without man, the page's text as groff rendered it at build time (when it could).
    mkdir -p "$WORK/noman"
    if [ -d "$(dirname "$PEERLOG")/man-text" ]; then
        on_terminal "PATH='$WORK/noman' '$PEERLOG' help passphrase"
        expect_out_has "peerlog-passphrase - change the passphrase of an encrypted journal" \
            "without man: the page's text"
        expect_out_lacks "Options:" "not the flags"
    fi
    # A copy elsewhere has neither pages nor texts beside it: man finds a page installed
    # system-wide (MANPATH), and without man it prints the flags.
    mkdir -p "$WORK/bin" "$WORK/sysman/man1"
    cp "$PEERLOG" "$WORK/bin/peerlog"
    cp "$MAN/peerlog-group.1" "$WORK/sysman/man1/"
    on_terminal "MANPATH='$WORK/sysman' '$WORK/bin/peerlog' help group"
    expect_out_has "PEERLOG-GROUP(1)" "a page installed system-wide is found where man looks"
    on_terminal "PATH='$WORK/noman' '$WORK/bin/peerlog' help group"
    expect_out_has "Recovery groups you lead" "with neither, the flags"
    expect_out_lacks "PEERLOG-GROUP(1)" "(no page)"
fi

finish
