// Internal: Node Map Generation (JSON-LD 1.1 API 7.2), the flattening step toRdf needs.
#pragma once

#include "credentials/jsonld/jsonld.hpp"

namespace mc::credentials::jsonld {

// graph name ("@default" or IRI / blank id) -> subject id -> node object.
// Blank nodes are relabelled _:b0, _:b1, ... in document order.
Result<json> generate_node_map(const json& expanded);

} // namespace mc::credentials::jsonld
