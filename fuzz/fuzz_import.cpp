// Fuzz target: CSV import. Each input is imported as sessions and as peers (dry runs, so the
// journal stays as it was); it is either accepted or refused with a peerlog::Error, never
// anything else.
#include "peerlog/error.hpp"
#include "peerlog/import.hpp"
#include "peerlog/peer_store.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

char g_directory[64] = {}; // plain storage, so the atexit cleanup never sees a destroyed string

// One journal with three peers, made once and reused by every input.
peerlog::Journal& fuzz_journal() {
    static peerlog::Journal* journal = [] {
        std::snprintf(g_directory, sizeof g_directory, "/tmp/peerlog-fuzz-import-XXXXXX");
        if (::mkdtemp(g_directory) == nullptr) {
            std::abort();
        }
        std::atexit([] { std::filesystem::remove_all(g_directory); }); // libFuzzer ends with exit()
        auto* opened = new peerlog::Journal(peerlog::Journal::open(
            std::filesystem::path(g_directory) / "journal.db", peerlog::OpenMode::write));
        for (const char* code : {"P1", "P2", "RJ-07"}) {
            peerlog::Peer peer;
            peer.code = code;
            peer.since =
                peerlog::Date{std::chrono::year{2026}, std::chrono::month{1}, std::chrono::day{1}};
            peerlog::add_peer(*opened, peer);
        }
        return opened;
    }();
    return *journal;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    peerlog::ImportOptions options;
    options.dry_run = true;
    options.today =
        peerlog::Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{18}};
    options.date_format =
        size % 2 == 0 ? peerlog::ImportDateFormat::iso : peerlog::ImportDateFormat::us;
    options.create_peers = size % 3 == 0;
    for (int what = 0; what < 2; ++what) {
        std::istringstream in(text);
        try {
            auto result = what == 0 ? peerlog::import_sessions(fuzz_journal(), in, options)
                                    : peerlog::import_peers(fuzz_journal(), in, options);
            (void)result;
        } catch (const peerlog::Error&) {
            // a refusal with a message is the expected answer to bad input
        }
    }
    return 0;
}
