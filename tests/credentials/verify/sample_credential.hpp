// Test helper: an OpenBadgeCredential as award.cpp builds it, without a database.
#pragma once

#include "credentials/model/open_badge.hpp"

namespace verify_test {

inline mc::credentials::AwardFacts sample_facts() {
    using namespace mc::credentials;
    AwardFacts f;
    f.credential_id = "urn:uuid:1f0c5b5e-2f4a-4c0e-9b1d-6a3e8e0b9a11";
    f.achievement_id = "https://microcred.example/achievements/v1";
    f.locale = "en";
    f.issuer = {"https://microcred.example/issuers/main", "State ECE Agency", "https://agency.example",
                "credentials@agency.example", "Early childhood workforce credentials"};
    f.content.title = {"Responsive caregiving", "Cuidado receptivo"};
    f.content.summary = {"Shows responsive interactions with infants.", ""};
    f.content.key_method = {"Serve and return", ""};
    f.content.credit.college_credit_hours = 1;
    f.content.rubric.levels = {{"not_yet", {"Not yet", ""}}, {"demonstrated", {"Demonstrated", ""}}};
    f.content.rubric.passing_level = "demonstrated";
    f.content.rubric.criteria = {{"c1", "p1", {"Responds to cues", ""},
                                  {{"not_yet", {"Misses cues", ""}}, {"demonstrated", {"Responds to cues", ""}}}}};
    f.competency_code = "RC.1";
    f.competency_title = "Responsive caregiving";
    f.competency_url = "https://microcred.example/api/v1/frameworks/ece#RC.1";
    f.framework_title = "ECE competencies";
    f.recipient_name = "Ana Educator";
    f.recipient_email = "ana@example.org";
    f.recipient_salt = "salt123";
    f.scores = {{"c1", "demonstrated"}};
    f.valid_from = std::chrono::sys_seconds{std::chrono::seconds{1700000000}};
    f.evidence_narrative = "Two evidence parts reviewed on 2023-11-14.";
    f.credential_status = {{"id", "https://microcred.example/status/1#5"},
                           {"type", "BitstringStatusListEntry"},
                           {"statusPurpose", "revocation"},
                           {"statusListIndex", "5"},
                           {"statusListCredential", "https://microcred.example/status/1"}};
    return f;
}

} // namespace verify_test
