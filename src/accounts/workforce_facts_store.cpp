#include "accounts/workforce_facts_store.hpp"

#include "accounts/user_store.hpp"

namespace mc::accounts {

namespace {

// One row per (person, current employment), newest employment first: the first row of each
// person is the one that counts.
void stream_people(soci::session& sql, const std::string& where, const std::string& value,
                   const std::function<void(const PersonFacts&)>& each) {
    PersonFacts f, prev;
    long long roles = 0;
    int disabled = 0;
    std::string employer, setting, org, job, age, gender, race, v1 = value, v2 = value;
    soci::indicator employer_ind, setting_ind, org_ind, job_ind, age_ind, gender_ind, race_ind;
    soci::statement st = (sql.prepare << "SELECT u.id, u.locale, u.roles, u.disabled, u.employer_org_id, p.work_setting, e.org_id, "
                                         "e.job_role, d.age_band, d.gender, d.race_ethnicity FROM users u "
                                         "LEFT JOIN educator_profiles p ON p.user_id = u.id "
                                         "LEFT JOIN employments e ON e.educator_id = u.id AND e.ended_on = '' "
                                         "LEFT JOIN educator_demographics d ON d.user_id = u.id "
                                         "WHERE 1 = 1 " + where + " ORDER BY u.id, e.started_on DESC, e.id",
                          soci::into(f.id), soci::into(f.locale), soci::into(roles), soci::into(disabled),
                          soci::into(employer, employer_ind),
                          soci::into(setting, setting_ind), soci::into(org, org_ind), soci::into(job, job_ind),
                          soci::into(age, age_ind), soci::into(gender, gender_ind), soci::into(race, race_ind),
                          soci::use(v1, "p"), soci::use(v2, "p2"));
    st.execute();
    bool have = false;
    auto text = [](const std::string& s, soci::indicator ind) { return ind == soci::i_ok ? s : std::string(); };
    while (st.fetch()) {
        if (have && prev.id == f.id) continue; // an older current employment of the same person
        if (have) each(prev);
        prev = PersonFacts{};
        prev.id = f.id;
        prev.locale = f.locale;
        prev.roles = static_cast<std::uint32_t>(roles);
        prev.disabled = disabled != 0;
        prev.work_setting = text(setting, setting_ind);
        prev.program_id = org_ind == soci::i_ok ? org : text(employer, employer_ind);
        prev.job_role = text(job, job_ind);
        prev.age_band = text(age, age_ind);
        prev.gender = text(gender, gender_ind);
        prev.race_ethnicity = text(race, race_ind);
        have = true;
    }
    if (have) each(prev);
}

} // namespace

void for_each_person(soci::session& sql, const std::function<void(const PersonFacts&)>& each,
                     const std::string& program_id) {
    // Everyone: the condition is always true, so the statement keeps the same two parameters.
    if (program_id.empty()) return stream_people(sql, "AND :p = :p2", "", each);
    // The filter narrows the people read; the first current employment still decides, so a
    // person whose newest job is elsewhere is left out below.
    stream_people(sql,
                  "AND (u.employer_org_id = :p OR u.id IN (SELECT educator_id FROM employments "
                  "WHERE org_id = :p2 AND ended_on = ''))",
                  program_id, [&](const PersonFacts& f) {
                      if (f.program_id == program_id) each(f);
                  });
}

std::optional<PersonFacts> person_facts(soci::session& sql, const std::string& user_id) {
    std::optional<PersonFacts> out;
    stream_people(sql, "AND u.id = :p AND u.id = :p2", user_id, [&](const PersonFacts& f) { out = f; });
    return out;
}

std::vector<ProgramRecord> programs(soci::session& sql) {
    std::vector<ProgramRecord> out;
    ProgramRecord p;
    soci::statement st = (sql.prepare << "SELECT id, name, setting_type, county, license_number FROM organizations "
                                         "WHERE kind = 'employer' ORDER BY name, id",
                          soci::into(p.id), soci::into(p.name), soci::into(p.setting_type), soci::into(p.county),
                          soci::into(p.license_number));
    st.execute();
    while (st.fetch()) out.push_back(p);
    return out;
}

void for_each_employment(soci::session& sql, const std::function<void(const Employment&)>& each) {
    Employment e;
    soci::statement st = (sql.prepare << "SELECT id, educator_id, org_id, job_role, started_on, ended_on, source "
                                         "FROM employments ORDER BY started_on, id",
                          soci::into(e.id), soci::into(e.educator_id), soci::into(e.org_id), soci::into(e.job_role),
                          soci::into(e.started_on), soci::into(e.ended_on), soci::into(e.source));
    st.execute();
    while (st.fetch()) each(e);
}

std::map<std::string, std::string> county_classes(soci::session& sql) {
    std::map<std::string, std::string> out;
    std::string county, cls;
    soci::statement st = (sql.prepare << "SELECT county, class FROM county_classes", soci::into(county), soci::into(cls));
    st.execute();
    while (st.fetch()) out[county] = cls;
    return out;
}

void replace_county_classes(soci::session& sql, const std::map<std::string, std::string>& classes,
                            const std::string& by) {
    sql << "DELETE FROM county_classes";
    long long now = now_seconds();
    for (const auto& [county, cls] : classes)
        sql << "INSERT INTO county_classes (county, class, updated_by, updated_at) VALUES (:c, :k, :b, :t)",
            soci::use(county, "c"), soci::use(cls, "k"), soci::use(by, "b"), soci::use(now, "t");
}

} // namespace mc::accounts
