// `peerlog completion bash|zsh|fish`: shell completions generated from the CLI11 definition,
// and the hidden `peerlog __complete peers` they call for peer codes.
#include "commands.hpp"

#include "peerlog/error.hpp"
#include "peerlog/group.hpp"
#include "peerlog/peer_store.hpp"
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
// list of them), @groups (group names from the journal), @files, @commands (the commands
// below the ones already typed after `help`), words:A B C (one of them), csv:A B C (a comma
// list of them), or "any" (free text).
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

# _peerlog_journal_words WHAT: peer codes or group names from the journal, one a line.
_peerlog_journal_words() {
    "${COMP_WORDS[0]}" "${_peerlog_journal[@]}" __complete "$1" 2>/dev/null
}

# _peerlog_not_listed LIST WORD...: the words not already in the comma list LIST ("a,b,").
_peerlog_not_listed() {
    local list=",$1" word
    shift
    for word in "$@"; do
        [[ $list == *",$word,"* ]] || printf '%s\n' "$word"
    done
}

_peerlog_complete_value() {
    local spec=$1 cur=$2 done_part=""
    local IFS=$'\n'
    case $spec in
    @peers)
        COMPREPLY=($(compgen -W "$(_peerlog_journal_words peers)" -- "$cur")) ;;
    @peer-list)
        [[ $cur == *,* ]] && done_part="${cur%,*},"
        COMPREPLY=($(compgen -P "$done_part" -W "$(_peerlog_not_listed "$done_part" $(_peerlog_journal_words peers))" -- "${cur##*,}")) ;;
    @groups) # names may hold spaces: each is one word, quoted for the command line
        local name
        while IFS= read -r name; do
            [[ $name == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
        done < <(_peerlog_journal_words groups) ;;
    @files)
        COMPREPLY=($(compgen -f -- "$cur"))
        type compopt &>/dev/null && compopt -o filenames ;;
    @commands)
        IFS=$' \t\n'
        COMPREPLY=($(compgen -W "$(_peerlog_subs "$help_path")" -- "$cur")) ;;
    words:*)
        IFS=$' \t\n'
        COMPREPLY=($(compgen -W "${spec#words:}" -- "$cur")) ;;
    csv:*)
        IFS=$' \t\n'
        [[ $cur == *,* ]] && done_part="${cur%,*},"
        COMPREPLY=($(compgen -P "$done_part" -W "$(_peerlog_not_listed "$done_part" ${spec#csv:})" -- "${cur##*,}")) ;;
    esac
}

# Not `path`: in zsh, which runs this through bashcompinit, $path is tied to $PATH.
_peerlog() {
    local cur=${COMP_WORDS[COMP_CWORD]} cmd_path="" help_path="" word spec i
    local -a _peerlog_journal=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word == -* ]]; then
            spec=$(_peerlog_spec "$cmd_path" "$word")
            if [[ -n $spec && $word != *=* ]]; then
                [[ $word == --journal ]] && _peerlog_journal=(--journal "${COMP_WORDS[i + 1]}")
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
    local prev=${COMP_WORDS[COMP_CWORD - 1]}
    if ((COMP_CWORD > 1)) && [[ $prev == -* ]]; then
        spec=$(_peerlog_spec "$cmd_path" "$prev")
        if [[ -n $spec ]]; then
            _peerlog_complete_value "$spec" "$cur"
            return
        fi
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_peerlog_opts "$cmd_path") ${cmd_path:+$(_peerlog_opts "")}" -- "$cur"))
        return
    fi
    local subs
    subs=$(_peerlog_subs "$cmd_path")
    if [[ -n $subs ]]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
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
        return "-f -a '(peerlog __complete peers 2>/dev/null)'";
    }
    if (spec == "@peer-list") {
        return "-f -a '(__peerlog_code_list)'";
    }
    if (spec == "@groups") {
        return "-f -a '(peerlog __complete groups 2>/dev/null)'";
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
# A comma list of WORDS: the words typed so far, then each word not among them yet.
function __peerlog_csv_list
    set -l done_part (string match -r -- '^.*,' (commandline -ct))
    set -l listed (string split ',' -- "$done_part")
    for word in $argv
        contains -- $word $listed; or echo "$done_part$word"
    end
end
# A comma list of peer codes.
function __peerlog_code_list
    __peerlog_csv_list (peerlog __complete peers 2>/dev/null)
end
complete -c peerlog -f
{})fish",
                       paths, subs, lines);
}

} // namespace

void setup_completion_commands(CLI::App& app, Context& context) {
    auto shell = std::make_shared<std::string>();
    auto* completion =
        app.add_subcommand("completion", "Print the shell completion script: bash, zsh or fish");
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

    // Hidden (no group): the codes of every peer, or the names of every group, one a line, for
    // the completion scripts.
    auto what = std::make_shared<std::string>();
    auto* complete = app.add_subcommand("__complete", "Words for shell completion")->group("");
    complete->add_option("what", *what, "peers or groups")->required();
    complete->callback([what, &context] {
        if (*what != "peers" && *what != "groups") {
            throw Error(ErrorKind::usage, fmt::format("nothing to complete for '{}'.", *what));
        }
        std::error_code error;
        if (!std::filesystem::exists(context.journal_path(), error)) {
            return; // no journal yet: no words
        }
        Journal journal = context.open_journal(OpenMode::read);
        if (*what == "groups") {
            for (const auto& overview : list_groups(journal, SealedText::shown_encrypted)) {
                // A name that needs escaping would complete to text that is not the name: skip it.
                const std::string& name = overview.group.name;
                if (terminal_safe(name, LineBreaks::flatten) == name) {
                    std::cout << name << "\n";
                }
            }
            return;
        }
        for (const auto& overview : list_peers(journal, true)) {
            std::cout << overview.peer.code << "\n";
        }
    });
}

} // namespace peerlog::cli
