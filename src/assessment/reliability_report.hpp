// The reliability report: what /admin/reliability, its CSV export and /api/v1/reliability show,
// computed once from the stored ratings (reliability_store) with the pure statistics.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assessment/reliability/analytics.hpp"
#include "assessment/reliability_store.hpp"

namespace mc::assessment {

struct AssessorRow {
    std::string id, name;
    bool lead = false;
    reliability::Summary vs_final;   // against the scores decisions stand on
    reliability::Summary vs_partner; // against the other scorer
    reliability::Summary vs_calibration; // against calibration true scores
    bool judged_on_calibration = false;  // standing from calibration (enough ratings there), else from vs_final
    long long certified_until = 0;
    reliability::Standing standing = reliability::Standing::not_enough_data;
    bool drift_alert = false;        // latest month with enough data is below the bar
    std::string drift_month;         // that month, when drift_alert
    std::optional<double> drift_kappa;
    std::vector<reliability::MonthPoint> months;
    int completed = 0;
    std::optional<double> pass_rate;
    std::optional<double> median_turnaround_days;
};

struct CriterionRow {
    std::string micro_credential_id, criterion_id;
    std::string credential_title, criterion_title;
    reliability::Summary summary; // the two scorers against each other
};

struct CredentialRow {
    std::string id, title;
    int decided = 0, demonstrated = 0, double_scored = 0, adjudicated = 0;
    std::optional<double> pass_rate;
    std::optional<double> median_turnaround_days;
    reliability::Summary summary; // inter-rater, all criteria
};

struct Report {
    Settings settings;
    std::vector<AssessorRow> assessors;
    std::vector<CriterionRow> criteria;
    std::vector<CredentialRow> credentials;
    int double_scored_pairs = 0;
};

Report build_report(const ReliabilityData& data, const Settings& settings, const std::string& locale);

} // namespace mc::assessment
