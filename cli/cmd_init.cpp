// `peerlog init [--encrypt]`: create the journal, optionally with encrypted sensitive fields.
#include "command_list.hpp"
#include "commands.hpp"
#include "passphrase_input.hpp"

#include "peerlog/encryption.hpp"

#include <fmt/format.h>
#include <iostream>
#include <memory>

namespace peerlog::cli {

void setup_init_command(CLI::App& app, Context& context) {
    auto* init = add_command(app, "init");
    auto encrypt = std::make_shared<bool>(false);
    init->add_flag("--encrypt", *encrypt,
                   "Encrypt notes and identity fields with a passphrase (typed twice on a "
                   "terminal, or the first line of --passphrase-file); a new, empty journal only");
    init->callback([&context, encrypt] {
        // Asked before the file is created, so a mistyped passphrase leaves nothing behind.
        std::optional<SecretBuffer> passphrase;
        if (*encrypt) {
            passphrase =
                new_passphrase(context.options.passphrase_file, "New passphrase for the journal");
        }
        Journal journal = context.open_journal(OpenMode::write);
        if (passphrase) {
            enable_encryption(journal, *passphrase);
            context.tell(fmt::format("{} the journal {}; its notes and identity fields are "
                                     "encrypted. Keep the passphrase safe: without it they "
                                     "cannot be read.",
                                     journal.created() ? "created" : "encrypted",
                                     journal.path().string()));
        } else if (journal.created()) {
            context.tell(fmt::format("created the journal {}", journal.path().string()));
        } else {
            context.tell(fmt::format("the journal {} already exists; nothing changed",
                                     journal.path().string()));
        }
        std::cout << journal.path().string() << "\n";
    });
}

} // namespace peerlog::cli
