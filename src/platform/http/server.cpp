#include "platform/http/server.hpp"
#include "platform/http/static_files.hpp"

#include "platform/http/security_headers.hpp"
#include "platform/text/utf8.hpp"

#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <fstream>
#include <array>
#include <chrono>
#include <limits>
#include <thread>

namespace mc::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr std::size_t kChunk = 64 * 1024;
// Limits on the request head, applied before any route sees it (docs/security.md lists them).
constexpr std::size_t kHeaderLimit = 16 * 1024; // request line + every header: over it is 431
// Lingering close after an answer that left request bytes unread (see drain_before_close).
constexpr auto kLingerTime = std::chrono::seconds(3);
constexpr std::size_t kLingerBytes = 32 * 1024 * 1024;
constexpr std::size_t kTargetLimit = 8 * 1024;  // the request target alone: over it is 414

// A parse failure of Beast (bad chunk size, Content-Length with Transfer-Encoding, a NUL in a
// header) is the client's fault and deserves an answer; a socket error or a client that left
// mid-message (end_of_stream, partial_message) gets none, since nobody is there to read it.
bool is_protocol_error(const beast::error_code& ec) {
    if (ec.category() != bhttp::make_error_code(bhttp::error::end_of_stream).category()) return false;
    return ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
           ec != bhttp::error::need_more && ec != bhttp::error::need_buffer;
}

// Over the head allowance: Beast parses (and consumes) the request line before the fields, so a
// target already known means the headers were too long (431); none means the line was (414).
int head_overflow_status(const bhttp::request_parser<bhttp::empty_body>& parser) {
    return parser.get().target().empty() ? 414 : 431;
}

// Answers that the server gives on its own, before any route: short, plain, and never cached.
Response wire_error(int status) {
    const char* text = status == 414   ? "URI Too Long"
                       : status == 431 ? "Request Header Fields Too Large"
                       : status == 413 ? "Payload Too Large"
                                       : "Bad Request";
    auto res = Response::text(text, status);
    res.header("Cache-Control", "no-store");
    add_security_headers(Request{}, res, {});
    return res;
}

// What the head itself must not carry, whatever the route: a control character in a header value
// (NUL above all; Beast lets some through), a NUL or other control byte in the decoded path
// (`/static/app.css%00.png` must not reach a file lookup), or a path that is not UTF-8.
bool head_is_clean(const Request& req) {
    for (const auto& [name, value] : req.headers)
        for (unsigned char c : value)
            if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
    for (unsigned char c : req.path)
        if (c < 0x20 || c == 0x7f) return false;
    return text::valid_utf8(req.path);
}

Request to_request(const bhttp::request_header<>& h, const std::string& remote) {
    Request req;
    req.method = std::string(h.method_string());
    req.target = std::string(h.target());
    auto q = req.target.find('?');
    req.path = percent_decode(std::string_view(req.target).substr(0, q), false);
    if (q != std::string::npos) req.query = parse_urlencoded(std::string_view(req.target).substr(q + 1));
    for (const auto& f : h) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto [it, fresh] = req.headers.emplace(name, std::string(f.value()));
        if (!fresh) it->second += (name == "cookie" ? "; " : ", ") + std::string(f.value());
    }
    req.cookies = parse_cookies(req.header("cookie"));
    req.remote_addr = remote;
    return req;
}

void parse_form_if_any(Request& req) {
    if (req.header("content-type").starts_with("application/x-www-form-urlencoded"))
        req.form = parse_urlencoded(req.body);
}

// One byte range "bytes=a-b", "bytes=a-" or "bytes=-n"; anything else means "whole file".
bool parse_range(std::string_view h, std::uint64_t size, std::uint64_t& first, std::uint64_t& last) {
    if (!h.starts_with("bytes=") || size == 0 || h.find(',') != std::string_view::npos) return false;
    h.remove_prefix(6);
    auto dash = h.find('-');
    if (dash == std::string_view::npos) return false;
    auto a = h.substr(0, dash), b = h.substr(dash + 1);
    try {
        if (a.empty()) {
            auto n = std::stoull(std::string(b));
            if (n == 0) return false;
            first = n >= size ? 0 : size - n;
            last = size - 1;
        } else {
            first = std::stoull(std::string(a));
            last = b.empty() ? size - 1 : std::min<std::uint64_t>(std::stoull(std::string(b)), size - 1);
        }
    } catch (...) {
        return false;
    }
    return first <= last && first < size;
}

struct Connection {
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    const Router& router;
    const ServerOptions& options;
    std::string remote;

    Connection(tcp::socket s, const Router& r, const ServerOptions& o)
        : stream(std::move(s)), router(r), options(o) {
        beast::error_code ec;
        auto ep = stream.socket().remote_endpoint(ec);
        if (!ec) remote = ep.address().to_string();
    }

    awaitable<bool> write_response(Response& res, unsigned version, bool keep_alive, bool head) {
        beast::error_code ec;
        if (!res.file.empty()) co_return co_await write_file(res, version, keep_alive, head);
        bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
        for (auto& [k, v] : res.headers) out.insert(k, v);
        out.keep_alive(keep_alive);
        if (head) {
            out.content_length(res.body.size());
            bhttp::response_serializer<bhttp::string_body> sr{out};
            co_await bhttp::async_write_header(stream, sr, asio::redirect_error(use_awaitable, ec));
        } else {
            out.body() = std::move(res.body);
            out.prepare_payload();
            co_await bhttp::async_write(stream, out, asio::redirect_error(use_awaitable, ec));
        }
        co_return !ec;
    }

    // Streams a file in fixed chunks (memory stays flat for a 2 GB video) with one byte range.
    awaitable<bool> write_file(Response& res, unsigned version, bool keep_alive, bool head) {
        beast::error_code ec;
        std::ifstream in(res.file, std::ios::binary);
        std::error_code fec;
        auto size = std::filesystem::file_size(res.file, fec);
        if (!in || fec) {
            Response missing = Response::text("Not found", 404);
            co_return co_await write_response(missing, version, keep_alive, head);
        }
        std::uint64_t first = 0, last = size ? size - 1 : 0;
        bool partial = parse_range(res_range_, size, first, last);
        std::uint64_t remaining = size == 0 ? 0 : last - first + 1;
        bhttp::response<bhttp::buffer_body> out{partial ? bhttp::status::partial_content
                                                        : static_cast<bhttp::status>(res.status),
                                                version};
        for (auto& [k, v] : res.headers) out.insert(k, v);
        out.set(bhttp::field::accept_ranges, "bytes");
        if (partial)
            out.set(bhttp::field::content_range,
                    "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(size));
        out.content_length(remaining);
        out.keep_alive(keep_alive);
        out.body().data = nullptr;
        out.body().more = true;
        bhttp::response_serializer<bhttp::buffer_body> sr{out};
        co_await bhttp::async_write_header(stream, sr, asio::redirect_error(use_awaitable, ec));
        if (ec || head) co_return !ec;
        in.seekg(static_cast<std::streamoff>(first));
        std::vector<char> chunk(kChunk);
        while (remaining > 0) {
            auto n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, chunk.size()));
            in.read(chunk.data(), static_cast<std::streamsize>(n));
            if (in.gcount() != static_cast<std::streamsize>(n)) co_return false;
            remaining -= n;
            out.body().data = chunk.data();
            out.body().size = n;
            out.body().more = remaining > 0;
            co_await bhttp::async_write(stream, sr, asio::redirect_error(use_awaitable, ec));
            if (ec == bhttp::error::need_buffer) ec = {};
            if (ec) co_return false;
        }
        out.body().data = nullptr;
        out.body().more = false;
        co_await bhttp::async_write(stream, sr, asio::redirect_error(use_awaitable, ec));
        co_return !ec;
    }
    std::string res_range_;
    // Set when the answer leaves bytes of the request unread (a refused body, a request that
    // could not be parsed): closing a socket with unread input makes the kernel send a reset,
    // which can destroy the answer before the client reads it. Such connections linger.
    bool unread_input_ = false;

    Response safe_handle(Request& req) {
        try {
            return router.handle(req);
        } catch (const std::exception& e) {
            spdlog::error("unhandled exception on {} {}: {}", req.method, req.path, e.what());
            return router.render_error(req, Error{Errc::internal, "errors.internal", e.what()});
        }
    }

    awaitable<void> run() {
        beast::error_code ec;
        for (;;) {
            stream.expires_after(options.idle_timeout);
            bhttp::request_parser<bhttp::empty_body> head_parser;
            head_parser.header_limit(kHeaderLimit);
            // Boost 1.74 compares the Content-Length with an empty optional as "over the limit"
            // (every body, even 0 bytes, failed with body_limit): use the largest value instead.
            // The route's own limit is applied when the body is read.
            head_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
            co_await bhttp::async_read_header(stream, buffer, head_parser, asio::redirect_error(use_awaitable, ec));
            if (ec == bhttp::error::header_limit) {
                co_await answer_and_close(head_overflow_status(head_parser));
                break;
            }
            if (ec) {
                if (is_protocol_error(ec)) co_await answer_and_close(400);
                break;
            }
            const auto& h = head_parser.get();
            if (h.target().size() > kTargetLimit) {
                co_await answer_and_close(414);
                break;
            }
            Request req = to_request(h, remote);
            if (!head_is_clean(req)) {
                co_await answer_and_close(400);
                break;
            }
            res_range_ = req.header("range");
            unsigned version = h.version();
            bool keep_alive = h.keep_alive();
            bool head = req.method == "HEAD";
            // "100 Continue" invites the client to send its body, so it goes out only once the
            // request is known to be acceptable: a body over the route's limit, or an upload the
            // route refuses, is answered at once without inviting the bytes.
            bool wants_continue = beast::iequals(h[bhttp::field::expect], "100-continue");
            auto match = router.match(req);
            Response res;
            bool body_done = true;
            if (match.route && match.route->stream) {
                auto outcome = co_await stream_body(std::move(head_parser), *match.route, req, res, wants_continue);
                if (outcome == StreamOutcome::broken) break; // connection is unusable mid-body
                if (outcome == StreamOutcome::answered_close) body_done = false, unread_input_ = true;
            } else {
                std::size_t limit = match.route ? match.route->body_limit : 64 * 1024;
                // Beast checks a Content-Length against the limit only while parsing the header
                // (read above without one), so check it here before reading anything into memory.
                auto declared = head_parser.content_length();
                if (declared && *declared > limit) {
                    ec = bhttp::error::body_limit;
                } else {
                    if (wants_continue && !co_await send_continue(version)) break;
                    bhttp::request_parser<bhttp::string_body> body_parser{std::move(head_parser)};
                    body_parser.body_limit(limit); // still applies to chunked bodies
                    stream.expires_after(options.body_timeout);
                    co_await bhttp::async_read(stream, buffer, body_parser, asio::redirect_error(use_awaitable, ec));
                    if (!ec) req.body = std::move(body_parser.get().body());
                }
                if (ec == bhttp::error::body_limit) {
                    res = too_large(req, "body over limit");
                    keep_alive = false;
                    body_done = false;
                } else if (ec) {
                    if (is_protocol_error(ec)) co_await answer_and_close(400); // bad chunk size, ...
                    break;
                } else {
                    parse_form_if_any(req);
                    res = safe_handle(req);
                }
            }
            if (!body_done) keep_alive = false;
            // Pages and JSON go out gzipped to clients that take it (phones on metered links).
            compress_response(req, res);
            if (!co_await write_response(res, version, keep_alive, head)) break;
            if (!keep_alive) break;
        }
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (unread_input_) co_await drain_before_close();
    }

    // Lingering close: after our FIN, read and discard what the client is still sending until it
    // closes, for at most kLingerTime and kLingerBytes, so a 413 reaches a client that is still
    // uploading instead of a connection reset. Bounded both ways: nobody can hold it open.
    awaitable<void> drain_before_close() {
        beast::error_code ec;
        std::array<char, 16 * 1024> scratch{};
        std::size_t drained = 0;
        stream.expires_after(kLingerTime); // one deadline for the whole drain, not per read
        while (drained < kLingerBytes) {
            std::size_t n =
                co_await stream.async_read_some(asio::buffer(scratch), asio::redirect_error(use_awaitable, ec));
            if (ec) break; // the client closed (EOF), the deadline passed, or the socket failed
            drained += n;
        }
    }

    // The router never ran for these (the body was refused before a handler), so its finisher
    // did not add the security headers: add them here.
    Response too_large(const Request& req, const char* detail) {
        unread_input_ = true;
        Response res = router.render_error(req, Error{Errc::too_large, "errors.too_large", detail});
        add_security_headers(req, res, {});
        return res;
    }

    awaitable<bool> send_continue(unsigned version) {
        beast::error_code ec;
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
        co_await bhttp::async_write(stream, cont, asio::redirect_error(use_awaitable, ec));
        co_return !ec;
    }

    // For a request that cannot be parsed: the answer, then the connection closes (what follows
    // on the socket cannot be trusted to start a new request).
    awaitable<void> answer_and_close(int status) {
        unread_input_ = true;
        Response res = wire_error(status);
        co_await write_response(res, 11, false, false);
    }

    enum class StreamOutcome { answered, answered_close, broken };

    // Upload path: the body goes chunk by chunk to the route's sink, never whole in memory.
    awaitable<StreamOutcome> stream_body(bhttp::request_parser<bhttp::empty_body>&& head_parser, const Route& route,
                                Request& req, Response& res, bool wants_continue) {
        beast::error_code ec;
        // A declared length over the route's limit is refused before anything else: Beast checks
        // the limit only for chunked bodies once the head is parsed, and the client may be waiting
        // for "100 Continue" before it sends a byte.
        if (auto declared = head_parser.content_length(); declared && *declared > route.body_limit) {
            res = too_large(req, "declared upload over limit");
            co_return StreamOutcome::answered_close;
        }
        StreamStart start;
        try {
            start = router.start_stream(route, req);
        } catch (const std::exception& e) {
            spdlog::error("stream start {} {}: {}", req.method, req.path, e.what());
            start = router.render_error(req, Error{Errc::internal, "errors.internal", e.what()});
        }
        if (auto* early = std::get_if<Response>(&start)) {
            res = std::move(*early);
            // The body was not read: the connection cannot be reused unless the body is empty.
            auto cl = head_parser.content_length();
            bool unread_body = (cl && *cl > 0) || head_parser.chunked();
            co_return unread_body ? StreamOutcome::answered_close : StreamOutcome::answered;
        }
        auto sink = std::move(std::get<std::unique_ptr<BodySink>>(start));
        if (wants_continue && !co_await send_continue(head_parser.get().version())) {
            sink->abort();
            co_return StreamOutcome::broken;
        }
        bhttp::request_parser<bhttp::buffer_body> parser{std::move(head_parser)};
        parser.body_limit(route.body_limit);
        // Beast reads from the socket only as much as the read buffer has room for, and after the
        // headers that room is a few KiB: a 1 GiB upload became hundreds of thousands of tiny
        // reads (25-40 MiB/s). Room for a whole chunk per read.
        buffer.reserve(buffer.size() + kChunk);
        std::vector<char> chunk(kChunk);
        Result<void> wrote;
        while (!parser.is_done()) {
            parser.get().body().data = chunk.data();
            parser.get().body().size = chunk.size();
            stream.expires_after(options.body_timeout);
            co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
            if (ec == bhttp::error::need_buffer) ec = {};
            std::size_t got = chunk.size() - parser.get().body().size;
            if (got > 0 && wrote) wrote = sink->write(std::string_view(chunk.data(), got));
            if (ec == bhttp::error::body_limit) {
                sink->abort();
                res = too_large(req, "upload over limit");
                co_return StreamOutcome::answered_close;
            }
            if (ec) {
                sink->abort();
                if (is_protocol_error(ec)) {
                    res = wire_error(400);
                    co_return StreamOutcome::answered_close;
                }
                co_return StreamOutcome::broken;
            }
            if (!wrote) {
                sink->abort();
                res = router.finish_stream(req, std::unexpected(wrote.error()));
                co_return StreamOutcome::answered_close;
            }
        }
        Result<Response> finished = [&]() -> Result<Response> {
            try {
                return sink->finish();
            } catch (const std::exception& e) {
                sink->abort();
                return fail(Errc::internal, "errors.internal", e.what());
            }
        }();
        res = router.finish_stream(req, std::move(finished));
        co_return StreamOutcome::answered;
    }
};

} // namespace

struct Server::Impl {
    const Router& router;
    ServerOptions options;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    std::atomic<std::uint16_t> bound_port{0};

    Impl(const Router& r, ServerOptions o) : router(r), options(std::move(o)), io(static_cast<int>(options.threads)) {}

    awaitable<void> accept_loop() {
        for (;;) {
            beast::error_code ec;
            tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
            if (ec) {
                if (ec == asio::error::operation_aborted) co_return;
                continue;
            }
            auto conn = std::make_shared<Connection>(std::move(socket), router, options);
            asio::co_spawn(acceptor.get_executor(), [conn]() -> awaitable<void> { co_await conn->run(); },
                           asio::detached);
        }
    }
};

Server::Server(const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {}
Server::~Server() = default;

Result<void> Server::listen() {
    beast::error_code ec;
    auto address = asio::ip::make_address(impl_->options.address, ec);
    if (ec) return fail(Errc::bad_input, "errors.config", "bad listen address " + impl_->options.address);
    tcp::endpoint ep{address, impl_->options.port};
    auto& a = impl_->acceptor;
    if (impl_->options.listen_fd >= 0) {
        a.assign(ep.protocol(), impl_->options.listen_fd, ec);
        if (ec) return fail(Errc::unavailable, "errors.config", "cannot adopt the listening socket: " + ec.message());
        impl_->bound_port = a.local_endpoint().port();
        asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
        return {};
    }
    a.open(ep.protocol(), ec);
    if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) a.bind(ep, ec);
    if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail(Errc::unavailable, "errors.config", "cannot listen on " + impl_->options.address + ":" +
                                                                 std::to_string(impl_->options.port) + ": " + ec.message());
    impl_->bound_port = a.local_endpoint().port();
    asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
    return {};
}

std::uint16_t Server::port() const { return impl_->bound_port; }

void Server::run() {
    std::vector<std::thread> extra;
    for (unsigned i = 1; i < impl_->options.threads; ++i) extra.emplace_back([this] { impl_->io.run(); });
    impl_->io.run();
    for (auto& t : extra) t.join();
}

void Server::stop() {
    asio::post(impl_->io, [this] {
        beast::error_code ec;
        impl_->acceptor.close(ec);
        impl_->io.stop();
    });
}

} // namespace mc::http
