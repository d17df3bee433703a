// Reading the facts reports are made of, from the other domains' stores only (accounts,
// catalog, assessment, credentials, pathways) and this domain's own (ratings): the agency's whole
// workforce, or one program's staff for its director.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "reports/cube.hpp"
#include "reports/impact.hpp"

namespace mc::reports {

struct Sources {
    std::vector<EnrollmentFact> enrollments;
    std::map<std::string, PersonGroups> people;
    std::map<std::string, std::string> area_of;                  // micro-credential -> competency area code
    std::map<std::string, std::vector<std::string>> pathways_of; // micro-credential -> pathways
    ImpactInputs impact;
};

// program_id empty: everyone; else the staff of that program and its own ratings.
Sources load_sources(soci::session& sql, const std::string& program_id = {});

} // namespace mc::reports
