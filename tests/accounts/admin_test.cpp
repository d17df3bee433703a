#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "tests/accounts/helpers.hpp"

using namespace mc::testing;
namespace roles = mc::accounts;

TEST(AdminUsers, OnlyAgencyAdminsGrantRoles) {
    TestApp t;
    auto maria = make_user(t, "maria@example.org", roles::educator);
    for (auto [email, role] : {std::pair{"edu@example.org", roles::educator}, {"coach@example.org", roles::coach},
                               {"assessor@example.org", roles::assessor},
                               {"program@example.org", roles::program_admin}}) {
        make_user(t, email, role);
        auto c = t.client();
        c.sign_in(email, good_password);
        EXPECT_EQ(c.get("/admin/users").status, 403) << email;
        EXPECT_EQ(c.post("/admin/users/" + maria, {{"roles", "agency_admin"}}).status, 403) << email;
    }
    EXPECT_EQ(t.client().get("/admin/users").status, 303); // anonymous: to sign-in
    EXPECT_EQ(count_rows(t, "SELECT roles FROM users WHERE id = '" + maria + "'"), roles::educator);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM role_grants"), 0);
}

TEST(AdminUsers, AgencyAdminSearchesAndGrantsWithAnAuditRow) {
    TestApp t(true, true); // demo organizations and people
    auto c = t.client();
    c.sign_in("agency.admin@demo.microcred.test", "microcred-demo");
    auto list = c.get("/admin/users?q=LOPEZ");
    EXPECT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "Maria Lopez"));
    EXPECT_FALSE(contains(list.body, "James Whitfield"));
    auto maria = first_text(t, "SELECT id FROM users WHERE email = 'educator@demo.microcred.test'");
    auto riverside = first_text(t, "SELECT id FROM organizations WHERE name = 'Riverside Head Start'");
    EXPECT_EQ(c.get("/admin/users/" + maria).status, 200);
    mc::http::Request req;
    req.method = "POST";
    req.target = "/admin/users/" + maria;
    req.headers["content-type"] = "application/x-www-form-urlencoded";
    req.body = "roles=educator&roles=assessor&employer_org_id=" + riverside + "&_csrf=" + c.csrf;
    auto res = c.send(req);
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(count_rows(t, "SELECT roles FROM users WHERE id = '" + maria + "'"), roles::educator | roles::assessor);
    EXPECT_EQ(first_text(t, "SELECT employer_org_id FROM users WHERE id = '" + maria + "'"), riverside);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM role_grants WHERE user_id = '" + maria + "'"), 1);
    EXPECT_EQ(count_rows(t, "SELECT roles_after FROM role_grants"), roles::educator | roles::assessor);
    EXPECT_EQ(c.get("/admin/users/nope").status, 404);
}

TEST(AdminUsers, AnAdminCannotRemoveTheirOwnAgencyAdminRole) {
    TestApp t;
    auto admin = make_user(t, "admin@example.org", roles::agency_admin);
    auto c = t.client();
    c.sign_in("admin@example.org", good_password);
    auto res = c.post("/admin/users/" + admin, {{"roles", "educator"}});
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(contains(res.body, "id=\"roles-error\""));
    EXPECT_EQ(c.post("/admin/users/" + admin, {{"roles", "agency_admin"}, {"disabled", "1"}}).status, 422);
    EXPECT_EQ(count_rows(t, "SELECT roles FROM users"), roles::agency_admin);
    EXPECT_EQ(count_rows(t, "SELECT disabled FROM users"), 0);
}

TEST(AdminUsers, DisablingAUserEndsTheirSessions) {
    TestApp t;
    make_user(t, "admin@example.org", roles::agency_admin);
    auto maria = make_user(t, "maria@example.org", roles::educator);
    auto m = t.client();
    m.sign_in("maria@example.org", good_password);
    auto c = t.client();
    c.sign_in("admin@example.org", good_password);
    EXPECT_EQ(c.post("/admin/users/" + maria, {{"roles", "educator"}, {"disabled", "1"}}).status, 303);
    EXPECT_EQ(m.get("/dashboard").status, 303);
}

TEST(AdminHub, LinksEachAdminToolByRole) {
    TestApp t;
    make_user(t, "program@example.org", roles::program_admin);
    make_user(t, "agency@example.org", roles::agency_admin);
    make_user(t, "edu@example.org", roles::educator);
    auto p = t.client();
    p.sign_in("program@example.org", good_password);
    auto hub = p.get("/admin");
    EXPECT_EQ(hub.status, 200);
    for (const char* link : {"/admin/catalog", "/admin/queue", "/admin/awards"}) EXPECT_TRUE(contains(hub.body, link));
    EXPECT_FALSE(contains(hub.body, "href=\"/admin/users\""));
    auto a = t.client();
    a.sign_in("agency@example.org", good_password);
    EXPECT_TRUE(contains(a.get("/admin").body, "href=\"/admin/users\""));
    auto e = t.client();
    e.sign_in("edu@example.org", good_password);
    EXPECT_EQ(e.get("/admin").status, 403);
}
