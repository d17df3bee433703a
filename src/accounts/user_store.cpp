#include "accounts/user_store.hpp"

#include <ctime>

#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::accounts {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

namespace {

constexpr const char* user_columns =
    "SELECT id, email, password_hash, display_name, roles, locale, employer_org_id, disabled FROM users ";

std::optional<User> fetch_one_user(soci::session& sql, const std::string& where, const std::string& value) {
    User u;
    int roles = 0, disabled = 0;
    soci::indicator employer_ind = soci::i_null;
    sql << std::string(user_columns) + where, soci::use(value), soci::into(u.id), soci::into(u.email),
        soci::into(u.password_hash), soci::into(u.display_name), soci::into(roles), soci::into(u.locale),
        soci::into(u.employer_org_id, employer_ind), soci::into(disabled);
    if (!sql.got_data()) return std::nullopt;
    if (employer_ind != soci::i_ok) u.employer_org_id.clear();
    u.roles = static_cast<std::uint32_t>(roles);
    u.disabled = disabled != 0;
    return u;
}

// NULL for "no employer", so the foreign key is not asked to find an empty id.
soci::indicator employer_indicator(const std::string& id) { return id.empty() ? soci::i_null : soci::i_ok; }

} // namespace

std::optional<User> find_user(soci::session& sql, const std::string& id) {
    return fetch_one_user(sql, "WHERE id = :v", id);
}

std::optional<User> find_user_by_email(soci::session& sql, const std::string& email) {
    return fetch_one_user(sql, "WHERE email = :v", normalize_email(email));
}

Result<std::string> create_user(soci::session& sql, const std::string& email, const std::string& password_hash,
                                const std::string& display_name, const std::string& locale, std::uint32_t roles,
                                const std::string& employer_org_id) {
    std::string id = crypto::new_id();
    std::string mail = normalize_email(email);
    long long now = now_seconds();
    int role_bits = static_cast<int>(roles);
    auto employer_ind = employer_indicator(employer_org_id);
    try {
        sql << "INSERT INTO users (id, email, password_hash, display_name, roles, locale, employer_org_id, disabled, "
               "created_at, updated_at) VALUES (:id, :email, :hash, :name, :roles, :locale, :employer, 0, :now, :now2)",
            soci::use(id), soci::use(mail), soci::use(password_hash), soci::use(display_name), soci::use(role_bits),
            soci::use(locale), soci::use(employer_org_id, employer_ind), soci::use(now), soci::use(now);
    } catch (const std::exception& e) {
        if (db::is_unique_violation(e)) return fail(Errc::conflict, "accounts.errors.email_taken", "duplicate email");
        throw;
    }
    return id;
}

void set_password(soci::session& sql, const std::string& user_id, const std::string& password_hash) {
    long long now = now_seconds();
    sql << "UPDATE users SET password_hash = :h, updated_at = :t WHERE id = :id", soci::use(password_hash),
        soci::use(now), soci::use(user_id);
}

std::vector<Organization> organizations(soci::session& sql, const std::string& kind) {
    std::vector<Organization> out;
    Organization o;
    soci::statement st = (sql.prepare << "SELECT id, name, kind FROM organizations WHERE kind = :k ORDER BY name",
                          soci::use(kind), soci::into(o.id), soci::into(o.name), soci::into(o.kind));
    st.execute();
    while (st.fetch()) out.push_back(o);
    return out;
}

std::optional<Organization> find_organization(soci::session& sql, const std::string& id) {
    Organization o;
    sql << "SELECT id, name, kind FROM organizations WHERE id = :id", soci::use(id), soci::into(o.id),
        soci::into(o.name), soci::into(o.kind);
    if (!sql.got_data()) return std::nullopt;
    return o;
}

std::string ensure_organization(soci::session& sql, const std::string& name, const std::string& kind) {
    std::string id;
    sql << "SELECT id FROM organizations WHERE name = :n AND kind = :k", soci::use(name), soci::use(kind),
        soci::into(id);
    if (sql.got_data()) return id;
    id = crypto::new_id();
    long long now = now_seconds();
    sql << "INSERT INTO organizations (id, name, kind, created_at) VALUES (:id, :n, :k, :t)", soci::use(id),
        soci::use(name), soci::use(kind), soci::use(now);
    return id;
}

Profile load_profile(soci::session& sql, const User& user) {
    Profile p;
    p.display_name = user.display_name;
    p.locale = user.locale;
    p.employer_org_id = user.employer_org_id;
    sql << "SELECT work_setting, employer_program, registry_id, highest_degree, degree_field FROM educator_profiles "
           "WHERE user_id = :id",
        soci::use(user.id), soci::into(p.work_setting), soci::into(p.employer_program), soci::into(p.registry_id),
        soci::into(p.highest_degree), soci::into(p.degree_field);
    return p;
}

void save_profile(soci::session& sql, const std::string& user_id, const Profile& p, bool set_employer) {
    long long now = now_seconds();
    std::string name = trim(p.display_name);
    sql << "UPDATE users SET display_name = :n, locale = :l, updated_at = :t WHERE id = :id", soci::use(name),
        soci::use(p.locale), soci::use(now), soci::use(user_id);
    if (set_employer) {
        auto ind = employer_indicator(p.employer_org_id);
        sql << "UPDATE users SET employer_org_id = :e WHERE id = :id", soci::use(p.employer_org_id, ind),
            soci::use(user_id);
    }
    int present = 0;
    sql << "SELECT COUNT(*) FROM educator_profiles WHERE user_id = :id", soci::use(user_id), soci::into(present);
    std::string program = trim(p.employer_program), registry = trim(p.registry_id), field = trim(p.degree_field);
    if (present)
        sql << "UPDATE educator_profiles SET work_setting = :w, employer_program = :p, registry_id = :r, "
               "highest_degree = :d, degree_field = :f, updated_at = :t WHERE user_id = :id",
            soci::use(p.work_setting), soci::use(program), soci::use(registry), soci::use(p.highest_degree),
            soci::use(field), soci::use(now), soci::use(user_id);
    else
        sql << "INSERT INTO educator_profiles (user_id, work_setting, employer_program, registry_id, highest_degree, "
               "degree_field, updated_at) VALUES (:id, :w, :p, :r, :d, :f, :t)",
            soci::use(user_id), soci::use(p.work_setting), soci::use(program), soci::use(registry),
            soci::use(p.highest_degree), soci::use(field), soci::use(now);
}

std::vector<User> search_users(soci::session& sql, const std::string& query, int limit) {
    // LOWER() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not for ASCII.
    std::string pattern = "%" + normalize_email(query) + "%";
    std::vector<User> out;
    User u;
    int roles = 0, disabled = 0;
    soci::indicator employer_ind = soci::i_null;
    soci::statement st =
        (sql.prepare << std::string(user_columns) +
                            "WHERE LOWER(email) LIKE :p OR LOWER(display_name) LIKE :p2 ORDER BY display_name, email "
                            "LIMIT :lim",
         soci::use(pattern), soci::use(pattern), soci::use(limit), soci::into(u.id), soci::into(u.email),
         soci::into(u.password_hash), soci::into(u.display_name), soci::into(roles), soci::into(u.locale),
         soci::into(u.employer_org_id, employer_ind), soci::into(disabled));
    st.execute();
    while (st.fetch()) {
        User row = u;
        row.roles = static_cast<std::uint32_t>(roles);
        row.disabled = disabled != 0;
        if (employer_ind != soci::i_ok) row.employer_org_id.clear();
        row.password_hash.clear(); // lists never carry hashes further than this function
        out.push_back(std::move(row));
    }
    return out;
}

void update_user_access(soci::session& sql, const User& before, std::uint32_t roles, const std::string& employer_org_id,
                        bool disabled, const std::string& granted_by) {
    long long now = now_seconds();
    int role_bits = static_cast<int>(roles), off = disabled ? 1 : 0;
    auto ind = employer_indicator(employer_org_id);
    sql << "UPDATE users SET roles = :r, employer_org_id = :e, disabled = :d, updated_at = :t WHERE id = :id",
        soci::use(role_bits), soci::use(employer_org_id, ind), soci::use(off), soci::use(now), soci::use(before.id);
    if (roles != before.roles) {
        std::string id = crypto::new_id();
        int old_bits = static_cast<int>(before.roles);
        sql << "INSERT INTO role_grants (id, user_id, roles_before, roles_after, granted_by, granted_at) "
               "VALUES (:id, :u, :b, :a, :g, :t)",
            soci::use(id), soci::use(before.id), soci::use(old_bits), soci::use(role_bits), soci::use(granted_by),
            soci::use(now);
    }
}

bool has_work_setting(soci::session& sql, const std::string& user_id) {
    int n = 0;
    sql << "SELECT COUNT(*) FROM educator_profiles WHERE user_id = :u AND work_setting <> ''", soci::use(user_id),
        soci::into(n);
    return n > 0;
}

std::vector<std::pair<std::string, std::string>> active_users_with_role(soci::session& sql, std::uint32_t role) {
    std::vector<std::pair<std::string, std::string>> out;
    std::string id, locale;
    int bit = static_cast<int>(role);
    soci::statement st = (sql.prepare << "SELECT id, locale FROM users WHERE disabled = 0 AND (roles & :r) <> 0 ORDER BY id",
                          soci::use(bit), soci::into(id), soci::into(locale));
    st.execute();
    while (st.fetch()) out.emplace_back(id, locale);
    return out;
}

EmailLookup::EmailLookup(soci::session& sql)
    : st_((sql.prepare << "SELECT id FROM users WHERE email = :e", soci::use(email_, "e"), soci::into(id_))) {}

std::optional<std::string> EmailLookup::id_of(const std::string& email) {
    email_ = email;
    id_.clear();
    if (st_.execute(true) && !id_.empty()) return id_;
    return std::nullopt;
}

ProvisionalAccounts::ProvisionalAccounts(soci::session& sql)
    : st_((sql.prepare << "INSERT INTO users (id, email, password_hash, display_name, roles, locale, created_at, "
                          "updated_at) VALUES (:id, :email, '!', :name, 1, :locale, :now, :now2)",
           soci::use(id_, "id"), soci::use(email_, "email"), soci::use(name_, "name"), soci::use(locale_, "locale"),
           soci::use(now_, "now"), soci::use(now_, "now2"))) {}

void ProvisionalAccounts::add(const std::string& id, const std::string& email, const std::string& display_name,
                              const std::string& locale, long long now) {
    id_ = id;
    email_ = email;
    name_ = display_name;
    locale_ = locale;
    now_ = now;
    st_.execute(true);
}

} // namespace mc::accounts
