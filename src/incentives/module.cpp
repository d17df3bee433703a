#include "incentives/module.hpp"

#include <fstream>
#include <set>

#include <spdlog/spdlog.h>

#include "incentives/rule_set_store.hpp"
#include "incentives/web.hpp"
#include "pathways/lattice_store.hpp"
#include "platform/db/database.hpp"

namespace mc::incentives {

void install(app::App& app) {
    install_pages(app);
    install_api(app);
}

Result<void> seed_demo(app::App& app) {
    auto file = app.config.source_dir / "web/demo/incentives/rule_sets.json";
    std::ifstream in(file);
    auto doc = nlohmann::json::parse(in, nullptr, false);
    if (!in.is_open() || !doc.is_object()) {
        spdlog::info("incentives: no demo rule sets in {}", file.string());
        return {};
    }
    auto sql = app.db->lease();
    db::WriteTx tx(*sql);
    std::set<std::string> lattices;
    for (const auto& l : pathways::all_lattices(*sql)) lattices.insert(l.definition.slug);
    for (const auto& l : doc.value("lattices", nlohmann::json::array())) {
        std::vector<pathways::RuleIssue> issues;
        auto def = pathways::lattice_from_json(l, issues);
        if (!def) return fail(Errc::bad_input, "pathways.errors.check_form", "demo lattice: " + issues.front().field);
        if (lattices.contains(def->slug)) continue;
        TRY(pathways::save_lattice(*sql, *def));
    }
    for (const auto& r : doc.value("rule_sets", nlohmann::json::array())) {
        if (!r.is_object() || !r.contains("slug") || !r["slug"].is_string()) continue;
        if (find_rule_set(*sql, r["slug"].get<std::string>())) continue;
        TRY(save_rule_set(*sql, r, "", 0));
    }
    tx.commit();
    return {};
}

} // namespace mc::incentives
