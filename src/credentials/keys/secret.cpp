#include "credentials/keys/secret.hpp"

#include <sodium.h>

#include <stdexcept>

namespace mc::credentials {

void ensure_sodium() {
    // A function-local static runs sodium_init() once even under concurrent first calls.
    static const int rc = sodium_init();
    if (rc < 0) throw std::runtime_error("libsodium failed to initialise"); // fatal, not expected
}

void SecretBytes::wipe() {
    if (!bytes_.empty()) sodium_memzero(bytes_.data(), bytes_.size());
    bytes_.clear();
}

} // namespace mc::credentials
