#include "credentials/rdfc/nquads.hpp"

#include <cctype>
#include <cstdint>

namespace mc::credentials::rdf {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// A cursor over one document; every failure carries the line for the log.
class Parser {
public:
    explicit Parser(std::string_view t) : text_(t) {}

    Result<Dataset> run() {
        Dataset out;
        while (true) {
            skip_blank_lines();
            if (pos_ >= text_.size()) break;
            Quad q;
            q.subject = TRY(read_subject_or_graph());
            skip_ws();
            if (peek() != '<') return error("predicate must be an IRI");
            q.predicate = TRY(read_iri());
            skip_ws();
            q.object = TRY(read_object());
            skip_ws();
            if (peek() == '<' || peek() == '_') q.graph = TRY(read_subject_or_graph());
            skip_ws();
            if (peek() != '.') return error("expected '.'");
            ++pos_;
            skip_ws();
            if (peek() == '#') skip_comment();
            if (pos_ < text_.size() && peek() != '\n' && peek() != '\r') return error("junk after '.'");
            out.push_back(std::move(q));
        }
        return out;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;

    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    std::unexpected<Error> error(const char* what) const {
        return std::unexpected(Error{Errc::bad_input, "credentials.bad_nquads",
                                     "line " + std::to_string(line_) + ": " + what});
    }
    void skip_ws() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    }
    void skip_comment() {
        while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
    }
    void skip_blank_lines() {
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == ' ' || c == '\t' || c == '\r') ++pos_;
            else if (c == '\n') { ++pos_; ++line_; }
            else if (c == '#') skip_comment();
            else break;
        }
    }

    Result<Term> read_subject_or_graph() {
        if (peek() == '<') return read_iri();
        if (peek() == '_') return read_blank();
        return error("expected IRI or blank node");
    }
    Result<Term> read_object() {
        if (peek() == '"') return read_literal();
        return read_subject_or_graph();
    }

    Result<std::uint32_t> read_uchar() { // at the 'u' or 'U' after a backslash
        int n = text_[pos_] == 'u' ? 4 : 8;
        ++pos_;
        if (pos_ + n > text_.size()) return error("short \\u escape");
        std::uint32_t cp = 0;
        for (int i = 0; i < n; ++i) {
            int h = hex_value(text_[pos_ + i]);
            if (h < 0) return error("bad hex digit");
            cp = cp * 16 + static_cast<std::uint32_t>(h);
        }
        pos_ += n;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return error("bad code point");
        return cp;
    }

    Result<Term> read_iri() {
        ++pos_; // '<'
        std::string v;
        while (true) {
            if (pos_ >= text_.size()) return error("unterminated IRI");
            char c = text_[pos_];
            if (c == '>') { ++pos_; break; }
            if (c == '\\') {
                ++pos_;
                if (peek() != 'u' && peek() != 'U') return error("bad escape in IRI");
                append_utf8(v, TRY(read_uchar()));
                continue;
            }
            if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' ||
                c == '|' || c == '^' || c == '`')
                return error("bad character in IRI");
            v += c;
            ++pos_;
        }
        if (v.find(':') == std::string::npos) return error("relative IRI");
        return Term::iri(std::move(v));
    }

    Result<Term> read_blank() {
        if (text_.substr(pos_, 2) != "_:") return error("expected '_:'");
        pos_ += 2;
        std::size_t start = pos_;
        while (pos_ < text_.size()) {
            unsigned char c = static_cast<unsigned char>(text_[pos_]);
            bool ok = c >= 0x80 || std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':';
            if (!ok) break;
            ++pos_;
        }
        while (pos_ > start && text_[pos_ - 1] == '.') --pos_; // a label never ends with '.'
        if (pos_ == start || text_[start] == '-' || text_[start] == '.') return error("bad blank node label");
        return Term::blank(std::string(text_.substr(start, pos_ - start)));
    }

    Result<Term> read_literal() {
        ++pos_; // '"'
        std::string v;
        while (true) {
            if (pos_ >= text_.size()) return error("unterminated literal");
            char c = text_[pos_];
            if (c == '"') { ++pos_; break; }
            if (c == '\n' || c == '\r') return error("newline in literal");
            if (c != '\\') { v += c; ++pos_; continue; }
            ++pos_;
            switch (peek()) {
            case 't': v += '\t'; break;
            case 'b': v += '\b'; break;
            case 'n': v += '\n'; break;
            case 'r': v += '\r'; break;
            case 'f': v += '\f'; break;
            case '"': v += '"'; break;
            case '\'': v += '\''; break;
            case '\\': v += '\\'; break;
            case 'u': case 'U': append_utf8(v, TRY(read_uchar())); continue;
            default: return error("bad escape in literal");
            }
            ++pos_;
        }
        if (peek() == '@') {
            ++pos_;
            std::size_t start = pos_;
            while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '-'))
                ++pos_;
            if (pos_ == start || !std::isalpha(static_cast<unsigned char>(text_[start])))
                return error("bad language tag");
            return Term::literal(std::move(v), rdf_lang_string, std::string(text_.substr(start, pos_ - start)));
        }
        if (text_.substr(pos_, 2) == "^^") {
            pos_ += 2;
            if (peek() != '<') return error("datatype must be an IRI");
            Term dt = TRY(read_iri());
            return Term::literal(std::move(v), std::move(dt.value));
        }
        return Term::literal(std::move(v));
    }
};

} // namespace

Result<Dataset> parse_nquads(std::string_view text) { return Parser(text).run(); }

void append_escaped_literal(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char c : s) {
        switch (c) {
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        default: {
            auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7F) {
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xF];
            } else {
                out += c;
            }
        }
        }
    }
}

void append_term(std::string& out, const Term& t) {
    switch (t.kind) {
    case TermKind::iri:
        out += '<';
        out += t.value;
        out += '>';
        break;
    case TermKind::blank:
        out += "_:";
        out += t.value;
        break;
    case TermKind::literal:
        out += '"';
        append_escaped_literal(out, t.value);
        out += '"';
        if (!t.language.empty()) {
            out += '@';
            out += t.language;
        } else if (t.datatype != xsd_string) {
            out += "^^<";
            out += t.datatype;
            out += '>';
        }
        break;
    case TermKind::default_graph:
        break;
    }
}

void append_quad(std::string& out, const Quad& q) {
    append_term(out, q.subject);
    out += ' ';
    append_term(out, q.predicate);
    out += ' ';
    append_term(out, q.object);
    if (q.graph.kind != TermKind::default_graph) {
        out += ' ';
        append_term(out, q.graph);
    }
    out += " .\n";
}

std::string to_nquads(const Quad& q) {
    std::string s;
    append_quad(s, q);
    return s;
}

} // namespace mc::credentials::rdf
