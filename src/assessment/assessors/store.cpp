#include "assessment/assessors/store.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "accounts/notifications.hpp"
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/workflow.hpp"
#include "platform/crypto/random.hpp"
#include "platform/dates.hpp"

namespace mc::assessment::assessors {

namespace {

long long changed(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows();
}

const char* kApplicationColumns =
    "a.id, a.user_id, u.display_name, u.email, COALESCE(o.name, ''), a.qualifications, a.years_experience, "
    "a.languages, a.settings, a.relationships, a.status, a.reason, a.created_at, COALESCE(a.decided_at, 0), "
    "COALESCE(p.status, '') FROM assessor_applications a JOIN users u ON u.id = a.user_id "
    "LEFT JOIN organizations o ON o.id = u.employer_org_id LEFT JOIN assessor_profiles p ON p.user_id = a.user_id ";

// Reads rows of kApplicationColumns; the standing is the profile's once approved.
std::vector<ApplicationRecord> read_applications(soci::session& sql, const std::string& where, const std::string& arg) {
    std::vector<ApplicationRecord> out;
    ApplicationRecord r;
    std::string langs, sets, profile;
    soci::statement st = (sql.prepare << std::string("SELECT ") + kApplicationColumns + where, soci::use(arg),
                          soci::into(r.id), soci::into(r.user_id), soci::into(r.name), soci::into(r.email),
                          soci::into(r.employer), soci::into(r.qualifications), soci::into(r.years_experience),
                          soci::into(langs), soci::into(sets), soci::into(r.relationships), soci::into(r.status),
                          soci::into(r.reason), soci::into(r.created_at), soci::into(r.decided_at), soci::into(profile));
    st.execute();
    while (st.fetch()) {
        r.languages = split_list(langs);
        r.settings = split_list(sets);
        r.standing = r.status;
        if (r.status == "approved" && (profile == "paused" || profile == "retired")) r.standing = profile;
        out.push_back(r);
    }
    for (auto& a : out) {
        Related rel;
        soci::statement q = (sql.prepare << "SELECT u.id, u.email, u.display_name FROM assessor_relationships r "
                                            "JOIN users u ON u.id = r.educator_id WHERE r.assessor_id = :a ORDER BY u.email",
                             soci::use(a.user_id), soci::into(rel.id), soci::into(rel.email), soci::into(rel.name));
        q.execute();
        while (q.fetch()) a.related.push_back(rel);
    }
    return out;
}

void set_relationships(soci::session& sql, const std::string& assessor, const std::vector<std::string>& ids, long long now) {
    for (const auto& e : ids) {
        int n = 0;
        sql << "SELECT COUNT(*) FROM assessor_relationships WHERE assessor_id = :a AND educator_id = :e",
            soci::use(assessor), soci::use(e), soci::into(n);
        if (n == 0)
            sql << "INSERT INTO assessor_relationships (assessor_id, educator_id, created_at) VALUES (:a, :e, :t)",
                soci::use(assessor), soci::use(e), soci::use(now);
    }
}

} // namespace

Result<std::string> submit_application(soci::session& sql, const std::string& user_id, const Application& a,
                                       std::vector<FieldError>& errors) {
    errors = validate_application(a);
    std::vector<std::string> related;
    for (const auto& email : a.related_emails) {
        auto u = accounts::find_user_by_email(sql, email);
        if (!u || u->id == user_id) {
            errors.push_back({"related_emails", "assessors.errors.unknown_email"});
            break;
        }
        related.push_back(u->id);
    }
    if (!errors.empty()) return fail(Errc::bad_input, "assessors.errors.check_form", "application invalid");
    if (auto last = latest_application(sql, user_id); last && last->status != "rejected")
        return fail(Errc::conflict, "assessors.errors.already_applied", "application " + last->id);
    std::string id = crypto::new_id();
    long long now = now_seconds();
    std::string langs = join_list(a.languages), sets = join_list(a.settings);
    sql << "INSERT INTO assessor_applications (id, user_id, qualifications, years_experience, languages, settings, "
           "relationships, status, created_at) VALUES (:i, :u, :q, :y, :l, :s, :r, 'pending', :t)",
        soci::use(id), soci::use(user_id), soci::use(a.qualifications), soci::use(a.years_experience), soci::use(langs),
        soci::use(sets), soci::use(a.relationships), soci::use(now);
    // Declared accounts count from the moment they are declared: a conflict is a conflict
    // whatever becomes of the application.
    set_relationships(sql, user_id, related, now);
    return id;
}

std::optional<ApplicationRecord> latest_application(soci::session& sql, const std::string& user_id) {
    auto rows = read_applications(sql, "WHERE a.user_id = :u ORDER BY a.created_at DESC, a.id LIMIT 1", user_id);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::optional<ApplicationRecord> load_application(soci::session& sql, const std::string& id) {
    auto rows = read_applications(sql, "WHERE a.id = :i", id);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<ApplicationRecord> list_applications(soci::session& sql, const std::string& filter) {
    auto rows = read_applications(sql, "WHERE a.id <> :x ORDER BY a.created_at DESC, a.id", "");
    if (filter.empty()) return rows;
    std::erase_if(rows, [&](const ApplicationRecord& r) { return r.standing != filter; });
    return rows;
}

Result<void> approve(app::App& app, soci::session& sql, const std::string& application_id, const std::string& by) {
    auto a = load_application(sql, application_id);
    if (!a) return fail(Errc::not_found, "errors.not_found", "application " + application_id);
    long long now = now_seconds();
    soci::statement st = (sql.prepare << "UPDATE assessor_applications SET status = 'approved', decided_by = :b, "
                                         "decided_at = :t WHERE id = :i AND status = 'pending'",
                          soci::use(by), soci::use(now), soci::use(application_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessors.errors.not_pending", "application " + a->status);
    int mask = static_cast<int>(accounts::assessor);
    sql << "UPDATE users SET roles = roles | :m, updated_at = :t WHERE id = :u", soci::use(mask), soci::use(now),
        soci::use(a->user_id);
    save_profile(sql, a->user_id, a->languages, a->settings, by);
    // Approval starts the assessor fresh: active, whatever an earlier standing was.
    sql << "UPDATE assessor_profiles SET status = 'active', paused_until = NULL, status_reason = '' WHERE user_id = :u",
        soci::use(a->user_id);
    return accounts::notify(app, sql, a->user_id, "assessor_approved", nlohmann::json::object(), "/assessors/training");
}

Result<void> reject(app::App& app, soci::session& sql, const std::string& application_id, const std::string& reason,
                    const std::string& by) {
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        return fail(Errc::bad_input, "assessors.errors.reason_required", "no reason");
    if (reason.size() > kMaxRelationships) return fail(Errc::bad_input, "assessors.errors.too_long", "reason");
    auto a = load_application(sql, application_id);
    if (!a) return fail(Errc::not_found, "errors.not_found", "application " + application_id);
    long long now = now_seconds();
    soci::statement st = (sql.prepare << "UPDATE assessor_applications SET status = 'rejected', reason = :r, "
                                         "decided_by = :b, decided_at = :t WHERE id = :i AND status = 'pending'",
                          soci::use(reason), soci::use(by), soci::use(now), soci::use(application_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessors.errors.not_pending", "application " + a->status);
    return accounts::notify(app, sql, a->user_id, "assessor_rejected", nlohmann::json::object(), "/assessors/apply");
}

std::optional<Profile> load_profile(soci::session& sql, const std::string& user_id) {
    Profile p;
    std::string langs, sets;
    soci::indicator until_ind = soci::i_null;
    sql << "SELECT user_id, status, paused_until, status_reason, languages, settings FROM assessor_profiles "
           "WHERE user_id = :u",
        soci::use(user_id), soci::into(p.user_id), soci::into(p.status), soci::into(p.paused_until, until_ind),
        soci::into(p.reason), soci::into(langs), soci::into(sets);
    if (!sql.got_data()) return std::nullopt;
    if (until_ind != soci::i_ok) p.paused_until = 0;
    p.languages = split_list(langs);
    p.settings = split_list(sets);
    return p;
}

void save_profile(soci::session& sql, const std::string& user_id, const std::vector<std::string>& languages,
                  const std::vector<std::string>& settings, const std::string& by) {
    long long now = now_seconds();
    std::string langs = join_list(languages), sets = join_list(settings);
    soci::indicator by_ind = by.empty() ? soci::i_null : soci::i_ok;
    soci::statement st = (sql.prepare << "UPDATE assessor_profiles SET languages = :l, settings = :s, updated_by = :b, "
                                         "updated_at = :t WHERE user_id = :u",
                          soci::use(langs), soci::use(sets), soci::use(by, by_ind), soci::use(now), soci::use(user_id));
    if (changed(st) == 0)
        sql << "INSERT INTO assessor_profiles (user_id, lead, updated_by, updated_at, languages, settings) "
               "VALUES (:u, 0, :b, :t, :l, :s)",
            soci::use(user_id), soci::use(by, by_ind), soci::use(now), soci::use(langs), soci::use(sets);
}

Result<void> pause(soci::session& sql, const std::string& user_id, long long until, const std::string& reason,
                   const std::string& by) {
    long long now = now_seconds();
    if (until != 0 && until <= now) return fail(Errc::bad_input, "assessors.errors.until_past", "until in the past");
    if (reason.size() > kMaxRelationships) return fail(Errc::bad_input, "assessors.errors.too_long", "reason");
    soci::indicator until_ind = until ? soci::i_ok : soci::i_null;
    soci::statement st = (sql.prepare << "UPDATE assessor_profiles SET status = 'paused', paused_until = :p, "
                                         "status_reason = :r, updated_by = :b, updated_at = :t "
                                         "WHERE user_id = :u AND status <> 'retired'",
                          soci::use(until, until_ind), soci::use(reason), soci::use(by), soci::use(now), soci::use(user_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessors.errors.not_active", "no active profile");
    return {};
}

Result<void> resume(soci::session& sql, const std::string& user_id, const std::string& by) {
    long long now = now_seconds();
    soci::statement st = (sql.prepare << "UPDATE assessor_profiles SET status = 'active', paused_until = NULL, "
                                         "status_reason = '', updated_by = :b, updated_at = :t "
                                         "WHERE user_id = :u AND status = 'paused'",
                          soci::use(by), soci::use(now), soci::use(user_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessors.errors.not_paused", "not paused");
    return {};
}

Result<int> retire(app::App& app, soci::session& sql, const std::string& user_id, const std::string& reason,
                   const std::string& by) {
    long long now = now_seconds();
    if (reason.size() > kMaxRelationships) return fail(Errc::bad_input, "assessors.errors.too_long", "reason");
    soci::statement st = (sql.prepare << "UPDATE assessor_profiles SET status = 'retired', paused_until = NULL, "
                                         "status_reason = :r, updated_by = :b, updated_at = :t "
                                         "WHERE user_id = :u AND status <> 'retired'",
                          soci::use(reason), soci::use(by), soci::use(now), soci::use(user_id));
    if (changed(st) != 1) return fail(Errc::conflict, "assessors.errors.already_retired", "retired or no profile");
    std::vector<std::string> open;
    std::string id;
    soci::statement q = (sql.prepare << "SELECT id FROM assignments WHERE assessor_id = :u AND status = 'assigned' "
                                        "AND kind <> 'calibration' ORDER BY id",
                         soci::use(user_id), soci::into(id));
    q.execute();
    while (q.fetch()) open.push_back(id);
    for (const auto& a : open) TRY(release(app, sql, a));
    return static_cast<int>(open.size());
}

std::vector<std::pair<std::string, long long>> training_log(soci::session& sql, const std::string& user_id) {
    std::vector<std::pair<std::string, long long>> out;
    std::string m;
    long long t = 0;
    soci::statement st = (sql.prepare << "SELECT module_id, completed_at FROM assessor_training WHERE user_id = :u "
                                         "ORDER BY completed_at, module_id",
                          soci::use(user_id), soci::into(m), soci::into(t));
    st.execute();
    while (st.fetch()) out.emplace_back(m, t);
    return out;
}

std::vector<std::string> completed_training(soci::session& sql, const std::string& user_id) {
    std::vector<std::string> out;
    for (auto& [m, t] : training_log(sql, user_id)) out.push_back(m);
    return out;
}

Result<void> attest_training(soci::session& sql, const std::string& user_id, const std::string& module_id) {
    auto mods = training_modules();
    if (std::none_of(mods.begin(), mods.end(), [&](const TrainingModule& m) { return m.id == module_id; }))
        return fail(Errc::not_found, "errors.not_found", "module " + module_id);
    auto done = completed_training(sql, user_id);
    if (std::find(done.begin(), done.end(), module_id) != done.end()) return {};
    long long now = now_seconds();
    sql << "INSERT INTO assessor_training (user_id, module_id, completed_at) VALUES (:u, :m, :t)", soci::use(user_id),
        soci::use(module_id), soci::use(now);
    return {};
}

bool is_trained(soci::session& sql, const std::string& user_id) { return fully_trained(completed_training(sql, user_id)); }

void fill_standing(soci::session& sql, std::vector<Candidate>& candidates) {
    if (candidates.empty()) return;
    std::map<std::string, Candidate*> by_id;
    for (auto& c : candidates) {
        by_id[c.person.id] = &c;
        c.status = "active"; // no profile row: an assessor made before the lifecycle existed
        c.trained = false;
        c.certified_until = 0;
        c.languages.clear();
        c.settings.clear();
        c.person.declared.clear();
    }
    {
        std::string u, status, langs, sets;
        long long until = 0;
        soci::indicator until_ind = soci::i_null;
        soci::statement st = (sql.prepare << "SELECT user_id, status, paused_until, languages, settings FROM assessor_profiles",
                              soci::into(u), soci::into(status), soci::into(until, until_ind), soci::into(langs),
                              soci::into(sets));
        st.execute();
        while (st.fetch()) {
            auto it = by_id.find(u);
            if (it == by_id.end()) continue;
            it->second->status = status;
            it->second->paused_until = until_ind == soci::i_ok ? until : 0;
            it->second->languages = split_list(langs);
            it->second->settings = split_list(sets);
        }
    }
    {
        std::map<std::string, std::vector<std::string>> done;
        std::string u, m;
        soci::statement st = (sql.prepare << "SELECT user_id, module_id FROM assessor_training", soci::into(u), soci::into(m));
        st.execute();
        while (st.fetch()) done[u].push_back(m);
        for (auto& [id, c] : by_id) c->trained = fully_trained(done[id]);
    }
    {
        std::string u;
        long long until = 0;
        soci::statement st = (sql.prepare << "SELECT assessor_id, MAX(expires_at) FROM assessor_certifications "
                                             "GROUP BY assessor_id",
                              soci::into(u), soci::into(until));
        st.execute();
        while (st.fetch())
            if (auto it = by_id.find(u); it != by_id.end()) it->second->certified_until = until;
    }
    {
        std::string a, e;
        soci::statement st = (sql.prepare << "SELECT assessor_id, educator_id FROM assessor_relationships", soci::into(a),
                              soci::into(e));
        st.execute();
        while (st.fetch())
            if (auto it = by_id.find(a); it != by_id.end()) it->second->person.declared.push_back(e);
    }
}

Candidate candidate_of(soci::session& sql, const std::string& user_id, const std::string& employer) {
    std::vector<Candidate> one(1);
    one[0].person = {user_id, employer, {}};
    one[0].lead = false;
    fill_standing(sql, one);
    return one[0];
}

std::string work_setting_of(soci::session& sql, const std::string& educator_id) {
    std::string s;
    sql << "SELECT work_setting FROM educator_profiles WHERE user_id = :u", soci::use(educator_id), soci::into(s);
    return sql.got_data() ? s : "";
}

std::vector<Unscreened> unscreened_assessors(soci::session& sql) {
    std::vector<Unscreened> out;
    Unscreened u;
    int mask = static_cast<int>(accounts::assessor);
    soci::statement st = (sql.prepare << "SELECT u.id, u.display_name, u.email FROM users u WHERE (u.roles & :m) <> 0 "
                                         "AND u.disabled = 0 AND NOT EXISTS (SELECT 1 FROM assessor_profiles p "
                                         "WHERE p.user_id = u.id) ORDER BY u.display_name, u.id",
                          soci::use(mask), soci::into(u.id), soci::into(u.name), soci::into(u.email));
    st.execute();
    while (st.fetch()) out.push_back(u);
    return out;
}

LifecycleSettings load_lifecycle_settings(soci::session& sql) {
    LifecycleSettings s;
    for (const auto& [name, value] : setting_values(sql)) {
        long long v = 0;
        auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc{} || p != value.data() + value.size()) continue; // unreadable: the default stands
        if (name == "require_certification") s.require_certification = v != 0;
        else if (name == "honorarium_scoring_cents") s.scoring_cents = v;
        else if (name == "honorarium_adjudication_cents") s.adjudication_cents = v;
    }
    return s;
}

bool save_lifecycle_settings(soci::session& sql, const LifecycleSettings& s, const std::string& by) {
    auto ok = [](long long c) { return c >= 0 && c <= 1'000'000; };
    if (!ok(s.scoring_cents) || !ok(s.adjudication_cents)) return false;
    long long now = now_seconds();
    put_setting(sql, "require_certification", s.require_certification ? "1" : "0", by, now);
    put_setting(sql, "honorarium_scoring_cents", std::to_string(s.scoring_cents), by, now);
    put_setting(sql, "honorarium_adjudication_cents", std::to_string(s.adjudication_cents), by, now);
    return true;
}

void record_honorarium(soci::session& sql, const std::string& assignment_id, const std::string& assessor_id,
                       const std::string& kind, long long when) {
    if (kind != "scoring" && kind != "adjudication") return; // calibration rounds earn nothing
    auto s = load_lifecycle_settings(sql);
    long long amount = kind == "scoring" ? s.scoring_cents : s.adjudication_cents;
    std::string month = month_of(when);
    sql << "INSERT INTO honorarium_lines (assignment_id, assessor_id, kind, amount_cents, month, earned_at) "
           "VALUES (:a, :u, :k, :c, :m, :t)",
        soci::use(assignment_id), soci::use(assessor_id), soci::use(kind), soci::use(amount), soci::use(month),
        soci::use(when);
}

namespace {

std::vector<HonorariumRow> honoraria_where(soci::session& sql, const std::string& where, const std::string& arg) {
    std::vector<HonorariumRow> out;
    HonorariumRow r;
    long long unpaid = 0;
    soci::statement st =
        (sql.prepare << "SELECT h.assessor_id, u.display_name, u.email, h.month, "
                        "SUM(CASE WHEN h.kind = 'scoring' THEN 1 ELSE 0 END), "
                        "SUM(CASE WHEN h.kind = 'adjudication' THEN 1 ELSE 0 END), SUM(h.amount_cents), "
                        "SUM(CASE WHEN h.paid_at IS NULL THEN 1 ELSE 0 END) "
                        "FROM honorarium_lines h JOIN users u ON u.id = h.assessor_id " +
                            where + " GROUP BY h.assessor_id, u.display_name, u.email, h.month "
                                    "ORDER BY h.month DESC, u.display_name, h.assessor_id",
         soci::use(arg), soci::into(r.assessor_id), soci::into(r.name), soci::into(r.email), soci::into(r.month),
         soci::into(r.scorings), soci::into(r.adjudications), soci::into(r.amount_cents), soci::into(unpaid));
    st.execute();
    while (st.fetch()) {
        r.paid = unpaid == 0;
        out.push_back(r);
    }
    return out;
}

} // namespace

std::vector<HonorariumRow> honoraria_for_month(soci::session& sql, const std::string& month) {
    return honoraria_where(sql, "WHERE h.month = :m", month);
}

std::vector<HonorariumRow> earnings_of(soci::session& sql, const std::string& assessor_id) {
    return honoraria_where(sql, "WHERE h.assessor_id = :a", assessor_id);
}

int mark_month_paid(soci::session& sql, const std::string& month, const std::string& by) {
    long long now = now_seconds();
    soci::statement st = (sql.prepare << "UPDATE honorarium_lines SET paid_at = :t, paid_by = :b "
                                         "WHERE month = :m AND paid_at IS NULL",
                          soci::use(now), soci::use(by), soci::use(month));
    return static_cast<int>(changed(st));
}

void seed_application_row(soci::session& sql, const std::string& user, const std::string& status, long long at) {
    std::string id = crypto::new_id();
    soci::indicator decided = status == "pending" ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO assessor_applications (id, user_id, qualifications, years_experience, languages, settings, "
           "relationships, status, decided_at, created_at) VALUES (:i, :u, 'CDA; B.A. Early Childhood Education', 8, "
           "'en,es', 'center,family_child_care', '', :s, :d, :c)",
        soci::use(id), soci::use(user), soci::use(status), soci::use(at, decided), soci::use(at);
}

void seed_certified_round(soci::session& sql, const std::string& user, long long started, long long expires) {
    std::string round = crypto::new_id(), cert = crypto::new_id();
    sql << "INSERT INTO calibration_rounds (id, assessor_id, started_at, finished_at, ratings, kappa, passed) "
           "VALUES (:i, :a, :s, :f, 0, 0.9, 1)",
        soci::use(round), soci::use(user), soci::use(started), soci::use(started);
    sql << "INSERT INTO assessor_certifications (id, assessor_id, round_id, kappa, certified_at, expires_at) "
           "VALUES (:i, :a, :r, 0.9, :c, :e)",
        soci::use(cert), soci::use(user), soci::use(round), soci::use(started), soci::use(expires);
}

} // namespace mc::assessment::assessors
