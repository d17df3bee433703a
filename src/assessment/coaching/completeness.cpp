#include "assessment/coaching/completeness.hpp"

#include "accounts/notifications.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/completeness_store.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "catalog/version_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::assessment::coaching {

namespace {

const char* problem_key(const std::string& p) {
    if (p == "missing") return "completeness.problem.missing";
    if (p == "unplayable") return "completeness.problem.unplayable";
    return "completeness.problem.wrong_content";
}

// Why it may not be returned, or "" when it may.
std::string refusal(soci::session& sql, const AssignmentRecord& a, const std::string& assessor_id) {
    if (a.assessor_id != assessor_id) return "errors.not_found";
    if (a.status != "assigned" || a.kind != "scoring" || a.submission.status != "in_review")
        return "completeness.errors.not_open";
    // Scores are final once any scorer has finished or a decision exists.
    if (finished_scorings(sql, a.submission.id) > 0 || decision_for(sql, a.submission.id)) return "completeness.errors.scores_final";
    return "";
}

} // namespace

bool may_return(soci::session& sql, const std::string& assignment_id, const std::string& assessor_id) {
    auto a = load_assignment(sql, assignment_id);
    return a && refusal(sql, *a, assessor_id).empty();
}

Result<std::string> return_incomplete(app::App& app, soci::session& sql, const std::string& assignment_id,
                                      const std::string& assessor_id, const std::vector<PartProblem>& problems,
                                      const std::string& note, std::vector<FieldError>& field_errors) {
    auto a = TRY(load_assignment(sql, assignment_id));
    auto why = refusal(sql, a, assessor_id);
    if (why == "errors.not_found") return fail(Errc::not_found, why, "not the assessor's");
    if (!why.empty()) return fail(Errc::conflict, why, "completeness refused");
    auto version = TRY(catalog::load_version(sql, a.submission.version_id));
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& p : problems) {
        if (!version.content.part(p.part_id) || !is_completeness_problem(p.problem)) {
            field_errors.push_back({"problem_" + p.part_id, "completeness.errors.bad_problem"});
            continue;
        }
        reasons.push_back({{"part_id", p.part_id}, {"problem", p.problem}});
    }
    if (field_errors.empty() && reasons.empty()) field_errors.push_back({"parts", "completeness.errors.choose_part"});
    if (note.size() > kMaxAppealText) field_errors.push_back({"note", "completeness.errors.too_long"});
    if (!field_errors.empty()) return fail(Errc::bad_input, "completeness.errors.check_form", "invalid return");

    long long now = now_seconds();
    std::string id = crypto::new_id(), text = reasons.dump();
    TRY(record_return(sql, {.id = id, .submission_id = a.submission.id, .assignment_id = a.id,
                            .assessor_id = assessor_id, .reasons = text, .note = note, .returned_at = now}));
    auto educator = load_user(sql, a.submission.educator_id);
    TRY(accounts::notify(app, sql, a.submission.educator_id, "completeness_returned",
                         {{"credential", version_title(sql, a.submission.version_id, educator ? educator->locale : "en")}},
                         "/submissions/" + a.submission.id));
    return id;
}

nlohmann::json open_return_view(const app::App& app, const http::Request& req, soci::session& sql,
                                const std::string& submission_id) {
    auto sub = load_submission(sql, submission_id);
    if (!sub || sub->status != "draft") return nullptr;
    auto latest = latest_return(sql, submission_id);
    if (!latest) return nullptr;
    const std::string& reasons = latest->reasons;
    const std::string& note = latest->note;
    const long long at = latest->returned_at;
    auto version = catalog::load_version(sql, sub->version_id);
    auto parts = nlohmann::json::array();
    for (const auto& r : nlohmann::json::parse(reasons, nullptr, false)) {
        if (!r.is_object()) continue;
        auto part_id = r.value("part_id", "");
        const auto* part = version ? version->content.part(part_id) : nullptr;
        parts.push_back({{"title", part ? part->title.in(req.locale) : part_id},
                         {"problem", app.t(req, problem_key(r.value("problem", "")))}});
    }
    return {{"returned_on", format_date(at)}, {"note", note}, {"has_note", !note.empty()}, {"parts", parts}};
}

nlohmann::json completeness_form(const app::App& app, const http::Request& req, soci::session& sql,
                                 const std::string& assignment_id) {
    auto a = load_assignment(sql, assignment_id);
    if (!a || !refusal(sql, *a, req.principal.user_id).empty()) return nullptr;
    auto version = catalog::load_version(sql, a->submission.version_id);
    if (!version) return nullptr;
    auto parts = nlohmann::json::array();
    for (const auto& p : version->content.parts) parts.push_back({{"id", p.id}, {"title", p.title.in(req.locale)}});
    (void)app;
    return {{"parts", parts}};
}

} // namespace mc::assessment::coaching
