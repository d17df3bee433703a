#include "incentives/application_store.hpp"

#include "platform/crypto/random.hpp"

namespace mc::incentives {

using nlohmann::json;

namespace {

constexpr const char* kSelect =
    "SELECT id, rule_set_id, educator_id, employment_id, org_id, fiscal_year, status, amount_cents, estimate, "
    "applied_at, confirmed_by, confirmed_at, decided_by, decided_at, decision_note FROM incentive_applications ";

std::vector<Application> select(soci::session& sql, const std::string& where, const std::string& value) {
    std::vector<Application> out;
    Application a;
    std::string estimate, v = value;
    soci::statement st = (sql.prepare << std::string(kSelect) + where, soci::use(v, "v"), soci::into(a.id),
                          soci::into(a.rule_set_id), soci::into(a.educator_id), soci::into(a.employment_id),
                          soci::into(a.org_id), soci::into(a.fiscal_year), soci::into(a.status),
                          soci::into(a.amount_cents), soci::into(estimate), soci::into(a.applied_at),
                          soci::into(a.confirmed_by), soci::into(a.confirmed_at), soci::into(a.decided_by),
                          soci::into(a.decided_at), soci::into(a.decision_note));
    st.execute();
    while (st.fetch()) {
        Application row = a;
        row.estimate = json::parse(estimate, nullptr, false);
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<PaymentLine> select_lines(soci::session& sql, const std::string& where, const std::string& value) {
    std::vector<PaymentLine> out;
    PaymentLine l;
    std::string v = value, export_id;
    soci::indicator export_ind = soci::i_null;
    soci::statement st =
        (sql.prepare << "SELECT l.id, l.application_id, a.rule_set_id, a.educator_id, a.org_id, l.installment, "
                        "l.amount_cents, l.period_start, l.period_end, l.export_id, l.created_at "
                        "FROM incentive_payment_lines l JOIN incentive_applications a ON a.id = l.application_id " +
                            where,
         soci::use(v, "v"), soci::into(l.id), soci::into(l.application_id), soci::into(l.rule_set_id),
         soci::into(l.educator_id), soci::into(l.org_id), soci::into(l.installment), soci::into(l.amount_cents),
         soci::into(l.period_start), soci::into(l.period_end), soci::into(export_id, export_ind),
         soci::into(l.created_at));
    st.execute();
    while (st.fetch()) {
        PaymentLine row = l;
        row.export_id = export_ind == soci::i_ok ? export_id : "";
        out.push_back(std::move(row));
    }
    return out;
}

} // namespace

Result<std::string> insert_application(soci::session& sql, const Application& a) {
    std::string open_key = std::to_string(a.fiscal_year), rs = a.rule_set_id, ed = a.educator_id;
    long long standing = 0;
    sql << "SELECT COUNT(*) FROM incentive_applications WHERE rule_set_id = :r AND educator_id = :e AND open_key = :k",
        soci::use(rs, "r"), soci::use(ed, "e"), soci::use(open_key, "k"), soci::into(standing);
    if (standing > 0)
        return fail(Errc::conflict, "incentives.errors.already_applied", "an application stands for " + open_key);
    std::string id = crypto::new_id(), estimate = a.estimate.dump(), status = "submitted", emp = a.employment_id,
                org = a.org_id;
    int fy = a.fiscal_year;
    long long amount = a.amount_cents, at = a.applied_at;
    sql << "INSERT INTO incentive_applications (id, rule_set_id, educator_id, employment_id, org_id, fiscal_year, "
           "open_key, status, amount_cents, estimate, applied_at) VALUES (:id, :r, :e, :emp, :org, :fy, :k, :s, :amt, "
           ":est, :at)",
        soci::use(id, "id"), soci::use(rs, "r"), soci::use(ed, "e"), soci::use(emp, "emp"), soci::use(org, "org"),
        soci::use(fy, "fy"), soci::use(open_key, "k"), soci::use(status, "s"), soci::use(amount, "amt"),
        soci::use(estimate, "est"), soci::use(at, "at");
    return id;
}

std::optional<Application> find_application(soci::session& sql, const std::string& id) {
    auto found = select(sql, "WHERE id = :v", id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Application> applications_of(soci::session& sql, const std::string& educator_id) {
    return select(sql, "WHERE educator_id = :v ORDER BY applied_at DESC, id", educator_id);
}

std::vector<Application> applications_at(soci::session& sql, const std::string& org_id) {
    return select(sql, "WHERE org_id = :v ORDER BY applied_at DESC, id", org_id);
}

std::vector<Application> all_applications(soci::session& sql, int limit) {
    return select(sql, "WHERE id <> :v ORDER BY applied_at DESC, id LIMIT " + std::to_string(limit), "");
}

std::vector<int> approved_fiscal_years(soci::session& sql, const std::string& rule_set_id, const std::string& educator_id) {
    std::vector<int> out;
    int fy = 0;
    std::string r = rule_set_id, e = educator_id;
    soci::statement st = (sql.prepare << "SELECT fiscal_year FROM incentive_applications WHERE rule_set_id = :r AND "
                                         "educator_id = :e AND status = 'approved' ORDER BY fiscal_year",
                          soci::use(r, "r"), soci::use(e, "e"), soci::into(fy));
    st.execute();
    while (st.fetch()) out.push_back(fy);
    return out;
}

Result<void> mark_confirmed(soci::session& sql, const std::string& id, const std::string& by, long long amount_cents,
                            const json& estimate, long long now) {
    std::string i = id, b = by, est = estimate.dump();
    long long amount = amount_cents, t = now;
    soci::statement st = (sql.prepare << "UPDATE incentive_applications SET status = 'confirmed', confirmed_by = :b, "
                                         "confirmed_at = :t, amount_cents = :amt, estimate = :est "
                                         "WHERE id = :id AND status = 'submitted'",
                          soci::use(b, "b"), soci::use(t, "t"), soci::use(amount, "amt"), soci::use(est, "est"),
                          soci::use(i, "id"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return fail(Errc::conflict, "incentives.errors.state", "not submitted: " + id);
    return {};
}

long long approved_cents(soci::session& sql, const std::string& rule_set_id) {
    long long total = 0;
    std::string r = rule_set_id;
    sql << "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM incentive_applications "
           "WHERE rule_set_id = :r AND status = 'approved'",
        soci::use(r, "r"), soci::into(total);
    return total;
}

Result<void> mark_approved(soci::session& sql, const Application& a, long long budget_cents, const std::string& by,
                           const std::string& note, const std::vector<LineInput>& lines, long long now) {
    std::string r = a.rule_set_id;
    // Lock the rule set's row (PostgreSQL: a row lock until commit; SQLite: the write lock) so
    // approvals under one budget are counted one after another.
    sql << "UPDATE incentive_rule_sets SET updated_at = updated_at WHERE id = :r", soci::use(r, "r");
    long long committed = approved_cents(sql, a.rule_set_id);
    if (budget_cents > 0 && committed + a.amount_cents > budget_cents)
        return fail(Errc::conflict, "incentives.errors.over_budget",
                    "committed " + std::to_string(committed) + " + " + std::to_string(a.amount_cents) + " > " +
                        std::to_string(budget_cents));
    std::string i = a.id, b = by, n = note;
    long long t = now;
    soci::statement st = (sql.prepare << "UPDATE incentive_applications SET status = 'approved', decided_by = :b, "
                                         "decided_at = :t, decision_note = :n WHERE id = :id AND status = 'confirmed'",
                          soci::use(b, "b"), soci::use(t, "t"), soci::use(n, "n"), soci::use(i, "id"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return fail(Errc::conflict, "incentives.errors.state", "not confirmed: " + a.id);
    for (const auto& l : lines) {
        std::string id = crypto::new_id(), start = l.period_start, end = l.period_end;
        int n_inst = l.installment;
        long long cents = l.cents;
        sql << "INSERT INTO incentive_payment_lines (id, application_id, installment, amount_cents, period_start, "
               "period_end, created_at) VALUES (:id, :a, :n, :c, :s, :e, :t)",
            soci::use(id, "id"), soci::use(i, "a"), soci::use(n_inst, "n"), soci::use(cents, "c"),
            soci::use(start, "s"), soci::use(end, "e"), soci::use(t, "t");
    }
    return {};
}

Result<void> mark_denied(soci::session& sql, const std::string& id, const std::string& by, const std::string& note,
                         long long now) {
    std::string i = id, b = by, n = note;
    long long t = now;
    soci::statement st = (sql.prepare << "UPDATE incentive_applications SET status = 'denied', open_key = id, "
                                         "decided_by = :b, decided_at = :t, decision_note = :n "
                                         "WHERE id = :id AND status IN ('submitted', 'confirmed')",
                          soci::use(b, "b"), soci::use(t, "t"), soci::use(n, "n"), soci::use(i, "id"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return fail(Errc::conflict, "incentives.errors.state", "already decided: " + id);
    return {};
}

std::vector<PaymentLine> lines_of(soci::session& sql, const std::string& application_id) {
    return select_lines(sql, "WHERE l.application_id = :v ORDER BY l.installment", application_id);
}

std::vector<PaymentLine> unexported_lines(soci::session& sql) {
    return select_lines(sql, "WHERE l.export_id IS NULL AND l.id <> :v ORDER BY l.created_at, l.application_id, l.installment", "");
}

std::vector<PaymentLine> lines_in_export(soci::session& sql, const std::string& export_id) {
    return select_lines(sql, "WHERE l.export_id = :v ORDER BY l.created_at, l.application_id, l.installment", export_id);
}

std::optional<Export> create_export(soci::session& sql, const std::string& by, long long now) {
    auto lines = unexported_lines(sql);
    if (lines.empty()) return std::nullopt;
    Export e{crypto::new_id(), by, now, static_cast<long long>(lines.size()), 0};
    for (const auto& l : lines) e.total_cents += l.amount_cents;
    sql << "INSERT INTO incentive_exports (id, created_by, created_at, line_count, total_cents) VALUES "
           "(:id, :b, :t, :n, :c)",
        soci::use(e.id, "id"), soci::use(e.created_by, "b"), soci::use(e.created_at, "t"),
        soci::use(e.line_count, "n"), soci::use(e.total_cents, "c");
    // Only the lines counted above: a line approved meanwhile waits for the next export.
    for (const auto& l : lines) {
        std::string lid = l.id;
        sql << "UPDATE incentive_payment_lines SET export_id = :x WHERE id = :id AND export_id IS NULL",
            soci::use(e.id, "x"), soci::use(lid, "id");
    }
    return e;
}

namespace {
std::vector<Export> select_exports(soci::session& sql, const std::string& where, const std::string& value) {
    std::vector<Export> out;
    Export e;
    std::string v = value;
    soci::statement st = (sql.prepare << "SELECT id, created_by, created_at, line_count, total_cents FROM "
                                         "incentive_exports " + where,
                          soci::use(v, "v"), soci::into(e.id), soci::into(e.created_by), soci::into(e.created_at),
                          soci::into(e.line_count), soci::into(e.total_cents));
    st.execute();
    while (st.fetch()) out.push_back(e);
    return out;
}
} // namespace

std::optional<Export> find_export(soci::session& sql, const std::string& id) {
    auto found = select_exports(sql, "WHERE id = :v", id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Export> all_exports(soci::session& sql) {
    return select_exports(sql, "WHERE id <> :v ORDER BY created_at DESC, id", "");
}

void audit(soci::session& sql, const std::string& application_id, const std::string& actor_id, const std::string& action,
           const json& detail, long long now) {
    std::string a = application_id, actor = actor_id, act = action, d = detail.dump(), id = crypto::new_id();
    int seq = 0;
    sql << "SELECT CAST(COALESCE(MAX(seq), 0) AS INTEGER) FROM incentive_audit WHERE application_id = :a",
        soci::use(a, "a"), soci::into(seq);
    ++seq;
    long long t = now;
    sql << "INSERT INTO incentive_audit (id, application_id, seq, actor_id, action, detail, at) VALUES "
           "(:id, :a, :s, :actor, :act, :d, :t)",
        soci::use(id, "id"), soci::use(a, "a"), soci::use(seq, "s"), soci::use(actor, "actor"), soci::use(act, "act"),
        soci::use(d, "d"), soci::use(t, "t");
}

std::vector<AuditEntry> audit_of(soci::session& sql, const std::string& application_id) {
    std::vector<AuditEntry> out;
    AuditEntry e;
    std::string a = application_id, detail;
    soci::statement st = (sql.prepare << "SELECT actor_id, action, detail, at FROM incentive_audit WHERE "
                                         "application_id = :a ORDER BY seq",
                          soci::use(a, "a"), soci::into(e.actor_id), soci::into(e.action), soci::into(detail),
                          soci::into(e.at));
    st.execute();
    while (st.fetch()) {
        AuditEntry row = e;
        row.detail = json::parse(detail, nullptr, false);
        out.push_back(std::move(row));
    }
    return out;
}

} // namespace mc::incentives
