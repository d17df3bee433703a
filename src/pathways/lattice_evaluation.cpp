#include "pathways/lattice_evaluation.hpp"

namespace mc::pathways {

Facts with_completed(Facts facts, const std::vector<PathwayView>& pathways) {
    for (const auto& v : pathways)
        if (v.outcome.met || v.award) facts.pathways_completed.insert(v.version.definition.slug);
    return facts;
}

std::vector<LatticeView> evaluate_lattices(soci::session& sql, const std::string& educator_id, const Facts& facts,
                                           const OfferIndex& offers, bool apply, long long now) {
    std::vector<LatticeView> out;
    for (auto& record : all_lattices(sql)) {
        LatticeView view{std::move(record), {}, std::nullopt, {}};
        view.placement = place(view.lattice.definition, facts);
        const auto& levels = view.lattice.definition.levels;
        if (apply) {
            std::string code = view.placement.level >= 0 ? levels[view.placement.level].code : "";
            record_level(sql, educator_id, view.lattice.id, view.placement.rank, code, now);
        }
        view.recorded = current_level(sql, educator_id, view.lattice.definition.slug);
        if (view.placement.next >= 0) view.next = suggestions(view.placement.next_best, facts, offers.offers);
        out.push_back(std::move(view));
    }
    return out;
}

} // namespace mc::pathways
