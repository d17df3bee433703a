// Calendar days as forms and query strings carry them ("2026-11-23", UTC), for date filters.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace mc {

// Seconds since the epoch at 00:00 UTC of a YYYY-MM-DD day; nullopt for anything else
// (including impossible dates such as 2026-02-30).
inline std::optional<long long> parse_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    std::tm tm{};
    tm.tm_year = std::stoi(std::string(text.substr(0, 4))) - 1900;
    tm.tm_mon = std::stoi(std::string(text.substr(5, 2))) - 1;
    tm.tm_mday = std::stoi(std::string(text.substr(8, 2)));
    int year = tm.tm_year, month = tm.tm_mon, day = tm.tm_mday;
    std::time_t t = timegm(&tm);
    // timegm normalizes 02-30 into March: a day that moved did not exist.
    if (tm.tm_year != year || tm.tm_mon != month || tm.tm_mday != day || year < 70) return std::nullopt;
    return static_cast<long long>(t);
}

// A moment in UTC, as strftime `format` writes it (formats here are short: under 48 characters).
inline std::string utc_text(long long unix_seconds, const char* format) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[48];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

inline std::string day_of(long long unix_seconds) { return utc_text(unix_seconds, "%Y-%m-%d"); }
inline std::string month_of(long long unix_seconds) { return utc_text(unix_seconds, "%Y-%m"); }
// "2026-11-23 14:05 UTC": when something happened, for logs people read.
inline std::string moment_of(long long unix_seconds) { return utc_text(unix_seconds, "%Y-%m-%d %H:%M UTC"); }

} // namespace mc
