#include "pathways/lattice_store.hpp"

#include <ctime>

#include "platform/crypto/random.hpp"

namespace mc::pathways {

using nlohmann::json;

Result<std::string> save_lattice(soci::session& sql, const LatticeDefinition& l) {
    std::string id, document = lattice_to_json(l).dump();
    soci::indicator found = soci::i_null;
    long long now = static_cast<long long>(std::time(nullptr));
    sql << "SELECT id FROM lattices WHERE slug = :s", soci::use(l.slug, "s"), soci::into(id, found);
    if (found == soci::i_ok) {
        sql << "UPDATE lattices SET document = :d, updated_at = :t WHERE id = :id", soci::use(document, "d"),
            soci::use(now, "t"), soci::use(id, "id");
        return id;
    }
    id = crypto::new_id();
    sql << "INSERT INTO lattices (id, slug, document, updated_at) VALUES (:id, :s, :d, :t)", soci::use(id, "id"),
        soci::use(l.slug, "s"), soci::use(document, "d"), soci::use(now, "t");
    return id;
}

std::vector<LatticeRecord> all_lattices(soci::session& sql) {
    std::vector<LatticeRecord> out;
    std::string id, document;
    soci::statement st =
        (sql.prepare << "SELECT id, document FROM lattices ORDER BY slug", soci::into(id), soci::into(document));
    st.execute();
    while (st.fetch()) {
        std::vector<RuleIssue> issues;
        if (auto l = lattice_from_json(json::parse(document, nullptr, false), issues)) out.push_back({id, std::move(*l)});
    }
    return out;
}

namespace {

std::vector<LevelPlacement> select_levels(soci::session& sql, const std::string& educator_id, const std::string* slug) {
    std::vector<LevelPlacement> out;
    LevelPlacement p;
    // One lattice or all of them, with the same bindings either way (no slug is empty).
    std::string pattern = slug ? *slug : std::string();
    std::string query = std::string("SELECT p.educator_id, p.lattice_id, l.slug, p.level_rank, p.level_code, p.changed_at, "
                                    "p.evaluated_at FROM lattice_placements p JOIN lattices l ON l.id = p.lattice_id "
                                    "WHERE p.educator_id = :e") +
                        (slug ? " AND l.slug = :s" : " AND l.slug <> :s") + " ORDER BY l.slug";
    soci::statement st =
        (sql.prepare << query,
         soci::use(educator_id, "e"), soci::use(pattern, "s"), soci::into(p.educator_id),
         soci::into(p.lattice_id), soci::into(p.lattice_slug), soci::into(p.rank), soci::into(p.code),
         soci::into(p.changed_at), soci::into(p.evaluated_at));
    st.execute();
    while (st.fetch()) out.push_back(p);
    return out;
}

} // namespace

std::optional<LevelPlacement> current_level(soci::session& sql, const std::string& educator_id,
                                            const std::string& lattice_slug) {
    auto found = select_levels(sql, educator_id, &lattice_slug);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<LevelPlacement> levels_of(soci::session& sql, const std::string& educator_id) {
    return select_levels(sql, educator_id, nullptr);
}

bool record_level(soci::session& sql, const std::string& educator_id, const std::string& lattice_id, int rank,
                  const std::string& code, long long now) {
    int recorded = 0;
    soci::indicator found = soci::i_null;
    sql << "SELECT level_rank FROM lattice_placements WHERE educator_id = :e AND lattice_id = :l",
        soci::use(educator_id, "e"), soci::use(lattice_id, "l"), soci::into(recorded, found);
    int from = found == soci::i_ok ? recorded : 0;
    bool changed = rank != from;
    if (found != soci::i_ok) {
        sql << "INSERT INTO lattice_placements (educator_id, lattice_id, level_rank, level_code, changed_at, "
               "evaluated_at) VALUES (:e, :l, :r, :c, :t, :t2)",
            soci::use(educator_id, "e"), soci::use(lattice_id, "l"), soci::use(rank, "r"), soci::use(code, "c"),
            soci::use(now, "t"), soci::use(now, "t2");
    } else if (changed) {
        sql << "UPDATE lattice_placements SET level_rank = :r, level_code = :c, changed_at = :t, evaluated_at = :t2 "
               "WHERE educator_id = :e AND lattice_id = :l",
            soci::use(rank, "r"), soci::use(code, "c"), soci::use(now, "t"), soci::use(now, "t2"),
            soci::use(educator_id, "e"), soci::use(lattice_id, "l");
    } else {
        sql << "UPDATE lattice_placements SET evaluated_at = :t WHERE educator_id = :e AND lattice_id = :l",
            soci::use(now, "t"), soci::use(educator_id, "e"), soci::use(lattice_id, "l");
    }
    if (changed) {
        std::string id = crypto::new_id();
        int seq = 0;
        sql << "SELECT COUNT(*) FROM lattice_changes WHERE educator_id = :e", soci::use(educator_id, "e"), soci::into(seq);
        sql << "INSERT INTO lattice_changes (id, educator_id, lattice_id, from_rank, to_rank, to_code, seq, changed_at) "
               "VALUES (:id, :e, :l, :f, :r, :c, :q, :t)",
            soci::use(id, "id"), soci::use(educator_id, "e"), soci::use(lattice_id, "l"), soci::use(from, "f"),
            soci::use(rank, "r"), soci::use(code, "c"), soci::use(seq, "q"), soci::use(now, "t");
    }
    return changed;
}

std::vector<LevelChange> level_changes_of(soci::session& sql, const std::string& educator_id) {
    std::vector<LevelChange> out;
    LevelChange c;
    std::string id;
    soci::statement st = (sql.prepare << "SELECT id, lattice_id, from_rank, to_rank, to_code, changed_at FROM "
                                         "lattice_changes WHERE educator_id = :e ORDER BY seq",
                          soci::use(educator_id, "e"), soci::into(id), soci::into(c.lattice_id), soci::into(c.from_rank),
                          soci::into(c.to_rank), soci::into(c.to_code), soci::into(c.changed_at));
    st.execute();
    while (st.fetch()) out.push_back(c);
    return out;
}

} // namespace mc::pathways
