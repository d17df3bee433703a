// Survey results as they may be published: counts per answer, optionally by a broad group
// (language, setting), every table passed through small-cell suppression (suppression.hpp).
// Pure: responses in, tables out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "surveys/model.hpp"

namespace mc::surveys {

struct ResponseRow {
    std::string id, micro_credential_id, language, setting, period;
    std::vector<Answer> answers;
};

// A published number: hidden ones carry no value at all, so nothing downstream can leak it.
struct Shown {
    long long value = 0;
    bool hidden = false;
};

struct ItemResult {
    const Item* item = nullptr;
    std::vector<std::string> groups;  // group keys ("" = not stated); one group "all" without a breakdown
    std::vector<std::string> columns; // option ids or Likert points (empty for number and text)
    std::vector<std::vector<Shown>> cells; // [group][column]: chose it
    std::vector<Shown> group_n;       // answered the item (multiple choice: responded to the survey)
    Shown total_n;
    std::vector<Shown> column_total;  // every group together, per column
    std::vector<std::optional<double>> mean, median; // Likert and number items, per group; nullopt when hidden
    std::optional<double> total_mean, total_median;
    std::vector<std::string> comments; // text items: only when at least k people wrote one
    bool comments_hidden = false;
};

// by: "" (no breakdown), "language" or "setting".
std::vector<ItemResult> item_results(const Survey& s, const std::vector<ResponseRow>& responses,
                                     const std::string& by, long long k);

// Median of values (the mean of the two middle ones for an even count); nullopt when empty.
std::optional<double> median_of(std::vector<double> values);

} // namespace mc::surveys
