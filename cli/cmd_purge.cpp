// `peerlog purge`: forget peers whose records closed before the retention period.
#include "command_list.hpp"
#include "commands.hpp"
#include "confirm.hpp"

#include "peerlog/error.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/plural.hpp"
#include "peerlog/safe_text.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {

namespace {

struct PurgeOptions {
    std::string closed_before;
    bool dry_run = false;
    bool yes = false;
};

std::string peer_line(const Peer& peer) {
    return fmt::format("{} (closed {})\n", peer.code, format_date(*peer.closed_on));
}

std::string disclosures_line(const PurgeResult& purge, const PurgeCutoffs& cutoffs) {
    return fmt::format("{} of the accounting of disclosures made before {} (kept {})",
                       counted(purge.disclosures_expired, "entry", "entries"),
                       format_date(cutoffs.disclosures_before),
                       counted(cutoffs.disclosure_retention_years, "year"));
}

std::string backups_line(const PurgeResult& purge) {
    return describe_backups_holding(purge.backups, "the first record of these peers");
}

// The drafts of notes about the peers a purge forgets (or would).
long long drafts_of(const PurgeResult& purge) {
    long long drafts = 0;
    for (const auto& purged : purge.peers) {
        drafts += purged.forgotten.drafts;
    }
    return drafts;
}

// The list of what a purge would do, one line each: the peers, then the disclosures.
void write_plan(std::ostream& out, const PurgeResult& plan, const PurgeCutoffs& cutoffs) {
    for (const auto& purged : plan.peers) {
        out << "would forget " << peer_line(purged.peer);
    }
    if (plan.disclosures_expired > 0) {
        out << "would remove " << disclosures_line(plan, cutoffs) << "\n";
    }
    if (long long drafts = drafts_of(plan); drafts > 0) {
        out << fmt::format("and delete {} about them\n", counted(drafts, "draft"));
    }
}

void run_purge(const PurgeOptions& options, Context& context) {
    Date today = context.today();
    std::optional<Date> closed_before;
    if (!options.closed_before.empty()) {
        closed_before = parse_date(options.closed_before, today, "--closed-before");
    }
    PurgeCutoffs cutoffs = purge_cutoffs(context.config(), today, closed_before);
    Journal journal = context.open_journal(OpenMode::update);
    PurgeResult plan = preview_purge(journal, cutoffs);
    if (plan.peers.empty() && plan.disclosures_expired == 0) {
        context.tell(fmt::format("no peer was closed before {}, and no disclosure was made before "
                                 "{}.",
                                 format_date(cutoffs.closed_before),
                                 format_date(cutoffs.disclosures_before)));
        return;
    }
    if (options.dry_run) {
        write_plan(std::cout, plan, cutoffs);
        if (!backups_line(plan).empty()) {
            std::cout << terminal_safe(backups_line(plan), LineBreaks::flatten) << "\n";
        }
        return;
    }
    // On a terminal the question comes after the list it asks about.
    if (!options.yes && context.interactive()) {
        write_plan(std::cerr, plan, cutoffs);
    }
    std::string question =
        plan.peers.empty()
            ? fmt::format("Remove {}? It cannot be undone.", disclosures_line(plan, cutoffs))
            : fmt::format("Forget {} and all their records{}? It cannot be undone.",
                          counted(static_cast<long long>(plan.peers.size()), "peer"),
                          plan.disclosures_expired > 0
                              ? ", and remove " + disclosures_line(plan, cutoffs)
                              : "");
    confirm_or_refuse(options.yes, context, question);
    std::vector<std::string> asked; // a peer closed meanwhile is refused, not forgotten
    for (const auto& purged : plan.peers) {
        asked.push_back(purged.peer.code);
    }
    PurgeResult done = purge_closed_before(journal, cutoffs, asked);
    for (const auto& gone : done.peers) {
        std::cout << peer_line(gone.peer);
    }
    long long drafts = drafts_of(done);
    context.tell(
        fmt::format("forgot {} closed before {}; removed {}{}",
                    counted(static_cast<long long>(done.peers.size()), "peer"),
                    format_date(cutoffs.closed_before), disclosures_line(done, cutoffs),
                    drafts > 0 ? fmt::format("; {} deleted", counted(drafts, "draft")) : ""));
    if (!backups_line(done).empty()) {
        context.warn(backups_line(done));
    }
    if (done.scrub == Scrub::pending) {
        throw Error(ErrorKind::busy, scrub_pending_message("the purged records"));
    }
}

} // namespace

void setup_purge_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<PurgeOptions>();
    auto* purge = add_command(app, "purge");
    purge->add_option("--closed-before", options->closed_before, "Cut-off day")->type_name("DATE");
    purge->add_flag("--dry-run", options->dry_run, "List what would be removed; change nothing");
    purge->add_flag("-y,--yes", options->yes, "Do not ask; needed when not on a terminal");
    purge->callback([options, &context] { run_purge(*options, context); });
}

} // namespace peerlog::cli
