// What kind of credential a document is, and the schema it is held to: an achievement
// (OpenBadgeCredential / AchievementCredential) to the OB 3.0 schema, a ClrCredential to the
// CLR 2.0 shape, an EndorsementCredential to the OB 3.0 schema's own EndorsementCredential.
// Credentials on the VC 1.1 data model (the 2018 context, issuanceDate/expirationDate), which
// early OB 3.0 issuers used and many wallets still hold, are read through their VC 2.0 names.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "platform/error.hpp"

namespace mc::credentials {

enum class CredentialKind { achievement, clr, endorsement };

CredentialKind credential_kind(const nlohmann::json& credential);
std::string_view kind_label(CredentialKind kind); // "Open Badges 3.0 achievement", ...

inline constexpr std::string_view kVc11Context = "https://www.w3.org/2018/credentials/v1";
inline constexpr std::string_view kVc2Context = "https://www.w3.org/ns/credentials/v2";

// The first @context is the VC 1.1 one.
bool on_vc_1_1(const nlohmann::json& credential);

// A copy with the VC 2.0 names: the first context v2, issuanceDate -> validFrom and
// expirationDate -> validUntil (unless those are present). Only for reading and schema checks:
// the signature always covers the document exactly as it came.
nlohmann::json vc2_view(const nlohmann::json& credential);

// The schema for the credential's kind, on its VC 2.0 view. Fails with key
// credentials.problems.schema and "<JSON Pointer>: <what is wrong>" as the detail.
Result<void> validate_credential_schema(const nlohmann::json& credential);

} // namespace mc::credentials
