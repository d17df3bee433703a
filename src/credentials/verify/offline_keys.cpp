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

bool is_did_key(std::string_view method) { return method.starts_with("did:key:"); }

std::string did_key_multibase(std::string_view method) {
    if (!is_did_key(method)) return {};
    auto id = method.substr(8);
    return std::string(id.substr(0, id.find('#')));
}

Result<PublicKey> did_key(std::string_view method) {
    if (!is_did_key(method))
        return fail(Errc::bad_input, "credentials.problems.unknown_key", std::string(method) + " is not a did:key");
    auto id = method.substr(8);
    auto hash = id.find('#');
    auto key_part = id.substr(0, hash);
    if (hash != std::string_view::npos && id.substr(hash + 1) != key_part)
        return fail(Errc::bad_input, "credentials.problems.key_not_issuers",
                    "the fragment of a did:key method must be the DID's own key");
    auto key = ed25519_public_key_from_multibase(key_part);
    if (!key)
        return fail(Errc::bad_input, "credentials.problems.unknown_key",
                    "the key " + std::string(method) + " is not an Ed25519 did:key");
    return key;
}

Result<PublicKey> key_from_method(std::string_view method, std::string_view issuer) {
    // The issuer is the did:key itself, named without a fragment.
    if (is_did_key(method) && method.find('#') == std::string_view::npos && !issuer.empty() && method == issuer)
        return did_key(method);
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
