#include "credentials/verify/offline_keys.hpp"

namespace mc::credentials::offline {

std::string issuer_id(const nlohmann::json& credential) {
    if (!credential.is_object()) return {};
    auto it = credential.find("issuer");
    if (it == credential.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_object() && it->contains("id") && (*it)["id"].is_string()) return (*it)["id"].get<std::string>();
    return {};
}

Result<PublicKey> key_from_method(std::string_view method, std::string_view issuer) {
    auto hash = method.find('#');
    if (hash == std::string_view::npos)
        return fail(Errc::bad_input, "credentials.problems.unknown_key",
                    "the key " + std::string(method) + " cannot be resolved offline");
    auto controller = method.substr(0, hash);
    auto fragment = method.substr(hash + 1);
    // Without this, anyone could sign a credential naming any issuer with their own key.
    if (issuer.empty() || controller != issuer)
        return fail(Errc::bad_input, "credentials.problems.key_not_issuers",
                    "the signing key belongs to " + std::string(controller) + ", not to the issuer " +
                        std::string(issuer.empty() ? "(none named)" : issuer));
    if (controller.starts_with("did:key:") && controller.substr(8) != fragment)
        return fail(Errc::bad_input, "credentials.problems.key_not_issuers",
                    "the fragment of a did:key method must be the DID's own key");
    auto key = ed25519_public_key_from_multibase(fragment);
    if (!key)
        return fail(Errc::bad_input, "credentials.problems.unknown_key",
                    "the key " + std::string(method) + " is not an Ed25519 multikey that can be read offline");
    return key;
}

} // namespace mc::credentials::offline
