// The migration runner's statement splitting: a comment after a statement's semicolon must not
// glue it to the next one (SQLite would run only the first, silently), and "--" inside a
// string stays text.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace {

TEST(Migrations, TrailingCommentsDoNotHideTheNextStatement) {
    auto dir = std::filesystem::temp_directory_path() / ("mc-migrate-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "migrations");
    {
        std::ofstream f(dir / "migrations" / "0001_probe.sql");
        f << "-- a comment line\n"
             "CREATE TABLE first_t (x INTEGER); -- 'quoted' note after the semicolon\n"
             "CREATE TABLE second_t (\n"
             "    y TEXT NOT NULL DEFAULT '--not a comment', -- a real one\n"
             "    z INTEGER\n"
             ");\n"
             "INSERT INTO second_t (z) VALUES (1);\n";
    }
    auto db = mc::db::Database::open("sqlite:" + (dir / "probe.db").string(), 1);
    ASSERT_TRUE(db) << db.error().detail;
    auto applied = (*db)->migrate(dir / "migrations");
    ASSERT_TRUE(applied) << applied.error().detail;
    auto sql = (*db)->lease();
    int tables = 0;
    *sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('first_t', 'second_t')", soci::into(tables);
    EXPECT_EQ(tables, 2);
    std::string y;
    *sql << "SELECT y FROM second_t", soci::into(y);
    EXPECT_EQ(y, "--not a comment");
    sql.reset();
    db->reset();
    std::filesystem::remove_all(dir);
}

} // namespace
