// Helpers for the certificate tests: sample facts, files in the build tree, and the
// poppler / zbar command-line tools (tests skip when a tool is not installed).
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "credentials/certificate/certificate.hpp"

namespace mc::credentials::testing {

inline CertificateFacts english_facts() {
    CertificateFacts f;
    f.locale = "en";
    f.recipient_name = "María José Rodríguez-Okafor";
    f.achievement_name = "Responsive, Language-Rich Interactions with Infants and Toddlers";
    f.achievement_description =
        "Demonstrated serve-and-return conversations, narration and open-ended questions that "
        "build early language, shown through classroom video and a reflective narrative.";
    f.competency = "INT-1 Responsive, language-rich interactions";
    f.issuer_name = "Early Learning Workforce Collaborative";
    f.issued_on = "March 14, 2025";
    f.credit_line = "10 clock hours · 1.0 CEU";
    f.verify_url = "https://credentials.example.org/verify/01JQ4ZK3Q5M7N9P2R4T6V8X0Y2";
    f.credential_id = "urn:uuid:6f1c2a8e-3b7d-4e59-9a10-2c4d6e8f0a1b";
    f.label_title = "Certificate of Achievement";
    f.label_awarded_to = "This certifies that";
    f.label_for = "has earned the micro-credential";
    f.label_issued_by = "Issued by";
    f.label_issued_on = "Date issued";
    f.label_verify = "Verify this credential at";
    return f;
}

inline CertificateFacts spanish_facts() {
    CertificateFacts f = english_facts();
    f.locale = "es";
    f.achievement_name = "Interacciones receptivas y ricas en lenguaje con bebés y niños pequeños";
    f.achievement_description =
        "Demostró conversaciones de ida y vuelta, narración y preguntas abiertas que fomentan "
        "el lenguaje temprano, mediante un video de aula y una reflexión escrita.";
    f.competency = "INT-1 Interacciones receptivas y ricas en lenguaje";
    f.issued_on = "14 de marzo de 2025";
    f.credit_line = "10 horas reloj · 1,0 CEU";
    f.label_title = "Certificado de logro";
    f.label_awarded_to = "Se certifica que";
    f.label_for = "obtuvo la microcredencial";
    f.label_issued_by = "Emitido por";
    f.label_issued_on = "Fecha de emisión";
    f.label_verify = "Verifique esta credencial en";
    return f;
}

// Samples are kept in the build tree so a person can look at them after a test run.
inline std::filesystem::path sample_path(const std::string& name) {
    std::filesystem::path dir = std::filesystem::path(MC_CERT_SAMPLE_DIR) / "certificate_samples";
    std::filesystem::create_directories(dir);
    return dir / name;
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline bool have_tool(const char* name) {
    return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs a shell command and returns its standard output (empty on failure).
inline std::string run(const std::string& command) {
    std::string out;
    if (FILE* p = popen(command.c_str(), "r")) {
        char buf[4096];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
        pclose(p);
    }
    return out;
}

// pdftotext output with every run of whitespace collapsed to one space.
inline std::string pdf_text(const std::filesystem::path& pdf) {
    std::string raw = run("pdftotext -enc UTF-8 '" + pdf.string() + "' -");
    std::string out;
    for (char c : raw) {
        bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
        if (space) { if (!out.empty() && out.back() != ' ') out += ' '; }
        else out += c;
    }
    return out;
}

inline std::string without_spaces(std::string s) {
    std::erase(s, ' ');
    return s;
}

} // namespace mc::credentials::testing
