#include <unordered_map>

#include "credentials/jsonld/jsonld.hpp"

namespace mc::credentials::jsonld {
namespace detail {
extern const std::pair<std::string_view, std::string_view> pinned_contexts[];
extern const unsigned pinned_context_count;
} // namespace detail

namespace {
using Table = std::unordered_map<std::string, RemoteDocument>;

// Parsed once per process (static init is thread-safe); read-only afterwards.
const Table& table() {
    static const Table t = [] {
        Table out;
        for (unsigned i = 0; i < detail::pinned_context_count; ++i) {
            auto [url, text] = detail::pinned_contexts[i];
            auto doc = std::make_shared<const json>(json::parse(text)); // build-time data: throw if broken
            out.emplace(std::string(url), RemoteDocument{std::move(doc), std::string(url)});
        }
        return out;
    }();
    return t;
}
} // namespace

DocumentLoader pinned_loader() {
    return [](const std::string& url) -> Result<RemoteDocument> {
        const Table& t = table();
        if (auto it = t.find(url); it != t.end()) return it->second;
        return fail(Errc::bad_input, "credentials.unknown_context", "context not pinned: " + url);
    };
}

} // namespace mc::credentials::jsonld
