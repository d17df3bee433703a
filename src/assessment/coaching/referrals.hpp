// Coach referrals: after the program's number of "Not yet" decisions on one enrollment the
// educator is referred to a coach (never at the educator's employer, fewest open referrals).
// Coaches read the attempts' per-criterion feedback (never the evidence: children appear in it),
// log sessions, and close the referral. Writes run in the caller's db::WriteTx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/app.hpp"
#include "assessment/rules.hpp"

namespace mc::assessment::coaching {

struct Referral {
    std::string id, enrollment_id, educator_id, coach_id;
    std::string status = "open"; // open | closed
    int not_yet_count = 0;
    long long created_at = 0, closed_at = 0;
};

Result<Referral> load_referral(soci::session& sql, const std::string& referral_id);
std::optional<Referral> referral_of_enrollment(soci::session& sql, const std::string& enrollment_id);
// coach_id empty: every referral (admins). Open ones first, newest first.
std::vector<Referral> list_referrals(soci::session& sql, const std::string& coach_id);

// Called after a "Not yet" decision is recorded (same transaction): refers the educator when this
// enrollment's count of "Not yet" decisions has just reached the setting, and notifies both.
Result<void> refer_if_due(app::App& app, soci::session& sql, const std::string& enrollment_id);
std::optional<std::string> choose_coach_for(soci::session& sql, const std::string& educator_id);
// Background: gives referrals waiting for a coach one. Returns how many.
int assign_waiting_referrals(app::App& app);

struct SessionInput {
    std::string held_on, minutes, mode, notes;
    std::vector<std::string> focus; // criterion ids
};
struct SessionRecord {
    std::string id, held_on, mode, notes;
    int minutes = 0;
    std::vector<std::string> focus;
};
// Only the referral's coach, only while open. Errc::not_found for anyone else.
Result<std::string> log_session(soci::session& sql, const std::string& referral_id, const std::string& coach_id,
                                const SessionInput& in, const std::vector<std::string>& criterion_ids,
                                std::vector<FieldError>& field_errors);
std::vector<SessionRecord> sessions_of(soci::session& sql, const std::string& referral_id);
// The coach or an admin (the caller checks who); conflict when already closed.
// Tells listeners "coaching_closed" (a satisfaction survey may follow) in the same transaction.
Result<void> close_referral(app::App& app, soci::session& sql, const std::string& referral_id, const std::string& by);

} // namespace mc::assessment::coaching
