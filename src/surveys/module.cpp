#include "surveys/module.hpp"

#include "platform/db/database.hpp"
#include "surveys/survey_store.hpp"
#include "surveys/web.hpp"

namespace mc::surveys {

void install(app::App& app) {
    install_builder_pages(app);
    install_answer_pages(app);
    install_api(app);
    install_milestones(app);
}

// The demo agency has run a needs assessment (a draft ready to send) and offers a short
// satisfaction survey after every decision and after coaching closes.
Result<void> seed_demo(app::App& app) {
    auto sql = app.db->lease();
    if (survey_count(*sql) > 0) return {};
    auto texts = [&app](std::string_view l, std::string_view k) { return app.catalog.text(l, k); };
    db::WriteTx tx(*sql);
    TRY(create_survey(*sql, needs_assessment_template(texts), ""));
    for (auto milestone : {"decision_made", "coaching_closed"}) {
        auto id = TRY(create_survey(*sql, satisfaction_template(texts, milestone), ""));
        TRY(set_status(*sql, id, "draft", "open"));
    }
    tx.commit();
    return {};
}

} // namespace mc::surveys
