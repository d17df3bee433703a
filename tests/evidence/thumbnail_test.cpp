// Photo evidence on a phone: pages show a small JPEG made on the server, the full photo only on
// request. The thumbnail is evidence too: same people may see it, every view is logged, it goes
// when the file's bytes go, and it carries none of the photo's metadata (GPS, camera).
#include <vips/vips8>

#include <fstream>
#include <mutex>

#include "accounts/roles.hpp"
#include "evidence/thumbnail.hpp"
#include "platform/crypto/random.hpp"
#include "tests/evidence/fixture.hpp"

namespace mc::testing {
namespace {

using namespace accounts;

// A real 2000 x 1500 JPEG with a GPS-like comment in its metadata, made by libvips itself.
std::string classroom_photo() {
    static std::once_flag once;
    std::call_once(once, [] { vips_init("microcred-tests"); });
    auto img = vips::VImage::xyz(2000, 1500).extract_band(0).cast(VIPS_FORMAT_UCHAR);
    img = img.bandjoin({img, img});
    img.set("exif-ifd0-ImageDescription", "lat 36.1 lon -86.7");
    void* buf = nullptr;
    size_t len = 0;
    img.write_to_buffer(".jpg", &buf, &len, vips::VImage::option()->set("Q", 95));
    std::string out(static_cast<const char*>(buf), len);
    g_free(buf);
    return out;
}

class Thumbnails : public EvidenceTest {
protected:
    Person ana = person(educator);
    Person eve = person(educator | assessor, "Eve");
    Person admin = person(program_admin, "Pat");
    std::string sub = enroll(ana, publish("photo-thumbs"));

    std::string upload_photo(const std::string& bytes) {
        auto res = upload(ana, sub, "clip", bytes, "image/jpeg", "aula.jpg");
        EXPECT_EQ(res.status, 204);
        auto sql = t.app().db->lease();
        std::string file;
        *sql << "SELECT id FROM evidence_files WHERE submission_id = :s", soci::use(sub, "s"), soci::into(file);
        return file;
    }
};

TEST_F(Thumbnails, OwnerGetsASmallJpegWithoutMetadataAndTheViewIsLogged) {
    auto bytes = classroom_photo();
    auto file = upload_photo(bytes);
    auto before = count("SELECT COUNT(*) FROM evidence_views WHERE file_id = :k", file);
    auto res = ana.client.get("/evidence/files/" + file + "/thumbnail");
    ASSERT_EQ(res.status, 200);
    ASSERT_FALSE(res.file.empty());
    EXPECT_EQ(res.header_value("Content-Type"), "image/jpeg");
    EXPECT_EQ(res.header_value("Cache-Control"), "private, no-store");
    EXPECT_EQ(res.header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_views WHERE file_id = :k", file), before + 1);

    auto thumb = vips::VImage::new_from_file(res.file.c_str());
    EXPECT_EQ(thumb.width(), evidence::kThumbnailWidth);
    EXPECT_EQ(thumb.height(), evidence::kThumbnailWidth * 1500 / 2000);
    EXPECT_LT(std::filesystem::file_size(res.file) * 10, bytes.size());
    EXPECT_EQ(thumb.get_typeof("exif-ifd0-ImageDescription"), 0u) << "metadata must be stripped";

    // A second view reuses the thumbnail already made, and is logged again.
    auto again = ana.client.get("/evidence/files/" + file + "/thumbnail");
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.file, res.file);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_views WHERE file_id = :k", file), before + 2);
}

TEST_F(Thumbnails, OnlyThoseWhoMaySeeTheFileSeeItsThumbnail) {
    auto file = upload_photo(classroom_photo());
    auto url = "/evidence/files/" + file + "/thumbnail";
    EXPECT_EQ(eve.client.get(url).status, 404);   // an assessor, but not assigned
    EXPECT_EQ(admin.client.get(url).status, 404); // administrators never see children
    EXPECT_EQ(t.client().get(url).status, 303);   // visitors go to sign in
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_views WHERE file_id = :k", file), 0);
    {
        auto sql = t.app().db->lease();
        std::string id = crypto::new_id();
        *sql << "INSERT INTO assignments (id, submission_id, assessor_id, status, assigned_at) VALUES (:i, :s, :a, 'assigned', 1)",
            soci::use(id, "i"), soci::use(sub, "s"), soci::use(eve.id, "a");
    }
    EXPECT_EQ(eve.client.get(url).status, 200);
}

TEST_F(Thumbnails, VideosHaveNoneAndARemovedPhotoTakesItsThumbnailAlong) {
    auto video = upload(ana, sub, "clip", fake_mp4(40000), "video/mp4", "clip.mp4");
    ASSERT_EQ(video.status, 204);
    std::string video_id;
    {
        auto sql = t.app().db->lease();
        *sql << "SELECT id FROM evidence_files WHERE submission_id = :s AND media_type = 'video/mp4'",
            soci::use(sub, "s"), soci::into(video_id);
    }
    EXPECT_EQ(ana.client.get("/evidence/files/" + video_id + "/thumbnail").status, 404);

    std::string photo_bytes = classroom_photo();
    auto res = upload(ana, sub, "clip", photo_bytes, "image/jpeg", "aula.jpg");
    ASSERT_EQ(res.status, 204);
    std::string photo, sha;
    {
        auto sql = t.app().db->lease();
        *sql << "SELECT id, sha256 FROM evidence_files WHERE submission_id = :s AND media_type = 'image/jpeg'",
            soci::use(sub, "s"), soci::into(photo), soci::into(sha);
    }
    auto thumb = ana.client.get("/evidence/files/" + photo + "/thumbnail");
    ASSERT_EQ(thumb.status, 200);
    ASSERT_TRUE(std::filesystem::exists(thumb.file));

    // The submission page shows the thumbnail, and links the full photo.
    auto page = ana.client.get("/submissions/" + sub);
    EXPECT_NE(page.body.find("/evidence/files/" + photo + "/thumbnail"), std::string::npos);
    EXPECT_NE(page.body.find("href=\"/evidence/files/" + photo + "\""), std::string::npos);

    auto removed = ana.client.post("/submissions/" + sub + "/files/" + photo + "/remove", {});
    EXPECT_LT(removed.status, 400);
    EXPECT_FALSE(std::filesystem::exists(thumb.file));
    EXPECT_EQ(ana.client.get("/evidence/files/" + photo + "/thumbnail").status, 404);
}

TEST(ThumbnailFile, RefusesWhatIsNotAnImage) {
    auto dir = std::filesystem::temp_directory_path() / ("mc-thumb-" + crypto::random_token(6));
    std::filesystem::create_directories(dir);
    auto src = dir / "not-a-photo";
    { std::ofstream(src) << "plain words, no pixels"; }
    auto r = evidence::ensure_thumbnail(dir, std::string(64, 'a'), src);
    EXPECT_FALSE(r.has_value());
    EXPECT_FALSE(std::filesystem::exists(evidence::thumbnail_path(dir, std::string(64, 'a'))));
    EXPECT_FALSE(evidence::ensure_thumbnail(dir, "../../etc/passwd", src).has_value());
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace mc::testing
