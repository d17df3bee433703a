// Checked access to a Result, for tests (and for code where an error can only be a bug):
// `*result` on an error is undefined behaviour, so a test that dereferences one may pass, crash
// or read garbage. unwrap gives the value, or throws std::logic_error naming the error and the
// caller's line, which GoogleTest reports as the test's failure. See docs/errors.md.
#pragma once

#include <source_location>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "platform/error.hpp"

namespace mc {

template <class T>
T unwrap(Result<T>&& r, std::source_location where = std::source_location::current()) {
    if (!r)
        throw std::logic_error(std::string(where.file_name()) + ":" + std::to_string(where.line()) +
                               ": unwrap of an error: " + r.error().key + " (" + r.error().detail + ")");
    if constexpr (!std::is_void_v<T>) return std::move(*r);
}

} // namespace mc
