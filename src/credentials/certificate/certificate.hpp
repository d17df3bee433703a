// Printable certificates and badge images for an award: pure rendering, no database, no HTTP.
// Every text field is user data and is drawn literally (never parsed as Pango markup or XML).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace mc::credentials {

struct CertificateFacts {
    std::string locale;            // "en" | "es": fixed labels come in already translated, below
    std::string recipient_name;    // user data: any Unicode, possibly long; never interpreted as markup
    std::string achievement_name;
    std::string achievement_description;
    std::string competency;        // e.g. "INT-1 Responsive, language-rich interactions"
    std::string issuer_name;
    std::string issued_on;         // already formatted for the locale
    std::string credit_line;       // e.g. "10 clock hours · 1.0 CEU"
    std::string verify_url;        // goes in the QR code and printed under it
    std::string credential_id;
    // translated fixed texts
    std::string label_title;       // "Certificate of Achievement" / "Certificado de logro"
    std::string label_awarded_to, label_for, label_issued_by, label_issued_on, label_verify;
};

// Longest accepted field, in bytes. Real values are far shorter; the cap bounds the work
// Pango does for one request and turns absurd input into a clear bad_input error.
inline constexpr std::size_t kMaxCertificateField = 4096;

// A one-page US Letter landscape PDF: title, recipient, achievement, competency, credit, issuer,
// date, and a QR code (error correction M) linking to verify_url with the URL printed beneath it.
// Long texts wrap and shrink to fit their place. Fails with bad_input on invalid UTF-8, a field
// over kMaxCertificateField, or a verify_url that does not fit in a QR code.
// Thread-safe: each thread uses its own Pango font map.
Result<std::string> render_certificate_pdf(const CertificateFacts& facts);

struct BadgeImageFacts { std::string title; std::string subtitle; std::string issuer_name; };

// A 512x512 RGBA PNG badge image for baking: a round emblem with the micro-credential title.
Result<std::string> render_badge_png(const BadgeImageFacts& facts);

// The same badge as a standalone SVG document (text escaped for XML), for SVG baking.
std::string render_badge_svg(const BadgeImageFacts& facts);

// The QR symbol for `text` (8-bit data, error correction M), row-major, true = dark module,
// without the quiet zone. Exposed so tests can check what the certificate draws.
Result<std::vector<std::vector<bool>>> qr_modules(std::string_view text);

} // namespace mc::credentials
