#include "credentials/baking/png_bake.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace mc::credentials {
namespace {

constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

auto bad(std::string detail) { return fail(Errc::bad_input, "credentials.errors.bad_image", std::move(detail)); }

struct Chunk {
    std::size_t offset; // of the length field
    std::size_t length; // of the data
    std::string type;
    ByteView data;
    std::size_t total() const { return 12 + length; }
};

std::uint32_t be32(const std::uint8_t* p) {
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

void put_be32(Bytes& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::uint32_t chunk_crc(std::string_view type, ByteView data) {
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(type.data()), 4);
    // zlib's length argument is uInt; chunk data is bounded well below that.
    crc = crc32(crc, data.data(), static_cast<uInt>(data.size()));
    return static_cast<std::uint32_t>(crc);
}

bool is_chunk_type(const std::uint8_t* p) {
    for (int i = 0; i < 4; ++i)
        if (!((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z'))) return false;
    return true;
}

// Splits the PNG into chunks: signature, IHDR first, IEND last with nothing after it,
// lengths within the file and below 2^31, CRCs correct.
Result<std::vector<Chunk>> parse_chunks(ByteView png) {
    if (png.size() > kMaxBakedImageBytes) return fail(Errc::too_large, "credentials.errors.bad_image", "image too large");
    if (png.size() < 8 || !std::equal(kSignature, kSignature + 8, png.begin())) return bad("not a PNG");
    std::vector<Chunk> chunks;
    std::size_t pos = 8;
    while (true) {
        if (chunks.size() >= kMaxPngChunks) return bad("too many chunks");
        if (png.size() - pos < 12) return bad("truncated chunk");
        std::uint32_t length = be32(&png[pos]);
        if (length > 0x7fffffffu || length > png.size() - pos - 12) return bad("chunk length out of range");
        if (!is_chunk_type(&png[pos + 4])) return bad("invalid chunk type");
        Chunk c{pos, length, std::string(reinterpret_cast<const char*>(&png[pos + 4]), 4), png.subspan(pos + 8, length)};
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION // let the fuzzer past CRCs to reach the chunk parsers
        if (chunk_crc(c.type, c.data) != be32(&png[pos + 8 + length])) return bad("chunk CRC mismatch");
#endif
        if (chunks.empty() && (c.type != "IHDR" || length != 13)) return bad("first chunk is not IHDR");
        pos += c.total();
        chunks.push_back(c);
        if (c.type == "IEND") break;
    }
    if (pos != png.size()) return bad("data after IEND");
    if (chunks.back().length != 0) return bad("IEND carries data");
    return chunks;
}

bool is_credential_chunk(const Chunk& c) {
    const auto& k = kPngCredentialKeyword;
    return c.type == "iTXt" && c.data.size() > k.size() &&
           std::memcmp(c.data.data(), k.data(), k.size()) == 0 && c.data[k.size()] == 0;
}

// iTXt: keyword \0 compression-flag compression-method language \0 translated-keyword \0 text
Result<std::string> itxt_text(const Chunk& c) {
    std::size_t pos = kPngCredentialKeyword.size() + 1;
    const auto& d = c.data;
    if (d.size() < pos + 2) return bad("truncated iTXt");
    if (d[pos] != 0) return fail(Errc::unsupported_type, "credentials.errors.bad_image", "compressed iTXt not supported");
    if (d[pos + 1] != 0) return bad("unknown iTXt compression method");
    pos += 2;
    for (int field = 0; field < 2; ++field) { // language tag, translated keyword
        auto nul = std::find(d.begin() + static_cast<std::ptrdiff_t>(pos), d.end(), 0);
        if (nul == d.end()) return bad("truncated iTXt");
        pos = static_cast<std::size_t>(nul - d.begin()) + 1;
    }
    std::string text(reinterpret_cast<const char*>(d.data() + pos), d.size() - pos);
    TRY(check_credential_text(text));
    return text;
}

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t n;
        std::uint32_t cp;
        if ((c & 0xe0) == 0xc0) { n = 1; cp = c & 0x1f; }
        else if ((c & 0xf0) == 0xe0) { n = 2; cp = c & 0x0f; }
        else if ((c & 0xf8) == 0xf0) { n = 3; cp = c & 0x07; }
        else return false;
        if (s.size() - i - 1 < n) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0) != 0x80) return false;
            cp = cp << 6 | (cc & 0x3f);
        }
        // Reject overlong forms, surrogates and values beyond U+10FFFF.
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += n + 1;
    }
    return true;
}

} // namespace

Result<void> check_credential_text(std::string_view text) {
    if (text.empty()) return bad("empty credential");
    if (text.size() > kMaxBakedCredentialBytes)
        return fail(Errc::too_large, "credentials.errors.bad_image", "credential too large");
    if (!valid_utf8(text)) return bad("credential is not UTF-8");
    return {};
}

Result<Bytes> bake_png(ByteView png, std::string_view credential) {
    TRY(check_credential_text(credential));
    auto chunks = TRY(parse_chunks(png));
    Bytes data(kPngCredentialKeyword.begin(), kPngCredentialKeyword.end());
    data.insert(data.end(), {0, 0, 0, 0, 0}); // keyword NUL, uncompressed, method 0, no language, no translation
    data.insert(data.end(), credential.begin(), credential.end());

    Bytes out(png.begin(), png.begin() + 8);
    out.reserve(png.size() + data.size() + 12);
    for (const auto& c : chunks) {
        if (is_credential_chunk(c)) continue; // re-baking replaces the old credential
        if (c.type == "IEND") {
            put_be32(out, static_cast<std::uint32_t>(data.size()));
            out.insert(out.end(), {'i', 'T', 'X', 't'});
            out.insert(out.end(), data.begin(), data.end());
            put_be32(out, chunk_crc("iTXt", data));
        }
        out.insert(out.end(), png.begin() + static_cast<std::ptrdiff_t>(c.offset),
                   png.begin() + static_cast<std::ptrdiff_t>(c.offset + c.total()));
    }
    return out;
}

Result<std::optional<std::string>> read_png_credential(ByteView png) {
    auto chunks = TRY(parse_chunks(png));
    std::optional<std::string> found;
    for (const auto& c : chunks) {
        if (!is_credential_chunk(c)) continue;
        if (found) return bad("more than one baked credential");
        found = TRY(itxt_text(c));
    }
    return found;
}

} // namespace mc::credentials
