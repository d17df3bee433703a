#include "platform/db/database.hpp"
#include "platform/db/text_repair.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>
#include <vector>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

namespace mc::db {

namespace {

// The line without a trailing "-- comment" (a "--" inside a 'string' is text, not a comment).
std::string without_comment(const std::string& line) {
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\'') quoted = !quoted;
        else if (!quoted && line.compare(i, 2, "--") == 0) return line.substr(0, i);
    }
    return line;
}

// Splits a migration into statements at semicolons that end a line; "--" comments go. A
// comment after the semicolon must not hide it: SQLite runs only the first of two glued
// statements, silently.
std::vector<std::string> split_statements(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string raw, current;
    while (std::getline(in, raw)) {
        auto line = without_comment(raw);
        auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;
        current += line + "\n";
        auto last = line.find_last_not_of(" \t\r");
        if (last != std::string::npos && line[last] == ';') {
            out.push_back(current);
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
    return out;
}

void prepare_sqlite(soci::session& s) {
    // WAL lets readers run beside the writer; synchronous=FULL makes an acknowledged commit
    // survive a crash or power loss, which is a promise we make to users.
    s << "PRAGMA journal_mode=WAL";
    s << "PRAGMA synchronous=FULL";
    s << "PRAGMA foreign_keys=ON";
    s << "PRAGMA busy_timeout=15000";
}

std::string conninfo_value(std::string v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

} // namespace

std::string pg_conninfo(const std::string& url) {
    std::string rest;
    if (url.starts_with("postgresql://")) rest = url.substr(13);
    else if (url.starts_with("postgres://")) rest = url.substr(11);
    else return url.starts_with("postgresql:") ? url.substr(11) : url;
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest.resize(q);
    }
    std::string dbname;
    if (auto slash = rest.find('/'); slash != std::string::npos) {
        dbname = rest.substr(slash + 1);
        rest.resize(slash);
    }
    std::string user, password;
    if (auto at = rest.rfind('@'); at != std::string::npos) {
        user = rest.substr(0, at);
        rest = rest.substr(at + 1);
        if (auto colon = user.find(':'); colon != std::string::npos) {
            password = user.substr(colon + 1);
            user.resize(colon);
        }
    }
    std::string host = rest, port;
    if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']', colon) == std::string::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    std::string out;
    auto add = [&](const char* key, const std::string& value) {
        if (value.empty()) return;
        if (!out.empty()) out += ' ';
        out += std::string(key) + "=" + conninfo_value(value);
    };
    add("host", host);
    add("port", port);
    add("user", user);
    add("password", password);
    add("dbname", dbname);
    // ?sslmode=require&connect_timeout=5 become keywords too.
    for (std::size_t start = 0; start < query.size();) {
        auto amp = query.find('&', start);
        auto pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
        if (auto eq = pair.find('='); eq != std::string::npos) add(pair.substr(0, eq).c_str(), pair.substr(eq + 1));
        if (amp == std::string::npos) break;
        start = amp + 1;
    }
    return out;
}

Result<std::shared_ptr<Database>> Database::open(const std::string& url, std::size_t pool_size) {
    std::shared_ptr<Database> db(new Database());
    db->url_ = url;
    db->pool_size_ = pool_size;
    db->pool_ = std::make_unique<soci::connection_pool>(pool_size);
    try {
        for (std::size_t i = 0; i < pool_size; ++i) {
            soci::session& s = db->pool_->at(i);
            if (url.starts_with("sqlite:")) {
                db->dialect_ = Dialect::sqlite;
                auto path = url.substr(7);
                auto parent = std::filesystem::path(path).parent_path();
                if (!parent.empty()) std::filesystem::create_directories(parent);
                s.open(*soci::factory_sqlite3(), "db=" + path + " timeout=15");
                prepare_sqlite(s);
            } else if (url.starts_with("postgresql:")) {
                db->dialect_ = Dialect::postgresql;
                s.open(*soci::factory_postgresql(), pg_conninfo(url));
            } else {
                return fail(Errc::bad_input, "errors.config", "unknown database url scheme: " + url);
            }
        }
    } catch (const std::exception& e) {
        return fail(Errc::unavailable, "errors.database", std::string("cannot open database: ") + e.what());
    }
    return db;
}

Database::~Database() = default;

std::unique_ptr<soci::session> Database::lease() { return std::make_unique<soci::session>(*pool_); }

int Database::schema_version() {
    auto sql = lease();
    int version = 0;
    soci::indicator ind;
    try {
        *sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    } catch (const std::exception&) {
        return 0;
    }
    return ind == soci::i_ok ? version : 0;
}

Result<int> Database::migrate(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".sql") files.push_back(entry.path());
    if (ec) return fail(Errc::internal, "errors.database", "cannot read migrations in " + dir.string());
    std::ranges::sort(files);
    auto sql = lease();
    *sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at BIGINT NOT NULL)";
    int applied = 0;
    for (const auto& file : files) {
        auto name = file.filename().string();
        int version = 0;
        try {
            version = std::stoi(name.substr(0, name.find('_')));
        } catch (...) {
            return fail(Errc::internal, "errors.database", "migration without a number: " + name);
        }
        int present = 0;
        *sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(version), soci::into(present);
        if (present) continue;
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        try {
            WriteTx tx(*sql);
            for (const auto& stmt : split_statements(text.str())) *sql << stmt;
            // Migrations SQL cannot express on both engines run their code step here, in the
            // same transaction.
            if (name == "0007_repair_text.sql") {
                long long n = repair_stored_text(*sql, dialect_);
                if (n > 0) spdlog::info("migration {}: {} value(s) repaired", name, n);
            }
            long long now = std::time(nullptr);
            *sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
                soci::use(version), soci::use(name), soci::use(now);
            tx.commit();
        } catch (const std::exception& e) {
            return fail(Errc::internal, "errors.database", "migration " + name + " failed: " + e.what());
        }
        spdlog::info("applied migration {}", name);
        ++applied;
    }
    return applied;
}

WriteTx::WriteTx(soci::session& sql) : sql_(sql) {
    if (sql_.get_backend_name() == "sqlite3")
        sql_ << "BEGIN IMMEDIATE";
    else
        sql_ << "BEGIN";
}

WriteTx::~WriteTx() {
    if (done_) return;
    try {
        sql_ << "ROLLBACK";
    } catch (...) {
    }
}

void WriteTx::commit() {
    sql_ << "COMMIT";
    done_ = true;
}

bool is_unique_violation(const std::exception& e) {
    std::string what = e.what();
    return what.find("UNIQUE constraint failed") != std::string::npos ||
           what.find("duplicate key value") != std::string::npos;
}

void lock_row(soci::session& sql, std::string_view table, const std::string& id) {
    std::string statement = "UPDATE " + std::string(table) + " SET id = id WHERE id = :id";
    sql << statement, soci::use(id, "id");
}

} // namespace mc::db
