// `peerlog consent add|list|show|revoke`: a peer's written consents to disclose.
#include "command_list.hpp"
#include "commands.hpp"
#include "pager.hpp"

#include "peerlog/consent.hpp"
#include "peerlog/record_output.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {
namespace {

struct ConsentFlags {
    std::string code, recipient, purpose, info, share, signed_on, effective, expires, until;
};

void run_add(const ConsentFlags& f, Context& context) {
    Date today = context.today();
    Consent consent;
    consent.peer_code = f.code;
    consent.recipient = f.recipient;
    consent.purpose = f.purpose;
    consent.information = f.info;
    consent.share = ShareSet::parse(f.share);
    consent.signed_on = parse_date(f.signed_on, today, "--signed");
    consent.effective_on =
        f.effective.empty() ? consent.signed_on : parse_date(f.effective, today, "--effective");
    if (!f.expires.empty()) {
        consent.expires_on = parse_date(f.expires, today, "--expires", DatePreference::future);
    }
    consent.expiry_event = f.until;
    validate(consent, today);
    Journal journal = context.open_journal(OpenMode::update);
    auto id = add_consent(journal, consent, today);
    std::cout << id << "\n";
    context.tell(
        fmt::format("recorded consent {} for {} to disclose to {}", id, f.code, f.recipient));
}

// "contact, attendance, ... or assessments (...)": the vocabulary, which completions read too.
std::string share_help() {
    std::string categories = ShareSet::all().to_string(", ");
    categories.replace(categories.rfind(", "), 2, " or ");
    return categories + " (what it allows disclosing, a comma list; the name always is)";
}

// Each consent recorded before categories existed counts as attendance alone: say so.
void warn_share_not_recorded(const std::vector<Consent>& consents, Context& context) {
    for (const auto& consent : consents) {
        if (!consent.share_recorded) {
            context.warn(share_not_recorded_warning(consent));
        }
    }
}

} // namespace

void setup_consent_commands(CLI::App& app, Context& context) {
    auto* consent = add_command(app, "consent");
    consent->require_subcommand(1);

    auto f = std::make_shared<ConsentFlags>();
    auto* add = consent->add_subcommand("add", "Record a signed consent; prints its id");
    add->add_option("code", f->code, "The peer's code")->required();
    add->add_option("--recipient", f->recipient, "To whom information may be disclosed")
        ->required()
        ->type_name("R");
    add->add_option("--purpose", f->purpose, "Why")->required()->type_name("P");
    add->add_option("--info", f->info, "How much and what kind of information, in its own words")
        ->required()
        ->type_name("TEXT");
    add->add_option("--share", f->share, share_help())
        ->required()
        ->type_name("CATEGORY[,CATEGORY...]");
    add->add_option("--signed", f->signed_on, "Day the peer signed")->required()->type_name("DATE");
    add->add_option("--effective", f->effective, "First day it counts (default: signed)")
        ->type_name("DATE");
    auto* expires =
        add->add_option("--expires", f->expires, "Last day it counts")->type_name("DATE");
    add->add_option("--until", f->until, "The event that ends it, e.g. \"discharge\"")
        ->type_name("EVENT")
        ->excludes(expires);
    add->callback([f, &context] { run_add(*f, context); });

    auto list_code = std::make_shared<std::string>();
    auto list_format = std::make_shared<std::string>("table");
    auto* list = consent->add_subcommand("list", "List consents with their status today");
    list->add_option("code", *list_code, "Only this peer's consents");
    list->add_option("--format", *list_format, "table or json")->type_name("FORMAT");
    list->callback([list_code, list_format, &context] {
        auto format = parse_output_format(*list_format, {OutputFormat::table, OutputFormat::json});
        Journal journal = context.open_journal(OpenMode::read);
        auto consents = list_consents(journal, *list_code);
        warn_share_not_recorded(consents, context);
        write_paged([&](std::ostream& out) {
            write_consent_list(out, consents, context.today(), format, context.stdout_style());
        });
    });

    auto show_id = std::make_shared<std::int64_t>(0);
    auto show_format = std::make_shared<std::string>("table");
    auto* show = consent->add_subcommand("show", "Show every element of one consent");
    show->add_option("id", *show_id, "The consent's id")->required();
    show->add_option("--format", *show_format, "table or json")->type_name("FORMAT");
    show->callback([show_id, show_format, &context] {
        auto format = parse_output_format(*show_format, {OutputFormat::table, OutputFormat::json});
        Journal journal = context.open_journal(OpenMode::read);
        Consent consent = get_consent(journal, *show_id);
        warn_share_not_recorded({consent}, context);
        write_consent_detail(std::cout, consent, context.today(), format);
    });

    auto revoke_id = std::make_shared<std::int64_t>(0);
    auto revoke_date = std::make_shared<std::string>();
    auto* revoke = consent->add_subcommand("revoke", "Record that the peer revoked a consent");
    revoke->add_option("id", *revoke_id, "The consent's id")->required();
    revoke->add_option("--date", *revoke_date, "Day of revocation (default: today)")
        ->type_name("DATE");
    revoke->callback([revoke_id, revoke_date, &context] {
        Date today = context.today();
        Date day = revoke_date->empty() ? today : parse_date(*revoke_date, today, "--date");
        Journal journal = context.open_journal(OpenMode::update);
        revoke_consent(journal, *revoke_id, day, today);
        context.tell(fmt::format("consent {} revoked on {}", *revoke_id, format_date(day)));
    });
}

} // namespace peerlog::cli
