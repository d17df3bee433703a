// The wiring every domain's web layer receives: configuration, database, catalogs, views,
// router and mailer. Each domain adds its routes in an install(App&) function.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/templates/views.hpp"

namespace mc::mail { class Mailer; }

namespace mc::app {

// A card another domain adds to the signed-in dashboard (pathway progress, a survey waiting,
// a requirement due). Texts come already in the caller's language, so the dashboard (accounts)
// needs no knowledge of the domain that made them, and no domain below reaches up into accounts.
struct DashboardCard {
    std::string heading, text;
    int progress_done = 0, progress_total = 0; // drawn as a progress bar when total > 0
    std::string progress_label;                // e.g. "5 of 8 areas"
    struct Link {
        std::string href, label;
    };
    std::vector<Link> links; // the first is the primary button
};
using DashboardCards = std::function<std::vector<DashboardCard>(const http::Request&)>;

// Something that happened to an educator, told to the domains that react to it (a pathway
// re-evaluated when an award completes it, a satisfaction survey offered after a decision).
// Handlers run inside the transaction of the change, on the caller's session, so what they
// write commits or rolls back with it; the publisher never learns who listens.
struct DomainEvent {
    std::string kind;        // "award_issued", "award_revoked", "decision_made", "coaching_closed"
    std::string educator_id; // whom it is about
    std::string subject_id;  // the award, decision or referral id
};
using DomainEventHandler = std::function<Result<void>(soci::session&, const DomainEvent&)>;

struct App;
// Work a domain wants done in the background of `microcred serve`: one sweeper thread wakes
// every 30 seconds and runs each job whose `every_seconds` have passed since it last ran (every
// job runs on the first turn). A job logs its own failures; an exception it lets out is logged
// with its name and the job runs again at its next turn. Tests call a job's function directly.
struct BackgroundJob {
    std::string name;
    long long every_seconds = 30;
    std::function<void(App&, long long now)> run;
};

struct App {
    Config config;
    std::shared_ptr<db::Database> db;
    i18n::Catalog catalog;
    std::unique_ptr<web::Views> views;
    http::Router router;
    std::shared_ptr<mail::Mailer> mailer; // set by the notifications wiring
    // Picks the locale (mc_lang cookie, then Accept-Language) and gives anonymous visitors a
    // double-submit CSRF token. The accounts gate runs it first, then resolves the session.
    std::function<void(http::Request&)> base_gate;
    // Each domain may add cards to /dashboard (called in order, for signed-in people only).
    std::vector<DashboardCards> dashboard_cards;
    // Listeners for DomainEvents (each domain's install adds its own).
    std::vector<DomainEventHandler> event_handlers;
    // Background jobs (each domain's install adds its own), run in this order by the sweeper.
    std::vector<BackgroundJob> background_jobs;
    // The notice on a draft that an assessor sent back as incomplete, for the educator's
    // submission page: assessment (to the right of evidence) fills it, evidence shows what it
    // returns ({returned_on, note, has_note, parts: [{title, problem}]} in the reader's
    // language, or null when there is none). Unset, the page shows no notice.
    std::function<nlohmann::json(const http::Request&, soci::session&, const std::string& submission_id)>
        returned_draft_notice;
    // Calls every listener in order; the first failure fails the caller's change.
    Result<void> publish(soci::session& sql, const DomainEvent& event) const {
        for (const auto& handler : event_handlers) TRY(handler(sql, event));
        return {};
    }

    // Opens the database, applies migrations, loads catalogs and templates, and adds the
    // routes every page relies on (static files, language switch, error pages).
    static Result<std::unique_ptr<App>> create(Config config);

    // "Not yet"-style convenience for handlers: an error page or JSON body in the caller's language.
    http::Response error_response(const http::Request& req, const Error& e) const;
    // Translated text in the caller's language.
    std::string t(const http::Request& req, std::string_view key) const { return catalog.text(req.locale, key); }
};

// MIME type from a file name's extension, for static files.
std::string content_type_for(const std::filesystem::path& p);

} // namespace mc::app
