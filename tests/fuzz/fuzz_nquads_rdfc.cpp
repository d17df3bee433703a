// N-Quads text -> parser -> RDFC-1.0 (small work cap so poison inputs stay fast).
#include <string_view>

#include "credentials/rdfc/nquads.hpp"
#include "credentials/rdfc/rdfc10.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    auto quads = mc::credentials::rdf::parse_nquads(std::string_view(reinterpret_cast<const char*>(data), size));
    if (quads) (void)mc::credentials::rdfc::canonicalize(*quads, {.max_work = 500});
    return 0;
}
