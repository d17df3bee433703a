// What the privacy pages and the privacy API share (src/evidence only).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "evidence/privacy_store.hpp"

namespace mc::evidence {

void install_privacy_pages(app::App& app);
void install_privacy_api(app::App& app);

// Who the viewer was to the submission: owner | assessor (assigned) | auditor | other.
std::string view_relation(const ViewEntry& v);
// The audit filter from ?submission=&viewer=&from=YYYY-MM-DD&to=YYYY-MM-DD (to: that day included).
Result<ViewFilter> view_filter(const http::Request& req);
// File names are evidence: only readers the evidence policy allows see them in the log.
bool sees_file_names(const http::Principal& p);
// Rows for templates, in the reader's language.
nlohmann::json view_rows(const app::App& app, const http::Request& req, const std::vector<ViewEntry>& views);

} // namespace mc::evidence
