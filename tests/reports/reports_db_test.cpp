// Reports through the stores and the router on SQLite and PostgreSQL: four enrollments written
// as the other domains write them, the figures the loader and the cube make of them (counted by
// hand below), the agency and director scopes, CSV, imports with a dry run, the revision link
// and the quarterly PDF.
#include <gtest/gtest.h>

#include "accounts/employment_store.hpp"
#include "accounts/roles.hpp"
#include "pathways/pathway_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"
#include "reports/refresh.hpp"
#include "reports/web.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;
using nlohmann::json;

namespace {

constexpr long long D = 86400;
long long now() { return static_cast<long long>(std::time(nullptr)); }
std::string q(const std::string& s) { return "'" + s + "'"; }
bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

struct Attempt {
    long long submitted, decided; // unix seconds; decided 0: undecided
    std::string outcome;
};

// An enrollment with its attempts, decisions and (for "Demonstrated") the award, as the
// evidence, assessment and credentials domains write them.
void enroll(World& w, const std::string& educator, long long enrolled, const std::vector<Attempt>& attempts) {
    auto sql = w.t.app().db->lease();
    std::string e = mc::crypto::new_id();
    *sql << "INSERT INTO enrollments (id, educator_id, micro_credential_id, version_id, status, created_at) "
            "VALUES (:i, :u, :m, :v, 'active', :t)",
        soci::use(e), soci::use(educator), soci::use(w.micro_credential), soci::use(w.version), soci::use(enrolled);
    std::string issuer, key;
    *sql << "SELECT id FROM issuers LIMIT 1", soci::into(issuer);
    *sql << "SELECT id FROM issuer_keys LIMIT 1", soci::into(key);
    int n = 0;
    for (const auto& a : attempts) {
        ++n;
        std::string s = mc::crypto::new_id(), status = a.decided ? (a.outcome == "demonstrated" ? "demonstrated" : "returned") : "submitted";
        *sql << "INSERT INTO submissions (id, enrollment_id, educator_id, version_id, attempt, status, evidence_language, "
                "consent_attested, created_at, updated_at, submitted_at) VALUES (:i, :e, :u, :v, :a, :st, 'en', 1, :c, :c2, :s)",
            soci::use(s), soci::use(e), soci::use(educator), soci::use(w.version), soci::use(n), soci::use(status),
            soci::use(a.submitted), soci::use(a.submitted), soci::use(a.submitted);
        if (!a.decided) continue;
        std::string as = mc::crypto::new_id(), d = mc::crypto::new_id();
        *sql << "INSERT INTO assignments (id, submission_id, assessor_id, status, assigned_at, completed_at, kind, outcome) "
                "VALUES (:i, :s, :a, 'completed', :t, :c, 'scoring', :o)",
            soci::use(as), soci::use(s), soci::use(w.assessor_c), soci::use(a.submitted), soci::use(a.decided), soci::use(a.outcome);
        // "Not yet" falls on the conversational turns; plan fit meets the bar.
        std::string turns = a.outcome == "demonstrated" ? "meets" : "emerging";
        *sql << "INSERT INTO criterion_scores (assignment_id, criterion_id, level_id, updated_at) VALUES (:a, 'turns', :l, 0)",
            soci::use(as), soci::use(turns);
        *sql << "INSERT INTO criterion_scores (assignment_id, criterion_id, level_id, updated_at) VALUES (:a, 'plan_fit', 'meets', 0)",
            soci::use(as);
        *sql << "INSERT INTO decisions (id, submission_id, assignment_id, decided_by, outcome, decided_at) "
                "VALUES (:i, :s, :a, :b, :o, :t)",
            soci::use(d), soci::use(s), soci::use(as), soci::use(w.assessor_c), soci::use(a.outcome), soci::use(a.decided);
        if (a.outcome == "demonstrated") {
            std::string award = mc::crypto::new_id();
            *sql << "INSERT INTO awards (id, educator_id, submission_id, micro_credential_id, version_id, issuer_id, key_id, "
                    "credential, valid_from, issued_at) VALUES (:i, :u, :s, :m, :v, :is, :k, '{}', :f, :t)",
                soci::use(award), soci::use(educator), soci::use(s), soci::use(w.micro_credential), soci::use(w.version),
                soci::use(issuer), soci::use(key), soci::use(a.decided), soci::use(a.decided);
        }
    }
}

void job(World& w, const std::string& educator, const std::string& org, const std::string& started, const std::string& ended) {
    auto sql = w.t.app().db->lease();
    mc::accounts::Employment e;
    e.educator_id = educator;
    e.org_id = org;
    e.job_role = "lead_teacher";
    e.started_on = started;
    e.source = "registry";
    ASSERT_TRUE(mc::accounts::add_employment(*sql, e));
    if (!ended.empty()) {
        std::string id;
        *sql << "SELECT id FROM employments WHERE educator_id = :u AND org_id = :o", soci::use(educator), soci::use(org), soci::into(id);
        ASSERT_TRUE(mc::accounts::end_employment(*sql, id, ended));
    }
}

// The world's own enrollment W0 (submitted 3 days ago, undecided) and three more:
//   W1 other educator (Hilltop): submitted T+2, "Demonstrated" T+5 (72 h)
//   W2 Xenia (Sunshine):         T+3 "Not yet" T+4 (24 h); T+10 "Demonstrated" T+20 (240 h)
//   W3 Yuri (Hilltop):           enrolled, nothing more
// with T = 100 days ago.
struct Data {
    std::string xenia, yuri, director;
    long long t0;
};
Data build(World& w) {
    Data d;
    d.t0 = now() - 100 * D;
    d.xenia = w.add_user("Xenia", mc::accounts::educator, w.employer_a);
    d.yuri = w.add_user("Yuri", mc::accounts::educator, w.employer_b);
    d.director = w.add_user("Dora Director", mc::accounts::director, w.employer_a);
    enroll(w, w.other_educator, d.t0, {{d.t0 + 2 * D, d.t0 + 5 * D, "demonstrated"}});
    enroll(w, d.xenia, d.t0, {{d.t0 + 3 * D, d.t0 + 4 * D, "not_yet"}, {d.t0 + 10 * D, d.t0 + 20 * D, "demonstrated"}});
    enroll(w, d.yuri, d.t0, {});
    {
        auto sql = w.t.app().db->lease();
        *sql << "UPDATE users SET locale = 'es' WHERE id = :x", soci::use(d.xenia);
        mc::accounts::set_program_facts(*sql, w.employer_a, {"center", "Potter", "CC-1"});
        mc::accounts::set_program_facts(*sql, w.employer_b, {"head_start", "Philadelphia", "HS-2"});
        // Counts this small show only from 3 on (the agency's lowest setting).
        *sql << "INSERT INTO survey_settings (name, value, updated_at) VALUES ('min_cell', '3', 0)";
    }
    job(w, w.educator, w.employer_a, "2024-01-01", "");
    job(w, d.xenia, w.employer_a, "2025-01-01", "");
    job(w, w.other_educator, w.employer_b, "2023-05-01", mc::day_of(now()));
    job(w, d.yuri, w.employer_b, "2025-06-01", "");
    return d;
}

} // namespace

TEST(Reports, FiguresFromTheStoresAgainstHandCounts) {
    TestApp t;
    World w(t);
    auto d = build(w);
    auto sql = t.app().db->lease();
    auto r = mc::reports::compute_report(*sql, "", now());
    auto whole = mc::reports::figures_of(r, "all", 1).total;
    // Enrolled W0-W3 = 4; started W0 W1 W2 = 3; submitted 3; demonstrated W1 W2 = 2.
    EXPECT_EQ(whole.enrolled.value, 4);
    EXPECT_EQ(whole.started.value, 3);
    EXPECT_EQ(whole.submitted.value, 3);
    EXPECT_EQ(whole.demonstrated.value, 2);
    // First attempts decided: W1 (passed), W2 (not yet): 1 of 2.
    EXPECT_DOUBLE_EQ(*whole.first_pass_rate, 0.5);
    // Passing attempts 1 and 2: mean 1.5. Days 5 and 20: median 12.5, 90th percentile rank 2 -> 20.
    EXPECT_DOUBLE_EQ(*whole.mean_attempts, 1.5);
    EXPECT_DOUBLE_EQ(*whole.days_median, 12.5);
    EXPECT_DOUBLE_EQ(*whole.days_p90, 20.0);
    // Turnaround 72, 24 and 240 h: median 72 h = 3 days; 90th percentile rank 3 -> 240 h = 10 days.
    EXPECT_DOUBLE_EQ(*whole.turnaround_median, 3.0);
    EXPECT_DOUBLE_EQ(*whole.turnaround_p90, 10.0);
    EXPECT_EQ(whole.people.value, 4);
    // By county (from the programs): Potter holds W0 and W2, Philadelphia W1 and W3.
    auto county = mc::reports::figures_of(r, "county", 1);
    ASSERT_EQ(county.groups.size(), 2u);
    EXPECT_EQ(county.groups[0].key, "Philadelphia");
    EXPECT_EQ(county.groups[0].demonstrated.value, 1);
    EXPECT_EQ(county.groups[1].key, "Potter");
    EXPECT_EQ(county.groups[1].enrolled.value, 2);
    // By language: Xenia uses the Spanish pages.
    EXPECT_EQ(r.cube.dims.at("language").at("es").enrolled, 1);
    // Impact in the current quarter: Sunshine employs the educator and Xenia (who holds a
    // credential), Hilltop employs Yuri (the other educator's job ended today).
    auto quarter = mc::reports::recent_quarters(now())[0];
    const auto& impact = r.quarters.at(quarter);
    EXPECT_EQ(impact.by_stars[0].programs, 2); // not rated yet
    EXPECT_EQ(impact.by_stars[0].staff, 3);
    EXPECT_EQ(impact.by_stars[0].credentialed, 1);
    // A year ago all four jobs were held and nobody held a credential; three are still held.
    EXPECT_EQ(impact.others.cohort, 4);
    EXPECT_EQ(impact.others.retained, 3);
    EXPECT_EQ(impact.credentialed.cohort, 0);
    // The director's program: the educator's W0 and Xenia's W2 only.
    auto mine = mc::reports::compute_report(*sql, w.employer_a, now());
    auto program = mc::reports::figures_of(mine, "all", 1).total;
    EXPECT_EQ(program.enrolled.value, 2);
    EXPECT_EQ(program.demonstrated.value, 1);
    EXPECT_EQ(mine.quarters.at(quarter).by_stars[0].programs, 1);
    (void)d;
}

// A pathway naming the world's micro-credential holds all four enrollments (W0-W3); Xenia
// completed it, so one of the three staff of Sunshine and Hilltop (unrated) holds a pathway.
TEST(Reports, ThePathwayDimensionAndPathwayShareFromThePathwaysStore) {
    TestApp t;
    World w(t);
    auto d = build(w);
    auto sql = t.app().db->lease();
    std::string slug;
    *sql << "SELECT slug FROM micro_credentials WHERE id = :m", soci::use(w.micro_credential), soci::into(slug);
    mc::pathways::PathwayDefinition p;
    p.slug = "infant-toddler";
    p.title = {"Infant and toddler", "Bebés y niños pequeños"};
    p.rule.kind = mc::pathways::RuleKind::micro_credential;
    p.rule.ref = slug;
    auto version = mc::pathways::publish_pathway(*sql, p);
    ASSERT_TRUE(version);
    auto v = mc::pathways::load_pathway_version(*sql, *version);
    ASSERT_TRUE(v);
    auto before = mc::reports::compute_report(*sql, "", now());
    auto quarter = mc::reports::recent_quarters(now())[0];
    EXPECT_EQ(before.quarters.at(quarter).by_stars[0].with_pathway, 0);
    mc::pathways::Progress done;
    done.educator_id = d.xenia;
    done.pathway_id = v->pathway_id;
    done.version_id = *version;
    done.started_at = d.t0;
    done.completed_at = d.t0 + 20 * D;
    done.evaluated_at = done.completed_at;
    done.met = true;
    mc::pathways::save_progress(*sql, done);
    auto r = mc::reports::compute_report(*sql, "", now());
    const auto& pathway = r.cube.dims.at("pathway").at("infant-toddler");
    EXPECT_EQ(pathway.enrolled, 4);
    EXPECT_EQ(pathway.demonstrated, 2);
    EXPECT_EQ(pathway.people, 4);
    EXPECT_EQ(r.quarters.at(quarter).by_stars[0].with_pathway, 1);
    // The page names the pathway by its title, in each language.
    sql.reset(); // the session goes back to the pool before the refresh leases one
    auto admin = w.as(w.admin);
    mc::reports::refresh_agency(t.app());
    auto page = admin.get("/admin/reports/by/pathway");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Infant and toddler")) << page.body.substr(0, 2000);
}

TEST(Reports, ScopesPagesCsvAndAccess) {
    TestApp t;
    World w(t);
    auto d = build(w);
    auto admin = w.as(w.admin);
    auto page = admin.get("/admin/reports");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "data-chart=\"bar\""));
    auto overview = json::parse(mc::testing::api(admin, "GET", "/api/v1/reports/overview").body);
    EXPECT_EQ(overview["scope"], "agency");
    EXPECT_EQ(overview["total"]["enrolled"], 4);
    // Started [3, 1]: the 1 is under 3 and 4 - 3 would give it back: hidden. Demonstrated [2, 2]: hidden.
    EXPECT_TRUE(overview["total"]["started"].is_null());
    EXPECT_TRUE(overview["total"]["demonstrated"].is_null());
    auto csv = admin.get("/admin/reports/by/county.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_TRUE(contains(csv.body, "Potter"));
    for (const char* path : {"/admin/reports/trends?period=quarter", "/admin/reports/equity", "/admin/reports/impact",
                             "/admin/reports/quarterly", "/admin/reports/by/language", "/admin/reports/by/pathway",
                             "/admin/reports/micro-credentials", "/admin/reports/ratings"})
        EXPECT_EQ(admin.get(path).status, 200) << path;
    // The director sees her own program only, and cannot refresh the agency's figures or import.
    auto director = w.as(d.director);
    auto hers = json::parse(mc::testing::api(director, "GET", "/api/v1/reports/overview").body);
    EXPECT_EQ(hers["scope"], "program");
    EXPECT_EQ(hers["program_id"], w.employer_a);
    EXPECT_TRUE(hers["total"]["enrolled"].is_null()); // 2, under 3
    EXPECT_EQ(director.get("/admin/reports/impact").status, 200);
    EXPECT_EQ(director.post("/admin/reports/refresh", {}).status, 403);
    EXPECT_EQ(director.get("/admin/reports/ratings").status, 403);
    EXPECT_EQ(director.get("/admin/reports/micro-credentials").status, 403);
    // Educators see no reports at all.
    EXPECT_EQ(w.as(w.other_educator).get("/admin/reports").status, 403);
    auto yuri = w.as(d.yuri);
    EXPECT_EQ(mc::testing::api(yuri, "GET", "/api/v1/reports/overview").status, 403);
    EXPECT_EQ(admin.get("/admin/reports/by/shoe_size").status, 404);
}

TEST(Reports, ImportsCheckFirstThenSave) {
    TestApp t;
    World w(t);
    build(w);
    auto admin = w.as(w.admin);
    std::string csv = "program,rated_on,stars\nCC-1,2025-01-01,2\nCC-1,2026-01-01,3\nHS-2,2026-01-01,4\n";
    auto dry = admin.post("/admin/reports/ratings", {{"csv", csv}});
    ASSERT_EQ(dry.status, 200);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM qris_ratings"), 0);
    auto bad = admin.post("/admin/reports/ratings", {{"csv", csv + "XX-9,2026-01-01,9\n"}, {"commit", "1"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM qris_ratings"), 0);
    ASSERT_EQ(admin.post("/admin/reports/ratings", {{"csv", csv}, {"commit", "1"}}).status, 303);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM qris_ratings"), 3);
    ASSERT_EQ(admin.post("/admin/reports/regions", {{"csv", "county,class\nPotter,rural\nPhiladelphia,urban\n"}, {"commit", "1"}}).status,
              303);
    EXPECT_EQ(w.scalar("SELECT class FROM county_classes WHERE county = 'potter'"), "rural");
    auto sql = t.app().db->lease();
    auto r = mc::reports::compute_report(*sql, "", now());
    // Potter (Sunshine) is rural: its two enrollments; Philadelphia (Hilltop) urban: two.
    EXPECT_EQ(r.cube.dims.at("rurality").at("rural").enrolled, 2);
    EXPECT_EQ(r.cube.dims.at("rurality").at("urban").enrolled, 2);
    // Latest ratings: Sunshine 3 stars (2 then 3: rose), Hilltop 4.
    const auto& impact = r.quarters.at(mc::reports::recent_quarters(now())[0]);
    EXPECT_EQ(impact.by_stars[3].programs, 1);
    EXPECT_EQ(impact.by_stars[3].credentialed, 1);
    EXPECT_EQ(impact.by_stars[4].programs, 1);
    EXPECT_EQ(impact.changes[0].programs, 1);
    EXPECT_EQ(impact.indicators.programs_high_quality, 2);
}

TEST(Reports, ARevisionStartsFromWhatWasLearnedAndThePdfIsDrawn) {
    TestApp t;
    World w(t);
    build(w);
    auto admin = w.as(w.admin);
    auto page = admin.get("/admin/reports/micro-credentials/" + w.micro_credential);
    ASSERT_EQ(page.status, 200);
    // "Not yet" ratings: turns once emerging (W2's first attempt) of 3 ratings; plan fit never.
    EXPECT_TRUE(contains(page.body, "Conversational turns"));
    auto revised = admin.post("/admin/reports/micro-credentials/" + w.micro_credential + "/revise",
                              {{"note", "Turns: show what a back-and-forth looks like."}});
    ASSERT_EQ(revised.status, 303);
    EXPECT_TRUE(contains(revised.header_value("Location"), "/versions/2"));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM micro_credential_versions WHERE micro_credential_id = " + q(w.micro_credential) +
                      " AND status = 'draft'"), 1);
    EXPECT_EQ(w.scalar("SELECT note FROM revision_notes"), "Turns: show what a back-and-forth looks like.");
    auto findings = json::parse(w.scalar("SELECT findings FROM revision_notes"));
    ASSERT_EQ(findings["criteria"].size(), 2u);
    EXPECT_EQ(findings["criteria"][0]["criterion"], "turns");
    EXPECT_EQ(findings["criteria"][0]["not_yet"], 1);
    EXPECT_EQ(findings["criteria"][0]["ratings"], 3);
    // A second revision while the draft is open is refused (the catalog allows one draft).
    EXPECT_EQ(admin.post("/admin/reports/micro-credentials/" + w.micro_credential + "/revise", {{"note", ""}}).status, 409);
    for (const char* lang : {"en", "es"}) {
        auto pdf = admin.get(std::string("/admin/reports/quarterly.pdf?lang=") + lang);
        ASSERT_EQ(pdf.status, 200) << lang;
        EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
        EXPECT_EQ(pdf.header_value("Content-Type"), "application/pdf");
    }
}

// The pathway page says the groups overlap only when some enrollment counts under two pathways;
// with no pathway it says there are none.
TEST(Reports, ThePathwayNoteShowsOnlyWhenPathwaysReallyOverlap) {
    TestApp t;
    World w(t);
    build(w);
    auto admin = w.as(w.admin);
    const std::string note = "one enrollment can appear under several pathways";
    const std::string none = "No pathways are published yet";
    auto page = [&] {
        mc::reports::refresh_agency(t.app());
        auto r = admin.get("/admin/reports/by/pathway");
        EXPECT_EQ(r.status, 200);
        return r.body;
    };
    auto publish = [&](const std::string& slug, const std::string& title) {
        auto sql = t.app().db->lease();
        std::string mc_slug;
        *sql << "SELECT slug FROM micro_credentials WHERE id = :m", soci::use(w.micro_credential), soci::into(mc_slug);
        mc::pathways::PathwayDefinition p;
        p.slug = slug;
        p.title = {title, title};
        p.rule.kind = mc::pathways::RuleKind::micro_credential;
        p.rule.ref = mc_slug;
        ASSERT_TRUE(mc::pathways::publish_pathway(*sql, p));
    };
    auto empty = page();
    EXPECT_TRUE(contains(empty, none)) << empty.substr(0, 3000);
    EXPECT_FALSE(contains(empty, note));
    publish("infant-toddler", "Infant and toddler");
    auto one = page();
    EXPECT_TRUE(contains(one, "Infant and toddler"));
    EXPECT_FALSE(contains(one, note)) << "one pathway cannot overlap";
    EXPECT_FALSE(contains(one, none));
    publish("family-partnership", "Family partnership");
    auto two = page();
    EXPECT_TRUE(contains(two, note)) << "both pathways count the same four enrollments";
    EXPECT_FALSE(contains(two, none));
}
