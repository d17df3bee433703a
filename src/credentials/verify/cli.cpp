#include "credentials/verify/cli.hpp"

#include <fstream>

#include "credentials/baking/png_bake.hpp"

namespace mc::credentials {
namespace {

// Reads in chunks and stops one byte past the limit, so an oversized file (or an endless
// pipe) is refused without being loaded whole.
bool read_bounded(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    out.clear();
    char chunk[1 << 16];
    while (out.size() <= kMaxBakedImageBytes && in.read(chunk, sizeof chunk).gcount() > 0)
        out.append(chunk, static_cast<std::size_t>(in.gcount()));
    return !in.bad();
}

void print(std::ostream& out, const std::string& file, const OfflineReport& r) {
    // The first word says it all: confirmed, signature only, or not valid.
    out << file << ": "
        << (r.confirmed ? "VALID, issuer confirmed" : r.valid ? "SIGNATURE INTACT, ISSUER NOT CONFIRMED" : "NOT VALID") << "\n"
        << "  form:       " << r.form << "\n"
        << "  signature:  " << r.signature << "\n"
        << "  issuer:     " << r.issuer << "\n"
        << "  expiry:     " << r.expiry << "\n"
        << "  revocation: " << r.revocation << "\n"
        << "  schema:     " << r.schema << "\n";
    for (const auto& note : r.notes) out << "  note:       " << note << "\n";
}

} // namespace

int verify_files(const std::vector<std::string>& files, std::ostream& out) { return verify_files(files, out, {}); }

int verify_files(const std::vector<std::string>& files, std::ostream& out, const OfflineOptions& options) {
    if (files.empty()) {
        out << "no file given: microcred credentials verify [--trust-key KEY]... FILE...\n";
        return kVerifyUsage;
    }
    bool all_valid = true, all_confirmed = true;
    for (const auto& file : files) {
        std::string bytes;
        OfflineReport r;
        if (!read_bounded(file, bytes)) {
            r.form = "unreadable";
            r.signature = "NOT checked: the file cannot be read";
            r.issuer = r.expiry = r.revocation = r.schema = "not checked";
        } else {
            r = verify_offline(bytes, options);
        }
        all_valid = all_valid && r.valid;
        all_confirmed = all_confirmed && r.confirmed;
        print(out, file, r);
    }
    return !all_valid ? kVerifyNotValid : all_confirmed ? kVerifyConfirmed : kVerifySignatureOnly;
}

} // namespace mc::credentials
