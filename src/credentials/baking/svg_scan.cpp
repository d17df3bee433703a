#include "credentials/baking/svg_scan.hpp"

#include <algorithm>

#include "credentials/baking/png_bake.hpp"

namespace mc::credentials::detail {
namespace {

auto bad(std::string detail) { return fail(Errc::bad_input, "credentials.errors.bad_image", std::move(detail)); }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
           c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | cp >> 6));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | cp >> 12));
        out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | cp >> 18));
        out.push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

// Character data with references resolved: only &lt; &gt; &amp; &quot; &apos; and &#..;.
// Any other entity would need a DTD, which we never read: it is an error, not an expansion.
Result<void> decode_text(std::string_view raw, std::string& out) {
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '&') {
            out.push_back(raw[i]);
            continue;
        }
        auto semi = raw.find(';', i);
        if (semi == std::string_view::npos || semi - i > 12) return bad("unterminated reference");
        auto name = raw.substr(i + 1, semi - i - 1);
        if (name == "lt") out.push_back('<');
        else if (name == "gt") out.push_back('>');
        else if (name == "amp") out.push_back('&');
        else if (name == "quot") out.push_back('"');
        else if (name == "apos") out.push_back('\'');
        else if (name.size() >= 2 && name[0] == '#') {
            bool hex = name[1] == 'x';
            auto digits = name.substr(hex ? 2 : 1);
            if (digits.empty()) return bad("empty character reference");
            std::uint32_t cp = 0;
            for (char c : digits) {
                int v = (c >= '0' && c <= '9') ? c - '0'
                        : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                        : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
                if (v < 0) return bad("bad character reference");
                cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
                if (cp > 0x10ffff) return bad("character reference out of range");
            }
            if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff)) return bad("character reference out of range");
            append_utf8(out, cp);
        } else {
            return bad("undeclared entity");
        }
        i = semi;
    }
    return {};
}

struct Attribute {
    std::string name;
    std::string value;
};

struct NsDecl {
    std::size_t depth;
    std::string prefix;
    std::string uri;
};

class Scanner {
public:
    explicit Scanner(std::string_view s) : s_(s) {}
    Result<SvgScan> run();

private:
    bool starts(std::string_view what) const { return s_.substr(pos_, what.size()) == what; }
    // Moves past `terminator`; returns where it began.
    Result<std::size_t> skip_past(std::string_view terminator) {
        auto at = s_.find(terminator, pos_);
        if (at == std::string_view::npos) return bad("unterminated markup");
        pos_ = at + terminator.size();
        return at;
    }
    std::string_view read_name() {
        std::size_t start = pos_;
        while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
        return s_.substr(start, pos_ - start);
    }
    void skip_space() {
        while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
    }
    std::string resolve(std::string_view prefix) const {
        for (auto it = ns_.rbegin(); it != ns_.rend(); ++it)
            if (it->prefix == prefix) return it->uri;
        return {};
    }
    Result<void> doctype();
    Result<std::vector<Attribute>> attributes(bool& self_closing);
    Result<void> start_tag();
    Result<void> end_tag();
    Result<void> close_element(std::size_t end);

    std::string_view s_;
    std::size_t pos_ = 0;
    std::vector<std::string> stack_;
    std::vector<NsDecl> ns_;
    bool root_seen_ = false;
    bool root_closed_ = false;
    std::optional<SvgCredentialElement> open_; // credential element being read
    std::size_t open_depth_ = 0;
    bool open_has_verify_ = false;
    std::string open_text_;
    SvgScan scan_;
};

Result<void> Scanner::doctype() {
    if (root_seen_) return bad("DOCTYPE after the root element");
    char quote = 0;
    for (; pos_ < s_.size(); ++pos_) {
        char c = s_[pos_];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            return bad("DOCTYPE internal subsets are refused");
        } else if (c == '>') {
            ++pos_;
            return {};
        }
    }
    return bad("unterminated DOCTYPE");
}

// Parses attributes up to and including '>' or '/>'.
Result<std::vector<Attribute>> Scanner::attributes(bool& self_closing) {
    std::vector<Attribute> attrs;
    self_closing = false;
    while (true) {
        std::size_t before = pos_;
        skip_space();
        if (pos_ >= s_.size()) return bad("unterminated start tag");
        if (s_[pos_] == '>') {
            ++pos_;
            return attrs;
        }
        if (starts("/>")) {
            pos_ += 2;
            self_closing = true;
            return attrs;
        }
        if (pos_ == before) return bad("attributes must be separated by space");
        auto name = read_name();
        skip_space();
        if (name.empty() || pos_ >= s_.size() || s_[pos_] != '=') return bad("malformed attribute");
        ++pos_;
        skip_space();
        if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) return bad("unquoted attribute");
        char quote = s_[pos_++];
        auto close = s_.find(quote, pos_);
        if (close == std::string_view::npos) return bad("unterminated attribute");
        auto raw = s_.substr(pos_, close - pos_);
        if (raw.find('<') != std::string_view::npos) return bad("'<' in attribute value");
        Attribute a{std::string(name), {}};
        TRY(decode_text(raw, a.value));
        for (const auto& other : attrs)
            if (other.name == a.name) return bad("duplicate attribute");
        attrs.push_back(std::move(a));
        pos_ = close + 1;
    }
}

Result<void> Scanner::start_tag() {
    const std::size_t tag_begin = pos_++;
    auto name = read_name();
    if (name.empty()) return bad("malformed start tag");
    if (root_closed_) return bad("content after the root element");
    if (open_) return bad("elements inside the credential element");
    if (stack_.size() >= kMaxSvgDepth) return bad("elements nested too deeply");
    bool self_closing = false;
    auto attrs = TRY(attributes(self_closing));
    const std::size_t depth = stack_.size() + 1;
    for (const auto& a : attrs) {
        if (a.name == "xmlns") ns_.push_back({depth, "", a.value});
        else if (a.name.starts_with("xmlns:")) ns_.push_back({depth, a.name.substr(6), a.value});
    }
    auto colon = name.find(':');
    std::string_view prefix = colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
    std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    // An unbound prefix is not namespace-well-formed, and it would change meaning if baking
    // later declared that prefix on the root.
    if (!prefix.empty() && prefix != "xml" && resolve(prefix).empty()) return bad("undeclared namespace prefix");

    if (!root_seen_) {
        if (local != "svg") return bad("root element is not svg");
        root_seen_ = true;
        scan_.root_self_closing = self_closing;
        scan_.root_gt = pos_ - (self_closing ? 2 : 1);
        for (const auto& a : attrs) {
            if (!a.name.starts_with("xmlns:")) continue;
            if (a.value == kObNamespace && scan_.root_ob_prefix.empty()) scan_.root_ob_prefix = a.name.substr(6);
            else if (a.name == "xmlns:openbadges" && a.value != kObNamespace)
                scan_.root_binds_openbadges_elsewhere = true;
        }
    }
    if (local == "credential" && resolve(prefix) == kObNamespace) {
        open_ = SvgCredentialElement{tag_begin, 0, {}};
        open_depth_ = depth;
        open_has_verify_ = false;
        open_text_.clear();
        for (const auto& a : attrs) {
            if (a.name != "verify") continue;
            open_->value = a.value;
            open_has_verify_ = true;
        }
    }
    stack_.emplace_back(name);
    if (self_closing) return close_element(pos_);
    return {};
}

Result<void> Scanner::end_tag() {
    pos_ += 2; // "</"
    auto name = read_name();
    skip_space();
    if (pos_ >= s_.size() || s_[pos_] != '>') return bad("malformed end tag");
    ++pos_;
    if (stack_.empty() || stack_.back() != name) return bad("mismatched end tag");
    return close_element(pos_);
}

Result<void> Scanner::close_element(std::size_t end) {
    const std::size_t depth = stack_.size();
    while (!ns_.empty() && ns_.back().depth == depth) ns_.pop_back();
    stack_.pop_back();
    if (open_ && depth == open_depth_) {
        auto first = open_text_.find_first_not_of(" \t\r\n");
        std::string text = first == std::string::npos
                               ? std::string()
                               : open_text_.substr(first, open_text_.find_last_not_of(" \t\r\n") - first + 1);
        if (open_has_verify_ && !text.empty()) return bad("credential element has both verify and content");
        if (!open_has_verify_) open_->value = std::move(text);
        TRY(check_credential_text(open_->value));
        open_->end = end;
        scan_.credentials.push_back(std::move(*open_));
        open_.reset();
    }
    if (stack_.empty()) root_closed_ = true;
    return {};
}

Result<SvgScan> Scanner::run() {
    if (s_.size() > kMaxBakedImageBytes) return fail(Errc::too_large, "credentials.errors.bad_image", "image too large");
    while (pos_ < s_.size()) {
        auto lt = s_.find('<', pos_);
        auto text_end = lt == std::string_view::npos ? s_.size() : lt;
        if (open_) {
            TRY(decode_text(s_.substr(pos_, text_end - pos_), open_text_));
            if (open_text_.size() > kMaxBakedCredentialBytes)
                return fail(Errc::too_large, "credentials.errors.bad_image", "credential too large");
        }
        pos_ = text_end;
        if (pos_ >= s_.size()) break;
        if (starts("<!--")) {
            pos_ += 4;
            TRY(skip_past("-->"));
        } else if (starts("<![CDATA[")) {
            if (stack_.empty()) return bad("CDATA outside the root element");
            pos_ += 9;
            auto start = pos_;
            auto at = TRY(skip_past("]]>"));
            if (open_) open_text_.append(s_.substr(start, at - start));
        } else if (starts("<?")) {
            pos_ += 2;
            TRY(skip_past("?>"));
        } else if (starts("<!DOCTYPE")) {
            pos_ += 9;
            TRY(doctype());
        } else if (starts("<!")) {
            return bad("unsupported markup declaration");
        } else if (starts("</")) {
            TRY(end_tag());
        } else {
            TRY(start_tag());
        }
    }
    if (!root_seen_ || !root_closed_) return bad("svg is incomplete");
    return std::move(scan_);
}

} // namespace

Result<SvgScan> scan_svg(std::string_view svg) { return Scanner(svg).run(); }

} // namespace mc::credentials::detail
