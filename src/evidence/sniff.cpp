#include "evidence/sniff.hpp"

#include <array>
#include <cstdint>

namespace mc::evidence {

namespace {

constexpr std::string_view kOoxml = "application/vnd.openxmlformats-officedocument";

std::uint8_t byte(std::string_view s, std::size_t i) { return i < s.size() ? static_cast<std::uint8_t>(s[i]) : 0; }
bool at(std::string_view s, std::size_t pos, std::string_view magic) {
    return s.size() >= pos + magic.size() && s.substr(pos, magic.size()) == magic;
}
bool contains(std::string_view s, std::string_view needle, std::size_t within = std::string_view::npos) {
    return s.substr(0, within).find(needle) != std::string_view::npos;
}

// ISO base media files (MP4, MOV, M4A, HEIC, 3GP) say what they hold in the major brand.
std::string iso_media(std::string_view brand) {
    if (brand == "qt  ") return "video/quicktime";
    if (brand == "M4A " || brand == "M4B " || brand == "M4P ") return "audio/mp4";
    for (std::string_view heic : {"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"})
        if (brand == heic) return "image/heic";
    if (brand.starts_with("3gp") || brand.starts_with("3g2")) return "video/3gpp";
    return "video/mp4";
}

// MPEG audio frame sync: 11 set bits. Layer bits 00 with the ADTS pattern mean AAC.
std::string mpeg_audio(std::string_view s) {
    if (byte(s, 0) != 0xFF || (byte(s, 1) & 0xE0) != 0xE0) return "";
    if ((byte(s, 1) & 0xF6) == 0xF0) return "audio/aac";
    if (((byte(s, 1) >> 1) & 3) != 0 && ((byte(s, 1) >> 3) & 3) != 1) return "audio/mpeg";
    return "";
}

bool is_container(std::string_view type) {
    for (std::string_view t : {"video/mp4", "video/quicktime", "video/3gpp", "audio/mp4", "video/webm",
                               "video/x-matroska", "audio/ogg", "video/ogg"})
        if (type == t) return true;
    return false;
}

} // namespace

bool looks_like_utf8_text(std::string_view s, bool truncated) {
    std::size_t i = 0;
    if (at(s, 0, "\xEF\xBB\xBF")) i = 3;
    while (i < s.size()) {
        auto c = static_cast<std::uint8_t>(s[i]);
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') return false;
            if (c == 0x7F) return false;
            ++i;
            continue;
        }
        std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || c == 0xC0 || c == 0xC1 || c > 0xF4) return false;
        if (i + len > s.size()) return truncated; // a character cut by the end of the head
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<std::uint8_t>(s[i + k]) & 0xC0) != 0x80) return false;
        // Overlong three-byte forms and UTF-16 surrogates are not valid UTF-8.
        if (c == 0xE0 && byte(s, i + 1) < 0xA0) return false;
        if (c == 0xED && byte(s, i + 1) >= 0xA0) return false;
        if (c == 0xF0 && byte(s, i + 1) < 0x90) return false;
        if (c == 0xF4 && byte(s, i + 1) >= 0x90) return false;
        i += len;
    }
    return true;
}

std::string sniff_media_type(std::string_view s) {
    if (s.empty()) return "";
    if (at(s, 4, "ftyp") && s.size() >= 12) return iso_media(s.substr(8, 4));
    if (at(s, 0, "\x1A\x45\xDF\xA3")) {
        if (contains(s, "webm", 4096)) return "video/webm";
        if (contains(s, "matroska", 4096)) return "video/x-matroska";
        return "";
    }
    if (at(s, 0, "RIFF") && at(s, 8, "WAVE")) return "audio/wav";
    if (at(s, 0, "RIFF") && at(s, 8, "WEBP")) return "image/webp";
    if (at(s, 0, "OggS")) return contains(s, "theora", 4096) ? "video/ogg" : "audio/ogg";
    if (at(s, 0, "ID3")) return "audio/mpeg";
    if (at(s, 0, "\xFF\xD8\xFF")) return "image/jpeg";
    if (at(s, 0, "\x89PNG\r\n\x1A\n")) return "image/png";
    if (at(s, 0, "GIF87a") || at(s, 0, "GIF89a")) return "image/gif";
    if (at(s, 0, "%PDF-")) return "application/pdf";
    if (at(s, 0, "PK\x03\x04")) {
        // Office files are ZIPs whose first entry is [Content_Types].xml; the next entries
        // name the application's folder.
        if (!contains(s, "[Content_Types].xml")) return "";
        if (contains(s, "word/")) return std::string(kOoxml) + ".wordprocessingml.document";
        if (contains(s, "xl/")) return std::string(kOoxml) + ".spreadsheetml.sheet";
        if (contains(s, "ppt/")) return std::string(kOoxml) + ".presentationml.presentation";
        return std::string(kOoxml);
    }
    if (auto mpeg = mpeg_audio(s); !mpeg.empty()) return mpeg;
    if (looks_like_utf8_text(s, s.size() >= kSniffBytes)) return "text/plain";
    return "";
}

std::string_view evidence_kind(std::string_view t) {
    if (t.starts_with("video/")) return "video";
    if (t.starts_with("audio/")) return "audio";
    if (t.starts_with("image/")) return "image";
    if (t == "application/pdf" || t == "text/plain" || t.starts_with(kOoxml) || t == "application/msword")
        return "document";
    return "";
}

std::string accepted_media_type(std::string_view sniffed, std::string_view declared) {
    if (sniffed.empty()) return "";
    auto semi = declared.find(';');
    declared = declared.substr(0, semi);
    // Browsers send no type (or the generic one) for files they do not know, e.g. HEIC.
    if (declared.empty() || declared == "application/octet-stream") return sniffed == kOoxml ? "" : std::string(sniffed);
    auto dk = evidence_kind(declared), sk = evidence_kind(sniffed);
    if (dk.empty()) return "";
    if (sniffed == kOoxml) {
        for (std::string_view office : {".wordprocessingml.document", ".spreadsheetml.sheet", ".presentationml.presentation"})
            if (declared == std::string(kOoxml) + std::string(office)) return std::string(declared);
        return "";
    }
    if (dk == sk) return std::string(sniffed);
    if (is_container(sniffed) && (dk == "audio" || dk == "video") && (sk == "audio" || sk == "video")) {
        // Store our own name for the type, never the declared string (it is client input).
        bool ogg = sniffed.ends_with("ogg");
        bool webm = sniffed == "video/webm" || sniffed == "video/x-matroska";
        if (dk == "audio") return ogg ? "audio/ogg" : webm ? "audio/webm" : "audio/mp4";
        return ogg ? "video/ogg" : webm ? std::string(sniffed) : "video/mp4";
    }
    return "";
}

} // namespace mc::evidence
