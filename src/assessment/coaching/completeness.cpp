#include "assessment/coaching/completeness.hpp"

#include "accounts/notifications.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "catalog/version_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::assessment::coaching {

namespace {

long long changed(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows();
}

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
    long long done = 0;
    sql << "SELECT COUNT(*) FROM assignments WHERE submission_id = :s AND status = 'completed' AND kind <> 'calibration'",
        soci::use(a.submission.id), soci::into(done);
    if (done > 0 || decision_for(sql, a.submission.id)) return "completeness.errors.scores_final";
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
    // Ended without scoring: 'released' keeps it out of seats and loads, kind tells it apart.
    soci::statement end = (sql.prepare << "UPDATE assignments SET status = 'released', kind = 'completeness', "
                                          "completed_at = :t WHERE id = :id AND status = 'assigned'",
                           soci::use(now), soci::use(a.id));
    if (changed(end) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "assignment raced");
    sql << "UPDATE assignments SET status = 'released', completed_at = :t WHERE submission_id = :s AND status = 'assigned'",
        soci::use(now), soci::use(a.submission.id);
    soci::statement back = (sql.prepare << "UPDATE submissions SET status = 'draft', updated_at = :t "
                                           "WHERE id = :id AND status = 'in_review'",
                            soci::use(now), soci::use(a.submission.id));
    if (changed(back) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "submission raced");
    std::string id = crypto::new_id(), text = reasons.dump();
    sql << "INSERT INTO completeness_returns (id, submission_id, assignment_id, assessor_id, reasons, note, returned_at) "
           "VALUES (:id, :s, :a, :by, :r, :n, :t)",
        soci::use(id), soci::use(a.submission.id), soci::use(a.id), soci::use(assessor_id), soci::use(text),
        soci::use(note), soci::use(now);
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
    std::string reasons, note;
    long long at = 0;
    sql << "SELECT reasons, note, returned_at FROM completeness_returns WHERE submission_id = :s "
           "ORDER BY returned_at DESC, id LIMIT 1",
        soci::use(submission_id), soci::into(reasons), soci::into(note), soci::into(at);
    if (!sql.got_data()) return nullptr;
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
