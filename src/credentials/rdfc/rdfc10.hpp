// RDF Dataset Canonicalization (W3C RDFC-1.0).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

#include "credentials/rdfc/quad.hpp"
#include "platform/error.hpp"

namespace mc::credentials::rdfc {

enum class HashAlgorithm { sha256, sha384 };

struct Options {
    HashAlgorithm hash = HashAlgorithm::sha256;
    // Cap on "Hash N-Degree Quads" calls plus permutations tried. Poison graphs (cliques
    // of blank nodes) otherwise take factorial time; the spec asks implementations to
    // refuse them. Real credentials need a handful; the conformance "evil" graphs that
    // must still succeed (rdf-canon test044-046) need about 3,350.
    std::size_t max_work = 8000;
};

struct Canonical {
    std::string nquads; // sorted canonical N-Quads, one "... .\n" line per unique quad
    std::unordered_map<std::string, std::string> issued; // input blank label -> c14nN
};

// Errors: Errc::bad_input with key "credentials.too_complex" when max_work is exceeded.
Result<Canonical> canonicalize(const rdf::Dataset& input, const Options& options = {});

// Hex digest helper (also used by tests and the proof code when convenient).
std::string hash_hex(HashAlgorithm alg, std::string_view data);

} // namespace mc::credentials::rdfc
