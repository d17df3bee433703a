#include "credentials/model/recipient_csv.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "credentials/keys/issuer_key.hpp"
#include "platform/text/csv_reader.hpp"

namespace mc::credentials {

namespace {

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return std::string(s.substr(a, b - a));
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// One record per CSV row; an unclosed quote is reported on the line it opened.
std::vector<CsvRecord> split_records(std::string_view text, std::vector<RowError>& errors) {
    auto read = read_csv_records(text);
    if (read.unclosed_quote_line) {
        errors.push_back({read.unclosed_quote_line, "unclosed_quote", ""});
        return {};
    }
    if (read.bad_text_line) {
        errors.push_back({read.bad_text_line, "bad_text", ""});
        return {};
    }
    for (auto& rec : read.records)
        if (rec.fields.size() == 1 && trim(rec.fields[0]).empty()) rec.fields.clear();
    std::erase_if(read.records, [](const CsvRecord& r) { return r.fields.empty(); });
    return std::move(read.records);
}

std::optional<std::chrono::sys_seconds> parse_valid_from(const std::string& text) {
    // A date alone means midnight UTC of that day.
    if (text.size() == 10) {
        auto t = parse_utc(text + "T00:00:00Z");
        if (t) return *t;
        return std::nullopt;
    }
    auto t = parse_utc(text);
    if (t) return *t;
    return std::nullopt;
}

} // namespace

bool plausible_email(std::string_view email) {
    if (email.empty() || email.size() > 254) return false;
    auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
    auto domain = email.substr(at + 1);
    auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
    return std::none_of(email.begin(), email.end(),
                        [](unsigned char c) { return c <= 0x20 || c == 0x7f || c == ',' || c == '"' || c == '<' || c == '>'; });
}

RecipientList read_recipient_csv(std::string_view text) {
    RecipientList out;
    auto records = split_records(text, out.errors);
    if (!out.errors.empty()) return out;
    if (records.empty()) {
        out.errors.push_back({0, "empty_file", ""});
        return out;
    }
    // Columns by header name, case- and space-insensitive.
    std::unordered_map<std::string, std::size_t> column;
    for (std::size_t c = 0; c < records[0].fields.size(); ++c) {
        auto name = lower(trim(records[0].fields[c]));
        if (name == "valid_from" || name == "validfrom") name = "validfrom";
        if (column.contains(name)) {
            out.errors.push_back({records[0].line, "duplicate_column", name});
            continue;
        }
        column[name] = c;
    }
    for (const char* required : {"name", "email"})
        if (!column.contains(required)) out.errors.push_back({records[0].line, "missing_column", required});
    if (!out.errors.empty()) return out;
    if (records.size() - 1 > kMaxRecipientRows) {
        out.errors.push_back({0, "too_many_rows", std::to_string(kMaxRecipientRows)});
        return out;
    }

    auto field = [&](const CsvRecord& r, const char* name) -> std::string {
        auto it = column.find(name);
        if (it == column.end() || it->second >= r.fields.size()) return {};
        return trim(r.fields[it->second]);
    };
    std::unordered_map<std::string, std::size_t> seen_email; // email -> first line
    for (std::size_t k = 1; k < records.size(); ++k) {
        const auto& r = records[k];
        std::size_t before = out.errors.size();
        if (r.fields.size() > records[0].fields.size())
            out.errors.push_back({r.line, "too_many_fields", std::to_string(r.fields.size())});
        Recipient rec;
        rec.line = r.line;
        rec.name = field(r, "name");
        rec.email = lower(field(r, "email"));
        rec.identifier = field(r, "identifier");
        auto valid_from = field(r, "validfrom");
        for (const auto& f : r.fields)
            if (f.size() > kMaxCsvField) out.errors.push_back({r.line, "field_too_long", f.substr(0, 40)});
        if (rec.name.empty()) out.errors.push_back({r.line, "missing_name", ""});
        if (rec.email.empty()) out.errors.push_back({r.line, "missing_email", ""});
        else if (!plausible_email(rec.email)) out.errors.push_back({r.line, "bad_email", rec.email});
        if (!valid_from.empty()) {
            rec.valid_from = parse_valid_from(valid_from);
            if (!rec.valid_from) out.errors.push_back({r.line, "bad_valid_from", valid_from});
        }
        if (!rec.email.empty()) {
            auto [it, inserted] = seen_email.emplace(rec.email, r.line);
            if (!inserted) out.errors.push_back({r.line, "duplicate_email", std::to_string(it->second)});
        }
        if (out.errors.size() == before) out.rows.push_back(std::move(rec));
    }
    if (out.rows.empty() && out.errors.empty()) out.errors.push_back({0, "no_rows", ""});
    return out;
}

} // namespace mc::credentials
