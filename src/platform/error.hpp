// The one error policy of microcred (see docs/errors.md).
//
// Expected failures (bad input, unknown ids, permission, conflicts, limits) are values:
// functions return Result<T>, callers propagate with TRY. Exceptions are reserved for
// programming errors and for failures nothing can handle locally (database gone, disk
// full); the HTTP server catches those at the edge, logs the detail and answers 500.
//
// An Error carries two texts on purpose: `key` is a locale-catalog key shown to the user
// (never raw internals), `detail` goes to the log only.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace mc {

enum class Errc {
    bad_input,        // 400: the request is malformed (a form answers it 422, see form_status)
    unauthenticated,  // 401: sign-in needed
    forbidden,        // 403: signed in, but not allowed
    not_found,        // 404: unknown id, or an id the caller may not know exists
    conflict,         // 409: state does not allow this (already submitted, duplicate email)
    too_large,        // 413: upload or body over its limit
    unsupported_type, // 415: upload type not accepted
    rate_limited,     // 429: too many attempts
    unavailable,      // 503: a dependency (SMTP, database) is down
    internal,         // 500: a bug or an unexpected state
    invalid,          // 422: fields of a form or document fail validation (each named)
};

struct Error {
    Errc code = Errc::internal;
    std::string key;    // locale key for the user, e.g. "errors.not_found"
    std::string detail; // for the log; may be empty; never shown to users
};

// A std::expected that must not be dropped: ignoring a Result is ignoring a possible failure, so
// the compiler warns. Handle it, pass it on with TRY, or discard it with `(void)` and a comment
// saying why nothing is lost.
template <class T = void>
class [[nodiscard]] Result : public std::expected<T, Error> {
public:
    using base = std::expected<T, Error>;
    using base::base;
    Result() = default;
    Result(const base& b) : base(b) {}
    Result(base&& b) : base(std::move(b)) {}
};

inline std::unexpected<Error> fail(Errc code, std::string key, std::string detail = {}) {
    return std::unexpected(Error{code, std::move(key), std::move(detail)});
}

int http_status(Errc code);
// The status of a form or JSON document answered with this error: 422 when its input failed
// validation (invalid, or bad_input from a store), the kind's own status otherwise.
int form_status(Errc code);

namespace detail {
template <class T>
T take_value(std::expected<T, Error>&& r) { return std::move(*r); }
inline void take_value(std::expected<void, Error>&&) {}
} // namespace detail

} // namespace mc

// TRY(expr): evaluate a Result; on failure return its error from the enclosing function,
// otherwise yield the value (or nothing for Result<void>). GCC statement expression.
#define TRY(expr)                                                        \
    ({                                                                   \
        auto _mc_try_result = (expr);                                    \
        if (!_mc_try_result)                                             \
            return std::unexpected(std::move(_mc_try_result).error());   \
        ::mc::detail::take_value(std::move(_mc_try_result));             \
    })
