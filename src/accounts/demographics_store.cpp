#include "accounts/demographics_store.hpp"

#include <algorithm>

#include "accounts/user_store.hpp"

namespace mc::accounts {

namespace {
template <std::size_t N>
bool allowed(const std::string& v, const std::string_view (&list)[N]) {
    return v.empty() || std::ranges::find(list, v) != std::end(list);
}
} // namespace

FieldErrors validate_demographics(const Demographics& d) {
    FieldErrors errors;
    if (!allowed(d.age_band, age_bands)) errors["age_band"] = "accounts.errors.choice_invalid";
    if (!allowed(d.gender, genders)) errors["gender"] = "accounts.errors.choice_invalid";
    if (!allowed(d.race_ethnicity, race_ethnicities)) errors["race_ethnicity"] = "accounts.errors.choice_invalid";
    return errors;
}

Demographics load_demographics(soci::session& sql, const std::string& user_id) {
    Demographics d;
    sql << "SELECT age_band, gender, race_ethnicity FROM educator_demographics WHERE user_id = :u",
        soci::use(user_id, "u"), soci::into(d.age_band), soci::into(d.gender), soci::into(d.race_ethnicity);
    return d;
}

void save_demographics(soci::session& sql, const std::string& user_id, const Demographics& d) {
    sql << "DELETE FROM educator_demographics WHERE user_id = :u", soci::use(user_id, "u");
    if (d.age_band.empty() && d.gender.empty() && d.race_ethnicity.empty()) return;
    long long now = now_seconds();
    sql << "INSERT INTO educator_demographics (user_id, age_band, gender, race_ethnicity, updated_at) "
           "VALUES (:u, :a, :g, :r, :t)",
        soci::use(user_id, "u"), soci::use(d.age_band, "a"), soci::use(d.gender, "g"), soci::use(d.race_ethnicity, "r"),
        soci::use(now, "t");
}

} // namespace mc::accounts
