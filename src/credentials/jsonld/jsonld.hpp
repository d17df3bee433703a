// JSON-LD 1.1 expansion and deserialization to RDF, over contexts that are never fetched:
// every context URL goes through a DocumentLoader, and the default loader only knows the
// pinned copies in the shared conformance folder (see pinned_loader()).
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "credentials/rdfc/quad.hpp"
#include "platform/error.hpp"

namespace mc::credentials::jsonld {

using json = nlohmann::json;

struct RemoteDocument {
    std::shared_ptr<const json> document; // shared: pinned contexts are parsed once
    std::string document_url;
};

// Returns the document for a URL, or a failure (never a network fetch in this project).
using DocumentLoader = std::function<Result<RemoteDocument>(const std::string& url)>;

// Loader over the pinned contexts (URL -> file map of conformance/contexts/README.md).
// Files are read and parsed once per process; thread-safe.
DocumentLoader pinned_loader();

struct Options {
    std::string base;                  // document base IRI; empty means none
    DocumentLoader loader;             // empty: pinned_loader()
    std::optional<json> expand_context; // applied before the document's own @context
    std::string rdf_direction;         // "", "i18n-datatype" or "compound-literal"
    // Work limits: nesting depth of the input, and context applications (each scoped
    // context or remote context processed counts one). Exceeding either fails with
    // key "credentials.too_complex".
    std::size_t max_depth = 128;
    std::size_t max_context_work = 20000;
    // Safe mode (as jsonld.js's safe mode): anything the algorithms would silently drop
    // (an undefined term, a term mapped to null, a relative or reserved @id/@type/vocab
    // IRI, a free-floating value, an ill-formed language tag, a blank-node predicate...)
    // fails with key kUnsafeKey instead. Signatures cover the RDF, not the JSON: without
    // this, data added to a signed credential that expands to nothing still "verifies".
    // Off by default here because the W3C suites test the dropping behaviour itself.
    bool safe = false;
};

// Error key of safe-mode failures; detail is "safe mode: <jsonld.js event code>: <info>".
inline constexpr const char* kUnsafeKey = "credentials.problems.undefined_terms";

// Failures: Errc::bad_input, key "credentials.bad_jsonld", detail starting with the
// JSON-LD error code (e.g. "invalid term definition: ..."), or "credentials.too_complex".
Result<json> expand(const json& input, const Options& options = {});

// Expands, then builds the RDF dataset (the JSON-LD "Deserialize JSON-LD to RDF" algorithm).
Result<rdf::Dataset> to_rdf(const json& input, const Options& options = {});

} // namespace mc::credentials::jsonld
