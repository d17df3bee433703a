#include "platform/text/bounded_json.hpp"

#include <string>

namespace mc::text {

int json_depth(std::string_view text, int stop_at) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > deepest) deepest = depth;
            if (deepest > stop_at) return deepest;
        } else if (c == ']' || c == '}') {
            --depth; // unbalanced text is the parser's to refuse
        }
    }
    return deepest;
}

Result<nlohmann::json> parse_untrusted_json(std::string_view text, const JsonLimits& limits) {
    if (text.size() > limits.max_bytes)
        return fail(Errc::too_large, "errors.too_large",
                    "JSON of " + std::to_string(text.size()) + " bytes, limit " + std::to_string(limits.max_bytes));
    if (json_depth(text, limits.max_depth) > limits.max_depth)
        return fail(Errc::bad_input, "errors.json_too_deep",
                    "JSON nested deeper than " + std::to_string(limits.max_depth) + " levels");
    auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return fail(Errc::bad_input, "errors.bad_encoding", "not JSON (or not UTF-8)");
    return doc;
}

} // namespace mc::text
