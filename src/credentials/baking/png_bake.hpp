// Open Badges 3.0 PNG baking: the credential (JSON or compact JWT) travels in one
// uncompressed iTXt chunk with keyword "openbadgecredential", placed before IEND.
// The chunk reader is our own, bounded, and checks every CRC; malformed PNGs are refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "credentials/keys/encoding.hpp"
#include "platform/error.hpp"

namespace mc::credentials {

inline constexpr std::string_view kPngCredentialKeyword = "openbadgecredential";
inline constexpr std::size_t kMaxBakedImageBytes = 16u << 20;  // badge images are small
inline constexpr std::size_t kMaxBakedCredentialBytes = 1u << 20;
inline constexpr std::size_t kMaxPngChunks = 10000;

// Returns a copy of `png` with the credential chunk inserted before IEND (replacing any
// earlier openbadgecredential chunk, so a re-issued badge carries one credential).
Result<Bytes> bake_png(ByteView png, std::string_view credential);

// The baked credential text, or nullopt if the PNG is valid but carries none. Compressed
// iTXt, several credential chunks, bad CRCs, bad structure or over-size input are errors.
Result<std::optional<std::string>> read_png_credential(ByteView png);

// Shared with the SVG side: the credential must be non-empty valid UTF-8 within the bound.
Result<void> check_credential_text(std::string_view text);

} // namespace mc::credentials
