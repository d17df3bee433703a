// tus 1.0 header parsing (https://tus.io/protocols/resumable-upload): pure functions, so the
// parsers are unit-tested and fuzzable apart from the server.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace mc::evidence::tus {

inline constexpr std::string_view kVersion = "1.0.0";
inline constexpr std::string_view kExtensions = "creation,termination,expiration";

// The Upload-Expires value: an RFC 9110 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT").
std::string http_date(long long unix_seconds);

// Upload-Length / Upload-Offset: plain decimal digits only (no sign, no spaces, no "1e3"),
// at most 19 digits so the value fits in a signed 64-bit database column.
std::optional<std::uint64_t> parse_length(std::string_view text);

// Upload-Metadata: comma-separated "key base64value" pairs; a key may come without a value.
// Keys are unique ASCII without spaces or commas; values are standard base64 (padded or not).
// bad_input on any malformed pair, so a client bug is visible rather than half-read.
Result<std::map<std::string, std::string>> parse_metadata(std::string_view header);

} // namespace mc::evidence::tus
