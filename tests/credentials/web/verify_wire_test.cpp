// The verify worker's report crosses a socket and is read back as untrusted input. Every problem
// and note the verifier can name must survive that trip (a note the server refused turned a good
// VC 1.1 check into "we could not check this file"), while free text or out-of-range values from a
// subverted worker are refused.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "credentials/web/verify_worker.hpp"
#include "mc_source_dir.hpp"

namespace cr = mc::credentials;
using nlohmann::json;

namespace {

json catalog_section(const std::string& section) {
    std::ifstream in(std::string(MC_SOURCE_DIR) + "/web/locales/en/credentials.json");
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str()).at("credentials").at(section);
}

cr::VerificationReport sample() {
    cr::VerificationReport r;
    r.verdict = cr::Verdict::valid;
    r.trust = cr::Trust::unconfirmed;
    r.signature_ok = true;
    r.issuer_id = "did:key:z6Mk";
    r.achievement_name = "Responsive Caregiving";
    return r;
}

} // namespace

TEST(VerifyWire, EveryProblemAndNoteInTheCatalogCrossesTheSocket) {
    for (const char* section : {"problems", "notes"}) {
        auto keys = catalog_section(section);
        ASSERT_FALSE(keys.empty()) << section;
        for (const auto& [key, text] : keys.items()) {
            auto r = sample();
            (std::string(section) == "notes" ? r.notes : r.problems).push_back(key);
            auto back = cr::report_from_wire(cr::report_to_wire(r).dump());
            ASSERT_TRUE(back.has_value()) << section << "." << key << " was refused on the way back";
            const auto& list = std::string(section) == "notes" ? back->notes : back->problems;
            ASSERT_EQ(list.size(), 1u);
            EXPECT_EQ(list[0], key);
            EXPECT_EQ(back->trust, cr::Trust::unconfirmed);
            EXPECT_EQ(back->achievement_name, "Responsive Caregiving");
        }
    }
}

TEST(VerifyWire, FreeTextAndOutOfRangeValuesFromTheWorkerAreRefused) {
    auto wire = cr::report_to_wire(sample());
    auto with = [&](const std::string& field, json value) {
        json j = wire;
        j[field] = std::move(value);
        return cr::report_from_wire(j.dump());
    };
    EXPECT_FALSE(with("notes", json::array({"<script>alert(1)</script>"})));
    EXPECT_FALSE(with("problems", json::array({"Not A Key"})));
    EXPECT_FALSE(with("verdict", 99));
    EXPECT_FALSE(with("trust", -1));
    EXPECT_FALSE(with("signature_ok", "yes"));
    EXPECT_FALSE(cr::report_from_wire("not json"));
    EXPECT_TRUE(cr::report_from_wire(wire.dump()));
}
