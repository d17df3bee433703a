// The body of a JSON API request, read the same way on every route: a JSON object within the
// size and depth limits, or a 400 (errors.bad_encoding) the client can act on. One-line members
// (names, emails, titles) refuse control characters (422 naming the member).
#pragma once

#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "platform/error.hpp"
#include "platform/http/field_error.hpp"
#include "platform/http/http.hpp"

namespace mc::http {

// The parsed body. value() is nlohmann's, except that a member of the wrong type
// ("consent_attested":"yes") is the client's mistake, not a crash: it throws FieldTypeError,
// which the router answers with 422 naming the member. A null member counts as absent.
class JsonBody : public nlohmann::json {
public:
    JsonBody() = default;
    JsonBody(nlohmann::json j) : nlohmann::json(std::move(j)) {}

    template <class T>
    std::decay_t<T> value(const std::string& key, const T& fallback) const {
        auto it = find(key);
        if (it == end() || it->is_null()) return fallback;
        if constexpr (std::is_same_v<std::decay_t<T>, bool>) {
            if (!it->is_boolean()) throw FieldTypeError(key);
        } else if constexpr (std::is_arithmetic_v<std::decay_t<T>>) {
            if (!it->is_number()) throw FieldTypeError(key);
        } else if constexpr (std::is_same_v<std::decay_t<T>, std::string>) {
            if (!it->is_string()) throw FieldTypeError(key);
        }
        try {
            return it->template get<std::decay_t<T>>();
        } catch (const nlohmann::json::exception&) {
            throw FieldTypeError(key);
        }
    }
    std::string value(const std::string& key, const char* fallback) const {
        return value(key, std::string(fallback));
    }
};

// empty_is_object: an empty body counts as {} (POSTs whose fields are all optional).
Result<JsonBody> json_object_body(const Request& req, bool empty_is_object = false);

} // namespace mc::http
