// Plain request/response types shared by the server, the router and every handler.
// Deliberately free of Beast: domain handlers include this header, and Beast costs ~20 s
// of compile time per translation unit (see DESIGN.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "platform/error.hpp"

namespace mc::http {

// Who is asking. Filled by the accounts gate before the router checks access.
struct Principal {
    std::string user_id;      // empty for an anonymous visitor
    std::string display_name;
    std::uint32_t roles = 0;  // bitmask of accounts::Role
    std::string session_id;
    std::string csrf_token;   // the token unsafe requests must echo (session-bound or double-submit)
    bool signed_in() const { return !user_id.empty(); }
};

struct Request {
    std::string method; // upper case: GET, POST, ...
    std::string target; // as sent, with the query string
    std::string path;   // percent-decoded path without the query
    std::multimap<std::string, std::string> query;
    std::map<std::string, std::string> headers; // lower-case names
    std::map<std::string, std::string> cookies;
    std::map<std::string, std::string> params; // from {name} segments of the route pattern
    std::string body;                          // buffered routes only
    std::multimap<std::string, std::string> form; // parsed application/x-www-form-urlencoded body
    std::string remote_addr;
    Principal principal;
    std::string locale = "en"; // chosen by the gate: cookie, profile, Accept-Language
    std::vector<struct Cookie> pending_cookies; // set by the gate or handlers; added to the response

    std::string header(std::string_view name) const;       // "" when absent; name in lower case
    std::string query_value(std::string_view name) const;   // first value or ""
    std::string form_value(std::string_view name) const;    // first value or ""
    std::vector<std::string> form_values(std::string_view name) const;
    std::string param(std::string_view name) const;         // route parameter or ""
    bool wants_json() const; // API path or Accept prefers application/json
    bool is_htmx() const { return !header("hx-request").empty(); }
};

struct Cookie {
    std::string name;
    std::string value;
    std::string path = "/";
    std::optional<long> max_age; // seconds; 0 deletes
    bool http_only = true;
    bool secure = false;
    std::string same_site = "Lax";
    std::string serialize() const;
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // When set, the server streams this file instead of `body` (Range requests honoured),
    // so a 2 GB video never sits in memory.
    std::filesystem::path file;

    static Response html(std::string body, int status = 200);
    static Response json(std::string body, int status = 200); // body is serialized JSON
    static Response text(std::string body, int status = 200,
                         std::string content_type = "text/plain; charset=utf-8");
    static Response redirect(std::string location, int status = 303);
    static Response send_file(std::filesystem::path path, std::string content_type);

    Response& header(std::string name, std::string value);
    Response& set_cookie(const Cookie& cookie);
    std::string header_value(std::string_view name) const; // case-insensitive, "" when absent
};

// Receives a request body piece by piece, for uploads that must not sit in memory.
class BodySink {
public:
    virtual ~BodySink() = default;
    // An error stops reading; the client gets the error's status.
    virtual Result<void> write(std::string_view chunk) = 0;
    // The whole body arrived.
    virtual Result<Response> finish() = 0;
    // The connection dropped or a limit was hit: keep what is durable (tus resumes from it).
    virtual void abort() noexcept = 0;
};

using Handler = std::function<Result<Response>(Request&)>;
// A streaming handler sees the headers first; it answers at once (refusal) or returns a sink.
using StreamStart = std::variant<Response, std::unique_ptr<BodySink>>;
using StreamHandler = std::function<Result<StreamStart>(Request&)>;

std::string percent_decode(std::string_view s, bool plus_as_space);
std::string percent_encode(std::string_view s);
std::string html_escape(std::string_view s);
// Parses a=b&c=d; malformed escapes are kept literally, never a crash.
std::multimap<std::string, std::string> parse_urlencoded(std::string_view body);
std::map<std::string, std::string> parse_cookies(std::string_view header);

} // namespace mc::http
