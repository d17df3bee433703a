// Authoring in the browser: create, edit, publish, new draft, retire; access and CSRF.
#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "tests/catalog/catalog_test_support.hpp"

using namespace mc::testing;
using Form = std::map<std::string, std::string>;

namespace {
bool contains(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

const char* kContent = "SELECT content FROM micro_credential_versions v JOIN micro_credentials m "
                       "ON m.id = v.micro_credential_id WHERE m.slug = 'serve-and-return' AND v.version = ";

struct Admin {
    TestApp t;
    TestApp::Client c = t.client();
    Admin() {
        seed_test_catalog(t);
        sign_in_as(t, c, mc::accounts::program_admin, "Pat Admin");
    }
};
} // namespace

TEST(CatalogAdmin, CreatesAMicroCredentialWithADraft) {
    Admin a;
    auto page = a.c.get("/admin/catalog/new");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "responsive-talk"));
    auto res = a.c.post("/admin/catalog/new",
                        {{"slug", "new-one"}, {"competency", "family-goals"}, {"title_en", "New one"}, {"title_es", "Nueva"}});
    ASSERT_EQ(res.status, 303);
    EXPECT_EQ(res.header_value("Location"), "/admin/catalog/new-one/versions/1?notice=saved");
    auto edit = a.c.get("/admin/catalog/new-one/versions/1");
    EXPECT_EQ(edit.status, 200);
    EXPECT_TRUE(contains(edit.body, "name=\"c.title.es\""));
    EXPECT_TRUE(contains(edit.body, "value=\"Nueva\""));
    auto list = a.c.get("/admin/catalog");
    EXPECT_TRUE(contains(list.body, "new-one"));
    EXPECT_TRUE(contains(list.body, "Draft"));
    // Not in the public catalog until published.
    EXPECT_EQ(a.c.get("/catalog/new-one").status, 404);
}

TEST(CatalogAdmin, CreateFormErrorsAre422AndSaveNothing) {
    Admin a;
    auto before = count_rows(a.t, "SELECT COUNT(*) FROM micro_credentials");
    auto bad = a.c.post("/admin/catalog/new", {{"slug", "Bad Slug!"}, {"competency", ""}, {"title_en", ""}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "id=\"slug-error\""));
    EXPECT_TRUE(contains(bad.body, "value=\"Bad Slug!\""));
    auto taken = a.c.post("/admin/catalog/new", {{"slug", "serve-and-return"}, {"competency", "family-goals"}, {"title_en", "X"}});
    EXPECT_EQ(taken.status, 422);
    EXPECT_TRUE(contains(taken.body, "already used"));
    EXPECT_EQ(count_rows(a.t, "SELECT COUNT(*) FROM micro_credentials"), before);
}

TEST(CatalogAdmin, PublishedVersionsAreImmutable) {
    Admin a;
    std::string before = query_text(a.t, std::string(kContent) + "1");
    auto page = a.c.get("/admin/catalog/serve-and-return/versions/1");
    ASSERT_EQ(page.status, 200);
    EXPECT_FALSE(contains(page.body, "name=\"c.title.en\"")); // no editing form
    EXPECT_EQ(a.c.post("/admin/catalog/serve-and-return/versions/1", {{"c.title.en", "Changed"}}).status, 409);
    EXPECT_EQ(a.c.post("/admin/catalog/serve-and-return/versions/1/json", {{"content_json", "{}"}}).status, 409);
    EXPECT_EQ(a.c.post("/admin/catalog/serve-and-return/versions/1/publish", {}).status, 409);
    EXPECT_EQ(query_text(a.t, std::string(kContent) + "1"), before);
}

TEST(CatalogAdmin, NewDraftEditPublish) {
    Admin a;
    auto res = a.c.post("/admin/catalog/serve-and-return/new-draft", {});
    ASSERT_EQ(res.status, 303);
    EXPECT_EQ(res.header_value("Location"), "/admin/catalog/serve-and-return/versions/2?done=draft_created");
    EXPECT_EQ(a.c.post("/admin/catalog/serve-and-return/new-draft", {}).status, 409); // one draft at a time

    // Edit through the structured form: take the page's own fields and change one.
    auto content = nlohmann::json::parse(query_text(a.t, std::string(kContent) + "2"));
    content["title"]["en"] = "Serve and return, revised";
    auto saved = a.c.post("/admin/catalog/serve-and-return/versions/2/json", {{"content_json", content.dump()}});
    ASSERT_EQ(saved.status, 303);
    EXPECT_TRUE(contains(query_text(a.t, std::string(kContent) + "2"), "revised"));

    Form form{{"c.title.en", "Form title"}, {"c.summary.en", "S"}, {"c.key_method.en", "K"},
              {"c.languages", "en"}, {"c.parts.0.id", "p"}, {"c.parts.0.kind", "reflection"},
              {"c.parts.0.title.en", "P"}, {"c.parts.0.prompt.en", "Say"}, {"c.parts.0.required", "1"},
              {"c.rubric.levels.0.id", "no"}, {"c.rubric.levels.0.label.en", "No"},
              {"c.rubric.levels.1.id", "yes"}, {"c.rubric.levels.1.label.en", "Yes"},
              {"c.rubric.passing_level", "yes"}, {"c.rubric.criteria.0.id", "k"}, {"c.rubric.criteria.0.part_id", "p"},
              {"c.rubric.criteria.0.title.en", "K"}, {"c.rubric.criteria.0.descriptors.no.en", "n"},
              {"c.rubric.criteria.0.descriptors.yes.en", "y"}};
    ASSERT_EQ(a.c.post("/admin/catalog/serve-and-return/versions/2", form).status, 303);
    EXPECT_TRUE(contains(query_text(a.t, std::string(kContent) + "2"), "Form title"));

    // Add a row: the form comes back with one more part, nothing saved.
    Form add = form;
    add["add"] = "parts";
    auto more = a.c.post("/admin/catalog/serve-and-return/versions/2", add);
    EXPECT_EQ(more.status, 200);
    EXPECT_TRUE(contains(more.body, "name=\"c.parts.1.title.en\""));

    auto pub = a.c.post("/admin/catalog/serve-and-return/versions/2/publish", {});
    ASSERT_EQ(pub.status, 303);
    EXPECT_EQ(query_text(a.t, "SELECT status FROM micro_credential_versions WHERE version = 2"), "published");
    EXPECT_NE(query_text(a.t, "SELECT published_by FROM micro_credential_versions WHERE version = 2"), "");
    EXPECT_TRUE(contains(a.c.get("/catalog/serve-and-return").body, "Form title"));
    EXPECT_EQ(a.c.post("/admin/catalog/serve-and-return/versions/2", form).status, 409);
}

TEST(CatalogAdmin, InvalidContentIs422WithFieldErrorsAndNothingSaved) {
    Admin a;
    ASSERT_EQ(a.c.post("/admin/catalog/serve-and-return/new-draft", {}).status, 303);
    std::string before = query_text(a.t, std::string(kContent) + "2");
    auto bad_json = a.c.post("/admin/catalog/serve-and-return/versions/2/json", {{"content_json", "{not json"}});
    EXPECT_EQ(bad_json.status, 422);
    EXPECT_TRUE(contains(bad_json.body, "not valid JSON"));
    EXPECT_TRUE(contains(bad_json.body, "{not json")); // the input is kept

    auto doc = nlohmann::json::parse(before);
    doc["parts"][1]["accepted_types"] = nlohmann::json::array();
    auto invalid = a.c.post("/admin/catalog/serve-and-return/versions/2/json", {{"content_json", doc.dump()}});
    EXPECT_EQ(invalid.status, 422);
    EXPECT_TRUE(contains(invalid.body, "must accept at least one type"));
    EXPECT_TRUE(contains(invalid.body, "id=\"form-errors\""));

    auto form = a.c.post("/admin/catalog/serve-and-return/versions/2", {{"c.title.en", ""}, {"c.title.es", "Solo"}});
    EXPECT_EQ(form.status, 422);
    EXPECT_TRUE(contains(form.body, "id=\"f-title-error\""));
    EXPECT_TRUE(contains(form.body, "aria-describedby=\"f-title-error\""));
    EXPECT_TRUE(contains(form.body, "value=\"Solo\""));
    EXPECT_EQ(query_text(a.t, std::string(kContent) + "2"), before);
}

TEST(CatalogAdmin, RetireRemovesFromTheCatalog) {
    Admin a;
    ASSERT_EQ(a.c.post("/admin/catalog/serve-and-return/retire", {}).status, 303);
    EXPECT_EQ(a.c.get("/catalog/serve-and-return").status, 404);
    EXPECT_EQ(a.c.post("/admin/catalog/serve-and-return/retire", {}).status, 409);
}

TEST(CatalogAdmin, FrameworkAreasAndCompetencies) {
    Admin a;
    EXPECT_EQ(a.c.get("/admin/catalog/framework").status, 200);
    auto area = a.c.post("/admin/catalog/framework/areas",
                         {{"area_code", "health"}, {"area_title_en", "Health and safety"}, {"area_title_es", "Salud y seguridad"}});
    EXPECT_EQ(area.status, 303);
    auto comp = a.c.post("/admin/catalog/framework/competencies",
                         {{"competency_area", "health"}, {"competency_code", "safe-sleep"}, {"competency_title_en", "Safe sleep"}});
    EXPECT_EQ(comp.status, 303);
    auto page = a.c.get("/admin/catalog/framework");
    EXPECT_TRUE(contains(page.body, "Health and safety"));
    EXPECT_TRUE(contains(page.body, "Safe sleep"));
    auto dup = a.c.post("/admin/catalog/framework/competencies",
                        {{"competency_area", "health"}, {"competency_code", "safe-sleep"}, {"competency_title_en", "Again"}});
    EXPECT_EQ(dup.status, 422);
    EXPECT_TRUE(contains(dup.body, "id=\"competency_code-error\""));
    EXPECT_EQ(count_rows(a.t, "SELECT COUNT(*) FROM competencies"), 3);
}

TEST(CatalogAdmin, NonAdminsAreRefusedEverywhere) {
    TestApp t;
    seed_test_catalog(t);
    auto educator = t.client();
    sign_in_as(t, educator, mc::accounts::educator | mc::accounts::assessor | mc::accounts::coach);
    auto anon = t.client();
    for (const char* path : {"/admin/catalog", "/admin/catalog/new", "/admin/catalog/framework",
                             "/admin/catalog/serve-and-return/versions/1"}) {
        EXPECT_EQ(educator.get(path).status, 403) << path;
        EXPECT_EQ(anon.get(path).status, 303) << path; // to sign-in
    }
    for (const char* path : {"/admin/catalog/new", "/admin/catalog/serve-and-return/versions/1",
                             "/admin/catalog/serve-and-return/versions/1/json", "/admin/catalog/serve-and-return/versions/1/publish",
                             "/admin/catalog/serve-and-return/new-draft", "/admin/catalog/serve-and-return/retire",
                             "/admin/catalog/framework/areas", "/admin/catalog/framework/competencies"})
        EXPECT_EQ(educator.post(path, {}).status, 403) << path;
    EXPECT_EQ(send_json(educator, "POST", "/api/v1/micro-credentials/serve-and-return/drafts", "").status, 403);
    EXPECT_EQ(send_json(educator, "PUT", "/api/v1/micro-credentials/serve-and-return/drafts/1", "{}").status, 403);
    EXPECT_EQ(send_json(educator, "POST", "/api/v1/micro-credentials/serve-and-return/drafts/1/publish", "").status, 403);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM micro_credential_versions"), 2);
}

TEST(CatalogAdmin, ForgedCsrfIsRefusedAndChangesNothing) {
    Admin a;
    // The error page carries the real token (the client would learn it): forge before each request.
    const std::string forged = "forged-token-forged-token-forged-token";
    a.c.csrf = forged;
    EXPECT_EQ(a.c.post("/admin/catalog/serve-and-return/new-draft", {}).status, 403);
    a.c.csrf = forged;
    EXPECT_EQ(a.c.post("/admin/catalog/new", {{"slug", "x"}, {"competency", "family-goals"}, {"title_en", "X"}}).status, 403);
    EXPECT_EQ(a.c.post("/admin/catalog/serve-and-return/retire", {}, false).status, 403);
    a.c.csrf = forged;
    EXPECT_EQ(send_json(a.c, "POST", "/api/v1/micro-credentials/serve-and-return/drafts", "").status, 403);
    a.c.csrf = forged;
    EXPECT_EQ(send_json(a.c, "PUT", "/api/v1/micro-credentials/serve-and-return/drafts/1", "{}").status, 403);
    EXPECT_EQ(count_rows(a.t, "SELECT COUNT(*) FROM micro_credentials"), 2);
    EXPECT_EQ(count_rows(a.t, "SELECT COUNT(*) FROM micro_credential_versions"), 2);
    EXPECT_EQ(count_rows(a.t, "SELECT COUNT(*) FROM micro_credential_versions WHERE status = 'published'"), 2);
}
