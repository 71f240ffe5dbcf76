// `peerlog supervision add|list`: meetings with the supervisor.
#include "command_list.hpp"
#include "commands.hpp"
#include "output_options.hpp"
#include "pager.hpp"
#include "period_options.hpp"

#include "peerlog/duration.hpp"
#include "peerlog/record_output.hpp"
#include "peerlog/supervision.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {

void setup_supervision_commands(CLI::App& app, Context& context) {
    auto* supervision = add_command(app, "supervision");
    supervision->require_subcommand(1);

    struct AddOptions {
        std::string date, duration, supervisor, format = "individual", topics;
    };
    auto added = std::make_shared<AddOptions>();
    auto* add = supervision->add_subcommand("add", "Record a supervision meeting; prints its id");
    add->add_option("--date", added->date, "Day of the meeting")->type_name("DATE")->required();
    add->add_option("--duration", added->duration, "45m, 1h, 1h30m, 90")
        ->type_name("DUR")
        ->required();
    add->add_option("--supervisor", added->supervisor, "Who supervised")
        ->type_name("NAME")
        ->required();
    add->add_option("--format", added->format, "individual (default) or group")
        ->type_name("FORMAT");
    add->add_option("--topics", added->topics, "What you discussed (no peer names)")
        ->type_name("TEXT");
    add->callback([added, &context] {
        Date today = context.today();
        SupervisionMeeting meeting{
            0,
            parse_date(added->date, today, "--date"),
            parse_duration(added->duration, "--duration", DurationOf::supervision_meeting),
            added->supervisor,
            parse_supervision_format(added->format),
            added->topics};
        Journal journal = context.open_journal(OpenMode::write);
        std::int64_t id = add_supervision(journal, meeting, today);
        std::cout << id << "\n";
        context.tell(fmt::format("saved supervision {} with {} ({})", id, meeting.supervisor,
                                 format_duration(meeting.minutes)));
    });

    struct ListOptions {
        PeriodOptions period;
        ListingOutput shown;
    };
    auto list_options = std::make_shared<ListOptions>();
    auto* list = supervision->add_subcommand("list", "List supervision meetings");
    add_period_options(list, list_options->period, "An ISO week: 2026-W47, this or last");
    add_listing_output(list, list_options->shown, "table, csv, json or xlsx");
    list->callback([list_options, &context] {
        auto format = listing_format(list_options->shown, {OutputFormat::table, OutputFormat::csv,
                                                           OutputFormat::json, OutputFormat::xlsx});
        const auto& p = list_options->period;
        auto period = choose_period(p, context.today(), std::nullopt);
        Journal journal = context.open_journal(OpenMode::read);
        auto meetings = list_supervision(journal, period);
        if (meetings.empty() && format == OutputFormat::table) {
            context.tell("no supervision meetings recorded.");
            return;
        }
        write_listing_output(list_options->shown, context,
                             [&](std::ostream& out, const RenderStyle& style) {
                                 write_supervision_list(out, meetings, format, style);
                             });
    });
}

} // namespace peerlog::cli
