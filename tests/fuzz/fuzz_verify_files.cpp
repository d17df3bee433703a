// File bytes -> what verify_files does with each file: PNG/SVG/JSON/JWT detection, parsing,
// Data Integrity or VC-JWT verification, dates, schema. The first byte picks whether an
// embedded JWT jwk is trusted, so both key paths are reached.
#include "credentials/verify/offline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    if (size == 0) return 0;
    mc::credentials::OfflineOptions options;
    options.trust_embedded_jwk = data[0] & 1;
    options.now = mc::credentials::SysSeconds{std::chrono::seconds{1700000000}}; // reproducible
    auto text = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
    (void)mc::credentials::verify_offline(text, options);
    return 0;
}
