// Sheets of typed cells as an xlsx workbook, made with libxlsxwriter in an unnamed scratch file.
#include "xlsx_writer.hpp"

#include "peerlog/error.hpp"
#include "peerlog/safe_text.hpp"
#include "peerlog/scratch.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <dlfcn.h>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <type_traits>
#include <unzip.h>
#include <utility>
#include <xlsxwriter.h>

namespace peerlog {
namespace {

constexpr std::size_t k_max_cell_chars = 32767; // what one xlsx cell holds
constexpr std::size_t k_max_rows = 1048576;     // what one xlsx sheet holds
constexpr double k_max_column_width = 60;

// libxlsxwriter and minizip (which reads each workbook back), opened the first time a workbook
// is written rather than linked: loading them (with the libcrypto and zlib they need) at
// start-up cost every peerlog command about 1.6 ms, more than all the rest of `peerlog
// --version`.
struct XlsxLibrary {
    decltype(&::workbook_new_opt) workbook_new_opt;
    decltype(&::workbook_add_worksheet) workbook_add_worksheet;
    decltype(&::workbook_add_format) workbook_add_format;
    decltype(&::workbook_close) workbook_close;
    decltype(&::lxw_workbook_free) lxw_workbook_free;
    decltype(&::format_set_bold) format_set_bold;
    decltype(&::format_set_bottom) format_set_bottom;
    decltype(&::format_set_num_format) format_set_num_format;
    decltype(&::worksheet_write_string) worksheet_write_string;
    decltype(&::worksheet_write_number) worksheet_write_number;
    decltype(&::worksheet_write_datetime) worksheet_write_datetime;
    decltype(&::worksheet_set_column) worksheet_set_column;
    decltype(&::worksheet_freeze_panes) worksheet_freeze_panes;
    decltype(&::lxw_strerror) lxw_strerror;
    decltype(&::unzOpen64) unzOpen64;
    decltype(&::unzClose) unzClose;
    decltype(&::unzGoToFirstFile) unzGoToFirstFile;
    decltype(&::unzGoToNextFile) unzGoToNextFile;
    decltype(&::unzGetCurrentFileInfo64) unzGetCurrentFileInfo64;
    decltype(&::unzOpenCurrentFile) unzOpenCurrentFile;
    decltype(&::unzReadCurrentFile) unzReadCurrentFile;
    decltype(&::unzCloseCurrentFile) unzCloseCurrentFile;
};

// The library `soname`, opened for good (its functions are used until the program ends).
void* open_library(const char* soname) {
    void* handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        throw Error(ErrorKind::io, fmt::format("cannot load {} for the spreadsheet ({}): install "
                                               "it (libxlsxwriter4, libminizip1). Nothing was "
                                               "written.",
                                               soname, ::dlerror()));
    }
    return handle;
}

XlsxLibrary open_xlsx_library() {
    XlsxLibrary library{};
    const char* soname = PEERLOG_XLSXWRITER_SONAME;
    void* handle = open_library(soname);
    auto symbol = [&](auto& function, const char* name) {
        function =
            reinterpret_cast<std::remove_reference_t<decltype(function)>>(::dlsym(handle, name));
        if (function == nullptr) {
            throw Error(ErrorKind::io, fmt::format("{} has no {}: it is not the library peerlog "
                                                   "was built with. Nothing was written.",
                                                   soname, name));
        }
    };
    symbol(library.workbook_new_opt, "workbook_new_opt");
    symbol(library.workbook_add_worksheet, "workbook_add_worksheet");
    symbol(library.workbook_add_format, "workbook_add_format");
    symbol(library.workbook_close, "workbook_close");
    symbol(library.lxw_workbook_free, "lxw_workbook_free");
    symbol(library.format_set_bold, "format_set_bold");
    symbol(library.format_set_bottom, "format_set_bottom");
    symbol(library.format_set_num_format, "format_set_num_format");
    symbol(library.worksheet_write_string, "worksheet_write_string");
    symbol(library.worksheet_write_number, "worksheet_write_number");
    symbol(library.worksheet_write_datetime, "worksheet_write_datetime");
    symbol(library.worksheet_set_column, "worksheet_set_column");
    symbol(library.worksheet_freeze_panes, "worksheet_freeze_panes");
    symbol(library.lxw_strerror, "lxw_strerror");
    soname = PEERLOG_MINIZIP_SONAME;
    handle = open_library(soname);
    symbol(library.unzOpen64, "unzOpen64");
    symbol(library.unzClose, "unzClose");
    symbol(library.unzGoToFirstFile, "unzGoToFirstFile");
    symbol(library.unzGoToNextFile, "unzGoToNextFile");
    symbol(library.unzGetCurrentFileInfo64, "unzGetCurrentFileInfo64");
    symbol(library.unzOpenCurrentFile, "unzOpenCurrentFile");
    symbol(library.unzReadCurrentFile, "unzReadCurrentFile");
    symbol(library.unzCloseCurrentFile, "unzCloseCurrentFile");
    return library; // the handles stay open for the rest of the run
}

const XlsxLibrary& xlsx() {
    static const XlsxLibrary library = open_xlsx_library();
    return library;
}

// Excel's rules for a tab name: 1 to 31 characters, none of []:*?/\, not starting or ending
// with an apostrophe, unique regardless of case.
std::string sheet_name(std::string_view wanted, std::set<std::string>& taken) {
    std::string name;
    for (char c : terminal_safe(wanted, LineBreaks::flatten)) {
        name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
    }
    while (!name.empty() && name.front() == '\'') {
        name.erase(0, 1);
    }
    auto fit = [](std::string text, std::size_t chars) {
        while (display_width(text) > chars || (!text.empty() && text.back() == '\'')) {
            do { // drop a whole UTF-8 sequence
                text.pop_back();
            } while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80);
            if (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0xC0) {
                text.pop_back();
            }
        }
        return text.empty() ? std::string("Sheet") : text;
    };
    std::string unique = fit(name, LXW_SHEETNAME_MAX);
    for (int n = 2; taken.count(fmt::format("{}", unique)) > 0; ++n) {
        std::string suffix = fmt::format(" ({})", n);
        unique = fit(name, LXW_SHEETNAME_MAX - suffix.size()) + suffix;
    }
    std::string folded = unique;
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    taken.insert(folded);
    return unique;
}

// The formats a workbook uses, made once each.
class Formats {
  public:
    explicit Formats(lxw_workbook* workbook) : m_workbook(workbook) {
        m_header = xlsx().workbook_add_format(workbook);
        xlsx().format_set_bold(m_header);
        xlsx().format_set_bottom(m_header, LXW_BORDER_THIN);
        m_date = xlsx().workbook_add_format(workbook);
        xlsx().format_set_num_format(m_date, "yyyy-mm-dd");
    }
    lxw_format* header() const { return m_header; }
    lxw_format* date() const { return m_date; }
    /// "0", "0.00", or with a sign ("+0;-0;0") when the figure was printed with one (a change).
    lxw_format* number(const CellNumber& number) {
        auto key = std::pair{number.decimals, number.plus_sign};
        auto& format = m_numbers[key];
        if (format == nullptr) {
            std::string digits =
                number.decimals == 0
                    ? "0"
                    : "0." + std::string(static_cast<std::size_t>(number.decimals), '0');
            format = xlsx().workbook_add_format(m_workbook);
            xlsx().format_set_num_format(format, number.plus_sign
                                                     ? fmt::format("+{0};-{0};{0}", digits).c_str()
                                                     : digits.c_str());
        }
        return format;
    }

  private:
    lxw_workbook* m_workbook;
    lxw_format* m_header = nullptr;
    lxw_format* m_date = nullptr;
    std::map<std::pair<int, bool>, lxw_format*> m_numbers;
};

void check(lxw_error error, std::string_view what) {
    if (error != LXW_NO_ERROR) {
        throw Error(ErrorKind::io, fmt::format("cannot write the spreadsheet ({}): {}. Nothing "
                                               "was written.",
                                               what, xlsx().lxw_strerror(error)));
    }
}

void write_text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, std::string_view text,
                lxw_format* format) {
    std::string safe = terminal_safe(text, LineBreaks::keep);
    if (display_width(safe) > k_max_cell_chars) {
        throw Error(ErrorKind::usage,
                    fmt::format("a cell of {} characters is longer than a spreadsheet cell holds "
                                "({}): use --format csv or json. Nothing was written.",
                                display_width(safe), k_max_cell_chars));
    }
    if (!safe.empty()) {
        check(xlsx().worksheet_write_string(sheet, row, column, safe.c_str(), format),
              "a text cell");
    }
}

void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, CellType type,
                const std::string& text, Formats& formats) {
    if (type == CellType::number) {
        if (auto number = read_number(text)) {
            check(xlsx().worksheet_write_number(sheet, row, column, number->value,
                                                formats.number(*number)),
                  "a number");
            return;
        }
    } else if (type == CellType::date) {
        if (auto date = read_iso_date(text)) {
            lxw_datetime when{static_cast<int>(date->year()),
                              static_cast<int>(static_cast<unsigned>(date->month())),
                              static_cast<int>(static_cast<unsigned>(date->day())),
                              0,
                              0,
                              0};
            check(xlsx().worksheet_write_datetime(sheet, row, column, &when, formats.date()),
                  "a date");
            return;
        }
    }
    write_text(sheet, row, column, text, nullptr);
}

// The root element's name of an XML text's first bytes ("sst" of `<?xml ...?><sst ...>`).
std::string root_element(std::string_view head) {
    for (std::size_t at = head.find('<'); at != std::string_view::npos;
         at = head.find('<', at + 1)) {
        if (at + 1 < head.size() && head[at + 1] != '?' && head[at + 1] != '!') {
            std::size_t end = head.find_first_of(" \t\r\n/>", at + 1);
            return std::string(
                head.substr(at + 1, end == std::string_view::npos ? 0 : end - at - 1));
        }
    }
    return "";
}

// libxlsxwriter writes each part of the workbook into a temporary file and zips it without
// checking those writes: a full disk or a file size limit there leaves a part cut short in a zip
// that is otherwise sound, which a spreadsheet then refuses or reads in part. So every XML part
// is read back (minizip, which libxlsxwriter writes with): it must inflate with its checksum and
// end with its root element's closing tag.
void check_whole(const std::string& path) {
    auto cut_short = [](std::string_view what) {
        throw Error(ErrorKind::io, fmt::format("cannot write the spreadsheet: {} was cut short (a "
                                               "full disk or a file size limit in {}?). Nothing "
                                               "was written.",
                                               what, temporary_directory()));
    };
    unzFile zip = xlsx().unzOpen64(path.c_str());
    if (zip == nullptr) {
        cut_short("the workbook");
    }
    std::unique_ptr<void, int (*)(unzFile)> closing(zip, xlsx().unzClose);
    for (int status = xlsx().unzGoToFirstFile(zip); status != UNZ_END_OF_LIST_OF_FILE;
         status = xlsx().unzGoToNextFile(zip)) {
        char name[256] = {};
        unz_file_info64 info{};
        if (status != UNZ_OK ||
            xlsx().unzGetCurrentFileInfo64(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) !=
                UNZ_OK ||
            xlsx().unzOpenCurrentFile(zip) != UNZ_OK) {
            cut_short("the workbook");
        }
        std::string head, tail;
        char chunk[1 << 16];
        int got = 0;
        while ((got = xlsx().unzReadCurrentFile(zip, chunk, sizeof chunk)) > 0) {
            if (head.size() < 512) {
                head.append(
                    chunk, std::min<std::size_t>(512 - head.size(), static_cast<std::size_t>(got)));
            }
            tail.append(chunk, static_cast<std::size_t>(got));
            tail.erase(0, tail.size() > 64 ? tail.size() - 64 : 0);
        }
        if (xlsx().unzCloseCurrentFile(zip) != UNZ_OK || got < 0) { // UNZ_CRCERROR included
            cut_short(name);
        }
        std::string_view part = name;
        if (part.ends_with(".xml") || part.ends_with(".rels")) {
            while (!tail.empty() && std::isspace(static_cast<unsigned char>(tail.back()))) {
                tail.pop_back();
            }
            if (!tail.ends_with("</" + root_element(head) + ">")) {
                cut_short(name);
            }
        }
    }
}

// libxlsxwriter writes a constant-memory sheet's rows into its scratch file unchecked, as it
// does its other parts; a write that failed there (a full disk) and a later one that did not
// would leave a part that ends whole around a hole. So the rows' file is asked before closing.
void check_rows_written(lxw_worksheet* sheet) {
    if (sheet->optimize_tmpfile != nullptr &&
        (std::fflush(sheet->optimize_tmpfile) != 0 || std::ferror(sheet->optimize_tmpfile))) {
        throw Error(ErrorKind::io, fmt::format("cannot write the spreadsheet: the sheet {} was cut "
                                               "short (a full disk or a file size limit in {}?). "
                                               "Nothing was written.",
                                               sheet->name, temporary_directory()));
    }
}

} // namespace

struct WorkbookWriter::Open {
    explicit Open(std::ostream& output) : out(output) {}

    std::ostream& out;
    // libxlsxwriter writes only to a path. It gets /proc/self/fd/N of an unnamed scratch file,
    // so the workbook never has a name a kill could leave behind (without /proc: a file in the
    // scratch directory). Its own temporary files (the rows of each sheet among them) go in a
    // private scratch directory, each unlinked as soon as made; the directory goes with
    // peerlog, on SIGINT, SIGTERM or SIGHUP too, and one a SIGKILL left is removed by the next
    // workbook written. The output itself is an unnamed OutputFile.
    ScratchDirectory directory{"peerlog-xlsx", Abandoned::removed};
    ScratchFile unnamed;
    std::string path;
    bool named = false; ///< path is a file in `directory`, not the unnamed file
    lxw_workbook* workbook = nullptr;
    std::unique_ptr<Formats> formats;
    std::set<std::string> names; ///< the sheets' names so far, case folded
    std::vector<lxw_worksheet*> sheets;
    std::string sheet_name;           ///< the current sheet's, as asked for
    std::vector<SheetColumn> columns; ///< the current table's
    std::vector<double> widths;       ///< the current sheet's columns'
    lxw_row_t row = 0;                ///< the current sheet's next row

    /// Throws Error(usage) when the current sheet is full.
    void next_row() const {
        if (row >= k_max_rows) {
            throw Error(ErrorKind::usage,
                        fmt::format("the sheet {} would have more rows than a spreadsheet holds "
                                    "({}): use --format csv or json, or a shorter period. "
                                    "Nothing was written.",
                                    sheet_name, k_max_rows));
        }
    }
    void widen(std::size_t column, const std::string& text) {
        widths[column] =
            std::min(k_max_column_width, std::max(widths[column], display_width(text) + 2.0));
    }
    /// Gives the current sheet's columns their widths: libxlsxwriter keeps them until it closes
    /// the workbook, when it writes them before the rows.
    void end_sheet() {
        for (std::size_t c = 0; c < widths.size(); ++c) {
            xlsx().worksheet_set_column(sheets.back(), static_cast<lxw_col_t>(c),
                                        static_cast<lxw_col_t>(c), widths[c], nullptr);
        }
        widths.clear();
    }
};

WorkbookWriter::WorkbookWriter(std::ostream& out) : m_open(std::make_unique<Open>(out)) {
    Open& open = *m_open;
    open.path = open.unnamed.reopening_path();
    open.named = open.path.empty();
    if (open.named) {
        open.path = open.directory.file("workbook.xlsx").string();
    }
    std::string scratch = open.directory.path().string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = scratch.data(); // copied by libxlsxwriter
    open.workbook = xlsx().workbook_new_opt(open.path.c_str(), &options);
    if (open.workbook == nullptr) {
        check(LXW_ERROR_CREATING_XLSX_FILE, "a new workbook");
    }
    open.formats = std::make_unique<Formats>(open.workbook);
}

WorkbookWriter::~WorkbookWriter() {
    if (m_open && m_open->workbook != nullptr) {
        // Left unfinished by an error: freed, not closed, so that no workbook is assembled from
        // it (libxlsxwriter leaves the sheets' rows files open when it frees them).
        for (lxw_worksheet* sheet : m_open->sheets) {
            if (sheet->optimize_tmpfile != nullptr) {
                std::fclose(sheet->optimize_tmpfile);
            }
        }
        xlsx().lxw_workbook_free(m_open->workbook);
    }
}

void WorkbookWriter::begin_sheet(std::string_view name) {
    Open& open = *m_open;
    open.end_sheet();
    lxw_worksheet* sheet =
        xlsx().workbook_add_worksheet(open.workbook, sheet_name(name, open.names).c_str());
    if (sheet == nullptr) {
        check(LXW_ERROR_MEMORY_MALLOC_FAILED, "a sheet");
    }
    xlsx().worksheet_freeze_panes(sheet, 1, 0);
    open.sheets.push_back(sheet);
    open.sheet_name = name;
    open.columns.clear();
    open.widths.clear();
    open.row = 0;
}

void WorkbookWriter::begin_table(const std::vector<SheetColumn>& columns) {
    Open& open = *m_open;
    if (open.row > 0) {
        ++open.row; // a blank row between tables
    }
    open.next_row();
    open.columns = columns;
    open.widths.resize(std::max(open.widths.size(), columns.size()), 8);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        write_text(open.sheets.back(), open.row, static_cast<lxw_col_t>(c), columns[c].header,
                   open.formats->header());
        open.widen(c, columns[c].header);
    }
    ++open.row;
}

void WorkbookWriter::write_row(const std::vector<std::string>& cells) {
    Open& open = *m_open;
    open.next_row();
    for (std::size_t c = 0; c < cells.size() && c < open.columns.size(); ++c) {
        write_cell(open.sheets.back(), open.row, static_cast<lxw_col_t>(c), open.columns[c].type,
                   cells[c], *open.formats);
        open.widen(c, cells[c]);
    }
    ++open.row;
}

void WorkbookWriter::write_sheet(const Sheet& sheet) {
    begin_sheet(sheet.name);
    for (const auto& table : sheet.tables) {
        begin_table(table.columns);
        for (const auto& cells : table.rows) {
            write_row(cells);
        }
    }
}

void WorkbookWriter::finish() {
    Open& open = *m_open;
    if (open.sheets.empty()) { // a workbook needs a sheet
        begin_sheet("Empty");
    }
    open.end_sheet();
    for (lxw_worksheet* sheet : open.sheets) {
        check_rows_written(sheet);
    }
    lxw_workbook* workbook = std::exchange(open.workbook, nullptr);
    check(xlsx().workbook_close(workbook), "closing the workbook");
    check_whole(open.path);
    if (!open.named) {
        open.unnamed.copy_to(open.out);
        return;
    }
    std::ifstream file(open.path, std::ios::binary);
    open.out << file.rdbuf();
    if (!file || !open.out) {
        throw Error(ErrorKind::io, "cannot copy the spreadsheet to its output. Nothing was "
                                   "written.");
    }
}

void write_workbook(std::ostream& out, const std::vector<Sheet>& sheets) {
    WorkbookWriter workbook(out);
    for (const auto& sheet : sheets) {
        workbook.write_sheet(sheet);
    }
    workbook.finish();
}

} // namespace peerlog
