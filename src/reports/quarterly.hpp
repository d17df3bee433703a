// The quarterly report: the quarter's participation and outcomes, the trend of the last
// quarters, equity, Spanish and English side by side, impact and indicators, in the caller's
// language; as a web page (charts beside their tables) and as a PDF drawn with cairo and Pango.
#pragma once

#include <string>
#include <vector>

#include "reports/web.hpp"

namespace mc::reports {

struct QuarterlyReport {
    std::string quarter, title, subtitle;
    std::vector<Table> tables;
};
QuarterlyReport quarterly_report(app::App& app, const http::Request& req, const Scope& scope, const Report& r,
                                 const std::string& quarter);

// One or more US Letter portrait pages: title, then each table with a bar chart of its charted
// column where it has one, and the words saying how it is computed. Text is drawn literally.
Result<std::string> render_quarterly_pdf(const QuarterlyReport& q, const std::string& footer);

} // namespace mc::reports
