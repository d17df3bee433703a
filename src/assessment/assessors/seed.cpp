// Demo standing for the assessor lifecycle: the demo assessors applied, were approved, trained
// and certified (so the demo queue assigns as before), one educator's application waits for
// screening and one assessor is paused, so /admin/assessors shows each state. Idempotent.
#include "assessment/assessors/seed.hpp"

#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/assessors/store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::assessment::assessors {

namespace {

constexpr const char* kPausedEmail = "paused.assessor@demo.microcred.test";
constexpr const char* kApplicantEmail = "applicant@demo.microcred.test";

void application_row(soci::session& sql, const std::string& user, const std::string& status, long long at) {
    std::string id = crypto::new_id();
    soci::indicator decided = status == "pending" ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO assessor_applications (id, user_id, qualifications, years_experience, languages, settings, "
           "relationships, status, decided_at, created_at) VALUES (:i, :u, 'CDA; B.A. Early Childhood Education', 8, "
           "'en,es', 'center,family_child_care', '', :s, :d, :c)",
        soci::use(id), soci::use(user), soci::use(status), soci::use(at, decided), soci::use(at);
}

// Approved, trained and certified for a year, the way a real assessor gets there.
void ready(soci::session& sql, const std::string& user, long long now) {
    application_row(sql, user, "approved", now - 90 * 86400);
    save_profile(sql, user, {"en", "es"}, {"center", "family_child_care", "head_start"}, "");
    for (const auto& m : training_modules()) (void)attest_training(sql, user, std::string(m.id));
    std::string round = crypto::new_id(), cert = crypto::new_id();
    long long started = now - 60 * 86400, expires = started + 365 * 86400;
    sql << "INSERT INTO calibration_rounds (id, assessor_id, started_at, finished_at, ratings, kappa, passed) "
           "VALUES (:i, :a, :s, :f, 0, 0.9, 1)",
        soci::use(round), soci::use(user), soci::use(started), soci::use(started);
    sql << "INSERT INTO assessor_certifications (id, assessor_id, round_id, kappa, certified_at, expires_at) "
           "VALUES (:i, :a, :r, 0.9, :c, :e)",
        soci::use(cert), soci::use(user), soci::use(round), soci::use(started), soci::use(expires);
}

} // namespace

Result<void> seed_lifecycle(soci::session& sql, const std::vector<std::string>& assessors, const std::string& hash) {
    long long now = now_seconds();
    for (const auto& a : assessors)
        if (!latest_application(sql, a)) ready(sql, a, now);
    if (!accounts::find_user_by_email(sql, kPausedEmail)) {
        auto paused = TRY(accounts::create_user(sql, kPausedEmail, hash, "Paula Reyes", "es", accounts::assessor));
        ready(sql, paused, now);
        TRY(pause(sql, paused, now + 30 * 86400, "On leave this month", ""));
    }
    if (!accounts::find_user_by_email(sql, kApplicantEmail)) {
        auto applicant = TRY(accounts::create_user(sql, kApplicantEmail, hash, "Rosa Díaz", "es", accounts::educator));
        application_row(sql, applicant, "pending", now - 2 * 86400);
    }
    return {};
}

} // namespace mc::assessment::assessors
