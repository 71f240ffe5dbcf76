// `peerlog completion bash|zsh|fish`: shell completions generated from the CLI11 definition,
// and the hidden `peerlog __complete peers|groups|resources` they call for names in the journal.
#include "command_list.hpp"
#include "commands.hpp"

#include "peerlog/error.hpp"
#include "peerlog/group.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/referral.hpp"
#include "peerlog/safe_text.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <regex>
#include <sstream>

namespace peerlog::cli {
namespace {

/// One option of one command, as a completion script needs it.
struct OptionEntry {
    std::vector<std::string> names; ///< "--peer", "-q"
    std::string values;             ///< "" for a flag; else a value spec (see value_spec)
    std::string description;
};

/// One command in the tree: its path ("" for peerlog itself, "session add"), subcommands,
/// options and what its positional argument takes.
struct CommandEntry {
    std::string path;
    std::vector<std::pair<std::string, std::string>> subcommands; ///< name, description
    std::vector<OptionEntry> options;
    std::string positional; ///< value spec of its first positional, or ""
};

// "table, csv or json (default)" -> "table csv json"; "" unless every part is one word.
std::string words_of_description(std::string text) {
    text = std::regex_replace(text, std::regex(R"(\s*\([^)]*\))"), "");
    text = std::regex_replace(text, std::regex(R"(,? or )"), ", ");
    std::vector<std::string> words;
    std::stringstream parts(text);
    std::string part;
    static const std::regex k_word("[a-z][a-z-]*");
    while (std::getline(parts, part, ',')) {
        part = std::regex_replace(part, std::regex(R"(^\s+|\s+$)"), "");
        if (!std::regex_match(part, k_word)) {
            return "";
        }
        words.push_back(part);
    }
    std::string joined;
    for (const auto& word : words) {
        joined += (joined.empty() ? "" : " ") + word;
    }
    return joined;
}

// What an option's value completes to: @peers (codes from the journal), @peer-list (a comma
// list of them), @groups and @resources (group and resource names from the journal), @files,
// @commands (the commands below the ones already typed after `help`), words:A B C (one of them),
// csv:A B C (a comma list of them), or "any" (free text).
std::string value_spec(const CLI::Option* option) {
    std::string type = option->get_type_name();
    std::string name = option->get_name();
    if (type == "CODE" || name == "code") {
        return "@peers";
    }
    if (type == "CODE[,CODE...]") {
        return "@peer-list";
    }
    if (name == "--group") {
        return "@groups";
    }
    if (name == "--resource") {
        return "@resources";
    }
    if (type == "FILE" || type == "PATH" || name == "file") {
        return "@files";
    }
    if (name == "command") {
        return "@commands";
    }
    if (type == "DATE") {
        return "words:today yesterday tomorrow";
    }
    if (type == "WEEK" || type == "MONTH") {
        return "words:this last";
    }
    // Enumerations list their values in the description, which is the single place they are
    // named on the command line: "emotional, informational, instrumental, affiliational".
    std::string words = words_of_description(option->get_description());
    bool is_list = type.find("[,") != std::string::npos;
    if (!words.empty()) {
        return (is_list ? "csv:" : "words:") + words;
    }
    if (is_list) { // "KIND[,KIND...]" described with a trailing note
        std::string before_note =
            option->get_description().substr(0, option->get_description().find(" ("));
        words = words_of_description(before_note);
        return words.empty() ? "any" : "csv:" + words;
    }
    return "any";
}

void collect(const CLI::App* app, const std::string& path, std::vector<CommandEntry>& out) {
    CommandEntry entry;
    entry.path = path;
    for (const CLI::Option* option : app->get_options()) {
        // A subcommand's own help flag, once: the global one is offered beside its options.
        if (!path.empty() && option == app->get_help_ptr()) {
            continue;
        }
        if (option->get_positional() && !option->nonpositional()) {
            if (entry.positional.empty()) {
                entry.positional = value_spec(option);
            }
            continue;
        }
        OptionEntry item;
        for (const auto& name : option->get_snames()) {
            item.names.push_back("-" + name);
        }
        for (const auto& name : option->get_lnames()) {
            item.names.push_back("--" + name);
        }
        item.values = option->get_expected_max() == 0 ? "" : value_spec(option); // a flag: none
        item.description = option->get_description();
        entry.options.push_back(item);
    }
    if (path == "peer add") {
        entry.positional = ""; // a new code: every code in the journal would be a conflict
    } else if (path == "group show") {
        entry.positional = "@groups";
    }
    std::vector<const CLI::App*> children =
        app->get_subcommands([](const CLI::App* child) { return !child->get_group().empty(); });
    for (const CLI::App* child : children) {
        entry.subcommands.emplace_back(child->get_name(), child->get_description());
    }
    out.push_back(entry);
    for (const CLI::App* child : children) {
        collect(child, path.empty() ? child->get_name() : path + " " + child->get_name(), out);
    }
}

std::string joined_names(const std::vector<std::pair<std::string, std::string>>& items) {
    std::string text;
    for (const auto& [name, description] : items) {
        text += (text.empty() ? "" : " ") + name;
    }
    return text;
}

std::string option_names(const CommandEntry& command) {
    std::string text;
    for (const auto& option : command.options) {
        for (const auto& name : option.names) {
            text += (text.empty() ? "" : " ") + name;
        }
    }
    return text;
}

constexpr const char* k_bash_functions = R"bash(
# _peerlog_spec PATH OPTION: the value spec of OPTION under PATH, or of a global option.
_peerlog_spec() {
    local spec
    spec=$(_peerlog_values "$1|$2")
    [[ -z $spec ]] && spec=$(_peerlog_values "|$2")
    printf '%s' "$spec"
}

# _peerlog_journal_words WHAT: peer codes, group or resource names from the journal, one a line.
_peerlog_journal_words() {
    "${_peerlog_words[0]}" "${_peerlog_journal[@]}" __complete "$1" 2>/dev/null
}

# _peerlog_lex TEXT: _peerlog_lexed gets the words of TEXT as the shell will pass them on
# (split at blanks outside quotes, quotes and backslashes removed, nothing expanded: `$x` stays
# `$x`); _peerlog_last_raw the last word as typed; _peerlog_open_quote the quote TEXT leaves
# open (' or "), if any. A blank at the end starts an empty last word.
_peerlog_lex() {
    local text=$1 c i quote="" escaped=0 raw="" plain=""
    _peerlog_lexed=()
    for ((i = 0; i < ${#text}; i++)); do
        c=${text:$i:1}
        if ((escaped)); then
            escaped=0
            if [[ $quote == '"' ]]; then
                case $c in
                '$' | '`' | '"' | '\') plain+=$c ;;
                $'\n') ;;
                *) plain+="\\$c" ;;
                esac
            elif [[ $c != $'\n' ]]; then
                plain+=$c
            fi
        elif [[ $quote == "'" ]]; then
            [[ $c == "'" ]] && quote="" || plain+=$c
        elif [[ $c == '\' ]]; then
            escaped=1
        elif [[ $c == '"' ]]; then
            [[ $quote == '"' ]] && quote="" || quote='"'
        elif [[ -n $quote ]]; then
            plain+=$c
        elif [[ $c == "'" ]]; then
            quote="'"
        elif [[ $c == [[:blank:]] || $c == $'\n' ]]; then
            [[ -n $raw ]] && _peerlog_lexed+=("$plain")
            raw="" plain=""
            continue
        else
            plain+=$c
        fi
        raw+=$c
    done
    _peerlog_lexed+=("$plain")
    _peerlog_last_raw=$raw
    _peerlog_open_quote=$quote
}

# _peerlog_read_line WORD: _peerlog_words gets the command line up to the cursor, unquoted word
# by word (the last is the one being completed). Not bash's COMP_WORDS, which keeps quotes and
# splits `AA: Monday` or `--group=Men` at COMP_WORDBREAKS. WORD (bash's $2) is the text readline
# replaces: the word from a quote it leaves open, or from a ':' or '=' it broke at.
# _peerlog_head gets the unquoted part of the word before WORD and _peerlog_head_quote the
# quote open there, so that a completion is written from there on, inside that quote. zsh
# hands whole words over and quotes the completions itself: its head is empty.
_peerlog_read_line() {
    local line="" raw i
    if [[ -n ${ZSH_VERSION-} ]]; then
        for ((i = 0; i <= COMP_CWORD; i++)); do
            line+="${line:+ }${COMP_WORDS[i]}"
        done
        [[ -z ${COMP_WORDS[COMP_CWORD]} ]] && line+=" "
        _peerlog_lex "$line"
        _peerlog_words=("${_peerlog_lexed[@]}")
        return 0
    fi
    _peerlog_lex "${COMP_LINE:0:$COMP_POINT}"
    _peerlog_words=("${_peerlog_lexed[@]}")
    raw=$_peerlog_last_raw
    [[ $raw == *"$1" ]] || return 1 # not the word readline completes: offer nothing
    _peerlog_lex "${raw%"$1"}"
    _peerlog_head=${_peerlog_lexed[0]}
    _peerlog_head_quote=$_peerlog_open_quote
}

# _peerlog_quote QUOTE TEXT: _peerlog_quoted gets TEXT written for the command line inside an
# open QUOTE (' or ", or none), so that the shell reads back exactly TEXT: nothing in a name is
# ever expanded, globbed or run. Readline adds the closing quote after a single completion.
_peerlog_quote() {
    local quote=$1 text=$2 c i
    _peerlog_quoted=""
    if [[ -z $quote && $text != *[!A-Za-z0-9_./,@%+:-]* ]]; then
        _peerlog_quoted=$text
        return
    fi
    for ((i = 0; i < ${#text}; i++)); do
        c=${text:$i:1}
        case $quote in
        "'") [[ $c == "'" ]] && c="'\\''" ;;
        '"')
            case $c in
            '$' | '`' | '"' | '\') c="\\$c" ;;
            '!') c="\"'!'\"" ;; # history expansion happens inside double quotes
            esac
            ;;
        *) [[ $c == [[:punct:][:space:]] && $c != [_./,@%+:-] ]] && c="\\$c" ;;
        esac
        _peerlog_quoted+=$c
    done
}

# _peerlog_offer WORD...: COMPREPLY gets each WORD (after _peerlog_fixed, an `--option=` typed
# before the value) that starts with the word typed, written from _peerlog_head on.
_peerlog_offer() {
    local word
    for word in "$@"; do
        word=$_peerlog_fixed$word
        [[ $word == "$_peerlog_typed"* ]] || continue
        _peerlog_quote "$_peerlog_head_quote" "${word:${#_peerlog_head}}"
        COMPREPLY+=("$_peerlog_quoted")
    done
}

# _peerlog_offer_list VALUE WORD...: VALUE is a comma list being typed ("a,b,c"): offers it with
# its last item completed to each WORD it does not hold yet.
_peerlog_offer_list() {
    local listed="" word
    [[ $1 == *,* ]] && listed="${1%,*},"
    shift
    for word in "$@"; do
        [[ ",$listed" == *",$word,"* ]] || _peerlog_offer "$listed$word"
    done
}

# _peerlog_complete_value SPEC VALUE: COMPREPLY for an option's VALUE, as typed so far.
_peerlog_complete_value() {
    local spec=$1 value=$2 word
    local -a words=()
    case $spec in
    @peers | @peer-list | @groups | @resources)
        [[ $spec == @peer-list ]] && spec=@peers
        # Read line by line: a name is never split, globbed or expanded on its way.
        while IFS= read -r word; do
            words+=("$word")
        done < <(_peerlog_journal_words "${spec#@}")
        if [[ $1 == @peer-list ]]; then
            _peerlog_offer_list "$value" "${words[@]}"
        else
            _peerlog_offer "${words[@]}"
        fi
        ;;
    @files)
        if [[ -n ${ZSH_VERSION-} ]]; then # bashcompinit's compgen -f splits names at blanks
            for word in "$value"*; do
                [[ -e $word || -L $word ]] || continue
                [[ -d $word ]] && word+=/
                words+=("$word")
            done
            _peerlog_offer "${words[@]}"
        else # bash quotes file names itself, from readline's word on
            while IFS= read -r word; do
                COMPREPLY+=("$word")
            done < <(compgen -f -- "$value")
            compopt -o filenames
        fi
        ;;
    @commands) _peerlog_offer $(_peerlog_subs "$help_path") ;;
    words:*) _peerlog_offer ${spec#words:} ;;
    csv:*) _peerlog_offer_list "$value" ${spec#csv:} ;;
    esac
}

# Not `path`: in zsh, which runs this through bashcompinit, $path is tied to $PATH.
_peerlog() {
    local cmd_path="" help_path="" word spec i cword cur prev
    local -a _peerlog_journal=() _peerlog_words=() _peerlog_lexed=()
    local _peerlog_typed _peerlog_head="" _peerlog_head_quote="" _peerlog_fixed=""
    local _peerlog_last_raw _peerlog_open_quote _peerlog_quoted
    _peerlog_read_line "${2-}" || return
    cword=$((${#_peerlog_words[@]} - 1))
    for ((i = 1; i < cword; i++)); do
        word=${_peerlog_words[i]}
        if [[ $word == -* ]]; then
            [[ $word == --journal=* ]] && _peerlog_journal=(--journal "${word#--journal=}")
            spec=$(_peerlog_spec "$cmd_path" "$word")
            if [[ -n $spec && $word != *=* ]]; then
                [[ $word == --journal ]] && _peerlog_journal=(--journal "${_peerlog_words[i + 1]}")
                ((i++))
            fi
            continue
        fi
        if [[ $cmd_path == help ]]; then
            # `help session add`: the words after help name a command of their own.
            [[ " $(_peerlog_subs "$help_path") " == *" $word "* ]] && help_path=${help_path:+$help_path }$word
        elif [[ " $(_peerlog_subs "$cmd_path") " == *" $word "* ]]; then
            cmd_path=${cmd_path:+$cmd_path }$word
        fi
    done
    cur=${_peerlog_words[cword]}
    prev=${_peerlog_words[cword - 1]}
    _peerlog_typed=$cur
    if [[ $cur == --*=* ]]; then # --group=Men: the value after the '='
        spec=$(_peerlog_spec "$cmd_path" "${cur%%=*}")
        _peerlog_fixed=${cur%%=*}=
        [[ -n $spec ]] && _peerlog_complete_value "$spec" "${cur#*=}"
        return
    fi
    if ((cword > 1)) && [[ $prev == -* ]]; then
        spec=$(_peerlog_spec "$cmd_path" "$prev")
        if [[ -n $spec ]]; then
            _peerlog_complete_value "$spec" "$cur"
            return
        fi
    fi
    if [[ $cur == -* ]]; then
        _peerlog_offer $(_peerlog_opts "$cmd_path") ${cmd_path:+$(_peerlog_opts "")}
        return
    fi
    local subs
    subs=$(_peerlog_subs "$cmd_path")
    if [[ -n $subs ]]; then
        _peerlog_offer $subs
        return
    fi
    spec=$(_peerlog_positional "$cmd_path")
    [[ -n $spec ]] && _peerlog_complete_value "$spec" "$cur"
}
complete -F _peerlog peerlog
)bash";

std::string bash_script(const std::vector<CommandEntry>& tree) {
    std::string subs, opts, values, positionals;
    for (const auto& command : tree) {
        if (!command.subcommands.empty()) {
            subs += fmt::format("    \"{}\") echo \"{}\" ;;\n", command.path,
                                joined_names(command.subcommands));
        }
        opts += fmt::format("    \"{}\") echo \"{}\" ;;\n", command.path, option_names(command));
        for (const auto& option : command.options) {
            for (const auto& name : option.names) {
                if (!option.values.empty()) {
                    values += fmt::format("    \"{}|{}\") echo \"{}\" ;;\n", command.path, name,
                                          option.values);
                }
            }
        }
        if (!command.positional.empty()) {
            positionals +=
                fmt::format("    \"{}\") echo \"{}\" ;;\n", command.path, command.positional);
        }
    }
    return fmt::format("# bash completion for peerlog, generated by `peerlog completion bash` "
                       "from its command definitions.\n"
                       "_peerlog_subs() {{\n    case $1 in\n{}    esac\n}}\n"
                       "_peerlog_opts() {{\n    case $1 in\n{}    esac\n}}\n"
                       "_peerlog_values() {{\n    case $1 in\n{}    esac\n}}\n"
                       "_peerlog_positional() {{\n    case $1 in\n{}    esac\n}}\n{}",
                       subs, opts, values, positionals, k_bash_functions);
}

std::string zsh_script(const std::vector<CommandEntry>& tree) {
    // zsh runs the bash completion through its bash compatibility layer, so both shells
    // complete exactly the same words.
    return "#compdef peerlog\n# zsh completion for peerlog, generated by `peerlog completion "
           "zsh`.\n# Sourced from a .zshrc that has not run compinit: run it, bashcompinit needs "
           "compdef.\n(( $+functions[compdef] )) || { autoload -Uz compinit && compinit; }\n"
           "autoload -U +X bashcompinit && bashcompinit\n" +
           bash_script(tree) +
           "# Autoloaded by compinit from the #compdef line: complete this first Tab too.\n"
           "if (( $+compstate )); then _bash_complete -F _peerlog; fi\n";
}

std::string fish_quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) {
        quoted += c == '\'' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    }
    return quoted + "'";
}

// The fish arguments that complete a value spec.
std::string fish_values(const std::string& spec) {
    if (spec == "@peers") {
        return "-f -a '(__peerlog_journal_words peers)'";
    }
    if (spec == "@peer-list") {
        return "-f -a '(__peerlog_code_list)'";
    }
    if (spec == "@groups" || spec == "@resources") {
        return "-f -a '(__peerlog_journal_words " + spec.substr(1) + ")'";
    }
    if (spec == "@files") {
        return "-F";
    }
    if (spec == "@commands") {
        return "-f -a '(__peerlog_help_subs)'";
    }
    if (spec.starts_with("csv:")) {
        return "-f -a " + fish_quote("(__peerlog_csv_list " + spec.substr(4) + ")");
    }
    auto colon = spec.find(':');
    return colon == std::string::npos ? "-f" : "-f -a " + fish_quote(spec.substr(colon + 1));
}

std::string fish_script(const std::vector<CommandEntry>& tree) {
    std::string paths, subs, lines;
    for (const auto& command : tree) {
        paths += " " + fish_quote(command.path);
        if (!command.subcommands.empty()) {
            subs += fmt::format("        case {}\n            echo {}\n", fish_quote(command.path),
                                fish_quote(joined_names(command.subcommands)));
        }
        std::string when =
            fmt::format("-n {}", fish_quote("__peerlog_at " + fish_quote(command.path)));
        for (const auto& [name, description] : command.subcommands) {
            lines += fmt::format("complete -c peerlog {} -f -a {} -d {}\n", when, name,
                                 fish_quote(description));
        }
        for (const auto& option : command.options) {
            std::string names;
            for (const auto& name : option.names) {
                names += name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1);
            }
            std::string scope = command.path.empty() ? "" : " " + when;
            std::string takes = option.values.empty() ? " -f" : " -r " + fish_values(option.values);
            lines += fmt::format("complete -c peerlog{}{}{} -d {}\n", scope, names, takes,
                                 fish_quote(option.description));
        }
        if (!command.positional.empty()) {
            lines +=
                fmt::format("complete -c peerlog {} {}\n", when, fish_values(command.positional));
        }
    }
    return fmt::format(R"fish(# fish completion for peerlog, generated by `peerlog completion fish`.
set -g __peerlog_paths{}
function __peerlog_path
    set -l tokens (commandline -opc)
    set -l path ''
    for word in $tokens[2..-1]
        set -l candidate (string trim -- "$path $word")
        if contains -- $candidate $__peerlog_paths
            set path $candidate
        end
    end
    echo $path
end
function __peerlog_at
    test (__peerlog_path) = "$argv[1]"
end
# The subcommands of a command path, as one line.
function __peerlog_subs
    switch "$argv[1]"
{}    end
end
# After `peerlog help`: the subcommands of the command typed after it so far.
function __peerlog_help_subs
    set -l tokens (commandline -opc)
    set -l path ''
    set -l after_help 0
    for word in $tokens[2..-1]
        if test $after_help = 1
            set -l candidate (string trim -- "$path $word")
            if contains -- $candidate $__peerlog_paths
                set path $candidate
            end
        else if test "$word" = help
            set after_help 1
        end
    end
    string split ' ' -- (__peerlog_subs "$path")
end
# A comma list of WORDS: the words typed so far, then each word not among them yet. The token
# is as typed: its quotes and backslashes go (no code or listed word holds one), as fish
# matches the words against the token unquoted.
function __peerlog_csv_list
    set -l typed (string replace -ar -- '[\'"\\\\]' '' (commandline -ct))
    set -l done_part (string match -r -- '^.*,' $typed)
    set -l listed (string split ',' -- "$done_part")
    for word in $argv
        contains -- $word $listed; or echo "$done_part$word"
    end
end
# Peer codes, group or resource names from the journal (the one --journal names), one a line.
function __peerlog_journal_words
    set -l tokens (commandline -opc)
    set -l journal
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case --journal
                set journal --journal $tokens[(math $i + 1)]
            case '--journal=*'
                set journal --journal (string replace -- --journal= '' $tokens[$i])
        end
    end
    peerlog $journal __complete $argv[1] 2>/dev/null
end
# A comma list of peer codes.
function __peerlog_code_list
    __peerlog_csv_list (__peerlog_journal_words peers)
end
complete -c peerlog -f
{})fish",
                       paths, subs, lines);
}

// The words `__complete WHAT` prints. A name holding a control character (from before names
// were checked) would complete to escaped text that names nothing: it is left out, not mangled.
std::vector<std::string> completion_words(Journal& journal, const std::string& what) {
    std::vector<std::string> words;
    if (what == "peers") {
        for (const auto& overview : list_peers(journal, true)) {
            words.push_back(overview.peer.code);
        }
        return words;
    }
    if (what == "groups") {
        for (const auto& overview : list_groups(journal, SealedText::shown_encrypted)) {
            words.push_back(overview.group.name);
        }
    } else {
        for (const auto& resource : list_resources(journal)) {
            words.push_back(resource.name);
        }
    }
    std::erase_if(words, [](const std::string& name) {
        return terminal_safe(name, LineBreaks::flatten) != name;
    });
    return words;
}

} // namespace

void setup_completion_commands(CLI::App& app, Context& context) {
    auto shell = std::make_shared<std::string>();
    auto* completion = add_command(app, "completion");
    completion->add_option("shell", *shell, "bash, zsh or fish")->required()->type_name("SHELL");
    completion->callback([&app, shell] {
        std::vector<CommandEntry> tree;
        collect(&app, "", tree);
        if (*shell == "bash") {
            std::cout << bash_script(tree);
        } else if (*shell == "zsh") {
            std::cout << zsh_script(tree);
        } else if (*shell == "fish") {
            std::cout << fish_script(tree);
        } else {
            throw Error(ErrorKind::usage,
                        fmt::format("no completion for '{}': use bash, zsh or fish.", *shell));
        }
    });

    // Hidden (no group): the codes of every peer, or the names of every group or resource, one
    // a line, for the completion scripts.
    auto what = std::make_shared<std::string>();
    auto* complete = add_command(app, "__complete"); // hidden: its name starts with __
    complete->add_option("what", *what, "peers, groups or resources")->required();
    complete->callback([what, &context] {
        if (*what != "peers" && *what != "groups" && *what != "resources") {
            throw Error(ErrorKind::usage, fmt::format("nothing to complete for '{}'.", *what));
        }
        std::error_code error;
        if (!std::filesystem::exists(context.journal_path(), error)) {
            return; // no journal yet: no words
        }
        Journal journal = context.open_journal(OpenMode::read);
        for (const auto& word : completion_words(journal, *what)) {
            std::cout << word << "\n";
        }
    });
}

} // namespace peerlog::cli
