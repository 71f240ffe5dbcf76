# Hostile files: another user on the machine plants symbolic links, FIFOs and hard links where
# peerlog writes (-o, backup, drafts); the user points -o at the journal by every name; SIGTERM
# and SIGHUP reach peerlog while the editor is open or a dry-run import checks its rows. Nothing
# is ever written through a link another user controls, into a pipe, or over the journal; no
# disclosure is recorded for an output refused; no scratch file is left behind.
# As root, the user is `nobody` (65534) and the other user an unused uid, both via setpriv.
source "$(dirname "$0")/../e2e/lib.sh"

two_users=no
victim=() attacker=()
if [ "$(id -u)" -eq 0 ]; then
    two_users=yes
    other=64123
    while getent passwd "$other" >/dev/null; do other=$((other + 1)); done
    victim=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    attacker=(setpriv --reuid="$other" --regid="$other" --clear-groups)
fi
chmod 711 "$WORK"
V="$WORK/victim" A="$WORK/attacker" SHARED="$WORK/shared" TEAM="$WORK/team"
mkdir -m 700 "$V" && mkdir -m 755 "$A" && mkdir -m 1777 "$SHARED" && mkdir -m 777 "$TEAM"
if [ "$two_users" = yes ]; then chown 65534:65534 "$V" && chown "$other:$other" "$A"; fi
as_victim() {
    env HOME="$V" XDG_DATA_HOME="$V/data" XDG_STATE_HOME="$V/state" XDG_CONFIG_HOME="$V/config" \
        TMPDIR="$V/tmp" "${victim[@]}" "$@"
}
# victim_in_background ARGS...: as_victim in the background, its pid in PID (exec, so the pid is
# peerlog's own, not a subshell's).
victim_in_background() {
    (exec env HOME="$V" XDG_DATA_HOME="$V/data" XDG_STATE_HOME="$V/state" \
        XDG_CONFIG_HOME="$V/config" TMPDIR="$V/tmp" "${victim[@]}" "$@" </dev/null >/dev/null 2>&1) &
    PID=$!
}
as_attacker() { "${attacker[@]}" "$@"; }
as_victim mkdir -m 700 "$V/tmp" "$V/out"
VJ="$V/data/peerlog/journal.db"
# runv ARGS...: peerlog as the victim; sets OUT, ERR and RC.
runv() {
    as_victim "$PEERLOG" "$@" </dev/null >"$WORK/out" 2>"$WORK/err"
    RC=$?
    OUT=$(cat "$WORK/out")
    ERR=$(cat "$WORK/err")
}
check() { if eval "$1"; then pass; else fail "$2"; fi; }
content() { as_victim sqlite3 "$VJ" ".dump" | sha256sum | cut -d' ' -f1; }
disclosures() { as_victim sqlite3 "$VJ" "SELECT count(*) FROM disclosure"; }

runv peer add P1 --name "Alex Quillfeather" --contact "555-0101"
runv session add --peer P1 --support emotional --duration 45m --note "victim-note-7731"
runv consent add P1 --recipient "Dr Lee" --purpose "care coordination" --info "name and notes" \
    --share contact,attendance,notes \
    --signed 2026-11-01 --expires 2027-11-01
expect_rc 0 "the victim's journal with a consenting peer"
as_victim sh -c "printf 'the victim'\"'\"'s own file\\n' >'$V/secret.txt'"
secret=$(cat "$V/secret.txt")
refusals=0 # outputs refused
# refused WHAT CODE: the last run exited CODE, wrote nothing the victim owns, disclosed nothing.
refused() {
    expect_rc "$2" "$1: refused"
    expect_eq "$(cat "$V/secret.txt")" "$secret" "$1: the victim's file is untouched"
    expect_eq "$(disclosures)" "0" "$1: no disclosure recorded"
    [ "$RC" -eq "$2" ] && refusals=$((refusals + 1))
}
# every_output TARGET CODE WHAT: export, identified export (json and xlsx), report, identified
# report (text and xlsx) and backup to TARGET all refused with CODE.
every_output() {
    local target=$1 code=$2 what=$3
    runv export --week this -o "$target"
    refused "$what: export" "$code"
    runv export --week this --identified --recipient "Dr Lee" -o "$target"
    refused "$what: identified export" "$code"
    runv export --week this --identified --recipient "Dr Lee" --format xlsx -o "$target"
    refused "$what: identified xlsx export" "$code"
    runv report summary --week this -o "$target"
    refused "$what: report summary" "$code"
    runv report summary --week this --identified --recipient "Dr Lee" -o "$target"
    refused "$what: identified report" "$code"
    runv report summary --week this --identified --recipient "Dr Lee" --format xlsx -o "$target"
    refused "$what: identified xlsx report" "$code"
    runv backup "$target" --force
    refused "$what: backup" "$code"
}

# --- links another user planted ---------------------------------------------------------------
planted=0
if [ "$two_users" = yes ]; then
    as_attacker ln -s "$V/secret.txt" "$SHARED/weekly.json"
    every_output "$SHARED/weekly.json" 8 "a link another user planted in a sticky directory"
    expect_err_has "owned by another user (uid $other)" "the refusal names the link's owner"
    as_attacker ln -s "$VJ" "$SHARED/journal-link.json"
    every_output "$SHARED/journal-link.json" 8 "another user's link to the journal"
    as_attacker ln -s "$V" "$SHARED/victim-home"
    every_output "$SHARED/victim-home/secret.txt" 8 "another user's link as a directory component"
    as_attacker ln -s "$V/secret.txt" "$A/planted.json" # in a directory that is not sticky
    every_output "$A/planted.json" 8 "another user's link in their own directory"
    [ -L "$SHARED/weekly.json" ] && [ -L "$A/planted.json" ] && pass || fail "the links are left as they were"
    planted=4
fi
# The victim's own link in a sticky world-writable directory is not followed either: anyone
# could have put it there as far as the rule goes (protected_symlinks).
as_victim ln -s "$V/out/mine.json" "$SHARED/mine.json"
runv export --week this -o "$SHARED/mine.json"
refused "the victim's own link in a sticky directory" 8
expect_err_has "a directory anyone may write to" "the refusal says why"
check '[ ! -e "$V/out/mine.json" ]' "nothing was written where it points"
# The victim's own link in a shared directory that is not sticky is followed (as today) ...
as_victim ln -s "$V/out/team-weekly.json" "$TEAM/weekly.json"
runv export --week this -o "$TEAM/weekly.json"
expect_rc 0 "the victim's own link in a non-sticky directory is followed"
check '[ -L "$TEAM/weekly.json" ] && jq -e .totals "$V/out/team-weekly.json" >/dev/null' \
    "the link stays and the file it names holds the export"
if [ "$two_users" = yes ]; then
    # ... until the other user, who may rename in that directory, puts their own in its place.
    as_attacker rm -f "$TEAM/weekly.json"
    as_attacker ln -s "$V/secret.txt" "$TEAM/weekly.json"
    every_output "$TEAM/weekly.json" 8 "another user's link put in place of ours"
fi

# --- FIFOs: never opened, so their reader gets nothing ----------------------------------------
fifo_owner=(as_victim)
[ "$two_users" = yes ] && fifo_owner=(as_attacker)
readers=()
chmod 777 "$WORK" # for the readers' output files
for name in export identified identified-xlsx report identified-report identified-report-xlsx \
    backup; do
    "${fifo_owner[@]}" mkfifo -m 666 "$SHARED/$name.fifo"
    "${fifo_owner[@]}" sh -c "timeout 6 cat '$SHARED/$name.fifo' >'$WORK/got-$name' 2>/dev/null" &
    readers+=($!)
done
runv export --week this -o "$SHARED/export.fifo"
refused "a FIFO at -o (export)" 8
expect_err_has "is a named pipe (FIFO), not a regular file" "the refusal says it is a FIFO"
runv export --week this --identified --recipient "Dr Lee" -o "$SHARED/identified.fifo"
refused "a FIFO at -o (identified export)" 8
runv report summary --week this -o "$SHARED/report.fifo"
refused "a FIFO at -o (report)" 8
runv report summary --week this --identified --recipient "Dr Lee" -o "$SHARED/identified-report.fifo"
refused "a FIFO at -o (identified report)" 8
runv export --week this --identified --recipient "Dr Lee" --format xlsx \
    -o "$SHARED/identified-xlsx.fifo"
refused "a FIFO at -o (identified xlsx export)" 8
runv report summary --week this --identified --recipient "Dr Lee" --format xlsx \
    -o "$SHARED/identified-report-xlsx.fifo"
refused "a FIFO at -o (identified xlsx report)" 8
runv backup "$SHARED/backup.fifo" --force
refused "a FIFO as the backup" 8
wait "${readers[@]}"
chmod 711 "$WORK"
arrived=$(cat "$WORK"/got-* | wc -c)
expect_eq "$arrived" "0" "the FIFOs' readers got nothing (waited 6 s each, in parallel)"
as_victim mkfifo "$V/out/own.fifo"
runv export --week this --identified --recipient "Dr Lee" -o "$V/out/own.fifo"
refused "the victim's own FIFO" 8
runv export --week this --identified --recipient "Dr Lee" --format xlsx -o "$V/out/own.fifo"
refused "the victim's own FIFO (xlsx)" 8
check '[ -z "$(ls -A "$V/tmp")" ]' "no workbook scratch left by the refused xlsx outputs"

# --- a hard link another user made to the victim's file ---------------------------------------
hard_link="not tried (needs two users)"
if [ "$two_users" = yes ]; then
    as_victim mkdir -m 755 "$V/pub"
    chmod 711 "$V"
    # World-writable, so that even protected_hardlinks lets the other user link it.
    as_victim sh -c "echo published >'$V/pub/report.json' && chmod 666 '$V/pub/report.json'"
    if as_attacker ln "$V/pub/report.json" "$SHARED/report.json" 2>/dev/null; then
        runv report summary --week this -o "$SHARED/report.json"
        expect_rc 0 "a hard link to the victim's own file: its name is replaced"
        expect_eq "$(cat "$V/pub/report.json")" "published" "the file it linked to is untouched"
        check '! as_attacker cat "$SHARED/report.json" >/dev/null 2>&1' \
            "the new file is the victim's, 0600: the other user cannot read it"
        hard_link="replaced by name, the linked file untouched"
    else
        hard_link="refused by the kernel (protected_hardlinks)"
    fi
    chmod 700 "$V"
fi

# --- a draft, where the drafts directory was reached through another user's link -------------
if [ "$two_users" = yes ]; then
    chmod 777 "$A"
    as_attacker mkdir -m 777 "$A/loot"
    as_attacker ln -s "$A/loot" "$SHARED/state"
    env XDG_STATE_HOME="$SHARED/state" HOME="$V" XDG_DATA_HOME="$V/data" TMPDIR="$V/tmp" \
        "${victim[@]}" "$PEERLOG" session add --peer P1 --support emotional --duration 30m \
        --note "draft-secret-4410" --bogus-flag </dev/null >/dev/null 2>"$WORK/err"
    ERR=$(cat "$WORK/err")
    expect_err_has "could not be kept as a draft either" "the draft is not written through the link"
    check '! grep -rq "draft-secret-4410" "$A" "$SHARED" 2>/dev/null' \
        "the note is nowhere the other user can reach"
    chmod 755 "$A"
fi

# --- the journal, by every name --------------------------------------------------------------
journal_before=$(content)
as_victim ln -s "$VJ" "$V/out/journal-link.json"
as_victim ln "$VJ" "$V/out/journal-hard.json"
namings=0
for target in "$VJ" "$V/data/peerlog/../peerlog/journal.db" "$V/out/../data/peerlog/./journal.db" \
    "$V/out/journal-link.json" "$V/out/journal-hard.json" "$VJ-wal" "$VJ-shm" "$VJ-journal"; do
    every_output "$target" 2 "the journal as $target"
    expect_err_has "$VJ" "the refusal names the journal ($target)"
    namings=$((namings + 1))
done
# Relative to the journal's own directory.
(
    cd "$V/data/peerlog" &&
        as_victim "$PEERLOG" export --week this -o journal.db </dev/null >/dev/null 2>"$WORK/err"
    echo $? >"$WORK/rc"
)
RC=$(cat "$WORK/rc")
refused "the journal as a relative path" 2
namings=$((namings + 1))
expect_eq "$(content)" "$journal_before" "the journal holds what it held before all of these"
runv session list
expect_rc 0 "and every later command still works"
runv audit verify
expect_rc 0 "and its audit trail verifies"

# --- SIGTERM, SIGHUP and SIGINT while the editor has the note open ----------------------------
printf '#!/bin/sh\necho $$ >"%s/editor.pid"\nexec sleep 30\n' "$WORK" >"$WORK/slow-editor"
chmod 755 "$WORK/slow-editor"
chmod 777 "$WORK"
scratch_left=0
# editor_killed SIGNAL STATUS: peerlog with the note in the editor gets SIGNAL; it ends with
# STATUS and leaves nothing in its TMPDIR.
editor_killed() {
    local signal=$1 status=$2
    rm -f "$WORK/editor.pid"
    EDITOR="$WORK/slow-editor" victim_in_background "$PEERLOG" session add --peer P1 \
        --support emotional --duration 30m --editor
    local pid=$PID
    for _ in $(seq 100); do [ -s "$WORK/editor.pid" ] && break; sleep 0.1; done
    check '[ -n "$(ls -A "$V/tmp")" ]' "SIG$signal: the note file exists while the editor runs"
    kill -"$signal" "$pid"
    if [ "$signal" = INT ]; then
        sleep 0.3 # peerlog ignores it while the editor runs; the editor then ends
        kill -TERM "$(cat "$WORK/editor.pid")"
    fi
    { wait "$pid"; } 2>/dev/null # no "Hangup" job notice
    expect_eq "$?" "$status" "SIG$signal: peerlog ends with status $status"
    kill -TERM "$(cat "$WORK/editor.pid")" 2>/dev/null
    check '[ -z "$(ls -A "$V/tmp")" ]' "SIG$signal: no note file or directory is left"
    scratch_left=$((scratch_left + $(ls -A "$V/tmp" | wc -l)))
}
editor_killed TERM 143
editor_killed HUP 129
editor_killed INT 11 # the editor got it: peerlog cancels (exit 11) and removes the note

# --- SIGTERM and SIGINT while a dry-run import checks its rows against a throwaway journal ----
as_victim mkfifo "$V/rows.csv"
dry_run_killed() {
    local signal=$1 status=$2
    victim_in_background "$PEERLOG" --journal "$V/none/journal.db" import sessions "$V/rows.csv" \
        --dry-run
    local pid=$PID
    exec 7<>"$V/rows.csv" # read-write: never waits for peerlog to open it
    printf 'date,peer,minutes,support\n2026-11-17,P1,30,emotional\n' >&7
    for _ in $(seq 100); do [ -n "$(ls -A "$V/tmp")" ] && break; sleep 0.1; done
    check '[ -n "$(ls -A "$V/tmp")" ]' "dry run, SIG$signal: its throwaway journal exists"
    kill -"$signal" "$pid"
    { wait "$pid"; } 2>/dev/null
    expect_eq "$?" "$status" "dry run, SIG$signal: peerlog ends with status $status"
    exec 7>&-
    check '[ -z "$(ls -A "$V/tmp")" ]' "dry run, SIG$signal: no throwaway journal is left"
    scratch_left=$((scratch_left + $(ls -A "$V/tmp" | wc -l)))
}
dry_run_killed TERM 143
dry_run_killed INT 130
check '[ ! -e "$V/none" ]' "a dry run never creates the journal"
chmod 711 "$WORK"

echo "RESULT hostile files: two users: $two_users; $refusals outputs refused (exit 8 for" \
    "$planted planted links, the victim's link in a sticky directory, 9 FIFOs; exit 2 for the" \
    "journal by $namings names), 0 written through a link or into a FIFO, $arrived bytes" \
    "reached a FIFO's reader, $(disclosures) disclosures recorded; hard link: $hard_link;" \
    "SIGTERM/SIGHUP/SIGINT of the editor and of 2 dry runs: $scratch_left scratch files left"
finish
