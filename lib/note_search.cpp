// Canonical caseless matching of a search text in notes, with ICU.
//
// Why ICU and not towlower under a UTF-8 locale: towlower maps one character to one, so "ß"
// never meets "ss" nor "ﬁ" "fi", it knows nothing of precomposed and decomposed "é", and its
// result hangs on the locale a user happens to run in. ICU gives Unicode's full case folding,
// the normalization forms and grapheme clusters, the same on every machine.
#include "peerlog/note_search.hpp"

#include "peerlog/error.hpp"

#include "icu_library.hpp"

#include <algorithm>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <vector>

namespace peerlog {

// ICU state a search reuses for every note: the grapheme cluster iterator.
struct NoteSearch::Clusters {
    struct Close {
        void operator()(UBreakIterator* iterator) const { icu().break_close(iterator); }
    };
    std::unique_ptr<UBreakIterator, Close> iterator;
};

namespace {

void check_icu(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) {
        throw std::runtime_error(std::string("ICU failed to ") + what + ": " +
                                 icu().error_name(status));
    }
}

const UNormalizer2* load_nfd() {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* instance = icu().nfd_instance(&status);
    check_icu(status, "load its NFD data");
    return instance;
}

const UNormalizer2* nfd() {
    static const UNormalizer2* instance = load_nfd();
    return instance;
}

// The text an ICU function writes into a buffer: `write(buffer, capacity, status)` returns the
// length it needs, and is called again with that room when `guess` was too small.
template <class Write> std::u16string written(int32_t guess, const char* what, Write write) {
    std::u16string text(static_cast<std::size_t>(guess), u'\0');
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = write(text.data(), guess, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        text.resize(static_cast<std::size_t>(length));
        status = U_ZERO_ERROR;
        length = write(text.data(), length, &status);
    }
    check_icu(status, what);
    text.resize(static_cast<std::size_t>(length));
    return text;
}

int32_t length_of(std::u16string_view text) {
    return static_cast<int32_t>(text.size());
}

std::u16string normalized_nfd(std::u16string_view text) {
    return written(length_of(text) + 16, "normalize text",
                   [&](char16_t* buffer, int32_t capacity, UErrorCode* status) {
                       return icu().normalize(nfd(), text.data(), length_of(text), buffer, capacity,
                                              status);
                   });
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
std::u16string caseless(std::u16string_view text) {
    std::u16string decomposed = normalized_nfd(text);
    std::u16string folded =
        written(length_of(decomposed) + 16, "fold case",
                [&](char16_t* buffer, int32_t capacity, UErrorCode* status) {
                    return icu().fold_case(buffer, capacity, decomposed.data(),
                                           length_of(decomposed), U_FOLD_CASE_DEFAULT, status);
                });
    return normalized_nfd(folded);
}

// UTF-8 as UTF-16, each byte that is not UTF-8 read as U+FFFD.
std::u16string from_utf8(std::string_view text) {
    auto bytes = static_cast<int32_t>(text.size());
    return written(
        bytes, "read UTF-8", [&](char16_t* buffer, int32_t capacity, UErrorCode* status) {
            int32_t length = 0;
            icu().from_utf8(buffer, capacity, &length, text.data(), bytes, 0xFFFD, nullptr, status);
            return length;
        });
}

// caseless() of UTF-8 text. ASCII text (most notes) is already in NFD and folds to its lower
// case, so it skips ICU's passes.
std::u16string caseless_utf8(std::string_view text) {
    if (!is_ascii(text)) {
        return caseless(from_utf8(text));
    }
    std::u16string folded(text.size(), u'\0');
    std::transform(text.begin(), text.end(), folded.begin(), ascii_folded);
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
    ClusterBounds(UBreakIterator& iterator, const std::u16string& text)
        : m_iterator(iterator), m_text(text) {}

    bool between(std::size_t at) {
        if (at == 0 || at >= m_text.size()) {
            return true;
        }
        char16_t before = m_text[at - 1], after = m_text[at];
        if (before < 0x80 && after < 0x80) {
            return before != u'\r' || after != u'\n';
        }
        if (!m_text_set) { // setText costs: only for text that needs it
            UErrorCode status = U_ZERO_ERROR;
            icu().break_set_text(&m_iterator, m_text.data(), length_of(m_text), &status);
            check_icu(status, "find grapheme clusters");
            m_text_set = true;
        }
        return icu().break_is_boundary(&m_iterator, static_cast<int32_t>(at)) != 0;
    }

  private:
    UBreakIterator& m_iterator;
    const std::u16string& m_text;
    bool m_text_set = false;
};

// The first place in `folded` (from `from` on) that holds `needle` in whole clusters, or npos.
// Neither text holds a lone surrogate (both come from UTF-8, bad bytes read as U+FFFD), so a
// match of code units is a match of characters.
std::size_t find_whole(const std::u16string& folded, std::u16string_view needle,
                       ClusterBounds& bounds, std::size_t from) {
    for (std::size_t at = folded.find(needle, from); at != std::u16string::npos;
         at = folded.find(needle, at + 1)) {
        if (bounds.between(at) && bounds.between(at + needle.size())) {
            return at;
        }
    }
    return std::u16string::npos;
}

// A line's caseless form, and for each of its UTF-16 units the bytes of the line it came from:
// the normalization segment (a character and its accents) it belongs to.
struct MappedLine {
    std::u16string folded;
    std::vector<std::size_t> source_begin;
    std::vector<std::size_t> source_end;
};

// `c` appended to UTF-16 text.
void append(std::u16string& text, UChar32 c) {
    if (U_IS_BMP(c)) {
        text += static_cast<char16_t>(c);
    } else {
        text += U16_LEAD(c);
        text += U16_TRAIL(c);
    }
}

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
    std::u16string segment;
    std::size_t segment_begin = 0;
    auto flush = [&](std::size_t segment_end) {
        // A lone ASCII character (most of them) folds to its lower case.
        std::u16string piece = segment.size() == 1 && segment[0] < 0x80
                                   ? std::u16string(1, ascii_folded(static_cast<char>(segment[0])))
                                   : caseless(segment);
        mapped.folded += piece;
        mapped.source_begin.insert(mapped.source_begin.end(), piece.size(), segment_begin);
        mapped.source_end.insert(mapped.source_end.end(), piece.size(), segment_end);
        segment.clear();
        segment_begin = segment_end;
    };
    const auto* bytes = reinterpret_cast<const uint8_t*>(line.data());
    auto length = static_cast<int32_t>(line.size());
    for (int32_t i = 0; i < length;) {
        auto start = static_cast<std::size_t>(i);
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        c = c < 0 ? 0xFFFD : c; // as from_utf8 reads a byte that is not UTF-8
        if (!segment.empty() && icu().has_boundary_before(nfd(), c)) {
            flush(start);
        }
        append(segment, c);
    }
    if (!segment.empty()) {
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
    m_folded = caseless_utf8(text);
    UErrorCode status = U_ZERO_ERROR;
    m_clusters = std::make_shared<Clusters>();
    // The root locale's rules: grapheme clusters are the same in every language.
    m_clusters->iterator.reset(icu().break_open(UBRK_CHARACTER, "", nullptr, 0, &status));
    check_icu(status, "load its grapheme cluster rules");
}

std::optional<NoteMatch> NoteSearch::find(std::string_view note) const {
    if (note.empty()) {
        return std::nullopt;
    }
    std::u16string folded = caseless_utf8(note);
    if (folded.find(m_folded) == std::u16string::npos) {
        return std::nullopt; // most notes
    }
    constexpr auto none = std::u16string::npos;
    ClusterBounds clusters(*m_clusters->iterator, folded);
    int first_line = -1;
    int lines_found = 0;
    int line = 0;            // the line of `counted`
    std::size_t counted = 0; // line breaks are counted up to here
    for (std::size_t at = find_whole(folded, m_folded, clusters, 0); at != none;) {
        for (; counted < at; ++counted) {
            line += folded[counted] == u'\n' ? 1 : 0;
        }
        first_line = first_line < 0 ? line : first_line;
        ++lines_found;
        std::size_t line_break = folded.find(u'\n', at);
        at = line_break == none ? none : find_whole(folded, m_folded, clusters, line_break + 1);
    }
    if (first_line < 0) {
        return std::nullopt;
    }
    NoteMatch match{std::string(line_of(note, first_line)), 0, 0, lines_found - 1};
    // Where the match lies in the line as stored, found again in the line alone with a map
    // back to its bytes (this costs more, so only for the one line shown).
    MappedLine mapped = mapped_caseless(match.line);
    ClusterBounds line_clusters(*m_clusters->iterator, mapped.folded);
    std::size_t at = find_whole(mapped.folded, m_folded, line_clusters, 0);
    if (at != none) {
        match.begin = mapped.source_begin[at];
        match.end = mapped.source_end[at + m_folded.size() - 1];
    }
    return match;
}

namespace {

bool is_mark(UChar32 c) {
    return (U_MASK(icu().char_type(c)) & U_GC_M_MASK) != 0;
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
