// One database API over SQLite (embedded default) and PostgreSQL (many app nodes), with
// the same SQL text for both: `:name` placeholders, TEXT ids made by the application,
// BIGINT unix seconds for times, INTEGER 0/1 for flags. Stores include this header;
// pure domain code never does.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "platform/error.hpp"

namespace mc::db {

enum class Dialect { sqlite, postgresql };

class Database {
public:
    // url: "sqlite:/path/to/file.db" or "postgresql://user@host:port/dbname" (any libpq conninfo
    // after "postgresql:" works too).
    static Result<std::shared_ptr<Database>> open(const std::string& url, std::size_t pool_size = 8);
    ~Database();

    Dialect dialect() const { return dialect_; }
    const std::string& url() const { return url_; }

    // A pooled session for one unit of work; returned to the pool when it goes out of scope.
    // Blocks while every session is leased.
    std::unique_ptr<soci::session> lease();

    // Applies migrations/NNNN_name.sql in order, each in its own transaction; idempotent.
    Result<int> migrate(const std::filesystem::path& dir);
    int schema_version();

private:
    Database() = default;
    Dialect dialect_ = Dialect::sqlite;
    std::string url_;
    std::unique_ptr<soci::connection_pool> pool_;
    std::size_t pool_size_ = 0;
};

// A write transaction. On SQLite it takes the write lock up front (BEGIN IMMEDIATE), so two
// writers queue on busy_timeout instead of failing on a read-to-write upgrade. Rolls back
// unless commit() was called.
class WriteTx {
public:
    explicit WriteTx(soci::session& sql);
    ~WriteTx();
    void commit();
    WriteTx(const WriteTx&) = delete;
    WriteTx& operator=(const WriteTx&) = delete;

private:
    soci::session& sql_;
    bool done_ = false;
};

// Inside a WriteTx: makes concurrent writers of one record queue here until the first commits.
// SQLite needs nothing (BEGIN IMMEDIATE already queues every writer); PostgreSQL at READ
// COMMITTED would let two "delete then insert" upserts of the same child row both find nothing
// and then collide on the primary key. A no-op UPDATE of the parent row takes its row lock.
// `table` is a constant from the caller's code, never user input.
void lock_row(soci::session& sql, std::string_view table, const std::string& id);

// SOCI 4.0.3 mangles libpq URIs ("postgresql://u@h:p/db" reaches the server as database
// "postgres="), so URLs are turned into keyword conninfo ("host=h port=p user=u dbname=db").
// Text that is already keyword conninfo is returned unchanged.
std::string pg_conninfo(const std::string& url);

// True when a soci error is a uniqueness violation (duplicate email, double submit).
bool is_unique_violation(const std::exception& e);

} // namespace mc::db
