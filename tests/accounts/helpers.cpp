#include "tests/accounts/helpers.hpp"

#include <stdexcept>

#include "accounts/user_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::testing {

long long count_rows(TestApp& t, const std::string& sql) {
    auto s = t.app().db->lease();
    long long n = 0;
    *s << sql, soci::into(n);
    return n;
}

std::string first_text(TestApp& t, const std::string& sql) {
    auto s = t.app().db->lease();
    std::string v;
    *s << sql, soci::into(v);
    return v;
}

void exec(TestApp& t, const std::string& sql) {
    auto s = t.app().db->lease();
    *s << sql;
}

std::string make_user(TestApp& t, const std::string& email, std::uint32_t roles, const std::string& locale,
                      const std::string& password) {
    // One hash per password for the whole test binary: Argon2id is slow on purpose.
    static std::map<std::string, std::string> hashes;
    auto& hash = hashes[password];
    if (hash.empty()) hash = crypto::password_hash(password).value();
    auto s = t.app().db->lease();
    auto id = accounts::create_user(*s, email, hash, "Test " + email.substr(0, email.find('@')), locale, roles);
    if (!id) throw std::runtime_error("make_user: " + id.error().detail);
    return *id;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace mc::testing
