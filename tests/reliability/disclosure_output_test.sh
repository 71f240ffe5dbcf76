# An identified export or report is recorded as a disclosure if and only if its output file was
# produced: a write that fails (file size limit, json, text or xlsx; full disk, a directory or a
# named pipe as the target) leaves no disclosure row, no disclosure audit event and no file; a
# successful one leaves exactly one.
source "$(dirname "$0")/../e2e/lib.sh"

# disclosures / disclosure_events: what the journal holds (read with sqlite3, not peerlog).
disclosures() { sqlite3 "$JOURNAL" "SELECT count(*) FROM disclosure"; }
disclosure_events() { sqlite3 "$JOURNAL" "SELECT count(*) FROM audit_event WHERE action LIKE 'disclosure%'"; }
# leftovers DIR: temporary output files left in DIR.
leftovers() { find "$1" -maxdepth 1 -name '.peerlog-*' | wc -l; }
# limited LIMIT_BLOCKS ARGS...: runs peerlog under `ulimit -f` (in kB); a write past
# the limit fails with EFBIG instead of killing peerlog.
limited() {
    local blocks=$1
    shift
    (
        trap '' XFSZ
        ulimit -f "$blocks"
        "$PEERLOG" "$@" </dev/null >"$WORK/out" 2>"$WORK/err"
        echo $? >"$WORK/rc"
    )
    RC=$(cat "$WORK/rc") OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
}

run peer add P1 --name "Alex Quillfeather" --contact "555-0101"
run session add --peer P1 --support emotional --duration 45m --date 2026-11-17 --note "a note"
run consent add P1 --recipient "Dr Lee" --purpose "care coordination" --info "name and notes" --share contact,attendance,support,notes \
    --signed 2026-11-01 --expires 2027-11-01
expect_rc 0 "consent for P1"
# A 200 kB notice makes every identified output larger than the 128 kB limit below, while the
# disclosure's own rows stay a few pages of the journal's WAL.
mkdir -p "$XDG_CONFIG_HOME/peerlog"
printf '[privacy]\nredisclosure_notice = "%s"\n' "$(printf 'N%.0s' $(seq 1 200000))" \
    >"$XDG_CONFIG_HOME/peerlog/config.toml"
mkdir -p "$WORK/exports"
limit=128 # kB
failures=0

# --- a file size limit: the export and the report fail to write; nothing is recorded ---------
limited $limit export --week this --identified --recipient "Dr Lee" -o "$WORK/exports/e.json"
expect_rc 8 "file size limit: identified export fails with the I/O exit code"
expect_err_has "Nothing was written" "file size limit: the export's message says so"
expect_eq "$(disclosures)" "0" "file size limit: no disclosure row for the failed export"
expect_eq "$(disclosure_events)" "0" "file size limit: no disclosure event for the failed export"
[ "$RC" -eq 8 ] && failures=$((failures + 1))
limited $limit report summary --week this --identified --recipient "Dr Lee" \
    -o "$WORK/exports/r.md"
expect_rc 8 "file size limit: identified report fails with the I/O exit code"
expect_eq "$(disclosures)" "0" "file size limit: no disclosure row for the failed report"
expect_eq "$(disclosure_events)" "0" "file size limit: no disclosure event for the failed report"
[ "$RC" -eq 8 ] && failures=$((failures + 1))
[ ! -e "$WORK/exports/e.json" ] && [ ! -e "$WORK/exports/r.md" ] && pass ||
    fail "file size limit: no output file"
expect_eq "$(leftovers "$WORK/exports")" "0" "file size limit: no temporary file left"
run audit verify
expect_rc 0 "file size limit: the audit chain still verifies"
expect_eq "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" "ok" "file size limit: integrity"

# --- xlsx: a notice longer than a cell holds is refused, never cut; a workbook past the limit
# fails to write, its scratch file included; nothing is recorded -----------------------------
limited $limit export --week this --identified --recipient "Dr Lee" --format xlsx \
    -o "$WORK/exports/e.xlsx"
expect_rc 2 "xlsx: a 200 kB notice does not fit a spreadsheet cell: refused"
expect_err_has "longer than a spreadsheet cell holds" "xlsx: the message says why"
expect_eq "$(disclosures)/$(disclosure_events)" "0/0" "xlsx, notice too long: nothing recorded"
cp "$XDG_CONFIG_HOME/peerlog/config.toml" "$WORK/long-notice.toml"
# 30,000 characters of random text: fits its cell, and no zip shrinks it below the limit.
printf '[privacy]\nredisclosure_notice = "%s"\n' "$(head -c 22500 /dev/urandom | base64 -w0)" \
    >"$XDG_CONFIG_HOME/peerlog/config.toml"
# And four notes of random text: a workbook of some 120 kB, past the limit below (which leaves
# room for the journal's 32 kB shared-memory file).
for day in 16 17 18 18; do
    run session add --peer P1 --support emotional --duration 30m --date "2026-11-$day" \
        --note "$(head -c 22000 /dev/urandom | base64 -w0)"
done
xlsx_limit=64 # kB
for command in export "report summary"; do
    limited $xlsx_limit $command --week this --identified --recipient "Dr Lee" --format xlsx \
        -o "$WORK/exports/x.xlsx"
    expect_rc 8 "file size limit: identified xlsx $command fails with the I/O exit code"
    # libxlsxwriter does not check its own writes: the workbook is read back and found cut short.
    expect_err_has "was cut short" "file size limit: xlsx $command: the cut-short part is found"
    expect_eq "$(disclosures)/$(disclosure_events)" "0/0" "xlsx $command past the limit: nothing recorded"
    [ "$RC" -eq 8 ] && failures=$((failures + 1))
done
[ ! -e "$WORK/exports/x.xlsx" ] && pass || fail "file size limit: no workbook"
expect_eq "$(ls -A "$TMPDIR" | wc -l)" "0" "file size limit: no workbook scratch left"
cp "$XDG_CONFIG_HOME/peerlog/config.toml" "$WORK/random-notice.toml"
cp "$WORK/long-notice.toml" "$XDG_CONFIG_HOME/peerlog/config.toml"

# --- a directory as the target: refused before anything is recorded --------------------------
run export --week this --identified --recipient "Dr Lee" -o "$WORK/exports"
expect_rc 8 "a directory as the output: refused"
expect_err_has "is a directory" "a directory as the output: the message says so"
expect_eq "$(disclosures)" "0" "a directory as the output: no disclosure row"
[ "$RC" -eq 8 ] && failures=$((failures + 1))

# --- a full disk (a small tmpfs for the output, when this machine lets us mount one) ---------
full_disk="not mountable here"
mkdir -p "$WORK/full"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k,mode=0777 tmpfs "$WORK/full" 2>/dev/null; then
    trap 'umount "$WORK/full" 2>/dev/null; rm -rf "$WORK"' EXIT
    full_disk="a 64 kB tmpfs"
    run export --week this --identified --recipient "Dr Lee" --format csv -o "$WORK/full/e.csv"
    expect_rc 8 "full disk: identified export fails"
    expect_eq "$(disclosures)" "0" "full disk: no disclosure row"
    expect_eq "$(disclosure_events)" "0" "full disk: no disclosure event"
    expect_eq "$(find "$WORK/full" -type f | wc -l)" "0" "full disk: no file, no temporary file"
    [ "$RC" -eq 8 ] && failures=$((failures + 1))
    umount "$WORK/full"
fi

# --- into a named pipe: refused before anything is recorded, and never opened (a pipe's
# reader, whoever made it, would get identified records the trail says went to "Dr Lee") ------
mkfifo "$WORK/pipe"
timeout 5 cat "$WORK/pipe" >"$WORK/from-pipe" &
reader=$!
run export --week this --identified --recipient "Dr Lee" -o "$WORK/pipe"
expect_rc 8 "into a pipe: refused"
expect_eq "$(disclosures)" "0" "into a pipe: no disclosure recorded"
wait "$reader"
expect_eq "$(wc -c <"$WORK/from-pipe")" "0" "into a pipe: its reader got nothing"
[ -p "$WORK/pipe" ] && pass || fail "into a pipe: the pipe stays a pipe"
[ "$RC" -eq 8 ] && failures=$((failures + 1))

recorded_by_failures=$(disclosures)

# --- with room: each export and report is recorded exactly once -----------------------------
limited $((limit * 8)) export --week this --identified --recipient "Dr Lee" \
    -o "$WORK/exports/e.json"
expect_rc 0 "with room: identified export"
expect_eq "$(disclosures)" "1" "with room: exactly one disclosure row"
expect_eq "$(disclosure_events)" "1" "with room: exactly one disclosure event"
expect_eq "$(jq .disclosure "$WORK/exports/e.json")" \
    "$(sqlite3 "$JOURNAL" "SELECT max(id) FROM disclosure")" "the file carries the recorded id"
expect_eq "$(jq -c '[.audit_head.id + 1, .audit_head.hash]' "$WORK/exports/e.json")" \
    "$(sqlite3 "$JOURNAL" "SELECT json_array(id, prev_hash) FROM audit_event WHERE action = 'disclosure'")" \
    "and the chain head of its snapshot, which the disclosure's event follows"
expect_eq "$(stat -c %a "$WORK/exports/e.json")" "600" "the export is private"
run report summary --week this --identified --recipient "Dr Lee" -o "$WORK/exports/r.md"
expect_rc 0 "with room: identified report"
expect_eq "$(disclosures)" "2" "with room: one more disclosure row for the report"
expect_eq "$(disclosure_events)" "2" "with room: one more disclosure event"
cp "$WORK/random-notice.toml" "$XDG_CONFIG_HOME/peerlog/config.toml"
limited $((xlsx_limit * 8)) export --week this --identified --recipient "Dr Lee" --format xlsx \
    -o "$WORK/exports/x.xlsx"
expect_rc 0 "with room: the identified xlsx export"
expect_eq "$(disclosures)/$(disclosure_events)" "3/3" "with room: one more disclosure, one event"
expect_eq "$(stat -c %a "$WORK/exports/x.xlsx")" "600" "the workbook is private"
expect_eq "$(leftovers "$WORK/exports")" "0" "with room: no temporary file left"
run audit verify
expect_rc 0 "the audit chain verifies"

echo "RESULT disclosure output: $failures failed identified outputs (file size limit for" \
    "json, text and 2 xlsx, a directory, full disk: $full_disk, a named pipe) and an xlsx" \
    "refused for a notice longer than a cell recorded $recorded_by_failures disclosures; 3" \
    "written files (json, text, xlsx) recorded $(($(disclosures) - recorded_by_failures))"
finish
