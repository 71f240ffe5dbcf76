// A small scan of TOML's strings, comments, numbers and dates, enough to know where toml++ 3.3
// tests a character for whitespace: outside strings and comments (in a number or a date, to
// its end, whatever quotes it holds), and inside a """ string after a backslash.
#include "toml_hazard.hpp"

#include <cctype>

namespace peerlog {
namespace {

bool non_ascii(char c) {
    return static_cast<unsigned char>(c) >= 0x80;
}

class HazardScan {
  public:
    explicit HazardScan(std::string_view text) : m_text(text) {}

    std::optional<TomlHazard> run() {
        if (starts_with("\xEF\xBB\xBF")) { // a byte order mark, which toml++ skips
            m_at = 3;
            m_line_start = 3;
        }
        while (!at_end() && !m_hazard) {
            if (starts_with("\"\"\"")) {
                multi_line_basic();
            } else if (starts_with("'''")) {
                multi_line_literal();
            } else if (number_or_date_starts()) {
                number_or_date();
            } else if (peek() == '"' || peek() == '\'') {
                one_line_string(peek());
            } else if (peek() == '#') {
                skip_to_line_end();
            } else if (non_ascii(peek())) {
                hazard("a character outside the ASCII range outside quotes: TOML allows it only "
                       "in a quoted string or a comment");
            } else {
                advance();
            }
        }
        return m_hazard;
    }

  private:
    bool at_end() const { return m_at >= m_text.size(); }
    char peek(std::size_t ahead = 0) const {
        return m_at + ahead < m_text.size() ? m_text[m_at + ahead] : '\0';
    }
    bool starts_with(std::string_view what) const { return m_text.substr(m_at).starts_with(what); }
    void advance() {
        if (peek() == '\n') {
            ++m_line;
            m_line_start = m_at + 1;
        }
        ++m_at;
    }
    void hazard(std::string what) {
        m_hazard = TomlHazard{m_line, m_at - m_line_start + 1, std::move(what)};
    }

    // A value starting with a digit, '+' or '-' right after '=', '[' or ',' (spaces and tabs
    // between): toml++ reads it as one token.
    bool number_or_date_starts() const {
        char first = peek();
        if (!std::isdigit(static_cast<unsigned char>(first)) && first != '+' && first != '-') {
            return false;
        }
        std::size_t before = m_at;
        while (before > 0 && (m_text[before - 1] == ' ' || m_text[before - 1] == '\t')) {
            --before;
        }
        return before > 0 && (m_text[before - 1] == '=' || m_text[before - 1] == '[' ||
                              m_text[before - 1] == ',');
    }

    // toml++ tests each character of a number or date for a value terminator (whitespace, ',',
    // ']', '}', '#') until it finds one: a quote in it opens no string, and a date goes on past
    // a space to its time.
    void number_or_date() {
        std::size_t begin = m_at;
        while (!at_end() && !m_hazard) {
            char c = peek();
            bool date_so_far =
                m_at - begin == 10 && m_text[begin + 4] == '-' && m_text[begin + 7] == '-';
            if (c == ' ' && date_so_far) {
                advance();
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' ||
                c == '}' || c == '#') {
                return;
            }
            if (non_ascii(c)) {
                hazard("a character outside the ASCII range in a number or date");
                return;
            }
            advance();
        }
    }

    void skip_to_line_end() {
        while (!at_end() && peek() != '\n') {
            advance();
        }
    }

    // "…" or '…': ends at its quote (a basic string's \" escaped) or, unclosed, at the line's end.
    void one_line_string(char quote) {
        advance();
        while (!at_end() && peek() != quote && peek() != '\n') {
            if (quote == '"' && peek() == '\\') {
                advance();
            }
            if (!at_end() && peek() != '\n') {
                advance();
            }
        }
        if (peek() == quote) {
            advance();
        }
    }

    // The closing delimiter of a multi-line string, which may follow one or two quotes of its
    // text: the whole run of quotes is consumed.
    bool closes(char quote) {
        std::size_t run = 0;
        while (peek(run) == quote) {
            ++run;
        }
        if (run < 3) {
            return false;
        }
        for (std::size_t i = 0; i < run && i < 5; ++i) {
            advance();
        }
        return true;
    }

    void multi_line_literal() {
        m_at += 3;
        while (!at_end() && !closes('\'')) {
            advance();
        }
    }

    void multi_line_basic() {
        m_at += 3;
        while (!at_end() && !m_hazard && !closes('"')) {
            if (peek() != '\\') {
                advance();
                continue;
            }
            advance();
            bool line_ending = peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n';
            while (line_ending &&
                   (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n')) {
                advance();
            }
            if (non_ascii(peek())) {
                hazard(line_ending ? "a character outside the ASCII range first after a "
                                     "line-ending backslash: write it as a \\uXXXX escape or "
                                     "remove the backslash"
                                   : "a character outside the ASCII range after a backslash: "
                                     "TOML has no such escape (write \\uXXXX)");
            } else if (!line_ending && !at_end()) {
                advance(); // the escaped character
            }
        }
    }

    std::string_view m_text;
    std::size_t m_at = 0;
    std::size_t m_line = 1;
    std::size_t m_line_start = 0;
    std::optional<TomlHazard> m_hazard;
};

} // namespace

std::optional<TomlHazard> find_toml_hazard(std::string_view text) {
    return HazardScan(text).run();
}

} // namespace peerlog
