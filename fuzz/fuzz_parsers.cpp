// Fuzz target: the parsers of what people type (dates, times, durations, weeks, support kinds,
// enums). Each either throws peerlog::Error or returns a value that formats and parses back.
#include "peerlog/calendar.hpp"
#include "peerlog/duration.hpp"
#include "peerlog/error.hpp"
#include "peerlog/peer.hpp"
#include "peerlog/session.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace peerlog;

namespace {

const Date k_today{std::chrono::year{2026}, std::chrono::November, std::chrono::day{18}};

void require(bool property) {
    if (!property) {
        std::abort();
    }
}

// Runs `parse`; an Error is a refusal (fine), anything else escapes and crashes the fuzzer.
template <class Parse> void refusing(Parse&& parse) {
    try {
        parse();
    } catch (const Error&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    refusing([&] {
        Date date = parse_date(text, k_today, "date");
        require(date.ok() && format_date(date).size() == 10);
        require(parse_date(format_date(date), k_today) == date);
    });
    refusing([&] {
        TimeOfDay time = parse_time(text);
        require(time.minutes_since_midnight >= 0 && time.minutes_since_midnight < 24 * 60);
        require(parse_time(format_time(time)) == time);
    });
    refusing([&] {
        int minutes = parse_duration(text);
        require(minutes >= 1 && minutes <= 24 * 60);
        require(parse_duration(format_duration(minutes)) == minutes);
    });
    refusing([&] {
        IsoWeek week = parse_week(text, k_today);
        Period period = period_of_week(week);
        require(days_between(period.from, period.to) == 6 && iso_week_of(period.from) == week);
        require(parse_week(format_week(week), k_today) == week);
    });
    refusing([&] {
        SupportSet support = SupportSet::parse(text);
        require(!support.empty() && SupportSet::parse(support.to_string()) == support);
    });
    refusing([&] { require(to_string(parse_modality(text)).size() > 0); });
    refusing([&] { require(to_string(parse_setting(text)).size() > 0); });
    refusing([&] { require(to_string(parse_pathway(text)).size() > 0); });
    refusing([&] { validate_peer_code(text); });
    return 0;
}
