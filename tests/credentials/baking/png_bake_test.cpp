#include <gtest/gtest.h>

#include <png.h>
#include <zlib.h>

#include "credentials/baking/png_bake.hpp"
#include "platform/unwrap.hpp"

using namespace mc::credentials;

namespace {

void put32(Bytes& out, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}

void chunk(Bytes& out, const char* type, const Bytes& data) {
    put32(out, static_cast<std::uint32_t>(data.size()));
    Bytes td(type, type + 4);
    td.insert(td.end(), data.begin(), data.end());
    out.insert(out.end(), td.begin(), td.end());
    put32(out, static_cast<std::uint32_t>(crc32(0, td.data(), static_cast<uInt>(td.size()))));
}

// A 2x2 RGB PNG built by hand (independent of the code under test).
Bytes tiny_png() {
    Bytes png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    chunk(png, "IHDR", {0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0});
    Bytes raw{0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255};
    Bytes z(compressBound(raw.size()));
    uLongf zlen = z.size();
    compress(z.data(), &zlen, raw.data(), raw.size());
    z.resize(zlen);
    chunk(png, "IDAT", z);
    chunk(png, "IEND", {});
    return png;
}

// libpng must still decode the baked image, pixels and all.
bool libpng_reads(const Bytes& png) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, png.data(), png.size())) return false;
    image.format = PNG_FORMAT_RGB;
    Bytes pixels(PNG_IMAGE_SIZE(image));
    bool ok = png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr) != 0;
    return ok && pixels[0] == 255 && pixels[4] == 255;
}

const std::string kJson = R"({"@context":["https://www.w3.org/ns/credentials/v2"],"name":"Niños y familias"})";

} // namespace

TEST(PngBake, BakeAndRead) {
    auto png = tiny_png();
    ASSERT_TRUE(libpng_reads(png));
    EXPECT_EQ(*read_png_credential(png), std::nullopt);
    auto baked = bake_png(png, kJson);
    ASSERT_TRUE(baked) << baked.error().detail;
    EXPECT_TRUE(libpng_reads(*baked));
    auto back = read_png_credential(*baked);
    ASSERT_TRUE(back) << back.error().detail;
    EXPECT_EQ(*back, kJson);
    // The chunk sits right before IEND.
    const std::size_t chunk_at = baked->size() - 12 - (12 + 24 + kJson.size());
    EXPECT_EQ(std::string(baked->begin() + chunk_at + 4, baked->begin() + chunk_at + 27), "iTXtopenbadgecredential");
}

TEST(PngBake, RebakeReplaces) {
    auto once = mc::unwrap(bake_png(tiny_png(), kJson));
    auto twice = bake_png(once, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
    ASSERT_TRUE(twice);
    EXPECT_EQ(**read_png_credential(*twice), "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
    EXPECT_EQ(twice->size(), tiny_png().size() + 12 + 24 + 29);
}

TEST(PngBake, RefusesMalformed) {
    auto good = mc::unwrap(bake_png(tiny_png(), kJson));
    auto flip = [&](std::size_t at) {
        auto b = good;
        b[at] ^= 0x01;
        return b;
    };
    EXPECT_FALSE(read_png_credential(flip(0)));                 // signature
    EXPECT_FALSE(read_png_credential(flip(20)));                // IHDR data -> CRC
    EXPECT_FALSE(read_png_credential(flip(good.size() - 20)));  // credential text -> CRC
    EXPECT_FALSE(read_png_credential(flip(good.size() - 1)));   // IEND CRC
    auto truncated = good;
    truncated.resize(good.size() - 4);
    EXPECT_FALSE(read_png_credential(truncated));
    auto trailing = good;
    trailing.push_back(0);
    EXPECT_FALSE(read_png_credential(trailing));
    auto huge_len = good;
    huge_len[8] = 0x7f; // IHDR length
    EXPECT_FALSE(read_png_credential(huge_len));
    EXPECT_FALSE(read_png_credential(Bytes{}));
    EXPECT_FALSE(bake_png(Bytes(7, 0), kJson));
    EXPECT_FALSE(bake_png(tiny_png(), ""));
    EXPECT_FALSE(bake_png(tiny_png(), "\xff\xfe"));
    EXPECT_FALSE(bake_png(tiny_png(), std::string(kMaxBakedCredentialBytes + 1, 'a')));
}

TEST(PngBake, RefusesCompressedAndDuplicates) {
    auto png = tiny_png();
    Bytes iend(png.end() - 12, png.end());
    Bytes body(png.begin(), png.end() - 12);
    std::string kw = "openbadgecredential";
    Bytes compressed(kw.begin(), kw.end());
    compressed.insert(compressed.end(), {0, 1, 0, 0, 0, 'x'});
    Bytes with = body;
    chunk(with, "iTXt", compressed);
    with.insert(with.end(), iend.begin(), iend.end());
    auto r = read_png_credential(with);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, mc::Errc::unsupported_type);

    Bytes plain(kw.begin(), kw.end());
    plain.insert(plain.end(), {0, 0, 0, 0, 0, 'x'});
    Bytes dup = body;
    chunk(dup, "iTXt", plain);
    chunk(dup, "iTXt", plain);
    dup.insert(dup.end(), iend.begin(), iend.end());
    EXPECT_FALSE(read_png_credential(dup));
    // A different keyword is not ours.
    Bytes other(std::string("openbadges").begin(), std::string("openbadges").end());
    std::string ob2 = "openbadges";
    Bytes legacy(ob2.begin(), ob2.end());
    legacy.insert(legacy.end(), {0, 0, 0, 0, 0, 'x'});
    Bytes old = body;
    chunk(old, "iTXt", legacy);
    old.insert(old.end(), iend.begin(), iend.end());
    EXPECT_EQ(*read_png_credential(old), std::nullopt);
}
