// String checks behind the "format" and "pattern" keywords (see json_schema.hpp).
#pragma once

#include <string>
#include <string_view>

namespace mc::credentials::schema {

// RFC 3339 full-date ("2024-02-29") and date-time ("2024-02-29T10:00:00.5+01:00"),
// with real calendar and clock ranges (leap years; second 60 for leap seconds).
bool is_rfc3339_date(std::string_view s);
bool is_rfc3339_date_time(std::string_view s);

// ECMA-262 regular expression search (JSON Schema patterns are not anchored). Patterns
// are compiled once per process. Strings longer than kMaxPatternInput fail: libstdc++'s
// backtracking std::regex recurses per character and would overflow the stack on
// megabyte-long attacker strings; the OB fields with patterns are short codes and URLs.
inline constexpr std::size_t kMaxPatternInput = 2048;
bool matches_pattern(const std::string& pattern, const std::string& value);

} // namespace mc::credentials::schema
