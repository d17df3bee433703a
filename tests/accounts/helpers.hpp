// Small helpers shared by the accounts tests.
#pragma once

#include <cstdint>
#include <string>

#include "tests/support/test_app.hpp"

namespace mc::testing {

inline const std::string good_password = "a long enough passphrase";

long long count_rows(TestApp& t, const std::string& sql);
std::string first_text(TestApp& t, const std::string& sql);
void exec(TestApp& t, const std::string& sql);
// An account made directly in the store (fast path for tests that are not about sign-up).
std::string make_user(TestApp& t, const std::string& email, std::uint32_t roles, const std::string& locale = "en",
                      const std::string& password = good_password);
bool contains(const std::string& haystack, const std::string& needle);

} // namespace mc::testing
