// Demo organizations and one account per role (password "microcred-demo"), for ./run and
// the browser tests. Idempotent: existing rows are found by name or email and kept.
#include "accounts/employment_store.hpp"
#include "accounts/module.hpp"
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::accounts {

namespace {
struct DemoUser {
    const char* email;
    const char* name;
    std::uint32_t roles;
    const char* locale;
    const char* employer; // organization name or ""
    Profile profile;      // work setting etc. for educators
};
} // namespace

Result<void> seed_demo(app::App& app) {
    auto sql = app.db->lease();
    db::WriteTx tx(*sql);
    ensure_organization(*sql, "Commonwealth Early Learning Office", "agency");
    std::map<std::string, std::string> employer_ids;
    // Programs with their setting and county (rural and urban ones, for the agency's reports).
    const std::pair<const char*, ProgramFacts> programs[] = {
        {"Sunrise Family Child Care", {"family_child_care", "Potter", "FCC-118204"}},
        {"Little Oaks Learning Center", {"center", "Philadelphia", "CC-402117"}},
        {"Riverside Head Start", {"head_start", "Lancaster", "HS-230981"}},
    };
    for (const auto& [name, facts] : programs) {
        employer_ids[name] = ensure_organization(*sql, name, "employer");
        set_program_facts(*sql, employer_ids[name], facts);
    }
    employer_ids["Commonwealth Community College"] = ensure_organization(*sql, "Commonwealth Community College", "college");

    const DemoUser people[] = {
        {"educator@demo.microcred.test", "Maria Lopez", educator, "en", "Sunrise Family Child Care",
         {.display_name = {}, .locale = {}, .work_setting = "family_child_care", .employer_org_id = {},
          .employer_program = "Sunrise Family Child Care",
          .registry_id = "PA-204881", .highest_degree = "cda", .degree_field = "Early Childhood Education"}},
        {"educadora@demo.microcred.test", "Lucía Hernández", educator, "es", "Little Oaks Learning Center",
         {.display_name = {}, .locale = {}, .work_setting = "center", .employer_org_id = {},
          .employer_program = "Salón de preescolar",
          .registry_id = "PA-317202", .highest_degree = "associate", .degree_field = "Desarrollo infantil"}},
        {"coach@demo.microcred.test", "Denise Carter", coach, "en", "", {}},
        {"assessor@demo.microcred.test", "James Whitfield", assessor, "en", "Riverside Head Start", {}},
        {"assessor2@demo.microcred.test", "Ana Morales", assessor, "es", "Little Oaks Learning Center", {}},
        {"program.admin@demo.microcred.test", "Priya Natarajan", program_admin, "en", "", {}},
        {"agency.admin@demo.microcred.test", "Robert Kim", agency_admin, "en", "", {}},
        {"auditor@demo.microcred.test", "Samuel Osei", auditor, "en", "", {}},
        {"director@demo.microcred.test", "Gloria Washington", director, "en", "Little Oaks Learning Center", {}},
        {"college@demo.microcred.test", "Helen Park", college_partner, "en", "Commonwealth Community College", {}},
    };
    std::string hash; // one Argon2id run for all demo accounts: they share the demo password
    for (const auto& d : people) {
        if (find_user_by_email(*sql, d.email)) continue;
        if (hash.empty()) hash = TRY(crypto::password_hash("microcred-demo"));
        std::string employer = *d.employer ? employer_ids[d.employer] : "";
        auto id = TRY(create_user(*sql, d.email, hash, d.name, d.locale, d.roles, employer));
        if (d.roles & educator) {
            Profile p = d.profile;
            p.display_name = d.name;
            p.locale = d.locale;
            save_profile(*sql, id, p, false);
        }
    }
    // Jobs: the family child care provider runs her own home (her record comes from the
    // registry); the center's lead teacher was confirmed by her director.
    struct DemoJob {
        const char* email;
        const char* program;
        const char* job_role;
        const char* started_on;
        int hours;
        long long wage_cents;
        const char* confirmed_by; // email, or "" for a registry record
    };
    const DemoJob jobs[] = {
        {"educator@demo.microcred.test", "Sunrise Family Child Care", "family_child_care_provider", "2019-08-01", 45,
         1650, ""},
        {"educadora@demo.microcred.test", "Little Oaks Learning Center", "lead_teacher", "2023-09-05", 40, 1725,
         "director@demo.microcred.test"},
    };
    for (const auto& j : jobs) {
        auto person = find_user_by_email(*sql, j.email);
        if (!person || !employments_of(*sql, person->id).empty()) continue;
        Employment e{.id = {}, .educator_id = person->id, .org_id = employer_ids[j.program], .job_role = j.job_role,
                     .started_on = j.started_on, .ended_on = {}, .hours_per_week = j.hours, .hourly_wage_cents = j.wage_cents,
                     .source = *j.confirmed_by ? "director" : "registry", .confirmed_by = {}};
        if (*j.confirmed_by)
            if (auto director_user = find_user_by_email(*sql, j.confirmed_by)) e.confirmed_by = director_user->id;
        TRY(add_employment(*sql, e));
    }
    tx.commit();
    return {};
}

} // namespace mc::accounts
