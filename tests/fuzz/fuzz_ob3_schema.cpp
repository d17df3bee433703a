// JSON text -> OB 3.0 JSON Schema validation (the embedded 1EdTech schema).
#include "credentials/jwt/jws.hpp"
#include "credentials/verify/ob3_schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    // Bounded parse: the validator, not nlohmann's recursive parser, is under test.
    auto doc = mc::credentials::parse_json_bounded(std::string_view(reinterpret_cast<const char*>(data), size));
    if (doc) (void)mc::credentials::validate_ob3_schema(*doc);
    return 0;
}
