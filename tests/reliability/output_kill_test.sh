# SIGKILL while peerlog writes a file: 240 runs of `export -o`, `export --identified -o` (json and
# xlsx) and `backup --force`, each killed at a seeded random instant across its run, half of them
# to a new name and half over the file a run before left. After each kill: no file left beside
# the target (no .peerlog-* temporary, no private directory), no workbook data in TMPDIR (an
# xlsx scratch directory a kill left holds no file with a byte in it, and the next xlsx run
# removes it), and never a new file without its record (export event, disclosure row, backup
# event); a record without a file (killed after the commit, before the name) is allowed and
# counted. The journal passes integrity_check and its audit trail verifies at the end.
source "$(dirname "$0")/../e2e/lib.sh"
RANDOM=6027
kills=${KILLS:-240}

run peer add P1 --name "Alex Quillfeather" --contact "555-0101"
for day in 16 17 18; do
    run session add --peer P1 --support emotional --duration 45m --date "2026-11-$day" \
        --note "note of the $day: $(printf 'x%.0s' {1..400})"
done
run consent add P1 --recipient "Dr Lee" --purpose "care coordination" --info "name and notes" \
    --share contact,attendance,notes \
    --signed 2026-11-01 --expires 2027-11-01
expect_rc 0 "a journal with a consenting peer"
OUTDIR="$WORK/outputs"
mkdir "$OUTDIR"

commands=(export identified identified-xlsx backup)
# start KIND TARGET: runs KIND writing TARGET in the background; sets PID (peerlog's own: the
# subshell execs it, so the kill reaches peerlog and nothing else).
start() {
    local args
    case $1 in
    export) args=(export --week this -o "$2") ;;
    identified) args=(export --week this --identified --recipient "Dr Lee" -o "$2") ;;
    identified-xlsx)
        args=(export --week this --identified --recipient "Dr Lee" --format xlsx -o "$2") ;;
    backup) args=(backup "$2" --force) ;;
    esac
    (exec "$PEERLOG" "${args[@]}" </dev/null >/dev/null 2>&1) &
    PID=$!
}
# records: export events, disclosure rows, backup events, as one line.
records() {
    sqlite3 "$JOURNAL" "SELECT (SELECT count(*) FROM audit_event WHERE action = 'export'),
        (SELECT count(*) FROM disclosure), (SELECT count(*) FROM audit_event WHERE action =
        'backup')" | tr '|' ' '
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# whole_workbook FILE DISCLOSURE: FILE is a whole xlsx carrying that disclosure id and the three
# sessions.
whole_workbook() {
    python3 "$PEERLOG_SOURCE_DIR/tests/e2e/tools/xlsx_cells.py" "$1" >"$WORK/cells" 2>/dev/null &&
        grep -qP "^Disclosure!B8\ttext\t$2\t" "$WORK/cells" &&
        [ "$(grep -cP '^Identified records!D\d+\ttext\tsession\t' "$WORK/cells")" -eq 3 ]
}
# A whole run of each, to spread the kills over its length.
declare -A length
for kind in "${commands[@]}"; do
    started=$(now_ms)
    start "$kind" "$OUTDIR/measure-$kind"
    wait "$PID"
    length[$kind]=$(($(now_ms) - started + 10))
    rm -f "$OUTDIR/measure-$kind"
done

killed=0 completed=0 leftovers=0 without_record=0 without_file=0 broken=0 watcher_ms=0
scratch_kept=0 scratch_bytes=0
for ((i = 1; i <= kills; i++)); do
    kind=${commands[i % 4]}
    if ((RANDOM % 2)); then target="$OUTDIR/$kind-kept"; else target="$OUTDIR/$kind-$i"; fi
    inode_before=$(stat -c %i "$target" 2>/dev/null || echo none)
    read -r exports_before disclosures_before backups_before <<<"$(records)"
    delay=$((RANDOM * 32768 + RANDOM))
    delay=$((delay % (length[$kind] * 13 / 10 + 1)))
    start "$kind" "$target"
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL "$PID" 2>/dev/null
    { wait "$PID"; } 2>/dev/null # no "Killed" job notice
    if [ $? -eq 137 ]; then killed=$((killed + 1)); else completed=$((completed + 1)); fi
    # A temporary name can exist only between two system calls; the watching process that
    # removes it should we die there needs a moment.
    waited=0
    while [ -n "$(find "$OUTDIR" -mindepth 1 -name '.peerlog-*' -print -quit)" ] && ((waited < 3000)); do
        sleep 0.01
        waited=$((waited + 10))
    done
    ((waited > watcher_ms)) && watcher_ms=$waited
    left=$(find "$OUTDIR" -mindepth 1 -name '.peerlog-*' | wc -l)
    leftovers=$((leftovers + left))
    ((left == 0)) || fail "kill $i ($kind after ${delay} ms): $left files left beside the target"
    # What an xlsx run killed mid-write leaves in TMPDIR: at most its scratch directory, with no
    # byte of the workbook in it (the workbook is written to a file that has no name).
    scratch_kept=$((scratch_kept + $(find "$TMPDIR" -mindepth 1 -maxdepth 1 -name "peerlog-xlsx.$PID.*" | wc -l)))
    bytes=$(find "$TMPDIR" -type f -size +0 -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }')
    scratch_bytes=$((scratch_bytes + bytes))
    ((bytes == 0)) || fail "kill $i ($kind after ${delay} ms): $bytes bytes left in TMPDIR"
    read -r exports_after disclosures_after backups_after <<<"$(records)"
    case $kind in
    export) recorded=$((exports_after - exports_before)) ;;
    identified*) recorded=$((disclosures_after - disclosures_before)) ;;
    backup) recorded=$((backups_after - backups_before)) ;;
    esac
    inode_after=$(stat -c %i "$target" 2>/dev/null || echo none)
    new_file=0
    [ "$inode_after" != none ] && [ "$inode_after" != "$inode_before" ] && new_file=1
    if ((new_file && recorded == 0)); then
        without_record=$((without_record + 1))
        fail "kill $i ($kind after ${delay} ms): a new file with no record"
    fi
    ((recorded == 1 && !new_file)) && without_file=$((without_file + 1))
    if ((new_file)); then
        case $kind in
        export) jq -e '.totals.sessions == 3' "$target" >/dev/null ;;
        identified) [ "$(jq .disclosure "$target")" = "$disclosures_after" ] &&
            jq -e '.peers[0].sessions | length == 3' "$target" >/dev/null ;;
        identified-xlsx) whole_workbook "$target" "$disclosures_after" ;;
        backup) [ "$(sqlite3 "$target" 'PRAGMA integrity_check')" = ok ] ;;
        esac || {
            broken=$((broken + 1))
            fail "kill $i ($kind after ${delay} ms): the file named is not whole"
        }
    fi
    if ((i % 50 == 0)); then
        expect_eq "$(sqlite3 "$JOURNAL" 'PRAGMA integrity_check')" "ok" "integrity after $i kills"
    fi
done
expect_eq "$leftovers" "0" "no file was ever left beside a target"
expect_eq "$without_record" "0" "no file was ever named without its record"
expect_eq "$broken" "0" "every file named was whole"
check_files=$(find "$OUTDIR" -mindepth 1 | grep -v -E '/(export|identified|identified-xlsx|backup)-(kept|[0-9]+)$' | wc -l)
expect_eq "$check_files" "0" "nothing else in the output directory"
run export --week this --identified --recipient "Dr Lee" --format xlsx -o "$WORK/last.xlsx"
expect_rc 0 "an xlsx run left alone"
expect_eq "$(ls -A "$TMPDIR" | wc -l)" "0" "and it removed every xlsx scratch directory a kill left"
run audit verify
expect_rc 0 "the audit trail verifies after $kills kills"
expect_eq "$(sqlite3 "$JOURNAL" 'PRAGMA integrity_check')" "ok" "the journal passes integrity_check"
read -r exports disclosures backups <<<"$(records)"

echo "RESULT output kills: $kills SIGKILLs of export -o, export --identified -o (json and xlsx)" \
    "and backup (runs of ${length[export]}/${length[identified]}/${length[identified-xlsx]}/${length[backup]}" \
    "ms): $killed mid-run, $completed completed; $leftovers files left, $scratch_bytes bytes left" \
    "in TMPDIR ($scratch_kept empty xlsx scratch directories left by kills, all removed by" \
    "later xlsx runs), $without_record files without a record," \
    "$without_file records without a file (killed between commit and name), $broken files" \
    "not whole; $exports export events, $disclosures disclosures, $backups backups; longest" \
    "wait for the watching process ${watcher_ms} ms"
finish
