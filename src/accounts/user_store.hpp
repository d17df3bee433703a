// SQL for users, organizations and educator profiles. Every function takes the caller's
// soci::session so several steps can share one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "accounts/validation.hpp"
#include "platform/error.hpp"

namespace mc::accounts {

long long now_seconds();

struct User {
    std::string id, email, password_hash, display_name, locale, employer_org_id;
    std::uint32_t roles = 0;
    bool disabled = false;
};

struct Organization {
    std::string id, name, kind; // kind: 'agency' | 'employer'
};

std::optional<User> find_user(soci::session& sql, const std::string& id);
std::optional<User> find_user_by_email(soci::session& sql, const std::string& email);
// (id, locale) of every user not disabled who holds `role` (a bit of accounts/roles.hpp), by id.
std::vector<std::pair<std::string, std::string>> active_users_with_role(soci::session& sql, std::uint32_t role);
// Conflict when the email is taken (checked by the unique index, so two racing sign-ups
// cannot both win).
Result<std::string> create_user(soci::session& sql, const std::string& email, const std::string& password_hash,
                                const std::string& display_name, const std::string& locale, std::uint32_t roles,
                                const std::string& employer_org_id = {});
void set_password(soci::session& sql, const std::string& user_id, const std::string& password_hash);

// For bulk issue (credentials): thousands of lookups and sign-up-less accounts in one run, each
// through one statement prepared once. A batch lives inside one session's use and must not
// outlive it.
class EmailLookup {
public:
    explicit EmailLookup(soci::session& sql);
    // The id of the account with this email, if there is one.
    std::optional<std::string> id_of(const std::string& email);

private:
    std::string email_, id_;
    soci::statement st_;
};
// Accounts made for recipients who have none: the educator role, no password until she sets
// one through a reset link ('!' matches no hash), in the caller's transaction.
class ProvisionalAccounts {
public:
    explicit ProvisionalAccounts(soci::session& sql);
    void add(const std::string& id, const std::string& email, const std::string& display_name,
             const std::string& locale, long long now);

private:
    std::string id_, email_, name_, locale_;
    long long now_ = 0;
    soci::statement st_;
};

std::vector<Organization> organizations(soci::session& sql, const std::string& kind);
std::optional<Organization> find_organization(soci::session& sql, const std::string& id);
std::string ensure_organization(soci::session& sql, const std::string& name, const std::string& kind);

// The profile form's values (users columns plus educator_profiles).
Profile load_profile(soci::session& sql, const User& user);
void save_profile(soci::session& sql, const std::string& user_id, const Profile& p, bool set_employer);
// Whether the user's educator profile names a work setting (the profile is started).
bool has_work_setting(soci::session& sql, const std::string& user_id);

std::vector<User> search_users(soci::session& sql, const std::string& query, int limit);
// Changes roles, employer and disabled; writes a role_grants row when the roles changed.
void update_user_access(soci::session& sql, const User& before, std::uint32_t roles, const std::string& employer_org_id,
                        bool disabled, const std::string& granted_by);

} // namespace mc::accounts
