#include "credentials/web/issuer_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>

#include <sodium.h>

#include "credentials/keys/encoding.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::credentials {

namespace {

// Writes bytes durably: a reader sees the old file or the whole new one, never a torn one.
Result<void> write_file_durably(const std::filesystem::path& path, ByteView bytes, mode_t mode) {
    auto tmp = path;
    tmp += ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return fail(Errc::internal, "errors.internal", "cannot create " + tmp.string());
    bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0)
        return fail(Errc::internal, "errors.internal", "cannot write " + path.string());
    int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

SysSeconds now_seconds() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

} // namespace

Result<MasterKey> load_or_create_master_key(const std::filesystem::path& data_dir) {
    auto dir = data_dir / "keys";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
    auto path = dir / "master.key";
    MasterKey key{};
    if (std::filesystem::exists(path)) {
        std::ifstream in(path, std::ios::binary);
        in.read(reinterpret_cast<char*>(key.data()), key.size());
        if (in.gcount() != static_cast<std::streamsize>(key.size()))
            return fail(Errc::internal, "errors.internal", "master key file is damaged: " + path.string());
        return key;
    }
    ensure_sodium();
    randombytes_buf(key.data(), key.size());
    TRY(write_file_durably(path, ByteView(key.data(), key.size()), 0600));
    return key;
}

std::string issuer_url(const app::App& app, const std::string& issuer_id) {
    return app.config.base_url + "/issuers/" + issuer_id;
}

IssuerFacts issuer_facts(const app::App& app, const IssuerRecord& issuer) {
    return {issuer_url(app, issuer.id), issuer.name, issuer.url, issuer.email, issuer.description};
}

Result<IssuerRecord> find_issuer(soci::session& sql, const std::string& issuer_id) {
    IssuerRecord r;
    sql << "SELECT id, name, url, email, description FROM issuers WHERE id = :id", soci::use(issuer_id),
        soci::into(r.id), soci::into(r.name), soci::into(r.url), soci::into(r.email), soci::into(r.description);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "issuer " + issuer_id);
    return r;
}

Result<IssuerRecord> default_issuer(soci::session& sql) {
    std::string id;
    sql << "SELECT id FROM issuers ORDER BY created_at LIMIT 1", soci::into(id);
    if (!sql.got_data()) return fail(Errc::unavailable, "credentials.no_issuer", "no issuer configured");
    return find_issuer(sql, id);
}

namespace {

Result<std::string> insert_key(app::App& app, soci::session& sql, const std::string& issuer_id) {
    auto master = TRY(load_or_create_master_key(app.config.data_dir));
    auto row_id = crypto::new_id();
    auto key = TRY(generate_issuer_key(KeyAlgorithm::ed25519, row_id, now_seconds()));
    auto sealed = TRY(seal_issuer_key(key, master));
    auto multibase = TRY(public_key_multibase(key.public_part()));
    std::string sealed_text = base64url_encode(sealed.sealed_secret);
    long long now = std::time(nullptr);
    std::string alg = "Ed25519";
    sql << "INSERT INTO issuer_keys (id, issuer_id, algorithm, public_key, sealed_secret, created_at) "
           "VALUES (:id, :issuer, :alg, :pub, :sealed, :now)",
        soci::use(row_id), soci::use(issuer_id), soci::use(alg), soci::use(multibase), soci::use(sealed_text),
        soci::use(now);
    return row_id;
}

} // namespace

Result<void> ensure_default_issuer(app::App& app) {
    auto sql = app.db->lease();
    db::WriteTx tx(*sql);
    int count = 0;
    *sql << "SELECT COUNT(*) FROM issuers", soci::into(count);
    std::string issuer_id;
    if (count == 0) {
        issuer_id = crypto::new_id();
        std::string org_id;
        soci::indicator org_ind = soci::i_null;
        *sql << "SELECT id FROM organizations WHERE kind = 'agency' ORDER BY created_at LIMIT 1",
            soci::into(org_id, org_ind);
        std::string name = org_ind == soci::i_ok ? "" : "microcred";
        if (org_ind == soci::i_ok) *sql << "SELECT name FROM organizations WHERE id = :id", soci::use(org_id), soci::into(name);
        long long now = std::time(nullptr);
        std::string url = app.config.base_url;
        std::string email = "credentials@microcred.test";
        std::string description = "Issues micro-credentials to early care and education professionals.";
        soci::indicator org_use = org_ind == soci::i_ok ? soci::i_ok : soci::i_null;
        *sql << "INSERT INTO issuers (id, org_id, name, url, email, description, created_at) "
                "VALUES (:id, :org, :name, :url, :email, :description, :now)",
            soci::use(issuer_id), soci::use(org_id, org_use), soci::use(name), soci::use(url), soci::use(email),
            soci::use(description), soci::use(now);
    } else {
        *sql << "SELECT id FROM issuers ORDER BY created_at LIMIT 1", soci::into(issuer_id);
    }
    int keys = 0;
    *sql << "SELECT COUNT(*) FROM issuer_keys WHERE issuer_id = :id AND retired_at IS NULL", soci::use(issuer_id),
        soci::into(keys);
    if (keys == 0) TRY(insert_key(app, *sql, issuer_id));
    tx.commit();
    return {};
}

Result<SigningKey> active_signing_key(app::App& app, soci::session& sql, const std::string& issuer_id) {
    auto master = TRY(load_or_create_master_key(app.config.data_dir));
    SealedIssuerKey sealed;
    std::string public_key, sealed_text;
    long long created = 0;
    sql << "SELECT id, public_key, sealed_secret, created_at FROM issuer_keys WHERE issuer_id = :i AND "
           "retired_at IS NULL AND algorithm = 'Ed25519' ORDER BY created_at DESC LIMIT 1",
        soci::use(issuer_id), soci::into(sealed.id), soci::into(public_key), soci::into(sealed_text), soci::into(created);
    if (!sql.got_data()) return fail(Errc::unavailable, "credentials.no_key", "issuer has no active key");
    auto pub = TRY(ed25519_public_key_from_multibase(public_key));
    sealed.algorithm = KeyAlgorithm::ed25519;
    sealed.created = SysSeconds{std::chrono::seconds{created}};
    sealed.public_key = pub.bytes;
    sealed.sealed_secret = TRY(base64url_decode(sealed_text));
    SigningKey out;
    out.key_row_id = sealed.id;
    out.key = TRY(unseal_issuer_key(sealed, master));
    out.verification_method = issuer_url(app, issuer_id) + "#" + public_key;
    return out;
}

Result<std::string> rotate_key(app::App& app, soci::session& sql, const std::string& issuer_id) {
    long long now = std::time(nullptr);
    sql << "UPDATE issuer_keys SET retired_at = :now WHERE issuer_id = :i AND retired_at IS NULL", soci::use(now),
        soci::use(issuer_id);
    return insert_key(app, sql, issuer_id);
}

std::vector<PublishedKey> published_keys(const app::App& app, soci::session& sql, const std::string& issuer_id) {
    std::vector<PublishedKey> out;
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT public_key, retired_at FROM issuer_keys WHERE issuer_id = :i "
                                                   "AND algorithm = 'Ed25519' ORDER BY created_at",
                                    soci::use(issuer_id));
    for (const auto& row : rows) {
        PublishedKey k;
        k.public_key_multibase = row.get<std::string>(0);
        k.retired = row.get_indicator(1) == soci::i_ok;
        k.verification_method = issuer_url(app, issuer_id) + "#" + k.public_key_multibase;
        out.push_back(std::move(k));
    }
    return out;
}

nlohmann::json issuer_profile_document(const app::App& app, soci::session& sql, const IssuerRecord& issuer) {
    auto id = issuer_url(app, issuer.id);
    nlohmann::json methods = nlohmann::json::array();
    nlohmann::json assertion = nlohmann::json::array();
    for (const auto& k : published_keys(app, sql, issuer.id)) {
        methods.push_back({{"id", k.verification_method},
                           {"type", "Multikey"},
                           {"controller", id},
                           {"publicKeyMultibase", k.public_key_multibase}});
        assertion.push_back(k.verification_method);
    }
    return {{"@context", nlohmann::json::array({kVcContextV2, kObContext, "https://w3id.org/security/multikey/v1"})},
            {"id", id},
            {"type", nlohmann::json::array({"Profile"})},
            {"name", issuer.name},
            {"url", issuer.url},
            {"email", issuer.email},
            {"description", issuer.description},
            {"verificationMethod", methods},
            {"assertionMethod", assertion}};
}

std::vector<KeyDates> key_history(soci::session& sql, const std::string& issuer_id) {
    std::vector<KeyDates> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT public_key, created_at, retired_at FROM issuer_keys WHERE issuer_id = :i "
                        "AND algorithm = 'Ed25519' ORDER BY created_at DESC, id",
         soci::use(issuer_id));
    auto as_ll = [](const soci::row& row, std::size_t i) -> long long {
        switch (row.get_properties(i).get_data_type()) {
        case soci::dt_long_long: return row.get<long long>(i);
        case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(i));
        case soci::dt_integer: return row.get<int>(i);
        default: return std::stoll(row.get<std::string>(i));
        }
    };
    for (const auto& row : rows) {
        KeyDates k;
        k.public_key_multibase = row.get<std::string>(0);
        k.created_at = as_ll(row, 1);
        if (row.get_indicator(2) == soci::i_ok) k.retired_at = as_ll(row, 2);
        out.push_back(std::move(k));
    }
    return out;
}

bool is_issuer_key(soci::session& sql, const std::string& issuer_id, const std::string& public_key_multibase) {
    int count = 0;
    sql << "SELECT COUNT(*) FROM issuer_keys WHERE issuer_id = :i AND public_key = :k", soci::use(issuer_id),
        soci::use(public_key_multibase), soci::into(count);
    return count > 0;
}

} // namespace mc::credentials
