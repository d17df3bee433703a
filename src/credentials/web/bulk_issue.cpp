#include "credentials/web/bulk_issue.hpp"

#include <atomic>
#include <ctime>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "accounts/notifications.hpp"
#include "accounts/user_store.hpp"
#include "catalog/version_store.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/web/award.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/status_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"

namespace mc::credentials {

namespace {

// A good row on its way to becoming an award.
struct Pending {
    const Recipient* recipient = nullptr;
    std::string award_id;
    std::string user_id;
    bool new_account = false;
    StatusSlot slot;
    std::string credential; // signed, serialized
    std::optional<Error> error;
};

Result<catalog::VersionRecord> resolve_achievement(soci::session& sql, const std::string& ref) {
    if (ref.empty()) return fail(Errc::bad_input, "credentials.bulk.errors.no_achievement", "no achievement given");
    auto version = catalog::load_version(sql, ref);
    if (version) {
        if (version->status != "published")
            return fail(Errc::conflict, "credentials.bulk.errors.not_published", "version " + ref + " is " + version->status);
        return version;
    }
    auto latest = catalog::latest_published(sql, ref);
    if (!latest) return fail(Errc::not_found, "credentials.bulk.errors.unknown_achievement", "no achievement " + ref);
    return latest;
}

// Builds and signs every pending credential, spread over `threads` workers. Canonicalization
// (JSON-LD expansion + RDFC-1.0), not Ed25519, is the cost, and it is independent per award.
void sign_all(std::vector<Pending>& batch, const AwardFacts& base, const SigningKey& key, std::size_t threads,
              SysSeconds issued) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < batch.size(); i = next++) {
            auto& p = batch[i];
            AwardFacts facts = base;
            facts.credential_id = "urn:uuid:" + p.award_id;
            facts.recipient_name = p.recipient->name;
            facts.recipient_email = p.recipient->email;
            facts.recipient_salt = crypto::random_token(12);
            facts.recipient_identifier = p.recipient->identifier;
            facts.valid_from = p.recipient->valid_from.value_or(issued);
            facts.credential_status = p.slot.entry;
            auto signed_vc = sign_credential(build_open_badge_credential(facts), key.key, key.verification_method, issued);
            if (signed_vc) p.credential = signed_vc->dump();
            else p.error = signed_vc.error();
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
}

} // namespace

std::string describe_row_error(const app::App& app, std::string_view locale, const RowError& e) {
    auto message = app.catalog.format(locale, "credentials.bulk.errors." + e.key, {{"value", e.value}});
    if (e.line == 0) return message;
    return app.catalog.format(locale, "credentials.bulk.line", {{"line", std::to_string(e.line)}, {"message", message}});
}

Result<BulkIssueOutcome> bulk_issue(app::App& app, const RecipientList& list, const BulkIssueOptions& options) {
    BulkIssueOutcome out;
    out.errors = list.errors;
    auto sql = app.db->lease();
    auto version = TRY(resolve_achievement(*sql, options.achievement));
    out.version_id = version.id;
    std::string locale = options.locale == "es" ? "es" : "en";
    out.achievement_name = version.content.title.in(locale);
    if (!list.errors.empty()) {
        std::unordered_set<std::size_t> bad_lines;
        for (const auto& e : list.errors) bad_lines.insert(e.line);
        out.skipped_invalid = bad_lines.size();
        bool whole_file = bad_lines.contains(0) || list.rows.empty();
        if (!options.skip_invalid || whole_file) {
            out.aborted = true;
            return out;
        }
    }

    AwardFacts base;
    TRY(fill_achievement_facts(app, *sql, version.id, locale, base));
    auto issuer = TRY(default_issuer(*sql));
    auto key = TRY(active_signing_key(app, *sql, issuer.id));
    base.issuer = issuer_facts(app, issuer);
    base.evidence_narrative =
        app.catalog.format(base.locale, "credentials.bulk.evidence_narrative", {{"date", day_of(std::time(nullptr))}});

    // Who already holds this achievement (a re-run, or an earlier assessed award), by account.
    std::unordered_set<std::string> holders;
    for (auto& id : holders_of_version(*sql, version.id)) holders.insert(std::move(id));
    accounts::EmailLookup accounts_by_email(*sql);
    std::vector<std::pair<const Recipient*, std::optional<std::string>>> todo; // with her account, if any
    for (const auto& r : list.rows) {
        auto account = accounts_by_email.id_of(r.email);
        if (account && holders.contains(*account)) {
            out.rows.push_back({r.line, r.email, "already_held", ""});
            ++out.already_held;
        } else {
            todo.emplace_back(&r, std::move(account));
        }
    }

    std::size_t threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::size_t batch_size = std::max<std::size_t>(1, options.batch_size);
    StatusBatchAllocator slots(app, issuer.id);
    std::size_t done = out.already_held, total = list.rows.size();
    if (options.progress) options.progress(done, total);

    for (std::size_t start = 0; start < todo.size(); start += batch_size) {
        std::vector<Pending> batch;
        std::size_t end = std::min(todo.size(), start + batch_size);
        for (std::size_t i = start; i < end; ++i) {
            Pending p;
            p.recipient = todo[i].first;
            p.award_id = new_award_uuid();
            p.new_account = !todo[i].second;
            p.user_id = todo[i].second ? *todo[i].second : crypto::new_id();
            batch.push_back(std::move(p));
        }
        long long now = std::time(nullptr);
        auto issued = SysSeconds{std::chrono::seconds{now}};

        // A slot taken meanwhile by another writer fails the unique index: read the lists
        // again and redo the batch once.
        for (int attempt = 0;; ++attempt) {
            for (auto& p : batch) p.slot = TRY(slots.next(*sql));
            sign_all(batch, base, key, threads, issued);
            for (const auto& p : batch)
                if (p.error) return std::unexpected(*p.error);
            try {
                db::WriteTx tx(*sql);
                accounts::ProvisionalAccounts new_accounts(*sql);
                AwardBatch awards(*sql);
                for (auto& p : batch) {
                    if (p.new_account)
                        new_accounts.add(p.user_id, p.recipient->email, p.recipient->name, locale, now);
                    awards.add({.id = p.award_id, .educator_id = p.user_id,
                                .micro_credential_id = version.micro_credential_id, .version_id = version.id,
                                .issuer_id = issuer.id, .key_id = key.key_row_id, .credential = std::move(p.credential),
                                .status_list_id = p.slot.list_id, .status_list_index = p.slot.index,
                                .valid_from = p.recipient->valid_from ? p.recipient->valid_from->time_since_epoch().count()
                                                                      : now,
                                .issued_at = now});
                    // Listeners (pathways, milestone surveys) hear of it as of a single award.
                    TRY(app.publish(*sql, {"award_issued", p.user_id, p.award_id}));
                    if (options.notify)
                        TRY(accounts::notify(app, *sql, p.user_id, "awarded", {{"title", out.achievement_name}},
                                             "/credentials/" + p.award_id));
                }
                tx.commit();
                break;
            } catch (const std::exception& e) {
                if (attempt > 0 || !db::is_unique_violation(e)) throw;
                slots.reset();
                for (auto& p : batch) { // a recipient account may have been created meanwhile too
                    if (auto existing = accounts_by_email.id_of(p.recipient->email)) {
                        p.user_id = *existing;
                        p.new_account = false;
                    }
                }
            }
        }
        for (const auto& p : batch) {
            out.rows.push_back({p.recipient->line, p.recipient->email, "issued", p.award_id});
            ++out.issued;
            if (p.new_account) ++out.accounts_created;
        }
        done += batch.size();
        if (options.progress) options.progress(done, total);
    }
    std::sort(out.rows.begin(), out.rows.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
    return out;
}

} // namespace mc::credentials
