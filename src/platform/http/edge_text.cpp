#include "platform/http/edge_text.hpp"

#include <array>

#include "platform/http/field_error.hpp"
#include "platform/text/utf8.hpp"

namespace mc::http {

Error field_error(std::string_view field, std::string key) {
    return Error{Errc::bad_input, std::move(key), "field=" + std::string(field)};
}

std::string error_field(const Error& e) {
    return e.detail.starts_with("field=") ? e.detail.substr(6) : std::string();
}

bool is_single_line_field(std::string_view name) {
    return name == "name" || name.ends_with("_name") || name == "email" || name.ends_with("_email") ||
           name == "title" || name.ends_with("_title") || name == "filename" || name == "filetype";
}

bool acceptable_text(std::string_view field, std::string_view value) {
    if (!text::valid_utf8(value)) return false;
    return !text::has_control_chars(value, /*allow_line_breaks=*/!is_single_line_field(field));
}

namespace {

// Standard base64 (tus metadata values); false on anything else.
bool decode_base64(std::string_view in, std::string& out) {
    static const auto table = [] {
        std::array<int, 256> t{};
        t.fill(-1);
        const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(a[i])] = i;
        return t;
    }();
    out.clear();
    unsigned bits = 0;
    int nbits = 0;
    std::size_t i = 0;
    for (; i < in.size() && in[i] != '='; ++i) {
        int v = table[static_cast<unsigned char>(in[i])];
        if (v < 0) return false;
        bits = (bits << 6) | static_cast<unsigned>(v);
        nbits += 6;
        if (nbits >= 8) {
            nbits -= 8;
            out += static_cast<char>((bits >> nbits) & 0xff);
        }
    }
    for (; i < in.size(); ++i)
        if (in[i] != '=') return false;
    return true;
}

// tus 1.0 Upload-Metadata: "key base64value,key2 base64value2" (a value may be absent).
std::optional<Error> check_tus_metadata(std::string_view header) {
    while (!header.empty()) {
        auto comma = header.find(',');
        auto pair = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        auto space = pair.find(' ');
        auto key = pair.substr(0, space);
        if (space == std::string_view::npos) continue;
        std::string value;
        // A value that is not base64 is the tus handler's to refuse; only decoded text is ours.
        if (!decode_base64(pair.substr(space + 1), value)) continue;
        auto field = "Upload-Metadata " + std::string(key);
        // Every tus value we take is one line (file name, type, part): none may break a header.
        if (!text::is_clean_line(value)) return field_error(field, "errors.invalid_text");
    }
    return std::nullopt;
}

template <class Map>
std::optional<Error> check_fields(const Map& fields) {
    for (const auto& [name, value] : fields) {
        if (!text::valid_utf8(name) || text::has_control_chars(name)) return field_error("?", "errors.invalid_text");
        if (!acceptable_text(name, value)) return field_error(name, "errors.invalid_text");
    }
    return std::nullopt;
}

} // namespace

std::optional<Error> check_request_text(const Request& req) {
    if (auto e = check_fields(req.query)) return e;
    if (auto e = check_fields(req.form)) return e;
    if (auto meta = req.headers.find("upload-metadata"); meta != req.headers.end())
        if (auto e = check_tus_metadata(meta->second)) return e;
    return std::nullopt;
}

} // namespace mc::http
