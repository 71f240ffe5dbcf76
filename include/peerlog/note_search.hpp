// Finding a text in notes as a person means it: case-insensitive and Unicode-aware.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace peerlog {

/// Where a note holds the searched text: the first line that holds it, and how many more do.
struct NoteMatch {
    std::string line;      ///< that line as stored, without its line break
    std::size_t begin = 0; ///< the match within `line`, in bytes: [begin, end)
    std::size_t end = 0;
    int more_lines = 0; ///< further lines of the note that hold the text too
};

/// A search text, prepared once and matched against many notes. Matching is Unicode's
/// canonical caseless matching: both texts are decomposed (NFD), case folded with the full,
/// locale-independent folding of CaseFolding.txt and decomposed again, so "ÉCOLE" finds
/// "école" (precomposed or decomposed alike), "STRASSE" finds "Straße" and "ΣΟΦΟΣ" finds
/// "σοφος" (Σ, σ and the final ς fold alike). A match starts and ends between grapheme
/// clusters, so it never takes a letter apart from its accents: "e" does not find "é". Not
/// folded: accents ("ecole" does not find "école") and the Turkish dotless ı, a letter of its
/// own ("İ" folds to "i" with a dot above, so neither "i" nor "ı" finds it). The text is
/// matched literally, within one line of a note: %, _ and .* are characters like any other.
class NoteSearch {
  public:
    /// Error(usage) when `text` is empty or only white space, holds a line break (a match lies
    /// within one line), or is not UTF-8.
    explicit NoteSearch(std::string_view text);

    /// The text as given.
    const std::string& text() const { return m_text; }

    /// Where `note` holds the text, or nothing; an empty note holds nothing.
    std::optional<NoteMatch> find(std::string_view note) const;

  private:
    std::string m_text;
    std::u16string m_folded; ///< the text's caseless form (UTF-16, as ICU works in it)
    struct Clusters;
    /// ICU's grapheme cluster iterator, reused for every note (copies share it: one search
    /// per thread).
    std::shared_ptr<Clusters> m_clusters;
};

/// A match's line cut to fit a table cell: at most `width` characters, the match kept in view
/// with some of the text around it, each cut marked with "…"; white space at either end
/// dropped. before + match + after is what the cell shows.
struct NoteExcerpt {
    std::string before;
    std::string match;
    std::string after;
};

/// The excerpt of `match` that fits in `width` characters (at least 8).
NoteExcerpt excerpt(const NoteMatch& match, std::size_t width);

} // namespace peerlog
