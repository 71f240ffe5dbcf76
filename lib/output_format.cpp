// Output format names.
#include "peerlog/output_format.hpp"

#include "enum_names.hpp"

#include <algorithm>
#include <vector>

namespace peerlog {
namespace {

constexpr EnumName<OutputFormat> k_format_names[] = {
    {OutputFormat::table, "table"},   {OutputFormat::markdown, "markdown"},
    {OutputFormat::csv, "csv"},       {OutputFormat::json, "json"},
    {OutputFormat::ndjson, "ndjson"}, {OutputFormat::html, "html"},
    {OutputFormat::xlsx, "xlsx"},     {OutputFormat::markdown, "md"},
};

} // namespace

OutputFormat parse_output_format(std::string_view text,
                                 std::initializer_list<OutputFormat> allowed) {
    std::vector<std::string_view> names;
    for (auto format : allowed) {
        names.push_back(to_string(format));
    }
    try {
        auto format = parse_name(k_format_names, text, "format");
        if (std::find(allowed.begin(), allowed.end(), format) != allowed.end()) {
            return format;
        }
    } catch (const Error&) {
    }
    throw Error(ErrorKind::usage, fmt::format("unknown format '{}' here: use one of {}.", text,
                                              fmt::join(names, ", ")));
}

std::string_view to_string(OutputFormat format) {
    return name_of(k_format_names, format);
}

} // namespace peerlog
