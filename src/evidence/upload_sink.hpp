// The receiving end of a tus PATCH: appends the body to data/uploads/<id>.part as it arrives
// (memory stays flat for a 2 GB video) and, when the last byte lands, checks the type by
// content, hashes and moves the bytes into the content-addressed store.
#pragma once

#include <memory>
#include <string>

#include "app/app.hpp"
#include "evidence/submission_store.hpp"
#include "platform/http/http.hpp"

namespace mc::evidence {

// Only one PATCH per upload at a time: a second one (a client retrying while the first is
// still draining) would interleave bytes. Released when the guard goes.
class UploadLock {
public:
    static std::unique_ptr<UploadLock> try_acquire(const std::string& upload_id);
    static bool is_held(const std::string& upload_id);
    ~UploadLock();

private:
    explicit UploadLock(std::string id) : id_(std::move(id)) {}
    std::string id_;
};

// Makes the .part file agree with the recorded offset: bytes after it were never acknowledged
// (the server died before recording them) and are cut; a missing file restarts at 0.
Result<void> reconcile_part_file(app::App& app, soci::session& sql, UploadRow& upload);

Result<std::unique_ptr<http::BodySink>> open_sink(app::App& app, UploadRow upload, std::unique_ptr<UploadLock> lock);

// Forgets the in-memory hashing progress of an upload (terminated or finished).
void forget_hash_progress(const std::string& upload_id);

http::Response tus_response(int status);

} // namespace mc::evidence
