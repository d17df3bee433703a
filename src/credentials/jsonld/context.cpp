// JSON-LD 1.1 Context Processing (4.1) and Create Term Definition (4.2). Step numbers in
// comments refer to the JSON-LD 1.1 Processing Algorithms and API recommendation.
#include <algorithm>
#include <cstdint>
#include <mutex>

#include "credentials/jsonld/context.hpp"
#include "credentials/jsonld/iri.hpp"

namespace mc::credentials::jsonld {

std::unexpected<Error> jsonld_error(std::string code, const std::string& info) {
    if (!info.empty()) code += ": " + info;
    return std::unexpected(Error{Errc::bad_input, "credentials.bad_jsonld", std::move(code)});
}

Result<void> Processor::unsafe(const char* event, const std::string& info) const {
    if (!opt_.safe) return {};
    std::string detail = std::string("safe mode: ") + event;
    if (!info.empty()) detail += ": " + info;
    return fail(Errc::bad_input, kUnsafeKey, std::move(detail));
}

bool TermDef::same_as(const TermDef& o) const {
    return iri == o.iri && reverse == o.reverse && prefix == o.prefix && type == o.type && index == o.index &&
           nest == o.nest && has_language == o.has_language && language == o.language &&
           has_direction == o.has_direction && direction == o.direction && container == o.container &&
           context == o.context;
}

namespace {
// Process-wide cache of contexts built from pinned documents only. Verifying a credential
// otherwise re-processes the same 10-15 KB of pinned contexts (and their scoped contexts)
// every time. Capped so documents cannot grow it without bound.
struct SharedCache {
    std::mutex mutex;
    std::unordered_map<std::string, Ctx> entries;
};
SharedCache& shared_cache() {
    static SharedCache c;
    return c;
}
constexpr std::size_t kSharedCap = 2048;

Ctx lookup_shared(const std::string& key) {
    auto& c = shared_cache();
    std::lock_guard lock(c.mutex);
    auto it = c.entries.find(key);
    return it == c.entries.end() ? nullptr : it->second;
}
Ctx store_shared(const std::string& key, const Ctx& value) {
    auto copy = std::make_shared<ActiveContext>(*value);
    copy->shared = true;
    auto& c = shared_cache();
    std::lock_guard lock(c.mutex);
    if (c.entries.size() >= kSharedCap) return value;
    return c.entries.emplace(key, std::move(copy)).first->second;
}
bool is_url_list(const json& j) {
    if (j.is_string()) return true;
    if (!j.is_array()) return false;
    for (const auto& x : j)
        if (!x.is_string()) return false;
    return true;
}
} // namespace

Processor::Processor(const Options& o)
    : opt_(o), pinned_only_(!o.loader), loader_(o.loader ? o.loader : pinned_loader()) {
    auto init = std::make_shared<ActiveContext>();
    if (!o.base.empty()) init->base = o.base;
    init->original_base = o.base;
    initial_ = std::move(init);
}

Result<RemoteDocument> Processor::load(const std::string& url, const char* failure_code) {
    if (auto it = remote_cache_.find(url); it != remote_cache_.end()) return it->second;
    auto doc = loader_(url);
    if (!doc) return jsonld_error(failure_code, url + " (" + doc.error().detail + ")");
    return remote_cache_[url] = std::move(*doc);
}

Result<Ctx> Processor::apply_scoped(const Ctx& active, const json& local, const std::string& local_key,
                                    const std::string& base_url,
                                    bool override_protected, bool propagate) {
    auto key = std::make_tuple(active.get(), &local, override_protected, propagate);
    if (auto it = scoped_cache_.find(key); it != scoped_cache_.end()) return it->second;
    std::string shared_key;
    Ctx out;
    if (active->shared && pinned_only_) {
        // Keyed by content, not address: `local` may belong to a short-lived context. Safe
        // mode is part of the key: a context that passed unsafe must be re-checked.
        shared_key = std::string(opt_.safe ? "safe " : "") + "scoped\n" +
                     std::to_string(reinterpret_cast<std::uintptr_t>(active.get())) + '\n' +
                     (override_protected ? "o" : "-") + (propagate ? "p" : "-") + local_key;
        out = lookup_shared(shared_key);
    }
    if (!out) {
        out = TRY(process_context(active, local, base_url, {}, override_protected, propagate));
        if (!shared_key.empty()) out = store_shared(shared_key, out);
    }
    scoped_cache_.emplace(key, out);
    return out;
}

Result<Ctx> Processor::process_top_level(const json& local, const std::string& base_url) {
    if (!pinned_only_ || !is_url_list(local)) return process_context(initial_, local, base_url);
    const std::string key =
        std::string(opt_.safe ? "safe " : "") + "top\n" + opt_.base + '\n' + base_url + '\n' + local.dump();
    if (Ctx hit = lookup_shared(key)) return hit;
    Ctx out = TRY(process_context(initial_, local, base_url));
    return store_shared(key, out);
}

Result<Ctx> Processor::process_context(const Ctx& active, const json& local_in, const std::string& base_url,
                                       std::vector<std::string> remote, bool override_protected,
                                       bool propagate, bool validate_scoped) {
    if (++context_work_ > opt_.max_context_work)
        return fail(Errc::bad_input, "credentials.too_complex", "JSON-LD context work limit");
    auto result = std::make_shared<ActiveContext>(*active); // step 1
    if (local_in.is_object()) {                             // step 2
        if (auto p = local_in.find("@propagate"); p != local_in.end()) {
            if (!p->is_boolean()) return jsonld_error("invalid @propagate value");
            propagate = p->get<bool>();
        }
    }
    if (!propagate && !result->previous) result->previous = active; // step 3
    static const json null_json;
    std::vector<const json*> items;
    if (local_in.is_array())
        for (const auto& c : local_in) items.push_back(&c);
    else
        items.push_back(&local_in);

    for (const json* item : items) {
        const json& context = *item;
        if (context.is_null()) { // 5.1
            if (!override_protected)
                for (const auto& [_, def] : result->terms)
                    if (def->is_protected) return jsonld_error("invalid context nullification");
            auto fresh = std::make_shared<ActiveContext>();
            fresh->original_base = active->original_base;
            if (!active->original_base.empty()) fresh->base = active->original_base;
            if (!propagate) fresh->previous = result; // "previous value of result"
            result = std::move(fresh);
            continue;
        }
        if (context.is_string()) { // 5.2
            std::string url = resolve_iri(base_url, context.get<std::string>());
            if (!validate_scoped && std::find(remote.begin(), remote.end(), url) != remote.end()) continue;
            if (remote.size() > 32) return jsonld_error("context overflow", url);
            remote.push_back(url);
            RemoteDocument doc = TRY(load(url, "loading remote context failed"));
            if (!doc.document->is_object() || !doc.document->contains("@context"))
                return jsonld_error("invalid remote context", url);
            Ctx next = TRY(process_context(result, doc.document->at("@context"), doc.document_url, remote,
                                           override_protected, true, validate_scoped));
            result = std::make_shared<ActiveContext>(*next);
            continue;
        }
        if (!context.is_object()) return jsonld_error("invalid local context"); // 5.3

        // 5.6 @import merges a remote context under this one.
        json merged;
        const json* ctx = &context;
        if (auto imp = context.find("@import"); imp != context.end()) {
            if (!imp->is_string()) return jsonld_error("invalid @import value");
            std::string url = resolve_iri(base_url, imp->get<std::string>());
            RemoteDocument doc = TRY(load(url, "loading remote context failed"));
            if (!doc.document->is_object() || !doc.document->contains("@context") ||
                !doc.document->at("@context").is_object())
                return jsonld_error("invalid remote context", url);
            const json& imported = doc.document->at("@context");
            if (imported.contains("@import")) return jsonld_error("invalid context entry", "@import in import");
            merged = imported;
            for (auto& [k, v] : context.items()) merged[k] = v;
            ctx = &merged;
        }
        if (auto v = ctx->find("@version"); v != ctx->end()) { // 5.5
            if (!v->is_number() || v->get<double>() != 1.1) return jsonld_error("invalid @version value");
        }
        if (auto b = ctx->find("@base"); b != ctx->end() && remote.empty()) { // 5.7
            if (b->is_null()) {
                result->base.reset();
            } else if (!b->is_string()) {
                return jsonld_error("invalid base IRI");
            } else {
                std::string v = b->get<std::string>();
                if (is_absolute_iri(v)) result->base = v;
                else if (result->base) result->base = resolve_iri(*result->base, v);
                else return jsonld_error("invalid base IRI", v);
            }
        }
        if (auto v = ctx->find("@vocab"); v != ctx->end()) { // 5.8
            if (v->is_null()) {
                result->vocab.reset();
            } else if (!v->is_string()) {
                return jsonld_error("invalid vocab mapping");
            } else {
                auto iri = TRY(expand_iri_defining(*result, v->get<std::string>(), true, true, nullptr, nullptr,
                                                   base_url, remote));
                if (!iri || (!is_absolute_iri(*iri) && !is_blank_node_id(*iri)))
                    return jsonld_error("invalid vocab mapping");
                // A vocab resolved against the document base changes meaning with the base.
                auto as_written = expand_iri(*result, v->get<std::string>(), false, true);
                if (!as_written || (!is_absolute_iri(*as_written) && !is_blank_node_id(*as_written)))
                    TRY(unsafe("relative @vocab reference", v->get<std::string>()));
                result->vocab = *iri;
            }
        }
        if (auto v = ctx->find("@language"); v != ctx->end()) { // 5.9
            if (v->is_null()) result->default_language.reset();
            else if (v->is_string()) result->default_language = v->get<std::string>();
            else return jsonld_error("invalid default language");
        }
        if (auto v = ctx->find("@direction"); v != ctx->end()) { // 5.10
            if (v->is_null()) result->default_direction.reset();
            else if (*v == "ltr" || *v == "rtl") result->default_direction = v->get<std::string>();
            else return jsonld_error("invalid base direction");
        }
        if (auto v = ctx->find("@propagate"); v != ctx->end() && !v->is_boolean()) // 5.11
            return jsonld_error("invalid @propagate value");

        bool protected_default = false;
        if (auto p = ctx->find("@protected"); p != ctx->end()) {
            if (!p->is_boolean()) return jsonld_error("invalid @protected value");
            protected_default = p->get<bool>();
        }
        Defined defined; // 5.12-5.13
        for (auto& [key, _] : ctx->items()) {
            if (key == "@base" || key == "@direction" || key == "@import" || key == "@language" ||
                key == "@propagate" || key == "@protected" || key == "@version" || key == "@vocab")
                continue;
            TRY(create_term(*result, *ctx, key, defined, base_url, protected_default, override_protected, remote));
        }
    }
    return Ctx(std::move(result));
}

std::optional<std::string> Processor::expand_iri(const ActiveContext& ctx, const std::string& value,
                                                 bool document_relative, bool vocab) const {
    // Without a local context the algorithm never defines terms, so it neither mutates
    // the context nor fails; the const_casts only satisfy the shared signature.
    auto r = const_cast<Processor*>(this)->expand_iri_defining(const_cast<ActiveContext&>(ctx), value,
                                                               document_relative, vocab, nullptr, nullptr, {}, {});
    return r ? *r : std::nullopt;
}

// 5.2 IRI Expansion, with the local-context variant used while defining terms.
Result<std::optional<std::string>> Processor::expand_iri_defining(ActiveContext& ctx, const std::string& value,
                                                                  bool document_relative, bool vocab,
                                                                  const json* local, Defined* defined,
                                                                  const std::string& base_url,
                                                                  const std::vector<std::string>& remote) {
    if (is_keyword(value)) return value;                         // 1
    if (has_keyword_form(value)) return std::optional<std::string>{}; // 2
    if (local && local->contains(value)) {                       // 3
        auto d = defined->find(value);
        if (d == defined->end() || !d->second)
            TRY(create_term(ctx, *local, value, *defined, base_url, false, false, remote));
    }
    if (const TermDef* def = ctx.find(value)) {
        if (def->iri && is_keyword(*def->iri)) return def->iri; // 4
        if (vocab) return def->iri;                             // 5
    }
    if (auto colon = value.find(':'); colon != std::string::npos && colon > 0) { // 6
        std::string prefix = value.substr(0, colon);
        std::string_view suffix = std::string_view(value).substr(colon + 1);
        if (prefix == "_" || suffix.starts_with("//")) return value;
        if (local && local->contains(prefix)) {
            auto d = defined->find(prefix);
            if (d == defined->end() || !d->second)
                TRY(create_term(ctx, *local, prefix, *defined, base_url, false, false, remote));
        }
        if (const TermDef* def = ctx.find(prefix); def && def->iri && def->prefix)
            return *def->iri + std::string(suffix);
        if (is_absolute_iri(value)) return value;
    }
    if (vocab && ctx.vocab) return *ctx.vocab + value; // 7
    if (document_relative) return ctx.base ? resolve_iri(*ctx.base, value) : value; // 8
    return value;
}

} // namespace mc::credentials::jsonld
