#include "platform/http/security_headers.hpp"

namespace mc::http {

const char* const kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

namespace {
void add_unless_set(Response& res, const char* name, const std::string& value) {
    if (res.header_value(name).empty()) res.header(name, value);
}
} // namespace

void add_security_headers(const Request& req, Response& res, const SecurityHeaderOptions& options) {
    add_unless_set(res, "Content-Security-Policy", kContentSecurityPolicy);
    add_unless_set(res, "X-Content-Type-Options", "nosniff");
    add_unless_set(res, "X-Frame-Options", "DENY"); // for browsers that predate frame-ancestors
    add_unless_set(res, "Referrer-Policy", "strict-origin-when-cross-origin");
    if (options.https) add_unless_set(res, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    // A page made for one person must not be kept by a shared cache or the back button of a
    // shared computer (a child care center's front-desk PC).
    if (req.principal.signed_in() || req.path.starts_with("/api/")) add_unless_set(res, "Cache-Control", "no-store");
}

} // namespace mc::http
