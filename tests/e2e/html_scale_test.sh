# Charts and print at real scale: the summary of a 300-peer, 104-week journal as HTML, measured
# in headless Chromium (no two labels overlap, none leaves its chart, every chart has both axis
# titles, line series differ in colour, dash and marker) and printed to PDF, read page by page
# with poppler (no heading at a page foot, no row split, the audit hash whole on its line).
source "$(dirname "$0")/lib.sh"
tools="$PEERLOG_SOURCE_DIR/tests/e2e/tools"
for tool in chromium pdftotext pdfinfo python3; do
    command -v $tool >/dev/null || { echo "$tool is not installed: run .ci/install-deps" >&2; exit 1; }
done

# The audit trail is stamped with the real clock, so the period ends today: the 104 ISO weeks
# up to this one. 300 peers (some with long codes), 12 sessions a week, two BARC-10s for 40
# peers and one for the others, a check-in a fortnight.
export PEERLOG_TODAY=$(date +%F)
first_monday=$(date -d "$PEERLOG_TODAY - $(($(date -d "$PEERLOG_TODAY" +%u) - 1)) days - 103 weeks" +%F)
python3 - "$WORK" "$first_monday" <<'PY'
import datetime, sys
work = sys.argv[1]
codes = [f"P{i:03d}" if i % 10 else f"NORTH-CENTRAL-CLINIC-{i:04d}" for i in range(1, 301)]
kinds = ["emotional", "informational", "instrumental", "affiliational"]
start = datetime.date.fromisoformat(sys.argv[2])
today = datetime.date.today()
with open(f"{work}/peers.csv", "w") as f:
    f.write("code,stage,since\n")
    for i, code in enumerate(codes):
        f.write(f"{code},{['early', 'mid', 'late', 'sustained'][i % 4]},{start - datetime.timedelta(days=30)}\n")
with open(f"{work}/sessions.csv", "w") as f:
    f.write("date,peer,minutes,support\n")
    for week in range(104):
        for k in range(12):
            day = min(today, start + datetime.timedelta(days=7 * week + k % 5))
            f.write(f"{day},{codes[(week * 12 + k) % 300]},{[30, 45, 60][k % 3]},{kinds[k % 4]};{kinds[(k + week) % 4]}\n")
with open(f"{work}/codes", "w") as f:
    f.write("\n".join(codes) + "\n")
PY
run import peers "$WORK/peers.csv"
expect_rc 0 "import 300 peers"
run import sessions "$WORK/sessions.csv"
expect_rc 0 "import 1,248 sessions over 104 weeks"
n=0
while read -r code; do
    n=$((n + 1))
    score=$((1 + n % 6))
    "$PEERLOG" assess add "$code" --barc10 "$score,$score,$score,$score,$score,3,3,3,3,3" \
        --date "$(date -d "$first_monday + $((n % 60)) weeks" +%F)" >/dev/null 2>&1 ||
        fail "assess add $code"
    if [ $n -le 40 ]; then
        "$PEERLOG" assess add "$code" --barc10 5,5,5,5,5,5,4,4,4,4 \
            --date "$(date -d "$first_monday + 90 weeks" +%F)" >/dev/null 2>&1 ||
            fail "a second assess add $code"
    fi
done <"$WORK/codes"
for week in $(seq 0 2 103); do
    "$PEERLOG" checkin add --stress $((1 + week % 5)) --energy $((5 - week % 5)) --share \
        --date "$(date -d "$first_monday + $week weeks" +%F)" >/dev/null 2>&1 || fail "checkin add"
done

run report summary --from "$first_monday" --to "$PEERLOG_TODAY" --format html -o "$WORK/big.html"
expect_rc 0 "the 104-week summary of 300 peers as html"
labelled=$(grep -o '<text class="category"[^>]*><title>[^<]*</title>' "$WORK/big.html" |
    sed 's/.*<title>//; s/<.*//' | sort -u)
expect_eq "$(comm -23 <(sort "$WORK/codes") <(echo "$labelled") | wc -l)" "0" \
    "every one of the 300 peers is named in the days-since-contact chart"

# ---- geometry, as Chromium lays the page out ------------------------------------------------
profile="$WORK/chromium-profile"
chromium_run() {
    timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" "$@" \
        2>/dev/null
}
python3 -c 'import sys
page, script = open(sys.argv[1]).read(), open(sys.argv[2]).read()
open(sys.argv[3], "w").write(page.replace("</head>", "<script>" + script + "</script></head>", 1))' \
    "$WORK/big.html" "$tools/chart_geometry.js" "$WORK/probe.html"
geometry=$(chromium_run --dump-dom "file://$WORK/probe.html" | sed -n 's/^.*<pre id="geometry">//; /^svg /p')
charts=$(grep -c '^svg ' <<<"$geometry")
[ "$charts" -ge 40 ] && pass || fail "the charts were measured ($charts)"
bad=$(grep -v ' overlaps=0 outside=0 axis_titles=2 ' <<<"$geometry")
[ -z "$bad" ] && pass || fail "a label overlaps another, leaves its chart or an axis title is missing: $(head -3 <<<"$bad")"
bad=$(awk '{ for (i = 1; i <= NF; ++i) { split($i, kv, "="); v[kv[1]] = kv[2] } }
    v["styles"] != v["distinct"] || v["styles"] != v["shapes"] { print }' <<<"$geometry")
[ -z "$bad" ] && pass || fail "two line series look alike: $(head -3 <<<"$bad")"
weeks=$(grep 'title="Hours per week by support kind"' <<<"$geometry")
categories=$(sed 's/.* categories=\([0-9]*\).*/\1/' <<<"$weeks")
[ "${categories:-0}" -ge 8 ] && pass || fail "the 104-week chart keeps week labels ($categories)"
expect_eq "$(grep -c 'title="Days since last contact (peer ' <<<"$geometry")" "10" \
    "300 peers' bars are rows in 10 panels of 30"
expect_eq "$(grep -c 'title="BARC-10 total per peer (' <<<"$geometry")" "38" \
    "300 BARC-10 trends are 38 panels of at most 8 lines"
grep 'title="BARC-10 total per peer (1 to 8 of 300)"' <<<"$geometry" | grep -q 'styles=8 distinct=8 shapes=8' &&
    pass || fail "a panel's 8 lines differ in colour and in dash and marker"

# ---- print: Chromium's PDF, page by page -----------------------------------------------------
chromium_run --no-pdf-header-footer --print-to-pdf="$WORK/big.pdf" "file://$WORK/big.html" >/dev/null
[ -s "$WORK/big.pdf" ] && pass || fail "chromium printed the page to PDF"
check=$(python3 "$tools/print_check.py" "$WORK/big.html" "$WORK/big.pdf")
echo "print check: $(head -1 <<<"$check")" >&2
summary=$(head -1 <<<"$check")
[[ "$summary" == *" heading_at_foot=0 "* ]] && pass || fail "a heading is alone at a page foot: $check"
[[ "$summary" == *" split_rows=0 "* ]] && pass || fail "a table row is split by a page break: $check"
[[ "$summary" == *" hash_line=ok "* ]] && pass || fail "the audit hash line is broken: $check"
[[ $(wc -l <<<"$check") -eq 1 ]] && pass || fail "print problems: $check"

# The same rules hold for a short summary.
run report summary --from "$(date -d "$PEERLOG_TODAY - 41 days" +%F)" --to "$PEERLOG_TODAY" \
    --format html -o "$WORK/six.html"
chromium_run --no-pdf-header-footer --print-to-pdf="$WORK/six.pdf" "file://$WORK/six.html" >/dev/null
check=$(python3 "$tools/print_check.py" "$WORK/six.html" "$WORK/six.pdf")
echo "print check (6 weeks): $(head -1 <<<"$check")" >&2
[[ "$check" == *" heading_at_foot=0 split_rows=0 hash_line=ok "* && $(wc -l <<<"$check") -eq 1 ]] &&
    pass || fail "the 6-week summary prints cleanly: $check"

finish
