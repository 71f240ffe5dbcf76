// `peerlog purge`: forget peers whose records closed before the retention period.
#include "commands.hpp"
#include "confirm.hpp"

#include "peerlog/peer_store.hpp"
#include "peerlog/plural.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {

void setup_purge_command(CLI::App& app, Context& context) {
    struct Options {
        std::string closed_before;
        bool dry_run = false;
        bool yes = false;
    };
    auto options = std::make_shared<Options>();
    auto* purge = app.add_subcommand(
        "purge", "Forget every peer closed before a date (default: privacy.retention_years ago)");
    purge->add_option("--closed-before", options->closed_before, "Cut-off day")->type_name("DATE");
    purge->add_flag("--dry-run", options->dry_run, "List what would be removed; change nothing");
    purge->add_flag("-y,--yes", options->yes, "Do not ask; needed when not on a terminal");
    purge->callback([options, &context] {
        Date today = context.today();
        Date cutoff = options->closed_before.empty()
                          ? add_days(today, -365 * context.config().retention_years)
                          : parse_date(options->closed_before, today, "--closed-before");
        Journal journal = context.open_journal(OpenMode::update);
        auto peers = peers_closed_before(journal, cutoff);
        if (peers.empty()) {
            context.tell(fmt::format("no peer was closed before {}.", format_date(cutoff)));
            return;
        }
        auto line = [](const Peer& peer) {
            return fmt::format("{} (closed {})\n", peer.code, format_date(*peer.closed_on));
        };
        if (options->dry_run) {
            long long drafts = 0;
            for (const auto& peer : peers) {
                std::cout << "would forget " << line(peer);
                drafts += preview_forget(journal, peer.code).drafts;
            }
            if (drafts > 0) {
                std::cout << fmt::format("and delete {} about them\n", counted(drafts, "draft"));
            }
            return;
        }
        // On a terminal the question comes after the list it asks about.
        if (!options->yes && context.interactive()) {
            for (const auto& peer : peers) {
                std::cerr << "would forget " << line(peer);
            }
        }
        confirm_or_refuse(options->yes, context,
                          fmt::format("Forget {} and all their records? It cannot be undone.",
                                      counted(static_cast<long long>(peers.size()), "peer")));
        std::vector<std::string> asked; // a peer closed meanwhile is refused, not forgotten
        for (const auto& peer : peers) {
            asked.push_back(peer.code);
        }
        auto purged = purge_closed_before(journal, cutoff, asked);
        long long drafts = 0;
        for (const auto& gone : purged) {
            std::cout << line(gone.peer);
            drafts += gone.forgotten.drafts;
        }
        context.tell(
            fmt::format("forgot {} closed before {}{}",
                        counted(static_cast<long long>(purged.size()), "peer"), format_date(cutoff),
                        drafts > 0 ? fmt::format("; {} deleted", counted(drafts, "draft")) : ""));
    });
}

} // namespace peerlog::cli
