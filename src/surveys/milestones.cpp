// Satisfaction surveys offered at milestones: a decision, an award, the end of coaching. The
// listener runs inside the milestone's own transaction (app.publish), so an invitation exists
// exactly when its milestone committed. Pending invitations show as a card on the dashboard.
#include "accounts/notifications.hpp"
#include "assessment/outcome_facts_store.hpp"
#include "credentials/web/award_facts_store.hpp"
#include "accounts/workforce_facts_store.hpp"
#include "surveys/survey_store.hpp"
#include "surveys/web.hpp"

namespace mc::surveys {

namespace {
std::string micro_credential_of(soci::session& sql, const app::DomainEvent& e) {
    if (e.kind == "decision_made") return assessment::micro_credential_of_decision(sql, e.subject_id);
    if (e.kind == "coaching_closed") return assessment::micro_credential_of_referral(sql, e.subject_id);
    if (e.kind == "award_issued") return credentials::micro_credential_of_award(sql, e.subject_id);
    return {};
}
} // namespace

void install_milestones(app::App& app) {
    app::App* self = &app;
    app.event_handlers.push_back([self](soci::session& sql, const app::DomainEvent& e) -> Result<void> {
        if (!is_milestone(e.kind) || e.educator_id.empty()) return {};
        auto surveys = open_surveys_for(sql, e.kind);
        if (surveys.empty()) return {};
        auto micro_credential = micro_credential_of(sql, e);
        for (const auto& survey_id : surveys) {
            auto id = invite(sql, survey_id, e.educator_id, e.subject_id, micro_credential);
            if (!id) continue;
            auto s = TRY(load_survey(sql, survey_id));
            auto person = accounts::person_facts(sql, e.educator_id);
            std::string locale = person ? person->locale : "en";
            TRY(accounts::notify(*self, sql, e.educator_id, "survey_invited", {{"survey", s.title.in(locale)}},
                                 "/surveys/" + *id));
        }
        return {};
    });

    app.dashboard_cards.push_back([self](const http::Request& req) {
        std::vector<app::DashboardCard> cards;
        auto sql = self->db->lease();
        for (const auto& inv : pending_invitations(*sql, req.principal.user_id, 2)) {
            auto s = load_survey(*sql, inv.survey_id);
            if (!s) continue;
            app::DashboardCard card;
            card.heading = s->title.in(req.locale);
            card.text = self->catalog.format(req.locale, "surveys.card.text",
                                             {{"count", std::to_string(s->items.size())}});
            card.links = {{"/surveys/" + inv.id, self->t(req, "surveys.card.answer")}};
            cards.push_back(std::move(card));
        }
        return cards;
    });
}

} // namespace mc::surveys
