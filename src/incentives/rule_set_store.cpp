#include "incentives/rule_set_store.hpp"

#include "platform/crypto/random.hpp"

namespace mc::incentives {

using nlohmann::json;

Result<std::string> save_rule_set(soci::session& sql, const json& document, const std::string& by, long long now) {
    std::vector<Issue> issues;
    auto rules = rule_set_from_json(document, issues);
    if (!rules) return fail(Errc::bad_input, issues.empty() ? "incentives.errors.shape" : issues.front().key,
                            issues.empty() ? "" : issues.front().field);
    std::string text = rule_set_to_json(*rules).dump(), id;
    soci::indicator found = soci::i_null;
    sql << "SELECT id FROM incentive_rule_sets WHERE slug = :s", soci::use(rules->slug, "s"), soci::into(id, found);
    if (found == soci::i_ok) {
        sql << "UPDATE incentive_rule_sets SET document = :d, updated_by = :b, updated_at = :t WHERE id = :id",
            soci::use(text, "d"), soci::use(by, "b"), soci::use(now, "t"), soci::use(id, "id");
        return id;
    }
    id = crypto::new_id();
    sql << "INSERT INTO incentive_rule_sets (id, slug, document, updated_by, updated_at) "
           "VALUES (:id, :s, :d, :b, :t)",
        soci::use(id, "id"), soci::use(rules->slug, "s"), soci::use(text, "d"), soci::use(by, "b"),
        soci::use(now, "t");
    return id;
}

namespace {

std::vector<RuleSetRecord> read(soci::statement& st, const std::string& id, const std::string& document,
                                const std::string& by, const long long& at) {
    std::vector<RuleSetRecord> out;
    st.execute();
    while (st.fetch()) {
        std::vector<Issue> issues;
        if (auto r = rule_set_from_json(json::parse(document, nullptr, false), issues))
            out.push_back({id, std::move(*r), by, at});
    }
    return out;
}

} // namespace

std::vector<RuleSetRecord> all_rule_sets(soci::session& sql) {
    std::string id, document, by;
    long long at = 0;
    soci::statement st = (sql.prepare << "SELECT id, document, updated_by, updated_at FROM incentive_rule_sets ORDER BY slug",
                          soci::into(id), soci::into(document), soci::into(by), soci::into(at));
    return read(st, id, document, by, at);
}

std::optional<RuleSetRecord> find_rule_set(soci::session& sql, const std::string& slug) {
    std::string id, document, by;
    long long at = 0;
    soci::statement st = (sql.prepare << "SELECT id, document, updated_by, updated_at FROM incentive_rule_sets "
                                         "WHERE slug = :s",
                          soci::use(slug, "s"), soci::into(id), soci::into(document), soci::into(by), soci::into(at));
    auto rows = read(st, id, document, by, at);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

} // namespace mc::incentives
