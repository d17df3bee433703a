#include "assessment/workflow.hpp"

#include "accounts/notifications.hpp"
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "catalog/version_store.hpp"
#include "credentials/web/award.hpp"
#include "platform/crypto/random.hpp"

namespace mc::assessment {

namespace {

// Runs a prepared UPDATE and reports how many rows changed. State moves are conditional on
// the old state, so two app nodes racing on one submission cannot both win.
long long changed(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows();
}

std::string recipient_locale(soci::session& sql, const std::string& user_id) {
    auto u = load_user(sql, user_id);
    return u ? u->locale : "en";
}

} // namespace

std::string version_title(soci::session& sql, const std::string& version_id, const std::string& locale) {
    auto v = catalog::load_version(sql, version_id);
    return v ? v->content.title.in(locale) : std::string{};
}

Result<std::string> assign(app::App& app, soci::session& sql, const std::string& submission_id,
                           const std::string& assessor_id, const std::string& assigned_by) {
    auto sub = TRY(load_submission(sql, submission_id));
    if (sub.status != "submitted" && sub.status != "in_review")
        return fail(Errc::conflict, "assessment.errors.not_assignable", "submission is " + sub.status);
    auto assessor = load_user(sql, assessor_id);
    if (!assessor || assessor->disabled || !(assessor->roles & accounts::assessor))
        return fail(Errc::bad_input, "assessment.errors.not_an_assessor", "user " + assessor_id);
    if (conflicted({assessor->id, assessor->employer_org_id}, {sub.educator_id, sub.educator_employer}))
        return fail(Errc::conflict, "assessment.errors.conflict_of_interest", "assessor " + assessor_id);

    long long now = now_seconds();
    if (auto open = open_assignment_of(sql, submission_id)) {
        if (open->assessor_id == assessor_id)
            return fail(Errc::conflict, "assessment.errors.already_assigned", "same assessor");
        soci::statement st = (sql.prepare << "UPDATE assignments SET status = 'released', completed_at = :t "
                                             "WHERE id = :id AND status = 'assigned'",
                              soci::use(now), soci::use(open->id));
        if (changed(st) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "release raced");
    }
    soci::statement st = (sql.prepare << "UPDATE submissions SET status = 'in_review', updated_at = :t "
                                         "WHERE id = :id AND status IN ('submitted', 'in_review')",
                          soci::use(now), soci::use(submission_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "submission raced");

    std::string id = crypto::new_id();
    soci::indicator by_ind = assigned_by.empty() ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO assignments (id, submission_id, assessor_id, assigned_by, status, assigned_at) "
           "VALUES (:id, :s, :a, :b, 'assigned', :t)",
        soci::use(id), soci::use(submission_id), soci::use(assessor_id), soci::use(assigned_by, by_ind), soci::use(now);
    TRY(accounts::notify(app, sql, assessor_id, "assigned",
                         {{"micro_credential", version_title(sql, sub.version_id, assessor->locale)}},
                         "/assess/" + id));
    return id;
}

Result<std::string> assign_best(app::App& app, soci::session& sql, const std::string& submission_id,
                                const std::string& assigned_by) {
    auto sub = TRY(load_submission(sql, submission_id));
    std::vector<Candidate> candidates;
    for (auto& a : assessors_with_load(sql)) candidates.push_back(std::move(a.candidate));
    auto chosen = choose_assessor(candidates, {sub.educator_id, sub.educator_employer});
    if (!chosen) return fail(Errc::conflict, "assessment.errors.no_eligible_assessor", "submission " + submission_id);
    return assign(app, sql, submission_id, *chosen, assigned_by);
}

Result<void> release(app::App&, soci::session& sql, const std::string& assignment_id) {
    auto a = TRY(load_assignment(sql, assignment_id));
    if (a.status != "assigned") return fail(Errc::conflict, "assessment.errors.not_open", "assignment is " + a.status);
    long long now = now_seconds();
    soci::statement st = (sql.prepare << "UPDATE assignments SET status = 'released', completed_at = :t "
                                         "WHERE id = :id AND status = 'assigned'",
                          soci::use(now), soci::use(assignment_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "release raced");
    soci::statement back = (sql.prepare << "UPDATE submissions SET status = 'submitted', updated_at = :t "
                                           "WHERE id = :id AND status = 'in_review'",
                            soci::use(now), soci::use(a.submission.id));
    if (changed(back) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "submission raced");
    return {};
}

Result<std::string> decide(app::App& app, soci::session& sql, const std::string& assignment_id,
                           const std::string& decided_by, const DecisionInput& input,
                           std::vector<FieldError>& field_errors) {
    auto a = TRY(load_assignment(sql, assignment_id));
    if (a.assessor_id != decided_by) return fail(Errc::not_found, "errors.not_found", "not the assigned assessor");
    if (a.status != "assigned" || a.submission.status != "in_review")
        return fail(Errc::conflict, "assessment.errors.not_open", "assignment " + a.status);
    auto version = TRY(catalog::load_version(sql, a.submission.version_id));
    const auto& rubric = version.content.rubric;

    field_errors = validate_draft(rubric, input.scores);
    if (!field_errors.empty()) return fail(Errc::bad_input, "assessment.errors.check_scores", "draft invalid");
    save_scores(sql, assignment_id, input.scores);
    // Judge what is saved, not only what this request carried: a decision may follow autosaves.
    auto saved = load_scores(sql, assignment_id);
    field_errors = validate_decision(rubric, saved, input.outcome, input.summary);
    if (!field_errors.empty()) return fail(Errc::bad_input, "assessment.errors.check_scores", "decision invalid");

    long long now = now_seconds();
    std::string id = crypto::new_id();
    std::string outcome(outcome_name(input.outcome));
    sql << "INSERT INTO decisions (id, submission_id, assignment_id, decided_by, outcome, summary, decided_at) "
           "VALUES (:id, :s, :a, :by, :o, :sum, :t)",
        soci::use(id), soci::use(a.submission.id), soci::use(assignment_id), soci::use(decided_by), soci::use(outcome),
        soci::use(input.summary), soci::use(now);
    soci::statement done = (sql.prepare << "UPDATE assignments SET status = 'completed', completed_at = :t "
                                           "WHERE id = :id AND status = 'assigned'",
                            soci::use(now), soci::use(assignment_id));
    if (changed(done) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "assignment raced");
    std::string status = input.outcome == Outcome::demonstrated ? "demonstrated" : "returned";
    soci::statement sub = (sql.prepare << "UPDATE submissions SET status = :st, decided_at = :t, updated_at = :u "
                                          "WHERE id = :id AND status = 'in_review'",
                           soci::use(status), soci::use(now), soci::use(now), soci::use(a.submission.id));
    if (changed(sub) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "submission raced");

    if (input.outcome == Outcome::demonstrated) {
        sql << "UPDATE enrollments SET status = 'earned' WHERE id = :id", soci::use(a.submission.enrollment_id);
        // award_submission notifies the educator ("awarded") itself, so we do not.
        auto award = credentials::award_submission(app, sql, a.submission.id);
        if (!award)
            return fail(award.error().code == Errc::conflict ? Errc::conflict : Errc::unavailable,
                        "assessment.errors.award_failed", "award: " + award.error().detail);
    } else {
        auto locale = recipient_locale(sql, a.submission.educator_id);
        TRY(accounts::notify(app, sql, a.submission.educator_id, "returned",
                             {{"micro_credential", version_title(sql, a.submission.version_id, locale)}},
                             "/submissions/" + a.submission.id + "/result"));
    }
    return id;
}

} // namespace mc::assessment
