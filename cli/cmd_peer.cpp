// `peerlog peer add|list|show|edit|close|pause|reopen`: the caseload.
#include "command_list.hpp"
#include "commands.hpp"
#include "confirm.hpp"
#include "output_options.hpp"
#include "pager.hpp"

#include "peerlog/error.hpp"
#include "peerlog/peer_output.hpp"
#include "peerlog/peer_store.hpp"
#include "peerlog/safe_text.hpp"

#include <fmt/format.h>
#include <iostream>

namespace peerlog::cli {
namespace {

struct PeerFlags {
    std::string code, new_code, stage, pathway, since, referred_by, name, contact;
    CLI::Option *new_code_option = nullptr, *stage_option = nullptr, *pathway_option = nullptr,
                *since_option = nullptr, *referred_by_option = nullptr, *name_option = nullptr,
                *contact_option = nullptr;

    std::optional<std::string> given_name() const {
        return name_option && name_option->count() ? std::optional(name) : std::nullopt;
    }
    std::optional<std::string> given_contact() const {
        return contact_option && contact_option->count() ? std::optional(contact) : std::nullopt;
    }
};

bool given(const CLI::Option* option) {
    return option && option->count() > 0;
}

void add_peer_flags(CLI::App* command, PeerFlags& f) {
    command->add_option("code", f.code, "The peer's pseudonymous code (never a name)")->required();
    f.stage_option = command->add_option("--stage", f.stage, "early, mid, late or sustained")
                         ->type_name("STAGE");
    f.pathway_option =
        command->add_option("--pathway", f.pathway, "substance-use, mental-health, co-occurring")
            ->type_name("PATHWAY");
    f.since_option = command
                         ->add_option("--since", f.since,
                                      "First day on the caseload "
                                      "(default: today)")
                         ->type_name("DATE");
    f.referred_by_option =
        command->add_option("--referred-by", f.referred_by, "Referral source, e.g. drug court")
            ->type_name("TEXT");
    f.name_option = command
                        ->add_option("--name", f.name,
                                     "The peer's name: sensitive, kept apart, never exported "
                                     "without consent")
                        ->type_name("NAME");
    f.contact_option =
        command->add_option("--contact", f.contact, "How to reach the peer: sensitive, like --name")
            ->type_name("TEXT");
}

template <class Enum, class Parse>
std::optional<Enum> optional_enum(const std::string& text, Parse parse) {
    return text.empty() || text == "none" ? std::nullopt : std::optional<Enum>(parse(text));
}

void run_add(const PeerFlags& f, Context& context) {
    Date today = context.today();
    Peer peer;
    peer.code = f.code;
    peer.stage = optional_enum<RecoveryStage>(f.stage, parse_stage);
    peer.pathway = optional_enum<Pathway>(f.pathway, parse_pathway);
    peer.since = given(f.since_option) ? parse_date(f.since, today, "--since") : today;
    peer.referred_by = f.referred_by;
    validate(peer);
    validate_since(peer.since, today); // before a journal is created for it
    Journal journal = context.open_journal(OpenMode::write);
    add_peer(journal, peer, PeerIdentity{f.name, f.contact}, today);
    context.tell(fmt::format("added peer {} to the caseload", peer.code));
}

void run_edit(const PeerFlags& f, Context& context) {
    Date today = context.today();
    PeerEdit edit;
    if (given(f.new_code_option)) {
        edit.code = f.new_code;
    }
    if (given(f.stage_option)) {
        edit.stage = optional_enum<RecoveryStage>(f.stage, parse_stage);
    }
    if (given(f.pathway_option)) {
        edit.pathway = optional_enum<Pathway>(f.pathway, parse_pathway);
    }
    if (given(f.since_option)) {
        edit.since = parse_date(f.since, today, "--since");
    }
    if (given(f.referred_by_option)) {
        edit.referred_by = f.referred_by;
    }
    bool identity = f.given_name() || f.given_contact();
    if (!edit.code && !edit.stage && !edit.pathway && !edit.since && !edit.referred_by &&
        !identity) {
        throw Error(ErrorKind::usage, "nothing to change: give peer edit at least one flag (see "
                                      "`peerlog help peer edit`).");
    }
    edit.name = f.given_name();
    edit.contact = f.given_contact();
    Journal journal = context.open_journal(OpenMode::update);
    Peer peer = edit_peer(journal, f.code, edit, today); // one transaction: all or nothing
    context.tell(fmt::format("updated peer {}", peer.code));
}

// Adds a subcommand that takes just a CODE and runs `action` on the open journal.
template <class Action>
CLI::App* add_code_command(CLI::App* group, const std::string& name, const std::string& description,
                           Context& context, Action action) {
    auto code = std::make_shared<std::string>();
    auto* command = group->add_subcommand(name, description);
    command->add_option("code", *code, "The peer's code")->required();
    command->callback([code, &context, action] {
        Journal journal = context.open_journal(OpenMode::update);
        Peer peer = action(journal, *code);
        context.tell(fmt::format("peer {} is now {}", peer.code, to_string(peer.status)));
    });
    return command;
}

} // namespace

void setup_peer_commands(CLI::App& app, Context& context) {
    auto* peer = add_command(app, "peer");
    peer->require_subcommand(1);

    auto add_flags = std::make_shared<PeerFlags>();
    auto* add = peer->add_subcommand("add", "Add a peer to the caseload");
    add_peer_flags(add, *add_flags);
    add->callback([add_flags, &context] { run_add(*add_flags, context); });

    auto all = std::make_shared<bool>(false);
    auto list_format = std::make_shared<ListingOutput>();
    auto* list = peer->add_subcommand("list", "List peers on the caseload");
    list->add_flag("--all", *all, "Include closed peers");
    add_listing_output(list, *list_format, "table, csv, json or xlsx");
    list->callback([all, list_format, &context] {
        auto format = listing_format(*list_format, {OutputFormat::table, OutputFormat::csv,
                                                    OutputFormat::json, OutputFormat::xlsx});
        Journal journal = context.open_journal(OpenMode::read);
        auto peers = list_peers(journal, *all);
        if (peers.empty() && format == OutputFormat::table) {
            context.tell(*all ? "no peers yet: add one with `peerlog peer add CODE`."
                              : "no open peers (closed ones show with --all).");
            return;
        }
        write_listing_output(*list_format, context,
                             [&](std::ostream& out, const RenderStyle& style) {
                                 write_peer_list(out, peers, format, style);
                             });
    });

    auto show_code = std::make_shared<std::string>();
    auto show_format = std::make_shared<std::string>("table");
    auto show_identity = std::make_shared<bool>(false);
    auto* show = peer->add_subcommand("show", "Show one peer");
    show->add_option("code", *show_code, "The peer's code")->required();
    show->add_option("--format", *show_format, "table or json")->type_name("FORMAT");
    show->add_flag("--identity", *show_identity, "Also show the name and contact on file");
    show->callback([show_code, show_format, show_identity, &context] {
        auto format = parse_output_format(*show_format, {OutputFormat::table, OutputFormat::json});
        Journal journal = context.open_journal(OpenMode::read);
        std::optional<PeerIdentity> identity;
        if (*show_identity) {
            identity = get_identity(journal, *show_code);
        }
        write_peer_detail(std::cout, peer_overview(journal, *show_code), identity, format,
                          context.stdout_style());
    });

    auto forget_code = std::make_shared<std::string>();
    auto forget_yes = std::make_shared<bool>(false);
    auto* forget = peer->add_subcommand(
        "forget", "Delete everything about a peer, on request; leaves one audit event");
    forget->add_option("code", *forget_code, "The peer's code")->required();
    forget->add_flag("-y,--yes", *forget_yes, "Do not ask; needed when not on a terminal");
    auto forget_dry_run = std::make_shared<bool>(false);
    forget->add_flag("-n,--dry-run", *forget_dry_run, "Say what would be deleted; delete nothing");
    forget->callback([forget_code, forget_yes, forget_dry_run, &context] {
        if (*forget_dry_run) {
            Journal journal = context.open_journal(OpenMode::read);
            ForgetResult would = preview_forget(journal, *forget_code);
            std::cout << fmt::format("would forget peer {}: {}\n", would.peer_code,
                                     describe(would));
            std::string backups = describe_backups_holding(
                would.backups, fmt::format("peer {}'s first record", would.peer_code));
            if (!backups.empty()) {
                std::cout << terminal_safe(backups, LineBreaks::flatten) << "\n";
            }
            return;
        }
        Journal journal = context.open_journal(OpenMode::update);
        Peer peer = get_peer(journal, *forget_code);
        confirm_or_refuse(*forget_yes, context,
                          fmt::format("Forget peer {} and delete all their sessions, consents, "
                                      "goals, referrals, assessments and identity? It cannot be "
                                      "undone.",
                                      peer.code));
        ForgetResult result = forget_peer(journal, peer.code);
        context.tell(fmt::format("forgot peer {}: {}", result.peer_code, describe(result)));
        std::string backups = describe_backups_holding(
            result.backups, fmt::format("peer {}'s first record", result.peer_code));
        if (!backups.empty()) {
            context.warn(backups);
        }
        if (result.scrub == Scrub::pending) {
            throw Error(ErrorKind::busy,
                        scrub_pending_message(fmt::format("peer {}'s records", result.peer_code)));
        }
    });

    auto edit_flags = std::make_shared<PeerFlags>();
    auto* edit = peer->add_subcommand("edit", "Change a peer's details");
    add_peer_flags(edit, *edit_flags);
    edit_flags->new_code_option =
        edit->add_option("--code", edit_flags->new_code, "A new code")->type_name("CODE");
    edit->callback([edit_flags, &context] { run_edit(*edit_flags, context); });

    auto close_date = std::make_shared<std::string>();
    auto* close = add_code_command(
        peer, "close", "Close a peer's record", context,
        [close_date, &context](Journal& journal, const std::string& code) {
            Date today = context.today();
            Date date = close_date->empty() ? today : parse_date(*close_date, today, "--date");
            return close_peer(journal, code, date, today);
        });
    close->add_option("--date", *close_date, "Day the record closes (default: today)")
        ->type_name("DATE");
    add_code_command(peer, "pause",
                     "Pause a peer (stays on the caseload, not expected to be "
                     "seen)",
                     context, [](Journal& journal, const std::string& code) {
                         return pause_peer(journal, code);
                     });
    add_code_command(
        peer, "reopen", "Make a paused or closed peer active again", context,
        [](Journal& journal, const std::string& code) { return reopen_peer(journal, code); });
}

} // namespace peerlog::cli
