// The authoring form <-> the content document. Form field names are the document's own
// dotted paths under "c." ("c.parts.1.title.es", "c.rubric.criteria.0.descriptors.demonstrated.en"),
// so one generic conversion serves every field and a validation issue's path names its input.
// Pure: no HTTP, no database.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mc::catalog {

// Builds a content document from posted fields. Numbers that do not parse stay text (the
// validator then names the field); rows marked "_remove" and rows left entirely blank are
// dropped, so the empty row a form offers never becomes an error.
nlohmann::json content_from_form(const std::multimap<std::string, std::string>& form);

// Appends an empty row to a list ("method_components", "research", "parts", "rubric.levels",
// "rubric.criteria", ...). False for an unknown list name.
bool add_row(nlohmann::json& content, std::string_view list);

// A fresh draft's content: what a new micro-credential starts from. Valid, so it can be saved;
// texts the author must replace are the given placeholders.
nlohmann::json starter_content(const std::string& title_en, const std::string& title_es,
                               const std::string& placeholder_en, const std::string& placeholder_es);

} // namespace mc::catalog
