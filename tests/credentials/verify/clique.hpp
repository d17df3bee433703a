// Test/bench helper: the RDFC-1.0 poison graph of rdf-canon test074 (ten blank nodes, each
// linked to all ten, itself included) wrapped as the evidence of an OB 3.0 credential with
// a well-formed (but meaningless) proof: what an attacker would hand a verifier to make it
// spend factorial time in canonicalization.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace verify_test {

inline nlohmann::json clique_credential(int nodes = 10) {
    using nlohmann::json;
    json evidence = json::array();
    for (int i = 0; i < nodes; ++i) {
        json links = json::array();
        for (int j = 0; j < nodes; ++j) links.push_back({{"id", "_:e" + std::to_string(j)}});
        // A full IRI as key: not an undefined term, so safe mode lets it through to RDFC.
        evidence.push_back({{"id", "_:e" + std::to_string(i)}, {"type", {"Evidence"}}, {"https://example.com/p", links}});
    }
    return {{"@context", {"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}},
            {"id", "urn:uuid:00000000-0000-4000-8000-000000000074"},
            {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
            {"issuer", {{"id", "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"}, {"type", {"Profile"}}, {"name", "Poison"}}},
            {"validFrom", "2024-01-01T00:00:00Z"},
            {"name", "Clique"},
            {"credentialSubject", {{"type", {"AchievementSubject"}},
                                   {"achievement", {{"id", "urn:uuid:00000000-0000-4000-8000-000000000075"},
                                                    {"type", {"Achievement"}}, {"name", "Clique"},
                                                    {"description", "poison"}, {"criteria", {{"narrative", "none"}}}}}}},
            {"evidence", evidence},
            {"proof", {{"type", "DataIntegrityProof"},
                       {"cryptosuite", "eddsa-rdfc-2022"},
                       {"created", "2024-01-01T00:00:00Z"},
                       {"verificationMethod", "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi#"
                                              "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"},
                       {"proofPurpose", "assertionMethod"},
                       {"proofValue", "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"}}}};
}

} // namespace verify_test
