# The clig.dev-style conventions, each proved: --version, -q, --format json on every listing and
# report, --dry-run on bulk and destructive commands, prompts only on a terminal (--yes
# otherwise), NO_COLOR and TERM=dumb, PAGER on a terminal only (for every listing), - for
# stdin/stdout, and no secret in argv.
source "$(dirname "$0")/lib.sh"

# on_terminal CMD...: runs peerlog with a terminal as stdin and stdout (script(1) gives one).
on_terminal() {
    local command="'$PEERLOG'"
    for arg in "$@"; do command+=" '$arg'"; done
    OUT=$(script -qec "$command" /dev/null </dev/null 2>&1)
    RC=$?
}

run --version
expect_rc 0 "--version"
expect_out_has "peerlog 0." "--version prints the version"

run peer add P1
expect_err_has "added peer P1" "a confirmation without -q"
run -q peer add P2
expect_eq "$RC/$ERR" "0/" "-q: no confirmation"
run --quiet session add --peer P1 --support emotional --duration 45m --date yesterday --note a
expect_eq "$RC/$ERR/$OUT" "0//1" "--quiet: the id on stdout, nothing on stderr"
run -q peer add P1
expect_rc 9 "-q still fails loudly"
expect_err_has "already used" "errors still show with -q"

# --format json on every listing and report.
for command in "peer list" "peer show P1" "session list" "session show 1" "export --week this" \
    "report summary --week this"; do
    run $command --format json
    expect_rc 0 "$command --format json"
    printf '%s' "$OUT" | jq -e . >/dev/null && pass || fail "$command --format json is JSON"
done
run -q consent add P1 --recipient "Dr Lee" --purpose care --info notes --share contact,attendance,support,notes --signed 2026-11-01 \
    --expires 2027-11-01
for command in "consent list" "consent show $OUT"; do
    run $command --format json
    expect_rc 0 "$command --format json"
    printf '%s' "$OUT" | jq -e . >/dev/null && pass || fail "$command --format json is JSON"
done
printf 'code\nP3\n' >"$WORK/peers.csv"
run import peers "$WORK/peers.csv" --dry-run --format json
expect_json '.added' '1' "import --format json"

# --dry-run on bulk and destructive commands.
run session rm 1 --dry-run
expect_rc 0 "session rm --dry-run needs no --yes"
expect_out_has "would delete session 1 with P1" "it says what would go"
run session show 1
expect_rc 0 "and the session is still there"
run import peers "$WORK/peers.csv" --dry-run
expect_out_has "would import 1 peer" "import --dry-run"
run peer show P3
expect_rc 4 "and nothing was imported"

# Prompts only on a terminal; --yes otherwise.
run session rm 1
expect_rc 2 "session rm off a terminal without --yes is refused"
expect_err_has "without --yes" "and says to use --yes"
if command -v script >/dev/null; then
    OUT=$(printf 'n\n' | script -qec "'$PEERLOG' session rm 1" /dev/null 2>&1)
    expect_out_has "Delete session 1" "on a terminal it asks"
fi
run session rm 1 --yes
expect_rc 0 "--yes deletes without asking"

# Colour only on a terminal, and never with NO_COLOR or TERM=dumb.
if command -v script >/dev/null; then
    esc=$'\e['
    TERM=xterm on_terminal peer list
    expect_out_has "$esc" "a terminal gets a bold header"
    NO_COLOR=1 TERM=xterm on_terminal peer list
    expect_out_lacks "$esc" "NO_COLOR: no colour"
    TERM=dumb on_terminal peer list
    expect_out_lacks "$esc" "TERM=dumb: no colour"
fi
run peer list
expect_out_lacks $'\e[' "no colour off a terminal"

# PAGER for long output on a terminal only.
for i in $(seq 1 40); do
    run -q session add --peer P2 --support emotional --duration 30 --date "$i days ago" --note n
done
if command -v script >/dev/null; then
    PAGER="cat > '$WORK/paged'" LINES=24 TERM=xterm on_terminal session list
    expect_eq "$(grep -c P2 "$WORK/paged" 2>/dev/null)" "40" "a long listing on a terminal is paged"
    expect_out_lacks "P2" "and not printed past the pager"
    rm -f "$WORK/paged"
    PAGER="cat > '$WORK/paged'" TERM=xterm on_terminal peer show P2
    expect_eq "$([ -e "$WORK/paged" ] && echo paged)" "" "short output is not paged"    # A pager that cannot start leaves the output on stdout, with a warning; TERM=dumb pages not.
    PAGER="no-such-pager-$$" LINES=24 TERM=xterm on_terminal session list
    expect_eq "$(grep -c P2 <<<"$OUT")" "40" "a pager that cannot start: the listing is printed"
    expect_out_has "could not be started" "with a warning naming the problem"
    expect_out_has "no-such-pager-$$" "and the pager"
    PAGER="$WORK" LINES=24 TERM=xterm on_terminal session list
    expect_eq "$(grep -c P2 <<<"$OUT")" "40" "a pager that is not a program: the listing is printed"
    PAGER="" LINES=24 TERM=xterm on_terminal session list
    expect_eq "$(grep -c P2 <<<"$OUT")" "40" "an empty PAGER turns paging off"
    rm -f "$WORK/paged"
    PAGER="cat > '$WORK/paged'" LINES=24 TERM=dumb on_terminal session list
    expect_eq "$([ -e "$WORK/paged" ] && echo paged)" "" "TERM=dumb: no pager"
    expect_eq "$(grep -c P2 <<<"$OUT")" "40" "TERM=dumb: the listing is printed"
fi
# Every listing pages the same way: two of each record make a listing of three lines, as tall
# as a terminal of LINES=3.
for i in 1 2; do
    run -q assess add P1 --barc10 3,3,3,3,3,3,3,3,3,3 --date "$i days ago"
    run -q checkin add --stress 3 --energy 3
    run -q consent add P1 --recipient "Dr Lee" --purpose care --info notes --share contact,attendance,support,notes --signed 2026-11-01 \
        --expires 2027-11-01
    run -q goal add P1 --domain housing "goal $i"
    run -q group add "G$i"
    run -q resource add "R$i" --category housing
    run -q referral add P1 --resource R1
    run -q supervision add --date "$i days ago" --duration 1h --supervisor Lee
    run -q session add --peer P1 --support emotional --duration 30 --money --note x --date "$i days ago"
    run -q export --identified --recipient "Dr Lee" --week this -o "$WORK/identified.json"
done
printf 'code\nbad code 1\nbad code 2\n' >"$WORK/bad-peers.csv"
if command -v script >/dev/null; then
    for listing in "peer list" "session list" "assess list P1" "checkin list" "consent list" \
        "goal list" "group list" "resource list" "referral list" "supervision list" \
        "audit list" "audit disclosures" "report boundaries --week this" \
        "report summary --week this" "import peers $WORK/bad-peers.csv --dry-run"; do
        rm -f "$WORK/paged"
        PAGER="cat > '$WORK/paged'" LINES=3 TERM=xterm on_terminal $listing
        expect_eq "$([ -s "$WORK/paged" ] && echo paged)" "paged" "$listing is paged on a terminal"
    done
fi
rm -f "$WORK/paged"
PAGER="cat > '$WORK/paged'" run session list
expect_eq "$([ -e "$WORK/paged" ] && echo paged)" "" "off a terminal the pager is never used"
expect_eq "$(grep -c P2 <<<"$OUT")" "40" "and the listing goes to stdout"

# peer forget --dry-run says what would go (the counts forget prints) and changes nothing.
run group add Circle
run -q session add --group Circle --attendee P1,P2 --support affiliational --duration 60 --note g
before=$(journal_hash)
run peer forget P1 --dry-run
expect_rc 0 "peer forget --dry-run needs no --yes"
expect_eq "$OUT" "would forget peer P1: 2 sessions, 3 consents, 2 goals, 2 referrals and 2 assessments deleted; removed from 1 group session (now counted there as unnamed); 19 audit events redacted; kept in the accounting of 2 disclosures as a forgotten peer" \
    "it says what would be deleted and how many audit events would be redacted"
expect_eq "$(journal_hash)" "$before" "and changes nothing"
would=${OUT#would forget peer P1: }
cp "$JOURNAL" "$WORK/forget-copy.db"
[ -e "$JOURNAL-wal" ] && cp "$JOURNAL-wal" "$WORK/forget-copy.db-wal"
run --journal "$WORK/forget-copy.db" peer forget P1 --yes
expect_eq "$ERR" "forgot peer P1: $would" "forget (of a copy) deletes and redacts what the dry run said"
run peer show P1
expect_rc 0 "the peer is still there"
run peer forget NOBODY --dry-run
expect_rc 4 "an unknown peer is not found, dry run or not"

# - for stdin and stdout where a file is taken.
run export --week this -o -
expect_json '.kind' '"peerlog.export"' "export -o - writes stdout"
run report summary --week this --format json -o -
expect_json '.kind' '"peerlog.report.summary"' "report -o - writes stdout"
run_with_input $'code\nP4\n' import peers -
expect_out_has "imported 1 peer" "import FILE - reads stdin"
run_with_input "from stdin" session add --peer P4 --support emotional --duration 5 --note -
run session show "$OUT" --format json
expect_json '.note' '"from stdin"' "--note - reads stdin"

# No secret from argv: no option takes a password, passphrase, key or token (only the path of
# a file holding one: --passphrase-file, --new-passphrase-file).
run completion bash
expect_rc 0 "the option tree"
for word in pass secret token key; do
    expect_eq "$(grep -o -- "--[a-z-]*$word[a-z-]*" <<<"$OUT" | grep -v -- '-file$' | head -1)" "" \
        "no --*$word* option"
done

finish
