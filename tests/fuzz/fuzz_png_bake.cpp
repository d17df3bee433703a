// Untrusted PNG bytes -> baked credential reader, and re-baking what parsed.
#include "credentials/baking/png_bake.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    using namespace mc::credentials;
    ByteView png(data, size);
    auto found = read_png_credential(png);
    if (found) {
        auto baked = bake_png(png, "a.b.c");
        if (!baked || *read_png_credential(*baked) != std::optional<std::string>("a.b.c")) __builtin_trap();
    }
    return 0;
}
