// `peerlog encrypt`: turn a plain journal into an encrypted one in one step, records, ids and
// audit chain kept; run again on an encrypted journal, it seals what an earlier peerlog left in
// the clear and finishes an interrupted wipe.
#include "command_list.hpp"
#include "commands.hpp"
#include "passphrase_input.hpp"

#include "peerlog/encryption.hpp"
#include "peerlog/error.hpp"
#include "peerlog/plural.hpp"

#include <fmt/format.h>

namespace peerlog::cli {
namespace {

// The new passphrase, before anything is written: a mistyped one leaves the journal as it was.
SecretBuffer passphrase_to_encrypt_with(const Context& context) {
    if (context.options.passphrase_file.empty() && !can_prompt()) {
        throw Error(ErrorKind::usage,
                    "encrypt needs the new passphrase: give --passphrase-file PATH (a file of mode "
                    "0600 whose first line is it), or run it on a terminal to type it twice.");
    }
    return new_passphrase(context.options.passphrase_file, "New passphrase for the journal");
}

void tell_result(const EncryptResult& result, const Journal& journal, Context& context) {
    std::string sealed = fmt::format(
        "{} sealed in {}, {} redacted", counted(result.sealed, "value"),
        counted(result.resealed_records, "record"), counted(result.redacted_events, "audit event"));
    context.tell(
        result.was_encrypted
            ? fmt::format("the journal {} was encrypted already; what an earlier peerlog left "
                          "in the clear is sealed now: {}",
                          journal.path().string(), sealed)
            : fmt::format("encrypted the journal {}: {}; ids, records and the audit chain are "
                          "kept. Keep the passphrase safe: without it the sealed text cannot be "
                          "read.",
                          journal.path().string(), sealed));
    if (result.unredactable_events > 0) {
        context.warn(fmt::format("{} written by a peerlog older than schema 4 keep the typed "
                                 "text they quote (a consent's recipient and purpose, an override "
                                 "reason): their hash covers it, so it cannot be redacted.",
                                 counted(result.unredactable_events, "audit event")));
    }
    if (!result.wiped) {
        context.warn(fmt::format("another process kept {} open, so pages of its old plaintext may "
                                 "remain in its files for now: the next peerlog that opens it for "
                                 "writing wipes them (or run `peerlog encrypt` again once nothing "
                                 "else uses it).",
                                 journal.path().string()));
    }
}

} // namespace

void setup_encrypt_command(CLI::App& app, Context& context) {
    auto* encrypt = add_command(app, "encrypt");
    encrypt->callback([&context] {
        Journal journal = context.open_journal(OpenMode::update);
        EncryptResult result = encrypted(journal)
                                   ? finish_encryption(journal)
                                   : encrypt_journal(journal, passphrase_to_encrypt_with(context));
        tell_result(result, journal, context);
    });
}

} // namespace peerlog::cli
