// The HTTP layer (server, router, form/JSON/text edge) fed a corpus of malformed requests over
// real sockets. Built without the App so it links only the HTTP layer: ./test builds it a second
// time with AddressSanitizer and UndefinedBehaviorSanitizer (preset asan) and runs it there, so
// a memory error or undefined behaviour anywhere on the request path aborts the run.
// Checks: the server answers every request or closes cleanly, never a 5xx, and stays up.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "platform/http/json_body.hpp"
#include "platform/http/router.hpp"
#include "platform/http/server.hpp"
#include "tests/platform/wire_client.hpp"

namespace mc::testing {
namespace {

template <std::size_t N>
std::string raw(const char (&s)[N]) {
    return std::string(s, N - 1);
}

// Hand-written requests for every rule of the wire and the edge, plus well-formed ones.
std::vector<std::string> seed_corpus() {
    const std::string host = "Host: t\r\n";
    std::vector<std::string> c = {
        "GET /ping HTTP/1.1\r\n" + host + "\r\n",
        "GET /ping?x=%FF%FE&y=%00 HTTP/1.1\r\n" + host + "\r\n",
        "GET /ping HTTP/1.0\r\n\r\n",
        "GET /" + std::string(100 * 1024, 'a') + " HTTP/1.1\r\n" + host + "\r\n",
        "GET /ping HTTP/1.1\r\n" + host + "X-Big: " + std::string(40 * 1024, 'b') + "\r\n\r\n",
        "GET /ping HTTP/1.1\r\n" + host + std::string(2000, 'h') + ": v\r\n\r\n",
        "POST /echo HTTP/1.1\r\n" + host + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffffffff\r\nx\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n5;" + std::string(9000, 'e') + "\r\nhello\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n",
        "POST /echo HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999999\r\n\r\n",
        "POST /echo HTTP/1.1\r\n" + host + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "POST /echo HTTP/1.1\r\n" + host + "Expect: 100-continue\r\nContent-Length: 100000\r\n\r\n",
        "POST /echo HTTP/1.1\r\n" + host + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 20\r\n\r\nname=%FF%FE&b=%0D%0A",
        "POST /echo HTTP/1.1\r\n" + host + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\n%%%&&==%z",
        "POST /json HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 24\r\n\r\n{\"consent_attested\":\"y\"}",
        "POST /json HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"a\":\"\xff\"}",
        "POST /json HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n" +
            std::string(2000, '[') + std::string(2000, ']'),
        "PUT /upload HTTP/1.1\r\n" + host + "Upload-Metadata: filename /w==,x !!!,y\r\nContent-Length: 4\r\n\r\nabcd",
        "PUT /upload HTTP/1.1\r\n" + host + "Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\nq\r\n",
        "PUT /upload HTTP/1.1\r\n" + host + "Content-Length: 2000000\r\n\r\nabcd",
        "GET /static/app.css%00.png HTTP/1.1\r\n" + host + "\r\n",
        "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n" + host + "\r\n",
        "GET /ping HTTP/1.1\r\n" + host + "Range: bytes=-\r\nCookie: ;;;=;a==b;\r\n\r\n",
        "GET /ping HTTP/9.9\r\n" + host + "\r\n",
        "G\x01T /ping HTTP/1.1\r\n" + host + "\r\n",
        "GET  HTTP/1.1\r\n" + host + "\r\n",
        "\r\n\r\n\r\n",
        "GET /ping HTTP/1.1\r\n" + host + " folded: value\r\n\r\n",
        "GET /ping HTTP/1.1\n" + host + "\n",
        raw("GET /ping HTTP/1.1\r\nHost: t\r\nX: a\0b\r\n\r\n"),
        raw("GET /pi\0ng HTTP/1.1\r\nHost: t\r\n\r\n"),
        "GET /ping HTTP/1.1\r\n" + host + "X: \x7f\r\n\r\n",
    };
    return c;
}

// Byte flips, truncations, duplications and insertions of the seeds, from a fixed seed so a
// failure reproduces; the count is fixed (bounded run time).
std::vector<std::string> mutations(const std::vector<std::string>& seeds, std::size_t count) {
    std::mt19937 rng(20261204);
    const std::string specials = std::string("\r\n\0:;%, \t\x7f\xff", 12);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
        std::string s = seeds[rng() % seeds.size()];
        if (s.size() > 8192) s.resize(8192); // mutate the head; the huge seeds run as they are
        int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits && !s.empty(); ++e) {
            std::size_t at = rng() % s.size();
            switch (rng() % 5) {
            case 0: s[at] = specials[rng() % specials.size()]; break;
            case 1: s[at] = static_cast<char>(rng() & 0xff); break;
            case 2: s.resize(at); break;
            case 3: s.insert(at, s.substr(at, rng() % 64)); break;
            case 4: s.insert(at, 1, specials[rng() % specials.size()]); break;
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

class CountingSink : public http::BodySink {
public:
    Result<void> write(std::string_view chunk) override {
        bytes_ += chunk.size();
        return {};
    }
    Result<http::Response> finish() override { return http::Response::text(std::to_string(bytes_)); }
    void abort() noexcept override {}

private:
    std::size_t bytes_ = 0;
};

class HttpCorpus : public ::testing::Test {
protected:
    HttpCorpus() {
        router.get("/ping", http::AccessRule::anyone(), [](http::Request& req) -> Result<http::Response> {
            return http::Response::text("pong " + req.query_value("x"));
        });
        auto& echo = router.post("/echo", http::AccessRule::anyone(), [](http::Request& req) -> Result<http::Response> {
            return http::Response::text(std::to_string(req.body.size()) + " " + req.form_value("name"));
        });
        echo.csrf = false;
        echo.body_limit = 4096;
        auto& json = router.post("/json", http::AccessRule::anyone(), [](http::Request& req) -> Result<http::Response> {
            auto body = TRY(http::json_object_body(req));
            return http::Response::text(body.value("consent_attested", false) ? "yes" : "no");
        });
        json.csrf = false;
        auto& up = router.stream("PUT", "/upload", http::AccessRule::anyone(),
                                 [](http::Request&) -> Result<http::StreamStart> {
                                     return http::StreamStart{std::make_unique<CountingSink>()};
                                 },
                                 64 * 1024);
        up.csrf = false;
        server = std::make_unique<http::Server>(router, http::ServerOptions{.address = "127.0.0.1", .port = 0, .threads = 2});
        EXPECT_TRUE(server->listen());
        thread = std::thread([this] { server->run(); });
    }
    ~HttpCorpus() override {
        server->stop();
        thread.join();
    }

    // Sends one request, half-closes, reads what comes back. Returns every status seen.
    std::vector<int> run_one(const std::string& request) {
        Wire w(server->port());
        w.send(request);
        w.finish_sending();
        auto got = w.read_all(3000);
        std::vector<int> statuses;
        for (std::size_t at = got.find("HTTP/1."); at != std::string::npos; at = got.find("HTTP/1.", at + 1))
            statuses.push_back(status_of(got.substr(at, 12)));
        return statuses;
    }
    bool alive() { return run_one("GET /ping HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n") == std::vector<int>{200}; }

    http::Router router;
    std::unique_ptr<http::Server> server;
    std::thread thread;
};

TEST_F(HttpCorpus, EverySeedIsAnsweredWithoutA5xx) {
    auto seeds = seed_corpus();
    int answered = 0;
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        auto statuses = run_one(seeds[i]);
        for (int s : statuses) EXPECT_LT(s, 500) << "seed " << i;
        answered += !statuses.empty();
    }
    // Every seed but none is malformed in a way that deserves a status: a silent drop is the bug.
    EXPECT_EQ(answered, static_cast<int>(seeds.size()));
    EXPECT_TRUE(alive());
}

TEST_F(HttpCorpus, MutatedRequestsNeverCrashOrReturn5xx) {
    auto seeds = seed_corpus();
    auto corpus = mutations(seeds, 1500);
    int answered = 0;
    for (std::size_t i = 0; i < corpus.size(); ++i) {
        auto statuses = run_one(corpus[i]);
        for (int s : statuses) EXPECT_LT(s, 500) << "mutation " << i;
        answered += !statuses.empty();
    }
    std::cout << "corpus: " << corpus.size() << " mutated requests, " << answered << " answered\n";
    EXPECT_TRUE(alive());
}

} // namespace
} // namespace mc::testing
