# A command line CLI11 refuses: the message names what help shows, the usage line of the
# command follows, a near flag or subcommand is suggested, and a note or comment typed on the
# refused line is kept as a draft. Also `peerlog help GROUP` off a terminal.
source "$(dirname "$0")/lib.sh"

DRAFTS="$XDG_STATE_HOME/peerlog/drafts"
check() { if eval "$1"; then pass; else fail "$2"; fi; }
# the_draft: the draft file the last error names.
the_draft() { printf '%s' "$ERR" | grep -o "$DRAFTS/[^ ;]*\.txt" | head -n1; }
# expect_draft TEXT WHAT: the last error names a draft holding TEXT, private.
expect_draft() {
    local draft expected=$1
    draft=$(the_draft)
    check '[ -n "$draft" ] && [ -f "$draft" ] && [ "$(cat "$draft")" = "$expected" ]' \
        "$2: the draft holds it"
    check '[ -n "$draft" ] && [ "$(stat -c %a "$draft")" = 600 ]' "$2: the draft is private"
}

run peer add P
expect_rc 0 "peer add P"
run session add --peer P --support emotional --duration 30m
expect_rc 0 "session add"

# ---- a note typed on a refused command line is kept --------------------------------------
run_with_input "PIPED" session add --peer P --support emotional --note -
expect_rc 2 "session add without --duration"
expect_err_has "--duration is required" "says what is missing"
expect_err_has "Your note was kept in $DRAFTS/" "says where the piped note is"
expect_err_has "add it with --note - < $DRAFTS/" "and how to give it back"
expect_draft "PIPED" "a piped note of a usage error"

run_with_input "PIPED TOO" session edit 1 --note - --bogus
expect_rc 2 "session edit with an unknown flag"
expect_draft "PIPED TOO" "a piped note of session edit"

run session add --peer P --support emotional --duration 30m --note "TEXT typed" --bogus
expect_rc 2 "--note TEXT with an unknown flag"
expect_draft "TEXT typed" "a note given as an argument"

run session edit 1 --note=EQUALS --bogus
expect_rc 2 "--note=TEXT with an unknown flag"
expect_draft "EQUALS" "a note given as --note=TEXT"

run session add --peer P --support emotional --duration 30m --nte "misspelt flag's text"
expect_rc 2 "a misspelt --note"
expect_draft "misspelt flag's text" "the text after a misspelt --note"

run session review 1 --by Sup --comment "review words" --bogus
expect_rc 2 "session review with an unknown flag"
expect_err_has "Your comment was kept in $DRAFTS/" "a comment is kept too"
expect_draft "review words" "a comment of a usage error"

run checkin add --stress 2 --note "how I am" --bogus
expect_rc 2 "checkin add with an unknown flag (no --energy either)"
expect_draft "how I am" "a check-in note of a usage error"

drafts_before=$(ls "$DRAFTS" | wc -l)
run session add --peer P --support emotional --note -
expect_rc 2 "--note - with nothing piped"
expect_eq "$(ls "$DRAFTS" | wc -l)" "$drafts_before" "no empty draft is made"
run session add --peer P --support emotional
expect_rc 2 "no note at all"
expect_err_lacks "kept in" "and nothing is said about a draft"

# ---- a note refused by the library is kept ------------------------------------------------
run checkin add --stress 9 --energy 3 --note "typed in a bad check-in"
expect_rc 3 "stress 9 is refused"
expect_err_has "Your note was kept in $DRAFTS/" "the check-in note is kept"
expect_draft "typed in a bad check-in" "a refused check-in's note"

run session review 1 --by "" --comment "typed in a bad review"
expect_rc 3 "a blank reviewer is refused"
expect_err_has "Your comment was kept in $DRAFTS/" "the comment is kept"
expect_draft "typed in a bad review" "a refused review's comment"

# ---- the message, the usage line, the subcommands, a suggestion ----------------------------
run session
expect_rc 2 "session alone"
expect_err_has "Usage: peerlog session [OPTIONS] SUBCOMMAND" "shows session's usage"
expect_err_has "Subcommands: add, list, show, edit, review, rm" "lists its subcommands"
expect_err_has "peerlog help session" "points to its help"

run backup
expect_rc 2 "backup without FILE"
expect_err_has "FILE is required" "names the positional as help does"
expect_err_lacks "file is required" "not by its internal name"
expect_err_has "Usage: peerlog backup [OPTIONS] FILE" "shows backup's usage"

run report team
expect_rc 2 "report team without files"
expect_err_has "name export files (or directories of them), or the team database with --database URL" \
    "says it needs files or the team database"

run session show
expect_rc 2 "session show without an id"
expect_err_has "ID is required" "names the id as help does"
expect_err_has "Usage: peerlog session show [OPTIONS] ID" "shows session show's usage"

run session add --peer P --support emotional --duration 30m --not x
expect_rc 2 "a misspelt flag"
expect_err_has "not expected: --not x" "the words in the order typed"
expect_err_has "did you mean --note?" "suggests the near flag"
expect_err_has "Usage: peerlog session add [OPTIONS]" "shows session add's usage"

run session add --peer P --support emotional --duration 30m --zzzzzzzz
expect_rc 2 "a flag near nothing"
expect_err_lacks "did you mean" "suggests nothing"

run session ad
expect_rc 2 "a misspelt subcommand"
expect_err_has "did you mean add?" "suggests the near subcommand"

run sesion list
expect_rc 2 "a misspelt command"
expect_err_has "unknown command 'sesion'; did you mean session?" "suggests the near command"
run $'sess\nFAKE: all is well'
expect_rc 2 "a command word with a line break is refused"
expect_eq "$(grep -c '^FAKE' <<<"$ERR")" "0" "and its line break cannot print a line of its own"
run session add --peer P1 --support emotional --duration 5m $'--nte\nFAKE: saved'
expect_eq "$(grep -c '^FAKE' <<<"$ERR")" "0" "nor can a flag's"

# ---- help off a terminal ----------------------------------------------------------------------
run help session
expect_rc 0 "help session off a terminal"
expect_out_has "  add " "lists the subcommands"
expect_out_has "peerlog help session add" "says how to see a subcommand's flags"
run help session add
expect_rc 0 "help session add off a terminal"
expect_out_has "Usage: peerlog session add [OPTIONS]" "shows its usage"
expect_out_has "--duration DUR" "and its flags"
run help backup
expect_out_has "Usage: peerlog backup [OPTIONS] FILE" "help shows the positional in upper case"

# ---- the command list ---------------------------------------------------------------------------
# `peerlog help`, `--help` and no command declare the top-level commands alone (start-up builds
# nothing under them): the list must be the whole tree's, each line its command's own.
run help
expect_rc 0 "help lists the commands"
help_text=$OUT
listed=$(sed -n '/^Subcommands:/,$p' <<<"$help_text" | awk 'NR > 1 && NF { print $1 }')
expect_eq "$("$PEERLOG" --help)" "$help_text" "--help prints the same list"
expect_eq "$("$PEERLOG")" "$help_text" "and so does peerlog alone"
run -q # no command, no help: the whole tree, whose error names every command
expect_rc 2 "no command is a usage error"
whole=$(sed -n 's/^Subcommands: //p' <<<"$ERR" | tr -d ' ' | tr ',' '\n')
expect_eq "$(wc -w <<<"$listed")" "24" "help lists 24 commands"
expect_eq "$listed" "$whole" "the list names every command of the whole tree, in its order"
for name in $listed; do
    line=$(sed -n "s/^  $name  *//p" <<<"$help_text")
    [ "$name" = help ] && continue # its own --help is the help command's
    expect_eq "$("$PEERLOG" "$name" --help | head -1)" "$line" "$name: its line is its own help's"
done
expect_eq "$(grep -c __complete <<<"$help_text")" "0" "the hidden __complete is not listed"

finish
