// The body of a JSON API request, read the same way on every route: a JSON object, or a 400
// (errors.bad_encoding) the client can act on.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "platform/error.hpp"
#include "platform/http/http.hpp"

namespace mc::http {

// empty_is_object: an empty body counts as {} (POSTs whose fields are all optional).
Result<nlohmann::json> json_object_body(const Request& req, bool empty_is_object = false);

} // namespace mc::http
