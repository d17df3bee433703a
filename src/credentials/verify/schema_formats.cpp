#include "credentials/verify/schema_formats.hpp"

#include <map>
#include <mutex>
#include <regex>

namespace mc::credentials::schema {
namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

} // namespace

bool is_rfc3339_date(std::string_view s) {
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return false;
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

bool is_rfc3339_date_time(std::string_view s) {
    if (s.size() < 20 || !is_rfc3339_date(s.substr(0, 10))) return false;
    if (s[10] != 'T' && s[10] != 't') return false;
    int hh, mm, ss;
    if (!digits(s, 11, 2, hh) || s[13] != ':' || !digits(s, 14, 2, mm) || s[16] != ':' || !digits(s, 17, 2, ss))
        return false;
    if (hh > 23 || mm > 59 || ss > 60) return false;
    std::size_t i = 19;
    if (i < s.size() && s[i] == '.') {
        std::size_t start = ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == start) return false;
    }
    if (i == s.size()) return false;
    if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return true;
    int oh, om;
    return (s[i] == '+' || s[i] == '-') && i + 6 == s.size() && digits(s, i + 1, 2, oh) && s[i + 3] == ':' &&
           digits(s, i + 4, 2, om) && oh <= 23 && om <= 59;
}

bool matches_pattern(const std::string& pattern, const std::string& value) {
    if (value.size() > kMaxPatternInput) return false;
    static std::mutex mutex;
    static std::map<std::string, std::regex> compiled;
    const std::regex* re;
    {
        std::lock_guard lock(mutex);
        auto it = compiled.find(pattern);
        if (it == compiled.end()) it = compiled.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
        re = &it->second; // map nodes are stable; entries are never removed
    }
    return std::regex_search(value, *re);
}

} // namespace mc::credentials::schema
