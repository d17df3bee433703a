// JSON text -> JSON-LD expansion -> toRdf -> RDFC-1.0, over the pinned contexts only.
#include <nlohmann/json.hpp>

#include "credentials/rdfc/canonicalize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    auto doc = nlohmann::json::parse(data, data + size, nullptr, false);
    if (!doc.is_discarded()) (void)mc::credentials::canonicalize_jsonld(doc);
    return 0;
}
