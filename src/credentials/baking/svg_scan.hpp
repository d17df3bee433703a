// A small, bounded, non-validating XML scanner for SVG badges. It understands exactly what
// baking needs: the root <svg> start tag, namespace declarations (scoped), and elements
// named {https://purl.imsglobal.org/ob/v3p0}credential with their verify attribute or
// text/CDATA content. It never expands entities beyond the five predefined ones and
// character references, and refuses DOCTYPE internal subsets (where entities are declared).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace mc::credentials::detail {

inline constexpr std::string_view kObNamespace = "https://purl.imsglobal.org/ob/v3p0";
inline constexpr std::size_t kMaxSvgDepth = 256;

struct SvgCredentialElement {
    std::size_t begin = 0; // offset of '<'
    std::size_t end = 0;   // one past the closing '>'
    std::string value;     // verify attribute, or trimmed text content
};

struct SvgScan {
    std::size_t root_gt = 0;   // offset of the '>' that ends the root start tag
    bool root_self_closing = false;
    std::string root_ob_prefix;           // prefix the root binds to the OB namespace ("" if none)
    bool root_binds_openbadges_elsewhere = false; // xmlns:openbadges names another namespace
    std::vector<SvgCredentialElement> credentials;
};

Result<SvgScan> scan_svg(std::string_view svg);

} // namespace mc::credentials::detail
