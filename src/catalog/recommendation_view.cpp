#include "catalog/recommendation_view.hpp"

#include "catalog/catalog_web.hpp"

namespace mc::catalog {

using nlohmann::json;

std::string recommendation_text(const app::App& app, std::string_view locale, const CreditRecommendation& r) {
    return app.catalog.format(locale, "catalog.credit_recommendations.line",
                              {{"hours", format_number(r.semester_hours)},
                               {"level", app.catalog.text(locale, "catalog.credit_recommendations.levels." + r.level)},
                               {"subject", r.subject}});
}

json recommendations_view(const app::App& app, std::string_view locale, const std::vector<CreditRecommendation>& list,
                          std::string_view today) {
    json lines = json::array();
    for (const auto& r : list) {
        if (!still_offered(r, today)) continue;
        std::string dates = r.effective_to.empty()
                                ? app.catalog.format(locale, "catalog.credit_recommendations.from", {{"from", r.effective_from}})
                                : app.catalog.format(locale, "catalog.credit_recommendations.from_to",
                                                     {{"from", r.effective_from}, {"to", r.effective_to}});
        lines.push_back({{"text", recommendation_text(app, locale, r)}, {"dates", dates}, {"current", in_effect(r, today)}});
    }
    return {{"credit_recommendations", lines}, {"has_credit_recommendations", !lines.empty()}};
}

} // namespace mc::catalog
