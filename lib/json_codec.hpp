// JSON encodings shared by every renderer, so a field is spelled one way everywhere.
#pragma once

#include "peerlog/session.hpp"
#include "peerlog/summary.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace peerlog {

/// Keys keep the order they are written in, so output is stable and reads naturally.
using Json = nlohmann::ordered_json;

/// A date as "YYYY-MM-DD", or null.
Json date_json(std::optional<Date> date);

/// The period: week (or null), from, to.
Json period_json(const Period& period);

/// A stored session; the note and disclosure purpose only with `include_private_text`.
Json session_json(const Session& session, bool include_private_text);

/// A de-identified session row.
Json session_row_json(const SessionRow& row);

/// The headline totals, with every support kind and modality present; a suppressed figure is
/// the string "<N".
Json totals_json(const PeriodSummary& summary);

/// A count, or "<N" when suppression hides it.
Json count_json(const PeriodSummary& summary, std::string_view path, long long value);

/// One follow-up as {peer, due, session}.
Json follow_up_json(const FollowUp& follow_up);

/// Follow-ups as [{peer, due, session}].
Json follow_ups_json(const std::vector<FollowUp>& follow_ups);

/// {"id": N, "hash": "…"}: the audit chain head an output publishes.
Json audit_head_json(const AuditHead& head);

/// `json` as text, indented by `indent` spaces or on one line (-1): valid JSON for any stored
/// bytes (invalid UTF-8 is written as U+FFFD rather than failing the whole output), with DEL,
/// C1 controls and hidden format characters escaped (json_safe), so printing it on a terminal
/// is safe too. Every JSON peerlog writes goes through it.
std::string dump_json(const Json& json, int indent);

/// dump_json(json, 2) with `indent` before each line: an element of an array written in pieces
/// (no newline after it).
std::string indented_json(const Json& json, std::string_view indent);

/// Writes dump_json(json) indented by 2 (json) or on one line (ndjson), then a newline.
void write_json(std::ostream& out, const Json& json, bool one_line);

/// Hands `item` each element of an array read as it is written.
using JsonItems = std::function<void(const std::function<void(const Json&)>& item)>;

/// An array of a document written a piece at a time: the document holds `marker` (a string no
/// stored text can equal: json_stream_marker) where the array goes.
struct JsonStream {
    std::string marker;
    JsonItems items;
};

/// A marker for JsonStream number `n`, as a string value.
std::string json_stream_marker(int n);

/// write_json(json, indented by 2) with each stream's marker replaced by its array, written an
/// element at a time and laid out as dump_json lays out a held one: a document whose long lists
/// are read as they are written, in the memory of its short parts.
void write_json_streamed(std::ostream& out, const Json& json,
                         const std::vector<JsonStream>& streams);

} // namespace peerlog
