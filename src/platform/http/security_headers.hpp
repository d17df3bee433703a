// The headers every answer carries so that a browser limits what a page can do even if some
// text slips through escaping: scripts only from our own origin (no inline script, no eval),
// no framing (clickjacking), no MIME sniffing, no full URLs in Referer, and nothing private in
// shared caches. See docs/security.md.
#pragma once

#include "platform/http/http.hpp"

namespace mc::http {

struct SecurityHeaderOptions {
    bool https = false; // the public base URL is https: ask browsers to stay on https (HSTS)
};

// The Content-Security-Policy of our pages. Inline style attributes stay allowed (templates use
// a few for layout); inline script never is.
extern const char* const kContentSecurityPolicy;

// Adds what the response does not set itself: a handler's own stricter policy (a document
// shown in a sandbox) or cache rule (public static files, a cacheable badge image) wins.
// Signed-in answers and APIs default to Cache-Control: no-store.
void add_security_headers(const Request& req, Response& res, const SecurityHeaderOptions& options);

} // namespace mc::http
