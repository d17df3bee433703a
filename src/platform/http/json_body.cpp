#include "platform/http/json_body.hpp"

#include "platform/http/edge_text.hpp"
#include "platform/text/bounded_json.hpp"

namespace mc::http {

Result<JsonBody> json_object_body(const Request& req, bool empty_is_object) {
    if (empty_is_object && req.body.empty()) return JsonBody(nlohmann::json::object());
    // Size and depth are checked on the text before a tree exists (parse_untrusted_json);
    // ill-formed UTF-8 fails the parse itself.
    auto body = text::parse_untrusted_json(req.body);
    if (!body) return std::unexpected(body.error());
    if (!body->is_object()) return fail(Errc::bad_input, "errors.bad_encoding", "request body is not a JSON object");
    for (const auto& [key, member] : body->items())
        if (member.is_string() && !acceptable_text(key, member.get_ref<const std::string&>()))
            return std::unexpected(field_error(key, "errors.invalid_text"));
    return JsonBody(std::move(*body));
}

} // namespace mc::http
