// An input field the edge refuses (text that is not UTF-8, a control character in a name, a
// JSON value of the wrong type): 422 with the field named, so a client knows what to fix.
// The field travels in Error::detail ("field=<name>") so the Error type stays as it is; the
// error renderer reads it back with error_field().
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace mc::http {

// key: errors.invalid_text (bytes not allowed) or errors.wrong_type (a JSON value's type).
Error field_error(std::string_view field, std::string key);
// The field an Error names, or "" when it names none.
std::string error_field(const Error& e);

// Thrown by JsonBody::value() when a value has the wrong type; the router answers 422.
// (Handlers read optional JSON members in one expression; an exception keeps that shape.)
struct FieldTypeError : std::runtime_error {
    explicit FieldTypeError(std::string f) : std::runtime_error("wrong type for " + f), field(std::move(f)) {}
    std::string field;
};

} // namespace mc::http
