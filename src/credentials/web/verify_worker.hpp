// Pasted and uploaded credentials are verified in a worker process (platform/process): their
// bytes go through the PNG and SVG readers, the JSON and JWT parsers, JSON-LD expansion and
// canonicalization there, so a crash or a runaway input costs only that one request. The worker
// holds no database and no keys (verifying needs only public keys); what it must know about this
// agency (is a key ours, is an issuer trusted, a status bit) it asks the server mid-job.
#pragma once

#include <expected>
#include <optional>
#include <string_view>

#include "credentials/web/verifier.hpp"
#include "platform/process/worker_pool.hpp"

namespace mc::credentials {

// verify_input in a worker when isolation is on (`serve`), in-process otherwise.
std::expected<VerificationReport, process::CallError> verify_input_isolated(app::App& app, soci::session& sql,
                                                                            std::string_view bytes);

// What crosses the socket: the report as JSON, and back. The server checks what comes back like
// any untrusted input (enums in range, problem and note names only), so a subverted worker can at
// worst mislabel its own request.
nlohmann::json report_to_wire(const VerificationReport& r);
std::optional<VerificationReport> report_from_wire(std::string_view text);

// The worker's main (`microcred __worker verify`).
int run_verify_worker();

} // namespace mc::credentials
