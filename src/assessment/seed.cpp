// Demo data for assessment: a lead assessor account, and six months of double-scored history so
// /admin/reliability shows real figures in the demo. The history is written as the workflow would
// have left it (plans, two scorings, adjudications, decisions) for a dozen archived educator
// accounts that cannot sign in; it is generated from a fixed seed, so every demo shows the same.
// The demo assessors' accuracy is set on purpose: James Whitfield stays reliable, Ana Morales
// slips in the latest month, which the page reports as drift below the bar.
#include <random>

#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/assessors/seed.hpp"
#include "assessment/calibration.hpp"
#include "assessment/coaching/seed.hpp"
#include "assessment/module.hpp"
#include "assessment/reliability_store.hpp"
#include "catalog/version_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment {

namespace {

constexpr const char* kLeadEmail = "lead.assessor@demo.microcred.test";
constexpr const char* kHistoryMarker = "history.01@demo.microcred.test";
const char* kHistorySlugs[] = {"handwashing-and-safe-sleep-routines", "observation-to-individualized-plan",
                               "family-conference-portfolio", "pdsa-quality-improvement-cycle"};

std::string user_id_by_email(soci::session& sql, const std::string& email) {
    auto u = accounts::find_user_by_email(sql, email);
    return u ? u->id : "";
}

struct Scoring {
    std::string assessor;
    std::vector<int> levels; // rank per criterion
    long long assigned_at = 0, completed_at = 0;
};

// Writes one completed assignment with its criterion scores; returns its id.
std::string write_assignment(soci::session& sql, const std::string& submission, const Scoring& s,
                             const catalog::Rubric& rubric, const std::string& kind) {
    std::string id = crypto::new_id();
    bool pass = true;
    for (int l : s.levels) pass = pass && l >= rubric.level_rank(rubric.passing_level);
    std::string outcome = pass ? "demonstrated" : "not_yet";
    std::string summary = pass ? "Clear evidence on every criterion." : "Some criteria need more evidence.";
    sql << "INSERT INTO assignments (id, submission_id, assessor_id, assigned_by, status, assigned_at, completed_at, "
           "kind, outcome, summary) VALUES (:id, :s, :a, NULL, 'completed', :t, :c, :k, :o, :sum)",
        soci::use(id), soci::use(submission), soci::use(s.assessor), soci::use(s.assigned_at), soci::use(s.completed_at),
        soci::use(kind), soci::use(outcome), soci::use(summary);
    for (std::size_t c = 0; c < rubric.criteria.size(); ++c) {
        const auto& level = rubric.levels[static_cast<std::size_t>(s.levels[c])].id;
        std::string feedback = level == rubric.passing_level ? "" : "Show this more clearly in the evidence.";
        sql << "INSERT INTO criterion_scores (assignment_id, criterion_id, level_id, feedback, updated_at) "
               "VALUES (:a, :c, :l, :f, :t)",
            soci::use(id), soci::use(rubric.criteria[c].id), soci::use(level), soci::use(feedback),
            soci::use(s.completed_at);
    }
    return id;
}

Result<void> seed_history(soci::session& sql, const std::string& james, const std::string& ana, const std::string& lead) {
    std::vector<catalog::VersionRecord> versions;
    for (const char* slug : kHistorySlugs)
        if (auto v = catalog::latest_published(sql, slug)) versions.push_back(std::move(*v));
    if (versions.empty()) return {}; // no catalog: nothing to build history on
    auto employer = accounts::ensure_organization(sql, "Sunrise Family Child Care", "employer");

    std::mt19937 rng(4242);
    std::uniform_real_distribution<double> u(0, 1);
    const long long now = now_seconds(), day = 86400;
    const int kEducators = 12, kMonths = 6;
    std::vector<std::string> educators;
    for (int i = 1; i <= kEducators; ++i) {
        char email[64];
        std::snprintf(email, sizeof email, "history.%02d@demo.microcred.test", i);
        std::string id = crypto::new_id(), name = "Archived educator " + std::to_string(i), mail = email;
        int roles = static_cast<int>(accounts::educator);
        long long created = now - 200 * day;
        // Archived: disabled, and no usable password.
        sql << "INSERT INTO users (id, email, password_hash, display_name, roles, locale, employer_org_id, disabled, "
               "created_at, updated_at) VALUES (:i, :e, '!', :n, :r, 'en', :o, 1, :c, :u)",
            soci::use(id), soci::use(mail), soci::use(name), soci::use(roles), soci::use(employer), soci::use(created),
            soci::use(created);
        educators.push_back(id);
    }

    int n = 0;
    for (std::size_t v = 0; v < versions.size(); ++v) {
        const auto& version = versions[v];
        const auto& rubric = version.content.rubric;
        const int k = static_cast<int>(rubric.levels.size());
        const int pass_rank = rubric.level_rank(rubric.passing_level);
        for (const auto& educator : educators) {
            int month = n % kMonths; // 0 = five months ago ... 5 = the latest weeks
            ++n;
            long long submitted = now - (kMonths - month) * 30 * day + static_cast<long long>(u(rng) * 12 * day);
            // A strong or a weaker submission; each criterion's true level follows from it.
            bool strong = u(rng) < 0.6;
            std::vector<int> truth;
            for (std::size_t c = 0; c < rubric.criteria.size(); ++c)
                truth.push_back(u(rng) < (strong ? 0.97 : 0.5) ? pass_rank : std::max(0, pass_rank - 1));
            auto rate = [&](double accuracy) {
                std::vector<int> out;
                for (int t : truth) {
                    int level = t;
                    if (u(rng) >= accuracy) level = (t + 1 + static_cast<int>(rng() % static_cast<unsigned>(k - 1))) % k;
                    out.push_back(level);
                }
                return out;
            };
            bool latest = month == kMonths - 1;
            Scoring a{james, rate(0.985), submitted + day, submitted + 3 * day};
            Scoring b{ana, rate(latest ? 0.72 : 0.985), submitted + day, submitted + 4 * day};

            std::string enrollment = crypto::new_id(), submission = crypto::new_id();
            long long started = submitted - 10 * day, planned = submitted + day;
            sql << "INSERT INTO enrollments (id, educator_id, micro_credential_id, version_id, status, created_at) "
                   "VALUES (:i, :u, :m, :v, 'active', :t)",
                soci::use(enrollment), soci::use(educator), soci::use(version.micro_credential_id), soci::use(version.id),
                soci::use(started);
            std::string lang = n % 3 == 0 ? "es" : "en";
            sql << "INSERT INTO submissions (id, enrollment_id, educator_id, version_id, attempt, status, "
                   "evidence_language, consent_attested, created_at, updated_at, submitted_at) "
                   "VALUES (:i, :e, :u, :v, 1, 'in_review', :l, 1, :c, :u2, :s)",
                soci::use(submission), soci::use(enrollment), soci::use(educator), soci::use(version.id), soci::use(lang),
                soci::use(started), soci::use(submitted), soci::use(submitted);
            auto first = write_assignment(sql, submission, a, rubric, "scoring");
            auto second = write_assignment(sql, submission, b, rubric, "scoring");
            // The program ran the "any criterion" rule for its history: any difference was adjudicated.
            std::string basis = "agreed", decided_by = ana, on = second, rationale;
            std::vector<int> final_levels = b.levels;
            long long decided = b.completed_at;
            if (a.levels != b.levels) {
                Scoring adj{lead, truth, b.completed_at, b.completed_at + day};
                on = write_assignment(sql, submission, adj, rubric, "adjudication");
                basis = "adjudicated";
                decided_by = lead;
                rationale = "Checked each criterion against the evidence.";
                final_levels = truth;
                decided = adj.completed_at;
            }
            bool pass = true;
            for (int l : final_levels) pass = pass && l >= pass_rank;
            std::string outcome = pass ? "demonstrated" : "not_yet";
            // History only: no credential is issued for archived accounts, so the status says
            // what was decided without an award behind it.
            std::string status = pass ? "demonstrated" : "returned";
            std::string summary = pass ? "Demonstrated on every criterion." : "Revise the criteria marked Not yet.";
            std::string decision_id = crypto::new_id();
            sql << "INSERT INTO decisions (id, submission_id, assignment_id, decided_by, outcome, summary, decided_at, "
                   "basis, rationale) VALUES (:id, :s, :a, :by, :o, :sum, :t, :b, :r)",
                soci::use(decision_id), soci::use(submission), soci::use(on), soci::use(decided_by),
                soci::use(outcome), soci::use(summary), soci::use(decided), soci::use(basis), soci::use(rationale);
            sql << "UPDATE submissions SET status = :st, decided_at = :t, updated_at = :u WHERE id = :id",
                soci::use(status), soci::use(decided), soci::use(decided), soci::use(submission);
            sql << "INSERT INTO review_plans (submission_id, scorers, reason, stage, created_at) "
                   "VALUES (:s, 2, 'sampled', 'decided', :t)",
                soci::use(submission), soci::use(planned);
        }
    }
    return {};
}

} // namespace

Result<void> seed_demo(app::App& app) {
    auto sql = app.db->lease();
    db::WriteTx tx(*sql);
    auto james = user_id_by_email(*sql, "assessor@demo.microcred.test");
    auto ana = user_id_by_email(*sql, "assessor2@demo.microcred.test");
    if (james.empty() || ana.empty()) return {}; // accounts' demo people are not there: nothing to build on

    // The lead assessor: same demo password as the other demo accounts (its hash is reused).
    auto lead = user_id_by_email(*sql, kLeadEmail);
    if (lead.empty()) {
        std::string hash;
        *sql << "SELECT password_hash FROM users WHERE id = :id", soci::use(james), soci::into(hash);
        lead = TRY(accounts::create_user(*sql, kLeadEmail, hash, "Grace Okafor", "en", accounts::assessor));
        set_lead(*sql, lead, true, "");
    }
    if (user_id_by_email(*sql, kHistoryMarker).empty()) {
        TRY(seed_history(*sql, james, ana, lead));
        // A starting calibration set: the oldest agreed decisions (the lead, who did not score
        // those, can take a calibration round on them in the demo).
        std::vector<std::string> agreed;
        std::string id;
        soci::statement st = (sql->prepare << "SELECT submission_id FROM decisions WHERE basis = 'agreed' "
                                              "ORDER BY decided_at, submission_id LIMIT 6",
                              soci::into(id));
        st.execute();
        while (st.fetch()) agreed.push_back(id);
        for (const auto& s : agreed) {
            // The archived demo educators said yes to "help train assessors" on these.
            *sql << "UPDATE submissions SET exemplar_consent = 1, exemplar_consent_at = decided_at WHERE id = :s",
                soci::use(s);
            TRY(add_calibration_item(*sql, s, ""));
        }
    }
    std::string hash;
    *sql << "SELECT password_hash FROM users WHERE id = :id", soci::use(james), soci::into(hash);
    TRY(assessors::seed_lifecycle(*sql, {james, ana, lead}, hash));
    TRY(coaching::seed_demo(*sql, lead));
    tx.commit();
    return {};
}

} // namespace mc::assessment
