// Helpers shared by the proof tests: reading vector files and the vector keys.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "credentials/keys/issuer_key.hpp"
#include "credentials/keys/multikey.hpp"
#include "credentials/proof/data_integrity.hpp"

namespace proof_test {

using namespace mc::credentials;
using nlohmann::json;

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
inline std::string shared(const std::string& rel) { return read_text(std::string(MC_SHARED_DIR) + "/" + rel); }
inline std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}
inline json shared_json(const std::string& rel) { return json::parse(shared(rel)); }
inline json data_json(const std::string& rel) {
    return json::parse(read_text(std::string(MC_TEST_DATA_DIR) + "/" + rel));
}

// vc-di-eddsa TestVectors/keyPair.json
inline IssuerKey vc_di_key() {
    auto keypair = shared_json("conformance/vc-di-eddsa/TestVectors/keyPair.json");
    auto seed = decode_ed25519_secret_multikey(keypair["privateKeyMultibase"].get<std::string>());
    return *ed25519_key_from_seed(*seed, "vc-di", SysSeconds{});
}

// 1EdTech OB 3.0 / CLR 2.0 vector key (hex seed from the HTML vectors).
inline IssuerKey ob3_key() {
    auto seed = hex_decode("6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4");
    return *ed25519_key_from_seed(SecretBytes(*seed), "ob3", SysSeconds{});
}

// Resolves "<anything>#z6Mk..." to the Ed25519 key in the fragment (did:key style).
inline PublicKeyResolver fragment_resolver() {
    return [](std::string_view vm) { return ed25519_public_key_from_multibase(vm); };
}

} // namespace proof_test
