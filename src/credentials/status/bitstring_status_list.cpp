#include "credentials/status/bitstring_status_list.hpp"

#include <sodium.h>
#include <zlib.h>

#include <charconv>

namespace mc::credentials {
namespace {

using nlohmann::json;

auto bad(std::string detail) { return fail(Errc::bad_input, "credentials.errors.bad_status_list", std::move(detail)); }

constexpr int kGzipWindow = 15 + 16; // zlib: 15-bit window, gzip wrapper

Result<Bytes> gzip(const Bytes& data) {
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return fail(Errc::internal, "errors.internal", "deflateInit2 failed");
    Bytes out(deflateBound(&z, data.size()));
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) return fail(Errc::internal, "errors.internal", "deflate did not finish");
    return out;
}

// Inflates one gzip member, refusing output beyond max_out bytes and trailing garbage.
Result<Bytes> gunzip(const Bytes& data, std::size_t max_out) {
    z_stream z{};
    if (inflateInit2(&z, kGzipWindow) != Z_OK) return fail(Errc::internal, "errors.internal", "inflateInit2 failed");
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    Bytes out;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (out.size() >= max_out + 1) break; // one byte past the bound proves it is too large
        std::size_t have = out.size();
        std::size_t chunk = std::min<std::size_t>(64 * 1024, max_out + 1 - have);
        out.resize(have + chunk);
        z.next_out = out.data() + have;
        z.avail_out = static_cast<uInt>(chunk);
        rc = inflate(&z, Z_NO_FLUSH);
        out.resize(have + chunk - z.avail_out);
        if (rc == Z_BUF_ERROR && z.avail_out != 0) break; // truncated input
    }
    bool trailing = z.avail_in != 0;
    inflateEnd(&z);
    if (out.size() > max_out) return fail(Errc::too_large, "credentials.errors.bad_status_list", "status list too large");
    if (rc != Z_STREAM_END) return bad("encodedList is not valid gzip");
    if (trailing) return bad("data after the gzip stream");
    return out;
}

const json* member(const json& obj, const char* name) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(name);
    return it == obj.end() ? nullptr : &*it;
}

const std::string* string_member(const json& obj, const char* name) {
    const json* v = member(obj, name);
    return v && v->is_string() ? &v->get_ref<const std::string&>() : nullptr;
}

} // namespace

BitstringStatusList::BitstringStatusList(std::size_t bits)
    : bytes_((std::max(bits, kMinStatusListBits) + 7) / 8, 0) {}

Result<bool> BitstringStatusList::get(std::size_t index) const {
    if (index >= size()) return bad("status index out of range");
    return (bytes_[index / 8] >> (7 - index % 8) & 1) != 0;
}

Result<void> BitstringStatusList::set(std::size_t index, bool value) {
    if (index >= size()) return bad("status index out of range");
    const auto mask = static_cast<std::uint8_t>(0x80u >> (index % 8));
    if (value) bytes_[index / 8] |= mask;
    else bytes_[index / 8] &= static_cast<std::uint8_t>(~mask);
    return {};
}

Result<std::string> BitstringStatusList::encode() const {
    return multibase_base64url(TRY(gzip(bytes_)));
}

Result<BitstringStatusList> BitstringStatusList::decode(std::string_view encoded_list, std::size_t max_bits) {
    if (encoded_list.size() > kMaxEncodedListChars)
        return fail(Errc::too_large, "credentials.errors.bad_status_list", "encodedList too long");
    if (encoded_list.empty() || encoded_list[0] != 'u') return bad("encodedList must be multibase base64url");
    auto compressed = base64url_decode(encoded_list.substr(1));
    if (!compressed) return bad("encodedList is not base64url");
    auto raw = TRY(gunzip(*compressed, max_bits / 8));
    if (raw.size() * 8 < kMinStatusListBits) return bad("status list shorter than 131072 entries");
    BitstringStatusList list(0);
    list.bytes_ = std::move(raw);
    return list;
}

StatusIndexAllocator::StatusIndexAllocator(std::size_t list_bits, std::span<const std::size_t> used)
    : used_((std::max(list_bits, kMinStatusListBits) + 7) / 8, 0), bits_(used_.size() * 8), free_(bits_) {
    for (auto i : used) (void)mark_used(i);
}

Result<void> StatusIndexAllocator::mark_used(std::size_t index) {
    if (index >= bits_) return bad("status index out of range");
    auto& byte = used_[index / 8];
    const auto mask = static_cast<std::uint8_t>(0x80u >> (index % 8));
    if (!(byte & mask)) {
        byte |= mask;
        --free_;
    }
    return {};
}

Result<std::size_t> StatusIndexAllocator::allocate() {
    if (free_ == 0) return fail(Errc::conflict, "credentials.errors.status_list_full", "no free status index");
    ensure_sodium();
    auto is_used = [&](std::size_t i) { return (used_[i / 8] >> (7 - i % 8) & 1) != 0; };
    // Random probes succeed quickly while the list is mostly free; a scan from a random
    // start finishes the job when it is nearly full.
    std::size_t index = 0;
    bool found = false;
    for (int attempt = 0; attempt < 64 && !found; ++attempt) {
        index = randombytes_uniform(static_cast<std::uint32_t>(bits_));
        found = !is_used(index);
    }
    for (std::size_t step = 0; !found && step < bits_; ++step) {
        index = (index + 1) % bits_;
        found = !is_used(index);
    }
    TRY(mark_used(index));
    return index;
}

json status_list_entry(std::string_view status_list_credential, std::size_t index, std::string_view purpose) {
    const std::string url(status_list_credential);
    return json{{"id", url + "#" + std::to_string(index)},
                {"type", "BitstringStatusListEntry"},
                {"statusPurpose", purpose},
                {"statusListIndex", std::to_string(index)},
                {"statusListCredential", url}};
}

Result<json> build_status_list_credential(const BitstringStatusList& list, const StatusListCredentialOptions& options) {
    if (options.id.empty() || options.issuer_id.empty()) return bad("status list credential needs id and issuer");
    json credential{{"@context", json::array({"https://www.w3.org/ns/credentials/v2"})},
                    {"id", options.id},
                    {"type", json::array({"VerifiableCredential", "BitstringStatusListCredential"})},
                    {"issuer", options.issuer_id},
                    {"validFrom", format_utc(options.valid_from)},
                    {"credentialSubject",
                     {{"id", options.id + "#list"},
                      {"type", "BitstringStatusList"},
                      {"statusPurpose", options.purpose},
                      {"encodedList", TRY(list.encode())}}}};
    if (options.valid_until) credential["validUntil"] = format_utc(*options.valid_until);
    return credential;
}

Result<bool> read_status(const json& status_list_credential, const json& entry) {
    const std::string* type = string_member(entry, "type");
    const std::string* purpose = string_member(entry, "statusPurpose");
    const std::string* index_text = string_member(entry, "statusListIndex");
    const std::string* url = string_member(entry, "statusListCredential");
    if (!type || *type != "BitstringStatusListEntry" || !purpose || !index_text || !url)
        return bad("not a BitstringStatusListEntry");
    std::size_t index = 0;
    auto [end, ec] = std::from_chars(index_text->data(), index_text->data() + index_text->size(), index);
    if (ec != std::errc{} || end != index_text->data() + index_text->size() || index_text->empty())
        return bad("statusListIndex is not a non-negative integer");
    const std::string* list_id = string_member(status_list_credential, "id");
    if (!list_id || *list_id != *url) return bad("status list credential is not the one the entry names");
    const json* subject = member(status_list_credential, "credentialSubject");
    const std::string* list_purpose = subject ? string_member(*subject, "statusPurpose") : nullptr;
    const std::string* encoded = subject ? string_member(*subject, "encodedList") : nullptr;
    if (!list_purpose || !encoded) return bad("status list credential lacks statusPurpose or encodedList");
    if (*list_purpose != *purpose) return bad("status purpose does not match");
    auto list = TRY(BitstringStatusList::decode(*encoded));
    return list.get(index);
}

} // namespace mc::credentials
