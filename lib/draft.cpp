// Drafts: text the user typed that could not be saved, kept in private files.
#include "peerlog/draft.hpp"

#include "enum_names.hpp"
#include "journal_db.hpp"
#include "json_codec.hpp"
#include "peerlog/error.hpp"
#include "peerlog/output_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace peerlog {
namespace fs = std::filesystem;
namespace {

constexpr EnumName<DraftKind> k_kind_names[] = {{DraftKind::session_note, "session note"},
                                                {DraftKind::checkin_note, "check-in note"},
                                                {DraftKind::review_comment, "review comment"}};

// A draft's text file is ID.txt (plain) or ID.sealed; what it is about, ID.json.
constexpr std::string_view k_plain_extension = ".txt";
constexpr std::string_view k_sealed_extension = ".sealed";
constexpr std::string_view k_about_extension = ".json";

fs::path state_directory() {
    const char* state_home = std::getenv("XDG_STATE_HOME");
    if (state_home && *state_home == '/') {
        return fs::path(state_home) / "peerlog";
    }
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/tmp") / ".local" / "state" / "peerlog";
}

std::string read_whole_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The text sealed to the journal's draft public key: only its secret half, kept under the
// journal's data key, opens it.
std::string sealed_to(const std::string& public_key, const std::string& text) {
    if (sodium_init() < 0 || public_key.size() != crypto_box_PUBLICKEYBYTES) {
        throw Error(ErrorKind::io, "the journal's draft key cannot be used to seal a draft.");
    }
    std::string sealed(text.size() + crypto_box_SEALBYTES, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()),
                    reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                    reinterpret_cast<const unsigned char*>(public_key.data()));
    return sealed;
}

std::string about_json(const DraftContext& context, const std::string& created) {
    Json peers = Json::array();
    for (const DraftPeer& peer : context.peers) {
        peers.push_back({{"code", peer.code}, {"id", peer.id ? Json(*peer.id) : Json()}});
    }
    Json about{{"draft", 1},
               {"journal", context.journal_id},
               {"kind", to_string(context.kind)},
               {"created", created},
               {"peers", peers},
               {"sealed", !context.seal_key.empty()}};
    return dump_json(about, -1) + "\n"; // a code as typed may be invalid UTF-8: replaced
}

// What the .json beside a draft says; a draft without one (an earlier peerlog's) is a plain
// session note of no known journal. An unreadable one counts as missing.
void read_about(Draft& draft) {
    if (!fs::exists(draft.about_file)) {
        return;
    }
    try {
        Json about = Json::parse(read_whole_file(draft.about_file));
        draft.journal_id = about.value("journal", "");
        draft.kind = parse_draft_kind(about.value("kind", "session note"));
        draft.created = about.value("created", "");
        for (const auto& peer : about.value("peers", Json::array())) {
            DraftPeer named{peer.value("code", ""), std::nullopt};
            if (peer.contains("id") && peer["id"].is_number_integer()) {
                named.id = peer["id"].get<std::int64_t>();
            }
            draft.peers.push_back(std::move(named));
        }
    } catch (const std::exception&) {
        draft.peers.clear();
    }
}

std::optional<Draft> draft_of(const fs::path& text_file) {
    std::string extension = text_file.extension().string();
    if (extension != k_plain_extension && extension != k_sealed_extension) {
        return std::nullopt;
    }
    Draft draft;
    draft.id = text_file.stem().string();
    draft.sealed = extension == k_sealed_extension;
    draft.text_file = text_file;
    draft.about_file = fs::path(text_file).replace_extension(k_about_extension);
    read_about(draft);
    return draft;
}

} // namespace

std::string_view to_string(DraftKind kind) {
    return name_of(k_kind_names, kind);
}

DraftKind parse_draft_kind(std::string_view text) {
    return parse_name(k_kind_names, text, "draft kind");
}

fs::path drafts_directory() {
    return state_directory() / "drafts";
}

void write_new_private_file(const fs::path& path, const std::string& text) {
    // Through the one safe writer: no link another user planted is followed, and the file
    // appears only whole (a kill leaves no half of a private note behind).
    write_output_file({path, {}, ReplaceExisting::no, FileRole::draft},
                      [&](std::ostream& out) { out << text; });
}

fs::path save_draft(const std::string& text) {
    return save_draft(text, DraftContext{});
}

fs::path save_draft(const std::string& text, const DraftContext& context) {
    // Sealed before anything is written: a key that cannot seal leaves no file at all.
    bool sealed = !context.seal_key.empty();
    std::string content = sealed ? sealed_to(context.seal_key, text) : text;
    fs::path directory = drafts_directory();
    fs::create_directories(directory);
    ::chmod(directory.c_str(), 0700);
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    // note-STAMP-PID, or note-STAMP-PID-2... for a second draft of one process in one second.
    std::string id, base = fmt::format("note-{}-{}", stamp, ::getpid());
    fs::path about, file;
    for (int n = 1;; ++n) {
        id = n == 1 ? base : fmt::format("{}-{}", base, n);
        about = directory / (id + std::string(k_about_extension));
        file = directory / (id + std::string(sealed ? k_sealed_extension : k_plain_extension));
        std::error_code error;
        if ((!fs::exists(about, error) &&
             !fs::exists(directory / (id + std::string(k_plain_extension)), error) &&
             !fs::exists(directory / (id + std::string(k_sealed_extension)), error)) ||
            n >= 100) {
            break;
        }
    }
    // What it is about first, so every draft whose text exists can be found by its peer (peer
    // forget deletes it); a text that cannot be written takes it away again.
    write_new_private_file(about, about_json(context, utc_timestamp()));
    try {
        write_new_private_file(file, content);
    } catch (const Error&) {
        ::unlink(about.c_str());
        throw;
    }
    return file;
}

std::vector<Draft> list_draft_files() {
    std::vector<Draft> drafts;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(drafts_directory(), error)) {
        if (entry.is_regular_file(error)) {
            if (auto draft = draft_of(entry.path())) {
                drafts.push_back(std::move(*draft));
            }
        }
    }
    std::sort(drafts.begin(), drafts.end(),
              [](const Draft& a, const Draft& b) { return a.id < b.id; });
    return drafts;
}

Draft find_draft_file(std::string_view id) {
    for (Draft& draft : list_draft_files()) {
        if (draft.id == id) {
            return std::move(draft);
        }
    }
    throw Error(ErrorKind::not_found,
                fmt::format("no draft '{}' in {}. See the drafts with `peerlog draft list`.", id,
                            drafts_directory().string()));
}

std::string read_draft_text_file(const Draft& draft) {
    std::ifstream in(draft.text_file, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::io,
                    fmt::format("cannot read the draft {}.", draft.text_file.string()));
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void remove_draft_files(const Draft& draft) {
    if (::unlink(draft.text_file.c_str()) != 0 && errno != ENOENT) {
        throw Error(ErrorKind::io, fmt::format("cannot delete the draft {}: {}.",
                                               draft.text_file.string(), std::strerror(errno)));
    }
    ::unlink(draft.about_file.c_str());
}

} // namespace peerlog
