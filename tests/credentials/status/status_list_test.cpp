#include <gtest/gtest.h>

#include <zlib.h>

#include <set>

#include "credentials/status/bitstring_status_list.hpp"

using namespace mc::credentials;
using nlohmann::json;
using namespace std::chrono;

namespace {

// gzip of `data` (test helper, independent of the library's encoder).
Bytes gzip_of(const Bytes& data) {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    Bytes out(deflateBound(&z, data.size()));
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

} // namespace

TEST(StatusList, SizeAndBits) {
    BitstringStatusList list;
    EXPECT_EQ(list.size(), 131072u);
    EXPECT_EQ(BitstringStatusList(10).size(), 131072u);
    EXPECT_EQ(BitstringStatusList(131073).size(), 131080u);
    ASSERT_TRUE(list.set(0, true));
    ASSERT_TRUE(list.set(131071, true));
    EXPECT_EQ(list.bytes()[0], 0x80); // index 0 is the left-most bit
    EXPECT_EQ(list.bytes().back(), 0x01);
    EXPECT_TRUE(*list.get(0));
    EXPECT_FALSE(*list.get(1));
    EXPECT_FALSE(list.get(131072));
    EXPECT_FALSE(list.set(131072, true));
    ASSERT_TRUE(list.set(0, false));
    EXPECT_FALSE(*list.get(0));
}

TEST(StatusList, EncodeDecodeRoundTrip) {
    BitstringStatusList list;
    for (std::size_t i : {5u, 77u, 1000u, 99999u}) ASSERT_TRUE(list.set(i, true));
    auto encoded = list.encode();
    ASSERT_TRUE(encoded);
    EXPECT_EQ((*encoded)[0], 'u');
    EXPECT_EQ(encoded->find('='), std::string::npos);
    auto decoded = BitstringStatusList::decode(*encoded);
    ASSERT_TRUE(decoded) << decoded.error().detail;
    EXPECT_EQ(decoded->bytes(), list.bytes());
    EXPECT_EQ(*BitstringStatusList(131072).encode(), *BitstringStatusList(131072).encode()); // deterministic
}

// The example encodedList of the W3C Bitstring Status List specification (all zero).
TEST(StatusList, DecodesSpecExample) {
    auto decoded = BitstringStatusList::decode("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");
    ASSERT_TRUE(decoded) << decoded.error().detail;
    EXPECT_EQ(decoded->size(), 131072u);
    for (auto b : decoded->bytes()) ASSERT_EQ(b, 0);
}

TEST(StatusList, RefusesBombsAndJunk) {
    // 64 MiB of zeros compresses to ~64 KiB; decoding must stop at the bound.
    auto bomb = multibase_base64url(gzip_of(Bytes(64u << 20, 0)));
    auto r = BitstringStatusList::decode(bomb);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, mc::Errc::too_large);
    EXPECT_FALSE(BitstringStatusList::decode(multibase_base64url(gzip_of(Bytes(100, 0))))); // below minimum
    EXPECT_FALSE(BitstringStatusList::decode(""));
    EXPECT_FALSE(BitstringStatusList::decode("zabc"));
    EXPECT_FALSE(BitstringStatusList::decode("u!!!"));
    EXPECT_FALSE(BitstringStatusList::decode("u" + base64url_encode(as_bytes("not gzip at all"))));
    auto good = gzip_of(Bytes(16384, 0));
    auto truncated = good;
    truncated.resize(truncated.size() - 5);
    EXPECT_FALSE(BitstringStatusList::decode(multibase_base64url(truncated)));
    auto trailing = good;
    trailing.push_back(0);
    EXPECT_FALSE(BitstringStatusList::decode(multibase_base64url(trailing)));
    EXPECT_TRUE(BitstringStatusList::decode(multibase_base64url(good)));
}

TEST(StatusList, RandomUnusedIndexes) {
    StatusIndexAllocator alloc;
    std::set<std::size_t> seen;
    for (int i = 0; i < 2000; ++i) {
        auto idx = alloc.allocate();
        ASSERT_TRUE(idx);
        EXPECT_LT(*idx, 131072u);
        EXPECT_TRUE(seen.insert(*idx).second);
    }
    EXPECT_EQ(alloc.remaining(), 131072u - 2000u);
    // Not sequential: the spread of 2000 random picks covers most of the range.
    EXPECT_GT(*seen.rbegin() - *seen.begin(), 100000u);
}

TEST(StatusList, AllocatorFillsUpThenRefuses) {
    std::vector<std::size_t> used;
    for (std::size_t i = 0; i < 131072; ++i)
        if (i != 4242 && i != 100) used.push_back(i);
    StatusIndexAllocator alloc(131072, used);
    EXPECT_EQ(alloc.remaining(), 2u);
    std::set<std::size_t> got{*alloc.allocate(), *alloc.allocate()};
    EXPECT_EQ(got, (std::set<std::size_t>{100, 4242}));
    auto full = alloc.allocate();
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().code, mc::Errc::conflict);
}

TEST(StatusList, EntryCredentialAndReading) {
    const std::string url = "https://ece.example/status/3";
    auto entry = status_list_entry(url, 94567);
    EXPECT_EQ(entry, (json{{"id", url + "#94567"},
                           {"type", "BitstringStatusListEntry"},
                           {"statusPurpose", "revocation"},
                           {"statusListIndex", "94567"},
                           {"statusListCredential", url}}));
    BitstringStatusList list;
    StatusListCredentialOptions opts{url, "https://ece.example/issuers/1", "revocation", sys_days{2025y / 1 / 1}, {}};
    auto cred = build_status_list_credential(list, opts);
    ASSERT_TRUE(cred);
    EXPECT_EQ((*cred)["type"], json::array({"VerifiableCredential", "BitstringStatusListCredential"}));
    EXPECT_EQ((*cred)["credentialSubject"]["type"], "BitstringStatusList");
    EXPECT_EQ((*cred)["validFrom"], "2025-01-01T00:00:00Z");
    EXPECT_FALSE(cred->contains("validUntil"));
    EXPECT_EQ(read_status(*cred, entry), false);
    ASSERT_TRUE(list.set(94567, true));
    cred = build_status_list_credential(list, opts);
    EXPECT_EQ(read_status(*cred, entry), true);
    EXPECT_EQ(read_status(*cred, status_list_entry(url, 94566)), false);

    EXPECT_FALSE(read_status(*cred, status_list_entry(url, 94567, "suspension")));
    EXPECT_FALSE(read_status(*cred, status_list_entry("https://other.example/s", 1)));
    EXPECT_FALSE(read_status(*cred, status_list_entry(url, 131072)));
    for (const char* idx : {"-1", "1x", "", " 1", "99999999999999999999999"}) {
        auto e = entry;
        e["statusListIndex"] = idx;
        EXPECT_FALSE(read_status(*cred, e)) << idx;
    }
    EXPECT_FALSE(read_status(json::array(), entry));
    EXPECT_FALSE(read_status(*cred, json(5)));
}
