// Storage one person may fill (issue 8, item 5): bounds on unfinished and finished uploads,
// the disk's free-space floor, and the expiry of abandoned uploads with the sweep that removes
// their .part files. Each refusal answers with a message saying what to do.
#include <fstream>

#include "accounts/roles.hpp"
#include "app/storage_limits.hpp"
#include "evidence/submission_store.hpp"
#include "evidence/upload_storage.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"
#include "tests/evidence/fixture.hpp"

namespace mc::testing {
namespace {

using accounts::educator;
namespace fs = std::filesystem;

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

class Storage : public EvidenceTest {
protected:
    // The process's limits, put back after each test.
    app::StorageLimits saved = app::storage_limits();
    ~Storage() override { app::storage_limits() = saved; }
    static app::StorageLimits& limits() { return app::storage_limits(); }

    Person ana = person(educator);
    std::string sub = enroll(ana, publish("serve-return"));

    int part_files() {
        int n = 0;
        std::error_code ec;
        for (auto it = fs::directory_iterator(t.app().config.data_dir / "uploads", ec); !ec && it != fs::directory_iterator();
             it.increment(ec))
            n += it->path().extension() == ".part";
        return n;
    }
    static std::string meta_for(const std::string& submission) {
        return "part_id " + crypto::base64_encode("clip") + ",submission_id " + crypto::base64_encode(submission);
    }
    // The disk this test runs on has whatever it has free: the floor is set relative to it.
    void disk_floor_fits() { limits().min_free_disk_bytes = 0; }
};

constexpr std::uint64_t GiB = 1ull << 30;

// The reproduction: 50 creations of Upload-Length 2 GiB by one self-registered account.
TEST_F(Storage, FiftyCreationsOfTwoGibibytesAreNotAllAccepted) {
    disk_floor_fits();
    ASSERT_GE(evidence::free_disk_bytes(t.app().config.data_dir), 2 * GiB) << "the disk needs room for one declared length";
    int accepted = 0, refused = 0;
    http::Response last;
    for (int i = 0; i < 50; ++i) {
        auto meta = "filename " + crypto::base64_encode("clip.mp4") + ",filetype " + crypto::base64_encode("video/mp4") +
                    ",submission_id " + crypto::base64_encode(sub) + ",part_id " + crypto::base64_encode("clip");
        last = tus(ana, "POST", "/uploads", {{"upload-length", std::to_string(2 * GiB)}, {"upload-metadata", meta}});
        if (last.status == 201) ++accepted;
        if (last.status == 413) ++refused;
    }
    // 4 GiB of unfinished uploads per person by default: two of them.
    EXPECT_EQ(accepted, 2);
    EXPECT_EQ(refused, 48);
    EXPECT_TRUE(contains(last.body, "unfinished uploads already add up")) << last.body;
    EXPECT_EQ(part_files(), 2); // a refusal leaves nothing behind
    EXPECT_EQ(count("SELECT COUNT(*) FROM uploads WHERE owner_id = :k", ana.id), 2);
}

TEST_F(Storage, UnfinishedUploadsAreBoundedInNumber) {
    disk_floor_fits();
    limits().max_unfinished_uploads_per_user = 3;
    int status = 0;
    for (int i = 0; i < 3; ++i) {
        create_upload(ana, sub, "clip", 1000, "video/mp4", "clip.mp4", &status);
        EXPECT_EQ(status, 201);
    }
    auto res = tus(ana, "POST", "/uploads", {{"upload-length", "1000"}, {"upload-metadata", meta_for(sub)}});
    EXPECT_EQ(res.status, 413);
    EXPECT_TRUE(contains(res.body, "many uploads that are not finished")) << res.body;
    // Another person is not affected by Ana's uploads.
    auto bea = person(educator, "Bea");
    auto bea_sub = enroll(bea, publish("serve-return-2"));
    create_upload(bea, bea_sub, "clip", 1000, "video/mp4", "clip.mp4", &status);
    EXPECT_EQ(status, 201);
}

TEST_F(Storage, FinishedFilesCountTowardsWhatOnePersonMayHold) {
    disk_floor_fits();
    limits().max_evidence_bytes_per_user = 100000;
    auto bytes = fake_mp4(60000);
    ASSERT_EQ(upload(ana, sub, "clip", bytes, "video/mp4").status, 204);
    int status = 0;
    create_upload(ana, sub, "clip", 30000, "video/mp4", "small.mp4", &status);
    EXPECT_EQ(status, 201); // 60,000 kept + 30,000 unfinished fits
    auto res = tus(ana, "POST", "/uploads", {{"upload-length", "20000"}, {"upload-metadata", meta_for(sub)}});
    EXPECT_EQ(res.status, 413);
    EXPECT_TRUE(contains(res.body, "use all the space one person may have")) << res.body;
}

TEST_F(Storage, ANearlyFullDiskRefusesNewUploadsAndWritesWithAClearMessage) {
    disk_floor_fits();
    int status = 0;
    auto id = create_upload(ana, sub, "clip", 40000, "video/mp4", "clip.mp4", &status);
    ASSERT_EQ(status, 201);
    // A floor above what the disk has free: the disk counts as nearly full.
    limits().min_free_disk_bytes = evidence::free_disk_bytes(t.app().config.data_dir) + 1000 * GiB;
    auto res = tus(ana, "POST", "/uploads", {{"upload-length", "1000"}, {"upload-metadata", meta_for(sub)}});
    EXPECT_EQ(res.status, 507);
    EXPECT_TRUE(contains(res.body, "nearly out of space")) << res.body;
    auto write = patch(ana, id, 0, fake_mp4(40000));
    EXPECT_EQ(write.status, 507);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_files WHERE submission_id = :k", sub), 0);
    disk_floor_fits(); // space again: the same upload resumes where it was
    EXPECT_EQ(patch(ana, id, 0, fake_mp4(40000)).status, 204);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_files WHERE submission_id = :k", sub), 1);
}

TEST_F(Storage, AbandonedUploadsExpireAndTheSweepRemovesTheirPartFiles) {
    disk_floor_fits();
    int status = 0;
    auto bytes = fake_mp4(50000);
    auto id = create_upload(ana, sub, "clip", bytes.size(), "video/mp4", "clip.mp4", &status);
    ASSERT_EQ(status, 201);
    auto head = tus(ana, "HEAD", "/uploads/" + id);
    auto expires = head.header_value("Upload-Expires");
    EXPECT_TRUE(expires.ends_with(" GMT")) << expires;
    auto first = patch(ana, id, 0, bytes.substr(0, 20000));
    EXPECT_EQ(first.status, 204);
    EXPECT_FALSE(first.header_value("Upload-Expires").empty());
    auto keep = create_upload(ana, sub, "clip", 1000, "video/mp4", "keep.mp4", &status);
    ASSERT_EQ(part_files(), 2);

    long long now = evidence::now_seconds();
    {
        auto sql = t.app().db->lease();
        long long past = now - 1;
        *sql << "UPDATE uploads SET expires_at = :x WHERE id = :id", soci::use(past, "x"), soci::use(id, "id");
    }
    EXPECT_EQ(tus(ana, "HEAD", "/uploads/" + id).status, 404); // expired: not resumable
    EXPECT_EQ(patch(ana, id, 20000, bytes.substr(20000)).status, 404);
    // A .part file whose row never got written (the server died in between).
    auto orphan = t.app().config.data_dir / "uploads" / "orphan-upload.part";
    std::ofstream(orphan) << "x";
    fs::last_write_time(orphan, fs::file_time_type::clock::now() - std::chrono::hours(48));

    EXPECT_EQ(evidence::sweep_expired_uploads(t.app(), now), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM uploads WHERE id = :k", id), 0);
    EXPECT_FALSE(fs::exists(orphan));
    EXPECT_EQ(part_files(), 1); // the upload still in time stays
    EXPECT_EQ(tus(ana, "HEAD", "/uploads/" + keep).status, 200);
    // What expired no longer counts against the person.
    limits().max_unfinished_uploads_per_user = 2;
    create_upload(ana, sub, "clip", 1000, "video/mp4", "again.mp4", &status);
    EXPECT_EQ(status, 201);
}

} // namespace
} // namespace mc::testing
