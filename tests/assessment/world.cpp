#include "tests/assessment/world.hpp"

#include <chrono>
#include <stdexcept>

#include <soci/soci.h>

#include "accounts/notifications.hpp"
#include "accounts/roles.hpp"
#include "assessment/assessors/store.hpp"
#include "assessment/reliability_store.hpp"
#include "credentials/web/issuer_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::testing {

namespace {

long long now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const char* kContent = R"({
  "title": {"en": "Responsive back-and-forth talk", "es": "Conversación receptiva de ida y vuelta"},
  "summary": {"en": "Serve and return.", "es": "Servir y devolver."},
  "key_method": {"en": "Follow the child's lead.", "es": "Siga la iniciativa del niño."},
  "parts": [
    {"id": "plan", "kind": "overview", "title": {"en": "Your plan", "es": "Su plan"},
     "prompt": {"en": "Describe your plan.", "es": "Describa su plan."}},
    {"id": "video", "kind": "artifact", "title": {"en": "Video", "es": "Video"},
     "prompt": {"en": "Upload a video.", "es": "Suba un video."}, "accepted_types": ["video"]}
  ],
  "rubric": {
    "levels": [
      {"id": "emerging", "label": {"en": "Emerging", "es": "Emergente"}},
      {"id": "meets", "label": {"en": "Meets", "es": "Cumple"}},
      {"id": "exceeds", "label": {"en": "Exceeds", "es": "Supera"}}
    ],
    "passing_level": "meets",
    "criteria": [
      {"id": "turns", "part_id": "video", "title": {"en": "Conversational turns", "es": "Turnos de conversación"},
       "descriptors": {"emerging": {"en": "Few turns", "es": "Pocos turnos"},
                       "meets": {"en": "Several turns", "es": "Varios turnos"},
                       "exceeds": {"en": "Many extended turns", "es": "Muchos turnos extendidos"}}},
      {"id": "plan_fit", "part_id": "plan", "title": {"en": "Plan fits the children", "es": "El plan se ajusta a los niños"},
       "descriptors": {"emerging": {"en": "Generic plan", "es": "Plan genérico"},
                       "meets": {"en": "Planned for these children", "es": "Planeado para estos niños"},
                       "exceeds": {"en": "Adapted for each child", "es": "Adaptado a cada niño"}}}
    ]
  }
})";

} // namespace

World::World(TestApp& app, bool with_issuer) : t(app) {
    if (with_issuer && !credentials::ensure_default_issuer(t.app())) throw std::runtime_error("no issuer");
    auto sql = t.app().db->lease();
    long long ts = now();
    employer_a = crypto::new_id();
    employer_b = crypto::new_id();
    *sql << "INSERT INTO organizations (id, name, kind, created_at) VALUES (:i, 'Sunshine Center', 'employer', :t)",
        soci::use(employer_a), soci::use(ts);
    *sql << "INSERT INTO organizations (id, name, kind, created_at) VALUES (:i, 'Hilltop Head Start', 'employer', :t)",
        soci::use(employer_b), soci::use(ts);
    educator = add_user("Ana Educator", accounts::educator | accounts::assessor, employer_a);
    colleague = add_user("Carla Colleague", accounts::assessor, employer_a);
    assessor_b = add_user("Beto Assessor", accounts::assessor, employer_b);
    assessor_c = add_user("Cora Assessor", accounts::assessor, "");
    admin = add_user("Alma Admin", accounts::program_admin, "");
    other_educator = add_user("Otto Other", accounts::educator, employer_b);

    std::string fw = crypto::new_id(), area = crypto::new_id(), comp = crypto::new_id();
    *sql << "INSERT INTO frameworks (id, slug, title_en, title_es, created_at) VALUES (:i, :s, 'F', 'F', :t)",
        soci::use(fw), soci::use(fw), soci::use(ts);
    *sql << "INSERT INTO competency_areas (id, framework_id, position, code, title_en, title_es) "
            "VALUES (:i, :f, 1, 'A', 'Area', 'Área')",
        soci::use(area), soci::use(fw);
    *sql << "INSERT INTO competencies (id, area_id, code, title_en, title_es) VALUES (:i, :a, :c, 'C', 'C')",
        soci::use(comp), soci::use(area), soci::use(comp);
    micro_credential = crypto::new_id();
    version = crypto::new_id();
    std::string content = kContent;
    *sql << "INSERT INTO micro_credentials (id, slug, competency_id, created_at) VALUES (:i, :s, :c, :t)",
        soci::use(micro_credential), soci::use(micro_credential), soci::use(comp), soci::use(ts);
    *sql << "INSERT INTO micro_credential_versions (id, micro_credential_id, version, status, content, created_at, "
            "published_at) VALUES (:i, :m, 1, 'published', :c, :t, :p)",
        soci::use(version), soci::use(micro_credential), soci::use(content), soci::use(ts), soci::use(ts);
    double_scoring(0.0, false);
    submission = add_submission(educator);
    *sql << "SELECT enrollment_id FROM submissions WHERE id = :s", soci::use(submission), soci::into(enrollment);
}

void World::double_scoring(double share, bool first_of_version, const std::string& rule) {
    auto sql = t.app().db->lease();
    auto s = assessment::load_settings(*sql);
    s.double_share = share;
    s.double_first_of_version = first_of_version;
    if (!assessment::reliability::rule_from(rule, s.rule)) throw std::invalid_argument("rule " + rule);
    db::WriteTx tx(*sql);
    assessment::save_settings(*sql, s, admin);
    tx.commit();
}

std::string World::add_lead(const std::string& name, const std::string& employer) {
    auto id = add_user(name, accounts::assessor, employer);
    auto sql = t.app().db->lease();
    db::WriteTx tx(*sql);
    assessment::set_lead(*sql, id, true, admin);
    tx.commit();
    return id;
}

void World::make_ready(const std::string& user_id, Ready ready) {
    auto sql = t.app().db->lease();
    db::WriteTx tx(*sql);
    assessment::assessors::save_profile(*sql, user_id, {"en", "es"}, {}, "");
    if (ready != Ready::approved)
        for (const auto& m : assessment::assessors::training_modules())
            (void)assessment::assessors::attest_training(*sql, user_id, std::string(m.id));
    if (ready == Ready::certified) {
        std::string round = crypto::new_id(), cert = crypto::new_id();
        long long ts = now();
        *sql << "INSERT INTO calibration_rounds (id, assessor_id, started_at, finished_at, ratings, kappa, passed) "
                "VALUES (:i, :a, :s, :f, 0, 1.0, 1)",
            soci::use(round), soci::use(user_id), soci::use(ts), soci::use(ts);
        long long expires = ts + 365LL * 86400;
        *sql << "INSERT INTO assessor_certifications (id, assessor_id, round_id, kappa, certified_at, expires_at) "
                "VALUES (:i, :a, :r, 1.0, :c, :e)",
            soci::use(cert), soci::use(user_id), soci::use(round), soci::use(ts), soci::use(expires);
    }
    tx.commit();
}

std::string World::add_user(const std::string& name, unsigned roles, const std::string& employer, Ready ready) {
    auto sql = t.app().db->lease();
    std::string id = crypto::new_id();
    std::string email = id + "@example.org";
    int r = static_cast<int>(roles);
    long long ts = now();
    soci::indicator emp = employer.empty() ? soci::i_null : soci::i_ok;
    *sql << "INSERT INTO users (id, email, password_hash, display_name, roles, locale, employer_org_id, created_at, "
            "updated_at) VALUES (:i, :e, 'x', :n, :r, 'en', :o, :c, :u)",
        soci::use(id), soci::use(email), soci::use(name), soci::use(r), soci::use(employer, emp), soci::use(ts),
        soci::use(ts);
    sql.reset();
    if (roles & accounts::assessor) make_ready(id, ready);
    return id;
}

std::string World::add_submission(const std::string& educator_id) {
    auto sql = t.app().db->lease();
    long long ts = now() - 3 * 86400;
    std::string e = crypto::new_id(), s = crypto::new_id();
    *sql << "INSERT INTO enrollments (id, educator_id, micro_credential_id, version_id, status, created_at) "
            "VALUES (:i, :u, :m, :v, 'active', :t)",
        soci::use(e), soci::use(educator_id), soci::use(micro_credential), soci::use(version), soci::use(ts);
    *sql << "INSERT INTO submissions (id, enrollment_id, educator_id, version_id, attempt, status, evidence_language, "
            "consent_attested, created_at, updated_at, submitted_at) VALUES (:i, :e, :u, :v, 1, 'submitted', 'es', 1, :c, :u2, :s)",
        soci::use(s), soci::use(e), soci::use(educator_id), soci::use(version), soci::use(ts), soci::use(ts), soci::use(ts);
    *sql << "INSERT INTO submission_answers (submission_id, part_id, body, updated_at) "
            "VALUES (:s, 'plan', 'Leeremos un cuento y hablaremos de los dibujos.', :t)",
        soci::use(s), soci::use(ts);
    std::string f = crypto::new_id(), sha(64, 'a');
    *sql << "INSERT INTO evidence_files (id, submission_id, part_id, sha256, size, media_type, original_name, "
            "uploaded_by, created_at) VALUES (:i, :s, 'video', :h, 1000, 'video/mp4', 'circle-time.mp4', :u, :t)",
        soci::use(f), soci::use(s), soci::use(sha), soci::use(educator_id), soci::use(ts);
    return s;
}

std::string World::resubmit(const std::string& previous) {
    auto sql = t.app().db->lease();
    std::string e, u, v;
    int attempt = 0;
    *sql << "SELECT enrollment_id, educator_id, version_id, attempt FROM submissions WHERE id = :s", soci::use(previous),
        soci::into(e), soci::into(u), soci::into(v), soci::into(attempt);
    std::string s = crypto::new_id();
    int next = attempt + 1;
    long long ts = now();
    *sql << "INSERT INTO submissions (id, enrollment_id, educator_id, version_id, attempt, status, evidence_language, "
            "consent_attested, created_at, updated_at, submitted_at) VALUES (:i, :e, :u, :v, :a, 'submitted', 'es', 1, :c, :u2, :s)",
        soci::use(s), soci::use(e), soci::use(u), soci::use(v), soci::use(next), soci::use(ts), soci::use(ts), soci::use(ts);
    return s;
}

TestApp::Client World::as(const std::string& user_id) {
    auto sql = t.app().db->lease();
    std::string token = crypto::random_token(32), csrf = crypto::random_token(24);
    std::string hash = crypto::sha256_hex(token);
    long long ts = now(), expires = ts + 3600;
    *sql << "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
            "VALUES (:h, :u, :c, :t, :l, :e)",
        soci::use(hash), soci::use(user_id), soci::use(csrf), soci::use(ts), soci::use(ts), soci::use(expires);
    auto c = t.client();
    c.cookies["mc_session"] = token;
    // A browser already holds the double-submit cookie; without it the gate would hand out a new
    // one on every response and the client would learn that instead of the session's token.
    c.cookies["mc_csrf"] = crypto::random_token(24);
    c.csrf = csrf;
    return c;
}

long long World::count(const std::string& sql_text) {
    auto sql = t.app().db->lease();
    long long n = 0;
    *sql << sql_text, soci::into(n);
    return n;
}

std::string World::scalar(const std::string& sql_text) {
    auto sql = t.app().db->lease();
    std::string v;
    soci::indicator ind = soci::i_null;
    *sql << sql_text, soci::into(v, ind);
    return ind == soci::i_ok ? v : "";
}

http::Response api(TestApp::Client& c, const std::string& method, const std::string& target,
                   const nlohmann::json& body) {
    http::Request req;
    req.method = method;
    req.target = target;
    req.headers["accept"] = "application/json";
    req.headers["x-csrf-token"] = c.csrf;
    if (!body.is_null()) {
        req.headers["content-type"] = "application/json";
        req.body = body.dump();
    }
    return c.send(req);
}

} // namespace mc::testing
