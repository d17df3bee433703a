// The surveys domain's SQL: surveys and their items, audiences, invitations, responses and the
// result policy. Callers hold the transaction (db::WriteTx) when several writes belong together.
//
// Anonymity lives here: record_response marks the invitation answered and writes the response
// in one transaction, but nothing written ties the two: the response has no invitation id, no
// user id (unless the survey is identified), no time finer than the month, and a random id;
// the invitation has a flag and no time of answering. A second answer is refused by the flag.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "platform/error.hpp"
#include "surveys/model.hpp"
#include "surveys/results.hpp"

namespace mc::surveys {

long long now_seconds();

struct SurveySummary {
    std::string id, kind, milestone, status;
    Bilingual title;
    bool anonymous = true;
    long long created_at = 0, invited = 0, answered = 0;
};

Result<std::string> create_survey(soci::session& sql, const Survey& s, const std::string& created_by);
Result<Survey> load_survey(soci::session& sql, const std::string& id);
std::vector<SurveySummary> list_surveys(soci::session& sql);
// How many surveys exist (any status).
long long survey_count(soci::session& sql);
// Title, intro, anonymity: drafts only (conflict otherwise).
Result<void> update_survey(soci::session& sql, const std::string& id, const Survey& s);
Result<std::string> add_item(soci::session& sql, const std::string& survey_id, Item item);
Result<void> remove_item(soci::session& sql, const std::string& survey_id, const std::string& item_id);

Audience load_audience(soci::session& sql, const std::string& survey_id);
Result<void> save_audience(soci::session& sql, const std::string& survey_id, const Audience& audience);

// draft -> open, open -> closed; conflict from any other state.
Result<void> set_status(soci::session& sql, const std::string& id, const std::string& from, const std::string& to);
// The open satisfaction surveys a milestone offers.
std::vector<std::string> open_surveys_for(soci::session& sql, const std::string& milestone);

struct Invitation {
    std::string id, survey_id, user_id, subject_id, micro_credential_id;
    long long invited_at = 0;
    bool answered = false, dismissed = false;
};
// The new invitation's id; nullopt when this person was already asked (same survey and subject).
std::optional<std::string> invite(soci::session& sql, const std::string& survey_id, const std::string& user_id,
            const std::string& subject_id, const std::string& micro_credential_id);
std::optional<Invitation> load_invitation(soci::session& sql, const std::string& id);
// Open surveys the person was asked and has neither answered nor put aside, newest first.
std::vector<Invitation> pending_invitations(soci::session& sql, const std::string& user_id, int limit);
Result<void> dismiss_invitation(soci::session& sql, const std::string& id, const std::string& user_id);

struct RespondentFacts {
    std::string language, setting;
};
// Refuses (conflict) an invitation already answered, not the caller's, or of a closed survey.
Result<void> record_response(soci::session& sql, const Invitation& inv, const Survey& s,
                             const std::vector<Answer>& answers, const RespondentFacts& facts);

// All responses of a survey (and only those about one micro-credential, when given), in the
// order of their random ids: no order of arrival survives.
std::vector<ResponseRow> responses_of(soci::session& sql, const std::string& survey_id,
                                      const std::string& micro_credential_id = {});
// Every satisfaction response about a micro-credential, with the survey it answered.
struct SurveyResponses {
    Survey survey;
    std::vector<ResponseRow> responses;
};
std::vector<SurveyResponses> satisfaction_about(soci::session& sql, const std::string& micro_credential_id);

// Policy: the smallest count shown in any result (at least 3, 10 unless the agency changed it).
inline constexpr long long kDefaultMinCell = 10, kLowestMinCell = 3;
long long min_cell(soci::session& sql);
void save_min_cell(soci::session& sql, long long k, const std::string& by);

} // namespace mc::surveys
