# What a consent allows disclosing (consent add --share): each category, and nothing else, in
# every format of `export --identified` and `report summary --identified`; the union of a
# peer's consents; --purpose choosing among them; the accounting of the categories given; a
# consent recorded before categories existed counts as attendance only, with a warning.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }

# P1 has a record of every category, each with a distinctive text; P2 never consents.
run peer add P1 --name "Name-Pelican" --contact "555-0199-larkspur"
expect_rc 0 "peer add P1"
run peer add P2 --name "Name-Cormorant" --contact "555-0100"
for peer in P1 P2; do
    run session add --peer $peer --support informational --duration 50m --date 2026-11-17 \
        --start 07:13 --modality video --setting community --note "note-zanzibar-$peer"
    expect_rc 0 "session for $peer"
done
run goal add P1 --domain housing "goal-quokka" --date 2026-11-10
run resource add "Ptarmigan House" --category housing
run referral add P1 --resource "Ptarmigan House" --date 2026-11-12
run assess add P1 --barc10 6,1,6,1,6,1,6,1,6,2 --date 2026-11-12
expect_rc 0 "an assessment for P1"

# ---- --share is required and checked -----------------------------------------------------------
consent() { # consent RECIPIENT SHARE [PURPOSE]
    run consent add P1 --recipient "$1" --purpose "${3:-care}" --info "as on the form" \
        --share "$2" --signed 2026-11-01 --expires 2027-11-01
    expect_rc 0 "consent to $1 sharing $2"
}
before=$(journal_hash)
run consent add P1 --recipient "Court" --purpose probation --info attendance --signed today \
    --expires 2027-12-31
expect_rc 2 "a consent without --share is a usage error"
expect_err_has "--share" "the message names --share"
run consent add P1 --recipient "Court" --purpose probation --info attendance --share everything \
    --signed today --expires 2027-12-31
expect_rc 3 "an unknown category is refused"
expect_err_has "contact, attendance, support, notes, goals, referrals, assessments" \
    "the refusal lists the categories"
expect_eq "$(journal_hash)" "$before" "neither recorded anything"

# ---- each category alone, in every format ------------------------------------------------------
categories="contact attendance support notes goals referrals assessments"
mark_of() { # the text only the records of category $1 carry ($2: json, where BARC-10 items are
    # numbers in an array)
    case $1 in
    contact) echo "555-0199-larkspur" ;;
    attendance) echo "07:13" ;;
    support) echo "informational" ;;
    notes) echo "note-zanzibar-P1" ;;
    goals) echo "goal-quokka" ;;
    referrals) echo "Ptarmigan House" ;;
    assessments) [ "${2:-}" = json ] && echo "barc10" || echo "6 1 6 1 6 1 6 1 6 2" ;;
    esac
}
# identified_part FORMAT: the identified records of the report in $OUT (the de-identified
# summary before them names support kinds of every peer).
identified_part() {
    case $1 in
    json) jq -c .identified <<<"$OUT" ;;
    csv) grep '^identified,' <<<"$OUT" ;;
    *) sed -n '/Identified records for/,$p' <<<"$OUT" ;;
    esac
}
# expect_exactly WHAT TEXT JSON? SHARED...: TEXT names P1 and holds the mark of each shared
# category and of no other.
expect_exactly() {
    local what=$1 text=$2 json=$3
    shift 3
    [[ $text == *Name-Pelican* ]] && pass || fail "$what names P1"
    [[ $text != *Cormorant* && $text != *note-zanzibar-P2* ]] && pass || fail "$what: not P2"
    for category in $categories; do
        local mark shared=no
        mark=$(mark_of $category $json)
        for given in "$@"; do [ "$given" = "$category" ] && shared=yes; done
        if [ $shared = yes ]; then
            [[ $text == *"$mark"* ]] && pass || fail "$what holds $category ('$mark')"
        else
            [[ $text != *"$mark"* ]] && pass || fail "$what lacks $category ('$mark')"
        fi
    done
}
# expect_every_output RECIPIENT [--purpose P] -- SHARED...: every format of both commands.
expect_every_output() {
    local recipient=$1 purpose=()
    shift
    if [ "$1" = --purpose ]; then
        purpose=(--purpose "$2")
        shift 2
    fi
    shift # --
    for format in json ndjson csv; do
        run export --week this --identified --recipient "$recipient" "${purpose[@]}" \
            --format $format
        expect_rc 0 "export --identified to $recipient as $format"
        expect_exactly "export to $recipient ($format)" "$OUT" \
            "$([[ $format == *json ]] && echo json)" "$@"
    done
    for format in table markdown csv json html; do
        run report summary --week this --identified --recipient "$recipient" "${purpose[@]}" \
            --format $format
        expect_rc 0 "report summary --identified to $recipient as $format"
        expect_exactly "report to $recipient ($format)" "$(identified_part $format)" \
            "$([ $format = json ] && echo json)" "$@"
    done
}
for category in $categories; do
    consent "R-$category" "$category"
    expect_every_output "R-$category" -- "$category"
done

# JSON carries a key per category shared, and no other.
run export --week this --identified --recipient R-notes --format json
expect_json '.peers[0] | keys' '["code","consents","name","sessions","share"]' \
    "notes alone: the peer's keys"
expect_json '.peers[0].sessions[0] | keys' '["id","note"]' "notes alone: the session's keys"
expect_json '.peers[0].share' '["notes"]' "the categories shared are listed"
run export --week this --identified --recipient R-attendance --format ndjson
expect_json 'select(.type == "peer") | .sessions[0] | keys' \
    '["date","group","id","minutes","modality","setting","start"]' \
    "attendance alone: the session's keys"
run export --week this --identified --recipient R-contact --format json
expect_json '.peers[0] | keys' '["code","consents","contact","name","share"]' \
    "contact alone: no sessions at all"

# ---- two consents: their union; --purpose chooses among them -----------------------------------
consent "Both" "notes" "care"
consent "Both" "contact,goals" "housing"
expect_every_output "Both" -- contact notes goals
expect_every_output "Both" --purpose housing -- contact goals
run export --week this --identified --recipient Both --format json
expect_json '.peers[0].share' '["contact","notes","goals"]' "the union is listed"

# ---- the accounting records the categories given of each peer ----------------------------------
run audit disclosures P1 --format json
expect_rc 0 "audit disclosures P1"
expect_json '[.[] | select(.recipient == "Both") | .peer_shares] | unique' \
    '[[["contact","goals"]],[["contact","notes","goals"]]]' \
    "each disclosure to Both records what it gave of P1"
expect_json '[.[] | select(.recipient == "R-support") | .information] | unique' \
    '["identified export: names, support","identified report summary: names, support"]' \
    "what was disclosed names the categories"
run audit disclosures
expect_out_has "P1 (contact,notes,goals)" "the table shows the categories given of each peer"

# ---- consent list and show show the categories -------------------------------------------------
run consent list --format json
expect_json '[.[] | select(.recipient == "Both") | .share]' '[["notes"],["contact","goals"]]' \
    "consent list --format json has share"
run consent list
expect_out_has "contact,goals" "consent list shows the categories"
both=$(jq -r '.[] | select(.recipient == "Both" and .purpose == "housing") | .id' \
    <<<"$("$PEERLOG" consent list --format json)")
run consent show "$both"
expect_out_has "Shares:       contact,goals" "consent show shows the categories"

# ---- a consent recorded before categories existed: attendance only, with a warning ------------
consent "Court" "notes,contact"
court=$OUT
# As an older peerlog's consent reads after the upgrade (see the unit test on a schema 5 journal).
sqlite3 "$JOURNAL" "UPDATE consent SET share_mask = NULL WHERE id = $court"
run consent show "$court"
expect_rc 0 "consent show of an older consent"
expect_out_has "attendance (not recorded)" "it counts as attendance, said to be not recorded"
expect_err_has "consent $court (P1 to Court) was recorded before consents named the categories" \
    "a warning names it"
expect_err_has "peerlog consent add P1" "and says how to record a new one"
run consent show "$court" --format json
expect_json '[.share, .share_recorded]' '[["attendance"],false]' "its json says so"
run consent list P1
expect_err_has "consent $court (P1 to Court)" "consent list warns too"
expect_every_output "Court" -- attendance
run export --week this --identified --recipient Court
expect_err_has "consent $court (P1 to Court) was recorded before" "export warns"
expect_err_has "counts as attendance only" "and says what it counts as"
run report summary --week this --identified --recipient Court
expect_err_has "consent $court (P1 to Court) was recorded before" "report summary warns"
check '[ "$(grep -c "recorded before" <<<"$ERR")" = 1 ]' "once"

# ---- group sessions: a consenting attendee's own attendance ------------------------------------
run group add "Tuesday circle"
run session add --group "Tuesday circle" --attendee P1,P2 --support affiliational --duration 1h \
    --date 2026-11-16 --note "group-note-walrus about P2"
expect_rc 0 "a group session with P1 and P2"
group_session=$OUT
consent "Everything" "contact,attendance,support,notes,goals,referrals,assessments"
for command in "export" "report summary"; do
    run $command --week this --identified --recipient Everything --format json
    expect_rc 0 "$command --identified with every category and a group session"
    expect_out_lacks "walrus" "$command: the group's note is never given"
    expect_out_lacks "Cormorant" "$command: nor the other attendee"
    expect_out_has "Tuesday circle" "$command: the group session is P1's attendance"
done
run export --week this --identified --recipient Everything --format json
expect_json ".peers[0].sessions[] | select(.id == $group_session) | keys" \
    '["date","group","id","minutes","modality","setting","start","support"]' \
    "the group session has the attendance and support, no note, goals or attendees"

finish
