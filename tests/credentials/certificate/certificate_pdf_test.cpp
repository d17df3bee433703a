#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "credentials/certificate/certificate.hpp"
#include "render_tools.hpp"

namespace mc::credentials {
namespace {

using namespace testing;

// cairo writes object dictionaries uncompressed, so pages can be counted in the raw bytes.
int page_count(const std::string& pdf) {
    static const std::regex page(R"(/Type\s*/Page[^s])");
    return static_cast<int>(std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page),
                                          std::sregex_iterator()));
}

std::string render_to(const CertificateFacts& facts, const std::string& name) {
    auto pdf = render_certificate_pdf(facts);
    EXPECT_TRUE(pdf.has_value()) << (pdf ? "" : pdf.error().detail);
    if (!pdf) return {};
    write_file(sample_path(name), *pdf);
    return *pdf;
}

TEST(CertificatePdf, IsOnePdfPage) {
    const std::string pdf = render_to(english_facts(), "certificate_en.pdf");
    ASSERT_TRUE(pdf.starts_with("%PDF-"));
    EXPECT_EQ(page_count(pdf), 1);
    EXPECT_NE(pdf.find("/MediaBox [ 0 0 792 612 ]"), std::string::npos) << "US Letter landscape";
}

TEST(CertificatePdf, TextHoldsTheFacts) {
    if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
    const CertificateFacts f = english_facts();
    render_to(f, "certificate_en_text.pdf");
    const std::string text = pdf_text(sample_path("certificate_en_text.pdf"));
    for (const std::string* s : {&f.label_title, &f.recipient_name, &f.achievement_name,
                                 &f.competency, &f.issuer_name, &f.issued_on, &f.credit_line,
                                 &f.label_verify, &f.credential_id})
        EXPECT_NE(text.find(*s), std::string::npos) << *s << "\nin: " << text;
    // The URL may be broken across lines; compare without whitespace.
    EXPECT_NE(without_spaces(text).find(f.verify_url), std::string::npos) << text;
}

TEST(CertificatePdf, MarkupInNamesIsPrintedLiterally) {
    if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
    CertificateFacts f = english_facts();
    f.recipient_name = "<b>Ana & \"Zoë\"</b>";
    f.issuer_name = "<span foreground=\"red\">Agency</span> &amp; Co";
    render_to(f, "certificate_markup.pdf");
    const std::string text = pdf_text(sample_path("certificate_markup.pdf"));
    EXPECT_NE(text.find("<b>Ana & \"Zoë\"</b>"), std::string::npos) << text;
    // The issuer column is narrow, so that text wraps: compare without the line breaks.
    EXPECT_NE(without_spaces(text).find("<spanforeground=\"red\">Agency</span>&amp;Co"), std::string::npos)
        << text;
}

TEST(CertificatePdf, VeryLongNameStaysOnOnePage) {
    CertificateFacts f = english_facts();
    f.recipient_name.clear();
    while (f.recipient_name.size() < 300) f.recipient_name += "Guadalupe Hernández-Wellington ";
    f.recipient_name.resize(300);
    f.achievement_name = std::string(400, 'W'); // one unbreakable word must not overflow either
    const std::string pdf = render_to(f, "certificate_long_name.pdf");
    ASSERT_TRUE(pdf.starts_with("%PDF-"));
    EXPECT_EQ(page_count(pdf), 1);
    if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed: the text checks did not run";
    const std::string text = pdf_text(sample_path("certificate_long_name.pdf"));
    EXPECT_NE(text.find("Guadalupe Hernández-Wellington Guadalupe"), std::string::npos) << text;
    EXPECT_NE(text.find(f.issuer_name), std::string::npos) << "later fields still drawn";
}

TEST(CertificatePdf, SpanishLabelsKeepTheirAccents) {
    if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
    const CertificateFacts f = spanish_facts();
    render_to(f, "certificate_es.pdf");
    const std::string text = pdf_text(sample_path("certificate_es.pdf"));
    for (const std::string* s : {&f.label_title, &f.label_issued_on, &f.achievement_name,
                                 &f.issued_on, &f.label_verify})
        EXPECT_NE(text.find(*s), std::string::npos) << *s << "\nin: " << text;
}

TEST(CertificatePdf, QrCodeScansToTheVerifyUrl) {
    if (!have_tool("pdftoppm") || !have_tool("zbarimg"))
        GTEST_SKIP() << "pdftoppm (poppler-utils) or zbarimg (zbar-tools) not installed";
    const CertificateFacts f = english_facts();
    render_to(f, "certificate_qr.pdf");
    // Also the human-viewable sample: certificate_samples/certificate_qr-1.png.
    const auto stem = sample_path("certificate_qr");
    run("pdftoppm -r 150 -png '" + sample_path("certificate_qr.pdf").string() + "' '" + stem.string() + "'");
    const std::string decoded = run("zbarimg --quiet --raw -Sdisable -Sqrcode.enable '" + stem.string() + "-1.png' 2>/dev/null");
    EXPECT_EQ(decoded, f.verify_url + "\n");
}

TEST(CertificatePdf, RefusesBadInput) {
    CertificateFacts f = english_facts();
    f.recipient_name = "Ana \xC3\x28"; // invalid UTF-8
    auto r = render_certificate_pdf(f);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::bad_input);

    f = english_facts();
    f.recipient_name = std::string(kMaxCertificateField + 1, 'a');
    r = render_certificate_pdf(f);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::bad_input);

    f = english_facts();
    f.verify_url.clear();
    EXPECT_FALSE(render_certificate_pdf(f));
}

TEST(CertificatePdf, RendersConcurrently) {
    // Each thread uses its own Pango font map; run under TSan/ASan to check more than "no crash".
    std::vector<std::thread> threads;
    std::array<bool, 4> ok{};
    for (std::size_t i = 0; i < ok.size(); ++i)
        threads.emplace_back([&ok, i] {
            for (int n = 0; n < 3; ++n) {
                auto pdf = render_certificate_pdf(i % 2 ? spanish_facts() : english_facts());
                ok[i] = pdf && pdf->starts_with("%PDF-");
                if (!ok[i]) return;
            }
        });
    for (auto& t : threads) t.join();
    for (bool b : ok) EXPECT_TRUE(b);
}

} // namespace
} // namespace mc::credentials
