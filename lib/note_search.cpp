// Canonical caseless matching of a search text in notes, with ICU.
//
// Why ICU and not towlower under a UTF-8 locale: towlower maps one character to one, so "ß"
// never meets "ss" nor "ﬁ" "fi", it knows nothing of precomposed and decomposed "é", and its
// result hangs on the locale a user happens to run in. ICU gives Unicode's full case folding,
// the normalization forms and grapheme clusters, the same on every machine.
#include "peerlog/note_search.hpp"

#include "peerlog/error.hpp"

#include <algorithm>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <vector>

namespace peerlog {

// ICU state a search reuses for every note: the grapheme cluster iterator.
struct NoteSearch::Clusters {
    std::unique_ptr<icu::BreakIterator> iterator;
};

namespace {

void check_icu(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) {
        throw std::runtime_error(std::string("ICU failed to ") + what + ": " + u_errorName(status));
    }
}

const icu::Normalizer2& load_nfd() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFDInstance(status);
    check_icu(status, "load its NFD data");
    return *instance;
}

const icu::Normalizer2& nfd() {
    static const icu::Normalizer2& instance = load_nfd();
    return instance;
}

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

char16_t ascii_folded(char c) {
    return static_cast<char16_t>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

// The canonical caseless form of Unicode's definition D145: NFD(toCasefold(NFD(text))). Folding
// maps each character on its own, so a line break stays a line break, in its place.
icu::UnicodeString caseless(const icu::UnicodeString& text) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = nfd().normalize(text, status);
    folded.foldCase(U_FOLD_CASE_DEFAULT);
    icu::UnicodeString result = nfd().normalize(folded, status);
    check_icu(status, "normalize text");
    return result;
}

icu::UnicodeString from_utf8(std::string_view text) {
    return icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

// caseless() of UTF-8 text. ASCII text (most notes) is already in NFD and folds to its lower
// case, so it skips ICU's passes.
icu::UnicodeString caseless_utf8(std::string_view text) {
    if (!is_ascii(text)) {
        return caseless(from_utf8(text));
    }
    icu::UnicodeString folded;
    auto length = static_cast<int32_t>(text.size());
    char16_t* units = folded.getBuffer(length);
    std::transform(text.begin(), text.end(), units, ascii_folded);
    folded.releaseBuffer(length);
    return folded;
}

bool valid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) {
            return false;
        }
    }
    return true;
}

// Whether places in a caseless text lie between grapheme clusters, so a match there takes no
// letter apart from its accents ("e" in "é"), no Hangul syllable apart, no emoji sequence.
// Between two ASCII characters (but CR LF) there always is one; elsewhere ICU's rules decide.
class ClusterBounds {
  public:
    ClusterBounds(icu::BreakIterator& iterator, const icu::UnicodeString& text)
        : m_iterator(iterator), m_text(text) {}

    bool between(int32_t at) {
        if (at <= 0 || at >= m_text.length()) {
            return true;
        }
        char16_t before = m_text.charAt(at - 1), after = m_text.charAt(at);
        if (before < 0x80 && after < 0x80) {
            return before != u'\r' || after != u'\n';
        }
        if (!m_text_set) { // setText costs: only for text that needs it
            m_iterator.setText(m_text);
            m_text_set = true;
        }
        return m_iterator.isBoundary(at);
    }

  private:
    icu::BreakIterator& m_iterator;
    const icu::UnicodeString& m_text;
    bool m_text_set = false;
};

// The first place in `folded` (from `from` on) that holds `needle` in whole clusters, or -1.
int32_t find_whole(const icu::UnicodeString& folded, const icu::UnicodeString& needle,
                   ClusterBounds& bounds, int32_t from) {
    for (int32_t at = folded.indexOf(needle, from); at >= 0; at = folded.indexOf(needle, at + 1)) {
        if (bounds.between(at) && bounds.between(at + needle.length())) {
            return at;
        }
    }
    return -1;
}

// A line's caseless form, and for each of its UTF-16 units the bytes of the line it came from:
// the normalization segment (a character and its accents) it belongs to.
struct MappedLine {
    icu::UnicodeString folded;
    std::vector<std::size_t> source_begin;
    std::vector<std::size_t> source_end;
};

MappedLine mapped_caseless(std::string_view line) {
    MappedLine mapped;
    if (is_ascii(line)) { // one unit per byte
        mapped.folded = caseless_utf8(line);
        mapped.source_begin.resize(line.size());
        std::iota(mapped.source_begin.begin(), mapped.source_begin.end(), std::size_t{0});
        mapped.source_end.resize(line.size());
        std::iota(mapped.source_end.begin(), mapped.source_end.end(), std::size_t{1});
        return mapped;
    }
    icu::UnicodeString segment;
    std::size_t segment_begin = 0;
    auto flush = [&](std::size_t segment_end) {
        // A lone ASCII character (most of them) folds to its lower case.
        icu::UnicodeString piece =
            segment.length() == 1 && segment.charAt(0) < 0x80
                ? icu::UnicodeString(ascii_folded(static_cast<char>(segment.charAt(0))))
                : caseless(segment);
        mapped.folded.append(piece);
        mapped.source_begin.insert(mapped.source_begin.end(), piece.length(), segment_begin);
        mapped.source_end.insert(mapped.source_end.end(), piece.length(), segment_end);
        segment.remove();
        segment_begin = segment_end;
    };
    const auto* bytes = reinterpret_cast<const uint8_t*>(line.data());
    auto length = static_cast<int32_t>(line.size());
    for (int32_t i = 0; i < length;) {
        auto start = static_cast<std::size_t>(i);
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        c = c < 0 ? 0xFFFD : c; // as fromUTF8 reads a byte that is not UTF-8
        if (!segment.isEmpty() && nfd().hasBoundaryBefore(c)) {
            flush(start);
        }
        segment.append(c);
    }
    if (!segment.isEmpty()) {
        flush(line.size());
    }
    return mapped;
}

// Line `index` of `note` (lines end at '\n'; a CR before it is part of the line break).
std::string_view line_of(std::string_view note, int index) {
    std::size_t begin = 0;
    for (int i = 0; i < index; ++i) {
        begin = note.find('\n', begin) + 1;
    }
    std::string_view line = note.substr(begin, note.find('\n', begin) - begin);
    return !line.empty() && line.back() == '\r' ? line.substr(0, line.size() - 1) : line;
}

} // namespace

NoteSearch::NoteSearch(std::string_view text) : m_text(text) {
    if (text.find_first_not_of(" \t\v\f") == std::string_view::npos) {
        throw Error(ErrorKind::usage, "--grep needs a text to search the notes for, such as "
                                      "--grep \"court date\".");
    }
    if (text.find_first_of("\r\n") != std::string_view::npos) {
        throw Error(ErrorKind::usage, "--grep TEXT holds a line break, but a match lies within "
                                      "one line of a note: search for one line.");
    }
    if (!valid_utf8(text)) {
        throw Error(ErrorKind::usage, "--grep TEXT is not UTF-8: set a UTF-8 locale on your "
                                      "terminal (notes are stored as UTF-8).");
    }
    icu::UnicodeString folded = caseless_utf8(text);
    m_folded.assign(folded.getBuffer(), static_cast<std::size_t>(folded.length()));
    UErrorCode status = U_ZERO_ERROR;
    m_clusters = std::make_shared<Clusters>();
    m_clusters->iterator.reset(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    check_icu(status, "load its grapheme cluster rules");
}

std::optional<NoteMatch> NoteSearch::find(std::string_view note) const {
    if (note.empty()) {
        return std::nullopt;
    }
    icu::UnicodeString folded = caseless_utf8(note);
    icu::UnicodeString needle(false, m_folded.data(), static_cast<int32_t>(m_folded.size()));
    if (folded.indexOf(needle) < 0) {
        return std::nullopt; // most notes
    }
    ClusterBounds clusters(*m_clusters->iterator, folded);
    int first_line = -1;
    int lines_found = 0;
    int line = 0;        // the line of `counted`
    int32_t counted = 0; // line breaks are counted up to here
    for (int32_t at = find_whole(folded, needle, clusters, 0); at >= 0;) {
        for (; counted < at; ++counted) {
            line += folded.charAt(counted) == u'\n' ? 1 : 0;
        }
        first_line = first_line < 0 ? line : first_line;
        ++lines_found;
        int32_t line_break = folded.indexOf(u'\n', at);
        at = line_break < 0 ? -1 : find_whole(folded, needle, clusters, line_break + 1);
    }
    if (first_line < 0) {
        return std::nullopt;
    }
    NoteMatch match{std::string(line_of(note, first_line)), 0, 0, lines_found - 1};
    // Where the match lies in the line as stored, found again in the line alone with a map
    // back to its bytes (this costs more, so only for the one line shown).
    MappedLine mapped = mapped_caseless(match.line);
    ClusterBounds line_clusters(*m_clusters->iterator, mapped.folded);
    int32_t at = find_whole(mapped.folded, needle, line_clusters, 0);
    if (at >= 0) {
        match.begin = mapped.source_begin[static_cast<std::size_t>(at)];
        match.end = mapped.source_end[static_cast<std::size_t>(at + needle.length() - 1)];
    }
    return match;
}

namespace {

bool is_mark(UChar32 c) {
    return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// The character starting at byte `at` of `text` (U+FFFD for a byte that is not UTF-8).
UChar32 char_at(std::string_view text, std::size_t at) {
    UChar32 c = 0;
    auto i = static_cast<int32_t>(at);
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    return c < 0 ? 0xFFFD : c;
}

bool continuation_byte(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

std::size_t characters(std::string_view text) {
    std::size_t count = 0;
    for (char byte : text) {
        count += continuation_byte(byte) ? 0 : 1;
    }
    return count;
}

// The byte after the character that starts at `at`.
std::size_t next_char(std::string_view text, std::size_t at) {
    do {
        ++at;
    } while (at < text.size() && continuation_byte(text[at]));
    return at;
}

// The first `count` characters of `text`, and the accents of the last one.
std::string_view head(std::string_view text, std::size_t count) {
    std::size_t at = 0;
    for (std::size_t seen = 0; at < text.size() && seen < count; ++seen) {
        at = next_char(text, at);
    }
    while (at < text.size() && is_mark(char_at(text, at))) {
        at = next_char(text, at);
    }
    return text.substr(0, at);
}

// The last `count` characters of `text`, not starting with an accent cut from its letter.
std::string_view tail(std::string_view text, std::size_t count) {
    std::size_t at = text.size();
    for (std::size_t seen = 0; at > 0 && seen < count;) {
        --at;
        seen += continuation_byte(text[at]) ? 0 : 1;
    }
    while (at < text.size() && is_mark(char_at(text, at))) {
        at = next_char(text, at);
    }
    return text.substr(at);
}

std::string_view trimmed_front(std::string_view text) {
    std::size_t first = text.find_first_not_of(" \t\r\v\f");
    return first == std::string_view::npos ? std::string_view() : text.substr(first);
}

std::string_view trimmed_back(std::string_view text) {
    return text.substr(0, text.find_last_not_of(" \t\r\v\f") + 1);
}

constexpr std::string_view k_cut = "…";

} // namespace

NoteExcerpt excerpt(const NoteMatch& found, std::size_t width) {
    width = std::max<std::size_t>(width, 8);
    std::string_view line = found.line;
    std::string_view before = trimmed_front(line.substr(0, found.begin));
    std::string_view match = line.substr(found.begin, found.end - found.begin);
    std::string_view after = trimmed_back(line.substr(found.end));
    std::size_t before_chars = characters(before), match_chars = characters(match),
                after_chars = characters(after);
    if (before_chars + match_chars + after_chars <= width) {
        return {std::string(before), std::string(match), std::string(after)};
    }
    if (match_chars + 2 >= width) { // the match alone fills the cell
        return {before.empty() ? "" : std::string(k_cut),
                std::string(trimmed_back(head(match, width - 2))), std::string(k_cut)};
    }
    // Two characters go to the marks of the cuts; the rest is shared around the match, half
    // before, the remainder after, and what one side cannot use goes to the other.
    std::size_t room = width - 2 - match_chars;
    std::size_t shown_after = std::min(after_chars, room - std::min(before_chars, room / 2));
    std::size_t shown_before = std::min(before_chars, room - shown_after);
    NoteExcerpt cut{std::string(tail(before, shown_before)), std::string(match),
                    std::string(head(after, shown_after))};
    if (shown_before < before_chars) {
        cut.before = std::string(k_cut) + std::string(trimmed_front(cut.before));
    }
    if (shown_after < after_chars) {
        cut.after = std::string(trimmed_back(cut.after)) + std::string(k_cut);
    }
    return cut;
}

} // namespace peerlog
