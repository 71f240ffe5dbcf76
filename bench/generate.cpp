// Benchmark journals: a deterministic, realistic journal of N sessions for P peers, written
// through the library API (add_peer, add_session, close_peer), so it is what peerlog writes.
//
// Usage: peerlog_bench_generate JOURNAL SESSIONS [PEERS=500] [SEED=6]
// Only one thing differs from peerlog's own writes: the generator turns fsync off for its
// connection (synchronous=OFF), or a million commits would take an hour of fsyncs.
#include "journal_db.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/session_store.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <random>
#include <string>
#include <vector>

using namespace peerlog;

namespace {

const Date k_today{std::chrono::year{2026}, std::chrono::November, std::chrono::day{18}};

constexpr const char* k_phrases[] = {
    "Talked through the week and what went well.",
    "Walked to the bus stop together; talked about the court date.",
    "Peer is anxious about the housing interview on Friday.",
    "Went over the benefits form and booked the appointment.",
    "Shared how I handled a similar craving; peer said it helped.",
    "Met at the recovery cafe; peer joined the Tuesday group.",
    "Peer reports 60 days clean and is proud of it.",
    "Called to check in after the family visit.",
    "Practised what to say at the job interview.",
    "Peer missed the appointment; left a message.",
};

class Generator {
  public:
    explicit Generator(unsigned seed) : m_random(seed) {}

    int between(int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(m_random);
    }
    bool chance(double probability) {
        return std::uniform_real_distribution<double>(0, 1)(m_random) < probability;
    }
    // An index drawn with the given weights (they need not add up to 100).
    template <std::size_t N> std::size_t weighted(const int (&weights)[N]) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int pick = between(0, total - 1);
        for (std::size_t i = 0; i < N; ++i) {
            if ((pick -= weights[i]) < 0) {
                return i;
            }
        }
        return N - 1;
    }

    Session session(const std::string& peer, Date date) {
        Session s;
        s.peer_code = peer;
        s.date = date;
        // Emotional support is the most common, affiliational the least; often several at once.
        const double kinds[] = {0.6, 0.45, 0.35, 0.25};
        for (std::size_t k = 0; k < k_support_kinds.size(); ++k) {
            if (chance(kinds[k])) {
                s.support.add(k_support_kinds[k]);
            }
        }
        if (s.support.empty()) {
            s.support.add(SupportKind::emotional);
        }
        const int modality_weights[] = {55, 25, 12, 8};
        s.modality = k_modalities[weighted(modality_weights)];
        const int setting_weights[] = {40, 30, 10, 15, 5};
        s.setting = static_cast<Setting>(weighted(setting_weights));
        const int durations[] = {15, 30, 45, 60, 90, 120};
        const int duration_weights[] = {10, 30, 25, 20, 10, 5};
        s.minutes = durations[weighted(duration_weights)];
        if (chance(0.7)) {
            s.start = TimeOfDay{between(8 * 4, 19 * 4) * 15};
        }
        if (chance(0.8)) {
            int sentences = between(1, 3);
            for (int i = 0; i < sentences; ++i) {
                s.note += (i ? " " : "");
                s.note += k_phrases[between(0, std::size(k_phrases) - 1)];
            }
        }
        if (chance(0.1)) {
            s.disclosure = "to show that a setback is not the end of recovery";
        }
        if (chance(0.4)) {
            s.follow_up = add_days(date, between(3, 14));
        }
        return s;
    }

  private:
    std::mt19937_64 m_random;
};

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s JOURNAL SESSIONS [PEERS=500] [SEED=6]\n", argv[0]);
        return 2;
    }
    const long sessions = std::atol(argv[2]);
    const int peers = argc > 3 ? std::atoi(argv[3]) : 500;
    Generator random(argc > 4 ? static_cast<unsigned>(std::atoi(argv[4])) : 6u);
    // A specialist's year at 1k sessions; a team's ten years at 1M.
    const int span_days = static_cast<int>(std::clamp(sessions / 50, 90L, 3650L));
    const Date first_day = add_days(k_today, -span_days);
    auto started = std::chrono::steady_clock::now();

    Journal journal = Journal::open(argv[1], OpenMode::write);
    journal.impl().db.exec("PRAGMA synchronous = OFF");
    std::vector<std::string> codes;
    for (int i = 0; i < peers; ++i) {
        Peer peer;
        peer.code = fmt::format("P{:04}", i);
        peer.since = add_days(first_day, -random.between(0, 60));
        peer.pathway = static_cast<Pathway>(random.between(0, 2));
        peer.stage = static_cast<RecoveryStage>(random.between(0, 3));
        peer.referred_by = random.chance(0.3) ? "drug court" : "";
        add_peer(journal, peer);
        codes.push_back(peer.code);
    }
    for (long i = 0; i < sessions; ++i) {
        // Dates rise through the span, so the journal grows the way a real one does.
        Date date = add_days(first_day, static_cast<int>(i * span_days / sessions));
        add_session(journal, random.session(codes[random.between(0, peers - 1)], date), k_today);
    }
    for (int i = 0; i < peers; ++i) {
        if (i % 10 == 9) {
            close_peer(journal, codes[i], k_today);
        } else if (i % 20 == 3) {
            pause_peer(journal, codes[i]);
        }
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("%s: %ld sessions, %d peers over %d days, in %.1f s\n", argv[1], sessions, peers,
                span_days, seconds);
    return 0;
}
