#include "platform/db/text_repair.hpp"

#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "platform/text/utf8.hpp"

namespace mc::db {

namespace {

std::string quoted(const std::string& identifier) {
    std::string out = "\"";
    for (char c : identifier) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// (table, column) of every text column of our schema.
std::vector<std::pair<std::string, std::string>> text_columns(soci::session& sql, Dialect dialect) {
    std::vector<std::pair<std::string, std::string>> out;
    if (dialect == Dialect::postgresql) {
        soci::rowset<soci::row> rows = (sql.prepare << "SELECT table_name, column_name FROM information_schema.columns "
                                                       "WHERE table_schema = current_schema() AND data_type = 'text' "
                                                       "ORDER BY table_name, column_name");
        for (const auto& r : rows) out.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
        return out;
    }
    std::vector<std::string> tables;
    soci::rowset<soci::row> names = (sql.prepare << "SELECT name FROM sqlite_master WHERE type = 'table' "
                                                    "AND name NOT LIKE 'sqlite_%' ORDER BY name");
    for (const auto& r : names) tables.push_back(r.get<std::string>(0));
    for (const auto& t : tables) {
        soci::rowset<soci::row> cols = (sql.prepare << "SELECT name, type FROM pragma_table_info(:t)", soci::use(t, "t"));
        for (const auto& c : cols) {
            auto type = c.get<std::string>(1);
            for (auto& ch : type) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            if (type.find("TEXT") != std::string::npos || type.find("CHAR") != std::string::npos)
                out.emplace_back(t, c.get<std::string>(0));
        }
    }
    return out;
}

} // namespace

long long repair_stored_text(soci::session& sql, Dialect dialect) {
    // A row's address as text: rowid on SQLite, ctid on PostgreSQL (a PostgreSQL database in
    // UTF8 refuses ill-formed text outright; one created as SQL_ASCII does not).
    const std::string row_key = dialect == Dialect::postgresql ? "ctid::text" : "CAST(rowid AS TEXT)";
    const std::string row_match = dialect == Dialect::postgresql ? "ctid = CAST(:k AS tid)" : "rowid = CAST(:k AS INTEGER)";
    long long repaired = 0;
    for (const auto& [table, column] : text_columns(sql, dialect)) {
        std::vector<std::pair<std::string, std::string>> bad; // row key, repaired text
        {
            soci::rowset<soci::row> rows =
                (sql.prepare << "SELECT " + row_key + ", " + quoted(column) + " FROM " + quoted(table) + " WHERE " +
                                    quoted(column) + " IS NOT NULL");
            for (const auto& r : rows) {
                if (r.get_indicator(1) != soci::i_ok) continue;
                auto value = r.get<std::string>(1);
                if (!text::valid_utf8(value)) bad.emplace_back(r.get<std::string>(0), text::repair_utf8(value));
            }
        }
        for (auto& [key, value] : bad) {
            sql << "UPDATE " + quoted(table) + " SET " + quoted(column) + " = :v WHERE " + row_match, soci::use(value, "v"),
                soci::use(key, "k");
            ++repaired;
        }
        if (!bad.empty()) spdlog::info("repaired {} ill-formed UTF-8 value(s) in {}.{}", bad.size(), table, column);
    }
    return repaired;
}

} // namespace mc::db
