// `peerlog resource add|list` and `peerlog referral add|list|set`: community resources.
#include "command_list.hpp"
#include "commands.hpp"
#include "output_options.hpp"
#include "pager.hpp"

#include "peerlog/record_output.hpp"
#include "peerlog/referral.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {
namespace {

OutputFormat record_listing_format(const ListingOutput& o) {
    return listing_format(
        o, {OutputFormat::table, OutputFormat::csv, OutputFormat::json, OutputFormat::xlsx});
}

void setup_resource_commands(CLI::App& app, Context& context) {
    auto* resource = add_command(app, "resource");
    resource->require_subcommand(1);

    auto added = std::make_shared<Resource>();
    auto* add = resource->add_subcommand("add", "Add a resource");
    add->add_option("name", added->name, "The resource's name")->required();
    add->add_option("--category", added->category, "e.g. housing, food, treatment, mutual-aid")
        ->type_name("CAT")
        ->required();
    add->add_option("--contact", added->contact, "How to reach it")->type_name("TEXT");
    add->callback([added, &context] {
        validate(*added);
        Journal journal = context.open_journal(OpenMode::write);
        add_resource(journal, *added);
        context.tell(fmt::format("added resource {}", added->name));
    });

    auto format = std::make_shared<ListingOutput>();
    auto* list = resource->add_subcommand("list", "List the resources");
    add_listing_output(list, *format, "table, csv, json or xlsx");
    list->callback([format, &context] {
        auto chosen = record_listing_format(*format);
        Journal journal = context.open_journal(OpenMode::read);
        auto resources = list_resources(journal);
        if (resources.empty() && chosen == OutputFormat::table) {
            context.tell("no resources yet: add one with `peerlog resource add NAME --category "
                         "CAT`.");
            return;
        }
        write_listing_output(*format, context, [&](std::ostream& out, const RenderStyle& style) {
            write_resource_list(out, resources, chosen, style);
        });
    });
}

void setup_referral_commands(CLI::App& app, Context& context) {
    auto* referral = add_command(app, "referral");
    referral->require_subcommand(1);

    struct AddOptions {
        std::string peer, resource, date;
    };
    auto added = std::make_shared<AddOptions>();
    auto* add = referral->add_subcommand("add", "Refer a peer to a resource; prints its id");
    add->add_option("code", added->peer, "The peer's code")->required();
    add->add_option("--resource", added->resource, "The resource's name")
        ->type_name("NAME")
        ->required();
    add->add_option("--date", added->date, "Day of the referral (default: today)")
        ->type_name("DATE");
    add->callback([added, &context] {
        Date today = context.today();
        Referral made;
        made.peer_code = added->peer;
        made.resource = added->resource;
        made.date = added->date.empty() ? today : parse_date(added->date, today, "--date");
        made.status_on = made.date;
        Journal journal = context.open_journal(OpenMode::write);
        std::int64_t id = add_referral(journal, made, today);
        std::cout << id << "\n";
        context.tell(fmt::format("referred {} to {}", made.peer_code, made.resource));
    });

    struct ListOptions {
        std::string peer;
        ListingOutput shown;
    };
    auto list_options = std::make_shared<ListOptions>();
    auto* list = referral->add_subcommand("list", "List referrals, all or one peer's");
    list->add_option("code", list_options->peer, "Only this peer's referrals");
    add_listing_output(list, list_options->shown, "table, csv, json or xlsx");
    list->callback([list_options, &context] {
        auto format = record_listing_format(list_options->shown);
        Journal journal = context.open_journal(OpenMode::read);
        auto referrals = list_referrals(
            journal, list_options->peer.empty() ? std::nullopt
                                                : std::optional<std::string>(list_options->peer));
        if (referrals.empty() && format == OutputFormat::table) {
            context.tell("no referrals yet.");
            return;
        }
        write_listing_output(list_options->shown, context,
                             [&](std::ostream& out, const RenderStyle& style) {
                                 write_referral_list(out, referrals, format, style);
                             });
    });

    struct SetOptions {
        std::int64_t id = 0;
        std::string status, date;
    };
    auto set_options = std::make_shared<SetOptions>();
    auto* set = referral->add_subcommand("set", "Change a referral's status");
    set->add_option("id", set_options->id, "The referral's id")->required();
    set->add_option("--status", set_options->status, "made, connected, declined or completed")
        ->type_name("STATUS")
        ->required();
    set->add_option("--date", set_options->date, "Day of the change (default: today)")
        ->type_name("DATE");
    set->callback([set_options, &context] {
        Date today = context.today();
        ReferralStatus status = parse_referral_status(set_options->status);
        Date on =
            set_options->date.empty() ? today : parse_date(set_options->date, today, "--date");
        Journal journal = context.open_journal(OpenMode::write);
        Referral changed = set_referral_status(journal, set_options->id, status, on, today);
        context.tell(fmt::format("referral {} is now {}", changed.id, to_string(changed.status)));
    });
}

} // namespace

void setup_referral_commands_all(CLI::App& app, Context& context) {
    setup_resource_commands(app, context);
    setup_referral_commands(app, context);
}

} // namespace peerlog::cli
