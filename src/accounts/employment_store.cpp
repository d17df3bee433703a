#include "accounts/employment_store.hpp"

#include <algorithm>

#include "accounts/user_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/dates.hpp"

namespace mc::accounts {

bool is_job_role(std::string_view role) { return std::ranges::find(job_roles, role) != std::end(job_roles); }

void set_program_facts(soci::session& sql, const std::string& org_id, const ProgramFacts& facts) {
    sql << "UPDATE organizations SET setting_type = :setting, county = :county, license_number = :license "
           "WHERE id = :id",
        soci::use(facts.setting_type, "setting"), soci::use(facts.county, "county"),
        soci::use(facts.license_number, "license"), soci::use(org_id, "id");
}

ProgramFacts program_facts(soci::session& sql, const std::string& org_id) {
    ProgramFacts f;
    sql << "SELECT setting_type, county, license_number FROM organizations WHERE id = :id", soci::use(org_id, "id"),
        soci::into(f.setting_type), soci::into(f.county), soci::into(f.license_number);
    return f;
}

namespace {

constexpr const char* employment_columns =
    "SELECT id, educator_id, org_id, job_role, started_on, ended_on, hours_per_week, hourly_wage_cents, source, "
    "confirmed_by, confirmed_at FROM employments ";

// Reads every row of a prepared SELECT of employment_columns bound to `e` and its indicators.
struct Row {
    Employment e;
    int hours = 0;
    long long wage = 0, confirmed_at = 0;
    soci::indicator by_ind = soci::i_null, at_ind = soci::i_null;
    void into(soci::statement& st) {
        st.exchange(soci::into(e.id));
        st.exchange(soci::into(e.educator_id));
        st.exchange(soci::into(e.org_id));
        st.exchange(soci::into(e.job_role));
        st.exchange(soci::into(e.started_on));
        st.exchange(soci::into(e.ended_on));
        st.exchange(soci::into(hours));
        st.exchange(soci::into(wage));
        st.exchange(soci::into(e.source));
        st.exchange(soci::into(e.confirmed_by, by_ind));
        st.exchange(soci::into(confirmed_at, at_ind));
    }
    Employment take() const {
        Employment out = e;
        out.hours_per_week = hours;
        out.hourly_wage_cents = wage;
        if (by_ind != soci::i_ok) out.confirmed_by.clear();
        out.confirmed_at = at_ind == soci::i_ok ? confirmed_at : 0;
        return out;
    }
};

template <class Bind>
std::vector<Employment> query(soci::session& sql, const std::string& tail, Bind&& bind) {
    Row row;
    soci::statement st(sql);
    row.into(st);
    bind(st);
    st.alloc();
    st.prepare(std::string(employment_columns) + tail);
    st.define_and_bind();
    st.execute();
    std::vector<Employment> out;
    while (st.fetch()) out.push_back(row.take());
    return out;
}

Result<void> check_dates(const std::string& started_on, const std::string& ended_on) {
    if (!parse_day(started_on)) return fail(Errc::bad_input, "accounts.employment.errors.started_on", "started_on");
    if (!ended_on.empty() && (!parse_day(ended_on) || ended_on < started_on))
        return fail(Errc::bad_input, "accounts.employment.errors.ended_on", "ended_on");
    return {};
}

} // namespace

Result<std::string> add_employment(soci::session& sql, const Employment& e) {
    if (!is_job_role(e.job_role)) return fail(Errc::bad_input, "accounts.employment.errors.job_role", "job_role");
    TRY(check_dates(e.started_on, e.ended_on));
    if (e.hours_per_week < 0 || e.hours_per_week > 100)
        return fail(Errc::bad_input, "accounts.employment.errors.hours_per_week", "hours_per_week");
    if (e.hourly_wage_cents < 0 || e.hourly_wage_cents > 100000)
        return fail(Errc::bad_input, "accounts.employment.errors.hourly_wage", "hourly_wage_cents");
    if (e.source != "self" && e.source != "director" && e.source != "registry")
        return fail(Errc::internal, "errors.internal", "employment source " + e.source);
    std::string id = crypto::new_id();
    long long now = now_seconds();
    int hours = e.hours_per_week;
    long long wage = e.hourly_wage_cents;
    soci::indicator by_ind = e.confirmed_by.empty() ? soci::i_null : soci::i_ok;
    long long at = e.confirmed_by.empty() ? 0 : now;
    soci::indicator at_ind = by_ind;
    sql << "INSERT INTO employments (id, educator_id, org_id, job_role, started_on, ended_on, hours_per_week, "
           "hourly_wage_cents, source, confirmed_by, confirmed_at, created_at, updated_at) VALUES (:id, :educator, "
           ":org, :role, :started, :ended, :hours, :wage, :source, :by, :at, :created, :updated)",
        soci::use(id, "id"), soci::use(e.educator_id, "educator"), soci::use(e.org_id, "org"),
        soci::use(e.job_role, "role"), soci::use(e.started_on, "started"), soci::use(e.ended_on, "ended"),
        soci::use(hours, "hours"), soci::use(wage, "wage"), soci::use(e.source, "source"),
        soci::use(e.confirmed_by, by_ind, "by"), soci::use(at, at_ind, "at"), soci::use(now, "created"),
        soci::use(now, "updated");
    return id;
}

Result<void> end_employment(soci::session& sql, const std::string& id, const std::string& ended_on) {
    auto e = find_employment(sql, id);
    if (!e) return fail(Errc::not_found, "errors.not_found", "employment " + id);
    TRY(check_dates(e->started_on, ended_on));
    long long now = now_seconds();
    sql << "UPDATE employments SET ended_on = :ended, updated_at = :now WHERE id = :id", soci::use(ended_on, "ended"),
        soci::use(now, "now"), soci::use(id, "id");
    return {};
}

Result<void> confirm_employment(soci::session& sql, const std::string& id, const std::string& director_id,
                                int hours_per_week, long long hourly_wage_cents) {
    if (hours_per_week < 0 || hours_per_week > 100)
        return fail(Errc::bad_input, "accounts.employment.errors.hours_per_week", "hours_per_week");
    if (hourly_wage_cents < 0 || hourly_wage_cents > 100000)
        return fail(Errc::bad_input, "accounts.employment.errors.hourly_wage", "hourly_wage_cents");
    if (!find_employment(sql, id)) return fail(Errc::not_found, "errors.not_found", "employment " + id);
    long long now = now_seconds();
    sql << "UPDATE employments SET hours_per_week = :hours, hourly_wage_cents = :wage, confirmed_by = :by, "
           "confirmed_at = :at, updated_at = :updated WHERE id = :id",
        soci::use(hours_per_week, "hours"), soci::use(hourly_wage_cents, "wage"), soci::use(director_id, "by"),
        soci::use(now, "at"), soci::use(now, "updated"), soci::use(id, "id");
    return {};
}

std::optional<Employment> find_employment(soci::session& sql, const std::string& id) {
    auto rows = query(sql, "WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(id, "id")); });
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<Employment> employments_of(soci::session& sql, const std::string& educator_id) {
    return query(sql, "WHERE educator_id = :educator ORDER BY started_on DESC, created_at DESC",
                 [&](soci::statement& st) { st.exchange(soci::use(educator_id, "educator")); });
}

std::optional<Employment> current_employment(soci::session& sql, const std::string& educator_id) {
    for (auto& e : employments_of(sql, educator_id))
        if (e.current()) return e;
    return std::nullopt;
}

std::vector<Employment> staff_of(soci::session& sql, const std::string& org_id) {
    return query(sql, "WHERE org_id = :org AND ended_on = '' ORDER BY started_on",
                 [&](soci::statement& st) { st.exchange(soci::use(org_id, "org")); });
}

std::vector<Employment> employments_changed_since(soci::session& sql, long long since, int limit) {
    return query(sql, "WHERE updated_at >= :since ORDER BY updated_at, id LIMIT :lim", [&](soci::statement& st) {
        st.exchange(soci::use(since, "since"));
        st.exchange(soci::use(limit, "lim"));
    });
}

} // namespace mc::accounts
