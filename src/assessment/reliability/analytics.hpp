// Reliability analytics over stored ratings: group rating pairs by assessor, criterion,
// micro-credential or month, measure each group, and say who falls below the agency's bar.
// Pure: the store gathers the ratings, the pages draw them.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assessment/reliability/agreement.hpp"

namespace mc::assessment::reliability {

// What a rating is compared with.
enum class Reference {
    partner,     // the other assessor's independent score on a double-scored submission
    final_score, // the score the decision stands on (agreed or adjudicated), not the assessor's own
    calibration, // the known "true" score of a calibration submission
};

// One criterion of one submission as an assessor rated it, beside the reference rating.
// Levels are ranks on the rubric (0 = lowest); k is the rubric's number of levels.
struct Rating {
    std::string assessor_id;
    std::string partner_id; // the other assessor, for Reference::partner
    std::string micro_credential_id;
    std::string criterion_id;
    std::string submission_id;
    int level = 0;
    int reference_level = 0;
    int k = 2;
    long long at = 0; // when the assessor finished scoring (unix seconds)
    Reference reference = Reference::partner;
};

struct Summary {
    double n = 0;
    std::optional<double> exact;
    std::optional<double> kappa;
    std::optional<double> linear;
    std::optional<double> quadratic;
};

// One table over the ratings (k = the largest rubric among them; ranks keep their order).
Summary summarize(const std::vector<Rating>& ratings);

// Ratings split by a key (assessor id, criterion, month, ...), each group summarized; keys sorted.
std::map<std::string, Summary> summarize_by(const std::vector<Rating>& ratings,
                                            const std::function<std::string(const Rating&)>& key);

// The bar an assessor's kappa must reach. Below it with enough ratings to say so: an alert.
// Too few ratings (or kappa undefined) is "not enough data", never an alert.
struct Bar {
    double kappa = 0.8;
    double min_ratings = 10;
};
enum class Standing { meets, below, not_enough_data };
Standing standing(const Summary& s, const Bar& bar);

// Drift: the assessor's months in order; alert when the latest month that has enough ratings
// is below the bar (even if the overall figure still meets it).
struct MonthPoint {
    std::string month;
    Summary summary;
};
std::vector<MonthPoint> by_month(const std::vector<Rating>& ratings);
bool drifted_below(const std::vector<MonthPoint>& months, const Bar& bar);

// Median of the values (0 when empty): turnaround in days and the like.
double median(std::vector<double> values);

} // namespace mc::assessment::reliability
