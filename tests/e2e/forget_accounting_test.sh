# What outlives a forget: the accounting of disclosures (HIPAA 45 CFR 164.528) keeps each
# disclosure's date, recipient, purpose, what was disclosed and how many people, with the peer
# as "a forgotten peer", until purge removes it after privacy.disclosure_retention_years. And
# the backups that still hold a forgotten peer: `peer forget` names those taken since the
# peer's first record.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
# in_files TEXT: how many times TEXT is in the journal's, -wal's and -shm's bytes.
in_files() { cat "$JOURNAL" "$JOURNAL-wal" "$JOURNAL-shm" 2>/dev/null | LC_ALL=C grep -a -c -- "$1"; }
today_utc=$(date -u +%F)

for code in QX-481 KEEP-2; do
    run peer add $code --since 2026-01-05
    run session add --peer $code --support emotional --duration 30m --date 2026-11-17 \
        --note "note of $code"
    run consent add $code --recipient "Dr Lee" --purpose "care coordination" --info "notes" --share attendance,notes \
        --signed 2026-11-01 --expires 2027-11-01
done
run consent add QX-481 --recipient "Dr Zanzibar" --purpose "quokka relapse plan" --info "notes" --share attendance,notes \
    --signed 2026-11-01 --expires 2027-11-01
run export --week this --identified --recipient "Dr Lee" -o "$WORK/both.json"
expect_rc 0 "a disclosure of both peers"
run export --week this --identified --recipient "Dr Zanzibar" -o "$WORK/alone.json"
expect_rc 0 "a disclosure of QX-481 alone"

# ---- forget keeps the accounting, without the peer ------------------------------------------
run peer forget QX-481 --yes
expect_rc 0 "peer forget"
expect_err_has "kept in the accounting of 2 disclosures as a forgotten peer" "says what it kept"
run audit disclosures --format json
expect_json '[.[] | [.recipient, .purpose, .information, .people, .peers, (.at | startswith("'"$today_utc"'"))]]' \
    '[["Dr Lee","care coordination","identified export: names, attendance, notes",2,["KEEP-2","a forgotten peer"],true],["Dr Zanzibar","quokka relapse plan","identified export: names, attendance, notes",1,["a forgotten peer"],true]]' \
    "each disclosure keeps its date, recipient, purpose, what and how many, the peer forgotten"
expect_json '[.[].period.from]' '["2026-11-16","2026-11-16"]' "and its period"
run audit disclosures
expect_out_has "PEOPLE" "the table has a PEOPLE column"
expect_out_has "KEEP-2 (" "and lists KEEP-2"
expect_out_has ", a forgotten peer (" "and shows the forgotten peer"
expect_out_has "Dr Zanzibar" "the disclosure of the forgotten peer alone stays listed"
run audit disclosures KEEP-2 --format json
expect_json '[.[] | [.people, .peers]]' '[[2,["KEEP-2"]]]' \
    "KEEP-2's own accounting names KEEP-2 alone, counting both people"
run audit disclosures QX-481 --format json
expect_json 'length' '0' "the forgotten code finds nothing"
expect_eq "$(in_files QX-481)" "0" "the forgotten peer's code is nowhere in the journal's bytes"
expect_eq "$(in_files "note of QX-481")" "0" "nor its note"
run audit verify
expect_rc 0 "the chain verifies"

# ---- purge removes the entries older than the retention ---------------------------------------
run peer close KEEP-2 --date 2026-11-18
PEERLOG_TODAY=$(date -u -d "$today_utc + 5 years" +%F) run purge --closed-before 2026-01-01 --dry-run
expect_eq "$OUT" "" "five years on, nothing is old enough to go"
expect_err_has "no peer was closed before 2026-01-01, and no disclosure was made before" \
    "and it says so"
later=$(date -u -d "$today_utc + 6 years + 1 day" +%F)
PEERLOG_TODAY=$later run purge --closed-before 2026-01-01 --dry-run
expect_eq "$OUT" "would remove 2 entries of the accounting of disclosures made before $(date -u -d "$today_utc + 1 day" +%F) (kept 6 years)" \
    "six years and a day on, the dry run lists both entries"
printf '[privacy]\ndisclosure_retention_years = 10\n' >"$WORK/ten.toml"
PEERLOG_TODAY=$later run --config "$WORK/ten.toml" purge --closed-before 2026-01-01 --yes
expect_rc 0 "purge with a retention of 10 years"
expect_err_has "no disclosure was made before $(date -u -d "$later - 10 years" +%F)" "keeps them"
run config show --config "$WORK/ten.toml"
expect_out_has "disclosure_retention_years = 10" "config show prints the key"
PEERLOG_TODAY=$later run purge --yes
expect_rc 0 "purge by the default retention"
expect_out_has "KEEP-2 (closed 2026-11-18)" "forgets the closed peer"
expect_err_has "removed 2 entries of the accounting of disclosures made before" \
    "and says how many entries of the accounting it removed"
run audit disclosures --format json
expect_json 'length' '0' "the accounting is empty"
expect_eq "$(in_files Zanzibar)$(in_files quokka)" "00" "the removed entries' text is gone from the bytes"
run audit list --format json
expect_json '[.[] | select(.action == "disclosure.expire" and .object == "accounting of disclosures") | .summary | startswith("2 disclosures made before ")]' \
    '[true]' "one audit event counts them"
run audit verify
expect_rc 0 "the chain verifies after the purge"

# ---- backups named by forget ---------------------------------------------------------------
JOURNAL="$WORK/backups.db"
export PEERLOG_JOURNAL="$JOURNAL"
run peer add EARLY-1
run backup "$WORK/b0.db"
expect_rc 0 "a backup before the peer was added"
sleep 1.1 # timestamps count whole seconds: a backup in the peer's own second counts as after
run peer add BK-9
run backup "$WORK/b1.db"
run backup "$WORK/b2.db"
rm "$WORK/b2.db"
run peer forget BK-9 --dry-run
expect_rc 0 "peer forget --dry-run"
expect_out_has "2 backups taken since peer BK-9's first record still hold them" \
    "the dry run names the backups taken since the peer's first record"
expect_out_has "$WORK/b1.db (taken " "with their path"
expect_out_has "$WORK/b2.db (taken " "each of them"
expect_out_has "; no file there now)" "saying which is no longer there"
expect_out_lacks "b0.db" "not one taken before the peer's first record"
run peer forget BK-9 --yes
expect_rc 0 "peer forget"
expect_err_has "peerlog: warning: 2 backups taken since peer BK-9's first record still hold them" \
    "the forget names them too"
run backup "$WORK/b3.db"
run peer forget EARLY-1 --yes
expect_err_has "4 backups taken since peer EARLY-1's first record" \
    "a peer added before every backup: all four, the one after the first forget included"
sleep 1.1
run peer add LATE-3
run peer forget LATE-3 --yes
expect_err_lacks "backup" "a peer added after the last backup: none"
expect_eq "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM backup_copy")" "4" "each backup is recorded"
finish
