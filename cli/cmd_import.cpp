// `peerlog import sessions|peers FILE`: bring records in from a spreadsheet's CSV.
#include "command_list.hpp"
#include "commands.hpp"
#include "pager.hpp"

#include "peerlog/error.hpp"
#include "peerlog/import.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/scratch.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <optional>

namespace peerlog::cli {
namespace fs = std::filesystem;
namespace {

struct ImportFlags {
    std::string file;
    std::string date_format;
    std::string format = "text";
    bool dry_run = false;
    bool create_peers = false;
    bool create_groups = false;
};

using Importer = ImportResult (*)(Journal&, std::istream&, const ImportOptions&);

void run_import(const ImportFlags& f, Importer importer, Context& context) {
    auto format = f.format == "text" ? OutputFormat::table
                                     : parse_output_format(f.format, {OutputFormat::json});
    const Config& config = context.config();
    ImportOptions options;
    options.date_format =
        f.date_format.empty() ? config.import_date_format : parse_import_date_format(f.date_format);
    options.dry_run = f.dry_run;
    options.create_peers = f.create_peers;
    options.create_groups = f.create_groups;
    options.default_modality = config.default_modality;
    options.default_setting = config.default_setting;
    options.boundaries = config.boundaries;
    options.today = context.today();

    std::ifstream file;
    if (f.file != "-") {
        file.open(f.file, std::ios::binary);
        if (!file) {
            throw Error(ErrorKind::io,
                        fmt::format("cannot read {}: {}.", f.file, std::strerror(errno)));
        }
    }
    std::istream& in = f.file == "-" ? std::cin : file;
    // A dry run never creates the journal. With none yet (a first import on a new machine),
    // the rows are checked against an empty throwaway journal in a private scratch directory,
    // removed afterwards, and on SIGINT, SIGTERM or SIGHUP.
    std::optional<ScratchDirectory> scratch;
    std::optional<Journal> journal;
    std::error_code missing;
    if (f.dry_run && !std::filesystem::exists(context.journal_path(), missing)) {
        scratch.emplace("peerlog-dry-run");
        fs::path throwaway = scratch->file("journal.db");
        for (const char* suffix : {"-wal", "-shm", "-journal"}) {
            scratch->file(std::string("journal.db") + suffix);
        }
        journal = Journal::open(throwaway, OpenMode::write);
        context.tell(fmt::format("no journal at {} yet: checking the rows as against an empty "
                                 "one (every peer unknown unless --create-peers).",
                                 context.journal_path().string()));
    } else {
        journal = context.open_journal(f.dry_run ? OpenMode::read : OpenMode::write);
    }
    ImportResult result = importer(*journal, in, options);
    journal.reset();
    write_paged([&](std::ostream& out) { write_import_result(out, result, format); });
    if (!result.problems.empty()) {
        throw Error(ErrorKind::invalid_data,
                    fmt::format("{} in {}: nothing was imported.",
                                counted(static_cast<long long>(result.problems.size()), "bad row"),
                                f.file == "-" ? "stdin" : f.file));
    }
}

void add_import_subcommand(CLI::App* import, const std::string& name, const std::string& about,
                           Importer importer, Context& context) {
    auto flags = std::make_shared<ImportFlags>();
    auto* command = import->add_subcommand(name, about);
    command->add_option("file", flags->file, "The CSV file; - reads stdin")
        ->required()
        ->type_name("FILE");
    command->add_flag("-n,--dry-run", flags->dry_run,
                      "Check every row and say what would be imported; change nothing");
    command
        ->add_option("--date-format", flags->date_format,
                     "iso (YYYY-MM-DD) or us (MM/DD/YYYY); default: import.date_format")
        ->type_name("FORMAT");
    command->add_option("--format", flags->format, "text (default) or json")->type_name("FORMAT");
    if (name == "sessions") {
        command->add_flag("--create-peers", flags->create_peers,
                          "Add peer codes the journal does not know yet (active, since their "
                          "first session)");
        command->add_flag("--create-groups", flags->create_groups,
                          "Add group names the journal does not know yet (no schedule)");
    }
    command->callback([flags, importer, &context] { run_import(*flags, importer, context); });
}

} // namespace

void setup_import_commands(CLI::App& app, Context& context) {
    auto* import = add_command(app, "import");
    import->require_subcommand(1);
    add_import_subcommand(import, "peers",
                          "Import peers: code, stage, pathway, since, status, closed_on, "
                          "referred_by",
                          &import_peers, context);
    add_import_subcommand(import, "sessions",
                          "Import sessions: date, peer, minutes, support, and optionally start, "
                          "modality, setting, self_disclosure, disclosure_purpose, follow_up, "
                          "note; a row with a group (and attendees, unnamed) instead of a peer "
                          "is a group session",
                          &import_sessions, context);
}

} // namespace peerlog::cli
