// The RDF dataset model shared by the JSON-LD toRdf step and RDFC-1.0.
// Header-only on purpose: the JSON-LD library produces these values without linking the
// canonicalizer (which itself links JSON-LD for canonicalize_jsonld).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mc::credentials::rdf {

inline constexpr const char* xsd_string = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr const char* rdf_lang_string = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

enum class TermKind : std::uint8_t { iri, blank, literal, default_graph };

struct Term {
    TermKind kind = TermKind::default_graph;
    std::string value;    // IRI, blank node label (without "_:"), or lexical form
    std::string datatype; // literals only; always set (xsd:string or rdf:langString by default)
    std::string language; // literals only; non-empty implies rdf:langString

    static Term iri(std::string v) { return {TermKind::iri, std::move(v), {}, {}}; }
    static Term blank(std::string v) { return {TermKind::blank, std::move(v), {}, {}}; }
    static Term literal(std::string v, std::string dt = xsd_string, std::string lang = {}) {
        return {TermKind::literal, std::move(v), std::move(dt), std::move(lang)};
    }
    bool is_blank() const { return kind == TermKind::blank; }
    friend bool operator==(const Term&, const Term&) = default;
    friend auto operator<=>(const Term&, const Term&) = default;
};

struct Quad {
    Term subject, predicate, object, graph; // graph.kind == default_graph for the default graph
    friend bool operator==(const Quad&, const Quad&) = default;
    friend auto operator<=>(const Quad&, const Quad&) = default;
};

using Dataset = std::vector<Quad>;

} // namespace mc::credentials::rdf
