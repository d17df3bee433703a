// UTF-8 and control characters, checked once at the edge for every route (issue 8, item 4):
// the query string, the form body and tus Upload-Metadata. Text that is not UTF-8 would later
// break every JSON answer that carries it; a control character in a one-line field (a name, an
// email, a file name) ends up in mail headers, CSV cells and logs. JSON bodies are checked by
// their parser (nlohmann refuses ill-formed UTF-8) and by json_object_body for one-line fields.
#pragma once

#include <optional>
#include <string_view>

#include "platform/error.hpp"
#include "platform/http/http.hpp"

namespace mc::http {

// A field that holds one line (names, emails, titles, file names): no control character at all.
// Other fields (answers, feedback) may hold line breaks and tabs, never another control.
bool is_single_line_field(std::string_view name);

// The first field that breaks the rules, as a field_error (422), or nothing.
std::optional<Error> check_request_text(const Request& req);

// One field's value: valid UTF-8, and control characters as the field's kind allows.
bool acceptable_text(std::string_view field, std::string_view value);

} // namespace mc::http
