// W3C Bitstring Status List v1.0: a large bitstring (at least 131,072 entries, so one
// credential's index does not stand out) published inside a BitstringStatusListCredential
// as encodedList = multibase base64url ('u', no padding) of the GZIP-compressed bits.
// Bit 0 is the most significant (left-most) bit of the first byte.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "credentials/keys/encoding.hpp"
#include "credentials/keys/issuer_key.hpp"
#include "platform/error.hpp"

namespace mc::credentials {

inline constexpr std::size_t kMinStatusListBits = 131072;      // spec minimum (16 KiB)
inline constexpr std::size_t kMaxStatusListBits = 1u << 24;    // 2 MiB decoded: our decode bound
inline constexpr std::size_t kMaxEncodedListChars = 4u << 20;  // refuse absurd encodedList text

class BitstringStatusList {
public:
    // `bits` is rounded up to whole bytes and raised to the spec minimum.
    explicit BitstringStatusList(std::size_t bits = kMinStatusListBits);

    std::size_t size() const { return bytes_.size() * 8; }
    Result<bool> get(std::size_t index) const;
    Result<void> set(std::size_t index, bool value);

    // "u" + base64url(gzip(bits)).
    Result<std::string> encode() const;
    // Decompresses at most max_bits/8 bytes (a small gzip can claim gigabytes: the
    // bound stops it early); lists shorter than the spec minimum are refused too.
    static Result<BitstringStatusList> decode(std::string_view encoded_list,
                                              std::size_t max_bits = kMaxStatusListBits);

    const Bytes& bytes() const { return bytes_; }

private:
    Bytes bytes_;
};

// Chooses status list indexes at random among those not yet handed out, so index order
// reveals nothing about issue order. `used` is what the store already assigned.
class StatusIndexAllocator {
public:
    explicit StatusIndexAllocator(std::size_t list_bits = kMinStatusListBits,
                                  std::span<const std::size_t> used = {});
    Result<std::size_t> allocate(); // conflict when the list is full
    Result<void> mark_used(std::size_t index);
    std::size_t remaining() const { return free_; }

private:
    Bytes used_;
    std::size_t bits_;
    std::size_t free_;
};

// The credentialStatus object for one credential.
nlohmann::json status_list_entry(std::string_view status_list_credential, std::size_t index,
                                 std::string_view purpose = "revocation");

struct StatusListCredentialOptions {
    std::string id;        // URL where the status list credential is published
    std::string issuer_id;
    std::string purpose = "revocation";
    SysSeconds valid_from{};
    std::optional<SysSeconds> valid_until; // short-lived lists tell verifiers to refetch
};

// The unsigned BitstringStatusListCredential (sign it with proof/ or jwt/).
Result<nlohmann::json> build_status_list_credential(const BitstringStatusList& list,
                                                    const StatusListCredentialOptions& options);

// Reads the bit for `entry` (a BitstringStatusListEntry) from an already verified status
// list credential. Purpose and credential URL must match. true = status set (revoked).
Result<bool> read_status(const nlohmann::json& status_list_credential, const nlohmann::json& entry);

} // namespace mc::credentials
