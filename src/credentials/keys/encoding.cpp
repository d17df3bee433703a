#include "credentials/keys/encoding.hpp"

#include <array>

namespace mc::credentials {
namespace {

constexpr std::string_view kB58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kB64u =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Reverse lookup tables built at compile time; -1 marks characters outside the alphabet.
template <std::size_t N>
constexpr std::array<int8_t, 256> reverse_table(std::string_view alphabet) {
    std::array<int8_t, 256> t{};
    for (auto& v : t) v = -1;
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        t[static_cast<unsigned char>(alphabet[i])] = static_cast<int8_t>(i);
    return t;
}
constexpr auto kB58Rev = reverse_table<58>(kB58);
constexpr auto kB64uRev = reverse_table<64>(kB64u);

auto bad(std::string detail) { return fail(Errc::bad_input, "credentials.errors.bad_encoding", std::move(detail)); }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

std::string hex_encode(ByteView data) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (auto b : data) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0f]);
    }
    return out;
}

Result<Bytes> hex_decode(std::string_view text) {
    if (text.size() % 2 != 0) return bad("hex: odd length");
    Bytes out(text.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        int hi = hex_value(text[2 * i]), lo = hex_value(text[2 * i + 1]);
        if (hi < 0 || lo < 0) return bad("hex: invalid digit");
        out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return out;
}

std::string base58btc_encode(ByteView data) {
    // Leading zero bytes map one-to-one to leading '1's; the rest is a base conversion.
    std::size_t zeros = 0;
    while (zeros < data.size() && data[zeros] == 0) ++zeros;
    std::vector<std::uint8_t> digits; // base-58 digits, least significant first
    digits.reserve(data.size() * 138 / 100 + 1);
    for (std::size_t i = zeros; i < data.size(); ++i) {
        unsigned carry = data[i];
        for (auto& d : digits) {
            carry += static_cast<unsigned>(d) << 8;
            d = static_cast<std::uint8_t>(carry % 58);
            carry /= 58;
        }
        while (carry) {
            digits.push_back(static_cast<std::uint8_t>(carry % 58));
            carry /= 58;
        }
    }
    std::string out(zeros, '1');
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(kB58[*it]);
    return out;
}

Result<Bytes> base58btc_decode(std::string_view text, std::size_t max_chars) {
    if (text.size() > max_chars) return bad("base58: input too long");
    std::size_t ones = 0;
    while (ones < text.size() && text[ones] == '1') ++ones;
    std::vector<std::uint8_t> bytes; // base-256 digits, least significant first
    bytes.reserve(text.size() * 733 / 1000 + 1);
    for (std::size_t i = ones; i < text.size(); ++i) {
        int v = kB58Rev[static_cast<unsigned char>(text[i])];
        if (v < 0) return bad("base58: invalid character");
        unsigned carry = static_cast<unsigned>(v);
        for (auto& b : bytes) {
            carry += static_cast<unsigned>(b) * 58;
            b = static_cast<std::uint8_t>(carry & 0xff);
            carry >>= 8;
        }
        while (carry) {
            bytes.push_back(static_cast<std::uint8_t>(carry & 0xff));
            carry >>= 8;
        }
    }
    Bytes out(ones, 0);
    out.insert(out.end(), bytes.rbegin(), bytes.rend());
    return out;
}

std::string base64url_encode(ByteView data) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        std::uint32_t v = data[i] << 16 | data[i + 1] << 8 | data[i + 2];
        out.push_back(kB64u[v >> 18 & 63]);
        out.push_back(kB64u[v >> 12 & 63]);
        out.push_back(kB64u[v >> 6 & 63]);
        out.push_back(kB64u[v & 63]);
    }
    std::size_t rest = data.size() - i;
    if (rest == 1) {
        std::uint32_t v = data[i] << 16;
        out.push_back(kB64u[v >> 18 & 63]);
        out.push_back(kB64u[v >> 12 & 63]);
    } else if (rest == 2) {
        std::uint32_t v = data[i] << 16 | data[i + 1] << 8;
        out.push_back(kB64u[v >> 18 & 63]);
        out.push_back(kB64u[v >> 12 & 63]);
        out.push_back(kB64u[v >> 6 & 63]);
    }
    return out;
}

Result<Bytes> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1) return bad("base64url: impossible length");
    Bytes out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        int v = kB64uRev[static_cast<unsigned char>(c)];
        if (v < 0) return bad("base64url: invalid character");
        acc = (acc << 6 | static_cast<std::uint32_t>(v)) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>(acc >> bits & 0xff));
        }
    }
    // Leftover bits must be zero, otherwise two texts would decode to the same bytes.
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return bad("base64url: non-zero trailing bits");
    return out;
}

std::string multibase_base58btc(ByteView data) { return "z" + base58btc_encode(data); }
std::string multibase_base64url(ByteView data) { return "u" + base64url_encode(data); }

Result<Bytes> multibase_decode(std::string_view text) {
    if (text.empty()) return bad("multibase: empty");
    if (text[0] == 'z') return base58btc_decode(text.substr(1));
    if (text[0] == 'u') return base64url_decode(text.substr(1));
    return bad("multibase: unsupported base prefix");
}

} // namespace mc::credentials
