// The `rm` of a record, and the options of the `edit` commands.
#include "record_removal.hpp"

#include "confirm.hpp"

#include "peerlog/error.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {

void add_remove_flags(CLI::App* rm, RemoveFlags& flags) {
    rm->add_flag("-y,--yes", flags.yes, "Do not ask; needed when not on a terminal");
    rm->add_flag("-n,--dry-run", flags.dry_run, "Say what would be deleted; delete nothing");
}

void run_record_removal(const RemoveFlags& flags, Context& context,
                        const std::function<std::string(Journal&, Removal)>& remove) {
    Journal journal = context.open_journal(flags.dry_run ? OpenMode::read : OpenMode::update);
    // The dry run checks what the deletion would (a group in use is refused alike).
    std::string what = remove(journal, Removal::dry_run);
    if (flags.dry_run) {
        std::cout << fmt::format("would delete {}\n", what);
        return;
    }
    confirm_or_refuse(flags.yes, context, fmt::format("Delete {}? It cannot be undone.", what));
    remove(journal, Removal::apply);
    context.tell(fmt::format("deleted {}", what));
}

std::optional<std::string> GivenText::clearable() const {
    if (!given()) {
        return std::nullopt;
    }
    return value == "none" ? std::string() : value;
}

void add_given(CLI::App* command, const std::string& name, GivenText& flag, const std::string& help,
               const std::string& type_name) {
    flag.option = command->add_option(name, flag.value, help)->type_name(type_name);
}

void refuse_empty_edit(bool empty, const std::string& command, const std::string& record) {
    if (empty) {
        throw Error(
            ErrorKind::usage,
            fmt::format("nothing to change: give {} {} at least one flag (see `peerlog help "
                        "{}`).",
                        command, record, command));
    }
}

} // namespace peerlog::cli
