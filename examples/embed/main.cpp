// Embedding peerlog: open a journal, add a peer and a session, build the weekly summary and
// render it as the export's JSON. Usage: weekly_json JOURNAL_PATH (weekly_json --help says so)
#include <peerlog/calendar.hpp>
#include <peerlog/error.hpp>
#include <peerlog/export_writer.hpp>
#include <peerlog/journal.hpp>
#include <peerlog/peer_store.hpp>
#include <peerlog/session_store.hpp>
#include <peerlog/summary.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    const std::string usage = "usage: weekly_json JOURNAL_PATH\n"
                              "Adds a peer and a session to the journal (created if missing) "
                              "and prints this week's export as JSON.\n";
    std::string first = argc > 1 ? argv[1] : "";
    if (argc == 2 && (first == "--help" || first == "-h")) {
        std::cout << usage;
        return 0;
    }
    // Anything else that starts with '-' is a mistyped option, not a journal to create.
    if (argc != 2 || first.empty() || first[0] == '-') {
        std::cerr << usage;
        return 2;
    }
    try {
        peerlog::Journal journal = peerlog::Journal::open(argv[1], peerlog::OpenMode::write);
        peerlog::Date today = peerlog::local_today();

        peerlog::Peer peer;
        peer.code = "EMBED-1";
        peer.since = today;
        peerlog::add_peer(journal, peer);

        peerlog::Session session;
        session.peer_code = peer.code;
        session.date = today;
        session.minutes = 50;
        session.support = peerlog::SupportSet::parse("emotional,affiliational");
        session.modality = peerlog::Modality::video;
        std::int64_t id = peerlog::add_session(journal, session, today);
        std::cerr << "added session " << id << "\n";

        peerlog::Period week = peerlog::period_of_week(peerlog::iso_week_of(today));
        peerlog::PeriodSummary summary =
            peerlog::build_summary(journal, week, {today, 30, "embedded example"});
        peerlog::write_export(std::cout, summary, peerlog::OutputFormat::json);
    } catch (const peerlog::Error& error) {
        std::cerr << "peerlog error: " << error.what() << "\n";
        return peerlog::exit_code(error.kind());
    }
    return 0;
}
