# The manual page renders without warnings and documents every command and long flag the
# CLI lists in its help, so the two cannot drift apart unnoticed.
source "$(dirname "$0")/lib.sh"

MAN_PAGE="$PEERLOG_SOURCE_DIR/man/peerlog.1"

# help_of WORDS...: the help text of a command (`peerlog help WORDS...`), or of peerlog
# itself with no words (`peerlog --help`, the overview).
help_of() {
    if [ "$#" -eq 0 ]; then
        "$PEERLOG" --help </dev/null 2>&1
    else
        "$PEERLOG" help "$@" </dev/null 2>&1
    fi
}

# subcommands_in: reads CLI11 help on stdin and prints the names listed under the
# "Subcommands:" heading (two-space indented; wrapped descriptions are indented deeper).
subcommands_in() {
    awk '
        /^Subcommands:[[:space:]]*$/ { in_list = 1; next }
        in_list && /^[^[:space:]]/ { in_list = 0 }
        in_list && /^  [^[:space:]]/ { print $1 }
    '
}

# long_flags_in: reads help text on stdin and prints each --flag it mentions once.
long_flags_in() {
    grep -oE -- '--[A-Za-z0-9][A-Za-z0-9-]*' | sort -u
}

# env_vars_in: reads CLI11 help on stdin and prints the variables named as (Env:NAME).
env_vars_in() {
    grep -oE '\(Env:[A-Za-z_][A-Za-z0-9_]*\)' | sed -e 's/^(Env://' -e 's/)$//' | sort -u
}

# ---------------------------------------------------------------------------------------
# (a) groff renders the page with all warnings on and says nothing.
if [ ! -f "$MAN_PAGE" ]; then
    fail "the man page $MAN_PAGE exists"
    finish
    exit 1
fi
if command -v groff >/dev/null 2>&1; then
    RC=0
    OUT=$(groff -man -ww -z "$MAN_PAGE" 2>&1) || RC=$?
    ERR=""
    expect_rc 0 "groff -man -ww -z renders the man page"
    expect_eq "$OUT" "" "groff -man -ww -z prints no warnings"
    RC=0
    OUT=$(groff -man -ww -z -Tutf8 "$MAN_PAGE" 2>&1) || RC=$?
    expect_rc 0 "groff -man -ww -z -Tutf8 renders the man page"
    expect_eq "$OUT" "" "groff -man -ww -z -Tutf8 prints no warnings"
else
    OUT="" ERR="" RC=127
    fail "groff is installed (apt-get install groff-base), needed to check the man page"
fi

# The page's text as a reader sees it, on one line: comments dropped, roff escapes that a
# flag or command may carry (\-, \fB, \fI, \fR, \fP, \f(XX, \f[...], \&, \%) removed.
MAN_TEXT=$(sed -e '/^\.\\"/d' -e "/^'\\\\\"/d" "$MAN_PAGE" |
    sed -e 's/\\-/-/g' -e 's/\\f\[[^]]*\]//g' -e 's/\\f([A-Za-z][A-Za-z]//g' \
        -e 's/\\f[A-Za-z1-4]//g' -e 's/\\&//g' -e 's/\\%//g' -e 's/^\.[A-Za-z]* *//' \
        -e 's/"//g' |
    tr '\n' ' ')
MAN_TEXT=" $MAN_TEXT "

# mentions WORDS...: true when the page has the words in a row, as whole words.
mentions() {
    local pattern="" word
    for word in "$@"; do
        pattern+="${pattern:+[[:space:]]+}$(printf '%s' "$word" | sed -e 's/[.[\*^$]/\\&/g')"
    done
    printf '%s' "$MAN_TEXT" | grep -qE -- "(^|[^A-Za-z0-9_-])${pattern}([^A-Za-z0-9_-]|$)"
}

missing_commands=()
missing_flags=()
commands_checked=0
flags_checked=0

# check_flags WHERE HELP: every long flag in the help text HELP is in the page. (No pipe
# into it: the counters must survive, so the loop runs in this shell.)
check_flags() {
    local where=$1 help=$2 flag
    while IFS= read -r flag; do
        [ -n "$flag" ] || continue
        flags_checked=$((flags_checked + 1))
        if mentions "$flag"; then
            pass
        else
            missing_flags+=("$flag (from: peerlog ${where:-help})")
            OUT="" ERR="" RC=0
            fail "the man page mentions $flag, a flag of peerlog${where:+ $where}"
        fi
    done <<<"$(printf '%s\n' "$help" | long_flags_in)"
}

# walk WORDS...: checks the command WORDS (none: peerlog itself), its flags, and then each
# of its subcommands in turn.
walk() {
    local help sub
    help=$(help_of "$@")
    if [ "$#" -gt 0 ]; then
        commands_checked=$((commands_checked + 1))
        # A top-level command is written "peerlog CMD"; a deeper one "GROUP CMD".
        local found=1
        if [ "$#" -eq 1 ]; then
            mentions peerlog "$1" || found=0
        else
            mentions "${@: -2}" || found=0
        fi
        if [ "$found" -eq 1 ]; then
            pass
        else
            missing_commands+=("$*")
            OUT="$help" ERR="" RC=0
            fail "the man page mentions the command 'peerlog $*'"
        fi
    fi
    check_flags "$*" "$help"
    for sub in $(printf '%s\n' "$help" | subcommands_in); do
        if [ "$#" -lt 3 ]; then
            walk "$@" "$sub"
        fi
    done
}

# (b) + (c) from the overview and every command's help.
top_from_help=$("$PEERLOG" help </dev/null 2>/dev/null | subcommands_in)
top_from_flag=$(help_of | subcommands_in)
if [ -z "$top_from_help" ]; then
    echo "note: \`peerlog help\` lists no commands; using the list of \`peerlog --help\`" >&2
fi
top_commands=$(printf '%s\n%s\n' "$top_from_help" "$top_from_flag" | awk 'NF && !seen[$0]++')

check_flags "" "$(help_of)"
for command in $top_commands; do
    walk "$command"
done

# Guard against a parser that silently finds nothing: peerlog has commands and flags.
OUT="" ERR="" RC=0
if [ "$commands_checked" -ge 10 ]; then pass; else
    fail "the help texts list at least 10 commands (found $commands_checked; did the help format change?)"
fi
if [ "$flags_checked" -ge 20 ]; then pass; else
    fail "the help texts list at least 20 long flags (found $flags_checked; did the help format change?)"
fi

# Every environment variable an option reads is documented too.
for variable in $(help_of | env_vars_in); do
    if mentions "$variable"; then pass; else
        fail "the man page mentions the environment variable $variable"
    fi
done

if [ "${#missing_commands[@]}" -gt 0 ]; then
    printf 'commands missing from man/peerlog.1: %s\n' "${missing_commands[*]}" >&2
fi
if [ "${#missing_flags[@]}" -gt 0 ]; then
    printf 'flags missing from man/peerlog.1:\n' >&2
    printf '  %s\n' "${missing_flags[@]}" >&2
fi
echo "checked $commands_checked commands and $flags_checked flag mentions"

finish
