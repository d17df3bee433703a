#include "platform/http/json_body.hpp"

#include <nlohmann/json.hpp>

namespace mc::http {

Result<nlohmann::json> json_object_body(const Request& req, bool empty_is_object) {
    if (empty_is_object && req.body.empty()) return nlohmann::json::object();
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return fail(Errc::bad_input, "errors.bad_encoding", "request body is not a JSON object");
    return body;
}

} // namespace mc::http
