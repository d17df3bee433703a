// The embedded OB 3.0 schema and the small validator behind it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sample_credential.hpp"
#include "credentials/verify/json_schema.hpp"
#include "credentials/verify/ob3_schema.hpp"
#include "credentials/verify/schema_formats.hpp"

namespace {

using nlohmann::json;
using namespace mc::credentials;

json load(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return json::parse(s.str());
}

json ob_vector() { return load(std::string(MC_TEST_DATA_DIR) + "/proof/ob3_signed.json"); }
using verify_test::sample_facts;

std::string failure_of(const json& credential) {
    auto r = validate_ob3_schema(credential);
    if (r) return "";
    EXPECT_EQ(r.error().key, "credentials.problems.schema");
    EXPECT_EQ(r.error().code, mc::Errc::bad_input);
    return r.error().detail;
}

TEST(Ob3Schema, EmbeddedSchemaUsesOnlySupportedKeywords) {
    auto unsupported = schema::unsupported_keywords(ob3_achievement_credential_schema());
    EXPECT_TRUE(unsupported.empty()) << ::testing::PrintToString(unsupported);
}

TEST(Ob3Schema, OneEdTechVectorPasses) {
    EXPECT_EQ(failure_of(ob_vector()), "");
    EXPECT_EQ(failure_of(load(std::string(MC_TEST_DATA_DIR) + "/ob3/ob-document.json")), "");
}

TEST(Ob3Schema, OurBuiltCredentialPasses) {
    EXPECT_EQ(failure_of(build_open_badge_credential(sample_facts())), "");
}

TEST(Ob3Schema, MissingRequiredFieldsFailWithAPath) {
    auto doc = ob_vector();
    doc.erase("validFrom");
    EXPECT_EQ(failure_of(doc), "/: required property \"validFrom\" is missing");
    doc = ob_vector();
    doc["credentialSubject"]["achievement"].erase("criteria");
    EXPECT_EQ(failure_of(doc), "/credentialSubject/achievement: required property \"criteria\" is missing");
    doc = ob_vector();
    doc["issuer"].erase("id");
    // issuer is a oneOf(URI string, Profile): the Profile branch got furthest.
    EXPECT_EQ(failure_of(doc), "/issuer: required property \"id\" is missing");
}

TEST(Ob3Schema, WrongShapesFail) {
    auto doc = ob_vector();
    doc["type"] = json::array({"VerifiableCredential"});
    EXPECT_NE(failure_of(doc).find("/type: must contain"), std::string::npos);
    doc = ob_vector();
    doc["validFrom"] = "2010-02-30T00:00:00Z";
    EXPECT_EQ(failure_of(doc), "/validFrom: must be an RFC 3339 date-time");
    doc = ob_vector();
    doc["@context"][1] = "https://example.org/other.json";
    EXPECT_NE(failure_of(doc).find("/@context/1: must match"), std::string::npos);
    doc = ob_vector();
    doc["credentialSubject"]["achievement"]["achievementType"] = "NotAType";
    EXPECT_NE(failure_of(doc).find("/credentialSubject/achievement/achievementType"), std::string::npos);
    EXPECT_NE(failure_of(json::array()), "");
    EXPECT_NE(failure_of("text"), "");
}

TEST(JsonSchema, KeywordsBehaveAsSpecified) {
    json root = {{"$defs", {{"n", {{"type", "number"}}}}},
                 {"type", "object"},
                 {"properties", {{"list", {{"type", "array"}, {"items", json::array({{{"const_like", 1}}})}}},
                                 {"tuple", {{"type", "array"}, {"items", json::array({{{"type", "string"}}})},
                                            {"additionalItems", {{"$ref", "#/$defs/n"}}}}},
                                 {"closed", {{"type", "object"}, {"additionalProperties", false}}},
                                 {"one", {{"oneOf", json::array({{{"type", "number"}}, {{"type", "integer"}}})}}}}}};
    EXPECT_FALSE(schema::validate(root, {{"tuple", {"a", 1, 2.5}}}));
    EXPECT_EQ(schema::validate(root, {{"tuple", {"a", "b"}}})->instance_path, "/tuple/1");
    EXPECT_EQ(schema::validate(root, {{"closed", {{"x", 1}}}})->instance_path, "/closed/x");
    EXPECT_EQ(schema::validate(root, {{"one", 1}})->message, "matches more than one of the allowed forms");
    EXPECT_FALSE(schema::validate(root, {{"one", 1.5}}));
    auto unsupported = schema::unsupported_keywords(root);
    ASSERT_EQ(unsupported.size(), 1u); // "const_like"
    EXPECT_NE(unsupported[0].find("const_like"), std::string::npos);
}

TEST(JsonSchema, DeepInstancesStopAtTheLimit) {
    json root = {{"$defs", {{"a", {{"type", "array"}, {"items", {{"$ref", "#/$defs/a"}}}}}}}, {"$ref", "#/$defs/a"}};
    json deep = json::array();
    for (int i = 0; i < 200; ++i) deep = json::array({deep});
    auto f = schema::validate(root, deep);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->message, "nested too deeply");
}

TEST(SchemaFormats, DatesAndPatterns) {
    EXPECT_TRUE(schema::is_rfc3339_date_time("2024-02-29T23:59:60.123+05:30"));
    EXPECT_TRUE(schema::is_rfc3339_date_time("2010-01-01T19:23:24Z"));
    EXPECT_FALSE(schema::is_rfc3339_date_time("2023-02-29T00:00:00Z"));
    EXPECT_FALSE(schema::is_rfc3339_date_time("2024-01-01 00:00:00Z"));
    EXPECT_FALSE(schema::is_rfc3339_date_time("2024-01-01T00:00:00"));
    EXPECT_TRUE(schema::is_rfc3339_date("2000-02-29"));
    EXPECT_FALSE(schema::is_rfc3339_date("1900-02-29"));
    EXPECT_TRUE(schema::matches_pattern("(ext:)[a-z|A-Z|0-9|.|-|_]+", "ext:Custom"));
    EXPECT_FALSE(schema::matches_pattern("(ext:)[a-z|A-Z|0-9|.|-|_]+", "Custom"));
    EXPECT_FALSE(schema::matches_pattern("x", std::string(schema::kMaxPatternInput + 1, 'x')));
}

} // namespace
