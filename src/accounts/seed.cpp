// Demo organizations and one account per role (password "microcred-demo"), for ./run and
// the browser tests. Idempotent: existing rows are found by name or email and kept.
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
    for (const char* name : {"Sunrise Family Child Care", "Little Oaks Learning Center", "Riverside Head Start"})
        employer_ids[name] = ensure_organization(*sql, name, "employer");

    const DemoUser people[] = {
        {"educator@demo.microcred.test", "Maria Lopez", educator, "en", "Sunrise Family Child Care",
         {.work_setting = "family_child_care", .employer_program = "Sunrise Family Child Care",
          .registry_id = "PA-204881", .highest_degree = "cda", .degree_field = "Early Childhood Education"}},
        {"educadora@demo.microcred.test", "Lucía Hernández", educator, "es", "Little Oaks Learning Center",
         {.work_setting = "center", .employer_program = "Salón de preescolar",
          .registry_id = "PA-317202", .highest_degree = "associate", .degree_field = "Desarrollo infantil"}},
        {"coach@demo.microcred.test", "Denise Carter", coach, "en", "", {}},
        {"assessor@demo.microcred.test", "James Whitfield", assessor, "en", "Riverside Head Start", {}},
        {"assessor2@demo.microcred.test", "Ana Morales", assessor, "es", "Little Oaks Learning Center", {}},
        {"program.admin@demo.microcred.test", "Priya Natarajan", program_admin, "en", "", {}},
        {"agency.admin@demo.microcred.test", "Robert Kim", agency_admin, "en", "", {}},
        {"auditor@demo.microcred.test", "Samuel Osei", auditor, "en", "", {}},
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
    tx.commit();
    return {};
}

} // namespace mc::accounts
