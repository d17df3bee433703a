#include "platform/http/static_files.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <vector>

namespace mc::http {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// "q=0", "q=0.0", "q=0.000" refuse a coding (RFC 9110 12.4.2); anything else accepts it.
bool refused(std::string_view params) {
    while (!params.empty()) {
        auto semi = params.find(';');
        auto p = trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
        if (p.size() < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') continue;
        auto v = p.substr(2);
        if (v.empty() || v[0] != '0') return false;
        return v.find_first_not_of("0.", 0) == std::string_view::npos;
    }
    return false;
}

bool compressible(std::string_view content_type) {
    auto t = lower(content_type);
    return t.starts_with("text/") || t.starts_with("application/json") || t.starts_with("application/ld+json") ||
           t.starts_with("application/javascript") || t.starts_with("application/yaml") ||
           t.starts_with("image/svg+xml");
}

void add_vary(Response& res) {
    for (auto& [k, v] : res.headers) {
        if (lower(k) != "vary") continue;
        if (lower(v).find("accept-encoding") == std::string::npos) v += ", Accept-Encoding";
        return;
    }
    res.header("Vary", "Accept-Encoding");
}

bool gzip(std::string_view in, std::string& out) {
    z_stream z{};
    // 15 + 16: a gzip wrapper (what browsers call "gzip"), not raw zlib.
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
    out.resize(deflateBound(&z, static_cast<uLong>(in.size())));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return rc == Z_STREAM_END;
}

constexpr std::size_t kMinCompress = 1024;               // below this the gzip header eats the gain
constexpr std::size_t kMaxCompress = 32 * 1024 * 1024;   // bodies this large are exports: leave them

} // namespace

bool accepts_coding(std::string_view accept_encoding, std::string_view coding) {
    bool star = false, star_refused = false;
    std::string want = lower(coding);
    while (!accept_encoding.empty()) {
        auto comma = accept_encoding.find(',');
        auto item = accept_encoding.substr(0, comma);
        accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
        auto semi = item.find(';');
        auto name = lower(trim(item.substr(0, semi)));
        auto params = semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1);
        if (name == want) return !refused(params);
        if (name == "*") {
            star = true;
            star_refused = refused(params);
        }
    }
    return star && !star_refused;
}

void compress_response(const Request& req, Response& res) {
    if (!res.file.empty() || res.status == 206 || res.status == 204 || res.status == 304) return;
    if (!res.header_value("Content-Encoding").empty()) return;
    if (!compressible(res.header_value("Content-Type"))) return;
    if (res.body.size() < kMinCompress || res.body.size() > kMaxCompress) return;
    add_vary(res);
    if (!accepts_coding(req.header("accept-encoding"), "gzip")) return;
    if (req.header("sec-fetch-site") == "cross-site") return;
    std::string out;
    if (!gzip(res.body, out) || out.size() >= res.body.size()) return;
    res.body = std::move(out);
    res.header("Content-Encoding", "gzip");
}

std::string tree_version(const std::filesystem::path& root) {
    // FNV-1a over each file's relative path and bytes, in a fixed order: a cache key, not a seal.
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        auto ext = it->path().extension();
        if (ext == ".br" || ext == ".gz") continue; // follow their sources
        files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const char* p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            h ^= static_cast<unsigned char>(p[i]);
            h *= 1099511628211ull;
        }
    };
    std::array<char, 64 * 1024> buf{};
    for (const auto& f : files) {
        auto rel = std::filesystem::relative(f, root, ec).generic_string();
        mix(rel.data(), rel.size() + 1);
        std::ifstream in(f, std::ios::binary);
        while (in) {
            in.read(buf.data(), buf.size());
            mix(buf.data(), static_cast<std::size_t>(in.gcount()));
        }
    }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return std::string(out, 12);
}

Response static_file(const std::filesystem::path& path, std::string content_type, std::string_view accept_encoding,
                     bool versioned) {
    std::filesystem::path chosen = path;
    std::string coding;
    if (compressible(content_type)) {
        std::error_code ec;
        auto source_time = std::filesystem::last_write_time(path, ec);
        for (auto [name, suffix] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
            if (ec || !accepts_coding(accept_encoding, name)) continue;
            auto sibling = path;
            sibling += suffix;
            std::error_code sec;
            if (!std::filesystem::is_regular_file(sibling, sec)) continue;
            auto t = std::filesystem::last_write_time(sibling, sec);
            if (sec || t < source_time) continue; // stale: built before the file last changed
            chosen = sibling;
            coding = name;
            break;
        }
    }
    auto res = Response::send_file(chosen, std::move(content_type));
    if (!coding.empty()) res.header("Content-Encoding", coding);
    if (compressible(res.header_value("Content-Type"))) res.header("Vary", "Accept-Encoding");
    // A versioned URL names one exact content: a year, and no revalidation on reload.
    res.header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600");
    return res;
}

} // namespace mc::http
