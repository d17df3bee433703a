// The error policy (docs/errors.md): the status of each kind, TRY, and the checked unwrap tests
// use instead of `*result`.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "platform/error.hpp"
#include "platform/unwrap.hpp"

namespace mc {
namespace {

Result<int> parsed(bool ok) {
    if (!ok) return fail(Errc::bad_input, "errors.bad_input", "no number");
    return 42;
}
Result<void> done(bool ok) {
    if (!ok) return fail(Errc::conflict, "errors.conflict");
    return {};
}
Result<int> doubled(bool ok) {
    int v = TRY(parsed(ok));
    return v * 2;
}

TEST(ErrorPolicy, EachKindHasItsStatus) {
    EXPECT_EQ(http_status(Errc::bad_input), 400);
    EXPECT_EQ(http_status(Errc::unauthenticated), 401);
    EXPECT_EQ(http_status(Errc::forbidden), 403);
    EXPECT_EQ(http_status(Errc::not_found), 404);
    EXPECT_EQ(http_status(Errc::conflict), 409);
    EXPECT_EQ(http_status(Errc::too_large), 413);
    EXPECT_EQ(http_status(Errc::unsupported_type), 415);
    EXPECT_EQ(http_status(Errc::rate_limited), 429);
    EXPECT_EQ(http_status(Errc::unavailable), 503);
    EXPECT_EQ(http_status(Errc::internal), 500);
}

TEST(ErrorPolicy, TryPassesTheErrorOn) {
    EXPECT_EQ(unwrap(doubled(true)), 84);
    auto failed = doubled(false);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, Errc::bad_input);
    EXPECT_EQ(failed.error().detail, "no number");
}

TEST(ErrorPolicy, UnwrapGivesTheValueOrThrowsNamingTheErrorAndTheLine) {
    EXPECT_EQ(unwrap(parsed(true)), 42);
    EXPECT_NO_THROW(unwrap(done(true)));
    try {
        (void)unwrap(parsed(false));
        FAIL() << "unwrap of an error returned";
    } catch (const std::logic_error& e) {
        std::string what = e.what();
        EXPECT_NE(what.find("error_test.cpp:"), std::string::npos) << what;
        EXPECT_NE(what.find("errors.bad_input"), std::string::npos) << what;
        EXPECT_NE(what.find("no number"), std::string::npos) << what;
    }
    EXPECT_THROW(unwrap(done(false)), std::logic_error);
}

} // namespace
} // namespace mc
