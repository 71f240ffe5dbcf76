// A disclosed peer as each identified output writes it: a JSON object, CSV rows, tables, sheets.
// Each writes what the DisclosedPeer holds and nothing else, so only the categories its consents
// allow ever reach an output. Private to the library.
#pragma once

#include "document.hpp"
#include "json_codec.hpp"
#include "peerlog/disclosure.hpp"

#include <string>
#include <vector>

namespace peerlog {

/// {code, name, share, consents} and a key per category allowed: contact, sessions (each with
/// the fields of attendance, support, notes and goals allowed), goals, referrals, assessments.
Json disclosed_peer_json(const DisclosedPeer& peer);

/// One CSV row of a disclosed peer: the peer itself (record "peer", detail: the categories
/// shared), a session, a goal, a referral or an assessment. Cells of a category not allowed
/// stay empty.
struct DisclosedRow {
    std::string record; ///< peer, session, goal, referral, assessment
    std::string id;
    std::string date;
    std::string start;
    std::string minutes;
    std::string modality;
    std::string setting;
    std::string group;
    std::string support;
    std::string note;
    std::string detail; ///< shared categories, goal text, resource, BARC-10 total and items
    std::string status; ///< a goal's or referral's status and since when
};

/// The peer's rows: the peer row first, then its sessions, goals, referrals, assessments.
std::vector<DisclosedRow> disclosed_rows(const DisclosedPeer& peer);

/// Every disclosed peer's rows under the identified export's columns (code, name, contact, then
/// a DisclosedRow's fields): the csv's lines and the xlsx "Identified records" sheet. Codes,
/// names and contacts are text cells, ids and minutes numbers, dates date cells.
SheetTable identified_records_table(const IdentifiedExport& disclosed);

/// The sheets of an identified workbook: "Disclosure" first (the redisclosure notice, the
/// specialist, recipient, purpose, period, disclosure id and chain head, all text cells), then
/// `middle`, then "Identified records" (identified_records_table).
std::vector<Sheet> identified_sheets(const IdentifiedExport& disclosed, std::vector<Sheet> middle);

/// The peer's sections of a document: "Peer CODE" with its name (and contact) and the categories
/// shared, and its sessions; then a section for each of goals, referrals and BARC-10 assessments
/// allowed, with their table or a sentence saying there is none by the period's last day.
std::vector<DocSection> disclosed_sections(const DisclosedPeer& peer, const Period& period);

} // namespace peerlog
