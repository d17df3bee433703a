// Where SQL may be written (docs/architecture.md, "Inside a domain"): only in a domain's store files
// (`*_store.cpp`, `*_store.hpp`, or a `store.cpp` / `store.hpp` of a domain folder), in
// `src/platform/db/` (the migration runner and the database-wide text repair, which own no domain
// table) and in `migrations/`. Every other file under src/ calls a store's header. The check reads
// the string literals of each source file (comments ignored, adjacent literals joined) and looks for
// statement keywords.
//
// Files that still hold SQL are listed in `still_outside` below. The list may only shrink: a listed
// file that no longer holds SQL (or no longer exists) fails the test, so the list stays true, and
// no file may be added to it (move the query into the owner's store instead).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "mc_source_dir.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path source_dir = MC_SOURCE_DIR;

// Files under src/ that still hold SQL outside a store (issue 9). Only ever remove lines.
const std::set<std::string> still_outside = {
    "src/assessment/calibration.cpp",
    "src/assessment/coaching/appeals.cpp",
    "src/assessment/coaching/referrals.cpp",
    "src/assessment/coaching/seed.cpp",
    "src/assessment/seed.cpp",
    "src/assessment/workflow.cpp",
};

bool is_store_file(const fs::path& rel) {
    const std::string stem = rel.stem().string();
    if (stem == "store" || (stem.size() > 6 && stem.ends_with("_store"))) return true;
    const std::string p = rel.generic_string();
    return p.starts_with("src/platform/db/");
}

// The contents of the string literals of a C++ source, comments skipped; literals separated only by
// whitespace are joined into one (SQL is often written as "SELECT ... " "FROM ...").
std::vector<std::string> string_literals(const std::string& src) {
    std::vector<std::string> out;
    std::string current;
    bool joinable = false;  // only whitespace since the end of the last literal
    std::size_t i = 0;
    const std::size_t n = src.size();
    auto flush = [&] {
        if (!current.empty()) out.push_back(current);
        current.clear();
        joinable = false;
    };
    while (i < n) {
        const char c = src[i];
        if (c == '/' && i + 1 < n && src[i + 1] == '/') {
            while (i < n && src[i] != '\n') ++i;
            continue;
        }
        if (c == '/' && i + 1 < n && src[i + 1] == '*') {
            const std::size_t end = src.find("*/", i + 2);
            i = end == std::string::npos ? n : end + 2;
            continue;
        }
        if (c == '\'') {  // a character literal (or a digit separator: skip one char either way)
            if (i + 2 < n && src[i + 1] == '\\') i += 4;
            else i += 3;
            continue;
        }
        if (c == 'R' && i + 1 < n && src[i + 1] == '"') {  // raw string R"delim( ... )delim"
            const std::size_t open = src.find('(', i + 2);
            if (open == std::string::npos) break;
            const std::string close = ")" + src.substr(i + 2, open - i - 2) + "\"";
            const std::size_t end = src.find(close, open + 1);
            if (!joinable) flush();
            current += src.substr(open + 1, (end == std::string::npos ? n : end) - open - 1);
            i = end == std::string::npos ? n : end + close.size();
            joinable = true;
            continue;
        }
        if (c == '"') {
            if (!joinable) flush();
            ++i;
            while (i < n && src[i] != '"') {
                if (src[i] == '\\' && i + 1 < n) {
                    current += src[i + 1];
                    i += 2;
                    continue;
                }
                current += src[i++];
            }
            ++i;
            joinable = true;
            continue;
        }
        if (!std::isspace(static_cast<unsigned char>(c))) {
            if (joinable) flush();
        }
        ++i;
    }
    flush();
    return out;
}

const std::regex& sql_statement() {
    static const std::regex re(
        R"(\b(?:SELECT\s+[\w*(]|(?:INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX)|ALTER\s+TABLE|DROP\s+TABLE)\b))");
    return re;
}

// The first literal of a file that reads as SQL, or "" when none does.
std::string first_sql(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    for (const auto& lit : string_literals(ss.str()))
        if (std::regex_search(lit, sql_statement())) return lit.substr(0, 120);
    return {};
}

std::vector<fs::path> sources() {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(source_dir / "src")) {
        if (!e.is_regular_file()) continue;
        const auto ext = e.path().extension();
        if (ext == ".cpp" || ext == ".hpp") out.push_back(fs::relative(e.path(), source_dir));
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(SqlPlacement, TheScannerFindsSqlInLiteralsOnly) {
    const std::string code =
        "// SELECT id FROM users\n"
        "/* DELETE FROM users */\n"
        "auto a = \"Select a role\"; char q = '\"';\n"
        "sql << \"UPDATE awards \"\n"
        "       \"SET revoked = 1 WHERE id = :id\";\n";
    const auto lits = string_literals(code);
    int hits = 0;
    for (const auto& l : lits) hits += std::regex_search(l, sql_statement()) ? 1 : 0;
    EXPECT_EQ(hits, 1) << "only the joined UPDATE literal reads as SQL";
    EXPECT_TRUE(is_store_file("src/credentials/award_store.cpp"));
    EXPECT_TRUE(is_store_file("src/assessment/assessors/store.cpp"));
    EXPECT_FALSE(is_store_file("src/credentials/web/award.cpp"));
    EXPECT_FALSE(is_store_file("src/credentials/restore.cpp"));
}

TEST(SqlPlacement, SqlLivesOnlyInStoreFiles) {
    std::vector<std::string> offenders;
    for (const auto& rel : sources()) {
        if (is_store_file(rel)) continue;
        const std::string p = rel.generic_string();
        if (still_outside.contains(p)) continue;
        const std::string sql = first_sql(source_dir / rel);
        if (!sql.empty()) offenders.push_back(p + ": \"" + sql + "\"");
    }
    for (const auto& o : offenders) ADD_FAILURE() << "SQL outside a store: " << o;
    EXPECT_TRUE(offenders.empty()) << "move each query into the owning domain's *_store.cpp and call its header";
}

TEST(SqlPlacement, TheListOfFilesStillOutsideStaysTrue) {
    for (const auto& p : still_outside) {
        const fs::path file = source_dir / p;
        if (!fs::exists(file)) {
            ADD_FAILURE() << p << " no longer exists: remove it from still_outside";
            continue;
        }
        EXPECT_FALSE(first_sql(file).empty()) << p << " holds no SQL any more: remove it from still_outside";
    }
}

}  // namespace
