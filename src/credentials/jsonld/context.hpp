// Internal: active contexts, term definitions and the processor state shared by the
// context-processing, expansion and RDF steps. Not part of the public API.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "credentials/jsonld/jsonld.hpp"

namespace mc::credentials::jsonld {

std::unexpected<Error> jsonld_error(std::string code, const std::string& info = {});

struct TermDef {
    std::optional<std::string> iri; // nullopt: the term is explicitly mapped to null
    bool reverse = false;
    bool prefix = false;
    bool is_protected = false;
    std::optional<std::string> type, index, nest;
    bool has_language = false; // language present; nullopt value means "null"
    std::optional<std::string> language;
    bool has_direction = false;
    std::optional<std::string> direction;
    std::vector<std::string> container; // sorted
    std::optional<json> context;         // scoped context, kept as written
    std::string context_key;             // context.dump(), made once: it keys the shared cache
    std::string base_url;                // base URL for resolving the scoped context

    bool has_container(std::string_view c) const {
        for (const auto& x : container)
            if (x == c) return true;
        return false;
    }
    bool same_as(const TermDef& o) const; // everything but is_protected
};

struct ActiveContext;
using Ctx = std::shared_ptr<const ActiveContext>;

struct ActiveContext {
    std::optional<std::string> base; // base IRI; nullopt: none
    std::string original_base;
    std::optional<std::string> vocab, default_language, default_direction;
    Ctx previous; // set by non-propagated (type-scoped) contexts
    // Built only from pinned contexts and kept in the process-wide cache: immutable and
    // immortal, so its address can key further cache entries.
    bool shared = false;
    std::unordered_map<std::string, std::shared_ptr<const TermDef>> terms;

    const TermDef* find(const std::string& term) const {
        auto it = terms.find(term);
        return it == terms.end() ? nullptr : it->second.get();
    }
};

// "defined" map of the Create Term Definition algorithm: false while in progress.
using Defined = std::unordered_map<std::string, bool>;

class Processor {
public:
    explicit Processor(const Options& o);

    Ctx initial() const { return initial_; }

    Result<Ctx> process_context(const Ctx& active, const json& local, const std::string& base_url,
                                std::vector<std::string> remote = {}, bool override_protected = false,
                                bool propagate = true, bool validate_scoped = true);
    // Same, memoized by (context identity, local context identity): scoped contexts are
    // applied to the same inputs again and again across a document.
    // `local_key` is local.dump() (TermDef::context_key), made once per term definition.
    Result<Ctx> apply_scoped(const Ctx& active, const json& local, const std::string& local_key, const std::string& base_url,
                             bool override_protected, bool propagate);

    // IRI Expansion for finished contexts (cannot fail).
    std::optional<std::string> expand_iri(const ActiveContext& ctx, const std::string& value,
                                          bool document_relative, bool vocab) const;

    Result<json> expand(const Ctx& ctx, const std::string* active_property, const json& element,
                        const std::string& base_url, bool from_map, std::size_t depth);

    const Options& options() const { return opt_; }

    // Safe mode: reports a drop (fails when options().safe, else does nothing).
    Result<void> unsafe(const char* event, const std::string& info = {}) const;
    // The same for a value the algorithm drops: null, or the safe-mode failure.
    Result<json> dropped(const char* event) const {
        TRY(unsafe(event));
        return json(nullptr);
    }

private:
    const Options& opt_;
    const bool pinned_only_; // default loader: results may go to the process-wide cache
    DocumentLoader loader_;
    Ctx initial_;
    std::unordered_map<std::string, RemoteDocument> remote_cache_;
    std::map<std::tuple<const ActiveContext*, const json*, bool, bool>, Ctx> scoped_cache_;
    std::size_t context_work_ = 0;

    Result<Ctx> process_top_level(const json& local, const std::string& base_url);
    Result<RemoteDocument> load(const std::string& url, const char* failure_code);
    Result<void> create_term(ActiveContext& result, const json& local, const std::string& term,
                             Defined& defined, const std::string& base_url, bool protected_default,
                             bool override_protected, const std::vector<std::string>& remote);
    Result<std::optional<std::string>> expand_iri_defining(ActiveContext& ctx, const std::string& value,
                                                           bool document_relative, bool vocab,
                                                           const json* local, Defined* defined,
                                                           const std::string& base_url,
                                                           const std::vector<std::string>& remote);

    // Expansion helpers (expand.cpp).
    struct Frame;
    Result<void> expand_entries(Frame& f, const json& element);
    Result<json> expand_value(const ActiveContext& ctx, const std::string& active_property, const json& value) const;
    Result<json> expand_index_map(Frame& f, const std::string& key, const std::string& expanded_property,
                                  const json& value, const TermDef& def);
};

// State of one node object being expanded (shared by the entry loop and @nest).
struct Processor::Frame {
    Ctx ctx;         // active context
    Ctx type_scoped; // context before type-scoped contexts were applied
    const std::string* active_property;
    const std::string& base_url;
    std::size_t depth;
    std::optional<std::string> input_type;
    json result = json::object();
    std::vector<std::string> nests;
};

} // namespace mc::credentials::jsonld
