// Malformed HTTP against the real server over raw sockets: every request the parser cannot
// accept gets a status (400, 413, 414, 431) instead of a dropped connection, "100 Continue"
// comes only after the size check, a NUL in a static path serves nothing, and the CSRF token
// is never read from the query string.
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "platform/http/server.hpp"
#include "tests/platform/wire_client.hpp"
#include "tests/support/test_app.hpp"

namespace mc::testing {
namespace {

// A string literal with its NUL bytes (std::string(const char*) would stop at the first).
template <std::size_t N>
std::string raw(const char (&s)[N]) {
    return std::string(s, N - 1);
}

class WireTest : public ::testing::Test {
protected:
    WireTest() {
        auto& router = t.app().router;
        // A small buffered route and a streaming one, both without CSRF, to aim the body checks at.
        auto& echo = router.post("/wire-test/echo", http::AccessRule::anyone(), [](http::Request& req) -> Result<http::Response> {
            return http::Response::text("got " + std::to_string(req.body.size()));
        });
        echo.body_limit = 1024;
        echo.csrf = false;
        server = std::make_unique<http::Server>(router, http::ServerOptions{.address = "127.0.0.1", .port = 0, .threads = 2});
        EXPECT_TRUE(server->listen());
        thread = std::thread([this] { server->run(); });
    }
    ~WireTest() override {
        server->stop();
        thread.join();
    }
    std::string exchange(const std::string& request) {
        Wire w(server->port());
        w.send(request);
        return w.read_head();
    }

    TestApp t{true, false};
    std::unique_ptr<http::Server> server;
    std::thread thread;
};

TEST_F(WireTest, AWellFormedRequestStillWorks) {
    auto head = exchange("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(status_of(head), 200);
    EXPECT_NE(head.find("Content-Security-Policy: "), std::string::npos) << head;
}

TEST_F(WireTest, HugeHeadersAre431) {
    std::string filler(20 * 1024, 'a');
    auto head = exchange("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Filler: " + filler + "\r\n\r\n");
    EXPECT_EQ(status_of(head), 431);
    EXPECT_NE(head.find("X-Content-Type-Options: nosniff"), std::string::npos) << head;
}

TEST_F(WireTest, AHundredKilobyteUrlIs414) {
    std::string path = "/healthz?q=" + std::string(100 * 1024, 'a');
    EXPECT_EQ(status_of(exchange("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n")), 414);
}

TEST_F(WireTest, AUrlOverTheTargetLimitButInsideTheHeadIs414) {
    std::string path = "/healthz?q=" + std::string(10 * 1024, 'a');
    EXPECT_EQ(status_of(exchange("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n")), 414);
}

TEST_F(WireTest, ContentLengthWithTransferEncodingIs400) {
    EXPECT_EQ(status_of(exchange("POST /wire-test/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                                 "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")),
              400);
}

TEST_F(WireTest, ABadChunkSizeIs400) {
    EXPECT_EQ(status_of(exchange("POST /wire-test/echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "zz\r\nhello\r\n0\r\n\r\n")),
              400);
}

TEST_F(WireTest, AnOverflowingChunkSizeIs400) {
    EXPECT_EQ(status_of(exchange("POST /wire-test/echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "ffffffffffffffffffff\r\nhello\r\n0\r\n\r\n")),
              400);
}

TEST_F(WireTest, ANulByteInAHeaderIs400) {
    EXPECT_EQ(status_of(exchange(raw("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Name: a\0b\r\n\r\n"))), 400);
}

TEST_F(WireTest, ANulByteInTheRequestLineIs400) {
    EXPECT_EQ(status_of(exchange(raw("GET /heal\0thz HTTP/1.1\r\nHost: t\r\n\r\n"))), 400);
}

TEST_F(WireTest, AnEncodedNulInAStaticPathServesNothing) {
    ASSERT_EQ(status_of(exchange("GET /static/css/microcred.css HTTP/1.1\r\nHost: t\r\n\r\n")), 200);
    auto head = exchange("GET /static/css/microcred.css%00.png HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(status_of(head), 400);
    EXPECT_EQ(head.find("text/css"), std::string::npos);
}

TEST_F(WireTest, ABodyOverTheLimitIs413WithoutAContinue) {
    Wire w(server->port());
    w.send("POST /wire-test/echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
    auto head = w.read_head();
    EXPECT_EQ(status_of(head), 413) << head;
    EXPECT_NE(head.find("X-Content-Type-Options: nosniff"), std::string::npos) << head;
}

TEST_F(WireTest, AContinueComesOnlyForABodyThatFits) {
    Wire w(server->port());
    w.send("POST /wire-test/echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    auto head = w.read_head();
    ASSERT_EQ(status_of(head), 100) << head;
    w.send("hello");
    auto rest = head.substr(head.find("\r\n\r\n") + 4);
    if (rest.find("\r\n\r\n") == std::string::npos) rest += w.read_head();
    EXPECT_EQ(status_of(rest), 200) << rest;
}

TEST_F(WireTest, AnUploadRefusedByItsRouteGetsNoContinue) {
    // Anonymous tus create: the route refuses it (sign-in needed, CSRF) before any byte is invited.
    Wire w(server->port());
    w.send("PATCH /uploads/nope HTTP/1.1\r\nHost: t\r\nTus-Resumable: 1.0.0\r\nExpect: 100-continue\r\n"
           "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: 100000\r\n\r\n");
    auto head = w.read_head();
    EXPECT_GE(status_of(head), 400) << head;
}

TEST_F(WireTest, TheCsrfTokenIsNotTakenFromTheQueryString) {
    auto c = t.client();
    c.get("/sign-in"); // learns the double-submit token
    ASSERT_FALSE(c.csrf.empty());
    http::Request req;
    req.method = "POST";
    req.target = "/sign-in?_csrf=" + c.csrf;
    req.headers["content-type"] = "application/x-www-form-urlencoded";
    req.body = "email=nobody%40example.org&password=wrong";
    auto res = c.send(req);
    EXPECT_EQ(res.status, 403);
}

} // namespace
} // namespace mc::testing

namespace mc::testing {
namespace {

// A client still sending a body the server refused must be able to finish sending and read the
// 413: closing a socket with unread input makes the kernel reset the connection, and clients
// such as fetch give up on the write error without reading the answer (bench/verify_memory.mjs
// saw 36 of 50 such posts fail). So the server drains, bounded, before it closes.
TEST_F(WireTest, ARefusedBodyStillSendingReadsIts413) {
    std::string body(4'400'000, 'x');
    for (int attempt = 0; attempt < 5; ++attempt) {
        Wire w(server->port());
        bool sent = w.send("POST /wire-test/echo HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n" + body);
        EXPECT_TRUE(sent) << "attempt " << attempt << ": the connection was reset while the body was being sent";
        auto head = w.read_head();
        ASSERT_EQ(status_of(head), 413) << "attempt " << attempt << ": " << head.substr(0, 200);
    }
}

} // namespace
} // namespace mc::testing
