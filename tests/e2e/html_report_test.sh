# `report summary --format html`: one self-contained file whose charts headless Chromium draws.
source "$(dirname "$0")/lib.sh"
command -v chromium >/dev/null || { echo "chromium is not installed: run .ci/install-deps" >&2; exit 1; }

run peer add P1 --since 2026-09-01
run peer add P2 --since 2026-09-01
run peer add P3 --since 2026-08-01
run group add Circle
run session add --peer P1 --support emotional --duration 1h --date 2026-11-03 --note x
run session add --peer P3 --support informational --duration 30m --date 2026-09-20 --note x
run session add --group Circle --attendee P1,P2 --support affiliational,emotional --duration 1h30m --date 2026-11-12 --note x
run assess add P1 --barc10 3,3,3,3,3,3,3,3,3,3 --date 2026-11-02
run assess add P1 --barc10 5,5,5,5,5,5,5,5,5,5 --date 2026-11-16
run checkin add --stress 4 --energy 2 --share --date 2026-11-10 --note "secret-note-text"
run checkin add --stress 2 --energy 4 --share --date 2026-11-17

run report summary --month 2026-11 --format html -o "$WORK/r.html"
expect_rc 0 "report summary --format html"
html=$(cat "$WORK/r.html")
expect_eq "$(grep -c -e 'http://' -e 'https://' "$WORK/r.html")" "0" "no http:// or https:// anywhere"
expect_eq "$(grep -c -i -e '<script' -e '<link' -e 'src=' -e '@import' -e 'url(' "$WORK/r.html")" "0" "no script, link or external file"
[[ "$html" != *secret-note-text* ]] && pass || fail "a check-in note leaked into the html"
text=$(sed 's/<[^>]*>/ /g' "$WORK/r.html" | tr -s ' \n' ' ')
for figure in "The period" "Sessions 2" "Hours 2.50" "Distinct peers 2"; do
    [[ "$text" == *"$figure"* ]] && pass || fail "the html has the period's figures: $figure"
done
# It carries the head of the snapshot it was computed from: the newest event, with its hash.
run audit verify
head=$(sed -n 's/^ok: [0-9]* events, chain intact; head \([0-9]* [0-9a-f]*\).*/\1/p' <<<"$OUT")
[[ "$head" =~ ^[1-9][0-9]*\ [0-9a-f]{64}$ ]] && pass || fail "audit verify names a real head ($head)"
[[ "$text" == *"Audit chain head event $head"* ]] && pass ||
    fail "the html carries the head of its snapshot: event $head"
[[ "$text" == *"Follow-ups overdue"* || "$text" == *"No follow-up is overdue"* ]] && pass ||
    fail "the html says which follow-ups are overdue"
# W45 has 1 h, W46 1.5 h (split 45/45 minutes between its two kinds): ticks every 0.5 h to 1.5.
expect_eq "$(grep -o 'text-anchor="end">[0-9.]*</text>' "$WORK/r.html" | head -4 | sed 's/.*">//; s/<.*//' | tr '\n' ' ')" \
    "0 0.5 1 1.5 " "the hours chart's ticks are round"
grep -q '<title>W46, emotional: 0.75 h</title>' "$WORK/r.html" && pass ||
    fail "a bar's tooltip names its week, kind and unit"
grep -q 'td{white-space:nowrap}' "$WORK/r.html" && pass || fail "table cells (dates) do not wrap"

profile="$WORK/chromium-profile"
chromium_run() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" "$@" \
        "file://$WORK/r.html" 2>/dev/null
}
dom=$(chromium_run --dump-dom)
expect_eq "$(grep -o '<svg' <<<"$dom" | wc -l)" "4" "the DOM holds the four charts"
[ "$(grep -o 'class="bar"' <<<"$dom" | wc -l)" -ge 5 ] && pass || fail "bars are drawn"
[ "$(grep -o 'class="line"' <<<"$dom" | wc -l)" -ge 3 ] && pass || fail "lines are drawn"

chromium_run --window-size=1000,3000 --screenshot="$WORK/shot.png" >/dev/null
[ -s "$WORK/shot.png" ] && pass || fail "chromium wrote a screenshot"
colours=$(python3 "$PEERLOG_SOURCE_DIR/tests/e2e/tools/png_colours.py" "$WORK/shot.png" \
    '#d9534f' '#f0ad4e' '#0275d8' '#5cb85c')
distinct=$(sed -n 's/^distinct=//p' <<<"$colours")
[ "$distinct" -gt 20 ] && pass || fail "the screenshot is not blank ($distinct colours)"
for colour in '#d9534f' '#f0ad4e' '#0275d8' '#5cb85c'; do
    count=$(sed -n "s/^$colour=//p" <<<"$colours")
    [ "$count" -gt 50 ] && pass || fail "chart colour $colour is drawn ($count pixels)"
done
[ -n "${PEERLOG_KEEP_SCREENSHOT:-}" ] && cp "$WORK/shot.png" "$PEERLOG_KEEP_SCREENSHOT"

finish
