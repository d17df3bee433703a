#include "credentials/baking/svg_bake.hpp"

#include "credentials/baking/png_bake.hpp"
#include "credentials/baking/svg_scan.hpp"

namespace mc::credentials {
namespace {

auto bad(std::string detail) { return fail(Errc::bad_input, "credentials.errors.bad_image", std::move(detail)); }

bool is_compact_jws(std::string_view s) {
    int dots = 0;
    for (char c : s) {
        if (c == '.') ++dots;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    }
    return dots == 2;
}

// CDATA cannot contain "]]>"; split it across two sections so any JSON text survives.
std::string cdata(std::string_view text) {
    std::string out = "<![CDATA[";
    std::size_t from = 0;
    for (auto at = text.find("]]>"); at != std::string_view::npos; at = text.find("]]>", from)) {
        out.append(text.substr(from, at + 2 - from));
        out.append("]]><![CDATA[");
        from = at + 2;
    }
    out.append(text.substr(from));
    out.append("]]>");
    return out;
}

} // namespace

Result<std::string> bake_svg(std::string_view svg, std::string_view credential) {
    // Readers trim the element content, so bake the trimmed text.
    auto first_char = credential.find_first_not_of(" \t\r\n");
    credential = first_char == std::string_view::npos
                     ? std::string_view{}
                     : credential.substr(first_char, credential.find_last_not_of(" \t\r\n") - first_char + 1);
    TRY(check_credential_text(credential));
    auto scan = TRY(detail::scan_svg(svg));
    if (scan.root_self_closing) return bad("empty svg root");

    std::string prefix = scan.root_ob_prefix;
    std::string declaration;
    if (prefix.empty()) {
        if (scan.root_binds_openbadges_elsewhere) return bad("xmlns:openbadges is bound to another namespace");
        prefix = "openbadges";
        declaration = " xmlns:openbadges=\"" + std::string(detail::kObNamespace) + "\"";
    }
    const std::string tag = prefix + ":credential";
    std::string element;
    if (credential.front() == '{') element = "<" + tag + ">" + cdata(credential) + "</" + tag + ">";
    else if (is_compact_jws(credential)) element = "<" + tag + " verify=\"" + std::string(credential) + "\"/>";
    else return bad("credential is neither JSON nor a compact JWT");

    std::string out;
    out.reserve(svg.size() + element.size() + declaration.size() + 2);
    out.append(svg.substr(0, scan.root_gt));
    out.append(declaration);
    out.append(svg.substr(scan.root_gt, 1)); // '>'
    out.append("\n");
    out.append(element);
    std::size_t cursor = scan.root_gt + 1;
    for (const auto& old : scan.credentials) { // re-baking replaces earlier credentials
        out.append(svg.substr(cursor, old.begin - cursor));
        cursor = old.end;
    }
    out.append(svg.substr(cursor));
    // Post-condition: the result reads back as exactly this credential.
    auto check = detail::scan_svg(out);
    if (!check || check->credentials.size() != 1 || check->credentials.front().value != credential)
        return bad("svg cannot carry the credential unambiguously");
    return out;
}

Result<std::optional<std::string>> read_svg_credential(std::string_view svg) {
    auto scan = TRY(detail::scan_svg(svg));
    if (scan.credentials.empty()) return std::optional<std::string>{};
    if (scan.credentials.size() > 1) return bad("more than one baked credential");
    return std::optional<std::string>{std::move(scan.credentials.front().value)};
}

} // namespace mc::credentials
