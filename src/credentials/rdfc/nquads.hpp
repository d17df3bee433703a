// N-Quads 1.1 reading and canonical writing (the form RDFC-1.0 hashes and outputs).
#pragma once

#include <string>
#include <string_view>

#include "credentials/rdfc/quad.hpp"
#include "platform/error.hpp"

namespace mc::credentials::rdf {

// Parses an N-Quads document. Errors are Errc::bad_input with key "credentials.bad_nquads"
// and the line number in the detail.
Result<Dataset> parse_nquads(std::string_view text);

// Canonical N-Quads form of one term / one quad (the quad line ends with " .\n").
void append_term(std::string& out, const Term& t);
void append_quad(std::string& out, const Quad& q);
std::string to_nquads(const Quad& q);

// Appends `s` as the body of a canonical N-Quads string literal (escapes only).
void append_escaped_literal(std::string& out, std::string_view s);

} // namespace mc::credentials::rdf
