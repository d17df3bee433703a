// Repairs text stored before the edge checked UTF-8 (migration 0007): every ill-formed sequence
// in every TEXT column becomes U+FFFD, so a name or file name saved with bytes like FF FE can be
// shown and put into JSON again (nlohmann refuses to dump it: /api/v1/me and the evidence-view
// log answered 500). Generic over the schema, like the migration runner itself: it reads the
// column list from the database's own catalog, so a table added later is covered too.
#pragma once

#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace mc::db {

// Returns how many values were repaired. Runs inside the caller's transaction.
long long repair_stored_text(soci::session& sql, Dialect dialect);

} // namespace mc::db
