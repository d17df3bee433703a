// Bulk writing for the synthetic workforce (seed-synthetic): multi-row INSERTs of generated
// values, a few thousand rows per statement, the same text on SQLite and PostgreSQL.
//
// This is the one place outside each domain's store that writes its tables: a loader of
// generated data for benchmarks and demonstrations, like a migration, never used by requests.
// Values are produced by the generator (ids, fixed words, numbers), never typed by anyone;
// strings are still quoted and escaped.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include <soci/soci.h>

namespace mc::reports::synthetic {

struct Null {};
using Value = std::variant<std::string, long long, double, Null>;

class Bulk {
public:
    // auto_flush false: the caller flushes (tables whose rows point at each other are flushed
    // together, parents first, so no row reaches the database before what it refers to).
    Bulk(soci::session& sql, std::string table, std::vector<std::string> columns, bool auto_flush = true);
    ~Bulk(); // flushes
    void row(std::vector<Value> values);
    void flush();
    long long written() const { return written_; }
    bool full() const;

private:
    soci::session& sql_;
    std::string head_, pending_;
    std::size_t rows_ = 0;
    bool auto_flush_ = true;
    long long written_ = 0;
};

// Ids of what the demo seed made that synthetic rows point at.
struct Anchors {
    std::string assessor_id, issuer_id, key_id;
};
Anchors anchors(soci::session& sql);
bool already_seeded(soci::session& sql); // synthetic users exist

} // namespace mc::reports::synthetic
