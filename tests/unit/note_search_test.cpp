// Unit tests of searching notes: case folding, canonical equivalence, lines and excerpts.
#include "peerlog/note_search.hpp"

#include "peerlog/error.hpp"

#include <doctest/doctest.h>
#include <random>
#include <vector>

using namespace peerlog;

namespace {

bool finds(std::string_view text, std::string_view note) {
    return NoteSearch(text).find(note).has_value();
}

// The matched text as stored in the note's line.
std::string matched(std::string_view text, std::string_view note) {
    auto match = NoteSearch(text).find(note);
    REQUIRE(match);
    return match->line.substr(match->begin, match->end - match->begin);
}

ErrorKind refusal(std::string_view text) {
    try {
        NoteSearch search(text);
    } catch (const Error& error) {
        return error.kind();
    }
    FAIL("the search text was accepted");
    return ErrorKind::invalid_data;
}

std::string shown(const NoteExcerpt& cut) {
    return cut.before + "[" + cut.match + "]" + cut.after;
}

} // namespace

TEST_CASE("note_search: case is ignored in every script, accents are not") {
    CHECK(finds("court", "Talked about the COURT date"));
    CHECK(finds("ÉCOLE", "inscrit à l'école du soir"));
    CHECK(finds("école", "L'ÉCOLE"));
    CHECK(finds("МОСКВА", "поездка в Москва"));
    CHECK_FALSE(finds("ecole", "l'école"));
    CHECK_FALSE(finds("école", "ecole"));
    CHECK(finds("k", "273 \u212A")); // KELVIN SIGN folds to k
}

TEST_CASE("note_search: full case folding, so ß is ss and a ligature its letters") {
    CHECK(finds("STRASSE", "wohnt in der Hauptstraße"));
    CHECK(finds("straße", "HAUPTSTRASSE 4"));
    CHECK(finds("\u1E9E", "ss")); // capital sharp s
    CHECK(matched("SS", "Straße") == "ß");
    CHECK(matched("strasse", "die Straße.") == "Straße");
    CHECK(finds("file", "the \uFB01le")); // ﬁ ligature
}

TEST_CASE("note_search: Greek sigma, final or not, is one letter") {
    CHECK(finds("ΣΟΦΟΣ", "σοφος"));
    CHECK(finds("σοφοσ", "ΣΟΦΟΣ"));
    CHECK(finds("ΛΟΓΟΣ", "ο λογος")); // final ς in the note
    CHECK(finds("λογος", "ΛΟΓΟΣ"));
    CHECK(finds("ΛΌΓΟΣ", "ο λόγος του"));       // with its accent, in both
    CHECK_FALSE(finds("λογος", "ο λόγος του")); // an accent is not ignored
}

TEST_CASE("note_search: Turkish dotted and dotless i follow Unicode's default folding") {
    CHECK(finds("I", "i"));
    CHECK_FALSE(finds("ı", "i")); // dotless ı is a letter of its own
    CHECK_FALSE(finds("i", "ı"));
    CHECK(finds("İstanbul", "İSTANBUL"));
    CHECK_FALSE(finds("istanbul", "İstanbul")); // İ folds to i + U+0307: a whole cluster
}

TEST_CASE("note_search: precomposed and decomposed text match (NFC and NFD)") {
    const std::string nfc = "caf\u00E9 au lait";
    const std::string nfd = "cafe\u0301 au lait";
    CHECK(finds("CAF\u00C9", nfd));
    CHECK(finds("CAFE\u0301", nfc));
    CHECK(matched("caf\u00E9", nfd) == "cafe\u0301");
    // A match never cuts an accent from its letter, precomposed or not.
    CHECK_FALSE(finds("cafe", nfc));
    CHECK_FALSE(finds("cafe", nfd));
    CHECK_FALSE(finds("e", "\u00E9"));
    // Marks in another order are the same text (canonical order): ẹ́ both ways.
    CHECK(finds("e\u0323\u0301", "e\u0301\u0323"));
    // A Hangul syllable is not found inside a longer one.
    CHECK(finds("\uAC00", "\uAC00\uB098"));
    CHECK_FALSE(finds("\uAC00", "\uAC01"));
}

TEST_CASE("note_search: a match may lie inside a word") {
    CHECK(matched("OURT", "the court date") == "ourt");
    CHECK(matched("date", "update") == "date");
}

TEST_CASE("note_search: the text is literal, never a pattern") {
    CHECK(finds("%", "100% there"));
    CHECK_FALSE(finds("%", "all there"));
    CHECK_FALSE(finds("a_b", "axb"));
    CHECK(finds("a_b", "A_B"));
    CHECK_FALSE(finds(".*", "anything at all"));
    CHECK(finds(".*", "typed .* by mistake"));
    CHECK_FALSE(finds("[a-z]", "abc"));
    CHECK_FALSE(finds("'; DROP TABLE session; --", "talked"));
}

TEST_CASE("note_search: the first matching line, and how many more lines match") {
    auto match = NoteSearch("court").find("Walked to the bus.\nSecond line: COURT date, court "
                                          "again\nno\nthe court said\r\nlast");
    REQUIRE(match);
    CHECK(match->line == "Second line: COURT date, court again");
    CHECK(match->line.substr(match->begin, match->end - match->begin) == "COURT");
    CHECK(match->more_lines == 1); // a line with two matches counts once
    auto crlf = NoteSearch("date").find("first\r\nthe date\r\nthird");
    REQUIRE(crlf);
    CHECK(crlf->line == "the date"); // the CR is part of the line break
    CHECK(crlf->more_lines == 0);
    // A text never matches across a line break.
    CHECK_FALSE(finds("bus. second", "Walked to the bus.\nSecond line"));
}

TEST_CASE("note_search: empty notes hold nothing; notes that are not UTF-8 do not break it") {
    CHECK_FALSE(NoteSearch("a").find(""));
    CHECK(finds("abc", "\xFF\xFE ABC \xC3"));
    CHECK(matched("abc", "\xFF\xFE ABC \xC3") == "ABC");
}

TEST_CASE("note_search: a text that is empty, blank, multi-line or not UTF-8 is a usage error") {
    CHECK(refusal("") == ErrorKind::usage);
    CHECK(refusal("   \t") == ErrorKind::usage);
    CHECK(refusal("court\ndate") == ErrorKind::usage);
    CHECK(refusal("court\r") == ErrorKind::usage);
    CHECK(refusal("caf\xE9") == ErrorKind::usage);    // Latin-1 é
    CHECK(NoteSearch(" court ").text() == " court "); // spaces around a text are kept
}

TEST_CASE("note_search: a huge text is searched like any other") {
    std::string huge(1 << 20, 'x');
    NoteSearch search(huge);
    CHECK_FALSE(search.find("a short note with x in it"));
    CHECK(search.find("before " + huge + " after"));
}

TEST_CASE("note_search: an excerpt keeps a short line whole and cuts a long one around the match") {
    std::string padded = "  talked about the court date  ";
    NoteMatch whole{padded, padded.find("court"), padded.find("court") + 5, 0};
    CHECK(shown(excerpt(whole, 60)) == "talked about the [court] date");

    std::string long_line = "Walked to the bus stop together and talked for a long while about "
                            "everything, then the court date came up and we planned the week";
    auto at = long_line.find("court");
    NoteMatch in_middle{long_line, at, at + 5, 0};
    NoteExcerpt cut = excerpt(in_middle, 40);
    CHECK(cut.match == "court");
    CHECK(cut.before.rfind("…", 0) == 0);
    CHECK(cut.after.size() >= 3);
    CHECK(cut.after.substr(cut.after.size() - 3) == "…");
    std::string text = cut.before + cut.match + cut.after;
    std::size_t chars = 0;
    for (char c : text) {
        chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    CHECK(chars <= 40);

    NoteMatch at_start{long_line, 0, 6, 0};
    CHECK(excerpt(at_start, 20).before.empty());
    CHECK(shown(excerpt(at_start, 20)) == "[Walked] to the bus…");

    NoteMatch long_match{long_line, 0, long_line.size(), 0};
    CHECK(shown(excerpt(long_match, 12)) == "[Walked to]…");
}

TEST_CASE("note_search: an excerpt never starts with an accent cut from its letter") {
    std::string line = "aaaaaaaaaaaaaaaaaaae\u0301\u0301 needle " + std::string(40, 'b');
    auto at = line.find("needle");
    NoteExcerpt cut = excerpt({line, at, at + 6, 0}, 14);
    CHECK(cut.before == "…"); // the last three characters were two accents and a space
    CHECK(cut.match == "needle");
}

namespace {

// Pieces of text that stress folding, normalization and clusters: ASCII, a precomposed and a
// decomposed é, ß, sigma, a ligature, Hangul, an emoji ZWJ sequence, a lone accent, control
// and invalid bytes, line breaks.
const std::vector<std::string> k_pieces = {
    "a",      "B",       " ",      "court",  "\u00E9", "e\u0301",      "\u00DF",
    "SS",     "\u03A3",  "\u03C2", "\uFB01", "\uAC00", "\u1100\u1161", "\U0001F469\u200D\U0001F4BB",
    "\u0301", "\x1b[2J", "\xFF",   "\xC3",   "\n",     "\r\n",         "\t",
    "\u0130"};

std::string random_text(std::mt19937& random, int pieces) {
    std::uniform_int_distribution<std::size_t> pick(0, k_pieces.size() - 1);
    std::string text;
    for (int i = 0; i < pieces; ++i) {
        text += k_pieces[pick(random)];
    }
    return text;
}

bool usable_search(std::string_view text) {
    try {
        NoteSearch search(text);
        return true;
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::usage);
        return false;
    }
}

} // namespace

TEST_CASE("note_search: random notes and texts never break it, and a whole line finds itself") {
    std::mt19937 random(13);
    for (int round = 0; round < 3000; ++round) {
        std::string note = random_text(random, 1 + round % 40);
        std::string text = random_text(random, 1 + round % 5);
        if (usable_search(text)) {
            auto match = NoteSearch(text).find(note);
            if (match) {
                INFO(note);
                CHECK(match->begin <= match->end);
                CHECK(match->end <= match->line.size());
                CHECK(note.find(match->line) != std::string::npos);
                NoteExcerpt cut = excerpt(*match, 20);
                CHECK(cut.before.size() + cut.match.size() + cut.after.size() <=
                      match->line.size() + 6); // at most two cut marks of 3 bytes added
            }
        }
        // Each line of the note, as a search, finds the note (a line is whole clusters).
        std::size_t start = 0;
        while (start <= note.size()) {
            std::size_t end = std::min(note.find('\n', start), note.size());
            std::string line = note.substr(start, end - start);
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            if (line.find('\r') == std::string::npos && usable_search(line)) {
                INFO("note: " << note << " line: " << line);
                CHECK(NoteSearch(line).find(note).has_value());
            }
            start = end + 1;
        }
    }
}
