#include "reports/refresh.hpp"

#include <chrono>
#include <mutex>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "platform/dates.hpp"
#include "platform/db/database.hpp"
#include "reports/report_store.hpp"
#include "reports/sources.hpp"

namespace mc::reports {

namespace {

constexpr const char* kAgency = "agency";

nlohmann::json report_json(const Report& r) {
    nlohmann::json quarters = nlohmann::json::object(), federal = nlohmann::json::object();
    for (const auto& [q, c] : r.quarters) quarters[q] = impact_to_json(c);
    for (const auto& [fy, by] : r.federal) federal[std::to_string(fy)] = by;
    return {{"cube", cube_to_json(r.cube)}, {"quarters", quarters}, {"federal", federal}};
}

Report report_from(const Snapshot& s) {
    Report r;
    auto j = nlohmann::json::parse(s.body, nullptr, false);
    if (j.is_object()) {
        r.cube = cube_from_json(j.value("cube", nlohmann::json::object()));
        const auto quarters = j.value("quarters", nlohmann::json::object());
        const auto federal = j.value("federal", nlohmann::json::object());
        for (const auto& [q, c] : quarters.items()) r.quarters[q] = impact_from_json(c);
        for (const auto& [fy, by] : federal.items())
            for (const auto& [setting, n] : by.items()) r.federal[std::stoi(fy)][setting] = n.get<long long>();
    }
    r.computed_at = s.computed_at;
    r.seconds = s.seconds;
    return r;
}

// The agency snapshot parsed once and shared by requests until a newer one is stored. Keyed by
// the database (tests make many apps in one process); a refresh in this process replaces it.
struct Cache {
    std::mutex mutex;
    std::shared_ptr<const Report> report;
    std::string url;
};
Cache& cache() {
    static Cache c;
    return c;
}
void remember(app::App& app, std::shared_ptr<const Report> r) {
    auto& c = cache();
    std::lock_guard lock(c.mutex);
    c.report = std::move(r);
    c.url = app.db->url();
}

} // namespace

std::vector<std::string> recent_quarters(long long now, int count) {
    int year = std::stoi(utc_text(now, "%Y")), month = std::stoi(utc_text(now, "%m"));
    int q = (month - 1) / 3 + 1;
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i) {
        out.push_back(std::to_string(year) + "-Q" + std::to_string(q));
        if (--q == 0) q = 4, --year;
    }
    return out;
}

int fiscal_year_of(long long t) {
    int year = std::stoi(utc_text(t, "%Y")), month = std::stoi(utc_text(t, "%m"));
    return month >= 10 ? year + 1 : year;
}

Report compute_report(soci::session& sql, const std::string& program_id, long long now) {
    auto started = std::chrono::steady_clock::now();
    auto src = load_sources(sql, program_id);
    Report r;
    r.cube = build_cube({&src.enrollments, &src.people, &src.area_of, &src.pathways_of});
    for (const auto& q : recent_quarters(now)) {
        auto [start, end] = quarter_span(q);
        // The current quarter is reported as of now, not of its end.
        r.quarters[q] = impact_counts(src.impact, start, std::min(end, now + 1));
    }
    int fy = fiscal_year_of(now);
    for (int y = fy - 2; y <= fy; ++y) r.federal[y] = credentials_by_setting(src.impact, y);
    r.computed_at = now;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    r.live = !program_id.empty();
    return r;
}

Report refresh_agency(app::App& app) {
    auto sql = app.db->lease();
    auto r = compute_report(*sql, "", now_seconds());
    db::WriteTx tx(*sql);
    save_snapshot(*sql, kAgency, {r.computed_at, r.seconds, report_json(r).dump()});
    tx.commit();
    remember(app, std::make_shared<const Report>(r));
    return r;
}

std::shared_ptr<const Report> agency_report(app::App& app) {
    long long stored = 0;
    {
        auto sql = app.db->lease();
        stored = snapshot_time(*sql, kAgency);
    }
    {
        auto& c = cache();
        std::lock_guard lock(c.mutex);
        if (c.report && c.url == app.db->url() && stored && c.report->computed_at == stored) return c.report;
    }
    if (stored) {
        std::optional<Snapshot> s;
        {
            auto sql = app.db->lease();
            s = load_snapshot(*sql, kAgency);
        }
        if (s) {
            auto fresh = std::make_shared<const Report>(report_from(*s));
            remember(app, fresh);
            return fresh;
        }
    }
    return std::make_shared<const Report>(refresh_agency(app));
}

void refresh_if_stale(app::App& app, long long now, long long max_age) {
    try {
        {
            auto sql = app.db->lease();
            auto s = load_snapshot(*sql, kAgency);
            if (s && now - s->computed_at < max_age) return;
        }
        auto r = refresh_agency(app);
        spdlog::info("reports: snapshot refreshed in {:.2f} s", r.seconds);
    } catch (const std::exception& e) {
        spdlog::error("reports refresh: {}", e.what());
    }
}

} // namespace mc::reports
