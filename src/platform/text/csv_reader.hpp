// Reading CSV files people export from spreadsheets (RFC 4180): the one splitter every import
// uses (bulk issue recipients, QRIS ratings, county classifications). Pure: bytes in, records out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mc {

struct CsvRecord {
    std::size_t line = 0; // 1-based line of the file where the record starts
    std::vector<std::string> fields;
};

struct CsvRead {
    std::vector<CsvRecord> records; // blank lines are left out
    // The line a quote opened on and never closed (0 when every quote closed); records read
    // before it are kept so the caller can still report them.
    std::size_t unclosed_quote_line = 0;
    // The line of the first record with a value that is not UTF-8 or holds a control character
    // other than a line break or tab (0 when none); reading stops there, as for a quote. Checked
    // here so that every import refuses such text before it is stored (issue 8, item 4).
    std::size_t bad_text_line = 0;
};

// Fields split by commas, records by CRLF or LF; a quoted field may hold commas, line breaks and
// doubled quotes. A leading UTF-8 byte-order mark (spreadsheets add one) is skipped.
CsvRead read_csv_records(std::string_view text);

// Spaces and tabs trimmed from both ends, and lower case for ASCII letters: header names.
std::string csv_header_name(std::string_view field);

} // namespace mc
