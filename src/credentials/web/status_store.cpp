#include "credentials/web/status_store.hpp"

#include <vector>

#include "credentials/proof/default_proof.hpp"
#include "credentials/status/bitstring_status_list.hpp"
#include "credentials/web/issuer_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::credentials {

namespace {

Result<BitstringStatusList> load_list(soci::session& sql, const std::string& list_id, std::string* issuer_id = nullptr) {
    std::string bits, issuer;
    sql << "SELECT bits, issuer_id FROM status_lists WHERE id = :id", soci::use(list_id), soci::into(bits),
        soci::into(issuer);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "status list " + list_id);
    if (issuer_id) *issuer_id = issuer;
    return BitstringStatusList::decode(bits);
}

Result<std::string> create_list(soci::session& sql, const std::string& issuer_id) {
    BitstringStatusList list;
    auto encoded = TRY(list.encode());
    auto id = crypto::new_id();
    long long now = std::time(nullptr);
    int size = static_cast<int>(list.size());
    sql << "INSERT INTO status_lists (id, issuer_id, purpose, size, bits, updated_at) "
           "VALUES (:id, :issuer, 'revocation', :size, :bits, :now)",
        soci::use(id), soci::use(issuer_id), soci::use(size), soci::use(encoded), soci::use(now);
    return id;
}

} // namespace

std::string status_list_url(const app::App& app, const std::string& list_id) {
    return app.config.base_url + "/status/" + list_id;
}

namespace {
StatusSlot make_slot(const app::App& app, const std::string& list_id, std::size_t index) {
    StatusSlot slot;
    slot.list_id = list_id;
    slot.index = static_cast<long long>(index);
    slot.entry = status_list_entry(status_list_url(app, list_id), index);
    slot.entry["id"] = status_list_url(app, list_id) + "#" + std::to_string(index);
    return slot;
}

std::vector<std::size_t> used_indexes(soci::session& sql, const std::string& list_id) {
    std::vector<std::size_t> used;
    long long index = 0;
    soci::statement st = (sql.prepare << "SELECT status_list_index FROM awards WHERE status_list_id = :l",
                          soci::use(list_id), soci::into(index));
    st.execute();
    while (st.fetch()) used.push_back(static_cast<std::size_t>(index));
    return used;
}
} // namespace

StatusBatchAllocator::StatusBatchAllocator(const app::App& app, std::string issuer_id)
    : app_(app), issuer_id_(std::move(issuer_id)) {}

void StatusBatchAllocator::reset() {
    list_id_.clear();
    allocator_.reset();
}

Result<StatusSlot> StatusBatchAllocator::next(soci::session& sql) {
    if (!allocator_) {
        int size = 0;
        sql << "SELECT id, size FROM status_lists WHERE issuer_id = :i AND purpose = 'revocation' "
               "ORDER BY updated_at DESC, id LIMIT 1",
            soci::use(issuer_id_), soci::into(list_id_), soci::into(size);
        if (!sql.got_data()) {
            list_id_ = TRY(create_list(sql, issuer_id_));
            size = static_cast<int>(kMinStatusListBits);
        }
        auto used = used_indexes(sql, list_id_);
        allocator_ = std::make_unique<StatusIndexAllocator>(static_cast<std::size_t>(size), used);
    }
    auto index = allocator_->allocate();
    if (!index) { // full: start another list and keep going
        list_id_ = TRY(create_list(sql, issuer_id_));
        allocator_ = std::make_unique<StatusIndexAllocator>();
        index = TRY(allocator_->allocate());
    }
    return make_slot(app_, list_id_, *index);
}

// One slot is a batch of one: the same look-up of the current list, the same start of a new
// list when it is full.
Result<StatusSlot> allocate_status(const app::App& app, soci::session& sql, const std::string& issuer_id) {
    StatusBatchAllocator one(app, issuer_id);
    return one.next(sql);
}

Result<void> set_status_bit(soci::session& sql, const std::string& list_id, long long index, bool revoked) {
    auto list = TRY(load_list(sql, list_id));
    TRY(list.set(static_cast<std::size_t>(index), revoked));
    auto encoded = TRY(list.encode());
    long long now = std::time(nullptr);
    sql << "UPDATE status_lists SET bits = :bits, updated_at = :now WHERE id = :id", soci::use(encoded), soci::use(now),
        soci::use(list_id);
    return {};
}

Result<bool> status_bit(soci::session& sql, const std::string& list_id, long long index) {
    auto list = TRY(load_list(sql, list_id));
    return list.get(static_cast<std::size_t>(index));
}

Result<nlohmann::json> signed_status_list(app::App& app, soci::session& sql, const std::string& list_id) {
    std::string issuer_id;
    auto list = TRY(load_list(sql, list_id, &issuer_id));
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    StatusListCredentialOptions options;
    options.id = status_list_url(app, list_id);
    options.issuer_id = issuer_url(app, issuer_id);
    options.valid_from = now;
    // Short-lived so verifiers refetch and see revocations within a day.
    options.valid_until = now + std::chrono::hours(24);
    auto unsigned_list = TRY(build_status_list_credential(list, options));
    auto key = TRY(active_signing_key(app, sql, issuer_id));
    return sign_credential(unsigned_list, key.key, key.verification_method, now);
}

} // namespace mc::credentials
