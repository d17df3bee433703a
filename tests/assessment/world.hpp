// Test data for assessment: two employers, an educator, assessors with and without a conflict,
// an admin, a published micro-credential with a three-level rubric, and a submitted attempt.
// Rows are inserted directly, the way the other domains would have written them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/test_app.hpp"

namespace mc::testing {

struct World {
    TestApp& t;
    std::string employer_a, employer_b;
    std::string educator;       // works at employer A; also holds the assessor role (must never judge herself)
    std::string colleague;      // assessor at employer A: conflicted
    std::string assessor_b;     // assessor at employer B
    std::string assessor_c;     // assessor with no employer
    std::string admin;
    std::string other_educator; // employer B, no relation to the submission
    std::string micro_credential, version, enrollment, submission;

    // with_issuer: the agency issuer and its key exist, so "Demonstrated" can award.
    // Every submission is single-scored unless a test turns double scoring on (double_scoring()).
    explicit World(TestApp& app, bool with_issuer = true);

    // Program settings for double scoring; share in [0, 1].
    void double_scoring(double share, bool first_of_version, const std::string& rule = "outcome");
    // A lead assessor (adjudicates disagreements) with the given employer.
    std::string add_lead(const std::string& name, const std::string& employer);

    // How far along the assessor lifecycle a new assessor is: approved (profile, en+es), trained
    // too, or certified too (the default: such an assessor can be assigned anything).
    enum class Ready { approved, trained, certified };
    std::string add_user(const std::string& name, unsigned roles, const std::string& employer,
                         Ready ready = Ready::certified);
    // Brings an assessor to `ready` (profile, training attestations, a passed round's certification).
    void make_ready(const std::string& user_id, Ready ready);
    // A new enrollment + submitted attempt 1 for a fresh educator at the given employer.
    std::string add_submission(const std::string& educator_id);
    // What the evidence code does on "Revise and resubmit": attempt + 1, submitted.
    std::string resubmit(const std::string& previous_submission);

    // A client signed in as the user (a sessions row, as accounts' sign-in would create).
    TestApp::Client as(const std::string& user_id);

    long long count(const std::string& sql_text);
    std::string scalar(const std::string& sql_text);
};

// A JSON API call as `c`: Accept JSON, the CSRF header, and `body` as JSON unless it is null.
http::Response api(TestApp::Client& c, const std::string& method, const std::string& target,
                   const nlohmann::json& body = nullptr);

} // namespace mc::testing
