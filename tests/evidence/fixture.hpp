// Shared set-up for the evidence tests: people with sessions, a published micro-credential,
// and helpers that drive tus requests through the real router (streaming PATCH included).
#pragma once

#include <cstdint>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/test_app.hpp"

namespace mc::testing {

struct Person {
    std::string id;
    TestApp::Client client;
};

class EvidenceTest : public ::testing::Test {
protected:
    EvidenceTest();

    // A user with the given role bits, signed in (a sessions row and its cookie).
    Person person(std::uint32_t roles, const std::string& name = "Ana");
    // Publishes a micro-credential with `content` (default_content() when null); returns its id.
    std::string publish(const std::string& slug, nlohmann::json content = nullptr);
    static nlohmann::json default_content(); // overview (5 words), artifact (video/image, 2 files), reflection (3 words)
    std::string enroll(Person& p, const std::string& mc_id); // returns the submission id
    void answer_all(Person& p, const std::string& submission_id);

    // tus
    http::Response tus(Person& p, const std::string& method, const std::string& target,
                       std::map<std::string, std::string> headers = {});
    std::string create_upload(Person& p, const std::string& submission_id, const std::string& part_id,
                              std::uint64_t length, const std::string& type, const std::string& name = "clip.mp4",
                              int* status = nullptr);
    // PATCH through Router::start_stream and the sink, in chunks of `chunk` bytes. When
    // abort_after is set, the "connection drops" after that many bytes: the sink's abort runs.
    http::Response patch(Person& p, const std::string& upload_id, std::uint64_t offset, const std::string& bytes,
                         std::size_t chunk = 64 * 1024, std::size_t abort_after = std::string::npos);
    // Creates and sends a whole file; returns the final PATCH response.
    http::Response upload(Person& p, const std::string& submission_id, const std::string& part_id,
                          const std::string& bytes, const std::string& type, const std::string& name = "clip.mp4");

    long long count(const std::string& sql_text, const std::string& key);
    std::string status_of(const std::string& submission_id);
    void set_status(const std::string& submission_id, const std::string& status);
    std::string csrf_header(Person& p) { return p.client.csrf; }

    TestApp t;
};

// Sample bytes that sniff as what their name says.
std::string fake_mp4(std::size_t size);
std::string fake_pdf(std::size_t size);
std::string fake_jpeg(std::size_t size);

} // namespace mc::testing
