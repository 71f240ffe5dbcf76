// Rendering the record listings: groups, goals, resources, referrals, assessments,
// supervision meetings, check-ins and consents, as table, csv or json.
#pragma once

#include "peerlog/assessment.hpp"
#include "peerlog/checkin.hpp"
#include "peerlog/consent.hpp"
#include "peerlog/goal.hpp"
#include "peerlog/group.hpp"
#include "peerlog/output_format.hpp"
#include "peerlog/referral.hpp"
#include "peerlog/supervision.hpp"

#include <ostream>
#include <vector>

namespace peerlog {

void write_group_list(std::ostream& out, const std::vector<GroupOverview>& groups,
                      OutputFormat format, const RenderStyle& style);
/// One group as a labelled page (table) or json.
void write_group_detail(std::ostream& out, const GroupOverview& group, OutputFormat format,
                        const RenderStyle& style);
void write_goal_list(std::ostream& out, const std::vector<Goal>& goals, OutputFormat format,
                     const RenderStyle& style);
void write_resource_list(std::ostream& out, const std::vector<Resource>& resources,
                         OutputFormat format, const RenderStyle& style);
void write_referral_list(std::ostream& out, const std::vector<Referral>& referrals,
                         OutputFormat format, const RenderStyle& style);
/// A peer's BARC-10s with the change from the previous and from the first one.
void write_assessment_list(std::ostream& out, const std::vector<Assessment>& assessments,
                           OutputFormat format, const RenderStyle& style);
void write_supervision_list(std::ostream& out, const std::vector<SupervisionMeeting>& meetings,
                            OutputFormat format, const RenderStyle& style);
/// The specialist's own check-ins; the private note only with `with_notes`.
void write_checkin_list(std::ostream& out, const std::vector<Checkin>& checkins,
                        OutputFormat format, bool with_notes, const RenderStyle& style);
/// Consents with their status on `today`, as a table or json.
void write_consent_list(std::ostream& out, const std::vector<Consent>& consents, Date today,
                        OutputFormat format, const RenderStyle& style);
/// Every element of one consent, as labelled lines (table) or the json object of the list.
void write_consent_detail(std::ostream& out, const Consent& consent, Date today,
                          OutputFormat format);

} // namespace peerlog
