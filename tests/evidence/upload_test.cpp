// tus 1.0 through the real router: creation, HEAD, PATCH in chunks, resume after an abort,
// offsets, limits, type checks by content, content-addressed storage.
#include <fstream>

#include "accounts/roles.hpp"
#include "platform/crypto/random.hpp"
#include "tests/evidence/fixture.hpp"

namespace mc::testing {
namespace {

using accounts::educator;

class Uploads : public EvidenceTest {
protected:
    Person ana = person(educator);
    std::string sub = enroll(ana, publish("serve-return"));

    int stored_files() {
        int n = 0;
        std::error_code ec;
        for (auto it = std::filesystem::recursive_directory_iterator(t.app().config.evidence_dir(), ec);
             it != std::filesystem::recursive_directory_iterator(); ++it)
            n += it->is_regular_file();
        return n;
    }
    std::string read_blob(const std::string& sha) {
        std::ifstream in(t.app().config.evidence_dir() / sha.substr(0, 2) / sha, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
};

TEST_F(Uploads, OptionsDescribeTheServer) {
    auto res = tus(ana, "OPTIONS", "/uploads");
    EXPECT_EQ(res.status, 204);
    EXPECT_EQ(res.header_value("Tus-Version"), "1.0.0");
    EXPECT_EQ(res.header_value("Tus-Extension"), "creation,termination,expiration");
    EXPECT_EQ(res.header_value("Tus-Max-Size"), std::to_string(2ull << 30));
}

TEST_F(Uploads, ChunkedUploadResumesAfterADroppedConnection) {
    auto bytes = fake_mp4(300000);
    int status = 0;
    auto id = create_upload(ana, sub, "clip", bytes.size(), "video/mp4", "circle time.mp4", &status);
    ASSERT_EQ(status, 201);
    auto head = tus(ana, "HEAD", "/uploads/" + id);
    EXPECT_EQ(head.header_value("Upload-Offset"), "0");
    EXPECT_EQ(head.header_value("Upload-Length"), "300000");
    EXPECT_EQ(head.header_value("Cache-Control"), "no-store");

    // First PATCH: 100,000 bytes in 3 KB chunks, answered with the new offset.
    auto first = patch(ana, id, 0, bytes.substr(0, 100000), 3000);
    EXPECT_EQ(first.status, 204);
    EXPECT_EQ(first.header_value("Upload-Offset"), "100000");
    // Second PATCH drops after 50,000 more bytes: what arrived is kept for the resume.
    EXPECT_EQ(patch(ana, id, 100000, bytes.substr(100000), 10000, 50000).status, 499);
    head = tus(ana, "HEAD", "/uploads/" + id);
    EXPECT_EQ(head.header_value("Upload-Offset"), "150000");
    // The rest, from the reported offset.
    auto last = patch(ana, id, 150000, bytes.substr(150000), 65536);
    EXPECT_EQ(last.status, 204);
    EXPECT_EQ(last.header_value("Upload-Offset"), "300000");

    auto sha = crypto::sha256_hex(bytes);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_files WHERE sha256 = :k AND media_type = 'video/mp4' AND size = 300000", sha), 1);
    EXPECT_EQ(read_blob(sha), bytes);
    EXPECT_FALSE(std::filesystem::exists(t.app().config.data_dir / "uploads" / (id + ".part")));
    EXPECT_EQ(tus(ana, "HEAD", "/uploads/" + id).header_value("Upload-Offset"), "300000");
}

TEST_F(Uploads, BytesPastTheRecordedOffsetAreCutOnResume) {
    auto bytes = fake_mp4(50000);
    auto id = create_upload(ana, sub, "clip", bytes.size(), "video/mp4");
    ASSERT_EQ(patch(ana, id, 0, bytes.substr(0, 20000)).status, 204);
    // A crash after writing but before recording: the tail was never acknowledged.
    {
        std::ofstream out(t.app().config.data_dir / "uploads" / (id + ".part"), std::ios::binary | std::ios::app);
        out << "garbage that was never acknowledged";
    }
    EXPECT_EQ(tus(ana, "HEAD", "/uploads/" + id).header_value("Upload-Offset"), "20000");
    EXPECT_EQ(std::filesystem::file_size(t.app().config.data_dir / "uploads" / (id + ".part")), 20000u);
    ASSERT_EQ(patch(ana, id, 20000, bytes.substr(20000)).status, 204);
    EXPECT_EQ(read_blob(crypto::sha256_hex(bytes)), bytes);
}

TEST_F(Uploads, WrongOffsetIsAConflict) {
    auto id = create_upload(ana, sub, "clip", 1000, "video/mp4");
    EXPECT_EQ(patch(ana, id, 10, fake_mp4(100)).status, 409);
    ASSERT_EQ(patch(ana, id, 0, fake_mp4(100)).status, 204);
    EXPECT_EQ(patch(ana, id, 0, fake_mp4(100)).status, 409);
}

TEST_F(Uploads, ProtocolVersionAndCsrfAreRequired) {
    auto meta = "submission_id " + crypto::base64_encode(sub) + ",part_id " + crypto::base64_encode("clip");
    EXPECT_EQ(tus(ana, "POST", "/uploads", {{"upload-length", "10"}, {"upload-metadata", meta}, {"tus-resumable", "<none>"}}).status, 412);
    EXPECT_EQ(tus(ana, "POST", "/uploads", {{"upload-length", "10"}, {"upload-metadata", meta}, {"x-csrf-token", "<none>"}}).status, 403);
    EXPECT_EQ(tus(ana, "POST", "/uploads", {{"upload-length", "ten"}, {"upload-metadata", meta}}).status, 400);
    EXPECT_EQ(tus(ana, "POST", "/uploads", {{"upload-length", "10"}, {"upload-metadata", "submission_id ###"}}).status, 400);
}

TEST_F(Uploads, DeclaredLengthOverTheLimitIs413) {
    int status = 0;
    create_upload(ana, sub, "clip", (2ull << 30) + 1, "video/mp4", "long.mp4", &status);
    EXPECT_EQ(status, 413);
    EXPECT_EQ(count("SELECT COUNT(*) FROM uploads WHERE submission_id = :k", sub), 0);
}

TEST_F(Uploads, BodyPastUploadLengthIsRefused) {
    auto id = create_upload(ana, sub, "clip", 100, "video/mp4");
    EXPECT_EQ(patch(ana, id, 0, fake_mp4(200)).status, 413);
}

TEST_F(Uploads, AVideoThatIsReallyAPdfIsRefusedAndNothingStored) {
    auto res = upload(ana, sub, "clip", fake_pdf(30000), "video/mp4", "trick.mp4");
    EXPECT_EQ(res.status, 415);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_files WHERE submission_id = :k", sub), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM uploads WHERE submission_id = :k", sub), 0);
    EXPECT_EQ(stored_files(), 0);
    EXPECT_TRUE(std::filesystem::is_empty(t.app().config.data_dir / "uploads"));
    // Honest but not accepted by the part: a PDF for the video part, and a video for documents.
    int status = 0;
    create_upload(ana, sub, "clip", 100, "application/pdf", "plan.pdf", &status);
    EXPECT_EQ(status, 415);
    EXPECT_EQ(upload(ana, sub, "notes", fake_mp4(5000), "", "noext").status, 415);
    EXPECT_EQ(upload(ana, sub, "notes", fake_pdf(5000), "application/pdf", "plan.pdf").status, 204);
}

TEST_F(Uploads, TheSameBytesAreStoredOnce) {
    auto bytes = fake_jpeg(8000);
    ASSERT_EQ(upload(ana, sub, "clip", bytes, "image/jpeg", "one.jpg").status, 204);
    ASSERT_EQ(upload(ana, sub, "clip", bytes, "image/jpeg", "two.jpg").status, 204);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_files WHERE sha256 = :k", crypto::sha256_hex(bytes)), 2);
    EXPECT_EQ(stored_files(), 1);
    // The part takes two files: a third is refused at creation.
    int status = 0;
    create_upload(ana, sub, "clip", 10, "image/jpeg", "three.jpg", &status);
    EXPECT_EQ(status, 409);
}

TEST_F(Uploads, TerminationDeletesTheBytes) {
    auto id = create_upload(ana, sub, "clip", 1000, "video/mp4");
    ASSERT_EQ(patch(ana, id, 0, fake_mp4(500)).status, 204);
    EXPECT_EQ(tus(ana, "DELETE", "/uploads/" + id).status, 204);
    EXPECT_EQ(tus(ana, "HEAD", "/uploads/" + id).status, 404);
    EXPECT_FALSE(std::filesystem::exists(t.app().config.data_dir / "uploads" / (id + ".part")));
}

TEST_F(Uploads, NoUploadsOnceSubmitted) {
    auto id = create_upload(ana, sub, "clip", 1000, "video/mp4");
    set_status(sub, "submitted");
    EXPECT_EQ(patch(ana, id, 0, fake_mp4(500)).status, 409);
    int status = 0;
    create_upload(ana, sub, "clip", 1000, "video/mp4", "x.mp4", &status);
    EXPECT_EQ(status, 409);
}

} // namespace
} // namespace mc::testing
