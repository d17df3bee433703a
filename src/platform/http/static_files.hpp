// Light responses for phones on metered links: static assets in their precompressed form
// (.br / .gz written beside each file by web/build-assets.sh), pages gzip-compressed on the way
// out, and versioned asset URLs that a browser keeps for a year without asking again.
// No Beast here: the server calls compress_response() just before writing.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "platform/http/http.hpp"

namespace mc::http {

// True when an Accept-Encoding header accepts `coding` (a q of 0 refuses it; "*" stands for
// any coding not named).
bool accepts_coding(std::string_view accept_encoding, std::string_view coding);

// Gzips a buffered text response (HTML, JSON, CSS, JS, SVG) of at least 1 KB when the client
// accepts gzip, and says Vary: Accept-Encoding either way for such responses. File responses,
// already-encoded bodies and partial content are left alone. A request another site started
// (Sec-Fetch-Site: cross-site) is answered uncompressed: pages carry the CSRF token beside text
// a visitor can choose, and compressed sizes of such pages are what a BREACH attack measures.
void compress_response(const Request& req, Response& res);

// One short token that changes whenever any file under `root` changes (content, not mtime):
// pages put it in asset URLs (?v=...) so a long cache lifetime never serves a stale asset.
std::string tree_version(const std::filesystem::path& root);

// A static file, as its .br or .gz sibling when the client accepts that coding and the sibling
// is not older than the file. `versioned` (the URL carried ?v=) earns a year of caching.
Response static_file(const std::filesystem::path& path, std::string content_type, std::string_view accept_encoding,
                     bool versioned);

} // namespace mc::http
