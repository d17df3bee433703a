#include "platform/error.hpp"

namespace mc {

int http_status(Errc code) {
    switch (code) {
    case Errc::bad_input: return 400;
    case Errc::unauthenticated: return 401;
    case Errc::forbidden: return 403;
    case Errc::not_found: return 404;
    case Errc::conflict: return 409;
    case Errc::too_large: return 413;
    case Errc::unsupported_type: return 415;
    case Errc::rate_limited: return 429;
    case Errc::unavailable: return 503;
    case Errc::internal: return 500;
    case Errc::invalid: return 422;
    }
    return 500;
}

int form_status(Errc code) {
    return code == Errc::bad_input ? http_status(Errc::invalid) : http_status(code);
}

} // namespace mc
