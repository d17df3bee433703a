// JSON-LD 1.1 Create Term Definition (4.2.2); comments give the spec step numbers.
#include <algorithm>

#include "credentials/jsonld/context.hpp"
#include "credentials/jsonld/iri.hpp"

namespace mc::credentials::jsonld {
namespace {

bool ends_with_gen_delim(const std::string& s) {
    return !s.empty() && std::string_view(":/?#[]@").find(s.back()) != std::string_view::npos;
}

// 20.1: the container combinations JSON-LD 1.1 allows.
bool valid_container(const std::vector<std::string>& c) {
    auto has = [&](const char* k) { return std::find(c.begin(), c.end(), k) != c.end(); };
    for (const auto& k : c)
        if (k != "@graph" && k != "@id" && k != "@index" && k != "@language" && k != "@list" && k != "@set" &&
            k != "@type")
            return false;
    if (c.size() == 1) return true;
    if (has("@list")) return false;
    if (has("@graph")) {
        if (has("@language") || has("@type")) return false;
        if (has("@id") && has("@index")) return false;
        return c.size() <= 3;
    }
    return c.size() == 2 && has("@set");
}

} // namespace

Result<void> Processor::create_term(ActiveContext& ctx, const json& local, const std::string& term,
                                    Defined& defined, const std::string& base_url, bool protected_default,
                                    bool override_protected, const std::vector<std::string>& remote) {
    if (auto d = defined.find(term); d != defined.end()) { // 1
        if (d->second) return {};
        return jsonld_error("cyclic IRI mapping", term);
    }
    if (term.empty()) return jsonld_error("invalid term definition", "empty term"); // 2
    defined[term] = false;
    const json& raw = local.at(term); // 3

    if (term == "@type") { // 4
        bool ok = raw.is_object() && !raw.empty();
        if (ok)
            for (auto& [k, v] : raw.items())
                if (!((k == "@container" && v == "@set") || k == "@protected")) ok = false;
        if (!ok) return jsonld_error("keyword redefinition", term);
    } else if (is_keyword(term)) {
        return jsonld_error("keyword redefinition", term);
    } else if (has_keyword_form(term)) { // 5: ignored, as the spec says
        TRY(unsafe("reserved term", term));
        defined[term] = true;
        return {};
    }
    std::shared_ptr<const TermDef> previous; // 6
    if (auto it = ctx.terms.find(term); it != ctx.terms.end()) {
        previous = it->second;
        ctx.terms.erase(it);
    }
    json value;
    bool simple = false;
    if (raw.is_null()) value = json{{"@id", nullptr}}; // 7
    else if (raw.is_string()) value = json{{"@id", raw}}, simple = true; // 8
    else if (raw.is_object()) value = raw;
    else return jsonld_error("invalid term definition", term); // 9

    auto def = std::make_shared<TermDef>(); // 10
    def->is_protected = protected_default;   // 11
    if (auto p = value.find("@protected"); p != value.end()) {
        if (!p->is_boolean()) return jsonld_error("invalid @protected value", term);
        def->is_protected = p->get<bool>();
    }
    auto expand = [&](const std::string& v) {
        return expand_iri_defining(ctx, v, false, true, &local, &defined, base_url, remote);
    };
    if (auto t = value.find("@type"); t != value.end()) { // 12
        if (!t->is_string()) return jsonld_error("invalid type mapping", term);
        auto type = TRY(expand(t->get<std::string>()));
        if (!type || (*type != "@id" && *type != "@vocab" && *type != "@json" && *type != "@none" &&
                      !is_absolute_iri(*type)))
            return jsonld_error("invalid type mapping", term);
        def->type = *type;
    }
    if (auto r = value.find("@reverse"); r != value.end()) { // 13
        if (value.contains("@id") || value.contains("@nest")) return jsonld_error("invalid reverse property", term);
        if (!r->is_string()) return jsonld_error("invalid IRI mapping", term);
        if (has_keyword_form(r->get<std::string>())) {
            TRY(unsafe("reserved @reverse value", term));
            defined[term] = true;
            return {};
        }
        auto iri = TRY(expand(r->get<std::string>()));
        if (!iri || (!is_absolute_iri(*iri) && !is_blank_node_id(*iri)))
            return jsonld_error("invalid IRI mapping", term);
        def->iri = *iri;
        if (auto c = value.find("@container"); c != value.end()) {
            if (!c->is_null() && *c != "@set" && *c != "@index") return jsonld_error("invalid reverse property", term);
            if (c->is_string()) def->container = {c->get<std::string>()};
        }
        def->reverse = true;
    } else if (auto id = value.find("@id"); id != value.end() && *id != term) { // 15
        if (!id->is_null()) {
            if (!id->is_string()) return jsonld_error("invalid IRI mapping", term);
            const std::string& idv = id->get_ref<const std::string&>();
            if (!is_keyword(idv) && has_keyword_form(idv)) {
                TRY(unsafe("reserved @id value", term));
                defined[term] = true;
                return {};
            }
            auto iri = TRY(expand(idv));
            if (!iri || (!is_keyword(*iri) && !is_absolute_iri(*iri) && !is_blank_node_id(*iri)))
                return jsonld_error("invalid IRI mapping", term);
            if (*iri == "@context") return jsonld_error("invalid keyword alias", term);
            def->iri = *iri;
            auto inner_colon = term.find(':', 1);
            if ((inner_colon != std::string::npos && inner_colon + 1 < term.size()) ||
                term.find('/') != std::string::npos) {
                defined[term] = true;
                auto check = TRY(expand(term));
                if (check != def->iri) return jsonld_error("invalid IRI mapping", term);
            }
            if (term.find(':') == std::string::npos && term.find('/') == std::string::npos && simple &&
                (ends_with_gen_delim(*iri) || is_blank_node_id(*iri)))
                def->prefix = true;
        }
    } else if (auto colon = term.find(':', 1); colon != std::string::npos) { // 16
        std::string prefix = term.substr(0, colon);
        if (local.contains(prefix)) TRY(create_term(ctx, local, prefix, defined, base_url, false, false, remote));
        if (const TermDef* p = ctx.find(prefix); p && p->iri) def->iri = *p->iri + term.substr(colon + 1);
        else def->iri = term;
    } else if (term.find('/') != std::string::npos) { // 17: expanded without the local context
        auto iri = TRY(expand_iri_defining(ctx, term, false, true, nullptr, nullptr, base_url, remote));
        if (!iri || !is_absolute_iri(*iri)) return jsonld_error("invalid IRI mapping", term);
        def->iri = *iri;
    } else if (term == "@type") { // 18
        def->iri = "@type";
    } else if (ctx.vocab) { // 19
        def->iri = *ctx.vocab + term;
    } else {
        return jsonld_error("invalid IRI mapping", term);
    }

    if (auto c = value.find("@container"); c != value.end() && !def->reverse) { // 20
        std::vector<std::string> cont;
        if (c->is_string()) cont.push_back(c->get<std::string>());
        else if (c->is_array()) {
            for (const auto& x : *c) {
                if (!x.is_string()) return jsonld_error("invalid container mapping", term);
                cont.push_back(x.get<std::string>());
            }
        } else return jsonld_error("invalid container mapping", term);
        std::sort(cont.begin(), cont.end());
        if (cont.empty() || !valid_container(cont)) return jsonld_error("invalid container mapping", term);
        def->container = std::move(cont);
        if (def->has_container("@type")) {
            if (!def->type) def->type = "@id";
            else if (*def->type != "@id" && *def->type != "@vocab") return jsonld_error("invalid type mapping", term);
        }
    }
    if (auto ix = value.find("@index"); ix != value.end()) { // 21
        if (!def->has_container("@index") || !ix->is_string()) return jsonld_error("invalid term definition", term);
        auto iri = TRY(expand(ix->get<std::string>()));
        if (!iri || !is_absolute_iri(*iri) || is_keyword(ix->get<std::string>()))
            return jsonld_error("invalid term definition", term);
        def->index = ix->get<std::string>();
    }
    if (auto sc = value.find("@context"); sc != value.end()) { // 22: validate now, apply later
        auto ctx_ptr = std::make_shared<ActiveContext>(ctx);
        auto checked = process_context(ctx_ptr, *sc, base_url, remote, true, true, false);
        if (!checked) {
            if (checked.error().detail.starts_with("loading remote context failed") ||
                checked.error().key == "credentials.too_complex")
                return std::unexpected(checked.error());
            return jsonld_error("invalid scoped context", term + " (" + checked.error().detail + ")");
        }
        def->context = *sc;
        def->context_key = sc->dump();
        def->base_url = base_url;
    }
    if (auto l = value.find("@language"); l != value.end() && !value.contains("@type")) { // 23
        if (!l->is_null() && !l->is_string()) return jsonld_error("invalid language mapping", term);
        def->has_language = true;
        if (l->is_string()) def->language = l->get<std::string>();
    }
    if (auto d = value.find("@direction"); d != value.end() && !value.contains("@type")) { // 24
        if (!d->is_null() && *d != "ltr" && *d != "rtl") return jsonld_error("invalid base direction", term);
        def->has_direction = true;
        if (d->is_string()) def->direction = d->get<std::string>();
    }
    if (auto n = value.find("@nest"); n != value.end()) { // 25
        if (!n->is_string() || (is_keyword(n->get<std::string>()) && *n != "@nest"))
            return jsonld_error("invalid @nest value", term);
        def->nest = n->get<std::string>();
    }
    if (auto p = value.find("@prefix"); p != value.end()) { // 26
        if (term.find(':') != std::string::npos || term.find('/') != std::string::npos)
            return jsonld_error("invalid term definition", term);
        if (!p->is_boolean()) return jsonld_error("invalid @prefix value", term);
        def->prefix = p->get<bool>();
        if (def->prefix && def->iri && is_keyword(*def->iri)) return jsonld_error("invalid term definition", term);
    }
    for (auto& [k, _] : value.items()) // 27
        if (k != "@id" && k != "@reverse" && k != "@container" && k != "@context" && k != "@direction" &&
            k != "@index" && k != "@language" && k != "@nest" && k != "@prefix" && k != "@protected" && k != "@type")
            return jsonld_error("invalid term definition", term + " has " + k);
    if (!override_protected && previous && previous->is_protected) { // 28
        if (!def->same_as(*previous)) return jsonld_error("protected term redefinition", term);
        ctx.terms[term] = previous;
    } else {
        ctx.terms[term] = std::move(def);
    }
    defined[term] = true; // 29
    return {};
}

} // namespace mc::credentials::jsonld
