// `peerlog checkin add|list`: the specialist's own wellbeing, private unless shared.
#include "command_list.hpp"
#include "commands.hpp"
#include "note_input.hpp"
#include "output_options.hpp"
#include "pager.hpp"
#include "period_options.hpp"

#include "peerlog/checkin.hpp"
#include "peerlog/record_output.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {

void setup_checkin_commands(CLI::App& app, Context& context) {
    auto* checkin = add_command(app, "checkin");
    checkin->require_subcommand(1);

    struct AddOptions {
        Checkin checkin;
        std::string date;
    };
    auto added = std::make_shared<AddOptions>();
    auto* add = checkin->add_subcommand("add", "Record how you are doing; prints its id");
    add->add_option("--stress", added->checkin.stress, "1 (calm) to 5 (overwhelmed)")
        ->type_name("1-5")
        ->required();
    add->add_option("--energy", added->checkin.energy, "1 (drained) to 5 (full)")
        ->type_name("1-5")
        ->required();
    add->add_flag("--needs-support", added->checkin.needs_support,
                  "You would like support from your supervisor");
    add->add_option("--note", added->checkin.note, "A private note (never in reports)")
        ->type_name("TEXT");
    add->add_flag("--share", added->checkin.shared,
                  "Let reports show this check-in's scores (never its note)");
    add->add_option("--date", added->date, "Day of the check-in (default: today)")
        ->type_name("DATE");
    add->callback([added, &context] {
        Checkin entry = added->checkin;
        std::int64_t id = 0;
        // A refused check-in keeps its private note as a draft, as a refused session does.
        keeping_note(
            NoteInput{entry.note, NoteSource::argument},
            [&] {
                Date today = context.today();
                entry.date = added->date.empty() ? today : parse_date(added->date, today, "--date");
                Journal journal = context.open_journal(OpenMode::write);
                id = add_checkin(journal, entry, today);
            },
            k_checkin_note, DraftTarget{context, {}}); // the specialist's own: about no peer
        std::cout << id << "\n";
        context.tell(fmt::format("saved check-in {} ({})", id,
                                 entry.shared ? "shared with reports" : "private"));
    });

    struct ListOptions {
        PeriodOptions period;
        ListingOutput shown;
        bool with_notes = false;
    };
    auto list_options = std::make_shared<ListOptions>();
    auto* list = checkin->add_subcommand("list", "Your check-ins (notes only with --with-notes)");
    add_period_options(list, list_options->period, "An ISO week: 2026-W47, this or last");
    add_listing_output(list, list_options->shown, "table, csv, json or xlsx");
    list->add_flag("--with-notes", list_options->with_notes, "Include your private notes");
    list->callback([list_options, &context] {
        auto format = listing_format(list_options->shown, {OutputFormat::table, OutputFormat::csv,
                                                           OutputFormat::json, OutputFormat::xlsx});
        const auto& p = list_options->period;
        auto period = choose_period(p, context.today(), std::nullopt);
        Journal journal = context.open_journal(OpenMode::read);
        auto checkins = list_checkins(journal, period, false,
                                      list_options->with_notes ? CheckinNotes::include
                                                               : CheckinNotes::leave_out);
        if (checkins.empty() && format == OutputFormat::table) {
            context.tell("no check-ins yet: `peerlog checkin add --stress N --energy N`.");
            return;
        }
        write_listing_output(
            list_options->shown, context, [&](std::ostream& out, const RenderStyle& style) {
                write_checkin_list(out, checkins, format, list_options->with_notes, style);
            });
    });
}

} // namespace peerlog::cli
