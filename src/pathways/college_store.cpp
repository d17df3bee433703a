#include "pathways/college_store.hpp"

#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::pathways {

using nlohmann::json;

namespace {

constexpr const char* kPortfolioSelect =
    "SELECT p.id, p.educator_id, u.display_name, p.college_org_id, o.name, p.clr, p.summary, p.sent_at, "
    "p.withdrawn_at FROM college_portfolios p JOIN users u ON u.id = p.educator_id "
    "JOIN organizations o ON o.id = p.college_org_id ";

std::vector<Portfolio> select_portfolios(soci::session& sql, const std::string& where, const std::string& value) {
    std::vector<Portfolio> out;
    Portfolio p;
    std::string clr, summary, v = value;
    long long withdrawn = 0;
    soci::indicator withdrawn_ind = soci::i_null;
    soci::statement st = (sql.prepare << std::string(kPortfolioSelect) + where, soci::use(v, "v"), soci::into(p.id),
                          soci::into(p.educator_id), soci::into(p.educator_name), soci::into(p.college_org_id),
                          soci::into(p.college_name), soci::into(clr), soci::into(summary), soci::into(p.sent_at),
                          soci::into(withdrawn, withdrawn_ind));
    st.execute();
    while (st.fetch()) {
        Portfolio row = p;
        row.clr = json::parse(clr, nullptr, false);
        row.summary = json::parse(summary, nullptr, false);
        row.withdrawn_at = withdrawn_ind == soci::i_ok ? withdrawn : 0;
        out.push_back(std::move(row));
    }
    return out;
}

} // namespace

Result<std::string> save_portfolio(soci::session& sql, const std::string& educator_id, const std::string& college_org_id,
                                   const json& clr, const json& summary, long long now) {
    long long open = 0;
    std::string e = educator_id, c = college_org_id;
    sql << "SELECT COUNT(*) FROM college_portfolios WHERE educator_id = :e AND college_org_id = :c AND "
           "withdrawn_at IS NULL",
        soci::use(e, "e"), soci::use(c, "c"), soci::into(open);
    if (open > 0)
        return fail(Errc::conflict, "pathways.college.errors.already_sent", "an open portfolio at " + college_org_id);
    std::string id = crypto::new_id(), clr_text = clr.dump(), summary_text = summary.dump();
    sql << "INSERT INTO college_portfolios (id, educator_id, college_org_id, clr, summary, sent_at) VALUES "
           "(:id, :e, :c, :clr, :s, :t)",
        soci::use(id, "id"), soci::use(e, "e"), soci::use(c, "c"), soci::use(clr_text, "clr"),
        soci::use(summary_text, "s"), soci::use(now, "t");
    return id;
}

std::optional<Portfolio> find_portfolio(soci::session& sql, const std::string& id) {
    auto found = select_portfolios(sql, "WHERE p.id = :v", id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Portfolio> portfolios_of(soci::session& sql, const std::string& educator_id) {
    return select_portfolios(sql, "WHERE p.educator_id = :v ORDER BY p.sent_at DESC, p.id", educator_id);
}

std::vector<Portfolio> portfolios_at(soci::session& sql, const std::string& college_org_id) {
    return select_portfolios(sql, "WHERE p.college_org_id = :v AND p.withdrawn_at IS NULL ORDER BY p.sent_at DESC, p.id",
                             college_org_id);
}

Result<void> withdraw_portfolio(soci::session& sql, const std::string& id, long long now) {
    std::string i = id;
    soci::statement st = (sql.prepare << "UPDATE college_portfolios SET withdrawn_at = :t WHERE id = :id AND "
                                         "withdrawn_at IS NULL",
                          soci::use(now, "t"), soci::use(i, "id"));
    st.execute(true);
    if (st.get_affected_rows() == 0) return fail(Errc::conflict, "pathways.college.errors.withdrawn", "portfolio " + id);
    return {};
}

void save_decision(soci::session& sql, const std::string& portfolio_id, const CreditDecisionInput& d,
                   const std::string& decided_by, long long now) {
    std::string p = portfolio_id, a = d.award_id, o = d.outcome, course = d.course_equivalent, reason = d.reason,
                by = decided_by;
    double hours = d.semester_hours;
    db::lock_row(sql, "college_portfolios", portfolio_id); // two decisions on one credential at once
    sql << "DELETE FROM college_credit_decisions WHERE portfolio_id = :p AND award_id = :a", soci::use(p, "p"),
        soci::use(a, "a");
    sql << "INSERT INTO college_credit_decisions (portfolio_id, award_id, outcome, semester_hours, course_equivalent, "
           "reason, decided_by, decided_at) VALUES (:p, :a, :o, :h, :c, :r, :by, :t)",
        soci::use(p, "p"), soci::use(a, "a"), soci::use(o, "o"), soci::use(hours, "h"), soci::use(course, "c"),
        soci::use(reason, "r"), soci::use(by, "by"), soci::use(now, "t");
}

std::vector<CreditDecision> decisions_of(soci::session& sql, const std::string& portfolio_id) {
    std::vector<CreditDecision> out;
    CreditDecision d;
    std::string p = portfolio_id;
    soci::statement st = (sql.prepare << "SELECT d.portfolio_id, d.award_id, d.outcome, d.course_equivalent, d.reason, "
                                         "d.decided_by, u.display_name, d.semester_hours, d.decided_at FROM "
                                         "college_credit_decisions d JOIN users u ON u.id = d.decided_by WHERE "
                                         "d.portfolio_id = :p ORDER BY d.decided_at, d.award_id",
                          soci::use(p, "p"), soci::into(d.portfolio_id), soci::into(d.award_id), soci::into(d.outcome),
                          soci::into(d.course_equivalent), soci::into(d.reason), soci::into(d.decided_by),
                          soci::into(d.decided_by_name), soci::into(d.semester_hours), soci::into(d.decided_at));
    st.execute();
    while (st.fetch()) out.push_back(d);
    return out;
}

void audit(soci::session& sql, const std::string& portfolio_id, const std::string& actor_id, const std::string& action,
           const std::string& detail, long long now) {
    std::string id = crypto::new_id(), p = portfolio_id, a = actor_id, act = action, d = detail;
    int seq = 0;
    // Steps on one portfolio queue on its row, so a second one reads the first one's seq.
    db::lock_row(sql, "college_portfolios", portfolio_id);
    sql << "SELECT COALESCE(MAX(seq), 0) + 1 FROM college_audit WHERE portfolio_id = :p", soci::use(p, "p"), soci::into(seq);
    sql << "INSERT INTO college_audit (id, portfolio_id, seq, actor_id, action, detail, at) VALUES (:id, :p, :seq, :a, "
           ":act, :d, :t)",
        soci::use(id, "id"), soci::use(p, "p"), soci::use(seq, "seq"), soci::use(a, "a"), soci::use(act, "act"),
        soci::use(d, "d"), soci::use(now, "t");
}

std::vector<CollegeAuditEntry> audit_of(soci::session& sql, const std::string& portfolio_id) {
    std::vector<CollegeAuditEntry> out;
    CollegeAuditEntry e;
    std::string p = portfolio_id, id;
    soci::statement st = (sql.prepare << "SELECT l.id, l.actor_id, u.display_name, l.action, l.detail, l.at FROM "
                                         "college_audit l JOIN users u ON u.id = l.actor_id WHERE l.portfolio_id = :p "
                                         "ORDER BY l.seq",
                          soci::use(p, "p"), soci::into(id), soci::into(e.actor_id), soci::into(e.actor_name),
                          soci::into(e.action), soci::into(e.detail), soci::into(e.at));
    st.execute();
    while (st.fetch()) out.push_back(e);
    return out;
}

std::vector<CollegeCreditTotals> credit_by_college(soci::session& sql) {
    std::vector<CollegeCreditTotals> out;
    CollegeCreditTotals t;
    double hours = 0;
    soci::indicator hours_ind = soci::i_null;
    soci::statement st =
        (sql.prepare << "SELECT p.college_org_id, o.name, COUNT(DISTINCT p.id), "
                        "SUM(CASE WHEN d.outcome = 'granted' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN d.outcome = 'denied' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN d.outcome = 'granted' THEN d.semester_hours ELSE 0 END) "
                        "FROM college_portfolios p JOIN organizations o ON o.id = p.college_org_id "
                        "LEFT JOIN college_credit_decisions d ON d.portfolio_id = p.id "
                        "GROUP BY p.college_org_id, o.name ORDER BY o.name",
         soci::into(t.college_org_id), soci::into(t.college_name), soci::into(t.portfolios), soci::into(t.granted),
         soci::into(t.denied), soci::into(hours, hours_ind));
    st.execute();
    while (st.fetch()) {
        CollegeCreditTotals row = t;
        row.hours = hours_ind == soci::i_ok ? hours : 0;
        out.push_back(row);
    }
    return out;
}

} // namespace mc::pathways
