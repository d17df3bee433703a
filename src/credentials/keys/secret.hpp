// SecretBytes: a fixed-size buffer for key material that wipes itself (sodium_memzero)
// when destroyed or overwritten, so secrets do not linger in freed heap memory.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace mc::credentials {

// Calls sodium_init() exactly once; safe from any thread. Every entry point that uses
// libsodium calls this first, so callers never have to remember.
void ensure_sodium();

class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size) : bytes_(size, 0) {}
    explicit SecretBytes(std::span<const std::uint8_t> data) : bytes_(data.begin(), data.end()) {}
    SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}
    SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {}
    SecretBytes& operator=(const SecretBytes& other) {
        if (this != &other) { wipe(); bytes_ = other.bytes_; }
        return *this;
    }
    SecretBytes& operator=(SecretBytes&& other) noexcept {
        if (this != &other) { wipe(); bytes_ = std::move(other.bytes_); }
        return *this;
    }
    ~SecretBytes() { wipe(); }

    std::uint8_t* data() { return bytes_.data(); }
    const std::uint8_t* data() const { return bytes_.data(); }
    std::size_t size() const { return bytes_.size(); }
    bool empty() const { return bytes_.empty(); }
    std::span<const std::uint8_t> view() const { return bytes_; }
    std::span<std::uint8_t> span() { return bytes_; }

private:
    void wipe();
    std::vector<std::uint8_t> bytes_;
};

} // namespace mc::credentials
