// W3C JSON-LD 1.1 expand and toRdf suites. Out-of-scope entries (JSON-LD 1.0 only behaviour,
// generalized RDF, and the list kept in docs/credentials/jsonld-skips.md) are not made into tests
// at all, so every test that runs can fail; OutOfScope prints how many were left out and why.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "credentials/jsonld/jsonld.hpp"
#include "credentials/rdfc/nquads.hpp"
#include "credentials/rdfc/rdfc10.hpp"

namespace {

using namespace mc::credentials;
using jsonld::json;
const std::string kTests = std::string(MC_SHARED_DIR) + "/conformance/json-ld-api/tests/";
const std::string kRemote = "https://w3c.github.io/json-ld-api/tests/";

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Case {
    std::string suite; // "expand" or "toRdf"
    json entry;
    friend void PrintTo(const Case& c, std::ostream* os) { *os << c.suite << c.entry.at("@id").get<std::string>(); }
};

// Returns why a test is out of scope, or empty.
std::string skip_reason(const Case& c) {
    static const std::map<std::string, std::string> by_id = {
#include "skips.inc"
    };
    const json opt = c.entry.value("option", json::object());
    if (opt.value("specVersion", "") == "json-ld-1.0") return "JSON-LD 1.0 only behaviour";
    if (opt.value("processingMode", "") == "json-ld-1.0") return "processingMode json-ld-1.0";
    if (opt.value("produceGeneralizedRdf", false)) return "generalized RDF is not RDF (not canonicalizable)";
    if (auto it = by_id.find(c.suite + c.entry.at("@id").get<std::string>()); it != by_id.end()) return it->second;
    return {};
}

// The manifest's entries, in scope (`in_scope`) or out of it.
std::vector<Case> cases(const std::string& suite, bool in_scope = true) {
    auto m = json::parse(slurp(kTests + suite + "-manifest.jsonld"));
    std::vector<Case> out;
    for (auto& e : m.at("sequence")) {
        Case c{suite, e};
        if (skip_reason(c).empty() == in_scope) out.push_back(std::move(c));
    }
    return out;
}

// Test-suite loader: the suite's own files stand in for its URLs; nothing else resolves.
jsonld::DocumentLoader suite_loader() {
    return [](const std::string& url) -> mc::Result<jsonld::RemoteDocument> {
        if (!url.starts_with(kRemote)) return jsonld::pinned_loader()(url);
        std::ifstream in(kTests + url.substr(kRemote.size()));
        if (!in) return mc::fail(mc::Errc::not_found, "test.missing", url);
        std::stringstream ss;
        ss << in.rdbuf();
        auto doc = json::parse(ss.str(), nullptr, false);
        if (doc.is_discarded()) return mc::fail(mc::Errc::bad_input, "test.bad_json", url);
        return jsonld::RemoteDocument{std::make_shared<const json>(std::move(doc)), url};
    };
}

// Arrays are unordered in JSON-LD except @list values; sort them to compare.
json normalize(const json& j, bool ordered = false) {
    if (j.is_object()) {
        json o = json::object();
        for (auto& [k, v] : j.items()) o[k] = normalize(v, k == "@list");
        return o;
    }
    if (j.is_array()) {
        std::vector<json> items;
        for (auto& v : j) items.push_back(normalize(v));
        if (!ordered)
            std::sort(items.begin(), items.end(), [](const json& a, const json& b) { return a.dump() < b.dump(); });
        return json(items);
    }
    if (j.is_number_float() && j.get<double>() == std::floor(j.get<double>()) && std::fabs(j.get<double>()) < 1e15)
        return json(static_cast<long long>(j.get<double>()));
    return j;
}

std::string canonical(const rdf::Dataset& d) {
    auto c = rdfc::canonicalize(d);
    return c ? c->nquads : "canonicalization failed: " + c.error().detail;
}

class W3C : public ::testing::TestWithParam<Case> {};

TEST_P(W3C, Passes) {
    const Case& c = GetParam();
    const json& e = c.entry;
    const json opt = e.value("option", json::object());
    const std::string input_path = e.at("input");
    jsonld::Options o;
    o.loader = suite_loader();
    o.base = opt.value("base", kRemote + input_path);
    o.rdf_direction = opt.value("rdfDirection", "");
    o.safe = false; // the suites test what plain JSON-LD drops; safe mode would refuse it
    if (opt.contains("expandContext")) o.expand_context = json::parse(slurp(kTests + opt.at("expandContext").get<std::string>()));
    json input = json::parse(slurp(kTests + input_path));
    const auto types = e.at("@type");
    const bool negative = std::find(types.begin(), types.end(), "jld:NegativeEvaluationTest") != types.end();
    const bool syntax = std::find(types.begin(), types.end(), "jld:PositiveSyntaxTest") != types.end();

    if (c.suite == "expand") {
        auto r = jsonld::expand(input, o);
        if (negative) {
            ASSERT_FALSE(r) << "expected " << e.at("expectErrorCode") << ", got " << r->dump();
            EXPECT_TRUE(r.error().detail.starts_with(e.at("expectErrorCode").get<std::string>())) << r.error().detail;
            return;
        }
        ASSERT_TRUE(r) << r.error().detail;
        json want = json::parse(slurp(kTests + e.at("expect").get<std::string>()));
        EXPECT_EQ(normalize(*r).dump(1), normalize(want).dump(1));
        return;
    }
    auto r = jsonld::to_rdf(input, o);
    if (negative) {
        ASSERT_FALSE(r) << "expected " << e.at("expectErrorCode");
        EXPECT_TRUE(r.error().detail.starts_with(e.at("expectErrorCode").get<std::string>())) << r.error().detail;
        return;
    }
    ASSERT_TRUE(r) << r.error().detail;
    if (syntax) return;
    auto want = rdf::parse_nquads(slurp(kTests + e.at("expect").get<std::string>()));
    ASSERT_TRUE(want) << want.error().detail;
    EXPECT_EQ(canonical(*r), canonical(*want));
}

std::string name_of(const ::testing::TestParamInfo<Case>& info) {
    std::string id = info.param.entry.at("@id");
    return info.param.suite + "_" + id.substr(id.find('#') + 1);
}

INSTANTIATE_TEST_SUITE_P(Expand, W3C, ::testing::ValuesIn(cases("expand")), name_of);
INSTANTIATE_TEST_SUITE_P(ToRdf, W3C, ::testing::ValuesIn(cases("toRdf")), name_of);

// What is left out, counted by reason (read in the log); the suites themselves must be there.
TEST(W3CScope, OutOfScopeEntriesAreListedWithTheirReason) {
    for (const std::string suite : {"expand", "toRdf"}) {
        EXPECT_FALSE(cases(suite).empty()) << suite << ": no entry in scope";
        std::map<std::string, int> by_reason;
        for (const auto& c : cases(suite, false)) ++by_reason[skip_reason(c)];
        for (const auto& [why, n] : by_reason) std::cout << suite << ": " << n << " entries out of scope: " << why << "\n";
    }
}

} // namespace
