#include "credentials/web/verify_worker.hpp"

#include <spdlog/spdlog.h>

#include "platform/process/isolation.hpp"
#include "platform/text/bounded_json.hpp"

namespace mc::credentials {

using nlohmann::json;

namespace {

constexpr auto kVerifyTimeout = std::chrono::seconds(5);
// A report without its credential is a few KB; questions are smaller still.
constexpr text::JsonLimits kReportLimits{.max_bytes = 256u << 10, .max_depth = 8};
constexpr text::JsonLimits kQuestionLimits{.max_bytes = 16u << 10, .max_depth = 4};

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Everything the pages and the API read of a report (the credential itself is not sent back:
// nothing downstream of /verify shows it).
} // namespace

json report_to_wire(const VerificationReport& r) {
    return {{"verdict", static_cast<int>(r.verdict)},   {"trust", static_cast<int>(r.trust)},
            {"status", static_cast<int>(r.status)},     {"signature_ok", r.signature_ok},
            {"issuer_known", r.issuer_known},           {"status_checked", r.status_checked},
            {"signing_key", r.signing_key},             {"trusted_issuer", r.trusted_issuer},
            {"revoked", r.revoked},                     {"expired", r.expired},
            {"not_yet_valid", r.not_yet_valid},         {"credential_id", r.credential_id},
            {"issuer_id", r.issuer_id},                 {"issuer_name", r.issuer_name},
            {"achievement_name", r.achievement_name},   {"recipient_name", r.recipient_name},
            {"valid_from", r.valid_from},               {"valid_until", r.valid_until},
            {"revoked_reason", r.revoked_reason},       {"problems", r.problems},
            {"notes", r.notes}};
}

// The worker may have been subverted by its input, so what it says is checked like any input.
std::optional<VerificationReport> report_from_wire(std::string_view text) {
    auto parsed = text::parse_untrusted_json(text, kReportLimits);
    if (!parsed || !parsed->is_object()) return std::nullopt;
    try {
        const json& j = *parsed;
        VerificationReport r;
        auto in_range = [](int v, int last) { return v >= 0 && v <= last; };
        int verdict = j.at("verdict").get<int>(), trust = j.at("trust").get<int>(), status = j.at("status").get<int>();
        if (!in_range(verdict, static_cast<int>(Verdict::not_a_credential)) ||
            !in_range(trust, static_cast<int>(Trust::unconfirmed)) ||
            !in_range(status, static_cast<int>(StatusCheck::no_list)))
            return std::nullopt;
        r.verdict = static_cast<Verdict>(verdict);
        r.trust = static_cast<Trust>(trust);
        r.status = static_cast<StatusCheck>(status);
        r.signature_ok = j.at("signature_ok").get<bool>();
        r.issuer_known = j.at("issuer_known").get<bool>();
        r.status_checked = j.at("status_checked").get<bool>();
        r.revoked = j.at("revoked").get<bool>();
        r.expired = j.at("expired").get<bool>();
        r.not_yet_valid = j.at("not_yet_valid").get<bool>();
        r.signing_key = j.at("signing_key").get<std::string>();
        r.trusted_issuer = j.at("trusted_issuer").get<std::string>();
        r.credential_id = j.at("credential_id").get<std::string>();
        r.issuer_id = j.at("issuer_id").get<std::string>();
        r.issuer_name = j.at("issuer_name").get<std::string>();
        r.achievement_name = j.at("achievement_name").get<std::string>();
        r.recipient_name = j.at("recipient_name").get<std::string>();
        r.valid_from = j.at("valid_from").get<std::string>();
        r.valid_until = j.at("valid_until").get<std::string>();
        r.revoked_reason = j.at("revoked_reason").get<std::string>();
        // Problems and notes become catalog keys: only names like the verifier's (lower case, digits as in
        // vc_1_1, underscores), never free text.
        auto keys = [](const json& list, std::vector<std::string>& out) {
            for (const auto& p : list) {
                auto key = p.get<std::string>();
                if (key.empty() || key.size() > 40 ||
                    key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
                    return false;
                out.push_back(std::move(key));
            }
            return true;
        };
        if (!keys(j.at("problems"), r.problems) || !keys(j.at("notes"), r.notes)) return std::nullopt;
        return r;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

namespace {

// In the worker: every fact is a question to the server.
class AskingFacts final : public VerifierFacts {
public:
    explicit AskingFacts(const process::Ask& ask) : ask_(ask) {}
    bool our_key_registered(const std::string& issuer_row, const std::string& multibase) override {
        return answer({{"q", "key"}, {"issuer", issuer_row}, {"key", multibase}}).value("yes", false);
    }
    std::optional<std::string> trusted_issuer(const std::string& issuer_id, const std::string& key) override {
        auto a = answer({{"q", "trusted"}, {"issuer", issuer_id}, {"key", key}});
        if (!a.contains("name") || !a["name"].is_string()) return std::nullopt;
        return a["name"].get<std::string>();
    }
    std::optional<bool> status_bit(const std::string& list_id, long long index) override {
        auto a = answer({{"q", "status"}, {"list", list_id}, {"index", index}});
        if (!a.contains("bit") || !a["bit"].is_boolean()) return std::nullopt;
        return a["bit"].get<bool>();
    }
    std::string revoked_reason(const std::string& award_id) override {
        return answer({{"q", "reason"}, {"award", award_id}}).value("reason", "");
    }

private:
    json answer(const json& question) {
        auto parsed = json::parse(ask_(dump(question)), nullptr, false);
        return parsed.is_object() ? parsed : json::object();
    }
    const process::Ask& ask_;
};

// In the server: answers a worker's question from the database. Only these four narrow reads
// exist; anything else gets an empty answer.
std::string answer_question(VerifierFacts& facts, std::string_view text) {
    auto q = text::parse_untrusted_json(text, kQuestionLimits);
    if (!q || !q->is_object()) return "{}";
    try {
        const json& j = *q;
        std::string kind = j.value("q", "");
        if (kind == "key")
            return dump({{"yes", facts.our_key_registered(j.at("issuer").get<std::string>(), j.at("key").get<std::string>())}});
        if (kind == "trusted") {
            auto name = facts.trusted_issuer(j.at("issuer").get<std::string>(), j.at("key").get<std::string>());
            return name ? dump({{"name", *name}}) : "{}";
        }
        if (kind == "status") {
            auto bit = facts.status_bit(j.at("list").get<std::string>(), j.at("index").get<long long>());
            return bit ? dump({{"bit", *bit}}) : "{}";
        }
        if (kind == "reason") return dump({{"reason", facts.revoked_reason(j.at("award").get<std::string>())}});
    } catch (const std::exception&) {
    }
    return "{}";
}

process::WorkerPool& verify_pool(const process::Isolation& iso) {
    static process::WorkerPool pool([&iso] {
        process::PoolOptions o;
        o.executable = iso.executable;
        o.args = {"__worker", "verify"};
        if (iso.crash_hooks) o.args.push_back("--test-crash-hooks");
        // A 1 MiB credential expands to a few tens of MB of trees; 512 MiB of address space
        // leaves room for the allocator and the binary's own mappings.
        o.limits = {.address_space_bytes = 512ull << 20, .cpu_seconds = 20, .file_size_bytes = 0};
        o.timeout = kVerifyTimeout;
        o.max_workers = 4;
        o.max_frame = 4u << 20; // the /verify body limit is below this
        return o;
    }());
    return pool;
}

} // namespace

std::expected<VerificationReport, process::CallError> verify_input_isolated(app::App& app, soci::session& sql,
                                                                            std::string_view bytes) {
    const auto* iso = process::isolation();
    if (!iso) return verify_input(app, sql, bytes);
    auto facts = database_facts(sql);
    std::string job = app.config.base_url;
    job += '\n';
    job += bytes;
    auto result = verify_pool(*iso).call(job, [&](std::string_view q) { return answer_question(*facts, q); });
    if (!result) return std::unexpected(result.error());
    auto report = report_from_wire(*result);
    if (!report)
        return std::unexpected(process::CallError{process::Failure::crashed, "the worker's report did not parse"});
    return *report;
}

int run_verify_worker() {
    return process::serve_jobs([](std::string_view job, const process::Ask& ask) -> std::string {
        auto newline = job.find('\n');
        if (newline == std::string_view::npos) return "{}";
        std::string base_url(job.substr(0, newline));
        auto bytes = job.substr(newline + 1);
        process::test_crash_hook(bytes);
        AskingFacts facts(ask);
        return dump(report_to_wire(verify_input_with(base_url, facts, bytes)));
    });
}

} // namespace mc::credentials
