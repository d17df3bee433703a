// Migration 0007: text stored with ill-formed UTF-8 before the edge checked it (a sign-up name
// with FF FE, a tus file name) is repaired in place, so JSON answers carrying it work again.
// SQLite only: a PostgreSQL database in UTF8 cannot hold such text at all (every PostgreSQL run
// of the other tests applies 0007 to a fresh schema).
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "platform/db/database.hpp"
#include "platform/text/utf8.hpp"
#include "mc_source_dir.hpp"

namespace {

namespace fs = std::filesystem;

TEST(TextRepair, Migration0007RepairsIllFormedTextAndLeavesGoodTextAlone) {
    auto dir = fs::temp_directory_path() / ("mc-repair-" + std::to_string(::getpid()));
    fs::create_directories(dir / "before");
    fs::path all = fs::path(MC_SOURCE_DIR) / "migrations";
    for (const auto& e : fs::directory_iterator(all))
        if (e.path().extension() == ".sql" && e.path().filename().string() < "0007")
            fs::copy_file(e.path(), dir / "before" / e.path().filename());
    auto db = mc::db::Database::open("sqlite:" + (dir / "r.db").string(), 1);
    ASSERT_TRUE(db) << db.error().detail;
    ASSERT_TRUE((*db)->migrate(dir / "before"));
    {
        auto sql = (*db)->lease();
        std::string bad = "Ana \xff\xfe", good = "José", id1 = "u1", id2 = "u2", e1 = "a@x.org", e2 = "b@x.org";
        for (auto [id, email, name] : {std::tuple{&id1, &e1, &bad}, std::tuple{&id2, &e2, &good}})
            *sql << "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) "
                    "VALUES (:id, :e, 'x', :n, 0, 0)",
                soci::use(*id, "id"), soci::use(*email, "e"), soci::use(*name, "n");
    }
    auto applied = (*db)->migrate(all);
    ASSERT_TRUE(applied) << applied.error().detail;
    auto sql = (*db)->lease();
    std::string repaired, kept;
    *sql << "SELECT display_name FROM users WHERE id = 'u1'", soci::into(repaired);
    *sql << "SELECT display_name FROM users WHERE id = 'u2'", soci::into(kept);
    EXPECT_TRUE(mc::text::valid_utf8(repaired));
    EXPECT_EQ(repaired, "Ana \xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(kept, "José");
    EXPECT_NO_THROW((void)nlohmann::json({{"name", repaired}}).dump());
    sql.reset();
    db->reset();
    fs::remove_all(dir);
}

} // namespace
