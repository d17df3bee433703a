// How sign-in slows password guessing without locking the real person out (OWASP ASVS 2.2).
//
// Two kinds of attempt:
//  - from a device the person signed in on before (the mc_device cookie, a random token the
//    server recorded with their account): these skip the account's and the address's budgets,
//    so a guesser elsewhere cannot keep the owner out of their own phone, and a child care
//    center's shared address does not block its staff. A device has its own budget, so a
//    stolen cookie is no skeleton key: after `device_free_failures` it counts as unknown.
//  - from any other device: failures are counted per account (the email typed, with or without
//    an account, so the answer tells nothing) and per client address. Past a free allowance each
//    further attempt must wait a delay that doubles with every failure, up to a cap. The wait is
//    refused before the password is checked (429 with Retry-After): guessing gets slow, nobody
//    is locked out for good, and "forgot my password" always works.
//
// Numbers: an account allows 5 failures, then 30 s, 60 s, ... up to 15 min between attempts
// (counted over a day: about a hundred guesses a day at most); an address allows 30 failures an
// hour, then 2 s doubling to a minute (a sprayer gets about one guess a minute).
#pragma once

namespace mc::accounts {

struct GuessBudget {
    int free_failures;      // failures allowed before any wait
    long long first_delay;  // seconds of wait after the first failure past the allowance
    long long max_delay;    // the wait never grows beyond this
    long long window;       // failures older than this no longer count
};

inline constexpr GuessBudget account_budget{5, 30, 15 * 60, 24 * 3600};
inline constexpr GuessBudget address_budget{30, 2, 60, 3600};
inline constexpr int device_free_failures = 10; // per device and account, over account_budget.window
inline constexpr long long device_cookie_seconds = 400LL * 24 * 3600; // browsers cap cookies at 400 days

// Seconds the next attempt must still wait after `failures` failures counted in the window,
// the last at `last_failure_at`; 0 when it may go ahead now.
long long guess_wait(const GuessBudget& budget, int failures, long long last_failure_at, long long now);

} // namespace mc::accounts
