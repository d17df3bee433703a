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

// Approved, trained and certified for a year, the way a real assessor gets there.
void ready(soci::session& sql, const std::string& user, long long now) {
    seed_application_row(sql, user, "approved", now - 90 * 86400);
    save_profile(sql, user, {"en", "es"}, {"center", "family_child_care", "head_start"}, "");
    for (const auto& m : training_modules()) (void)attest_training(sql, user, std::string(m.id));
    long long started = now - 60 * 86400;
    seed_certified_round(sql, user, started, started + 365 * 86400);
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
        seed_application_row(sql, applicant, "pending", now - 2 * 86400);
    }
    return {};
}

} // namespace mc::assessment::assessors
