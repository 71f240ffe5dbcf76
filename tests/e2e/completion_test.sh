# Shell completions generated from the CLI11 definition: bash's function on partial command
# lines, zsh and fish scripts that parse, and peer codes from the journal.
source "$(dirname "$0")/lib.sh"

run peer add RJ-07
run peer add P1
run peer add P2
run peer close P2
run group add "Tuesday circle"
run group add Men

run completion bash
expect_rc 0 "completion bash"
printf '%s\n' "$OUT" >"$WORK/peerlog.bash"

# complete_reply LINE [WORD]: COMPREPLY, one a line, of bash's completion function for LINE with
# the cursor at its end, called as bash calls it: COMP_LINE, COMP_POINT, COMP_WORDS, COMP_CWORD,
# and as $2 the text readline replaces, WORD (by default LINE's last blank-separated word; after
# a quote left open readline's word starts after it: "Tues -> Tues; after a ':' or '=' too).
complete_reply() {
    local line=$1
    local word=${2-${line##* }}
    PATH="$(dirname "$PEERLOG"):$PATH" bash -c '
        source "$1"
        COMP_LINE=$2 COMP_POINT=${#2}
        read -r -a COMP_WORDS <<<"$2"
        [[ $2 == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        _peerlog peerlog "$3" "${COMP_WORDS[COMP_CWORD - 1]}"
        [ "${#COMPREPLY[@]}" -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' _ "$WORK/peerlog.bash" "$line" "$word" | sort
}
# complete_line LINE [WORD]: those words on one line, each followed by a space.
complete_line() { complete_reply "$@" | tr '\n' ' '; }

expect_eq "$(complete_line 'peerlog ses')" "session " "peerlog ses<Tab> -> session"
expect_eq "$(complete_line 'peerlog session a')" "add " "session a<Tab> -> add"
expect_eq "$(complete_line 'peerlog session add --sup')" "--support " "--sup<Tab> -> --support"
expect_eq "$(complete_line 'peerlog session add --support emo')" "emotional " "--support emo<Tab>"
expect_eq "$(complete_line 'peerlog session add --support emotional,in')" \
    "emotional,informational emotional,instrumental " "a comma list completes its last kind"
expect_eq "$(complete_line 'peerlog session add --support emotional,')" \
    "emotional,affiliational emotional,informational emotional,instrumental " \
    "a comma list offers no kind it already holds"
expect_eq "$(complete_line 'peerlog session add --support informational,emotional,i')" \
    "informational,emotional,instrumental " "nor any earlier one"
expect_eq "$(complete_line 'peerlog consent add P1 --share ')" \
    "assessments attendance contact goals notes referrals support " \
    "consent add --share <Tab> offers the categories"
expect_eq "$(complete_line 'peerlog consent add P1 --share attendance,n')" \
    "attendance,notes " "and completes a comma list of them"
expect_eq "$(complete_line 'peerlog session add --peer ')" "P1 P2 RJ-07 " \
    "--peer <Tab> lists the journal's codes"
expect_eq "$(complete_line 'peerlog session add --peer RJ-07 --modality ')" \
    "in-person phone text video " "--modality <Tab>"
expect_eq "$(complete_line 'peerlog session add --setting tr')" "treatment-centre " "--setting"
expect_eq "$(complete_line 'peerlog peer show R')" "RJ-07 " "a peer code as a positional"
expect_eq "$(complete_line 'peerlog --journal /tmp/x.db pe')" "peer " "after a global option"
expect_eq "$(complete_line 'peerlog -q session a')" "add " "a flag takes no value"
expect_eq "$(complete_line 'peerlog session add --editor --peer R')" "RJ-07 " \
    "an option after a flag still completes its value"
formats=$(complete_line 'peerlog report summary --format ')
[[ $formats == *"json "* && $formats == *"markdown "* && $formats != *ndjson* ]] && pass ||
    fail "formats come from the command's own definition (got '$formats')"
expect_eq "$(complete_line 'peerlog peer add X --stage ')" "early late mid sustained " "--stage"
expect_eq "$(complete_line 'peerlog -q')" "-q " "global flags"
expect_eq "$(complete_line 'peerlog import ')" "peers sessions " "import's subcommands"
expect_eq "$(complete_line 'peerlog help rep')" "report " "help completes commands"
expect_eq "$(complete_line 'peerlog completion ')" "bash fish zsh " "completion's shells"
expect_eq "$(complete_line 'peerlog __')" "" "the hidden command is not offered"
# Values from the journal: attendees (a comma list of codes) and groups.
expect_eq "$(complete_line 'peerlog session add --group Men --attendee ')" "P1 P2 RJ-07 " \
    "--attendee <Tab> lists the journal's codes"
expect_eq "$(complete_line 'peerlog session add --group Men --attendee P1,R')" "P1,RJ-07 " \
    "--attendee completes the last code of a comma list"
expect_eq "$(complete_line 'peerlog session add --group Men --attendee P1,')" "P1,P2 P1,RJ-07 " \
    "--attendee offers no code already listed"
expect_eq "$(complete_line 'peerlog session add --group ')" 'Men Tuesday\ circle ' \
    "--group <Tab> lists the journal's groups, quoted"
expect_eq "$(complete_line 'peerlog session add --group T')" 'Tuesday\ circle ' "--group T<Tab>"
expect_eq "$(complete_line 'peerlog session list --group M')" "Men " "session list --group"
expect_eq "$(complete_line 'peerlog group show ')" 'Men Tuesday\ circle ' "group show NAME"
expect_eq "$(complete_line 'peerlog group add ')" "" "group add names a new group: nothing"
# A new code: offering the codes in use would only offer conflicts (exit 9).
expect_eq "$(complete_line 'peerlog peer add ')" "" "peer add <Tab> offers no existing code"
expect_eq "$(complete_line 'peerlog peer add R')" "" "peer add R<Tab> neither"
expect_eq "$(complete_line 'peerlog peer forget R')" "RJ-07 " "peer forget still completes codes"
# help COMMAND <Tab>: the subcommands of that command.
expect_eq "$(complete_line 'peerlog help session ')" \
    "$(complete_line 'peerlog session ')" "help session <Tab> offers the session subcommands"
expect_eq "$(complete_line 'peerlog help session a')" "add " "help session a<Tab>"
expect_eq "$(complete_line 'peerlog help import ')" "peers sessions " "help import <Tab>"
expect_eq "$(complete_line 'peerlog help session add ')" "" "help session add <Tab>: nothing more"
# Every option once: --help is not listed twice.
for line in 'peerlog session add --' 'peerlog --' 'peerlog report summary --' 'peerlog peer --'; do
    opts=$(complete_line "$line" | tr ' ' '\n' | grep .)
    expect_eq "$(sort <<<"$opts" | uniq -d | tr '\n' ' ')" "" "no option twice in '$line<Tab>'"
    expect_eq "$(grep -cx -- --help <<<"$opts")" "1" "--help once in '$line<Tab>'"
done

# The peer codes come from a hidden command that prints them and nothing else.
run __complete peers
expect_rc 0 "__complete peers"
expect_eq "$OUT" $'P1\nP2\nRJ-07' "every code, closed ones too"
PEERLOG_JOURNAL="$WORK/none.db" run __complete peers
expect_eq "$RC/$OUT" "0/" "no journal: no codes, no error"
expect_eq "$([ -e "$WORK/none.db" ] && echo created)" "" "and no journal is created"
run __complete groups
expect_eq "$RC/$OUT" $'0/Men\nTuesday circle' "__complete groups: every group, one a line"
# A group name with a control character (from before names were checked) would complete to
# caret text that names no group: it is left out, not mangled.
sqlite3 "$JOURNAL" "INSERT INTO peer_group (name, created_at) VALUES ('Bad' || char(27) || '[31mname', '2026-11-01T10:00:00')"
run __complete groups
expect_eq "$RC/$OUT" $'0/Men\nTuesday circle' "__complete groups leaves out a name with a control character"
sqlite3 "$JOURNAL" "DELETE FROM peer_group WHERE name LIKE 'Bad%'"
PEERLOG_JOURNAL="$WORK/none.db" run __complete groups
expect_eq "$RC/$OUT" "0/" "no journal: no groups"
run __complete goals
expect_rc 2 "__complete of something else is a usage error"

run completion zsh
expect_rc 0 "completion zsh"
if command -v zsh >/dev/null; then
    printf '%s\n' "$OUT" >"$WORK/_peerlog"
    zsh -n "$WORK/_peerlog" && pass || fail "the zsh script parses"
fi
# A real interactive zsh (in a pseudo-terminal) completes `peerlog ses<Tab>` through compinit.
if command -v zsh >/dev/null && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
    mkdir -p "$WORK/zfunctions"
    cp "$WORK/_peerlog" "$WORK/zfunctions/_peerlog"
    OUT=$(cd "$WORK" && timeout 60 zsh -f -c '
        zmodload zsh/zpty
        zpty z zsh -f -i
        zpty -w z "fpath=($1 \$fpath); autoload -U compinit; compinit -u -D; PATH=$2:\$PATH"
        zpty -w -n z "peerlog ses"$'"'"'\t'"'"'
        zpty -r z line "*peerlog session*" && print found
        zpty -d z' _ "$WORK/zfunctions" "$(dirname "$PEERLOG")" 2>&1 | tail -1)
    expect_eq "$OUT" "found" "interactive zsh completes peerlog ses<Tab> to session"
fi
if command -v zsh >/dev/null; then
    # zsh_complete SCRIPT LINE: the words zsh's completion function for peerlog hands compadd
    # for LINE (completing its last word), with `words` and CURRENT as compsys sets them. The
    # script is sourced as in peerlog-completion(1), in a zsh with no compinit run before.
    zsh_complete() {
        PATH="$(dirname "$PEERLOG"):$PATH" zsh -f -c '
            source "$1" || exit 9
            # compsys keeps the matches that start with the word being completed (PREFIX).
            compadd() {
                local a
                for a in "$@"; do
                    [[ $a == -* || $a != "${words[CURRENT]}"* ]] || print -r -- "$a"
                done
            }
            words=(${(z)2})
            [[ $2 == *" " ]] && words+=("")
            CURRENT=${#words}
            eval "${_comps[peerlog]}"' _ "$1" "$2" 2>&1 | sort | tr '\n' ' '
    }
    OUT=$(zsh -f -c 'source "$1"' _ "$WORK/_peerlog" 2>&1)
    expect_eq "$OUT" "" "source <(peerlog completion zsh) without compinit: no error (compdef)"
    expect_eq "$(zsh_complete "$WORK/_peerlog" 'peerlog session add --peer R')" "RJ-07 " \
        "zsh: --peer R<Tab> completes a code from the journal (PATH intact)"
    expect_eq "$(zsh_complete "$WORK/_peerlog" 'peerlog session add --group Men --attendee P')" \
        "P1 P2 " "zsh: --attendee P<Tab>"
    expect_eq "$(zsh_complete "$WORK/_peerlog" 'peerlog help session l')" "list " \
        "zsh: help session l<Tab>"
    expect_eq "$(zsh_complete "$WORK/_peerlog" 'peerlog ses')" "session " "zsh: ses<Tab>"
    expect_eq "$(zsh_complete "$WORK/_peerlog" 'peerlog session add --support emotional,')" \
        "emotional,affiliational emotional,informational emotional,instrumental " \
        "zsh: a comma list offers no kind it already holds"
fi
# The same in a real interactive zsh, through compinit and fpath: --peer R<Tab> inserts the
# rest of the only code that starts with R (with `path` as a variable name, PATH was emptied
# and nothing came: this waited in vain).
if command -v zsh >/dev/null && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
    OUT=$(cd "$WORK" && timeout 30 zsh -f -c '
        zmodload zsh/zpty
        zpty z zsh -f -i
        zpty -w z "fpath=($1 \$fpath); autoload -U compinit; compinit -u -D; PATH=$2:\$PATH"
        zpty -w -n z "peerlog session add --peer R"$'"'"'\t'"'"'
        zpty -r z line "*J-07*" && print found
        zpty -d z' _ "$WORK/zfunctions" "$(dirname "$PEERLOG")" 2>&1 | tail -1)
    expect_eq "$OUT" "found" "interactive zsh completes --peer R<Tab> to a code from the journal"
fi
run completion fish
expect_rc 0 "completion fish"
expect_out_has "complete -c peerlog" "fish complete lines"
if command -v fish >/dev/null; then
    printf '%s\n' "$OUT" >"$WORK/peerlog.fish"
    fish -n "$WORK/peerlog.fish" && pass || fail "the fish script parses"
    fish_complete() { fish -c 'source $argv[1]; complete -C $argv[2]' "$WORK/peerlog.fish" "$1" | cut -f1 | sort | tr '\n' ' '; }
    expect_eq "$(fish_complete 'peerlog ses')" "session " "fish: peerlog ses<Tab>"
    expect_eq "$(fish_complete 'peerlog session add --support emo')" "emotional " "fish: --support"
    expect_eq "$(fish_complete 'peerlog session add --support emotional,')" \
        "emotional,affiliational emotional,informational emotional,instrumental " \
        "fish: a comma list offers no kind it already holds"
    expect_eq "$(PATH="$(dirname "$PEERLOG"):$PATH" fish_complete 'peerlog session add --peer ')" \
        "P1 P2 RJ-07 " "fish: --peer lists the journal's codes"
    expect_eq "$(PATH="$(dirname "$PEERLOG"):$PATH" fish_complete 'peerlog session add --group Men --attendee ')" \
        "P1 P2 RJ-07 " "fish: --attendee lists the journal's codes"
    expect_eq "$(PATH="$(dirname "$PEERLOG"):$PATH" fish_complete 'peerlog session add --group Men --attendee P1,R')" \
        "P1,RJ-07 " "fish: --attendee completes the last code of a comma list"
    expect_eq "$(PATH="$(dirname "$PEERLOG"):$PATH" fish_complete 'peerlog session add --group Men --attendee P1,')" \
        "P1,P2 P1,RJ-07 " "fish: --attendee offers no code already listed"
    expect_eq "$(PATH="$(dirname "$PEERLOG"):$PATH" fish_complete 'peerlog session add --group ')" \
        "Men Tuesday circle " "fish: --group lists the journal's groups"
    expect_eq "$(PATH="$(dirname "$PEERLOG"):$PATH" fish_complete 'peerlog peer add ')" "" \
        "fish: peer add <Tab> offers no existing code"
    expect_eq "$(fish_complete 'peerlog help session ')" "$(fish_complete 'peerlog session ')" \
        "fish: help session <Tab> offers the session subcommands"
    expect_eq "$(fish_complete 'peerlog help rep')" "report " "fish: help rep<Tab>"
    expect_eq "$(fish_complete 'peerlog session add --' | tr ' ' '\n' | grep -cx -- --help)" "1" \
        "fish: --help once"
fi

# Quoted and escaped words. Names from the journal come back written for the command line as
# the word was begun: unquoted (backslashes), inside an open "..." or '...', after a backslash
# or a ':' readline broke the word at; and a hostile name is never expanded or run.
for shell in zsh fish python3; do
    command -v $shell >/dev/null && pass || fail "$shell is installed (.ci/install-deps)"
done
NAMES="$WORK/names/journal.db"
pwned="$WORK/pwned"
hostile_names=('Tuesday Sharing Circle' 'Quote "Big" Group' "It's ours" 'Cost $5 \ more'
    "\$(touch $pwned-1)" "\`touch $pwned-2\`" 'Glob * [a] ?' 'Bang!now' 'AA: Monday'
    'x=y {a,b} ~me #1 & ; | <>' 'Café Ünïcode')
for name in "${hostile_names[@]}"; do
    PEERLOG_JOURNAL="$NAMES" run group add "$name"
    expect_rc 0 "group add $name"
done
for code in P1 RJ-07; do PEERLOG_JOURNAL="$NAMES" run peer add $code; done
PEERLOG_JOURNAL="$NAMES" run resource add "Food Bank (North)" --category food
PEERLOG_JOURNAL="$NAMES" run resource add "Joe's \$5 Shelter" --category housing
export PEERLOG_JOURNAL="$NAMES" PATH="$(dirname "$PEERLOG"):$PATH"
# Glob characters in a name would match these if a completion left them unquoted.
mkdir -p "$WORK/cwd" && touch "$WORK/cwd/a" "$WORK/cwd/Glob-x"
cd "$WORK/cwd" || exit 1

# bash: the exact text each completion puts after readline's word start ($2).
g='peerlog session add --group'
expect_eq "$(complete_reply "$g Tues")" 'Tuesday\ Sharing\ Circle' "bash: Tues -> backslashes"
expect_eq "$(complete_reply "$g \"Tues" Tues)" 'Tuesday Sharing Circle' \
    'bash: "Tues -> inside the double quotes (readline closes them)'
expect_eq "$(complete_reply "$g 'Tues" Tues)" 'Tuesday Sharing Circle' "bash: 'Tues -> inside"
expect_eq "$(complete_reply "$g Tuesday\\ S" 'Tuesday\ S')" 'Tuesday\ Sharing\ Circle' \
    'bash: Tuesday\ S -> the escaped prefix completes'
expect_eq "$(complete_reply "$g Tue\"sday S" 'sday S')" 'sday Sharing Circle' \
    'bash: Tue"sday S -> written from the open quote on'
expect_eq "$(complete_reply "$g \"Quo" Quo)" 'Quote \"Big\" Group' 'bash: "Quo -> \" inside "..."'
expect_eq "$(complete_reply "$g 'It" It)" "It'\\''s ours" "bash: 'It -> '\\'' inside '...'"
expect_eq "$(complete_reply "$g It")" "It\\'s\\ ours" "bash: It -> It\\'s\\ ours"
expect_eq "$(complete_reply "$g \"Cost" Cost)" 'Cost \$5 \\ more' 'bash: $ and \ escaped in "..."'
expect_eq "$(complete_reply "$g Cost")" 'Cost\ \$5\ \\\ more' 'bash: $ and \ escaped unquoted'
expect_eq "$(complete_reply "$g \\\$" '\$')" "\\\$\\(touch\\ $pwned-1\\)" \
    'bash: \$ -> the command substitution stays text'
expect_eq "$(complete_reply "$g '\`" '`')" "\`touch $pwned-2\`" "bash: '\` -> literal in '...'"
expect_eq "$(complete_reply "$g \"\\\`" '\`')" "\\\`touch $pwned-2\\\`" 'bash: "\` -> \` in "..."'
expect_eq "$(complete_reply "$g \"Ban" Ban)" "Bang\"'!'\"now" \
    'bash: "Ban -> ! out of the double quotes (history expansion)'
expect_eq "$(complete_reply "$g Glo")" 'Glob\ \*\ \[a\]\ \?' 'bash: glob characters escaped'
expect_eq "$(complete_reply "$g AA:\\ M" '\ M')" '\ Monday' \
    "bash: AA:\\ M -> from readline's word after the ':' on"
expect_eq "$(complete_reply "$g x=" '')" 'y\ \{a,b\}\ \~me\ \#1\ \&\ \;\ \|\ \<\>' \
    "bash: x= -> from readline's word after the '=' on"
expect_eq "$(complete_reply "$g Caf")" 'Café\ Ünïcode' 'bash: letters beyond ASCII as they are'
expect_eq "$(complete_reply "peerlog session add --group=Tues" Tues)" 'Tuesday\ Sharing\ Circle' \
    'bash: --group=Tues completes the value after the ='
expect_eq "$(complete_reply "peerlog session add --group Men --attendee \"P1,R" 'P1,R')" \
    'P1,RJ-07' 'bash: a quoted comma list of codes'
expect_eq "$(complete_reply "peerlog referral add --resource \"Foo" Foo)" 'Food Bank (North)' \
    'bash: --resource completes resource names, quoted'
expect_eq "$(complete_reply "peerlog referral add --resource Jo")" "Joe\\'s\\ \\\$5\\ Shelter" \
    'bash: --resource Jo'
expect_eq "$(complete_reply "peerlog --journal '$NAMES' session add --group 'Tues" Tues)" \
    'Tuesday Sharing Circle' 'bash: a quoted --journal path is read unquoted'
expect_eq "$(complete_reply "$g \"Tues" 'other')" '' \
    "bash: a word readline does not replace gets no completion rather than a wrong one"
# Each reply read back by bash as the command line would be (with readline's closing quote):
# the name itself, nothing run.
read_back() { # TYPED NAME
    local quote="" word=$1 reply
    [[ $1 == [\"\']* ]] && quote=${1:0:1} word=${1:1}
    reply=$(complete_reply "$g $1" "$word")
    expect_eq "$(bash -c "printf '%s' $quote$reply$quote")" "$2" "bash: $1<Tab> reads back as '$2'"
}
read_back Tues 'Tuesday Sharing Circle'
read_back '"Tues' 'Tuesday Sharing Circle'
read_back "'Tues" 'Tuesday Sharing Circle'
read_back '"Quo' 'Quote "Big" Group'
read_back "'It" "It's ours"
read_back It "It's ours"
read_back '"Cost' 'Cost $5 \ more'
read_back Cost 'Cost $5 \ more'
read_back '"Ban' 'Bang!now'
read_back Glo 'Glob * [a] ?'
read_back '\$' "\$(touch $pwned-1)"
read_back "'\`" "\`touch $pwned-2\`"
read_back '"\`' "\`touch $pwned-2\`"

# zsh: the names handed to compadd (after its `-`) are the names themselves; zsh quotes them
# for the word as it was begun.
zsh_offers() {
    zsh -f -c '
        source "$1" || exit 9
        compadd() { while (($#)) && [[ $1 != - ]]; do shift; done; (($# > 1)) && print -rl -- "${@:2}"; }
        words=(${(z)2})
        CURRENT=${#words}
        eval "${_comps[peerlog]}"' _ "$WORK/_peerlog" "$1" 2>&1 | sort
}
expect_eq "$(zsh_offers "$g \"Tues")" 'Tuesday Sharing Circle' 'zsh: "Tues offers the name'
expect_eq "$(zsh_offers "$g 'Tuesday S")" 'Tuesday Sharing Circle' "zsh: 'Tuesday S"
expect_eq "$(zsh_offers "$g Tuesday\\ S")" 'Tuesday Sharing Circle' 'zsh: Tuesday\ S'
expect_eq "$(zsh_offers "$g \\\$")" "\$(touch $pwned-1)" 'zsh: \$ offers the literal name'
expect_eq "$(zsh_offers "$g \"Cost")" 'Cost $5 \ more' 'zsh: "Cost offers the literal name'

# fish unquotes the typed token and quotes what it inserts itself: it is offered the names.
fish_offers() {
    fish -c 'source $argv[1]; complete -C $argv[2]' "$WORK/peerlog.fish" "$1" | cut -f1 | sort
}
expect_eq "$(fish_offers "$g \"Tues")" 'Tuesday Sharing Circle' 'fish: "Tues'
expect_eq "$(fish_offers "$g 'Tues")" 'Tuesday Sharing Circle' "fish: 'Tues"
expect_eq "$(fish_offers "$g Tuesday\\ S")" 'Tuesday Sharing Circle' 'fish: Tuesday\ S'
expect_eq "$(fish_offers "peerlog session add --group Men --attendee \"P1,R")" 'P1,RJ-07' \
    'fish: a quoted comma list of codes'
expect_eq "$(fish_offers "peerlog session add --support 'emotional,inf")" \
    'emotional,informational' 'fish: a quoted comma list of kinds'
expect_eq "$(fish_offers "peerlog referral add --resource \"Foo")" 'Food Bank (North)' \
    'fish: --resource completes resource names'
expect_eq "$(PEERLOG_JOURNAL=$WORK/none.db fish_offers "peerlog --journal '$NAMES' session add --group Tues")" \
    'Tuesday Sharing Circle' 'fish: names come from the journal --journal names'

# A real interactive bash, zsh and fish each complete a line with Tab and then run it (as
# `printf '%s\n' LINE`): the last word must come out as the name, and nothing in it run.
lines=("$g Tues" "$g \"Tues" "$g 'Tues" "$g Tuesday\\ S" "$g \"Tuesday S" "$g \"Quo" "$g 'Quo"
    "$g 'It" "$g \"It" "$g It" "$g \"Cost" "$g 'Cost" "$g Cost" "$g \\\$" "$g '\$" "$g \"\\\$"
    "$g \\\`" "$g '\`" "$g Glo" "$g \"Glo" "$g Ban" "$g \"Ban" "$g 'Ban" "$g AA"
    "$g AA:" "$g x=" "$g \"x" "$g Caf" "peerlog session add --group=Tuesday\\ S"
    "peerlog referral add --resource \"Foo")
expected=('Tuesday Sharing Circle' 'Tuesday Sharing Circle' 'Tuesday Sharing Circle'
    'Tuesday Sharing Circle' 'Tuesday Sharing Circle' 'Quote "Big" Group' 'Quote "Big" Group'
    "It's ours" "It's ours" "It's ours" 'Cost $5 \ more' 'Cost $5 \ more' 'Cost $5 \ more'
    "\$(touch $pwned-1)" "\$(touch $pwned-1)" "\$(touch $pwned-1)" "\`touch $pwned-2\`"
    "\`touch $pwned-2\`" 'Glob * [a] ?' 'Glob * [a] ?' 'Bang!now' 'Bang!now'
    'Bang!now' 'AA: Monday' 'AA: Monday' 'x=y {a,b} ~me #1 & ; | <>' 'x=y {a,b} ~me #1 & ; | <>'
    'Café Ünïcode' '--group=Tuesday Sharing Circle' 'Food Bank (North)')
tools="$PEERLOG_SOURCE_DIR/tests/e2e/tools"
mkdir -p "$WORK/pty-bash" "$WORK/pty-zsh" "$WORK/pty-fish"
printf '%s\n' "${lines[@]}" | python3 "$tools/pty_complete.py" "$WORK/pty-bash" \
    "PS1='READY> '; source $WORK/peerlog.bash" -- bash --norc --noprofile -i >"$WORK/pty-bash.out" &
printf '%s\n' "${lines[@]}" | python3 "$tools/pty_complete.py" "$WORK/pty-zsh" \
    "PS1='READY> '; autoload -U compinit; compinit -u -D; source $WORK/_peerlog" \
    -- zsh -f -i >"$WORK/pty-zsh.out" &
printf '%s\n' "${lines[@]}" | python3 "$tools/pty_complete.py" "$WORK/pty-fish" \
    "function fish_prompt; echo -n 'READY> '; end; source $WORK/peerlog.fish" \
    -- fish --no-config -i >"$WORK/pty-fish.out" &
wait
for shell in bash zsh fish; do
    mapfile -t got <"$WORK/pty-$shell.out"
    for i in "${!lines[@]}"; do
        expect_eq "${got[i]-}" "${expected[i]}" "$shell: ${lines[i]}<Tab> then Enter"
    done
done
expect_eq "$(ls "$WORK" | grep -c pwned)" "0" "no name was run by any shell"
cd "$WORK" || exit 1
unset PEERLOG_JOURNAL

run completion tcsh
expect_rc 2 "an unknown shell is a usage error"

finish
