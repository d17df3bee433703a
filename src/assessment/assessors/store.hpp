// SQL of the assessor lifecycle: applications, screening, profiles (languages, settings,
// pause/retire), training attestations, declared relationships, program settings and honoraria.
// Writes expect the caller's db::WriteTx so a step and its notice commit together.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/app.hpp"
#include "assessment/assessors/lifecycle.hpp"
#include "assessment/rules.hpp"

namespace mc::assessment::assessors {

struct Related {
    std::string id, email, name;
};

struct ApplicationRecord {
    std::string id, user_id, name, email, employer;
    std::string qualifications;
    int years_experience = 0;
    std::vector<std::string> languages, settings;
    std::string relationships;
    std::vector<Related> related;
    std::string status; // pending | approved | rejected
    std::string reason;
    long long created_at = 0, decided_at = 0;
    std::string standing; // status, or the profile's paused / retired once approved
};

// Errc::conflict "assessors.errors.already_applied" while one is pending or the user is an
// approved assessor; bad_input with field errors (related_emails: unknown address) otherwise.
Result<std::string> submit_application(soci::session& sql, const std::string& user_id, const Application& a,
                                       std::vector<FieldError>& errors);
std::optional<ApplicationRecord> latest_application(soci::session& sql, const std::string& user_id);
std::optional<ApplicationRecord> load_application(soci::session& sql, const std::string& id);

// Demo seed rows (seed.cpp): an application as a demo assessor's would be (decided_at only when
// not pending), and a passed calibration round with its certification.
void seed_application_row(soci::session& sql, const std::string& user, const std::string& status, long long at);
void seed_certified_round(soci::session& sql, const std::string& user, long long started, long long expires);
// Newest first; filter is one of kFilters or empty for all.
std::vector<ApplicationRecord> list_applications(soci::session& sql, const std::string& filter);

// People given the assessor role on /admin/users who were never screened (no assessor profile):
// the assigner passes them over, so the screening page names them.
struct Unscreened {
    std::string id, name, email;
};
std::vector<Unscreened> unscreened_assessors(soci::session& sql);

// Approve: the assessor role, a profile (active, languages, settings) and the declared
// relationships; the applicant is notified. Reject needs a reason. Errc::conflict unless pending.
Result<void> approve(app::App& app, soci::session& sql, const std::string& application_id, const std::string& by);
Result<void> reject(app::App& app, soci::session& sql, const std::string& application_id, const std::string& reason,
                    const std::string& by);

struct Profile {
    std::string user_id;
    std::string status = "active";
    long long paused_until = 0;
    std::string reason;
    std::vector<std::string> languages, settings;
};
std::optional<Profile> load_profile(soci::session& sql, const std::string& user_id);
// Writes languages and settings, keeping lead and standing (creates the profile when missing).
void save_profile(soci::session& sql, const std::string& user_id, const std::vector<std::string>& languages,
                  const std::vector<std::string>& settings, const std::string& by);

// until: 0 for "until resumed". Errc::not_found when the user has no profile; retire releases
// every open scoring and adjudication so they go back to the queue.
Result<void> pause(soci::session& sql, const std::string& user_id, long long until, const std::string& reason,
                   const std::string& by);
Result<void> resume(soci::session& sql, const std::string& user_id, const std::string& by);
Result<int> retire(app::App& app, soci::session& sql, const std::string& user_id, const std::string& reason,
                   const std::string& by);

std::vector<std::string> completed_training(soci::session& sql, const std::string& user_id);
std::vector<std::pair<std::string, long long>> training_log(soci::session& sql, const std::string& user_id);
// Errc::not_found for an unknown module; attesting twice keeps the first time.
Result<void> attest_training(soci::session& sql, const std::string& user_id, const std::string& module_id);
bool is_trained(soci::session& sql, const std::string& user_id);

// Fills the lifecycle fields of candidates (standing, training, certification, languages,
// settings, declared relationships) in a few queries.
void fill_standing(soci::session& sql, std::vector<Candidate>& candidates);
Candidate candidate_of(soci::session& sql, const std::string& user_id, const std::string& employer);
std::string work_setting_of(soci::session& sql, const std::string& educator_id);

struct LifecycleSettings {
    bool require_certification = true;
    long long scoring_cents = 2500;      // honorarium per completed scoring (USD cents)
    long long adjudication_cents = 3500; // per completed adjudication
};
LifecycleSettings load_lifecycle_settings(soci::session& sql);
// Amounts 0..1,000,000 cents; returns false (nothing saved) otherwise.
bool save_lifecycle_settings(soci::session& sql, const LifecycleSettings& s, const std::string& by);

// Called when a scoring or adjudication is completed: one line at the program's current rate.
void record_honorarium(soci::session& sql, const std::string& assignment_id, const std::string& assessor_id,
                       const std::string& kind, long long when);
struct HonorariumRow {
    std::string assessor_id, name, email, month;
    int scorings = 0, adjudications = 0;
    long long amount_cents = 0;
    bool paid = false; // every line of the month paid
};
// Per assessor for a month (admins), or per month for one assessor (their own page).
std::vector<HonorariumRow> honoraria_for_month(soci::session& sql, const std::string& month);
std::vector<HonorariumRow> earnings_of(soci::session& sql, const std::string& assessor_id);
// Marks the month's unpaid lines paid; returns how many lines changed.
int mark_month_paid(soci::session& sql, const std::string& month, const std::string& by);

} // namespace mc::assessment::assessors
