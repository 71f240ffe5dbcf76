# The command line itself: version, help, unknown commands, global options, init, config,
# quiet mode and colour.
source "$(dirname "$0")/lib.sh"

check() { if eval "$1"; then pass; else fail "$2"; fi; }
out_has_esc() { LC_ALL=C grep -q $'\x1b' "$WORK/out"; }

# ---- version and help -----------------------------------------------------------------------
run --version
expect_rc 0 "--version"
expect_eq "$OUT" "peerlog 0.1.0" "--version prints the version"

run
expect_rc 0 "peerlog alone"
expect_out_has "Usage: peerlog [OPTIONS] SUBCOMMAND" "peerlog alone prints the usage"
for command in init peer session export report config help; do
    expect_out_has "  $command " "the overview lists $command"
done
expect_out_has "--journal PATH" "the overview lists the global options"
overview=$OUT

run --help
expect_rc 0 "--help"
expect_eq "$OUT" "$overview" "--help prints the overview"

run help
expect_rc 0 "peerlog help"
expect_out_has "Usage: peerlog [OPTIONS] SUBCOMMAND" "peerlog help prints the overview's usage"
expect_eq "$OUT" "$overview" "peerlog help is the same as peerlog alone"

# Each command declares only its own group at start-up (cli/run_peerlog.cpp): every command the
# overview lists must still be found when run alone, and say the same as in the whole tree.
commands=$(sed -n '/^Subcommands:/,$p' <<<"$overview" | awk '/^  [a-z]/ { print $1 }')
[ -n "$commands" ] || fail "the overview lists no commands"
for command in $commands; do
    [ "$command" = help ] && continue
    run "$command" --journal "$WORK/none.db" --no-such-flag
    expect_err_lacks "unknown command" "peerlog $command is declared when run alone"
    alone=$ERR
    run --journal "$WORK/none.db" "$command" --no-such-flag
    expect_eq "$ERR" "$alone" "peerlog $command says the same wherever the global option is"
done

run help session add
expect_rc 0 "peerlog help session add"
expect_out_has "Usage: peerlog session add [OPTIONS]" "help session add shows its usage"
expect_out_has "--support KIND[,KIND...] REQUIRED" "and the --support flag"
expect_out_has "--duration DUR REQUIRED" "and the --duration flag"
expect_out_has "--note TEXT|-" "and the --note flag"
help_session_add=$OUT

run session add --help
expect_rc 0 "session add --help"
expect_out_has "Usage: peerlog session add [OPTIONS]" "session add --help shows the full command"
expect_out_has "--support" "session add --help lists --support"
expect_eq "$OUT" "$help_session_add" "help session add is the same text as session add --help"

run help session
expect_rc 0 "peerlog help session"
expect_out_has "Usage: peerlog session [OPTIONS] SUBCOMMAND" "help session usage"
for sub in add list show edit rm; do
    expect_out_has "  $sub " "help session lists $sub"
done

run peer --help
expect_rc 0 "peer --help"
expect_out_has "Usage: peerlog peer [OPTIONS] SUBCOMMAND" "peer --help usage"

run help peer close
expect_out_has "--date DATE" "help peer close lists --date"

run help bogus
expect_rc 2 "help for an unknown command"
expect_err_has "no command 'bogus'" "names it"

run bogus
expect_rc 2 "an unknown command"
expect_err_has "bogus" "the message names the unknown command"
expect_err_has "peerlog help" "and points to peerlog help"
run session frobnicate
expect_rc 2 "an unknown subcommand"
run session
expect_rc 2 "a command group without its subcommand"
expect_err_has "peerlog help" "points to help"
run session list --week
expect_rc 2 "a flag without its value"

# ---- init -----------------------------------------------------------------------------------
run init
expect_rc 0 "init"
expect_eq "$OUT" "$JOURNAL" "init prints the journal path"
expect_err_has "created the journal $JOURNAL" "init says it created the journal"
expect_eq "$(stat -c %a "$JOURNAL")" "600" "journal 0600"
expect_eq "$(stat -c %a "$(dirname "$JOURNAL")")" "700" "journal directory 0700"
check '[ "$(sqlite3 "$JOURNAL" "PRAGMA journal_mode")" = wal ]' "the journal is in WAL mode"
hash=$(journal_hash)
run init
expect_rc 0 "init again"
expect_eq "$OUT" "$JOURNAL" "init again prints the path"
expect_err_has "already exists" "init again says it exists"
expect_eq "$(journal_hash)" "$hash" "init again changes nothing"

run init --journal "$WORK/deep/er/j.db"
expect_rc 0 "init in missing directories"
expect_eq "$OUT" "$WORK/deep/er/j.db" "prints that path"
expect_eq "$(stat -c %a "$WORK/deep/er")" "700" "missing directories are created 0700"
expect_eq "$(stat -c %a "$WORK/deep")" "700" "every missing directory is 0700"

chmod 644 "$JOURNAL"
run -q peer list
expect_rc 0 "a journal readable by others still opens"
expect_err_has "can be read by other users" "with a warning, even with -q"
chmod 600 "$JOURNAL"
run peer list
expect_eq "$ERR" "no open peers (closed ones show with --all)." "no warning for a private journal"
chmod 755 "$WORK/deep/er"
run -q --journal "$WORK/deep/er/j.db" peer list
expect_rc 0 "a journal in a directory open to others still opens"
expect_err_has "the journal's directory $WORK/deep/er is open to other users (mode 755); run \
\`chmod 700 $WORK/deep/er\`." "with a warning saying how to fix it, whatever the directory's name"
chmod 700 "$WORK/deep/er"
run --journal "$WORK/deep/er/j.db" peer list
expect_err_lacks "open to other users" "no warning once it is 0700"

# ---- --journal, PEERLOG_JOURNAL, journal.path -----------------------------------------------
A="$WORK/a.db" B="$WORK/b.db" C="$WORK/c.db"
run --journal "$A" peer add A1
expect_rc 0 "--journal before the command"
run peer add A2 --journal "$A"
expect_rc 0 "--journal after the command"
run peer list --format json --journal "$A"
expect_json '[.[].code]' '["A1","A2"]' "both went to the --journal file"
run peer list --format json
expect_rc 0 "default journal"
expect_eq "$OUT" "[]" "the default journal got neither"

PEERLOG_JOURNAL="$B" run peer add B1
expect_rc 0 "PEERLOG_JOURNAL"
check '[ -f "$B" ]' "PEERLOG_JOURNAL names the journal"
PEERLOG_JOURNAL="$B" run peer list --format json
expect_json '[.[].code]' '["B1"]' "reads through PEERLOG_JOURNAL"
PEERLOG_JOURNAL="$B" run --journal "$A" peer list --format json
expect_json '[.[].code]' '["A1","A2"]' "--journal beats PEERLOG_JOURNAL"

mkdir -p "$XDG_CONFIG_HOME/peerlog"
printf '[journal]\npath = "%s"\n' "$C" >"$XDG_CONFIG_HOME/peerlog/config.toml"
run peer add C1
expect_rc 0 "journal.path from the config"
run --journal "$C" peer list --format json
expect_json '[.[].code]' '["C1"]' "journal.path names the journal"
PEERLOG_JOURNAL="$B" run peer list --format json
expect_json '[.[].code]' '["B1"]' "PEERLOG_JOURNAL beats journal.path"
printf '[journal]\npath = "~/records/j.db"\n' >"$XDG_CONFIG_HOME/peerlog/config.toml"
run init
expect_eq "$OUT" "$HOME/records/j.db" "~/ in journal.path is the home directory"
rm "$XDG_CONFIG_HOME/peerlog/config.toml"

# ---- -q -------------------------------------------------------------------------------------
run --journal "$A" session add --peer A1 --support emotional --duration 5m
expect_rc 0 "session add"
expect_eq "$OUT" "1" "stdout has the id"
expect_err_has "saved session 1" "a confirmation on stderr"
run -q --journal "$A" session add --peer A1 --support emotional --duration 5m
expect_rc 0 "-q session add"
expect_eq "$OUT" "2" "-q: stdout still has the id"
expect_eq "$ERR" "" "-q: no confirmation"
run --journal "$A" session add --peer A1 --support emotional --duration 5m -q
expect_eq "$OUT" "3" "-q after the command: id"
expect_eq "$ERR" "" "-q after the command: quiet"
run --quiet --journal "$A" peer add A3
expect_eq "$ERR" "" "--quiet"
run -q --journal "$A" peer add A1
expect_rc 9 "an error with -q"
expect_err_has "already used" "-q still shows errors"

# ---- config path / show ---------------------------------------------------------------------
run config path
expect_rc 0 "config path"
expect_eq "$OUT" "$XDG_CONFIG_HOME/peerlog/config.toml" "config path under XDG_CONFIG_HOME"
XDG_CONFIG_HOME="$WORK/elsewhere" run config path
expect_eq "$OUT" "$WORK/elsewhere/peerlog/config.toml" "config path follows XDG_CONFIG_HOME"
(unset XDG_CONFIG_HOME && "$PEERLOG" config path >"$WORK/out" 2>&1)
expect_eq "$(cat "$WORK/out")" "$HOME/.config/peerlog/config.toml" "without XDG_CONFIG_HOME: ~/.config"
XDG_CONFIG_HOME="relative/dir" run config path
expect_eq "$OUT" "$HOME/.config/peerlog/config.toml" "a relative XDG_CONFIG_HOME is ignored"
run --config "$WORK/my.toml" config path
expect_eq "$OUT" "$WORK/my.toml" "config path with --config"
PEERLOG_CONFIG="$WORK/env.toml" run config path
expect_eq "$OUT" "$WORK/env.toml" "config path with PEERLOG_CONFIG"
PEERLOG_CONFIG="$WORK/env.toml" run config path --config "$WORK/my.toml"
expect_eq "$OUT" "$WORK/my.toml" "--config beats PEERLOG_CONFIG"

run config show
expect_rc 0 "config show with no config file"
expect_out_has "# effective settings; file: $XDG_CONFIG_HOME/peerlog/config.toml (not found, defaults used)" \
    "says the file was not found"
expect_out_has "inactive_days = 30" "default inactive_days"
expect_out_has "busy_timeout_ms = 5000" "default busy_timeout_ms"
expect_out_has "default_modality = 'in-person'" "default modality"
expect_out_has "default_setting = 'office'" "default setting"
expect_out_has "# journal in use: $JOURNAL" "names the journal in use"

printf '[report]\ninactive_days = 45\n\n[specialist]\nname = "A. Example"\n' >"$WORK/my.toml"
run --config "$WORK/my.toml" config show
expect_rc 0 "config show with a file"
expect_out_has "file: $WORK/my.toml (read)" "says the file was read"
expect_out_has "inactive_days = 45" "shows the set value"
expect_out_lacks "inactive_days = 30" "not the default"
expect_out_has "name = 'A. Example'" "shows the specialist"
expect_out_has "busy_timeout_ms = 5000" "defaults for what is not set"
run --journal "$A" config show
expect_out_has "# journal in use: $A" "config show names the --journal in use"

# ---- colour: only on a terminal, never with NO_COLOR or TERM=dumb ----------------------------
run --journal "$A" peer list
check '! out_has_esc' "peer list off a terminal has no ESC"
run --journal "$A" session list
check '! out_has_esc' "session list off a terminal has no ESC"
run --journal "$A" session show 1
check '! out_has_esc' "session show off a terminal has no ESC"
run --journal "$A" report summary --week this
check '! out_has_esc' "report off a terminal has no ESC"
run --journal "$A" report summary --week this --format markdown
check '! out_has_esc' "markdown has no ESC"

if command -v script >/dev/null; then
    on_tty() { # runs peerlog ARGS on a pseudo-terminal; output in $WORK/out
        TERM=${TERM_FOR_TTY:-xterm} script -qec "$(printf '%q ' "$PEERLOG" "$@")" /dev/null \
            </dev/null >"$WORK/out" 2>&1
        RC=$?
    }
    on_tty --journal "$A" peer list
    check 'out_has_esc' "on a terminal, tables have a bold header (the check can see ESC)"
    NO_COLOR=1 on_tty --journal "$A" peer list
    check '! out_has_esc' "NO_COLOR: no ESC on a terminal"
    NO_COLOR=1 on_tty --journal "$A" session show 1
    check '! out_has_esc' "NO_COLOR: session show without ESC"
    NO_COLOR=1 on_tty --journal "$A" report summary --week this
    check '! out_has_esc' "NO_COLOR: report without ESC"
    TERM_FOR_TTY=dumb on_tty --journal "$A" peer list
    check '! out_has_esc' "TERM=dumb: no ESC"
    NO_COLOR='' on_tty --journal "$A" peer list
    check 'out_has_esc' "an empty NO_COLOR does not turn colour off"
    on_tty --journal "$A" report summary --week this -o "$WORK/report.txt"
    check '! LC_ALL=C grep -q $'"'"'\x1b'"'"' "$WORK/report.txt"' "a report file never gets bold headers"
fi

# ---- PEERLOG_TODAY must be a date -----------------------------------------------------------
PEERLOG_TODAY=2026-1-1 run --journal "$A" session list --week this
expect_rc 7 "PEERLOG_TODAY not as YYYY-MM-DD"
expect_err_has "PEERLOG_TODAY" "names the variable"
PEERLOG_TODAY=2026-11-16 run --journal "$A" export --week this
expect_json '.period.from' '"2026-11-16"' "PEERLOG_TODAY sets today"

finish
