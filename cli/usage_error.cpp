// What peerlog says when CLI11 refuses a command line.
#include "usage_error.hpp"

#include "note_input.hpp"

#include "peerlog/safe_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace peerlog::cli {
namespace {

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

// "peerlog session add" for the session add command.
std::string full_name(const CLI::App* app) {
    std::string name = app->get_name();
    for (const CLI::App* parent = app->get_parent(); parent; parent = parent->get_parent()) {
        name = parent->get_name() + " " + name;
    }
    return name;
}

// The subcommands a person runs (not the hidden __complete).
std::vector<const CLI::App*> visible_subcommands(const CLI::App* app) {
    return app->get_subcommands([](const CLI::App* child) { return !child->get_group().empty(); });
}

// The command whose words were parsed last: the one the refused line was for.
const CLI::App* failing_command(const CLI::App& app) {
    const CLI::App* at = &app;
    while (!at->get_subcommands().empty()) {
        at = at->get_subcommands().back();
    }
    return at;
}

// Levenshtein distance, for "did you mean".
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The candidate closest to `word` (edit distance at most 2), or "" when none is near.
std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = 3;
    for (const auto& candidate : candidates) {
        std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

// The long flags `command` takes: its own and, since options fall through, its parents'.
std::vector<std::string> long_flags(const CLI::App* command) {
    std::vector<std::string> flags;
    for (const CLI::App* at = command; at; at = at->get_parent()) {
        for (const CLI::Option* option : at->get_options()) {
            for (const auto& name : option->get_lnames()) {
                flags.push_back("--" + name);
            }
        }
    }
    return flags;
}

std::vector<std::string> names_of(const std::vector<const CLI::App*>& commands) {
    std::vector<std::string> names;
    for (const CLI::App* command : commands) {
        names.push_back(command->get_name());
    }
    return names;
}

// The first word on the command line that is not an option or an option's value.
std::string first_command_word(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--journal" || args[i] == "--config" || args[i] == "--passphrase-file") {
            ++i;
        } else if (!args[i].starts_with("-")) {
            return args[i];
        }
    }
    return "";
}

// CLI11's message, said with the names the help shows: a misspelt command named (CLI11 says
// "A subcommand is required"), a positional in upper case ("FILE is required", not "file"),
// unexpected arguments in the order they were typed.
// A word the user typed, on one line: a newline in it must not print a line of its own.
std::string shown(std::string_view word) {
    return terminal_safe(word, LineBreaks::flatten);
}

std::string message(const CLI::App& app, const CLI::App* failing, const CLI::ParseError& error,
                    const std::vector<std::string>& args) {
    std::string text = error.what();
    if (failing == &app) {
        std::string word = first_command_word(args);
        auto commands = names_of(visible_subcommands(&app));
        if (!word.empty() && std::find(commands.begin(), commands.end(), word) == commands.end() &&
            word != "__complete") {
            std::string meant = closest(word, commands);
            return fmt::format("unknown command '{}'{}", shown(word),
                               meant.empty() ? "" : fmt::format("; did you mean {}?", meant));
        }
    }
    if (dynamic_cast<const CLI::RequiredError*>(&error)) {
        for (const CLI::Option* option : failing->get_options()) {
            if (option->get_positional() && !option->nonpositional() &&
                text == option->get_name() + " is required") {
                return upper(option->get_name()) + " is required";
            }
        }
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
        std::vector<std::string> extras;
        for (const auto& extra : app.remaining(true)) {
            extras.push_back(shown(extra));
        }
        if (!extras.empty()) {
            text = fmt::format("{}: {}",
                               extras.size() == 1 ? "The following argument was not expected"
                                                  : "The following arguments were not expected",
                               fmt::join(extras, " "));
        }
    }
    return text;
}

// "Did you mean --note?" for each unexpected word close to a flag or subcommand of `failing`.
std::string suggestions(const CLI::App& app, const CLI::App* failing) {
    std::string text;
    auto flags = long_flags(failing);
    auto subcommands = names_of(visible_subcommands(failing));
    for (const auto& word : app.remaining(true)) {
        std::string typed = word.substr(0, word.find('='));
        if (typed.starts_with("--")) {
            if (std::string meant = closest(typed, flags); !meant.empty()) {
                text += fmt::format("{} has no flag {}; did you mean {}?\n", full_name(failing),
                                    shown(typed), meant);
            }
        } else if (!typed.starts_with("-") && failing != &app) { // peerlog's own: see message()
            if (std::string meant = closest(typed, subcommands); !meant.empty()) {
                text += fmt::format("{} has no subcommand {}; did you mean {}?\n",
                                    full_name(failing), shown(typed), meant);
            }
        }
    }
    return text;
}

// Whom the refused command's text is about, as far as it was parsed: --peer and --attendee
// codes, and the sessions named by its `id` (session edit, session review).
DraftSubject subject_of(const CLI::App* failing) {
    DraftSubject subject;
    for (const char* name : {"--peer", "--attendee"}) {
        if (const CLI::Option* option = failing->get_option_no_throw(name)) {
            for (const auto& result : option->results()) {
                std::string_view rest = result;
                while (!rest.empty()) { // CODE[,CODE...]
                    std::string_view code = rest.substr(0, rest.find(','));
                    rest.remove_prefix(std::min(rest.size(), code.size() + 1));
                    if (!code.empty()) {
                        subject.codes.emplace_back(code);
                    }
                }
            }
        }
    }
    if (const CLI::Option* ids = failing->get_option_no_throw("id")) {
        for (const auto& result : ids->results()) {
            std::int64_t id = 0;
            auto [end, error] = std::from_chars(result.data(), result.data() + result.size(), id);
            if (error == std::errc() && end == result.data() + result.size()) {
                subject.session_ids.push_back(id);
            }
        }
    }
    return subject;
}

// Keeps a note or comment typed on the refused command line as a draft (nothing typed is lost),
// also after a misspelt flag (--nte): the commands text_flag_of knows; `-` reads stdin where
// that flag reads it (session add and edit).
std::string kept_text(const CLI::App& app, const CLI::App* failing,
                      const std::vector<std::string>& args, Context& context) {
    const TextFlag* flag = text_flag_of(full_name(failing));
    if (!flag) {
        return {};
    }
    auto flags = long_flags(failing);
    std::vector<std::string> misspellings;
    for (const auto& word : app.remaining(true)) {
        if (word.starts_with("--") &&
            closest(word.substr(0, word.find('=')), flags) == flag->name) {
            misspellings.push_back(word.substr(0, word.find('=')));
        }
    }
    std::string typed = typed_on_command_line(*flag, args, misspellings);
    return typed.empty()
               ? std::string()
               : keep_as_draft(typed, *flag, DraftTarget{context, subject_of(failing)}) + "\n";
}

std::string help_hint(const CLI::App& app, const CLI::App* failing) {
    if (failing == &app) {
        return "Run `peerlog help` for the commands and `peerlog help COMMAND` for their flags.\n";
    }
    std::string name = full_name(failing);
    if (!visible_subcommands(failing).empty()) {
        return fmt::format("Run `{0}` for its subcommands and `{0} SUBCOMMAND` for their "
                           "flags.\n",
                           "peerlog help" + name.substr(name.find(' ')));
    }
    return fmt::format("Run `{}` for its flags.\n", "peerlog help" + name.substr(name.find(' ')));
}

} // namespace

std::string PeerlogFormatter::make_usage(const CLI::App* app, std::string name) const {
    if (name == app->get_name()) { // --help passes the full name already; help CMD does not
        name = full_name(app);
    }
    return CLI::Formatter::make_usage(app, name);
}

std::string PeerlogFormatter::make_option_name(const CLI::Option* option,
                                               bool is_positional) const {
    return is_positional ? upper(option->get_name())
                         : CLI::Formatter::make_option_name(option, false);
}

// A positional's upper-case name says what it takes: no type beside it ("FILE REQUIRED", not
// "FILE FILE REQUIRED" or "ID INT REQUIRED").
std::string PeerlogFormatter::make_option_opts(const CLI::Option* option) const {
    if (!option->get_positional() || option->nonpositional()) {
        return CLI::Formatter::make_option_opts(option);
    }
    std::string text;
    if (option->get_expected_max() == CLI::detail::expected_max_vector_size) {
        text += " ...";
    }
    if (option->get_required()) {
        text += " " + get_label("REQUIRED");
    }
    return text;
}

std::string describe_usage_error(const CLI::App& app, const CLI::ParseError& error, int argc,
                                 char** argv, Context& context) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const CLI::App* failing = failing_command(app);
    std::string text = "peerlog: usage: " + message(app, failing, error, args) + "\n";
    text += PeerlogFormatter().make_usage(failing, failing->get_name());
    auto subcommands = visible_subcommands(failing);
    if (!subcommands.empty() && dynamic_cast<const CLI::RequiredError*>(&error)) {
        text += fmt::format("Subcommands: {}\n", fmt::join(names_of(subcommands), ", "));
    }
    text += suggestions(app, failing);
    text += kept_text(app, failing, args, context);
    // Words typed may hold control characters: never let them drive the terminal.
    return terminal_safe(text + help_hint(app, failing), LineBreaks::keep);
}

} // namespace peerlog::cli
