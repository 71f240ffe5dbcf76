# session list --grep TEXT: notes searched case-insensitively and Unicode-aware, combined with
# every other filter, the matching line in the table only (csv, json, ndjson and xlsx carry it
# with --with-notes alone), on encrypted journals with the passphrase; hostile texts literal.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
# on_terminal ARGS...: runs peerlog on a pseudo-terminal; OUT gets stdout and stderr.
on_terminal() {
    local command="'$PEERLOG'"
    for arg in "$@"; do command+=" '$arg'"; done
    OUT=$(script -qec "$command" /dev/null </dev/null 2>&1)
    RC=$?
}
# ids: the ids of the listing in OUT (a table), in order, comma-separated.
ids() { awk 'NR > 1 { printf "%s%s", sep, $1; sep = "," }' <<<"$OUT"; }
add() { run -q session add --support emotional --duration 30m "$@"; }

run peer add P1
run peer add P2
run group add "Tuesday circle"
add --peer P1 --date 2026-11-16 --note 'Walked to the bus stop.
Peer worried about the COURT date on Friday.
Court again, and the court after.'                                            # 1: W47, 3 lines
add --peer P2 --date 2026-11-17 --note "P2 has a court date too"              # 2: W47, P2
add --peer P1 --date 2026-11-09 --note "court, the week before"               # 3: W46
add --peer P1 --date 2026-11-17 --note "Nothing about that"                   # 4: no match
add --peer P1 --date 2026-11-17                                               # 5: no note
run -q session add --group "Tuesday circle" --attendee P1 --date 2026-11-18 --duration 1h \
    --support affiliational --note "Group talked about court support"        # 6: group, P1
expect_rc 0 "a group session P1 attended"
add --peer P2 --date 2026-11-18 --note "$(printf 'Inscrit \303\240 l\342\200\231E\314\201COLE du soir')" # 7: NFD É
add --peer P2 --date 2026-11-18 --note "Wohnt jetzt in der Hauptstraße 4"     # 8: ß
add --peer P2 --date 2026-11-18 --note "Paid 100% of the rent; file a_b.txt"  # 9: % and _
add --peer P2 --date 2026-11-18 --gift 80 --note "Gift card, COURT fees"      # 10: flagged
run session list
expect_eq "$(ids)" "3,1,2,4,5,6,7,8,9,10" "ten sessions to search"

# ---- finding: any case, the matching line, +N more lines --------------------------------------
run session list --grep court
expect_rc 0 "--grep court"
expect_eq "$(ids)" "3,1,2,6,10" "only the sessions whose note holds court, in any case"
expect_out_has "MATCH" "the table has a MATCH column"
expect_out_has "Peer worried about the COURT date on Friday. (+1 more line)" \
    "the first matching line, and how many more lines match"
expect_out_has "P2 has a court date too" "a one-line note's line"
expect_out_lacks "Walked to the bus stop" "a line that does not match is not shown"
expect_out_lacks "Nothing about that" "a session whose note does not match is not listed"
check '! grep -q $'"'"'\e'"'"' <<<"$OUT"' "no colour off a terminal"

# ---- combined with every other filter (AND) ---------------------------------------------------
run session list --grep court --peer P1 --week 2026-W47
expect_rc 0 "--grep with --peer and --week"
expect_eq "$(ids)" "1,6" "P1's sessions of the week whose note matches, the group session P1 attended too"
run session list --grep court --peer P1 --from 2026-11-01 --to 2026-11-16
expect_eq "$(ids)" "3,1" "--grep with --peer and --from/--to"
run session list --grep court --month 2026-11 --peer P2
expect_eq "$(ids)" "2,10" "--grep with --month and --peer"
run session list --grep court --group "Tuesday circle"
expect_eq "$(ids)" "6" "--grep with --group"
run session list --grep court --support affiliational
expect_eq "$(ids)" "6" "--grep with --support"
run session list --grep court --flagged
expect_eq "$(ids)" "10" "--grep with --flagged"
run session review 1 --by "Dr Lee"
run session list --grep court --unreviewed --week this
expect_eq "$(ids)" "2,6,10" "--grep with --unreviewed"
run session list --grep court --peer P9
expect_rc 4 "--grep with an unknown peer is not found, as without it"

# ---- Unicode: case folding, ß/ss, precomposed and decomposed -----------------------------------
run session list --grep "l’école"
expect_eq "$(ids)" "7" "a precomposed é finds the decomposed É of the note"
run session list --grep "ÉCOLE DU SOIR"
expect_out_has "COLE du soir" "the matching line is shown as stored"
run session list --grep ecole
expect_eq "$OUT" "" "an accent is not ignored: ecole does not find école"
run session list --grep STRASSE
expect_eq "$(ids)" "8" "STRASSE finds Straße"
run session list --grep "straße 4"
expect_eq "$(ids)" "8" "and straße finds it as typed"

# ---- hostile texts: literal, never a pattern or SQL --------------------------------------------
run session list --grep %
expect_rc 0 "--grep %"
expect_eq "$(ids)" "9" "% is a percent sign, not a LIKE wildcard"
run session list --grep _
expect_eq "$(ids)" "9" "_ is an underscore, not a LIKE wildcard"
run session list --grep ".*"
expect_eq "$OUT" "" ".* is two characters, not a regex"
expect_rc 0 "no match is not an error"
expect_err_has "no sessions match." "and the table says so"
run session list --grep "' OR '1'='1"
expect_eq "$OUT" "" "a quote cannot reach the SQL"
expect_rc 0 "and is a text like any other"
run session list --grep "$(head -c 120000 /dev/zero | tr '\0' x)"
expect_rc 0 "a 120 kB text (about the most one argument may carry) is searched"
expect_err_has "no sessions match." "and finds nothing"
run session list --grep ""
expect_rc 2 "an empty --grep is a usage error"
expect_err_has "--grep needs a text" "saying what --grep needs"
run session list --grep "   "
expect_rc 2 "a blank --grep is a usage error"
run session list --grep $'court\ndate'
expect_rc 2 "a text with a line break is a usage error"
expect_err_has "one line" "saying a match lies within one line"
run session list --grep $'caf\xe9'
expect_rc 2 "a text that is not UTF-8 is a usage error"
run session list --grep
expect_rc 2 "--grep without a text is a usage error"

# Stored text that would drive a terminal is shown neutralised in the MATCH column.
add --peer P2 --date 2026-11-18 --note $'\e]52;c;Y2xpcA==\a clipboard court \e[2J'    # 11
run session list --grep clipboard
expect_eq "$(ids)" "11" "the note with control characters matches"
check '! grep -q $'"'"'\e'"'"' <<<"$OUT"' "no ESC from the note reaches the table"
expect_out_has "^[]52;c;Y2xpcA==^G clipboard court ^[[2J" "it is shown in caret notation"

# ---- privacy: the matching line in the table only; elsewhere with --with-notes alone ------------
for format in csv json ndjson; do
    run session list --grep court --format "$format"
    expect_rc 0 "--grep --format $format"
    expect_out_lacks "worried" "--format $format without --with-notes carries no note text"
    expect_out_lacks "match_line" "--format $format without --with-notes has no match field"
    run session list --grep court --format "$format" --with-notes
    expect_out_has "match_line" "--format $format --with-notes has the matching line"
done
run session list --grep court --format json --with-notes --peer P1 --week this
expect_json '[.[] | [.id, .match_line, .more_matching_lines]]' \
    '[[1,"Peer worried about the COURT date on Friday.",1],[6,"Group talked about court support",0]]' \
    "json --with-notes: the matching line and the count of more"
run session list --grep court --format json --peer P1 --week this
expect_json '[.[] | .id]' '[1,6]' "json without --with-notes lists the same sessions"
expect_json '[.[] | has("match_line") or has("note")] | any' 'false' "with no note nor match"
run session list --grep court --format csv --with-notes --peer P2 --week this
expect_eq "$(head -1 <<<"$OUT" | tr -d '\r')" \
    "id,date,start,minutes,peer,support,modality,setting,self_disclosure,follow_up,disclosure_purpose,note,flags,group,attendees,unnamed,reviewed,match_line,more_matching_lines" \
    "csv --with-notes: match_line and more_matching_lines are the last columns"
run session list --grep court --format xlsx -o "$WORK/found.xlsx"
expect_rc 0 "--grep --format xlsx"
check '! unzip -p "$WORK/found.xlsx" | grep -q worried' "the workbook holds no note text"
run session list --grep court --format xlsx -o "$WORK/found-notes.xlsx" --with-notes
check 'unzip -p "$WORK/found-notes.xlsx" | grep -q "Peer worried about the COURT date"' \
    "with --with-notes it holds the matching line"
run session list --grep court --week this -o "$WORK/found.txt"
check 'grep -q "Peer worried about the COURT date" "$WORK/found.txt"' \
    "the table keeps its MATCH column in a file: it is what --grep asked for"

# ---- on a terminal: the match emphasised, unless NO_COLOR --------------------------------------
on_terminal session list --grep "court date" --peer P2
check 'grep -q $'"'"'\e\[1;31mcourt date\e\[0m'"'"' <<<"$OUT"' "the match is bold red on a terminal"
NO_COLOR=1 on_terminal session list --grep "court date" --peer P2
check '! grep -q $'"'"'\e\[1;31m'"'"' <<<"$OUT"' "and plain with NO_COLOR"
on_terminal session list --grep zebra
expect_out_has "no sessions match." "an empty search says so on a terminal"

# ---- help, man page, completions ---------------------------------------------------------------
run session list --help
expect_out_has "--grep TEXT" "session list --help lists --grep"
run completion bash
expect_out_has "--grep" "bash completion offers --grep"

# ---- an encrypted journal: the passphrase opens the notes the other filters let through ---------
secret_file() { printf '%s\n' "$2" >"$WORK/$1" && chmod 600 "$WORK/$1" && echo "$WORK/$1"; }
GOOD=$(secret_file good 'plum-orchard-7 passphrase')
WRONG=$(secret_file wrong 'not the passphrase')
E="$WORK/encrypted/journal.db"
run --journal "$E" init --encrypt --passphrase-file "$GOOD"
expect_rc 0 "an encrypted journal"
run --journal "$E" --passphrase-file "$GOOD" peer add P1
run --journal "$E" --passphrase-file "$GOOD" -q session add --peer P1 --support emotional \
    --duration 30m --date 2026-11-16 --note "Kq-sealed: talked about the COURT date"
run --journal "$E" --passphrase-file "$GOOD" -q session add --peer P1 --support emotional \
    --duration 30m --date 2026-11-09
check '! cat "$E" "$E-wal" 2>/dev/null | grep -qa "Kq-sealed"' "the note is sealed in the journal's files"
run --journal "$E" --passphrase-file "$GOOD" session list --grep "court DATE"
expect_rc 0 "--grep on an encrypted journal with the passphrase"
expect_out_has "Kq-sealed: talked about the COURT date" "finds the sealed note and shows its line"
run --journal "$E" session list --grep court
expect_rc 10 "--grep without the passphrase: exit 10"
expect_err_has "--passphrase-file" "saying how to give it"
expect_eq "$OUT" "" "and showing nothing"
run --journal "$E" --passphrase-file "$WRONG" session list --grep court
expect_rc 10 "a wrong passphrase: exit 10"
expect_out_lacks "Kq-sealed" "shows nothing"
run --journal "$E" session list --grep court --week 2026-W46
expect_rc 0 "a period whose sessions have no note opens nothing, so needs no passphrase"
expect_err_has "no sessions match." "and finds nothing"
run --journal "$E" session list
expect_rc 0 "session list without --grep still needs no passphrase"
cp "$E" "$WORK/keyless.db"
sqlite3 "$WORK/keyless.db" "DELETE FROM journal_key"
run --journal "$WORK/keyless.db" --passphrase-file "$GOOD" session list --grep court
expect_rc 6 "an encrypted journal whose key record is gone: exit 6"
expect_err_has "key record" "naming the key record"
expect_out_lacks "Kq-sealed" "and showing nothing"

finish
