# The weekly exports the team tests share (source it after lib.sh): `export_for NAME MINUTES`
# logs a week of NAME's work (2026-W47) in NAME's own journal and exports it to
# $WORK/NAME-W47.json.
: "${WORK:?source lib.sh first}"

export_for() {
    local name=$1 minutes=$2
    local journal="$WORK/$name.db" config="$WORK/$name.toml"
    printf '[specialist]\nname = "%s"\n[journal]\npath = "%s"\n' "$name" "$journal" >"$config"
    PEERLOG_CONFIG=$config run peer add P1 --since 2026-11-16
    PEERLOG_CONFIG=$config run peer add P2 --since 2026-11-01
    PEERLOG_CONFIG=$config run group add G
    PEERLOG_CONFIG=$config run session add --peer P1 --support emotional --duration "$minutes" --date 2026-11-17 --note x
    PEERLOG_CONFIG=$config run session add --group G --attendee P1,P2 --support affiliational --duration 1h --date 2026-11-18 --note x
    PEERLOG_CONFIG=$config run export --week this --format json -o "$WORK/$name-W47.json"
    expect_rc 0 "export for $name"
}
