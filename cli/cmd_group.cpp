// `peerlog group add|list|show`: the recovery groups the specialist leads.
#include "command_list.hpp"
#include "commands.hpp"
#include "output_options.hpp"
#include "pager.hpp"

#include "peerlog/group.hpp"
#include "peerlog/record_output.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {

void setup_group_commands(CLI::App& app, Context& context) {
    auto* group = add_command(app, "group");
    group->require_subcommand(1);

    auto added = std::make_shared<Group>();
    auto* add = group->add_subcommand("add", "Add a group");
    add->add_option("name", added->name, "The group's name")->required();
    add->add_option("--schedule", added->schedule, "When it meets, e.g. \"Tuesdays 18:00\"")
        ->type_name("TEXT");
    add->callback([added, &context] {
        validate(*added);
        Journal journal = context.open_journal(OpenMode::write);
        add_group(journal, *added);
        context.tell(fmt::format("added group {}", added->name));
    });

    auto list_format = std::make_shared<ListingOutput>();
    auto* list = group->add_subcommand("list", "List groups with their sessions and attendance");
    add_listing_output(list, *list_format, "table, csv, json or xlsx");
    list->callback([list_format, &context] {
        auto format = listing_format(*list_format, {OutputFormat::table, OutputFormat::csv,
                                                    OutputFormat::json, OutputFormat::xlsx});
        Journal journal = context.open_journal(OpenMode::read);
        auto groups = list_groups(journal);
        if (groups.empty() && format == OutputFormat::table) {
            context.tell("no groups yet: add one with `peerlog group add NAME`.");
            return;
        }
        write_listing_output(*list_format, context,
                             [&](std::ostream& out, const RenderStyle& style) {
                                 write_group_list(out, groups, format, style);
                             });
    });

    auto show_name = std::make_shared<std::string>();
    auto show_format = std::make_shared<std::string>("table");
    auto* show = group->add_subcommand("show", "Show one group and the peers who attended");
    show->add_option("name", *show_name, "The group's name")->required();
    show->add_option("--format", *show_format, "table or json")->type_name("FORMAT");
    show->callback([show_name, show_format, &context] {
        auto format = parse_output_format(*show_format, {OutputFormat::table, OutputFormat::json});
        Journal journal = context.open_journal(OpenMode::read);
        write_group_detail(std::cout, group_overview(journal, *show_name), format,
                           context.stdout_style());
    });
}

} // namespace peerlog::cli
