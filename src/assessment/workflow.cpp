#include "assessment/workflow.hpp"

#include "accounts/notifications.hpp"
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/assessors/store.hpp"
#include "assessment/calibration.hpp"
#include "assessment/coaching/referrals.hpp"
#include "assessment/reliability_store.hpp"
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

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

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
    // The same bars the auto-assigner applies, so a manual pick cannot route around them.
    auto standing = assessors::candidate_of(sql, assessor->id, assessor->employer_org_id);
    auto program = assessors::load_lifecycle_settings(sql);
    Need need{sub.evidence_language, "", now_seconds(), program.require_certification};
    Ineligible bar = eligibility(standing, {sub.educator_id, sub.educator_employer, {}}, need);
    if (bar == Ineligible::conflict)
        return fail(Errc::conflict, "assessment.errors.conflict_of_interest", "assessor " + assessor_id);
    if (bar != Ineligible::none) return fail(Errc::conflict, std::string(bar_key(bar)), "assessor " + assessor_id);

    auto plan = ensure_plan(sql, submission_id, sub.version_id, sub.submitted_at);
    auto slots = active_slots(sql, submission_id);
    long long now = now_seconds();
    std::string kind = "scoring";
    std::string to_release;
    if (plan.stage == "adjudication") {
        kind = "adjudication";
        for (const auto& s : slots)
            if (s.kind == "scoring" && s.assessor_id == assessor_id)
                return fail(Errc::conflict, "assessment.errors.scored_it", "a scorer cannot adjudicate");
        if (!is_lead(sql, assessor_id))
            return fail(Errc::bad_input, "assessment.errors.not_a_lead", "user " + assessor_id);
        for (const auto& s : slots) {
            if (s.kind == "adjudication" && s.status == "assigned") {
                if (s.assessor_id == assessor_id)
                    return fail(Errc::conflict, "assessment.errors.already_assigned", "same lead");
                to_release = s.id;
            }
        }
    } else if (plan.stage == "scoring") {
        std::vector<const Slot*> open;
        int taken = 0;
        for (const auto& s : slots) {
            if (s.kind != "scoring") continue;
            if (s.assessor_id == assessor_id)
                return fail(Errc::conflict, "assessment.errors.already_assigned", "same assessor");
            ++taken;
            if (s.status == "assigned") open.push_back(&s);
        }
        if (taken >= plan.scorers) {
            if (open.size() != 1)
                return fail(Errc::conflict, open.empty() ? "assessment.errors.not_assignable"
                                                         : "assessment.errors.release_first",
                            "no free scorer seat");
            to_release = open.front()->id;
        }
    } else {
        return fail(Errc::conflict, "assessment.errors.not_assignable", "plan is " + plan.stage);
    }
    if (!to_release.empty()) {
        soci::statement st = (sql.prepare << "UPDATE assignments SET status = 'released', completed_at = :t "
                                             "WHERE id = :id AND status = 'assigned'",
                              soci::use(now), soci::use(to_release));
        if (changed(st) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "release raced");
    }
    soci::statement st = (sql.prepare << "UPDATE submissions SET status = 'in_review', updated_at = :t "
                                         "WHERE id = :id AND status IN ('submitted', 'in_review')",
                          soci::use(now), soci::use(submission_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "submission raced");

    std::string id = crypto::new_id();
    soci::indicator by_ind = assigned_by.empty() ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO assignments (id, submission_id, assessor_id, assigned_by, status, assigned_at, kind) "
           "VALUES (:id, :s, :a, :b, 'assigned', :t, :k)",
        soci::use(id), soci::use(submission_id), soci::use(assessor_id), soci::use(assigned_by, by_ind), soci::use(now),
        soci::use(kind);
    TRY(accounts::notify(app, sql, assessor_id, "assigned",
                         {{"micro_credential", version_title(sql, sub.version_id, assessor->locale)}},
                         "/assess/" + id));
    return id;
}

Result<std::string> assign_best(app::App& app, soci::session& sql, const std::string& submission_id,
                                const std::string& assigned_by) {
    auto sub = TRY(load_submission(sql, submission_id));
    if (sub.status != "submitted" && sub.status != "in_review")
        return fail(Errc::conflict, "assessment.errors.not_assignable", "submission is " + sub.status);
    auto plan = ensure_plan(sql, submission_id, sub.version_id, sub.submitted_at);
    std::vector<Candidate> candidates;
    for (auto& a : assessors_with_load(sql)) candidates.push_back(std::move(a.candidate));
    Person educator{sub.educator_id, sub.educator_employer, {}};
    Need need{sub.evidence_language, assessors::work_setting_of(sql, sub.educator_id), now_seconds(),
              assessors::load_lifecycle_settings(sql).require_certification};

    auto slots = active_slots(sql, submission_id);
    std::vector<std::string> on_it;
    int free_seats = 0, open_scorings = 0;
    for (const auto& s : slots) on_it.push_back(s.assessor_id);
    Seat seat = plan.stage == "adjudication" ? Seat::adjudicator : Seat::scorer;
    if (plan.stage == "adjudication") {
        bool open = false;
        for (const auto& s : slots) open = open || (s.kind == "adjudication" && s.status == "assigned");
        free_seats = open ? 0 : 1;
    } else if (plan.stage == "scoring") {
        int taken = 0;
        for (const auto& s : slots)
            if (s.kind == "scoring") ++taken, open_scorings += s.status == "assigned";
        free_seats = plan.scorers - taken;
    }
    // Nothing free: hand the one open seat to someone else (the old single-scorer "reassign").
    int rounds = free_seats > 0 ? free_seats : (open_scorings == 1 || plan.stage == "adjudication" ? 1 : 0);
    if (rounds == 0) return fail(Errc::conflict, "assessment.errors.not_assignable", "no seat to fill");
    std::string last;
    for (int i = 0; i < rounds; ++i) {
        auto chosen = choose_for(candidates, educator, on_it, seat, need);
        if (!chosen) break;
        last = TRY(assign(app, sql, submission_id, *chosen, assigned_by));
        on_it.push_back(*chosen);
        for (auto& c : candidates)
            if (c.person.id == *chosen) ++c.open_assignments;
    }
    if (last.empty())
        return fail(Errc::conflict, "assessment.errors.no_eligible_assessor", "submission " + submission_id);
    return last;
}

Result<void> release(app::App&, soci::session& sql, const std::string& assignment_id) {
    auto a = TRY(load_assignment(sql, assignment_id));
    if (a.status != "assigned" || a.kind == "calibration")
        return fail(Errc::conflict, "assessment.errors.not_open", "assignment is " + a.status + " " + a.kind);
    long long now = now_seconds();
    soci::statement st = (sql.prepare << "UPDATE assignments SET status = 'released', completed_at = :t "
                                         "WHERE id = :id AND status = 'assigned'",
                          soci::use(now), soci::use(assignment_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "release raced");
    if (active_slots(sql, a.submission.id).empty()) {
        soci::statement back = (sql.prepare << "UPDATE submissions SET status = 'submitted', updated_at = :t "
                                               "WHERE id = :id AND status = 'in_review'",
                                soci::use(now), soci::use(a.submission.id));
        if (changed(back) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "submission raced");
    }
    return {};
}

Result<void> award_demonstrated(app::App& app, soci::session& sql, const SubmissionInfo& s) {
    sql << "UPDATE enrollments SET status = 'earned' WHERE id = :id", soci::use(s.enrollment_id);
    // award_submission notifies the educator ("awarded") itself, so we do not.
    auto award = credentials::award_submission(app, sql, s.id, decision_scores(sql, s.id));
    if (!award)
        return fail(award.error().code == Errc::conflict ? Errc::conflict : Errc::unavailable,
                    "assessment.errors.award_failed", "award: " + award.error().detail);
    return {};
}

namespace {

// The decision itself: one row saying who decided, on whose scores and why, then the
// submission's new state, the award or the "returned" notice.
Result<std::string> record_decision(app::App& app, soci::session& sql, const AssignmentRecord& a,
                                    const std::string& decided_by, Outcome outcome, const std::string& summary,
                                    const std::string& basis, const std::string& rationale) {
    long long now = now_seconds();
    std::string id = crypto::new_id();
    std::string name(outcome_name(outcome));
    sql << "INSERT INTO decisions (id, submission_id, assignment_id, decided_by, outcome, summary, decided_at, basis, "
           "rationale) VALUES (:id, :s, :a, :by, :o, :sum, :t, :b, :r)",
        soci::use(id), soci::use(a.submission.id), soci::use(a.id), soci::use(decided_by), soci::use(name),
        soci::use(summary), soci::use(now), soci::use(basis), soci::use(rationale);
    set_stage(sql, a.submission.id, "decided");
    std::string status = outcome == Outcome::demonstrated ? "demonstrated" : "returned";
    soci::statement sub = (sql.prepare << "UPDATE submissions SET status = :st, decided_at = :t, updated_at = :u "
                                          "WHERE id = :id AND status = 'in_review'",
                           soci::use(status), soci::use(now), soci::use(now), soci::use(a.submission.id));
    if (changed(sub) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "submission raced");
    // A scorer still holding an open seat (a reassigned double) has nothing left to do.
    soci::statement rest = (sql.prepare << "UPDATE assignments SET status = 'released', completed_at = :t "
                                           "WHERE submission_id = :s AND status = 'assigned'",
                            soci::use(now), soci::use(a.submission.id));
    rest.execute(true);

    if (outcome == Outcome::demonstrated) {
        TRY(award_demonstrated(app, sql, a.submission));
    } else {
        auto locale = recipient_locale(sql, a.submission.educator_id);
        TRY(accounts::notify(app, sql, a.submission.educator_id, "returned",
                             {{"micro_credential", version_title(sql, a.submission.version_id, locale)}},
                             "/submissions/" + a.submission.id + "/result"));
        // Enough "Not yet" on this enrollment: a coach, in the same transaction as the decision.
        TRY(coaching::refer_if_due(app, sql, a.submission.enrollment_id));
    }
    TRY(app.publish(sql, {"decision_made", a.submission.educator_id, id}));
    return id;
}

// A calibration scoring: judged like a decision (every criterion, outcome consistent with the
// levels), recorded, and, when it completes the round, the round is scored and may certify.
Result<Finished> score_calibration(soci::session& sql, const AssignmentRecord& a, const DecisionInput& input,
                                   std::vector<FieldError>& field_errors) {
    if (a.status != "assigned") return fail(Errc::conflict, "assessment.errors.not_open", "assignment " + a.status);
    auto version = TRY(catalog::load_version(sql, a.submission.version_id));
    const auto& rubric = version.content.rubric;
    field_errors = validate_draft(rubric, input.scores);
    if (!field_errors.empty()) return fail(Errc::bad_input, "assessment.errors.check_scores", "draft invalid");
    save_scores(sql, a.id, input.scores);
    field_errors = validate_decision(rubric, load_scores(sql, a.id), input.outcome, input.summary);
    if (!field_errors.empty()) return fail(Errc::bad_input, "assessment.errors.check_scores", "calibration invalid");
    long long now = now_seconds();
    std::string outcome(outcome_name(input.outcome));
    soci::statement done = (sql.prepare << "UPDATE assignments SET status = 'completed', completed_at = :t, "
                                           "outcome = :o, summary = :s WHERE id = :id AND status = 'assigned'",
                            soci::use(now), soci::use(outcome), soci::use(input.summary), soci::use(a.id));
    if (changed(done) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "assignment raced");
    std::string round;
    soci::indicator r_ind;
    sql << "SELECT round_id FROM assignments WHERE id = :id", soci::use(a.id), soci::into(round, r_ind);
    Finished f;
    f.calibration = "saved";
    if (r_ind == soci::i_ok)
        if (auto r = finish_round_if_done(sql, round)) f.calibration = r->passed ? "passed" : "not_passed";
    return f;
}

} // namespace

Result<Finished> decide(app::App& app, soci::session& sql, const std::string& assignment_id,
                        const std::string& decided_by, const DecisionInput& input,
                        std::vector<FieldError>& field_errors) {
    auto a = TRY(load_assignment(sql, assignment_id));
    if (a.assessor_id != decided_by) return fail(Errc::not_found, "errors.not_found", "not the assigned assessor");
    if (a.kind == "calibration") return score_calibration(sql, a, input, field_errors);
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
    bool adjudication = a.kind == "adjudication";
    if (adjudication && blank(input.rationale))
        field_errors.push_back({"rationale", "assessment.errors.rationale_required"});
    if (input.rationale.size() > kMaxSummary) field_errors.push_back({"rationale", "assessment.errors.rationale_too_long"});
    if (!field_errors.empty()) return fail(Errc::bad_input, "assessment.errors.check_scores", "decision invalid");

    long long now = now_seconds();
    std::string outcome(outcome_name(input.outcome));
    soci::statement done = (sql.prepare << "UPDATE assignments SET status = 'completed', completed_at = :t, "
                                           "outcome = :o, summary = :s WHERE id = :id AND status = 'assigned'",
                            soci::use(now), soci::use(outcome), soci::use(input.summary), soci::use(assignment_id));
    if (changed(done) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "assignment raced");
    assessors::record_honorarium(sql, a.id, a.assessor_id, a.kind, now);

    if (adjudication) {
        auto id = TRY(record_decision(app, sql, a, decided_by, input.outcome, input.summary, "adjudicated",
                                      input.rationale));
        return Finished{id, "", ""};
    }
    auto plan = load_plan(sql, a.submission.id);
    if (!plan || plan->scorers < 2) {
        auto id = TRY(record_decision(app, sql, a, decided_by, input.outcome, input.summary, "single", ""));
        return Finished{id, "", ""};
    }
    // Double scoring: the other scorer's completed set, if there is one yet.
    const Slot* other = nullptr;
    auto slots = active_slots(sql, a.submission.id);
    for (const auto& s : slots)
        if (s.kind == "scoring" && s.id != a.id && s.status == "completed") other = &s;
    if (!other) return Finished{"", "second_scorer", ""};

    auto settings = load_settings(sql);
    reliability::ScoreSet mine{input.outcome, saved};
    reliability::ScoreSet theirs{outcome_from(other->outcome).value_or(Outcome::not_yet), load_scores(sql, other->id)};
    if (!reliability::disagree(mine, theirs, settings.rule)) {
        auto id = TRY(record_decision(app, sql, a, decided_by, input.outcome, input.summary, "agreed", ""));
        return Finished{id, "", ""};
    }
    set_stage(sql, a.submission.id, "adjudication");
    // Give it to a lead straight away when one is free of conflicts; else the auto-assigner will.
    auto lead = assign_best(app, sql, a.submission.id, "");
    if (!lead && lead.error().key != "assessment.errors.no_eligible_assessor") return std::unexpected(lead.error());
    return Finished{"", "adjudication", ""};
}

} // namespace mc::assessment
