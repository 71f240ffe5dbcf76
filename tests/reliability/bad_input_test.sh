# Bad input: invalid UTF-8, NUL bytes, a 1 MiB note, 10,000 flags, SQL metacharacters, terminal
# escapes, bidi and invisible format characters, DEL and C1 controls in JSON, CSV formula
# prefixes, and dates at and past every boundary. Valid input is stored
# verbatim; invalid input is refused with exit 2 or 3 and a message; nothing ever crashes.
source "$(dirname "$0")/../e2e/lib.sh"
sane=0 runs=0 crashes=0

# Every run is checked for a crash, on top of what each case expects.
eval "$(declare -f run | sed '1s/^run /plain_run /')"
run() {
    plain_run "$@"
    runs=$((runs + 1))
    if [ "$RC" -ge 128 ] || [ "$RC" -eq 1 ]; then
        crashes=$((crashes + 1))
        fail "peerlog ${*:0:6}: crashed or internal error"
    fi
}

# expect_sane WHAT: the last run did not crash: no signal (>= 128), no internal error (1).
expect_sane() {
    if [ "$RC" -ge 128 ] || [ "$RC" -eq 1 ] || [[ "$ERR" == *"internal error"* ]]; then
        fail "$1: crashed or internal error"
    else
        pass
        sane=$((sane + 1))
    fi
}
# note_of ID: the stored note's bytes as hex.
note_hex() { sqlite3 "$JOURNAL" "SELECT hex(note) FROM session WHERE id = $1"; }
# add_note_from FILE: session add with the note read from FILE on stdin; sets RC, OUT, ERR.
add_note_from() {
    "$PEERLOG" session add --peer P1 --support emotional --duration 1h --note - <"$1" \
        >"$WORK/out" 2>"$WORK/err"
    RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
    runs=$((runs + 1))
}
# stored_verbatim FILE WHAT: add FILE as a note; the journal holds exactly its bytes.
stored_verbatim() {
    add_note_from "$1"
    expect_rc 0 "$2: saved"
    expect_sane "$2"
    STORED_ID=$OUT
    expect_eq "$(note_hex "$OUT")" "$(od -An -v -tx1 "$1" | tr -d ' \n' | tr a-f A-F)" \
        "$2: stored byte for byte"
    local id=$STORED_ID
    for format in table json; do
        run session show "$id" --format "$format"
        expect_rc 0 "$2: session show --format $format"
        expect_sane "$2: session show"
    done
    run session list --with-notes --format json
    expect_rc 0 "$2: listed as JSON"
    printf '%s' "$OUT" | jq -e . >/dev/null && pass || fail "$2: the JSON listing parses"
}

run peer add P1
expect_rc 0 "peer add"

# --- bytes: invalid UTF-8, NUL, a 1 MiB note, SQL metacharacters ------------------------------
printf 'bad \xff\xfe lead, \xc3\x28 cut, \xed\xa0\x80 surrogate, \xc0\xaf overlong' >"$WORK/utf8"
stored_verbatim "$WORK/utf8" "invalid UTF-8"
printf 'before\0after\0\0end' >"$WORK/nul"
stored_verbatim "$WORK/nul" "NUL bytes"
head -c 1048576 /dev/urandom | base64 -w 0 | head -c 1048576 >"$WORK/mib"
stored_verbatim "$WORK/mib" "a 1 MiB note"
printf "Robert'); DROP TABLE session; -- \"quoted\" %% _ \\\\ ; SELECT * FROM peer" >"$WORK/sql"
stored_verbatim "$WORK/sql" "SQL metacharacters"
run peer add "P2'; DROP TABLE peer; --"
expect_rc 3 "SQL in a peer code is refused as an invalid code"
expect_sane "SQL in a peer code"
run peer add P3 --referred-by "O'Brien \"clinic\"; DROP TABLE peer; --"
expect_rc 0 "quotes in a referral source are fine"
run peer show P3 --format json
expect_json '.referred_by' "\"O'Brien \\\"clinic\\\"; DROP TABLE peer; --\"" "referral stored verbatim"
for code in "%" "_" "P1' OR '1'='1" "P1%"; do
    run session list --peer "$code"
    expect_sane "session list --peer $code"
    expect_out_lacks "P1" "session list --peer $code matches nothing by pattern"
done
expect_eq "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM peer")" "2" "the peer table is intact"

# --- terminal escapes: stored verbatim, never reach the terminal -------------------------------
printf 'osc52 \e]52;c;SGVsbG8=\a csi \e[31mred\e[0m clear \e[2J bell \a back\rover c1 \xc2\x9b1m del \x7f' \
    >"$WORK/escapes"
stored_verbatim "$WORK/escapes" "terminal escapes"
id=$STORED_ID
run peer add P4 --referred-by "$(printf 'title \e]0;pwned\a \e[2J')"
for command in "session show $id" "session list --with-notes" "peer list" "peer show P4"; do
    run $command
    expect_rc 0 "$command with escapes"
    if printf '%s' "$OUT" | LC_ALL=C grep -aq $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]'; then
        fail "$command prints a control byte from stored text"
    else
        pass
    fi
done
run session show "$id" --format json
expect_eq "$(printf '%s' "$OUT" | jq -j .note | od -An -tx1)" "$(od -An -tx1 "$WORK/escapes")" \
    "JSON carries the escapes escaped, and they decode to the stored bytes"

# --- bidi controls and invisible format characters: shown as <U+XXXX>, never sent -----------------
# Each of U+202A-U+202E, U+2066-U+2069, U+200B-U+200F and U+FEFF, in a note, a name and a group.
hidden_points="202A 202B 202C 202D 202E 2066 2067 2068 2069 200B 200C 200D 200E 200F FEFF"
# 15 characters, so a group's name (up to 64) holds them all; UTF-8 whatever the locale.
hidden_text=$(python3 -c 'import sys
sys.stdout.buffer.write("".join(chr(int(p, 16)) for p in sys.argv[1:]).encode())' $hidden_points)
# no_hidden_in TEXT WHAT: TEXT holds none of them raw, and shows each one as <U+XXXX>.
no_hidden_in() {
    local text=$1 what=$2 point
    if printf '%s' "$text" | LC_ALL=C grep -aq $'\xe2\x80[\x8b-\x8f\xaa-\xae]\|\xe2\x81[\xa6-\xa9]\|\xef\xbb\xbf'; then
        fail "$what: a hidden format character reaches the terminal"
    else
        pass
    fi
    for point in $hidden_points; do
        [[ "$text" == *"<U+$point>"* ]] || { fail "$what: U+$point is not shown as <U+$point>"; return; }
    done
    pass
}
printf 'bidi %s end' "$hidden_text" >"$WORK/hidden"
stored_verbatim "$WORK/hidden" "bidi and invisible format characters"
hidden_id=$STORED_ID
run peer add P5 --name "name $hidden_text"
run group add "g$hidden_text"
expect_rc 0 "a group name with hidden format characters is stored"
run session add --group "g$hidden_text" --attendee P5 --support affiliational --duration 1h
expect_rc 0 "a group session of that group"
for command in "session show $hidden_id" "session list --with-notes" "group list" \
    "peer show P5 --identity" "session list --format csv --with-notes"; do
    run $command
    expect_rc 0 "$command with hidden format characters"
    case $command in
    "session show"* | "session list --with-notes") no_hidden_in "$OUT" "$command" ;;
    "group list") no_hidden_in "$OUT" "group list (table)" ;;
    "peer show"*) no_hidden_in "$OUT" "peer show --identity" ;;
    *csv*) no_hidden_in "$OUT" "CSV" ;;
    esac
done
run session list --format json --with-notes
no_hidden_in "$(printf '%s' "$OUT" | sed 's/\\u\([0-9a-f]\{4\}\)/<U+\U\1>/g')" \
    "JSON escapes each as \\uXXXX"
run session add --group "x$hidden_text" --attendee P5 --support affiliational --duration 1h
expect_rc 4 "an unknown group quoting hidden format characters"
no_hidden_in "$ERR" "the error message quoting the typed group name"

# --- JSON: DEL, C1 controls and invalid UTF-8 escaped, still valid JSON --------------------------
printf 'del \x7f c1 \xc2\x80 \xc2\x9b \xc2\x9f broken \xff\xfe \xc3 end' >"$WORK/json-hostile"
stored_verbatim "$WORK/json-hostile" "DEL, C1 controls and invalid UTF-8"
json_id=$STORED_ID
for command in "session show $json_id --format json" "session list --with-notes --format json" \
    "session list --with-notes --format ndjson"; do
    run $command
    expect_rc 0 "$command"
    if printf '%s' "$OUT" | LC_ALL=C grep -aq $'\x7f\|\xc2[\x80-\x9f]'; then
        fail "$command carries a raw DEL or C1 byte"
    else
        pass
    fi
    expect_out_has '\u007f' "$command escapes DEL as \\u007f"
    expect_out_has '\u009b' "$command escapes C1 CSI as \\u009b"
    printf '%s' "$OUT" | jq -e . >/dev/null && pass || fail "$command: jq parses it"
    printf '%s' "$OUT" | python3 -c 'import json, sys
for line in (sys.stdin.read().splitlines() if "ndjson" in sys.argv[1] else [sys.stdin.read()]):
    json.loads(line)' "$command" && pass || fail "$command: python parses it"
done
run session show "$json_id" --format json
expect_eq "$(printf '%s' "$OUT" | jq -r .note)" \
    "$(printf 'del \x7f c1 \xc2\x80 \xc2\x9b \xc2\x9f broken \xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd end')" \
    "the valid characters decode as stored, each invalid byte as U+FFFD"

# --- CSV formula prefixes: guarded with a leading ' ------------------------------------------
for formula in '=1+2' '+1' '-2' '@SUM(A1)' $'\tcmd' $'\rcmd'; do
    run session add --peer P1 --support emotional --duration 1h --note "$formula"
    expect_rc 0 "note starting with a formula prefix: saved"
done
run session list --with-notes --format csv
for cell in "'=1+2" "'+1" "'-2" "'@SUM(A1)" $'\'\tcmd' "'^Mcmd"; do
    expect_out_has ",$cell," "CSV guards the note cell ${cell@Q}" # the flags column follows
done
for prefix in = + - @; do expect_out_lacks ",$prefix" "no CSV cell starts with $prefix"; done
if printf '%s' "$OUT" | LC_ALL=C grep -aq $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'; then
    fail "CSV carries a control byte from stored text"
else
    pass
fi
run session list --with-notes --format csv
expect_eq "$(tr -dc '\000' <"$WORK/out" | wc -c)" "0" "CSV carries no NUL byte"

# --- 10,000 flags and oversized arguments ------------------------------------------------------
many=()
for ((i = 0; i < 10000; i++)); do many+=(--note x); done
run session add --peer P1 --support emotional --duration 1h "${many[@]}"
expect_rc 2 "10,000 --note flags: a usage error"
expect_sane "10,000 --note flags"
many=()
for ((i = 0; i < 10000; i++)); do many+=(-q); done
run "${many[@]}" session list --week this
expect_rc 0 "10,000 -q flags: fine"
many=()
for ((i = 0; i < 10000; i++)); do many+=("--unknown-$i"); done
run session list "${many[@]}"
expect_rc 2 "10,000 unknown flags: a usage error"
expect_sane "10,000 unknown flags"
run session add --peer P1 --support "$(printf 'emotional,%.0s' {1..10000})emotional" --duration 1h
expect_rc 0 "a support list of 10,001 repeats is one kind"
expect_sane "a support list of 10,001 repeats"
run peer add "$(printf 'P%.0s' {1..100000})"
expect_rc 3 "a 100,000-character peer code is refused"
for duration in 0 1441 24h1m 99999999999 1e9 nan -5 1.5m 0.001h "" "1h 30m" h m 1m1h; do
    run session add --peer P1 --support emotional --duration "$duration"
    expect_rc 3 "duration ${duration@Q} is refused"
    expect_err_has "invalid" "duration ${duration@Q}: the message"
done
for id in 99999999999999999999 -1 0 0x10 1e3 ""; do
    run session show "$id"
    expect_sane "session show ${id@Q}"
    [[ "$RC" == 2 || "$RC" == 4 ]] && pass || fail "session show ${id@Q}: usage or not found"
done

# --- dates at and past every boundary -----------------------------------------------------------
date_ok() { # date_ok FLAG VALUE STORED_COLUMN EXPECTED
    run session add --peer P1 --support emotional --duration 1h "$1" "$2"
    expect_rc 0 "$1 $2 is accepted"
    expect_eq "$(sqlite3 "$JOURNAL" "SELECT $3 FROM session WHERE id = ${OUT:-0}")" "$4" "$1 $2 stored"
}
date_refused() { # date_refused FLAG VALUE
    run session add --peer P1 --support emotional --duration 1h "$1" "$2"
    expect_rc 3 "$1 ${2@Q} is refused"
    expect_err_has "invalid" "$1 ${2@Q}: the message"
}
date_ok --date 2024-02-29 date 2024-02-29
date_ok --date 2000-02-29 date 2000-02-29
date_ok --date 1900-01-01 date 1900-01-01
date_ok --follow-up 9999-12-31 follow_up 9999-12-31
for bad in 2026-02-29 2025-02-29 1900-02-29 2026-02-30 2026-04-31 2026-13-01 2026-00-10 2026-01-00 \
    1899-12-31 0000-01-01 10000-01-01 2026-1-1 20261118 2026-11-18T10:00 ２０２６-11-18 "" " "; do
    date_refused --date "$bad"
done
date_refused --date 9999-12-31 # in the future
date_refused --follow-up 10000-01-01
for week in 2025-W53 2026-W54 2026-W00 2026-W 1899-W52 9999-W52 2026W47 2026-W4x; do
    run report summary --week "$week"
    expect_rc 3 "week $week is refused"
    expect_sane "week $week"
done
# Week 53 holds the sessions of its seven days across the new year.
PEERLOG_TODAY=2027-01-05
for day in 2020-12-27 2020-12-28 2021-01-03 2021-01-04 2026-12-27 2026-12-28 2027-01-03 2027-01-04; do
    run session add --peer P3 --support informational --duration 30m --date "$day"
done
export PEERLOG_TODAY
run report summary --week 2020-W53 --format json
expect_json '.totals.sessions' '2' "2020-W53 holds 2020-12-28 to 2021-01-03"
run export --week 2026-W53
expect_json '[.sessions[].date]' '["2026-12-28","2027-01-03"]' "2026-W53 holds 2026-12-28 to 2027-01-03"
PEERLOG_TODAY=2026-11-18
# DST change days: a wall-clock start that does not exist (spring) or happens twice (autumn) in
# the local zone is stored as typed; days still count as one each.
for zone_day in America/New_York:2026-03-08 America/New_York:2026-11-01 Europe/Berlin:2026-03-29 \
    Europe/Berlin:2026-10-25 Australia/Lord_Howe:2026-04-05; do
    zone=${zone_day%%:*} day=${zone_day#*:}
    TZ=$zone run session add --peer P1 --support emotional --duration 1h --date "$day" --start 02:30
    expect_rc 0 "$zone DST day $day: saved"
    expect_eq "$(sqlite3 "$JOURNAL" "SELECT date || ' ' || start_time FROM session WHERE id = ${OUT:-0}")" \
        "$day 02:30" "$zone DST day $day: stored as typed"
    TZ=$zone PEERLOG_TODAY=$(date -d "$day + 1 day" +%F) run session list --from yesterday --to today --format json
    expect_json "[.[] | select(.start == \"02:30\") | .date] | unique" "[\"$day\"]" \
        "$zone DST day $day: 'yesterday' is the day before"
done

# Nothing above left the journal damaged.
expect_eq "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" "ok" "integrity after all of it"
echo "RESULT bad input: $passed checks passed, $failed failed; $runs runs, $crashes crashed" \
    "(invalid UTF-8, NUL, 1 MiB note, 10,000 flags, SQL, escapes, bidi and invisible" \
    "characters, JSON controls, CSV formulas, boundary dates)"
finish
