#!/usr/bin/env bash
# Start-up pays only for the command that runs: `peerlog` loads neither PostgreSQL's client nor
# libxlsxwriter nor ICU until a command uses them, and hands `team load` and `report team
# --database` to peerlog-team with the whole command line, its standard streams and its exit
# code. (team_database_test.sh runs the
# real peerlog-team against a throwaway server; this test needs none.)
source "$(dirname "$0")/lib.sh"

TEAM_PROGRAM="$(dirname "$PEERLOG")/peerlog-team"

# ---- what peerlog and peerlog-team load ----
libraries=$(ldd "$PEERLOG")
for library in libpq libpqxx libssl libcrypto libgssapi_krb5 libldap libxlsxwriter libminizip; do
    if grep -q "$library[.-]" <<<"$libraries"; then
        fail "peerlog loads $library at start-up"
    else
        pass
    fi
done
team_libraries=$(ldd "$TEAM_PROGRAM")
if grep -q "libpqxx" <<<"$team_libraries"; then pass; else fail "peerlog-team links libpqxx"; fi
run --version
expect_rc 0 "--version"
expect_out_has "peerlog " "--version prints the version"

# ---- libraries opened on first use, seen by the dynamic loader (LD_DEBUG=files) ----
# traced ARGS...: as run, with the dynamic loader's trace of the files it opens in ERR.
traced() {
    LD_DEBUG=files "$PEERLOG" "$@" </dev/null >"$WORK/out" 2>"$WORK/err"
    RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
}
# loaded LIBRARY: whether the last traced run opened LIBRARY.
loaded() { grep -q "file=$1[.]so[^ ]* .*\(needed\|dynamically loaded\) by" <<<"$ERR"; }
traced --version
if loaded libicuuc; then fail "--version loads ICU"; else pass; fi
run -q peer add P1
traced -q session add --peer P1 --support emotional --duration 30m \
    --note "Talked about the Straße court date"
expect_rc 0 "session add"
if loaded libicuuc; then fail "session add loads ICU"; else pass; fi
traced session list --grep STRASSE
expect_rc 0 "session list --grep"
if loaded libicuuc; then pass; else fail "session list --grep opens ICU"; fi
run session list --grep STRASSE
expect_out_has "Straße court" "and finds the note with it"
# ICU that cannot be loaded (a mount namespace hides it) is an I/O error saying what to install;
# nothing else needs it.
icuuc=$(ldconfig -p | awk '/libicuuc[.]so[.][0-9]+ .*x86-64/ { print $NF; exit }')
if [ "$(id -u)" -eq 0 ] && [ -n "$icuuc" ] && unshare -m true 2>/dev/null; then
    without_icu() {
        unshare -m sh -c 'mount --bind /dev/null "$1" && shift && exec "$@"' sh "$icuuc" \
            "$PEERLOG" "$@" </dev/null >"$WORK/out" 2>"$WORK/err"
        RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
    }
    without_icu session list --grep court
    expect_rc 8 "session list --grep without ICU"
    expect_err_has "cannot load libicuuc" "says which library"
    expect_err_has "install it" "and what to do"
    expect_out_lacks "Straße" "and lists nothing"
    without_icu session list
    expect_rc 0 "session list without --grep needs no ICU"
    expect_out_has "P1" "and lists the session"
fi

# ---- a password in [team] database is refused by any command (libpq read on demand) ----
printf '[team]\ndatabase = "host=/nowhere dbname=team password=s3cret"\n' >"$WORK/secret.toml"
PEERLOG_CONFIG="$WORK/secret.toml" run config show
expect_rc 7 "config show with a password in [team] database"
expect_err_has "team.database" "the error names the key"
expect_err_lacks "s3cret" "and never repeats the password"
for url in 'postgresql://ann:s3cret@localhost/team' 'postgresql://ann@localhost/team?password=s3cret'; do
    printf '[team]\ndatabase = "%s"\n' "$url" >"$WORK/secret.toml"
    PEERLOG_CONFIG="$WORK/secret.toml" run session list
    expect_rc 7 "any command, with a password in the [team] database URL $url"
    expect_err_has "team.database" "names the key"
    expect_err_lacks "s3cret" "and never repeats the password"
done
printf '[team]\ndatabase = "postgresql://ann@localhost/team"\n' >"$WORK/good.toml"
PEERLOG_CONFIG="$WORK/good.toml" traced session list
expect_rc 0 "a URL without a password is taken"
if loaded libpq; then fail "a command that does not use the URL loads libpq"; else pass; fi
PEERLOG_CONFIG="$WORK/good.toml" traced config show
expect_rc 0 "config show reads it in full"
if loaded libpq; then pass; else fail "config show reads the URL with libpq"; fi
PEERLOG_CONFIG="$WORK/good.toml" run config show
expect_out_has "postgresql://ann@localhost/team" "and shows it"
printf '[team]\ndatabase = "postgresql://ann@[::1/team"\n' >"$WORK/unreadable.toml"
PEERLOG_CONFIG="$WORK/unreadable.toml" run config show
expect_rc 7 "config show: a URL libpq cannot read is a config error"
expect_err_has "team.database" "naming the key"
PEERLOG_CONFIG="$WORK/unreadable.toml" run report team --month 2026-11
expect_rc 7 "and so is using it"

# ---- the real peerlog-team refuses a password before connecting anywhere ----
run team load --database 'postgresql://ann:s3cret@localhost/team' "$WORK/none.json"
expect_rc 2 "team load: a password in --database (refused by peerlog-team)"
expect_err_lacks "s3cret" "never repeated"
run report team --database 'host=/nowhere password=s3cret' --month 2026-11
expect_rc 2 "report team --database: a password in a conninfo string"

# ---- the hand-over, seen by a stand-in peerlog-team beside a copy of peerlog ----
mkdir -p "$WORK/bin"
strip -o "$WORK/bin/peerlog" "$PEERLOG" 2>/dev/null || cp "$PEERLOG" "$WORK/bin/peerlog"
cat >"$WORK/bin/peerlog-team" <<'EOF'
#!/bin/sh
for arg in "$@"; do printf '[%s]' "$arg"; done
printf '\nstdin:'
cat
echo "stderr from the stand-in" >&2
exit 9
EOF
chmod 0755 "$WORK/bin/peerlog-team"
printf 'one export' | "$WORK/bin/peerlog" team load --database 'host=/x dbname="a b"' --replace - \
    >"$WORK/out" 2>"$WORK/err"
RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
expect_rc 9 "team load: peerlog-team's exit code is the command's"
expect_out_has '[team][load][--database][host=/x dbname="a b"][--replace][-]' \
    "the whole command line, word for word"
expect_out_has "stdin:one export" "stdin reaches peerlog-team unread"
expect_err_has "stderr from the stand-in" "and its stderr is the command's"
PEERLOG_CONFIG="$WORK/good.toml" "$WORK/bin/peerlog" report team --month 2026-11 -o "$WORK/r.csv" \
    --format csv </dev/null >"$WORK/out" 2>"$WORK/err"
RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
expect_rc 9 "report team with [team] database goes to peerlog-team"
expect_out_has '[report][team][--month][2026-11][-o]' "with its flags"
if [ -e "$WORK/r.csv" ]; then fail "peerlog opened -o before handing over"; else pass; fi
if ls -A "$WORK/bin" | grep -qv '^peerlog\(-team\)\?$'; then
    fail "the hand-over left files beside the program"
else
    pass
fi
"$WORK/bin/peerlog" report team "$WORK/none.json" </dev/null >"$WORK/out" 2>"$WORK/err"
RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
expect_out_lacks "[report]" "report team over files never runs peerlog-team"
run report team
expect_rc 2 "report team with neither files nor a database stays in peerlog"

# ---- a peerlog-team that cannot be started ----
rm "$WORK/bin/peerlog-team"
mkdir "$WORK/bin/peerlog-team" # found (a directory passes the access check), cannot be run
"$WORK/bin/peerlog" team load --database 'host=/x' - </dev/null >"$WORK/out" 2>"$WORK/err"
RC=$? OUT=$(cat "$WORK/out") ERR=$(cat "$WORK/err")
expect_rc 8 "a peerlog-team that cannot be started: I/O error"
expect_err_has "cannot be started" "says so"
expect_err_has "reinstall peerlog" "and what to do"

finish
