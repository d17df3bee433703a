// The real server path: a PATCH of 20 MB over a socket streams to disk, a connection dropped
// midway keeps exactly the bytes received, and evidence plays with Range. How much memory a
// large upload costs is measured in bench/run.sh (peak RSS against the upload's size), not here:
// the RSS of a whole test process says little and cannot be asserted reliably.
#include <utility> // Boost 1.74 asio uses std::exchange without including it

#include <boost/asio.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "accounts/roles.hpp"
#include "evidence/upload_sink.hpp"
#include "platform/http/server.hpp"
#include "tests/evidence/fixture.hpp"

namespace mc::testing {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

class RealServer : public EvidenceTest {
protected:
    RealServer() : server(t.app().router, http::ServerOptions{.address = "127.0.0.1", .port = 0, .threads = 2}) {
        EXPECT_TRUE(server.listen());
        thread = std::thread([this] { server.run(); });
    }
    ~RealServer() override {
        server.stop();
        thread.join();
    }

    tcp::socket connect() {
        tcp::socket s(io);
        s.connect({asio::ip::make_address("127.0.0.1"), server.port()});
        return s;
    }
    std::string cookies(Person& p) {
        std::string out;
        for (auto& [k, v] : p.client.cookies) out += (out.empty() ? "" : "; ") + k + "=" + v;
        return out;
    }
    std::string patch_head(Person& p, const std::string& id, std::uint64_t offset, std::uint64_t length) {
        return "PATCH /uploads/" + id + " HTTP/1.1\r\nHost: test\r\nTus-Resumable: 1.0.0\r\nX-CSRF-Token: " + p.client.csrf +
               "\r\nCookie: " + cookies(p) + "\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: " +
               std::to_string(offset) + "\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n";
    }
    static std::string read_response(tcp::socket& s) {
        asio::streambuf buf;
        boost::system::error_code ec;
        asio::read_until(s, buf, "\r\n\r\n", ec);
        return std::string(asio::buffers_begin(buf.data()), asio::buffers_end(buf.data()));
    }
    void wait_until_released(const std::string& id) {
        for (int i = 0; i < 200 && evidence::UploadLock::is_held(id); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }

    asio::io_context io;
    http::Server server;
    std::thread thread;
};

TEST_F(RealServer, A20MegabytePatchStreamsToDisk) {
    auto ana = person(accounts::educator);
    auto sub = enroll(ana, publish("serve-return"));
    const std::size_t total = 20u << 20;
    auto id = create_upload(ana, sub, "clip", total, "video/mp4");
    ASSERT_FALSE(id.empty());
    std::string block = fake_mp4(64 * 1024); // the same 64 KiB over and over: the client holds no 20 MB either
    auto s = connect();
    asio::write(s, asio::buffer(patch_head(ana, id, 0, total)));
    boost::system::error_code wec;
    for (std::size_t sent = 0; sent < total && !wec; sent += block.size()) asio::write(s, asio::buffer(block), wec);
    auto res = read_response(s);
    EXPECT_TRUE(res.starts_with("HTTP/1.1 204")) << res;
    EXPECT_NE(res.find("Upload-Offset: 20971520"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_files WHERE submission_id = :k AND size = 20971520", sub), 1);
}

TEST_F(RealServer, ADroppedConnectionKeepsExactlyTheBytesReceived) {
    auto ana = person(accounts::educator);
    auto sub = enroll(ana, publish("serve-return"));
    auto bytes = fake_mp4(1 << 20);
    auto id = create_upload(ana, sub, "clip", bytes.size(), "video/mp4");
    {
        auto s = connect();
        asio::write(s, asio::buffer(patch_head(ana, id, 0, bytes.size())));
        asio::write(s, asio::buffer(bytes.data(), 300000));
        s.shutdown(tcp::socket::shutdown_both);
        s.close();
    }
    // The server may not even have started on the request yet (a loaded machine): wait, bounded,
    // until it has written the bytes and let the upload go, rather than for a fixed time.
    for (int i = 0; i < 1000; ++i) {
        if (!evidence::UploadLock::is_held(id) &&
            tus(ana, "HEAD", "/uploads/" + id).header_value("Upload-Offset") == "300000")
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    wait_until_released(id);
    EXPECT_EQ(tus(ana, "HEAD", "/uploads/" + id).header_value("Upload-Offset"), "300000");
    EXPECT_EQ(std::filesystem::file_size(t.app().config.data_dir / "uploads" / (id + ".part")), 300000u);
    ASSERT_EQ(patch(ana, id, 300000, bytes.substr(300000)).status, 204);

    // The stored video plays and seeks: Range answers 206 with only the asked bytes.
    auto sql = t.app().db->lease();
    std::string file;
    *sql << "SELECT id FROM evidence_files WHERE submission_id = :s", soci::use(sub, "s"), soci::into(file);
    auto s = connect();
    asio::write(s, asio::buffer("GET /evidence/files/" + file + " HTTP/1.1\r\nHost: test\r\nCookie: " + cookies(ana) +
                                "\r\nRange: bytes=4-11\r\nConnection: close\r\n\r\n"));
    boost::system::error_code ec;
    std::string all;
    asio::read(s, asio::dynamic_buffer(all), ec);
    EXPECT_TRUE(all.starts_with("HTTP/1.1 206")) << all.substr(0, 200);
    EXPECT_NE(all.find("Content-Range: bytes 4-11/1048576"), std::string::npos);
    EXPECT_TRUE(all.ends_with("\r\n\r\nftypisom"));
}

} // namespace
} // namespace mc::testing
