#include "platform/http/static_files.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

namespace {

using mc::http::accepts_coding;
using mc::http::compress_response;
using mc::http::Response;

std::string gunzip(const std::string& in) {
    z_stream z{};
    EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
    std::string out(in.size() * 20 + 1024, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&z, Z_FINISH);
    EXPECT_EQ(rc, Z_STREAM_END);
    out.resize(z.total_out);
    inflateEnd(&z);
    return out;
}

mc::http::Request asking(std::string accept_encoding, std::string fetch_site = "same-origin") {
    mc::http::Request req;
    req.headers["accept-encoding"] = std::move(accept_encoding);
    if (!fetch_site.empty()) req.headers["sec-fetch-site"] = std::move(fetch_site);
    return req;
}

std::string page_text() {
    std::string s = "<!DOCTYPE html><html><body>";
    for (int i = 0; i < 200; ++i) s += "<p class=\"usa-prose\">Reflective narrative " + std::to_string(i) + "</p>";
    return s + "</body></html>";
}

TEST(AcceptEncoding, ReadsCodingsAndQualities) {
    EXPECT_TRUE(accepts_coding("gzip, deflate, br", "br"));
    EXPECT_TRUE(accepts_coding("GZIP", "gzip"));
    EXPECT_TRUE(accepts_coding("br;q=0.5, gzip;q=1.0", "br"));
    EXPECT_FALSE(accepts_coding("br;q=0, gzip", "br"));
    EXPECT_FALSE(accepts_coding("br; q=0.000", "br"));
    EXPECT_FALSE(accepts_coding("", "gzip"));
    EXPECT_FALSE(accepts_coding("identity", "gzip"));
    EXPECT_FALSE(accepts_coding("gzipx", "gzip"));
    EXPECT_TRUE(accepts_coding("*", "gzip"));
    EXPECT_FALSE(accepts_coding("*, gzip;q=0", "gzip"));
}

TEST(CompressResponse, GzipsPagesForClientsThatAcceptIt) {
    auto res = Response::html(page_text());
    auto original = res.body;
    compress_response(asking("gzip, deflate, br"), res);
    EXPECT_EQ(res.header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(res.header_value("Vary"), "Accept-Encoding");
    EXPECT_LT(res.body.size(), original.size() / 4);
    EXPECT_EQ(gunzip(res.body), original);
}

TEST(CompressResponse, LeavesBodyAloneWithoutGzipButStillVaries) {
    auto res = Response::html(page_text());
    auto original = res.body;
    compress_response(asking("identity"), res);
    EXPECT_EQ(res.body, original);
    EXPECT_EQ(res.header_value("Content-Encoding"), "");
    EXPECT_EQ(res.header_value("Vary"), "Accept-Encoding");
}

TEST(CompressResponse, SkipsSmallBinaryFileAndPartialResponses) {
    auto small = Response::html("<p>ok</p>");
    compress_response(asking("gzip"), small);
    EXPECT_EQ(small.body, "<p>ok</p>");

    auto png = Response::text(std::string(4096, 'x'), 200, "image/png");
    compress_response(asking("gzip"), png);
    EXPECT_EQ(png.body.size(), 4096u);
    EXPECT_EQ(png.header_value("Content-Encoding"), "");

    auto encoded = Response::html(page_text());
    encoded.header("Content-Encoding", "br");
    auto before = encoded.body;
    compress_response(asking("gzip"), encoded);
    EXPECT_EQ(encoded.body, before);

    auto partial = Response::text(page_text(), 206);
    auto body = partial.body;
    compress_response(asking("gzip"), partial);
    EXPECT_EQ(partial.body, body);
}

TEST(CompressResponse, AnswersCrossSiteRequestsUncompressed) {
    auto res = Response::html(page_text());
    auto original = res.body;
    compress_response(asking("gzip", "cross-site"), res);
    EXPECT_EQ(res.body, original);
    EXPECT_EQ(res.header_value("Vary"), "Accept-Encoding");
    auto navigated = Response::html(page_text());
    compress_response(asking("gzip", "none"), navigated); // typed in the address bar
    EXPECT_EQ(navigated.header_value("Content-Encoding"), "gzip");
    auto old_browser = Response::html(page_text());
    compress_response(asking("gzip", ""), old_browser);
    EXPECT_EQ(old_browser.header_value("Content-Encoding"), "gzip");
}

TEST(CompressResponse, AddsToAnExistingVary) {
    auto res = Response::json(std::string(2048, ' ') + "{}");
    res.header("Vary", "Cookie");
    compress_response(asking("gzip"), res);
    EXPECT_EQ(res.header_value("Vary"), "Cookie, Accept-Encoding");
}

class StaticFiles : public ::testing::Test {
protected:
    std::filesystem::path dir;
    void SetUp() override {
        dir = std::filesystem::temp_directory_path() /
              ("mc-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir / "css");
        write("css/site.css", "body{color:red}");
        write("css/site.css.br", "BR");
        write("css/site.css.gz", "GZ");
        write("app.js", "let a=1;");
    }
    void TearDown() override { std::filesystem::remove_all(dir); }
    void write(const std::string& rel, const std::string& text) {
        std::ofstream(dir / rel, std::ios::binary) << text;
    }
};

TEST_F(StaticFiles, ServesTheBestPrecompressedSibling) {
    auto br = mc::http::static_file(dir / "css/site.css", "text/css", "gzip, br", true);
    EXPECT_EQ(br.file, dir / "css/site.css.br");
    EXPECT_EQ(br.header_value("Content-Encoding"), "br");
    EXPECT_EQ(br.header_value("Content-Type"), "text/css");
    EXPECT_EQ(br.header_value("Vary"), "Accept-Encoding");
    EXPECT_NE(br.header_value("Cache-Control").find("immutable"), std::string::npos);

    auto gz = mc::http::static_file(dir / "css/site.css", "text/css", "gzip", false);
    EXPECT_EQ(gz.file, dir / "css/site.css.gz");
    EXPECT_EQ(gz.header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(gz.header_value("Cache-Control").find("immutable"), std::string::npos);

    auto plain = mc::http::static_file(dir / "css/site.css", "text/css", "", false);
    EXPECT_EQ(plain.file, dir / "css/site.css");
    EXPECT_EQ(plain.header_value("Content-Encoding"), "");

    auto none = mc::http::static_file(dir / "app.js", "text/javascript", "br, gzip", false);
    EXPECT_EQ(none.file, dir / "app.js");
}

TEST_F(StaticFiles, IgnoresASiblingOlderThanTheFile) {
    // Someone edited the CSS after the last asset build: never serve the stale compressed copy.
    auto old = std::filesystem::last_write_time(dir / "css/site.css") - std::chrono::hours(1);
    std::filesystem::last_write_time(dir / "css/site.css.br", old);
    std::filesystem::last_write_time(dir / "css/site.css.gz", old);
    auto res = mc::http::static_file(dir / "css/site.css", "text/css", "br, gzip", false);
    EXPECT_EQ(res.file, dir / "css/site.css");
    EXPECT_EQ(res.header_value("Content-Encoding"), "");
}

TEST_F(StaticFiles, TreeVersionFollowsContent) {
    auto v1 = mc::http::tree_version(dir);
    EXPECT_EQ(v1.size(), 12u);
    EXPECT_EQ(mc::http::tree_version(dir), v1);
    write("app.js", "let a=2;");
    EXPECT_NE(mc::http::tree_version(dir), v1);
}

} // namespace
