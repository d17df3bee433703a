// IRI helpers for JSON-LD: RFC 3986 reference resolution and the shape tests the
// JSON-LD algorithms ask for (absolute IRI, blank node identifier, keyword form).
#pragma once

#include <string>
#include <string_view>

namespace mc::credentials::jsonld {

// RFC 3986 section 5.2 (with remove_dot_segments). An empty base leaves `ref` as is.
std::string resolve_iri(std::string_view base, std::string_view ref);

bool is_absolute_iri(std::string_view s);   // has a scheme
bool is_blank_node_id(std::string_view s);  // starts with "_:"
bool has_keyword_form(std::string_view s);  // "@" followed by ALPHA only
bool is_keyword(std::string_view s);        // one of the JSON-LD 1.1 keywords
// Well-formed enough to become an RDF IRI term (absolute, no spaces or forbidden chars).
bool is_well_formed_iri(std::string_view s);
bool is_well_formed_language(std::string_view s);

} // namespace mc::credentials::jsonld
