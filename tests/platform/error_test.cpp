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
    EXPECT_EQ(http_status(Errc::invalid), 422);
}

// A form answers a validation failure 422 whether the kind says invalid or a store said
// bad_input; every other kind keeps its own status.
TEST(ErrorPolicy, AFormAnswersValidationFailures422AndOtherKindsTheirOwn) {
    EXPECT_EQ(form_status(Errc::invalid), 422);
    EXPECT_EQ(form_status(Errc::bad_input), 422);
    EXPECT_EQ(form_status(Errc::not_found), 404);
    EXPECT_EQ(form_status(Errc::conflict), 409);
    EXPECT_EQ(form_status(Errc::forbidden), 403);
    EXPECT_EQ(form_status(Errc::internal), 500);
}

// Dropping a Result compiles with a warning now (nodiscard); discarding on purpose says so.
TEST(ErrorPolicy, AResultIsUsedOrDiscardedOnPurpose) {
    auto failing = [] { return Result<int>(fail(Errc::conflict, "errors.conflict")); };
    Result<int> kept = failing();
    EXPECT_FALSE(kept.has_value());
    EXPECT_EQ(kept.error().code, Errc::conflict);
    Result<std::string> from_value = std::string("x");
    EXPECT_EQ(*from_value, "x");
    std::expected<int, Error> plain = 7;
    Result<int> from_expected = plain;
    EXPECT_EQ(*from_expected, 7);
    (void)failing(); // discarded on purpose: the test checks only that this compiles quietly
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
