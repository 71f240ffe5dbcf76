// `peerlog completion bash|zsh|fish`: shell completions generated from the CLI11 definition,
// and the hidden `peerlog __complete peers` they call for peer codes.
#include "commands.hpp"

#include "peerlog/error.hpp"
#include "peerlog/peer_store.hpp"

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

// What an option's value completes to: @peers (codes from the journal), @files, @commands,
// words:A B C (one of them), csv:A B C (a comma list of them), or "any" (free text).
std::string value_spec(const CLI::Option* option) {
    std::string type = option->get_type_name();
    std::string name = option->get_name();
    if (type == "CODE" || name == "code") {
        return "@peers";
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

_peerlog_complete_value() {
    local spec=$1 cur=$2
    case $spec in
    @peers)
        local codes
        codes=$("${COMP_WORDS[0]}" "${_peerlog_journal[@]}" __complete peers 2>/dev/null)
        COMPREPLY=($(compgen -W "$codes" -- "$cur")) ;;
    @files)
        COMPREPLY=($(compgen -f -- "$cur"))
        type compopt &>/dev/null && compopt -o filenames ;;
    @commands)
        COMPREPLY=($(compgen -W "$(_peerlog_subs "")" -- "$cur")) ;;
    words:*)
        COMPREPLY=($(compgen -W "${spec#words:}" -- "$cur")) ;;
    csv:*)
        local done_part=""
        [[ $cur == *,* ]] && done_part="${cur%,*},"
        COMPREPLY=($(compgen -P "$done_part" -W "${spec#csv:}" -- "${cur##*,}")) ;;
    esac
}

_peerlog() {
    local cur=${COMP_WORDS[COMP_CWORD]} path="" word spec i
    local -a _peerlog_journal=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word == -* ]]; then
            spec=$(_peerlog_spec "$path" "$word")
            if [[ -n $spec && $word != *=* ]]; then
                [[ $word == --journal ]] && _peerlog_journal=(--journal "${COMP_WORDS[i + 1]}")
                ((i++))
            fi
            continue
        fi
        if [[ " $(_peerlog_subs "$path") " == *" $word "* ]]; then
            path=${path:+$path }$word
        fi
    done
    local prev=${COMP_WORDS[COMP_CWORD - 1]}
    if ((COMP_CWORD > 1)) && [[ $prev == -* ]]; then
        spec=$(_peerlog_spec "$path" "$prev")
        if [[ -n $spec ]]; then
            _peerlog_complete_value "$spec" "$cur"
            return
        fi
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_peerlog_opts "$path") ${path:+$(_peerlog_opts "")}" -- "$cur"))
        return
    fi
    local subs
    subs=$(_peerlog_subs "$path")
    if [[ -n $subs ]]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
        return
    fi
    spec=$(_peerlog_positional "$path")
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
           "zsh`.\nautoload -U +X bashcompinit && bashcompinit\n" +
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
std::string fish_values(const std::string& spec, const std::string& commands) {
    if (spec == "@peers") {
        return "-f -a '(peerlog __complete peers 2>/dev/null)'";
    }
    if (spec == "@files") {
        return "-F";
    }
    if (spec == "@commands") {
        return "-f -a " + fish_quote(commands);
    }
    auto colon = spec.find(':');
    return colon == std::string::npos ? "-f" : "-f -a " + fish_quote(spec.substr(colon + 1));
}

std::string fish_script(const std::vector<CommandEntry>& tree) {
    std::string paths, lines, commands = joined_names(tree.front().subcommands);
    for (const auto& command : tree) {
        paths += " " + fish_quote(command.path);
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
            std::string takes =
                option.values.empty() ? " -f" : " -r " + fish_values(option.values, commands);
            lines += fmt::format("complete -c peerlog{}{}{} -d {}\n", scope, names, takes,
                                 fish_quote(option.description));
        }
        if (!command.positional.empty()) {
            lines += fmt::format("complete -c peerlog {} {}\n", when,
                                 fish_values(command.positional, commands));
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
complete -c peerlog -f
{})fish",
                       paths, lines);
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

    // Hidden (no group): the codes of every peer, one a line, for the completion scripts.
    auto what = std::make_shared<std::string>();
    auto* complete = app.add_subcommand("__complete", "Words for shell completion")->group("");
    complete->add_option("what", *what, "peers")->required();
    complete->callback([what, &context] {
        if (*what != "peers") {
            throw Error(ErrorKind::usage, fmt::format("nothing to complete for '{}'.", *what));
        }
        std::error_code error;
        if (!std::filesystem::exists(context.journal_path(), error)) {
            return; // no journal yet: no codes
        }
        Journal journal = context.open_journal(OpenMode::read);
        for (const auto& overview : list_peers(journal, true)) {
            std::cout << overview.peer.code << "\n";
        }
    });
}

} // namespace peerlog::cli
