// Untrusted SVG text -> baked credential reader, and re-baking what parsed.
#include <string_view>

#include "credentials/baking/svg_bake.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    using namespace mc::credentials;
    std::string_view svg(reinterpret_cast<const char*>(data), size);
    auto found = read_svg_credential(svg);
    if (found) {
        auto baked = bake_svg(svg, R"({"a":"]]>"})");
        if (baked && *read_svg_credential(*baked) != std::optional<std::string>(R"({"a":"]]>"})")) __builtin_trap();
    }
    return 0;
}
