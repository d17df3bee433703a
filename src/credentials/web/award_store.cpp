#include "credentials/web/award_store.hpp"

#include <ctime>

#include "accounts/notifications.hpp"
#include "credentials/web/status_store.hpp"

namespace mc::credentials {

namespace {

const char* kSelect =
    "SELECT a.id, a.educator_id, u.display_name, a.micro_credential_id, a.version_id, a.credential, a.issued_at, "
    "a.revoked_at, a.revoked_reason, a.status_list_id, a.status_list_index, a.submission_id FROM awards a "
    "JOIN users u ON u.id = a.educator_id ";

AwardRecord from_row(const soci::row& row) {
    AwardRecord r;
    r.id = row.get<std::string>(0);
    r.educator_id = row.get<std::string>(1);
    r.educator_name = row.get<std::string>(2);
    r.micro_credential_id = row.get<std::string>(3);
    r.version_id = row.get<std::string>(4);
    r.credential = nlohmann::json::parse(row.get<std::string>(5), nullptr, false);
    // 64-bit columns come back as long long on both backends only via explicit conversion.
    auto as_ll = [&](std::size_t i) -> long long {
        switch (row.get_properties(i).get_data_type()) {
        case soci::dt_long_long: return row.get<long long>(i);
        case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(i));
        case soci::dt_integer: return row.get<int>(i);
        case soci::dt_double: return static_cast<long long>(row.get<double>(i));
        default: return std::stoll(row.get<std::string>(i));
        }
    };
    r.issued_at = as_ll(6);
    if (row.get_indicator(7) == soci::i_ok) r.revoked_at = as_ll(7);
    if (row.get_indicator(8) == soci::i_ok) r.revoked_reason = row.get<std::string>(8);
    if (row.get_indicator(9) == soci::i_ok) r.status_list_id = row.get<std::string>(9);
    if (row.get_indicator(10) == soci::i_ok) r.status_list_index = as_ll(10);
    if (row.get_indicator(11) == soci::i_ok) r.submission_id = row.get<std::string>(11);
    return r;
}

} // namespace

Result<AwardRecord> find_award(soci::session& sql, const std::string& award_id) {
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kSelect) + "WHERE a.id = :id", soci::use(award_id));
    for (const auto& row : rows) return from_row(row);
    return fail(Errc::not_found, "errors.not_found", "award " + award_id);
}

std::vector<AwardRecord> awards_of(soci::session& sql, const std::string& educator_id) {
    std::vector<AwardRecord> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kSelect) + "WHERE a.educator_id = :e ORDER BY a.issued_at DESC", soci::use(educator_id));
    for (const auto& row : rows) out.push_back(from_row(row));
    return out;
}

std::vector<AwardRecord> recent_awards(soci::session& sql, int limit) {
    std::vector<AwardRecord> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kSelect) + "ORDER BY a.issued_at DESC LIMIT :n", soci::use(limit));
    for (const auto& row : rows) out.push_back(from_row(row));
    return out;
}

Result<void> revoke_award(app::App& app, soci::session& sql, const std::string& award_id, const std::string& by_user,
                          const std::string& reason) {
    auto award = TRY(find_award(sql, award_id));
    if (award.revoked_at) return fail(Errc::conflict, "credentials.already_revoked", "award already revoked");
    long long now = std::time(nullptr);
    sql << "UPDATE awards SET revoked_at = :now, revoked_by = :by, revoked_reason = :reason WHERE id = :id",
        soci::use(now), soci::use(by_user), soci::use(reason), soci::use(award_id);
    if (!award.status_list_id.empty()) TRY(set_status_bit(sql, award.status_list_id, award.status_list_index, true));
    TRY(app.publish(sql, {"award_revoked", award.educator_id, award_id}));
    return accounts::notify(app, sql, award.educator_id, "revoked",
                            {{"title", award.credential.value("name", "")}, {"reason", reason}},
                            "/credentials/" + award_id);
}

std::optional<std::string> revoked_reason_of(soci::session& sql, const std::string& award_id) {
    soci::indicator ind = soci::i_null;
    std::string reason;
    sql << "SELECT revoked_reason FROM awards WHERE id = :id", soci::use(award_id), soci::into(reason, ind);
    if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
    return reason;
}

bool submission_awarded(soci::session& sql, const std::string& submission_id) {
    int existing = 0;
    sql << "SELECT COUNT(*) FROM awards WHERE submission_id = :s", soci::use(submission_id, "s"), soci::into(existing);
    return existing > 0;
}

void insert_award(soci::session& sql, const NewAward& a) {
    sql << "INSERT INTO awards (id, educator_id, submission_id, micro_credential_id, version_id, issuer_id, key_id, "
           "credential, status_list_id, status_list_index, valid_from, issued_at) VALUES (:id, :educator, :sub, :mc, "
           ":version, :issuer, :key, :credential, :list, :idx, :valid_from, :issued)",
        soci::use(a.id, "id"), soci::use(a.educator_id, "educator"), soci::use(a.submission_id, "sub"),
        soci::use(a.micro_credential_id, "mc"), soci::use(a.version_id, "version"), soci::use(a.issuer_id, "issuer"),
        soci::use(a.key_id, "key"), soci::use(a.credential, "credential"), soci::use(a.status_list_id, "list"),
        soci::use(a.status_list_index, "idx"), soci::use(a.valid_from, "valid_from"), soci::use(a.issued_at, "issued");
}

std::vector<std::string> holders_of_version(soci::session& sql, const std::string& version_id) {
    std::vector<std::string> out;
    std::string educator;
    soci::statement st = (sql.prepare << "SELECT educator_id FROM awards WHERE version_id = :v AND revoked_at IS NULL",
                          soci::use(version_id, "v"), soci::into(educator));
    st.execute();
    while (st.fetch()) out.push_back(educator);
    return out;
}

AwardBatch::AwardBatch(soci::session& sql)
    : st_((sql.prepare << "INSERT INTO awards (id, educator_id, micro_credential_id, version_id, issuer_id, key_id, "
                          "credential, status_list_id, status_list_index, valid_from, issued_at) VALUES (:id, "
                          ":educator, :mc, :version, :issuer, :key, :credential, :list, :idx, :valid_from, :issued)",
           soci::use(row_.id, "id"), soci::use(row_.educator_id, "educator"), soci::use(row_.micro_credential_id, "mc"),
           soci::use(row_.version_id, "version"), soci::use(row_.issuer_id, "issuer"), soci::use(row_.key_id, "key"),
           soci::use(row_.credential, "credential"), soci::use(row_.status_list_id, "list"),
           soci::use(row_.status_list_index, "idx"), soci::use(row_.valid_from, "valid_from"),
           soci::use(row_.issued_at, "issued"))) {}

void AwardBatch::add(NewAward&& a) {
    row_ = std::move(a);
    st_.execute(true);
}

} // namespace mc::credentials
