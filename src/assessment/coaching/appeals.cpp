#include "assessment/coaching/appeals.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "accounts/notifications.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/rules.hpp"
#include "assessment/coaching/settings_store.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/workflow.hpp"
#include "catalog/version_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment::coaching {

namespace {

const char* kColumns = "SELECT id, decision_id, submission_id, educator_id, reason, reviewer_id, status, response, "
                       "original_outcome, original_decided_by, original_assignment_id, filed_at, resolved_at FROM appeals ";

std::vector<Appeal> query(soci::session& sql, const std::string& where, const std::string& value) {
    std::vector<Appeal> out;
    Appeal a;
    soci::indicator rev_ind, oa_ind, res_ind;
    std::string v = value;
    soci::statement st = (sql.prepare << std::string(kColumns) + where, soci::use(v), soci::into(a.id),
                          soci::into(a.decision_id), soci::into(a.submission_id), soci::into(a.educator_id),
                          soci::into(a.reason), soci::into(a.reviewer_id, rev_ind), soci::into(a.status),
                          soci::into(a.response), soci::into(a.original_outcome), soci::into(a.original_decided_by),
                          soci::into(a.original_assignment_id, oa_ind), soci::into(a.filed_at),
                          soci::into(a.resolved_at, res_ind));
    st.execute();
    while (st.fetch()) {
        Appeal c = a;
        if (rev_ind != soci::i_ok) c.reviewer_id.clear();
        if (oa_ind != soci::i_ok) c.original_assignment_id.clear();
        if (res_ind != soci::i_ok) c.resolved_at = 0;
        out.push_back(std::move(c));
    }
    return out;
}

long long changed(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows();
}

std::string locale_of(soci::session& sql, const std::string& user_id) {
    auto u = load_user(sql, user_id);
    return u ? u->locale : "en";
}

Result<void> tell_educator(app::App& app, soci::session& sql, const Appeal& a, const std::string& kind) {
    auto sub = TRY(load_submission(sql, a.submission_id));
    return accounts::notify(app, sql, a.educator_id, kind,
                            {{"credential", version_title(sql, sub.version_id, locale_of(sql, a.educator_id))}},
                            "/submissions/" + a.submission_id + "/appeal");
}

Result<void> give_to(app::App& app, soci::session& sql, const std::string& appeal_id, const std::string& reviewer,
                     const std::string& version_id) {
    soci::statement st = (sql.prepare << "UPDATE appeals SET reviewer_id = :r WHERE id = :id AND reviewer_id IS NULL "
                                         "AND status = 'open'",
                          soci::use(reviewer), soci::use(appeal_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "appeal raced");
    return accounts::notify(app, sql, reviewer, "appeal_assigned",
                            {{"credential", version_title(sql, version_id, locale_of(sql, reviewer))}},
                            "/appeals/" + appeal_id);
}

Result<Appeal> open_for(soci::session& sql, const std::string& appeal_id, const std::string& reviewer_id) {
    auto a = TRY(load_appeal(sql, appeal_id));
    // Only the reviewer the server chose; everyone else learns nothing.
    if (a.reviewer_id.empty() || a.reviewer_id != reviewer_id)
        return fail(Errc::not_found, "errors.not_found", "not this appeal's reviewer");
    if (a.status != "open") return fail(Errc::conflict, "appeals.errors.not_open", "appeal is " + a.status);
    return a;
}

void check_response(const std::string& response, std::vector<FieldError>& errors) {
    if (blank_text(response)) errors.push_back({"response", "appeals.errors.response_required"});
    else if (response.size() > kMaxAppealText) errors.push_back({"response", "appeals.errors.too_long"});
}

} // namespace

Result<Appeal> load_appeal(soci::session& sql, const std::string& appeal_id) {
    auto found = query(sql, "WHERE id = :v", appeal_id);
    if (found.empty()) return fail(Errc::not_found, "errors.not_found", "appeal " + appeal_id);
    return found.front();
}

std::optional<Appeal> appeal_of_submission(soci::session& sql, const std::string& submission_id) {
    auto found = query(sql, "WHERE submission_id = :v ORDER BY filed_at DESC, id", submission_id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Appeal> list_appeals(soci::session& sql, const std::string& reviewer_id) {
    if (reviewer_id.empty()) return query(sql, "WHERE id <> :v ORDER BY filed_at DESC, id", "");
    return query(sql, "WHERE reviewer_id = :v ORDER BY filed_at, id", reviewer_id);
}

std::string appeal_refusal(soci::session& sql, const std::string& submission_id, const std::string& educator_id,
                           long long now) {
    auto sub = load_submission(sql, submission_id);
    if (!sub || sub->educator_id != educator_id) return "errors.not_found";
    auto d = decision_for(sql, submission_id);
    if (!d || d->outcome != "not_yet" || sub->status != "returned") return "appeals.errors.not_appealable";
    if (appeal_of_submission(sql, submission_id)) return "appeals.errors.already_appealed";
    if (!within_window(d->decided_at, load_times(sql).appeal_window_days, now)) return "appeals.errors.window_closed";
    std::string status;
    sql << "SELECT status FROM enrollments WHERE id = :e", soci::use(sub->enrollment_id), soci::into(status);
    if (status == "earned") return "appeals.errors.already_earned";
    return "";
}

Result<std::string> file_appeal(app::App& app, soci::session& sql, const std::string& submission_id,
                                const std::string& educator_id, const std::string& reason, long long now) {
    auto refusal = appeal_refusal(sql, submission_id, educator_id, now);
    if (refusal == "errors.not_found") return fail(Errc::not_found, refusal, "not the educator's submission");
    if (!refusal.empty()) return fail(Errc::conflict, refusal, "appeal refused");
    if (blank_text(reason)) return fail(Errc::bad_input, "appeals.errors.reason_required", "blank reason");
    if (reason.size() > kMaxAppealText) return fail(Errc::bad_input, "appeals.errors.too_long", "reason size");
    auto d = *decision_for(sql, submission_id);
    auto sub = TRY(load_submission(sql, submission_id));
    std::string id = crypto::new_id();
    soci::indicator oa = d.assignment_id.empty() ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO appeals (id, decision_id, submission_id, educator_id, reason, status, original_outcome, "
           "original_decided_by, original_assignment_id, filed_at) VALUES (:id, :d, :s, :e, :r, 'open', :o, :by, :a, :t)",
        soci::use(id), soci::use(d.id), soci::use(submission_id), soci::use(educator_id), soci::use(reason),
        soci::use(d.outcome), soci::use(d.decided_by), soci::use(d.assignment_id, oa), soci::use(now);
    if (auto reviewer = choose_reviewer(sql, submission_id)) TRY(give_to(app, sql, id, *reviewer, sub.version_id));
    return id;
}

std::optional<std::string> choose_reviewer(soci::session& sql, const std::string& submission_id) {
    auto sub = load_submission(sql, submission_id);
    if (!sub) return std::nullopt;
    std::set<std::string> involved{sub->educator_id};
    if (auto d = decision_for(sql, submission_id)) involved.insert(d->decided_by);
    std::string who;
    soci::statement st = (sql.prepare << "SELECT assessor_id FROM assignments WHERE submission_id = :s",
                          soci::use(submission_id), soci::into(who));
    st.execute();
    while (st.fetch()) involved.insert(who);
    std::map<std::string, long long> open_appeals;
    long long n = 0;
    soci::statement counts = (sql.prepare << "SELECT reviewer_id, COUNT(*) FROM appeals WHERE status = 'open' AND "
                                             "reviewer_id IS NOT NULL GROUP BY reviewer_id",
                              soci::into(who), soci::into(n));
    counts.execute();
    while (counts.fetch()) open_appeals[who] = n;
    std::optional<std::string> best;
    long long best_load = 0;
    for (const auto& a : assessors_with_load(sql)) {
        const auto& c = a.candidate;
        if (!c.lead || involved.contains(c.person.id)) continue;
        if (conflicted(c.person, {sub->educator_id, sub->educator_employer, {}})) continue;
        long long load = open_appeals[c.person.id];
        if (!best || load < best_load || (load == best_load && c.person.id < *best)) best = c.person.id, best_load = load;
    }
    return best;
}

int assign_waiting_appeals(app::App& app) {
    int given = 0;
    try {
        auto sql = app.db->lease();
        std::vector<std::pair<std::string, std::string>> waiting;
        std::string id, sub;
        soci::statement st = (sql->prepare << "SELECT id, submission_id FROM appeals WHERE status = 'open' AND "
                                             "reviewer_id IS NULL ORDER BY filed_at LIMIT 100",
                              soci::into(id), soci::into(sub));
        st.execute();
        while (st.fetch()) waiting.emplace_back(id, sub);
        for (const auto& [appeal, submission] : waiting) {
            db::WriteTx tx(*sql);
            auto reviewer = choose_reviewer(*sql, submission);
            auto s = load_submission(*sql, submission);
            if (!reviewer || !s) continue;
            if (give_to(app, *sql, appeal, *reviewer, s->version_id)) {
                tx.commit();
                ++given;
            }
        }
    } catch (const std::exception& e) {
        spdlog::error("appeal reviewers: {}", e.what());
    }
    return given;
}

Result<void> uphold_appeal(app::App& app, soci::session& sql, const std::string& appeal_id,
                           const std::string& reviewer_id, const std::string& response,
                           std::vector<FieldError>& field_errors) {
    auto a = TRY(open_for(sql, appeal_id, reviewer_id));
    check_response(response, field_errors);
    if (!field_errors.empty()) return fail(Errc::bad_input, "appeals.errors.check_form", "uphold invalid");
    long long now = now_seconds();
    soci::statement st = (sql.prepare << "UPDATE appeals SET status = 'upheld', response = :r, resolved_at = :t "
                                         "WHERE id = :id AND status = 'open'",
                          soci::use(response), soci::use(now), soci::use(appeal_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "appeal raced");
    return tell_educator(app, sql, a, "appeal_upheld");
}

Result<void> overturn_appeal(app::App& app, soci::session& sql, const std::string& appeal_id,
                             const std::string& reviewer_id, const std::vector<Score>& scores,
                             const std::string& response, std::vector<FieldError>& field_errors) {
    auto a = TRY(open_for(sql, appeal_id, reviewer_id));
    auto sub = TRY(load_submission(sql, a.submission_id));
    auto version = TRY(catalog::load_version(sql, sub.version_id));
    const auto& rubric = version.content.rubric;
    field_errors = validate_draft(rubric, scores);
    if (field_errors.empty()) field_errors = validate_decision(rubric, scores, Outcome::demonstrated, response);
    check_response(response, field_errors);
    if (!field_errors.empty()) return fail(Errc::bad_input, "appeals.errors.check_form", "overturn invalid");

    std::string status;
    sql << "SELECT status FROM enrollments WHERE id = :e", soci::use(sub.enrollment_id), soci::into(status);
    if (status == "earned") return fail(Errc::conflict, "appeals.errors.already_earned", "earned meanwhile");

    long long now = now_seconds();
    // The lead's scores live on an assignment of their own (kind 'appeal'), completed at once:
    // it is told apart from scorings in analytics and honoraria, and the result page reads it.
    std::string assignment = crypto::new_id();
    sql << "INSERT INTO assignments (id, submission_id, assessor_id, assigned_by, status, assigned_at, completed_at, "
           "kind, outcome, summary) VALUES (:id, :s, :a, NULL, 'completed', :t, :c, 'appeal', 'demonstrated', :sum)",
        soci::use(assignment), soci::use(sub.id), soci::use(reviewer_id), soci::use(now), soci::use(now),
        soci::use(response);
    save_scores(sql, assignment, scores);
    soci::statement d = (sql.prepare << "UPDATE decisions SET outcome = 'demonstrated', basis = 'appeal', decided_by = :by, "
                                        "assignment_id = :a, summary = :s, rationale = :r, decided_at = :t "
                                        "WHERE id = :id AND outcome = 'not_yet'",
                         soci::use(reviewer_id), soci::use(assignment), soci::use(response), soci::use(response),
                         soci::use(now), soci::use(a.decision_id));
    if (changed(d) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "decision changed");
    soci::statement s = (sql.prepare << "UPDATE submissions SET status = 'demonstrated', decided_at = :t, updated_at = :u "
                                        "WHERE id = :id AND status = 'returned'",
                         soci::use(now), soci::use(now), soci::use(sub.id));
    if (changed(s) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "submission changed");
    // A later attempt started while the appeal waited has nothing left to prove.
    int attempt = sub.attempt;
    sql << "UPDATE assignments SET status = 'released', completed_at = :t WHERE status = 'assigned' AND submission_id IN "
           "(SELECT id FROM submissions WHERE enrollment_id = :e AND attempt > :a AND status IN ('draft', 'submitted', 'in_review'))",
        soci::use(now), soci::use(sub.enrollment_id), soci::use(attempt);
    sql << "UPDATE submissions SET status = 'withdrawn', updated_at = :t WHERE enrollment_id = :e AND attempt > :a "
           "AND status IN ('draft', 'submitted', 'in_review')",
        soci::use(now), soci::use(sub.enrollment_id), soci::use(attempt);
    sub.status = "demonstrated";
    TRY(award_demonstrated(app, sql, sub));
    soci::statement ap = (sql.prepare << "UPDATE appeals SET status = 'overturned', response = :r, resolved_at = :t "
                                         "WHERE id = :id AND status = 'open'",
                          soci::use(response), soci::use(now), soci::use(appeal_id));
    if (changed(ap) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "appeal raced");
    return tell_educator(app, sql, a, "appeal_overturned");
}

} // namespace mc::assessment::coaching
