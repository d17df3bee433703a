#include "surveys/survey_store.hpp"

#include <ctime>

#include <nlohmann/json.hpp>

#include "platform/crypto/random.hpp"
#include "platform/dates.hpp"

namespace mc::surveys {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

namespace {

using nlohmann::json;

std::string options_json(const std::vector<Option>& options) {
    json out = json::array();
    for (const auto& o : options) out.push_back({{"id", o.id}, {"en", o.label.en}, {"es", o.label.es}});
    return out.dump();
}

std::vector<Option> options_from_json(const std::string& text) {
    std::vector<Option> out;
    auto doc = json::parse(text, nullptr, false);
    if (!doc.is_array()) return out;
    for (const auto& o : doc)
        if (o.is_object())
            out.push_back({o.value("id", ""), {o.value("en", ""), o.value("es", "")}});
    return out;
}

void insert_item(soci::session& sql, const std::string& survey_id, const Item& it) {
    std::string kind(kind_name(it.kind)), options = options_json(it.options);
    int required = it.required ? 1 : 0;
    long long lo = it.min_value.value_or(0), hi = it.max_value.value_or(0);
    soci::indicator lo_ind = it.min_value ? soci::i_ok : soci::i_null, hi_ind = it.max_value ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO survey_items (survey_id, id, position, kind, prompt_en, prompt_es, options, required, "
           "min_value, max_value) VALUES (:s, :id, :p, :k, :en, :es, :o, :r, :lo, :hi)",
        soci::use(survey_id, "s"), soci::use(it.id, "id"), soci::use(it.position, "p"), soci::use(kind, "k"),
        soci::use(it.prompt.en, "en"), soci::use(it.prompt.es, "es"), soci::use(options, "o"),
        soci::use(required, "r"), soci::use(lo, lo_ind, "lo"), soci::use(hi, hi_ind, "hi");
}

Result<void> require_draft(soci::session& sql, const std::string& id) {
    std::string status;
    soci::indicator ind = soci::i_null;
    sql << "SELECT status FROM surveys WHERE id = :id", soci::use(id, "id"), soci::into(status, ind);
    if (ind != soci::i_ok) return fail(Errc::not_found, "errors.not_found", "survey " + id);
    if (status != "draft") return fail(Errc::conflict, "surveys.errors.not_draft", "survey is " + status);
    return {};
}

std::vector<Invitation> invitations(soci::session& sql, const std::string& where, const std::string& value, int limit) {
    std::vector<Invitation> out;
    Invitation i;
    int answered = 0, dismissed = 0;
    std::string v = value;
    soci::statement st = (sql.prepare << "SELECT i.id, i.survey_id, i.user_id, i.subject_id, i.micro_credential_id, "
                                         "i.invited_at, i.answered, i.dismissed FROM survey_invitations i "
                                         "JOIN surveys s ON s.id = i.survey_id " + where +
                                         " ORDER BY i.invited_at DESC, i.id LIMIT " + std::to_string(limit),
                          soci::use(v, "v"), soci::into(i.id), soci::into(i.survey_id), soci::into(i.user_id),
                          soci::into(i.subject_id), soci::into(i.micro_credential_id), soci::into(i.invited_at),
                          soci::into(answered), soci::into(dismissed));
    st.execute();
    while (st.fetch()) {
        i.answered = answered != 0;
        i.dismissed = dismissed != 0;
        out.push_back(i);
    }
    return out;
}

} // namespace

Result<std::string> create_survey(soci::session& sql, const Survey& s, const std::string& created_by) {
    std::string id = crypto::new_id();
    long long now = now_seconds();
    int anonymous = s.anonymous ? 1 : 0;
    soci::indicator by_ind = created_by.empty() ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO surveys (id, kind, title_en, title_es, intro_en, intro_es, anonymous, milestone, status, "
           "created_by, created_at) VALUES (:id, :k, :ten, :tes, :ien, :ies, :a, :m, 'draft', :by, :t)",
        soci::use(id, "id"), soci::use(s.kind, "k"), soci::use(s.title.en, "ten"), soci::use(s.title.es, "tes"),
        soci::use(s.intro.en, "ien"), soci::use(s.intro.es, "ies"), soci::use(anonymous, "a"),
        soci::use(s.milestone, "m"), soci::use(created_by, by_ind, "by"), soci::use(now, "t");
    for (const auto& it : s.items) insert_item(sql, id, it);
    return id;
}

Result<Survey> load_survey(soci::session& sql, const std::string& id) {
    Survey s;
    int anonymous = 1;
    long long opened = 0, closed = 0;
    soci::indicator found = soci::i_null, o_ind = soci::i_null, c_ind = soci::i_null;
    sql << "SELECT id, kind, title_en, title_es, intro_en, intro_es, anonymous, milestone, status, created_at, "
           "opened_at, closed_at FROM surveys WHERE id = :id",
        soci::use(id, "id"), soci::into(s.id, found), soci::into(s.kind), soci::into(s.title.en), soci::into(s.title.es),
        soci::into(s.intro.en), soci::into(s.intro.es), soci::into(anonymous), soci::into(s.milestone),
        soci::into(s.status), soci::into(s.created_at), soci::into(opened, o_ind), soci::into(closed, c_ind);
    if (found != soci::i_ok) return fail(Errc::not_found, "errors.not_found", "survey " + id);
    s.anonymous = anonymous != 0;
    s.opened_at = o_ind == soci::i_ok ? opened : 0;
    s.closed_at = c_ind == soci::i_ok ? closed : 0;
    Item it;
    std::string kind, options;
    int required = 0;
    long long lo = 0, hi = 0;
    soci::indicator lo_ind = soci::i_null, hi_ind = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT id, position, kind, prompt_en, prompt_es, options, required, min_value, "
                                         "max_value FROM survey_items WHERE survey_id = :s ORDER BY position, id",
                          soci::use(id, "s"), soci::into(it.id), soci::into(it.position), soci::into(kind),
                          soci::into(it.prompt.en), soci::into(it.prompt.es), soci::into(options), soci::into(required),
                          soci::into(lo, lo_ind), soci::into(hi, hi_ind));
    st.execute();
    while (st.fetch()) {
        Item c = it;
        c.kind = kind_from(kind).value_or(ItemKind::text);
        c.options = options_from_json(options);
        c.required = required != 0;
        c.min_value = lo_ind == soci::i_ok ? std::optional<long long>(lo) : std::nullopt;
        c.max_value = hi_ind == soci::i_ok ? std::optional<long long>(hi) : std::nullopt;
        s.items.push_back(std::move(c));
    }
    return s;
}

std::vector<SurveySummary> list_surveys(soci::session& sql) {
    std::vector<SurveySummary> out;
    SurveySummary s;
    int anonymous = 1;
    long long invited = 0, answered = 0;
    soci::indicator a_ind = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT s.id, s.kind, s.milestone, s.status, s.title_en, s.title_es, s.anonymous, "
                                         "s.created_at, COUNT(i.id), SUM(i.answered) FROM surveys s "
                                         "LEFT JOIN survey_invitations i ON i.survey_id = s.id "
                                         "GROUP BY s.id, s.kind, s.milestone, s.status, s.title_en, s.title_es, "
                                         "s.anonymous, s.created_at ORDER BY s.created_at DESC, s.id",
                          soci::into(s.id), soci::into(s.kind), soci::into(s.milestone), soci::into(s.status),
                          soci::into(s.title.en), soci::into(s.title.es), soci::into(anonymous), soci::into(s.created_at),
                          soci::into(invited), soci::into(answered, a_ind));
    st.execute();
    while (st.fetch()) {
        s.anonymous = anonymous != 0;
        s.invited = invited;
        s.answered = a_ind == soci::i_ok ? answered : 0;
        out.push_back(s);
    }
    return out;
}

Result<void> update_survey(soci::session& sql, const std::string& id, const Survey& s) {
    TRY(require_draft(sql, id));
    int anonymous = s.anonymous ? 1 : 0;
    sql << "UPDATE surveys SET title_en = :ten, title_es = :tes, intro_en = :ien, intro_es = :ies, anonymous = :a "
           "WHERE id = :id AND status = 'draft'",
        soci::use(s.title.en, "ten"), soci::use(s.title.es, "tes"), soci::use(s.intro.en, "ien"),
        soci::use(s.intro.es, "ies"), soci::use(anonymous, "a"), soci::use(id, "id");
    return {};
}

Result<std::string> add_item(soci::session& sql, const std::string& survey_id, Item item) {
    TRY(require_draft(sql, survey_id));
    long long count = 0;
    int last = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT COUNT(*), MAX(position) FROM survey_items WHERE survey_id = :s", soci::use(survey_id, "s"),
        soci::into(count), soci::into(last, ind);
    if (count >= static_cast<long long>(kMaxItems)) return fail(Errc::conflict, "surveys.errors.too_many_items", "items");
    item.position = (ind == soci::i_ok ? last : 0) + 1;
    if (item.id.empty()) item.id = "q" + crypto::new_id().substr(0, 10);
    insert_item(sql, survey_id, item);
    return item.id;
}

Result<void> remove_item(soci::session& sql, const std::string& survey_id, const std::string& item_id) {
    TRY(require_draft(sql, survey_id));
    sql << "DELETE FROM survey_items WHERE survey_id = :s AND id = :i", soci::use(survey_id, "s"), soci::use(item_id, "i");
    return {};
}

Audience load_audience(soci::session& sql, const std::string& survey_id) {
    Audience out;
    std::string dimension, value;
    soci::statement st = (sql.prepare << "SELECT dimension, value FROM survey_audiences WHERE survey_id = :s "
                                         "ORDER BY dimension, value",
                          soci::use(survey_id, "s"), soci::into(dimension), soci::into(value));
    st.execute();
    while (st.fetch()) out[dimension].push_back(value);
    return out;
}

Result<void> save_audience(soci::session& sql, const std::string& survey_id, const Audience& audience) {
    TRY(require_draft(sql, survey_id));
    sql << "DELETE FROM survey_audiences WHERE survey_id = :s", soci::use(survey_id, "s");
    for (const auto& [dimension, values] : audience)
        for (const auto& v : values)
            sql << "INSERT INTO survey_audiences (survey_id, dimension, value) VALUES (:s, :d, :v)",
                soci::use(survey_id, "s"), soci::use(dimension, "d"), soci::use(v, "v");
    return {};
}

Result<void> set_status(soci::session& sql, const std::string& id, const std::string& from, const std::string& to) {
    long long now = now_seconds();
    std::string column = to == "open" ? "opened_at" : "closed_at"; // fixed names, never input
    soci::statement st = (sql.prepare << "UPDATE surveys SET status = :to, " + column + " = :t WHERE id = :id AND status = :from",
                          soci::use(to, "to"), soci::use(now, "t"), soci::use(id, "id"), soci::use(from, "from"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return fail(Errc::conflict, "surveys.errors.state", "survey not " + from);
    return {};
}

std::vector<std::string> open_surveys_for(soci::session& sql, const std::string& milestone) {
    std::vector<std::string> out;
    std::string id;
    soci::statement st = (sql.prepare << "SELECT id FROM surveys WHERE milestone = :m AND status = 'open' "
                                         "AND kind = 'satisfaction' ORDER BY created_at, id",
                          soci::use(milestone, "m"), soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}

std::optional<std::string> invite(soci::session& sql, const std::string& survey_id, const std::string& user_id,
            const std::string& subject_id, const std::string& micro_credential_id) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM survey_invitations WHERE survey_id = :s AND user_id = :u AND subject_id = :j",
        soci::use(survey_id, "s"), soci::use(user_id, "u"), soci::use(subject_id, "j"), soci::into(n);
    if (n > 0) return std::nullopt;
    std::string id = crypto::new_id();
    long long now = now_seconds();
    sql << "INSERT INTO survey_invitations (id, survey_id, user_id, subject_id, micro_credential_id, invited_at) "
           "VALUES (:id, :s, :u, :j, :m, :t)",
        soci::use(id, "id"), soci::use(survey_id, "s"), soci::use(user_id, "u"), soci::use(subject_id, "j"),
        soci::use(micro_credential_id, "m"), soci::use(now, "t");
    return id;
}

std::optional<Invitation> load_invitation(soci::session& sql, const std::string& id) {
    auto found = invitations(sql, "WHERE i.id = :v", id, 1);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Invitation> pending_invitations(soci::session& sql, const std::string& user_id, int limit) {
    return invitations(sql, "WHERE i.user_id = :v AND i.answered = 0 AND i.dismissed = 0 AND s.status = 'open'", user_id,
                       limit);
}

Result<void> dismiss_invitation(soci::session& sql, const std::string& id, const std::string& user_id) {
    soci::statement st = (sql.prepare << "UPDATE survey_invitations SET dismissed = 1 WHERE id = :id AND user_id = :u",
                          soci::use(id, "id"), soci::use(user_id, "u"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return fail(Errc::not_found, "errors.not_found", "invitation " + id);
    return {};
}

Result<void> record_response(soci::session& sql, const Invitation& inv, const Survey& s,
                             const std::vector<Answer>& answers, const RespondentFacts& facts) {
    if (s.status != "open") return fail(Errc::conflict, "surveys.errors.closed", "survey is " + s.status);
    // The flag is the only guard against a second answer; it is set in the same transaction as
    // the response is written, and conditionally, so two tabs cannot both get through.
    soci::statement flag = (sql.prepare << "UPDATE survey_invitations SET answered = 1 "
                                           "WHERE id = :id AND user_id = :u AND answered = 0",
                            soci::use(inv.id, "id"), soci::use(inv.user_id, "u"));
    flag.execute(true);
    if (flag.get_affected_rows() != 1) return fail(Errc::conflict, "surveys.errors.already_answered", "answered");
    std::string id = crypto::new_id(), period = month_of(now_seconds());
    soci::indicator who = s.anonymous ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO survey_responses (id, survey_id, respondent_id, micro_credential_id, language, setting, period) "
           "VALUES (:id, :s, :who, :m, :l, :st, :p)",
        soci::use(id, "id"), soci::use(s.id, "s"), soci::use(inv.user_id, who, "who"),
        soci::use(inv.micro_credential_id, "m"), soci::use(facts.language, "l"), soci::use(facts.setting, "st"),
        soci::use(period, "p");
    for (const auto& a : answers) {
        std::string empty;
        auto put = [&](const std::string& choice, const std::string& text, std::optional<double> number) {
            double n = number.value_or(0);
            soci::indicator n_ind = number ? soci::i_ok : soci::i_null;
            sql << "INSERT INTO survey_answers (response_id, item_id, choice, number_value, text_value) "
                   "VALUES (:r, :i, :c, :n, :t)",
                soci::use(id, "r"), soci::use(a.item_id, "i"), soci::use(choice, "c"), soci::use(n, n_ind, "n"),
                soci::use(text, "t");
        };
        if (!a.choices.empty())
            for (const auto& c : a.choices) put(c, empty, std::nullopt);
        else
            put(empty, a.text, a.number);
    }
    return {};
}

std::vector<ResponseRow> responses_of(soci::session& sql, const std::string& survey_id,
                                      const std::string& micro_credential_id) {
    std::vector<ResponseRow> out;
    std::string rid, mc, language, setting, period, item, choice, text;
    double number = 0;
    soci::indicator item_ind = soci::i_null, choice_ind = soci::i_null, n_ind = soci::i_null, t_ind = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT r.id, r.micro_credential_id, r.language, r.setting, r.period, a.item_id, "
                                         "a.choice, a.number_value, a.text_value FROM survey_responses r "
                                         "LEFT JOIN survey_answers a ON a.response_id = r.id "
                                         "WHERE r.survey_id = :s AND (:m = '' OR r.micro_credential_id = :m2) "
                                         "ORDER BY r.id, a.item_id, a.choice",
                          soci::use(survey_id, "s"), soci::use(micro_credential_id, "m"),
                          soci::use(micro_credential_id, "m2"), soci::into(rid), soci::into(mc), soci::into(language),
                          soci::into(setting), soci::into(period), soci::into(item, item_ind),
                          soci::into(choice, choice_ind), soci::into(number, n_ind), soci::into(text, t_ind));
    st.execute();
    while (st.fetch()) {
        if (out.empty() || out.back().id != rid) out.push_back({rid, mc, language, setting, period, {}});
        if (item_ind != soci::i_ok) continue;
        auto& answers = out.back().answers;
        if (answers.empty() || answers.back().item_id != item) answers.push_back({item, {}, std::nullopt, {}});
        auto& a = answers.back();
        if (choice_ind == soci::i_ok && !choice.empty()) a.choices.push_back(choice);
        if (n_ind == soci::i_ok) a.number = number;
        if (t_ind == soci::i_ok && !text.empty()) a.text = text;
    }
    return out;
}

std::vector<SurveyResponses> satisfaction_about(soci::session& sql, const std::string& micro_credential_id) {
    std::vector<std::string> ids;
    std::string id;
    soci::statement st = (sql.prepare << "SELECT DISTINCT s.id FROM surveys s JOIN survey_responses r ON r.survey_id = s.id "
                                         "WHERE s.kind = 'satisfaction' AND r.micro_credential_id = :m ORDER BY s.id",
                          soci::use(micro_credential_id, "m"), soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    std::vector<SurveyResponses> out;
    for (const auto& sid : ids) {
        auto s = load_survey(sql, sid);
        if (!s) continue;
        out.push_back({std::move(*s), responses_of(sql, sid, micro_credential_id)});
    }
    return out;
}

long long min_cell(soci::session& sql) {
    std::string value;
    soci::indicator ind = soci::i_null;
    sql << "SELECT value FROM survey_settings WHERE name = 'min_cell'", soci::into(value, ind);
    if (ind != soci::i_ok || value.empty() || value.size() > 4 || value.find_first_not_of("0123456789") != std::string::npos)
        return kDefaultMinCell;
    long long k = std::stoll(value);
    return k < kLowestMinCell ? kDefaultMinCell : k;
}

void save_min_cell(soci::session& sql, long long k, const std::string& by) {
    std::string value = std::to_string(k);
    long long now = now_seconds();
    soci::statement st = (sql.prepare << "UPDATE survey_settings SET value = :v, updated_by = :b, updated_at = :t "
                                         "WHERE name = 'min_cell'",
                          soci::use(value, "v"), soci::use(by, "b"), soci::use(now, "t"));
    st.execute(true);
    if (st.get_affected_rows() == 0)
        sql << "INSERT INTO survey_settings (name, value, updated_by, updated_at) VALUES ('min_cell', :v, :b, :t)",
            soci::use(value, "v"), soci::use(by, "b"), soci::use(now, "t");
}

long long survey_count(soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM surveys", soci::into(n);
    return n;
}

} // namespace mc::surveys
