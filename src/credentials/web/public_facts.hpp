// What an employer or licensing officer needs to read on a credential beyond its verdict: what the
// educator showed (the rubric criteria she met, not the instruction she was given), how it was
// assessed, the hours it carries and its competency area. Read from the catalog version the award
// was made under, so a later revision of the micro-credential does not change an old credential's page.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/content.hpp"
#include "platform/http/http.hpp"

namespace mc::credentials {

// "12 clock hours · 1.2 CEUs · 1 college credit hour" in the reader's language (singular for 1).
std::string credit_line(const app::App& app, const http::Request& req, const catalog::Content& content);

// "Demonstrated: A; B; C." from the criteria titles: the certificate's line under the title.
std::string demonstrated_sentence(const app::App& app, const http::Request& req, const catalog::Content& content);

// The facts block of the public page: shown (criteria titles), passing level, evidence parts
// (titles from the catalog only, never the educator's answers or files), how it was assessed,
// credit, competency area and framework from the credential's own alignment.
nlohmann::json public_facts(const app::App& app, const http::Request& req, const catalog::Content& content,
                            const nlohmann::json& credential);

// Where an educator shares a credential from its page: email, WhatsApp, LinkedIn (a post, and
// "Add to profile" with the certification's fields filled so she does not retype them). Each is a
// plain link carrying only the public verification link and the credential's name.
nlohmann::json share_links(const app::App& app, const http::Request& req, const std::string& name,
                           const std::string& issuer_name, const std::string& verify_url, const std::string& award_id,
                           long long issued_at);

} // namespace mc::credentials
