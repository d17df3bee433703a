#include "assessment/calibration.hpp"

#include <map>

#include "assessment/assessment_store.hpp"
#include "assessment/assessors/store.hpp"
#include "assessment/reliability_store.hpp"
#include "catalog/version_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::assessment {

std::vector<CalibrationItem> calibration_items(soci::session& sql) {
    std::vector<CalibrationItem> out;
    CalibrationItem i;
    soci::statement st = (sql.prepare << "SELECT c.submission_id, c.version_id, c.added_at, "
                                         "(SELECT COUNT(*) FROM calibration_truth t WHERE t.submission_id = c.submission_id) "
                                         "FROM calibration_items c JOIN submissions s ON s.id = c.submission_id "
                                         "WHERE c.retired = 0 AND s.exemplar_consent = 1 "
                                         "ORDER BY c.added_at, c.submission_id",
                          soci::into(i.submission_id), soci::into(i.version_id), soci::into(i.added_at),
                          soci::into(i.criteria));
    st.execute();
    while (st.fetch()) out.push_back(i);
    return out;
}

std::vector<std::string> calibration_candidates(soci::session& sql, int limit) {
    std::vector<std::string> out;
    std::string id;
    soci::statement st = (sql.prepare << "SELECT d.submission_id FROM decisions d JOIN submissions s ON s.id = d.submission_id "
                                         "WHERE d.basis IN ('agreed', 'adjudicated') AND s.exemplar_consent = 1 "
                                         "AND d.assignment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM calibration_items c "
                                         "WHERE c.submission_id = d.submission_id) ORDER BY d.decided_at DESC, d.submission_id "
                                         "LIMIT :n",
                          soci::use(limit), soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}

Result<void> add_calibration_item(soci::session& sql, const std::string& submission_id, const std::string& by) {
    auto sub = TRY(load_submission(sql, submission_id));
    auto d = decision_for(sql, submission_id);
    if (!d || d->assignment_id.empty())
        return fail(Errc::conflict, "assessment.errors.not_decided", "no decision to take true scores from");
    // Children may be in the evidence: only the educator can let strangers in training see it.
    int consent = 0;
    sql << "SELECT exemplar_consent FROM submissions WHERE id = :s", soci::use(submission_id), soci::into(consent);
    if (!consent) return fail(Errc::conflict, "privacy.errors.no_exemplar_consent", "no exemplar consent " + submission_id);
    int existing = 0;
    sql << "SELECT COUNT(*) FROM calibration_items WHERE submission_id = :s", soci::use(submission_id), soci::into(existing);
    if (existing) {
        // A retired item comes back as it was.
        sql << "UPDATE calibration_items SET retired = 0 WHERE submission_id = :s", soci::use(submission_id);
        return {};
    }
    auto scores = load_scores(sql, d->assignment_id);
    if (scores.empty()) return fail(Errc::conflict, "assessment.errors.not_decided", "decision without scores");
    long long now = now_seconds();
    soci::indicator by_ind = by.empty() ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO calibration_items (submission_id, version_id, added_by, added_at, retired) VALUES (:s, :v, :b, :t, 0)",
        soci::use(submission_id), soci::use(sub.version_id), soci::use(by, by_ind), soci::use(now);
    for (const auto& s : scores)
        sql << "INSERT INTO calibration_truth (submission_id, criterion_id, level_id) VALUES (:s, :c, :l)",
            soci::use(submission_id), soci::use(s.criterion_id), soci::use(s.level_id);
    return {};
}

Result<void> retire_calibration_item(soci::session& sql, const std::string& submission_id) {
    soci::statement st = (sql.prepare << "UPDATE calibration_items SET retired = 1 WHERE submission_id = :s AND retired = 0",
                          soci::use(submission_id));
    st.execute(true);
    if (st.get_affected_rows() != 1) return fail(Errc::not_found, "errors.not_found", "no such calibration item");
    return {};
}

std::optional<Certification> latest_certification(soci::session& sql, const std::string& assessor_id) {
    Certification c;
    sql << "SELECT kappa, certified_at, expires_at FROM assessor_certifications WHERE assessor_id = :a "
           "ORDER BY certified_at DESC, id DESC LIMIT 1",
        soci::use(assessor_id), soci::into(c.kappa), soci::into(c.certified_at), soci::into(c.expires_at);
    if (!sql.got_data()) return std::nullopt;
    return c;
}

std::vector<Round> rounds_of(soci::session& sql, const std::string& assessor_id) {
    std::vector<Round> out;
    Round r;
    soci::indicator f_ind, e_ind, k_ind;
    int passed = 0;
    soci::statement st =
        (sql.prepare << "SELECT r.id, r.started_at, r.finished_at, r.ratings, r.exact_agreement, r.kappa, r.passed, "
                        "(SELECT COUNT(*) FROM assignments a WHERE a.round_id = r.id AND a.status <> 'released'), "
                        "(SELECT COUNT(*) FROM assignments a WHERE a.round_id = r.id AND a.status = 'completed') "
                        "FROM calibration_rounds r WHERE r.assessor_id = :a ORDER BY r.started_at DESC, r.id",
         soci::use(assessor_id), soci::into(r.id), soci::into(r.started_at), soci::into(r.finished_at, f_ind),
         soci::into(r.ratings), soci::into(r.exact.emplace(), e_ind), soci::into(r.kappa.emplace(), k_ind),
         soci::into(passed), soci::into(r.total), soci::into(r.done));
    st.execute();
    while (st.fetch()) {
        Round copy = r;
        if (f_ind != soci::i_ok) copy.finished_at = 0;
        if (e_ind != soci::i_ok) copy.exact.reset();
        if (k_ind != soci::i_ok) copy.kappa.reset();
        copy.passed = passed != 0;
        out.push_back(std::move(copy));
    }
    return out;
}

Result<std::string> start_round(app::App& app, soci::session& sql, const std::string& assessor_id) {
    (void)app;
    auto me = load_user(sql, assessor_id);
    if (!me) return fail(Errc::not_found, "errors.not_found", "no user");
    // Calibration measures how an assessor applies the rubric; the training comes first.
    if (!assessors::is_trained(sql, assessor_id))
        return fail(Errc::conflict, "assessors.errors.training_first", "training incomplete");
    for (const auto& r : rounds_of(sql, assessor_id))
        if (r.finished_at == 0) return fail(Errc::conflict, "assessment.errors.round_open", "round " + r.id);
    std::vector<std::string> items;
    for (const auto& item : calibration_items(sql)) {
        auto sub = load_submission(sql, item.submission_id);
        if (!sub) continue;
        if (conflicted({me->id, me->employer_org_id, {}}, {sub->educator_id, sub->educator_employer, {}})) continue;
        int took_part = 0;
        sql << "SELECT COUNT(*) FROM assignments WHERE submission_id = :s AND assessor_id = :a AND kind <> 'calibration' "
               "AND status <> 'released'",
            soci::use(item.submission_id), soci::use(assessor_id), soci::into(took_part);
        if (took_part) continue; // they know what was decided
        items.push_back(item.submission_id);
    }
    if (items.empty()) return fail(Errc::conflict, "assessment.errors.no_calibration_items", "nothing to score");
    long long now = now_seconds();
    std::string round = crypto::new_id();
    sql << "INSERT INTO calibration_rounds (id, assessor_id, started_at, ratings, passed) VALUES (:i, :a, :t, 0, 0)",
        soci::use(round), soci::use(assessor_id), soci::use(now);
    for (const auto& s : items) {
        std::string id = crypto::new_id();
        sql << "INSERT INTO assignments (id, submission_id, assessor_id, assigned_by, status, assigned_at, kind, round_id) "
               "VALUES (:id, :s, :a, NULL, 'assigned', :t, 'calibration', :r)",
            soci::use(id), soci::use(s), soci::use(assessor_id), soci::use(now), soci::use(round);
    }
    return round;
}

namespace {

// Calibration scorings with their true levels, as ratings (rank on the rubric).
std::vector<reliability::Rating> ratings_where(soci::session& sql, const std::string& where, const std::string& param,
                                               long long since) {
    std::vector<reliability::Rating> out;
    std::map<std::string, std::optional<catalog::VersionRecord>> versions;
    std::string assessor, submission, version, mc, criterion, level, truth;
    long long at = 0;
    soci::indicator at_ind;
    std::string q = "SELECT a.assessor_id, a.submission_id, c.version_id, v.micro_credential_id, cs.criterion_id, "
                    "cs.level_id, t.level_id, a.completed_at FROM assignments a "
                    "JOIN calibration_items c ON c.submission_id = a.submission_id "
                    "JOIN micro_credential_versions v ON v.id = c.version_id "
                    "JOIN criterion_scores cs ON cs.assignment_id = a.id "
                    "JOIN calibration_truth t ON t.submission_id = a.submission_id AND t.criterion_id = cs.criterion_id "
                    "WHERE a.kind = 'calibration' AND a.status = 'completed' AND COALESCE(a.completed_at, 0) >= :since " +
                    where + " ORDER BY a.completed_at, a.id, cs.criterion_id";
    soci::statement st = param.empty()
                             ? (sql.prepare << q, soci::use(since), soci::into(assessor), soci::into(submission),
                                soci::into(version), soci::into(mc), soci::into(criterion), soci::into(level),
                                soci::into(truth), soci::into(at, at_ind))
                             : (sql.prepare << q, soci::use(since), soci::use(param), soci::into(assessor),
                                soci::into(submission), soci::into(version), soci::into(mc), soci::into(criterion),
                                soci::into(level), soci::into(truth), soci::into(at, at_ind));
    st.execute();
    struct Row { std::string assessor, submission, version, mc, criterion, level, truth; long long at; };
    std::vector<Row> rows;
    while (st.fetch()) rows.push_back({assessor, submission, version, mc, criterion, level, truth, at_ind == soci::i_ok ? at : 0});
    for (const auto& r : rows) {
        auto it = versions.find(r.version);
        if (it == versions.end()) {
            auto v = catalog::load_version(sql, r.version);
            it = versions.emplace(r.version, v ? std::optional(std::move(*v)) : std::nullopt).first;
        }
        if (!it->second) continue;
        const auto& rubric = it->second->content.rubric;
        int mine = rubric.level_rank(r.level), known = rubric.level_rank(r.truth);
        if (mine < 0 || known < 0) continue;
        reliability::Rating x;
        x.assessor_id = r.assessor;
        x.submission_id = r.submission;
        x.micro_credential_id = r.mc;
        x.criterion_id = r.criterion;
        x.level = mine;
        x.reference_level = known;
        x.k = static_cast<int>(rubric.levels.size());
        x.at = r.at;
        x.reference = reliability::Reference::calibration;
        out.push_back(std::move(x));
    }
    return out;
}

} // namespace

std::optional<Round> finish_round_if_done(soci::session& sql, const std::string& round_id) {
    std::string assessor;
    soci::indicator f_ind;
    long long finished = 0;
    sql << "SELECT assessor_id, finished_at FROM calibration_rounds WHERE id = :r", soci::use(round_id),
        soci::into(assessor), soci::into(finished, f_ind);
    if (!sql.got_data() || f_ind == soci::i_ok) return std::nullopt;
    int open = 0;
    sql << "SELECT COUNT(*) FROM assignments WHERE round_id = :r AND status = 'assigned'", soci::use(round_id),
        soci::into(open);
    if (open > 0) return std::nullopt;

    auto settings = load_settings(sql);
    auto summary = reliability::summarize(ratings_where(sql, "AND a.round_id = :r", round_id, 0));
    // The bar, on enough ratings to mean something: the same minimum as the analytics.
    bool passed = summary.kappa && *summary.kappa >= settings.kappa_bar && summary.n >= settings.min_ratings;
    long long now = now_seconds();
    int ratings = static_cast<int>(summary.n), pass = passed ? 1 : 0;
    double exact = summary.exact.value_or(0), kappa = summary.kappa.value_or(0);
    soci::indicator e_ind = summary.exact ? soci::i_ok : soci::i_null, k_ind = summary.kappa ? soci::i_ok : soci::i_null;
    sql << "UPDATE calibration_rounds SET finished_at = :t, ratings = :n, exact_agreement = :e, kappa = :k, passed = :p "
           "WHERE id = :r",
        soci::use(now), soci::use(ratings), soci::use(exact, e_ind), soci::use(kappa, k_ind), soci::use(pass),
        soci::use(round_id);
    if (passed) {
        std::string id = crypto::new_id();
        long long expires = now + static_cast<long long>(settings.certification_days) * 86400;
        sql << "INSERT INTO assessor_certifications (id, assessor_id, round_id, kappa, certified_at, expires_at) "
               "VALUES (:i, :a, :r, :k, :t, :e)",
            soci::use(id), soci::use(assessor), soci::use(round_id), soci::use(kappa), soci::use(now), soci::use(expires);
    }
    for (auto& r : rounds_of(sql, assessor))
        if (r.id == round_id) return r;
    return std::nullopt;
}

std::vector<reliability::Rating> calibration_ratings(soci::session& sql, long long since) {
    return ratings_where(sql, "", "", since);
}

} // namespace mc::assessment
