#include "pathways/module.hpp"

#include <ctime>
#include <fstream>

#include <spdlog/spdlog.h>

#include "accounts/notifications.hpp"
#include "accounts/workforce_facts_store.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"
#include "pathways/lattice_store.hpp"
#include "pathways/pathway_store.hpp"
#include "pathways/web.hpp"

namespace mc::pathways {

void install(app::App& app) {
    install_evaluation(app);
    install_pages(app);
    install_api(app);
    // Education requirement deadlines: reminders within the hour (each sent once).
    app.background_jobs.push_back({"requirement reminders", 3600, [](app::App& a, long long now) {
                                       int due = send_requirement_reminders(a, now);
                                       if (due > 0) spdlog::info("pathways: {} requirement reminders sent", due);
                                   }});
    install_college_pages(app);
    install_college_api(app);
}

// The demo agency's documents (web/demo/pathways/pathways.json): publishing the same document
// again is a no-op, so seeding twice changes nothing.
Result<void> seed_demo(app::App& app) {
    auto file = app.config.source_dir / "web/demo/pathways/pathways.json";
    std::ifstream in(file);
    auto doc = nlohmann::json::parse(in, nullptr, false);
    if (!in.is_open() || !doc.is_object()) {
        spdlog::info("pathways: no demo definitions in {}", file.string());
        return {};
    }
    auto sql = app.db->lease();
    db::WriteTx tx(*sql);
    if (doc.contains("clock_hours_per_credit") && doc["clock_hours_per_credit"].is_number())
        set_clock_hours_per_credit(*sql, doc["clock_hours_per_credit"].get<double>());
    for (const auto& p : doc.value("pathways", nlohmann::json::array())) {
        std::vector<RuleIssue> issues;
        auto def = pathway_from_json(p, issues);
        if (!def) return fail(Errc::bad_input, "pathways.errors.check_form", "demo pathway: " + issues.front().field);
        TRY(publish_pathway(*sql, *def));
    }
    for (const auto& r : doc.value("requirements", nlohmann::json::array())) {
        std::vector<RuleIssue> issues;
        auto def = requirement_from_json(r, issues);
        if (!def) return fail(Errc::bad_input, "pathways.errors.check_form", "demo requirement: " + issues.front().field);
        TRY(save_requirement(*sql, *def));
    }
    for (const auto& l : doc.value("lattices", nlohmann::json::array())) {
        std::vector<RuleIssue> issues;
        auto def = lattice_from_json(l, issues);
        if (!def) return fail(Errc::bad_input, "pathways.errors.check_form", "demo lattice: " + issues.front().field);
        TRY(save_lattice(*sql, *def));
    }
    tx.commit();
    return {};
}

int send_requirement_reminders(app::App& app, long long now) {
    auto sql = app.db->lease();
    std::vector<std::string> educators;
    accounts::for_each_person(*sql, [&](const accounts::PersonFacts& p) {
        if (!p.disabled && !p.job_role.empty()) educators.push_back(p.id);
    });
    if (educators.empty()) return 0;
    auto offers = load_offers(*sql);
    int sent = 0;
    for (const auto& id : educators) {
        auto facts = facts_of(*sql, id, offers);
        for (const auto& v : requirement_views(*sql, id, facts, now)) {
            if (v.status.standing == Standing::met || v.status.due_at == 0) continue;
            long long days = (v.status.due_at - now) / 86400;
            const char* step = days <= 30 ? "due_30" : days <= kAtRiskDays ? "due_180" : nullptr;
            if (!step) continue;
            db::WriteTx tx(*sql);
            if (!claim_reminder(*sql, id, v.requirement.id, step, now)) continue;
            auto person = accounts::person_facts(*sql, id);
            std::string locale = person && person->locale == "es" ? "es" : "en";
            auto done = accounts::notify(app, *sql, id, "requirement_due",
                                         {{"requirement", v.requirement.definition.title.in(locale)},
                                          {"date", day_of(v.status.due_at)}},
                                         "/pathways");
            if (!done) {
                spdlog::error("pathways: reminder for {}: {}", id, done.error().detail);
                continue;
            }
            tx.commit();
            ++sent;
        }
    }
    return sent;
}

} // namespace mc::pathways
