// `peerlog backup FILE`: a consistent copy of the journal, safe while peerlog is writing.
#include "command_list.hpp"
#include "commands.hpp"

#include "peerlog/backup.hpp"

#include <iostream>
#include <memory>

namespace peerlog::cli {

void setup_backup_command(CLI::App& app, Context& context) {
    struct Options {
        std::string file;
        std::string format = "text";
        bool force = false;
    };
    auto options = std::make_shared<Options>();
    auto* backup = add_command(app, "backup");
    backup->add_option("file", options->file, "The copy to write (mode 0600)")
        ->required()
        ->type_name("FILE");
    backup->add_flag("--force", options->force, "Replace FILE if it exists");
    backup->add_option("--format", options->format, "text (default) or json")->type_name("FORMAT");
    backup->callback([options, &context] {
        auto format = options->format == "text"
                          ? OutputFormat::table
                          : parse_output_format(options->format, {OutputFormat::json});
        Journal journal = context.open_journal(OpenMode::update);
        BackupResult result = backup_journal(
            journal, options->file, options->force ? ReplaceExisting::yes : ReplaceExisting::no);
        write_backup_result(std::cout, result, format);
    });
}

} // namespace peerlog::cli
