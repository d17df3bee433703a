// Follows the RDFC-1.0 recommendation section by section; the names mirror the spec so a
// reader can hold the two side by side.
#include "credentials/rdfc/rdfc10.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <vector>

#include "credentials/rdfc/nquads.hpp"

namespace mc::credentials::rdfc {

namespace {
// Fetched once: in OpenSSL 3 the EVP_sha256() shortcut re-fetches the implementation on
// every digest, which costs more than hashing the short strings RDFC-1.0 hashes.
const EVP_MD* digest(HashAlgorithm alg) {
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    static EVP_MD* const sha384 = EVP_MD_fetch(nullptr, "SHA384", nullptr);
    const EVP_MD* md = alg == HashAlgorithm::sha384 ? sha384 : sha256;
    if (!md) throw std::runtime_error("OpenSSL has no SHA-2"); // broken installation, not input
    return md;
}
struct CtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
} // namespace

std::string hash_hex(HashAlgorithm alg, std::string_view data) {
    thread_local std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), digest(alg), nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), md, &len) != 1)
        throw std::runtime_error("SHA-2 digest failed"); // OpenSSL broken: not an input problem
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(len * 2, '0');
    for (unsigned int i = 0; i < len; ++i) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 0xF];
    }
    return out;
}

namespace {

using rdf::Quad;
using rdf::Term;

// Identifier issuer (spec 4.5): issues prefix+counter in order, remembers the order.
struct Issuer {
    std::string prefix;
    std::unordered_map<std::string, std::string> map;
    std::vector<std::string> order; // existing identifiers in issue order

    const std::string* find(const std::string& id) const {
        auto it = map.find(id);
        return it == map.end() ? nullptr : &it->second;
    }
    const std::string& issue(const std::string& id) {
        auto [it, inserted] = map.try_emplace(id);
        if (inserted) {
            it->second = prefix + std::to_string(order.size());
            order.push_back(id);
        }
        return it->second;
    }
};

struct NDegreeResult {
    std::string hash;
    Issuer issuer;
};

class Canonicalizer {
public:
    Canonicalizer(const rdf::Dataset& quads, const Options& o) : quads_(quads), opt_(o) {
        canonical_.prefix = "c14n";
    }

    Result<Canonical> run() {
        // 4.4.3 step 2: blank node to quads map.
        for (const Quad& q : quads_) {
            for (const Term* t : {&q.subject, &q.object, &q.graph})
                if (t->is_blank()) {
                    auto& v = bnode_quads_[t->value];
                    if (v.empty() || v.back() != &q) v.push_back(&q);
                }
        }
        // Step 3: first-degree hashes, grouped (std::map keeps code point order).
        std::map<std::string, std::vector<std::string>> hash_to_bnodes;
        for (const auto& [id, _] : bnode_quads_) hash_to_bnodes[hash_first_degree(id)].push_back(id);
        // Step 4: unique hashes get canonical identifiers right away.
        for (auto it = hash_to_bnodes.begin(); it != hash_to_bnodes.end();) {
            if (it->second.size() == 1) {
                canonical_.issue(it->second.front());
                it = hash_to_bnodes.erase(it);
            } else {
                ++it;
            }
        }
        // Step 5: shared hashes are told apart by their n-degree neighbourhoods.
        for (auto& [_, ids] : hash_to_bnodes) {
            std::vector<NDegreeResult> paths;
            for (const auto& id : ids) {
                if (canonical_.find(id)) continue;
                Issuer temp{"b", {}, {}};
                temp.issue(id);
                paths.push_back(TRY(hash_n_degree(id, std::move(temp))));
            }
            std::stable_sort(paths.begin(), paths.end(),
                             [](const auto& a, const auto& b) { return a.hash < b.hash; });
            for (const auto& r : paths)
                for (const auto& existing : r.issuer.order) canonical_.issue(existing);
        }
        // Step 6: relabel, serialize, sort.
        std::vector<std::string> lines;
        lines.reserve(quads_.size());
        for (const Quad& q : quads_) {
            Quad c = q;
            for (Term* t : {&c.subject, &c.object, &c.graph})
                if (t->is_blank()) t->value = *canonical_.find(t->value);
            lines.push_back(rdf::to_nquads(c));
        }
        std::sort(lines.begin(), lines.end());
        Canonical out;
        for (auto& l : lines) out.nquads += l;
        out.issued = std::move(canonical_.map);
        return out;
    }

private:
    const rdf::Dataset& quads_;
    const Options& opt_;
    Issuer canonical_;
    std::map<std::string, std::vector<const Quad*>> bnode_quads_;
    std::unordered_map<std::string, std::string> first_degree_cache_;
    std::size_t work_ = 0;

    std::string hash(std::string_view s) const { return hash_hex(opt_.hash, s); }

    Result<void> charge() {
        if (++work_ > opt_.max_work)
            return fail(Errc::bad_input, "credentials.too_complex",
                        "RDFC-1.0 work limit exceeded (" + std::to_string(opt_.max_work) + ")");
        return {};
    }

    // 4.6 Hash First Degree Quads.
    const std::string& hash_first_degree(const std::string& id) {
        auto cached = first_degree_cache_.find(id);
        if (cached != first_degree_cache_.end()) return cached->second;
        std::vector<std::string> lines;
        for (const Quad* q : bnode_quads_.at(id)) {
            Quad c = *q;
            for (Term* t : {&c.subject, &c.object, &c.graph})
                if (t->is_blank()) t->value = t->value == id ? "a" : "z";
            lines.push_back(rdf::to_nquads(c));
        }
        std::sort(lines.begin(), lines.end());
        std::string all;
        for (auto& l : lines) all += l;
        return first_degree_cache_[id] = hash(all);
    }

    // 4.7 Hash Related Blank Node.
    std::string hash_related(const std::string& related, const Quad& q, const Issuer& issuer, char position) {
        std::string input(1, position);
        if (position != 'g') {
            input += '<';
            input += q.predicate.value;
            input += '>';
        }
        if (const auto* c = canonical_.find(related)) input += "_:" + *c;
        else if (const auto* t = issuer.find(related)) input += "_:" + *t;
        else input += hash_first_degree(related);
        return hash(input);
    }

    static bool worse(const std::string& path, const std::string& chosen) {
        return !chosen.empty() && path.size() >= chosen.size() && path > chosen;
    }

    // 4.8 Hash N-Degree Quads.
    Result<NDegreeResult> hash_n_degree(const std::string& id, Issuer issuer) {
        TRY(charge());
        std::map<std::string, std::vector<std::string>> related_by_hash; // step 1 (sorted keys)
        for (const Quad* q : bnode_quads_.at(id)) {
            const std::pair<const Term*, char> parts[] = {{&q->subject, 's'}, {&q->object, 'o'}, {&q->graph, 'g'}};
            for (auto [t, pos] : parts)
                if (t->is_blank() && t->value != id)
                    related_by_hash[hash_related(t->value, *q, issuer, pos)].push_back(t->value);
        }
        std::string data;
        for (auto& [related_hash, list] : related_by_hash) {
            data += related_hash;
            std::string chosen_path;
            std::optional<Issuer> chosen_issuer;
            std::sort(list.begin(), list.end());
            do {
                TRY(charge());
                Issuer copy = issuer;
                std::string path;
                std::vector<std::string> recursion;
                bool skip = false;
                for (const auto& r : list) {
                    if (const auto* c = canonical_.find(r)) {
                        path += "_:" + *c;
                    } else {
                        if (!copy.find(r)) recursion.push_back(r);
                        path += "_:" + copy.issue(r);
                    }
                    if (worse(path, chosen_path)) { skip = true; break; }
                }
                if (skip) continue;
                for (const auto& r : recursion) {
                    NDegreeResult res = TRY(hash_n_degree(r, copy));
                    path += "_:" + copy.issue(r);
                    path += '<' + res.hash + '>';
                    copy = std::move(res.issuer);
                    if (worse(path, chosen_path)) { skip = true; break; }
                }
                if (skip) continue;
                if (chosen_path.empty() || path < chosen_path) {
                    chosen_path = std::move(path);
                    chosen_issuer = std::move(copy);
                }
            } while (std::next_permutation(list.begin(), list.end()));
            data += chosen_path;
            issuer = std::move(*chosen_issuer);
        }
        return NDegreeResult{hash(data), std::move(issuer)};
    }
};

} // namespace

Result<Canonical> canonicalize(const rdf::Dataset& input, const Options& options) {
    // Duplicate quads are one quad in RDF; the spec's input is a set.
    rdf::Dataset unique = input;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    return Canonicalizer(unique, options).run();
}

} // namespace mc::credentials::rdfc
