#include "reports/synthetic_store.hpp"

#include <cstdio>

namespace mc::reports::synthetic {

namespace {
constexpr std::size_t kRowsPerStatement = 400;

std::string literal(const Value& v) {
    if (std::holds_alternative<Null>(v)) return "NULL";
    if (auto i = std::get_if<long long>(&v)) return std::to_string(*i);
    if (auto d = std::get_if<double>(&v)) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.6f", *d);
        return buf;
    }
    std::string out = "'";
    for (char c : std::get<std::string>(v)) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}
} // namespace

Bulk::Bulk(soci::session& sql, std::string table, std::vector<std::string> columns, bool auto_flush)
    : sql_(sql), auto_flush_(auto_flush) {
    head_ = "INSERT INTO " + table + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) head_ += (i ? ", " : "") + columns[i];
    head_ += ") VALUES ";
}

Bulk::~Bulk() {
    try {
        flush();
    } catch (...) {
        // The caller's transaction rolls back; nothing half-written survives.
    }
}

void Bulk::row(std::vector<Value> values) {
    pending_ += rows_ ? ",(" : "(";
    for (std::size_t i = 0; i < values.size(); ++i) pending_ += (i ? "," : "") + literal(values[i]);
    pending_ += ")";
    if (++rows_ >= kRowsPerStatement && auto_flush_) flush();
}

bool Bulk::full() const { return rows_ >= kRowsPerStatement; }

void Bulk::flush() {
    if (!rows_) return;
    sql_ << head_ + pending_;
    written_ += static_cast<long long>(rows_);
    rows_ = 0;
    pending_.clear();
}

Anchors anchors(soci::session& sql) {
    Anchors a;
    soci::indicator i1 = soci::i_null, i2 = soci::i_null, i3 = soci::i_null;
    sql << "SELECT id FROM users WHERE email = 'assessor@demo.microcred.test'", soci::into(a.assessor_id, i1);
    sql << "SELECT id FROM issuers ORDER BY created_at, id LIMIT 1", soci::into(a.issuer_id, i2);
    sql << "SELECT id FROM issuer_keys WHERE issuer_id = :i AND retired_at IS NULL ORDER BY created_at DESC, id LIMIT 1",
        soci::use(a.issuer_id, "i"), soci::into(a.key_id, i3);
    if (i1 != soci::i_ok) a.assessor_id.clear();
    if (i2 != soci::i_ok) a.issuer_id.clear();
    if (i3 != soci::i_ok) a.key_id.clear();
    return a;
}

bool already_seeded(soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM users WHERE email LIKE 'syn-%@synthetic.microcred.test'", soci::into(n);
    return n > 0;
}

} // namespace mc::reports::synthetic
