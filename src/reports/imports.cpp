#include "reports/imports.hpp"

#include <unordered_map>

#include "platform/dates.hpp"
#include "platform/text/csv_reader.hpp"
#include "platform/text/utf8.hpp"

namespace mc::reports {

namespace {

std::string trimmed(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
    return std::string(s.substr(a, b - a));
}

// The records, the columns by header name, and the file-level errors (shared by both files).
struct Parsed {
    std::vector<CsvRecord> records;
    std::map<std::string, std::size_t> column;
};

Parsed parse(std::string_view text, const std::vector<std::string>& required, std::vector<ImportError>& errors) {
    Parsed p;
    if (!text::valid_utf8(text)) {
        errors.push_back({0, "not_utf8", ""});
        return p;
    }
    auto read = read_csv_records(text);
    if (read.unclosed_quote_line) {
        errors.push_back({read.unclosed_quote_line, "unclosed_quote", ""});
        return p;
    }
    if (read.bad_text_line) {
        errors.push_back({read.bad_text_line, "bad_field", ""});
        return p;
    }
    if (read.records.empty()) {
        errors.push_back({0, "empty_file", ""});
        return p;
    }
    if (read.records.size() - 1 > kMaxImportRows) {
        errors.push_back({0, "too_many_rows", std::to_string(kMaxImportRows)});
        return p;
    }
    for (std::size_t c = 0; c < read.records[0].fields.size(); ++c) p.column[csv_header_name(read.records[0].fields[c])] = c;
    for (const auto& r : required)
        if (!p.column.contains(r)) errors.push_back({read.records[0].line, "missing_column", r});
    p.records = std::move(read.records);
    return p;
}

std::string field(const Parsed& p, const CsvRecord& r, const std::string& name) {
    auto it = p.column.find(name);
    if (it == p.column.end() || it->second >= r.fields.size()) return {};
    return trimmed(r.fields[it->second]);
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

RatingsFile read_ratings_csv(std::string_view text, const std::vector<ProgramRef>& programs) {
    RatingsFile out;
    auto p = parse(text, {"program", "rated_on", "stars"}, out.errors);
    if (!out.errors.empty()) return out;
    std::unordered_map<std::string, std::string> by_ref;
    for (const auto& prog : programs) {
        by_ref[prog.id] = prog.id;
        if (!prog.license_number.empty()) by_ref[lower(prog.license_number)] = prog.id;
    }
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    for (std::size_t i = 1; i < p.records.size(); ++i) {
        const auto& r = p.records[i];
        std::size_t before = out.errors.size();
        for (const auto& f : r.fields)
            if (f.size() > kMaxImportField || text::has_control_chars(f)) out.errors.push_back({r.line, "bad_field", f.substr(0, 40)});
        auto ref = field(p, r, "program"), day = field(p, r, "rated_on"), stars_text = field(p, r, "stars");
        std::string program;
        if (auto it = by_ref.find(ref); it != by_ref.end()) program = it->second;
        else if (auto it2 = by_ref.find(lower(ref)); it2 != by_ref.end()) program = it2->second;
        else out.errors.push_back({r.line, "unknown_program", ref});
        if (!parse_day(day)) out.errors.push_back({r.line, "bad_date", day});
        int stars = 0;
        if (stars_text.size() == 1 && stars_text[0] >= '1' && stars_text[0] <= '5') stars = stars_text[0] - '0';
        else out.errors.push_back({r.line, "bad_stars", stars_text});
        if (!program.empty() && parse_day(day)) {
            auto [it, fresh] = seen.emplace(std::pair{program, day}, r.line);
            if (!fresh) out.errors.push_back({r.line, "duplicate_row", std::to_string(it->second)});
        }
        if (out.errors.size() == before) out.rows.push_back({program, day, stars});
    }
    if (out.rows.empty() && out.errors.empty()) out.errors.push_back({0, "no_rows", ""});
    return out;
}

CountyClassFile read_county_classes_csv(std::string_view text) {
    CountyClassFile out;
    auto p = parse(text, {"county", "class"}, out.errors);
    if (!out.errors.empty()) return out;
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 1; i < p.records.size(); ++i) {
        const auto& r = p.records[i];
        std::size_t before = out.errors.size();
        auto county = lower(field(p, r, "county")), cls = lower(field(p, r, "class"));
        if (county.empty() || county.size() > 100 || text::has_control_chars(county))
            out.errors.push_back({r.line, "bad_county", county.substr(0, 40)});
        bool word = !cls.empty() && cls.size() <= 40 && cls.find_first_not_of("abcdefghijklmnopqrstuvwxyz_- ") == std::string::npos;
        if (!word) out.errors.push_back({r.line, "bad_class", cls.substr(0, 40)});
        if (!county.empty()) {
            auto [it, fresh] = seen.emplace(county, r.line);
            if (!fresh) out.errors.push_back({r.line, "duplicate_row", std::to_string(it->second)});
        }
        if (out.errors.size() == before) out.classes[county] = cls;
    }
    if (out.classes.empty() && out.errors.empty()) out.errors.push_back({0, "no_rows", ""});
    return out;
}

} // namespace mc::reports
