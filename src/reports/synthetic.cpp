// A synthetic workforce for demonstrations and benchmarks: programs in rural and urban
// counties, educators (about a third Spanish-speaking) with jobs, turnover and optional
// demographics, enrollments with one to four attempts, decisions, rubric scores, awards,
// quality ratings and satisfaction responses. Everything comes from one seeded generator and a
// fixed "today", so the same seed and size give the same database.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <random>

#include "accounts/roles.hpp"
#include "accounts/workforce_facts_store.hpp"
#include "catalog/catalog_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"
#include "reports/module.hpp"
#include "reports/refresh.hpp"
#include "reports/synthetic_store.hpp"
#include "surveys/survey_store.hpp"

namespace mc::reports {

namespace {

using synthetic::Bulk;
using synthetic::Null;

constexpr long long kDay = 86400;

struct Gen {
    std::mt19937_64 rng;
    long long counter = 0;
    explicit Gen(unsigned long long seed) : rng(seed) {}
    double u() { return std::uniform_real_distribution<double>(0, 1)(rng); }
    long long between(long long a, long long b) { return std::uniform_int_distribution<long long>(a, b)(rng); }
    bool chance(double p) { return u() < p; }
    template <class T, std::size_t N>
    const T& pick(const T (&list)[N]) { return list[static_cast<std::size_t>(between(0, N - 1))]; }
    // Ids in the shape of real ones (26 lower-case base32), drawn from the seeded generator.
    std::string id() {
        static const char* alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        std::string s(26, 'a');
        for (auto& c : s) c = alphabet[between(0, 31)];
        ++counter;
        return s;
    }
};

struct Program {
    std::string id, setting, county;
    bool rural = false;
    double quality = 0; // drawn: drives stars and a little of the pass rate
};

} // namespace

int seed_synthetic_command(app::App& app, const SyntheticOptions& opt, std::ostream& out, std::ostream& err) {
    if (opt.educators < 1 || opt.educators > 2'000'000) {
        err << "microcred: --educators must be from 1 to 2000000\n";
        return 2;
    }
    auto until = parse_day(opt.until);
    if (!until) {
        err << "microcred: --until must be a date (YYYY-MM-DD)\n";
        return 2;
    }
    auto started = std::chrono::steady_clock::now();
    auto sql = app.db->lease();
    if (synthetic::already_seeded(*sql)) {
        err << "microcred: this database already holds a synthetic workforce\n";
        return 1;
    }
    auto anchors = synthetic::anchors(*sql);
    auto catalog_entries = catalog::list_published(*sql);
    if (anchors.assessor_id.empty() || anchors.issuer_id.empty() || anchors.key_id.empty() || catalog_entries.empty()) {
        err << "microcred: the demo assessor, issuer or catalog is missing\n";
        return 1;
    }
    auto satisfaction = surveys::open_surveys_for(*sql, "decision_made");
    Gen g(opt.seed);
    const long long today = *until;
    const std::string hash = crypto::password_hash(crypto::random_token(24)).value_or("x"); // nobody signs in as them

    db::WriteTx tx(*sql);
    // Counties: a third rural.
    std::vector<std::pair<std::string, bool>> counties;
    {
        // Only counties the agency has not classified already.
        const auto classified = accounts::county_classes(*sql);
        Bulk classes(*sql, "county_classes", {"county", "class", "updated_by", "updated_at"});
        for (int c = 1; c <= 40; ++c) {
            char name[32];
            std::snprintf(name, sizeof name, "Synthetic %02d", c);
            bool rural = c % 3 == 0;
            counties.push_back({name, rural});
            std::string lower(name);
            for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (!classified.contains(lower)) classes.row({lower, std::string(rural ? "rural" : "urban"), Null{}, today});
        }
    }
    static const char* settings[] = {"family_child_care", "family_child_care", "center", "center", "center",
                                     "head_start", "state_prek", "early_intervention", "home_visiting"};
    std::vector<Program> programs;
    long long program_count = std::max(1LL, opt.educators / 20);
    {
        Bulk orgs(*sql, "organizations", {"id", "name", "kind", "created_at", "setting_type", "county", "license_number"});
        for (long long p = 0; p < program_count; ++p) {
            Program prog{g.id(), g.pick(settings), "", false, g.u()};
            auto& county = counties[static_cast<std::size_t>(g.between(0, static_cast<long long>(counties.size()) - 1))];
            prog.county = county.first;
            prog.rural = county.second;
            orgs.row({prog.id, "Synthetic program " + std::to_string(p + 1), std::string("employer"), today - 3000 * kDay,
                      prog.setting, prog.county, "SYN-" + std::to_string(100000 + p)});
            programs.push_back(prog);
        }
    }
    static const char* roles[] = {"lead_teacher", "lead_teacher", "assistant_teacher", "assistant_teacher", "aide",
                                  "family_child_care_provider", "program_director"};
    static const char* ages[] = {"under_25", "25_34", "25_34", "35_44", "35_44", "45_54", "55_plus", "prefer_not"};
    static const char* genders[] = {"woman", "woman", "woman", "woman", "woman", "man", "nonbinary", "prefer_not"};
    static const char* races[] = {"hispanic_latino", "hispanic_latino", "black", "black", "white", "white", "white",
                                  "asian", "native_american", "multiracial", "prefer_not"};
    Bulk users(*sql, "users", {"id", "email", "password_hash", "display_name", "roles", "locale", "employer_org_id",
                               "disabled", "created_at", "updated_at"}, false);
    Bulk profiles(*sql, "educator_profiles", {"user_id", "work_setting", "employer_program", "registry_id", "highest_degree",
                                              "degree_field", "updated_at"}, false);
    Bulk demographics(*sql, "educator_demographics", {"user_id", "age_band", "gender", "race_ethnicity", "updated_at"}, false);
    Bulk jobs(*sql, "employments", {"id", "educator_id", "org_id", "job_role", "started_on", "ended_on", "hours_per_week",
                                    "hourly_wage_cents", "source", "created_at", "updated_at"}, false);
    Bulk enrollments(*sql, "enrollments", {"id", "educator_id", "micro_credential_id", "version_id", "status", "created_at"}, false);
    Bulk submissions(*sql, "submissions", {"id", "enrollment_id", "educator_id", "version_id", "attempt", "status",
                                           "evidence_language", "consent_attested", "created_at", "updated_at",
                                           "submitted_at", "decided_at"}, false);
    Bulk assignments(*sql, "assignments", {"id", "submission_id", "assessor_id", "status", "assigned_at", "completed_at",
                                           "kind", "outcome"}, false);
    Bulk scores(*sql, "criterion_scores", {"assignment_id", "criterion_id", "level_id", "feedback", "updated_at"}, false);
    Bulk decisions(*sql, "decisions", {"id", "submission_id", "assignment_id", "decided_by", "outcome", "summary",
                                       "decided_at", "basis"}, false);
    Bulk awards(*sql, "awards", {"id", "educator_id", "submission_id", "micro_credential_id", "version_id", "issuer_id",
                                 "key_id", "credential", "valid_from", "issued_at"}, false);
    Bulk invitations(*sql, "survey_invitations", {"id", "survey_id", "user_id", "subject_id", "micro_credential_id",
                                                  "invited_at", "answered", "dismissed"}, false);
    Bulk responses(*sql, "survey_responses", {"id", "survey_id", "respondent_id", "micro_credential_id", "language",
                                              "setting", "period"}, false);
    Bulk answers(*sql, "survey_answers", {"response_id", "item_id", "choice", "number_value", "text_value"}, false);

    // Parents before children: flushed together whenever one of them is full.
    std::vector<Bulk*> in_order{&users, &profiles, &demographics, &jobs, &enrollments, &submissions, &assignments,
                                &scores, &decisions, &awards, &invitations, &responses, &answers};
    auto flush_if_full = [&] {
        for (Bulk* b : in_order)
            if (b->full()) {
                for (Bulk* each : in_order) each->flush();
                return;
            }
    };
    std::vector<double> program_credentialed(programs.size(), 0);
    std::vector<long long> program_staff(programs.size(), 0);
    for (long long i = 0; i < opt.educators; ++i) {
        std::string uid = g.id();
        auto pi = static_cast<std::size_t>(g.between(0, static_cast<long long>(programs.size()) - 1));
        const auto& prog = programs[pi];
        bool spanish = g.chance(0.35);
        std::string locale = spanish ? "es" : "en";
        users.row({uid, "syn-" + std::to_string(i + 1) + "@synthetic.microcred.test", hash,
                   "Synthetic Educator " + std::to_string(i + 1), static_cast<long long>(accounts::educator), locale, prog.id,
                   0LL, today - 2000 * kDay, today - 2000 * kDay});
        profiles.row({uid, prog.setting, std::string(""), std::string(""), std::string("none"), std::string(""), today - 2000 * kDay});
        if (g.chance(0.6))
            demographics.row({uid, std::string(g.pick(ages)), std::string(g.pick(genders)), std::string(g.pick(races)), today});

        // Enrollments and attempts; the pass rate runs a little lower in rural counties and for
        // programs of lower quality, and turnaround a little slower in rural counties.
        long long first_credential = 0;
        int count = static_cast<int>(g.between(0, 9));
        std::vector<std::size_t> chosen;
        for (int e = 0; e < count && chosen.size() < catalog_entries.size(); ++e) {
            auto ci = static_cast<std::size_t>(g.between(0, static_cast<long long>(catalog_entries.size()) - 1));
            if (std::find(chosen.begin(), chosen.end(), ci) != chosen.end()) continue;
            chosen.push_back(ci);
            const auto& version = catalog_entries[ci].version;
            std::string eid = g.id();
            long long enrolled = today - g.between(10, 1000) * kDay;
            double pass = 0.58 + 0.12 * prog.quality - (prog.rural ? 0.08 : 0.0);
            std::string status = "active";
            long long t = enrolled + g.between(1, 40) * kDay;
            if (g.chance(0.78)) {
                for (int attempt = 1; attempt <= 4; ++attempt) {
                    std::string sid = g.id();
                    bool submitted = g.chance(attempt == 1 ? 0.85 : 0.9) && t < today;
                    if (!submitted) {
                        submissions.row({sid, eid, uid, version.id, static_cast<long long>(attempt), std::string("draft"),
                                         locale, 0LL, t, t, Null{}, Null{}});
                        break;
                    }
                    long long turnaround = g.between(1, prog.rural ? 30 : 21) * kDay + g.between(0, 23) * 3600;
                    long long decided = t + turnaround;
                    if (decided >= today) {
                        submissions.row({sid, eid, uid, version.id, static_cast<long long>(attempt), std::string("submitted"),
                                         locale, 1LL, t, t, t, Null{}});
                        break;
                    }
                    bool ok = g.chance(pass + 0.08 * (attempt - 1));
                    std::string outcome = ok ? "demonstrated" : "not_yet";
                    submissions.row({sid, eid, uid, version.id, static_cast<long long>(attempt),
                                     std::string(ok ? "demonstrated" : "returned"), locale, 1LL, t, decided, t, decided});
                    std::string aid = g.id();
                    assignments.row({aid, sid, anchors.assessor_id, std::string("completed"), t + kDay, decided,
                                     std::string("scoring"), outcome});
                    const auto& rubric = version.content.rubric;
                    for (const auto& crit : rubric.criteria) {
                        // A "Not yet" falls on one or two criteria; the first criterion most often.
                        std::string level = rubric.passing_level;
                        if (!ok && (&crit == &rubric.criteria.front() ? g.chance(0.8) : g.chance(0.35)) && !rubric.levels.empty())
                            level = rubric.levels.front().id;
                        scores.row({aid, crit.id, level, std::string(""), decided});
                    }
                    decisions.row({g.id(), sid, aid, anchors.assessor_id, outcome, std::string(""), decided, std::string("single")});
                    if (!satisfaction.empty() && g.chance(0.3)) {
                        std::string rid = g.id();
                        invitations.row({g.id(), satisfaction.front(), uid, sid, version.micro_credential_id, decided, 1LL, 0LL});
                        responses.row({rid, satisfaction.front(), Null{}, version.micro_credential_id, locale, prog.setting,
                                       month_of(decided + g.between(0, 5) * kDay)});
                        long long base = ok ? 4 : 3;
                        for (const char* item : {"overall", "clear", "useful"})
                            answers.row({rid, std::string(item), std::to_string(std::clamp(base + g.between(-1, 1), 1LL, 5LL)), Null{},
                                         std::string("")});
                    }
                    if (ok) {
                        status = "earned";
                        awards.row({g.id(), uid, sid, version.micro_credential_id, version.id, anchors.issuer_id, anchors.key_id,
                                    std::string("{\"synthetic\":true}"), decided, decided});
                        if (!first_credential || decided < first_credential) first_credential = decided;
                        break;
                    }
                    t = decided + g.between(5, 60) * kDay;
                    if (t >= today) break;
                }
            }
            enrollments.row({eid, uid, version.micro_credential_id, version.id, status, enrolled});
        }

        // Jobs: credentialed staff leave less often.
        long long start = today - g.between(60, 6 * 365) * kDay;
        long long checkpoint = start + 365 * kDay;
        bool held = first_credential && first_credential < checkpoint;
        bool leaves = g.chance(held ? 0.18 : 0.32) && checkpoint < today;
        std::string role = prog.setting == "family_child_care" ? "family_child_care_provider" : g.pick(roles);
        long long end = leaves ? std::min(today - kDay, start + g.between(120, 900) * kDay) : 0;
        jobs.row({g.id(), uid, prog.id, role, day_of(start), end ? day_of(end) : std::string(""), 40LL, 1500LL,
                  std::string("registry"), today, today});
        if (end) {
            auto next = static_cast<std::size_t>(g.between(0, static_cast<long long>(programs.size()) - 1));
            if (g.chance(0.5) && end + 30 * kDay < today)
                jobs.row({g.id(), uid, programs[next].id, role, day_of(end + 30 * kDay), std::string(""), 40LL, 1500LL,
                          std::string("registry"), today, today});
        } else {
            ++program_staff[pi];
            if (first_credential) program_credentialed[pi] += 1;
        }
        flush_if_full();
    }
    // Quality ratings: one to four per program over the years, higher where more staff hold credentials.
    {
        Bulk ratings(*sql, "qris_ratings", {"program_id", "rated_on", "stars", "imported_by", "imported_at"});
        for (std::size_t p = 0; p < programs.size(); ++p) {
            double share = program_staff[p] ? program_credentialed[p] / static_cast<double>(program_staff[p]) : 0;
            int stars = static_cast<int>(std::clamp(1.0 + 2.5 * programs[p].quality + 1.5 * share + g.u() - 0.5, 1.0, 5.0));
            int n = static_cast<int>(g.between(1, 4));
            for (int r = n - 1; r >= 0; --r) {
                int s = std::clamp(stars - (r > 0 && g.chance(0.4) ? 1 : 0), 1, 5);
                ratings.row({programs[p].id, day_of(today - (r * 365 + g.between(10, 200)) * kDay), static_cast<long long>(s),
                             Null{}, today});
            }
        }
    }
    for (Bulk* b : in_order) b->flush();
    tx.commit();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out << "synthetic workforce (seed " << opt.seed << "): " << users.written() << " educators, " << programs.size()
        << " programs, " << enrollments.written() << " enrollments, " << submissions.written() << " submissions, "
        << decisions.written() << " decisions, " << awards.written() << " awards, " << jobs.written() << " jobs, "
        << responses.written() << " survey responses in " << seconds << " s\n";
    sql.reset();
    auto report = refresh_agency(app);
    out << "report snapshot computed in " << report.seconds << " s\n";
    return 0;
}

} // namespace mc::reports
