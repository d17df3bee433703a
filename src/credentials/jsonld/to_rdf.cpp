// Deserialize JSON-LD to RDF (JSON-LD 1.1 API 8.1-8.4): node map -> quads. Also the JSON
// canonicalization (RFC 8785) that rdf:JSON literals need.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "credentials/jsonld/context.hpp"
#include "credentials/jsonld/iri.hpp"
#include "credentials/jsonld/node_map.hpp"

namespace mc::credentials::jsonld {
namespace {

using rdf::Term;
constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";

// ECMAScript Number::toString, which RFC 8785 prescribes for numbers.
std::string es_number(double d) {
    if (d == 0) return "0";
    if (d < 0) return "-" + es_number(-d);
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string s(buf, r.ptr);
    auto e = s.find('e');
    std::string digits = s.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    int n = std::stoi(s.substr(e + 1)) + 1, k = static_cast<int>(digits.size());
    if (k <= n && n <= 21) return digits + std::string(n - k, '0');
    if (0 < n && n <= 21) return digits.substr(0, n) + "." + digits.substr(n);
    if (-6 < n && n <= 0) return "0." + std::string(-n, '0') + digits;
    std::string exp = (n - 1 >= 0 ? "e+" : "e-") + std::to_string(std::abs(n - 1));
    return k == 1 ? digits + exp : digits.substr(0, 1) + "." + digits.substr(1) + exp;
}

void jcs(std::string& out, const json& j) {
    switch (j.type()) {
    case json::value_t::object: {
        // std::map orders by bytes; RFC 8785 orders by UTF-16 units. They differ only for
        // keys mixing astral and high-BMP characters, which credentials do not use.
        out += '{';
        bool first = true;
        for (auto& [k, v] : j.items()) {
            if (!first) out += ',';
            first = false;
            out += json(k).dump();
            out += ':';
            jcs(out, v);
        }
        out += '}';
        break;
    }
    case json::value_t::array: {
        out += '[';
        for (std::size_t i = 0; i < j.size(); ++i) {
            if (i) out += ',';
            jcs(out, j[i]);
        }
        out += ']';
        break;
    }
    case json::value_t::number_float: out += es_number(j.get<double>()); break;
    default: out += j.dump(); break;
    }
}

// Canonical xsd:double lexical form, as JSON-LD specifies it (e.g. 1.1E0, 1.0E-5).
std::string xsd_double(double d) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15E", d);
    std::string s(buf);
    auto e = s.find('E');
    std::string mant = s.substr(0, e);
    while (mant.size() > 1 && mant.back() == '0' && mant[mant.size() - 2] != '.') mant.pop_back();
    int exp = std::stoi(s.substr(e + 1));
    return mant + "E" + std::to_string(exp);
}

class Serializer {
public:
    Serializer(const Options& o, rdf::Dataset& out) : opt_(o), out_(out) {}

    Result<void> run(const json& node_map) {
        for (auto& [graph_name, graph] : node_map.items()) {
            Term g;
            if (graph_name != "@default") {
                if (!well_formed(graph_name)) {
                    TRY(unsafe("relative graph reference", graph_name));
                    continue;
                }
                g = node_term(graph_name);
            }
            for (auto& [subject, node] : graph.items()) {
                if (!well_formed(subject)) {
                    TRY(unsafe("relative subject reference", subject));
                    continue;
                }
                Term s = node_term(subject);
                for (auto& [property, values] : node.items()) {
                    if (property == "@type") {
                        for (const auto& t : values) {
                            if (t.is_string() && well_formed(t.get<std::string>()))
                                emit(s, Term::iri(kRdf + std::string("type")), node_term(t.get<std::string>()), g);
                            else
                                TRY(unsafe("relative type reference", t.is_string() ? t.get<std::string>() : ""));
                        }
                        continue;
                    }
                    if (is_keyword(property)) continue; // @id, @index...: not data of their own
                    if (is_blank_node_id(property) || !is_well_formed_iri(property)) {
                        TRY(unsafe(is_blank_node_id(property) ? "blank node predicate" : "relative predicate reference",
                                   property));
                        continue;
                    }
                    Term p = Term::iri(property);
                    for (const auto& item : values)
                        if (auto o = TRY(object(item, g))) emit(s, p, std::move(*o), g);
                }
            }
        }
        return {};
    }

private:
    const Options& opt_;
    rdf::Dataset& out_;
    std::size_t list_counter_ = 0;

    // Safe mode (see Options::safe): a quad this step would leave out is an error.
    Result<void> unsafe(const char* event, const std::string& info) const {
        if (!opt_.safe) return {};
        return fail(Errc::bad_input, kUnsafeKey, std::string("safe mode: ") + event + ": " + info);
    }

    static bool well_formed(const std::string& id) { return is_blank_node_id(id) || is_well_formed_iri(id); }
    static Term node_term(const std::string& id) {
        return is_blank_node_id(id) ? Term::blank(id.substr(2)) : Term::iri(id);
    }
    void emit(Term s, Term p, Term o, const Term& g) { out_.push_back({std::move(s), std::move(p), std::move(o), g}); }
    Term fresh_blank() { return Term::blank("l" + std::to_string(list_counter_++)); }

    // 8.2 Object to RDF Conversion; nullopt when the item produces nothing.
    Result<std::optional<Term>> object(const json& item, const Term& g) {
        if (item.contains("@list")) return list(item.at("@list"), g);
        if (!item.contains("@value")) {
            auto id = item.value("@id", std::string());
            if (!well_formed(id)) {
                TRY(unsafe("relative object reference", id));
                return std::optional<Term>{};
            }
            return std::optional<Term>(node_term(id));
        }
        const json& value = item.at("@value");
        std::string datatype = item.value("@type", std::string());
        if (!datatype.empty() && datatype != "@json" && !is_well_formed_iri(datatype)) {
            TRY(unsafe("relative type reference", datatype));
            return std::optional<Term>{};
        }
        std::string language = item.value("@language", std::string());
        if (item.contains("@language") && !is_well_formed_language(language)) {
            TRY(unsafe("invalid @language value", language));
            return std::optional<Term>{};
        }
        std::string lexical;
        if (datatype == "@json") {
            jcs(lexical, value);
            datatype = kRdf + std::string("JSON");
        } else if (value.is_boolean()) {
            lexical = value.get<bool>() ? "true" : "false";
            if (datatype.empty()) datatype = kXsd + std::string("boolean");
        } else if (value.is_number()) {
            double d = value.get<double>();
            bool as_double = value.is_number_float() &&
                             (std::floor(d) != d || std::fabs(d) >= 1e21 || !std::isfinite(d));
            if (as_double || datatype == kXsd + std::string("double")) {
                lexical = xsd_double(d);
                if (datatype.empty()) datatype = kXsd + std::string("double");
            } else {
                if (value.is_number_float()) {
                    char buf[64];
                    std::snprintf(buf, sizeof buf, "%.0f", d == 0 ? 0.0 : d); // no "-0"
                    lexical = buf;
                } else {
                    lexical = value.dump();
                }
                if (datatype.empty()) datatype = kXsd + std::string("integer");
            }
        } else if (value.is_string()) {
            lexical = value.get<std::string>();
            if (datatype.empty()) datatype = language.empty() ? rdf::xsd_string : rdf::rdf_lang_string;
        } else {
            return jsonld_error("invalid value object value");
        }
        if (item.contains("@direction") && !opt_.rdf_direction.empty()) {
            std::string dir = item.at("@direction").get<std::string>();
            std::string lower = language; // both encodings carry the tag in lower case
            for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (opt_.rdf_direction == "i18n-datatype") {
                return std::optional<Term>(Term::literal(lexical, "https://www.w3.org/ns/i18n#" + lower + "_" + dir));
            }
            if (opt_.rdf_direction == "compound-literal") {
                Term b = fresh_blank();
                emit(b, Term::iri(kRdf + std::string("value")), Term::literal(lexical), g);
                if (!language.empty())
                    emit(b, Term::iri(kRdf + std::string("language")), Term::literal(lower), g);
                emit(b, Term::iri(kRdf + std::string("direction")), Term::literal(dir), g);
                return std::optional<Term>(b);
            }
        }
        // Without an rdfDirection mode the base direction is not in the RDF (so not signed).
        if (item.contains("@direction")) TRY(unsafe("rdfDirection not set", lexical));
        if (!language.empty()) return std::optional<Term>(Term::literal(lexical, rdf::rdf_lang_string, language));
        return std::optional<Term>(Term::literal(lexical, datatype));
    }

    // 8.3 List Conversion: an rdf:first/rdf:rest ladder ending in rdf:nil.
    Result<std::optional<Term>> list(const json& items, const Term& g) {
        if (items.empty()) return std::optional<Term>(Term::iri(kRdf + std::string("nil")));
        std::vector<Term> nodes;
        for (std::size_t i = 0; i < items.size(); ++i) nodes.push_back(fresh_blank());
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (auto o = TRY(object(items[i], g))) emit(nodes[i], Term::iri(kRdf + std::string("first")), std::move(*o), g);
            emit(nodes[i], Term::iri(kRdf + std::string("rest")),
                 i + 1 < nodes.size() ? nodes[i + 1] : Term::iri(kRdf + std::string("nil")), g);
        }
        return std::optional<Term>(nodes.front());
    }
};

} // namespace

Result<rdf::Dataset> to_rdf(const json& input, const Options& options) {
    json expanded = TRY(expand(input, options));
    json node_map = TRY(generate_node_map(expanded));
    rdf::Dataset out;
    TRY(Serializer(options, out).run(node_map));
    return out;
}

} // namespace mc::credentials::jsonld
