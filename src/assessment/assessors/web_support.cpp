#include <cstdio>
#include <ctime>

#include "assessment/assessment_store.hpp"
#include "assessment/assessors/web.hpp"
#include "platform/dates.hpp"

namespace mc::assessment::assessors {

using nlohmann::json;

namespace {

int to_int(const std::string& s) {
    if (s.empty() || s.size() > 3 || s.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::stoi(s);
}

std::vector<std::string> strings(const json& v) {
    std::vector<std::string> out;
    if (!v.is_array()) return out;
    for (const auto& i : v)
        if (i.is_string()) out.push_back(i.get<std::string>());
    return out;
}

std::string csv_cell(const std::string& s) {
    std::string v = s;
    // A leading = + - @ would make a spreadsheet run the cell as a formula.
    if (!v.empty() && std::string("=+-@").find(v.front()) != std::string::npos) v = "'" + v;
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

} // namespace

Application application_from_form(const http::Request& req) {
    Application a;
    a.qualifications = req.form_value("qualifications");
    a.years_experience = to_int(req.form_value("years_experience"));
    a.languages = req.form_values("languages");
    a.settings = req.form_values("settings");
    a.relationships = req.form_value("relationships");
    // One address per line (or comma): people paste lists both ways.
    std::string emails = req.form_value("related_emails");
    for (auto& c : emails)
        if (c == '\n' || c == '\r' || c == ';') c = ',';
    a.related_emails = split_list(emails);
    return a;
}

Result<Application> application_from_json(const json& body) {
    Application a;
    if (body.contains("qualifications") && !body["qualifications"].is_string())
        return fail(Errc::bad_input, "errors.bad_input", "qualifications must be a string");
    a.qualifications = body.value("qualifications", "");
    if (body.contains("years_experience")) {
        if (!body["years_experience"].is_number_integer())
            return fail(Errc::bad_input, "errors.bad_input", "years_experience must be an integer");
        a.years_experience = body["years_experience"].get<int>();
    }
    a.languages = strings(body.value("languages", json::array()));
    a.settings = strings(body.value("settings", json::array()));
    if (body.contains("relationships") && !body["relationships"].is_string())
        return fail(Errc::bad_input, "errors.bad_input", "relationships must be a string");
    a.relationships = body.value("relationships", "");
    a.related_emails = strings(body.value("related_emails", json::array()));
    return a;
}

json application_json(const ApplicationRecord& a) {
    json related = json::array();
    for (const auto& r : a.related) related.push_back({{"id", r.id}, {"email", r.email}, {"name", r.name}});
    return {{"id", a.id},
            {"user_id", a.user_id},
            {"name", a.name},
            {"email", a.email},
            {"employer", a.employer},
            {"qualifications", a.qualifications},
            {"years_experience", a.years_experience},
            {"languages", a.languages},
            {"settings", a.settings},
            {"relationships", a.relationships},
            {"related", related},
            {"status", a.status},
            {"standing", a.standing},
            {"reason", a.reason},
            {"created_at", a.created_at},
            {"decided_at", a.decided_at ? json(a.decided_at) : json(nullptr)}};
}

json honorarium_json(const HonorariumRow& r) {
    return {{"assessor_id", r.assessor_id}, {"name", r.name},           {"email", r.email},
            {"month", r.month},             {"scorings", r.scorings},   {"adjudications", r.adjudications},
            {"amount_cents", r.amount_cents}, {"currency", "USD"},      {"paid", r.paid}};
}

std::string honoraria_csv(const std::vector<HonorariumRow>& rows) {
    std::string out = "assessor,email,month,scorings,adjudications,amount,paid\r\n";
    for (const auto& r : rows)
        out += csv_cell(r.name) + "," + csv_cell(r.email) + "," + r.month + "," + std::to_string(r.scorings) + "," +
               std::to_string(r.adjudications) + "," + dollars(r.amount_cents) + "," + (r.paid ? "yes" : "no") + "\r\n";
    return out;
}

std::string month_or_current(const std::string& m) { return is_month(m) ? m : month_of(now_seconds()); }

long long date_end(const std::string& ymd) {
    if (ymd.empty()) return 0;
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (ymd.size() != 10 || std::sscanf(ymd.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return -1;
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 2000 || y > 2200) return -1;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    return static_cast<long long>(timegm(&tm)) + 86399;
}

} // namespace mc::assessment::assessors
