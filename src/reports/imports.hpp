// Files the agency uploads: QRIS ratings (one star level per program and date) and the
// classification of counties (rural, urban, ...). Both are CSV with a header row; every row is
// checked and every problem named with its line, and nothing is written unless the caller
// asks after a clean dry run. Pure: text in, rows and errors out.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "reports/impact.hpp"

namespace mc::reports {

struct ImportError {
    std::size_t line = 0; // 0: the whole file
    std::string key;      // reports.imports.errors.<key>
    std::string value;    // the offending text
};

struct ProgramRef {
    std::string id, license_number, name;
};

inline constexpr std::size_t kMaxImportRows = 100000;
inline constexpr std::size_t kMaxImportField = 300;

// Columns: program (its license number, or its id) , rated_on (YYYY-MM-DD), stars (1-5).
struct RatingsFile {
    std::vector<Rating> rows;
    std::vector<ImportError> errors;
};
RatingsFile read_ratings_csv(std::string_view text, const std::vector<ProgramRef>& programs);

// Columns: county, class (a short word such as rural, urban, suburban, frontier).
struct CountyClassFile {
    std::map<std::string, std::string> classes; // county lower-case -> class lower-case
    std::vector<ImportError> errors;
};
CountyClassFile read_county_classes_csv(std::string_view text);

} // namespace mc::reports
