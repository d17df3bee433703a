#include "reports/module.hpp"

#include "accounts/roles.hpp"
#include "accounts/workforce_facts_store.hpp"
#include "platform/db/database.hpp"
#include "reports/imports.hpp"
#include "reports/refresh.hpp"
#include "reports/report_store.hpp"
#include "reports/web.hpp"

namespace mc::reports {

void install(app::App& app) {
    install_dashboard_pages(app);
    install_micro_credential_pages(app);
    install_impact_pages(app);
    install_quarterly(app);
    install_api(app);
    // The agency's report snapshot, at most 15 minutes old (it logs its own errors).
    app.background_jobs.push_back(
        {"report snapshot", 30, [](app::App& a, long long now) { refresh_in_background(a, now); }});
    // A program director reaches their program's report from the dashboard.
    app::App* self = &app;
    app.dashboard_cards.push_back([self](const http::Request& req) {
        std::vector<app::DashboardCard> cards;
        if (!(req.principal.roles & accounts::director)) return cards;
        app::DashboardCard card;
        card.heading = self->t(req, "reports.card.heading");
        card.text = self->t(req, "reports.card.text");
        card.links = {{"/admin/reports", self->t(req, "reports.card.go")}};
        cards.push_back(std::move(card));
        return cards;
    });
}

void refresh_in_background(app::App& app, long long now) { refresh_if_stale(app, now); }

// The demo agency classified its counties and imported two QRIS ratings for each demo program,
// through the same readers the upload pages use.
Result<void> seed_demo(app::App& app) {
    auto sql = app.db->lease();
    if (!all_ratings(*sql).empty()) return {};
    std::vector<ProgramRef> refs;
    for (const auto& p : accounts::programs(*sql)) refs.push_back({p.id, p.license_number, p.name});
    auto classes = read_county_classes_csv("county,class\nPotter,rural\nLancaster,rural\nPhiladelphia,urban\n");
    auto ratings = read_ratings_csv("program,rated_on,stars\n"
                                    "FCC-118204,2025-03-01,2\nFCC-118204,2026-03-01,3\n"
                                    "CC-402117,2025-03-01,3\nCC-402117,2026-03-01,4\n"
                                    "HS-230981,2025-03-01,4\nHS-230981,2026-03-01,4\n",
                                    refs);
    if (!classes.errors.empty()) return fail(Errc::internal, "errors.internal", "demo county classes");
    db::WriteTx tx(*sql);
    if (accounts::county_classes(*sql).empty()) accounts::replace_county_classes(*sql, classes.classes, "");
    // Programs missing from the demo (another seed) leave their rows out; the rest still load.
    for (const auto& r : ratings.rows) upsert_rating(*sql, r, "");
    tx.commit();
    return {};
}

} // namespace mc::reports
