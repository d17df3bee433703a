// /admin/queue: program and agency admins see what waits for assessment and who has it, and
// assign, reassign, release or auto-assign.
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/assigner.hpp"
#include "assessment/assessors/store.hpp"
#include "assessment/coaching/rules.hpp"
#include "assessment/coaching/settings_store.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/web.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"

#include <set>

namespace mc::assessment {

using http::AccessRule;
using http::Request;
using http::Response;

nlohmann::json done_notice(const app::App& app, const Request& req) {
    static const char* allowed[] = {"assigned", "released", "auto", "saved", "decided", "waiting_second", "sent_to_lead", "settings_saved", "lead_saved",
                                    "calibration_saved", "calibration_passed", "calibration_not_passed",
                                    "calibration_started", "calibration_open", "calibration_empty",
                                    "calibration_added", "calibration_retired"};
    auto done = req.query_value("done");
    for (const char* a : allowed)
        if (done == a) {
            auto count = req.query_value("count");
            if (count.find_first_not_of("0123456789") != std::string::npos || count.size() > 6) count = "0";
            return app.catalog.format(req.locale, "assessment.done." + done, {{"count", count}});
        }
    return nullptr;
}

namespace {

// Full catalog keys (so every key the code uses is written out and checked by the catalog test).
const char* role_key(const std::string& kind) {
    return kind == "adjudication" ? "assessment.queue.role_adjudication" : "assessment.queue.role_scoring";
}
const char* plan_key(const std::string& reason) {
    if (reason == "sampled") return "assessment.queue.plan_sampled";
    if (reason == "first_of_version") return "assessment.queue.plan_first_of_version";
    return "assessment.queue.plan_single";
}

Response queue_page(app::App& app, Request& req, const std::vector<std::string>& errors, int status) {
    auto sql = app.db->lease();
    auto items = open_queue(*sql);
    auto assessors = assessors_with_load(*sql);
    bool require_certification = assessors::load_lifecycle_settings(*sql).require_certification;
    coaching::DueDates due_dates(*sql);
    bool only_overdue = req.query_value("view") == "overdue";
    long long now = now_seconds();
    int overdue_count = 0;
    std::map<std::string, std::string> titles; // one parse per version, not per row
    auto rows = nlohmann::json::array();
    std::set<std::string> seen; // a double-scored submission has a row per open assignment
    for (const auto& item : items) {
        const auto& s = item.submission;
        if (!seen.insert(s.id).second) continue;
        long long due = due_dates.due(s.version_id, s.submitted_at);
        bool overdue = now > due;
        overdue_count += overdue;
        if (only_overdue && !overdue) continue;
        if (!titles.contains(s.version_id)) titles[s.version_id] = version_title(*sql, s.version_id, req.locale);
        auto plan = load_plan(*sql, s.id);
        bool adjudicating = plan && plan->stage == "adjudication";
        Need need{s.evidence_language, "", now_seconds(), require_certification};
        auto slots = active_slots(*sql, s.id);
        auto slot_rows = nlohmann::json::array();
        std::set<std::string> on_it;
        bool any_open = false;
        int scoring_taken = 0, scoring_open = 0;
        for (const auto& slot : slots) {
            if (slot.kind == "scoring") ++scoring_taken, scoring_open += slot.status == "assigned";
            on_it.insert(slot.assessor_id);
            bool open = slot.status == "assigned";
            any_open = any_open || open;
            slot_rows.push_back({{"assignment_id", slot.id},
                                 {"assessor_name", slot.assessor_name},
                                 {"role", app.t(req, role_key(slot.kind))},
                                 {"state", app.t(req, open ? "assessment.queue.state_open" : "assessment.queue.state_done")},
                                 {"open", open}});
        }
        auto options = nlohmann::json::array();
        for (const auto& a : assessors) {
            // Only assessors the server would accept: no conflicts, nobody already on it,
            // and only leads once it waits for adjudication.
            if (on_it.contains(a.candidate.person.id)) continue;
            if (adjudicating && !a.candidate.lead) continue;
            if (eligibility(a.candidate, {s.educator_id, s.educator_employer, {}}, need) != Ineligible::none) continue;
            options.push_back({{"id", a.candidate.person.id}, {"name", a.name}, {"open", a.candidate.open_assignments},
                               {"lead", a.candidate.lead}});
        }
        // The form only where the server would accept it: a free seat, or exactly one open
        // scoring to hand over, or a lead to (re)assign for adjudication.
        int seats = plan ? plan->scorers : 1;
        bool can_assign = adjudicating || scoring_taken < seats || scoring_open == 1;
        if (!can_assign) options.clear();
        std::string plan_text;
        if (plan && plan->scorers > 1) plan_text = app.t(req, plan_key(plan->reason));
        rows.push_back({{"submission_id", s.id},
                        {"title", titles[s.version_id]},
                        {"attempt", s.attempt},
                        {"language", app.catalog.text(req.locale, "assessment.languages." + s.evidence_language)},
                        {"age_days", age_in_days(s.submitted_at)},
                        {"submitted_on", format_date(s.submitted_at)},
                        {"due_on", format_date(due)},
                        {"overdue", overdue},
                        {"assigned", any_open},
                        {"slots", slot_rows},
                        {"has_slots", !slot_rows.empty()},
                        {"plan", plan_text},
                        {"adjudicating", adjudicating},
                        {"options", options},
                        {"has_options", !options.empty()},
                        {"seats_full", !can_assign}});
    }
    nlohmann::json ctx{{"title_key", "assessment.queue.title"},
                       {"items", rows},
                       {"empty", rows.empty()},
                       {"only_overdue", only_overdue},
                       {"overdue_count", overdue_count},
                       {"errors", errors},
                       {"done", done_notice(app, req)}};
    return app.views->page(req, "assessment/queue", ctx, status);
}

// Runs one state change in a transaction; on failure the queue is shown again with the reason.
template <class Step>
Result<Response> change(app::App& app, Request& req, Step step, const std::string& done) {
    Result<void> r;
    {
        auto sql = app.db->lease();
        db::WriteTx tx(*sql);
        r = step(*sql);
        if (r) tx.commit();
    }
    if (!r) {
        if (r.error().code == Errc::not_found) return std::unexpected(r.error());
        return queue_page(app, req, {app.t(req, r.error().key)}, http_status(r.error().code));
    }
    return Response::redirect("/admin/queue?done=" + done);
}

} // namespace

void install_queue_pages(app::App& app) {
    app::App* self = &app;
    auto admins = AccessRule::roles(accounts::any_admin);

    app.router.get("/admin/queue", admins, [self](Request& req) -> Result<Response> {
        return queue_page(*self, req, {}, 200);
    });

    app.router.post("/admin/queue/{submission}/assign", admins, [self](Request& req) -> Result<Response> {
        auto submission = req.param("submission");
        auto assessor = req.form_value("assessor_id");
        return change(*self, req, [&](soci::session& sql) -> Result<void> {
            if (assessor.empty()) TRY(assign_best(*self, sql, submission, req.principal.user_id));
            else TRY(assign(*self, sql, submission, assessor, req.principal.user_id));
            return {};
        }, "assigned");
    });

    app.router.post("/admin/queue/assignments/{assignment}/release", admins, [self](Request& req) -> Result<Response> {
        auto assignment = req.param("assignment");
        return change(*self, req, [&](soci::session& sql) { return release(*self, sql, assignment); }, "released");
    });

    app.router.post("/admin/queue/auto-assign", admins, [self](Request& req) -> Result<Response> {
        int n = auto_assign(*self);
        return Response::redirect("/admin/queue?done=auto&count=" + std::to_string(n));
    });
}

} // namespace mc::assessment
