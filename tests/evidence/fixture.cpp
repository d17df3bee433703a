#include "tests/evidence/fixture.hpp"

#include "accounts/roles.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::testing {

using nlohmann::json;


// Sessions are resolved by the real accounts gate, which TestApp installs.
EvidenceTest::EvidenceTest() = default;

Person EvidenceTest::person(std::uint32_t roles, const std::string& name) {
    Person p{crypto::new_id(), t.client()};
    std::string token = crypto::random_token(), csrf = crypto::random_token(24);
    std::string email = p.id + "@example.test", hash = crypto::sha256_hex(token);
    long long now = 1700000000, exp = 4000000000LL;
    int r = static_cast<int>(roles);
    auto sql = t.app().db->lease();
    *sql << "INSERT INTO users (id, email, password_hash, display_name, roles, locale, created_at, updated_at) "
            "VALUES (:i, :e, 'x', :n, :r, 'en', :c, :u)",
        soci::use(p.id, "i"), soci::use(email, "e"), soci::use(name, "n"), soci::use(r, "r"), soci::use(now, "c"),
        soci::use(now, "u");
    *sql << "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
            "VALUES (:h, :u, :c, :t, :l, :x)",
        soci::use(hash, "h"), soci::use(p.id, "u"), soci::use(csrf, "c"), soci::use(now, "t"), soci::use(now, "l"),
        soci::use(exp, "x");
    p.client.cookies["mc_session"] = token;
    p.client.cookies["mc_csrf"] = csrf; // so the base gate hands out no other token
    p.client.csrf = csrf;
    return p;
}

json EvidenceTest::default_content() {
    auto text = [](const std::string& en, const std::string& es) { return json{{"en", en}, {"es", es}}; };
    return json{
        {"title", text("Serve and return", "Ida y vuelta")},
        {"summary", text("Responsive talk", "Conversación receptiva")},
        {"key_method", text("Follow the child's lead", "Seguir la iniciativa del niño")},
        {"parts",
         {{{"id", "overview"}, {"kind", "overview"}, {"title", text("Overview", "Resumen")},
           {"prompt", text("Describe your setting.", "Describa su programa.")}, {"min_words", 5}},
          {{"id", "clip"}, {"kind", "artifact"}, {"title", text("Video", "Video")},
           {"prompt", text("Record an interaction.", "Grabe una interacción.")},
           {"accepted_types", {"video", "image"}}, {"max_files", 2}},
          {{"id", "notes"}, {"kind", "artifact"}, {"title", text("Notes", "Notas")}, {"required", false},
           {"prompt", text("Optional documents.", "Documentos opcionales.")}, {"accepted_types", {"document"}}},
          {{"id", "reflection"}, {"kind", "reflection"}, {"title", text("Reflection", "Reflexión")},
           {"prompt", text("What did you learn?", "¿Qué aprendió?")}, {"min_words", 3}}}},
        {"rubric",
         {{"levels", {{{"id", "not_yet"}, {"label", text("Not yet", "Todavía no")}},
                      {{"id", "demonstrated"}, {"label", text("Demonstrated", "Demostrado")}}}},
          {"passing_level", "demonstrated"},
          {"criteria",
           {{{"id", "c1"}, {"part_id", "clip"}, {"title", text("Turns", "Turnos")},
             {"descriptors", {{"not_yet", text("Few", "Pocos")}, {"demonstrated", text("Many", "Muchos")}}}}}}}}};
}

std::string EvidenceTest::publish(const std::string& slug, json content) {
    if (content.is_null()) content = default_content();
    auto sql = t.app().db->lease();
    std::string fw = crypto::new_id(), area = crypto::new_id(), comp = crypto::new_id(), mc = crypto::new_id(),
                v = crypto::new_id(), doc = content.dump(), code = "C-" + slug;
    long long now = 1700000000;
    *sql << "INSERT INTO frameworks (id, slug, title_en, title_es, created_at) VALUES (:i, :s, 'F', 'F', :t)",
        soci::use(fw, "i"), soci::use(fw, "s"), soci::use(now, "t");
    *sql << "INSERT INTO competency_areas (id, framework_id, position, code, title_en, title_es) "
            "VALUES (:i, :f, 1, 'A', 'A', 'A')",
        soci::use(area, "i"), soci::use(fw, "f");
    *sql << "INSERT INTO competencies (id, area_id, code, title_en, title_es) VALUES (:i, :a, :c, 'C', 'C')",
        soci::use(comp, "i"), soci::use(area, "a"), soci::use(code, "c");
    *sql << "INSERT INTO micro_credentials (id, slug, competency_id, created_at) VALUES (:i, :s, :c, :t)",
        soci::use(mc, "i"), soci::use(slug, "s"), soci::use(comp, "c"), soci::use(now, "t");
    *sql << "INSERT INTO micro_credential_versions (id, micro_credential_id, version, status, content, created_at, "
            "published_at) VALUES (:i, :m, 1, 'published', :c, :t, :p)",
        soci::use(v, "i"), soci::use(mc, "m"), soci::use(doc, "c"), soci::use(now, "t"), soci::use(now, "p");
    return mc;
}

std::string EvidenceTest::enroll(Person& p, const std::string& mc_id) {
    auto res = p.client.post("/learning/enroll", {{"micro_credential_id", mc_id}});
    EXPECT_EQ(res.status, 303) << res.body;
    auto loc = res.header_value("Location");
    return loc.substr(loc.rfind('/') + 1);
}

void EvidenceTest::answer_all(Person& p, const std::string& id) {
    EXPECT_EQ(p.client.post("/submissions/" + id + "/parts/overview", {{"body", "A family child care home with six children"}}).status, 303);
    EXPECT_EQ(p.client.post("/submissions/" + id + "/parts/reflection", {{"body", "Waiting longer helps toddlers"}}).status, 303);
}

http::Response EvidenceTest::tus(Person& p, const std::string& method, const std::string& target,
                                 std::map<std::string, std::string> headers) {
    http::Request req;
    req.method = method;
    req.target = target;
    req.headers["tus-resumable"] = "1.0.0";
    req.headers["x-csrf-token"] = p.client.csrf;
    for (auto& [k, v] : headers) {
        if (v == "<none>") req.headers.erase(k);
        else req.headers[k] = v;
    }
    return p.client.send(std::move(req));
}

std::string EvidenceTest::create_upload(Person& p, const std::string& sub, const std::string& part, std::uint64_t length,
                                        const std::string& type, const std::string& name, int* status) {
    auto meta = "filename " + crypto::base64_encode(name) + ",filetype " + crypto::base64_encode(type) +
                ",submission_id " + crypto::base64_encode(sub) + ",part_id " + crypto::base64_encode(part);
    auto res = tus(p, "POST", "/uploads", {{"upload-length", std::to_string(length)}, {"upload-metadata", meta}});
    if (status) *status = res.status;
    auto loc = res.header_value("Location");
    return loc.empty() ? "" : loc.substr(loc.rfind('/') + 1);
}

http::Response EvidenceTest::patch(Person& p, const std::string& id, std::uint64_t offset, const std::string& bytes,
                                   std::size_t chunk, std::size_t abort_after) {
    http::Request req;
    req.method = "PATCH";
    req.target = req.path = "/uploads/" + id;
    req.headers = {{"tus-resumable", "1.0.0"}, {"x-csrf-token", p.client.csrf},
                   {"content-type", "application/offset+octet-stream"}, {"upload-offset", std::to_string(offset)},
                   {"content-length", std::to_string(bytes.size())}};
    req.cookies = p.client.cookies;
    auto& router = t.app().router;
    auto match = router.match(req);
    if (!match.route || !match.route->stream) return http::Response::text("no stream route", 404);
    auto start = router.start_stream(*match.route, req);
    if (auto* early = std::get_if<http::Response>(&start)) return std::move(*early);
    auto sink = std::move(std::get<std::unique_ptr<http::BodySink>>(start));
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
        auto piece = std::string_view(bytes).substr(at, std::min(chunk, bytes.size() - at));
        if (abort_after != std::string::npos && at + piece.size() > abort_after) {
            piece = piece.substr(0, abort_after - at);
            if (!piece.empty()) (void)sink->write(piece);
            sink->abort();
            return http::Response::text("aborted", 499);
        }
        if (auto w = sink->write(piece); !w) {
            sink->abort();
            return router.finish_stream(req, std::unexpected(w.error()));
        }
    }
    return router.finish_stream(req, sink->finish());
}

http::Response EvidenceTest::upload(Person& p, const std::string& sub, const std::string& part, const std::string& bytes,
                                    const std::string& type, const std::string& name) {
    int status = 0;
    auto id = create_upload(p, sub, part, bytes.size(), type, name, &status);
    if (status != 201) return http::Response::text("create failed", status);
    return patch(p, id, 0, bytes);
}

long long EvidenceTest::count(const std::string& sql_text, const std::string& key) {
    auto sql = t.app().db->lease();
    long long n = 0;
    *sql << sql_text, soci::use(key, "k"), soci::into(n);
    return n;
}

std::string EvidenceTest::status_of(const std::string& id) {
    auto sql = t.app().db->lease();
    std::string s;
    *sql << "SELECT status FROM submissions WHERE id = :k", soci::use(id, "k"), soci::into(s);
    return s;
}

void EvidenceTest::set_status(const std::string& id, const std::string& status) {
    auto sql = t.app().db->lease();
    *sql << "UPDATE submissions SET status = :s WHERE id = :k", soci::use(status, "s"), soci::use(id, "k");
}

std::string fake_mp4(std::size_t size) {
    std::string s("\0\0\0\x18" "ftypisom\0\0\x02\0isomiso2", 24);
    for (std::size_t i = 0; s.size() < size; ++i) s += static_cast<char>((i * 131 + 7) & 0xFF);
    s.resize(size);
    return s;
}
std::string fake_pdf(std::size_t size) {
    std::string s = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    while (s.size() < size) s += "1 0 obj << /Type /Catalog >> endobj\n";
    s.resize(size);
    return s;
}
std::string fake_jpeg(std::size_t size) {
    std::string s("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11);
    for (std::size_t i = 0; s.size() < size; ++i) s += static_cast<char>((i * 37 + 11) & 0xFF);
    s.resize(size);
    return s;
}

} // namespace mc::testing
