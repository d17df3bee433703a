// What an uploaded file really is, judged by its first bytes, never by its name or by what the
// browser claims: a "video" that is really an HTML page or a script must not reach an assessor.
// Pure: no I/O. The caller passes the head of the file (64 KiB is plenty).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mc::evidence {

inline constexpr std::size_t kSniffBytes = 64 * 1024;

// The media type the bytes show ("video/mp4", "application/pdf", ...), or "" when the bytes
// are none of the kinds we accept as evidence.
std::string sniff_media_type(std::string_view head);

// The evidence kind of a media type, as the catalog names accepted types:
// "video" | "audio" | "image" | "document", or "" for anything else.
std::string_view evidence_kind(std::string_view media_type);

// Decides the type to store for an upload, or "" to refuse it. The sniffed kind must be one
// the part accepts and the declared type must say the same kind. Containers that hold either
// sound or picture (MP4, WebM, Ogg) keep the declared audio type, so an .m4a plays in <audio>.
std::string accepted_media_type(std::string_view sniffed, std::string_view declared);

// True for UTF-8 text without control characters other than tab, CR, LF and form feed. A
// multi-byte sequence cut by the end of `head` is allowed when `truncated` is true.
bool looks_like_utf8_text(std::string_view head, bool truncated);

} // namespace mc::evidence
