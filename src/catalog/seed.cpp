#include "catalog/seed.hpp"

#include <algorithm>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "catalog/catalog_store.hpp"

namespace mc::catalog {

namespace {

using nlohmann::json;

Result<json> read_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    auto doc = json::parse(in, nullptr, false);
    if (!in.is_open() || doc.is_discarded() || !doc.is_object())
        return fail(Errc::bad_input, "catalog.errors.bad_json", "demo file " + file.string() + " is not a JSON object");
    return doc;
}

Text text_of(const json& j, const char* name) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_object()) return {};
    return {it->value("en", ""), it->value("es", "")};
}

// An add that finds the code already there is what a second run looks like: not an error.
Result<void> tolerate_existing(Result<std::string> r) {
    if (r || r.error().code == Errc::conflict) return {};
    return std::unexpected(r.error());
}

Result<void> seed_framework(soci::session& sql, const json& doc) {
    auto f = TRY(create_framework(sql, doc.value("slug", ""), text_of(doc, "title"), text_of(doc, "description")));
    for (const auto& area : doc.value("areas", json::array())) {
        std::string code = area.value("code", "");
        TRY(tolerate_existing(add_area(sql, f.id, code, text_of(area, "title"), text_of(area, "description"))));
        for (const auto& c : area.value("competencies", json::array()))
            TRY(tolerate_existing(
                add_competency(sql, code, c.value("code", ""), text_of(c, "title"), text_of(c, "description"))));
    }
    return {};
}

Result<void> seed_micro_credential(soci::session& sql, const std::filesystem::path& file) {
    auto doc = TRY(read_json(file));
    std::string slug = doc.value("slug", "");
    if (find_for_authoring(sql, slug)) return {}; // already there
    auto made = create_micro_credential(sql, slug, doc.value("competency", ""), doc.value("content", json()), "");
    if (!made) {
        made.error().detail = file.filename().string() + ": " + made.error().detail;
        return std::unexpected(made.error());
    }
    return publish_version(sql, *made, "");
}

} // namespace

Result<void> seed_from(app::App& app, const std::filesystem::path& dir) {
    if (!std::filesystem::is_regular_file(dir / "framework.json")) {
        spdlog::info("catalog: no demo content in {}", dir.string());
        return {};
    }
    auto sql = app.db->lease();
    TRY(seed_framework(*sql, TRY(read_json(dir / "framework.json"))));
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(dir / "micro-credentials"))
        for (const auto& entry : std::filesystem::directory_iterator(dir / "micro-credentials"))
            if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end()); // the same order on every machine
    for (const auto& f : files) TRY(seed_micro_credential(*sql, f));
    return {};
}

} // namespace mc::catalog
