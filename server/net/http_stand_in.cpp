#include "open_connections.hpp"

#include <mongo_aws/test_server/http_stand_in.hpp>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/buffer.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl/context.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

namespace mongo_aws::test_server {
namespace {

using tcp = asio::ip::tcp;
constexpr auto as_tuple = asio::experimental::as_tuple(asio::use_awaitable);
constexpr std::size_t body_piece_bytes = std::size_t{64} * 1024;

std::string reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 307:
            return "Temporary Redirect";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
    }
}

std::string hex(std::size_t value) {
    std::array<char, 24> text{};
    const int length = std::snprintf(text.data(), text.size(), "%zx", value);
    return {text.data(), static_cast<std::size_t>(length)};
}

template <class Stream>
using session = internal::stream_connection<Stream>;

template <class Stream>
constexpr bool is_tls = !std::is_same_v<Stream, tcp::socket>;

}  // namespace

struct http_stand_in::state {
    state(const asio::any_io_executor& executor_, const stand_in_options& options)
        : executor(executor_),
          acceptor(executor_, {options.address, options.port}),
          local(acceptor.local_endpoint()) {
        if (options.tls) {
            tls.emplace(asio::ssl::context::tls_server);
            SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
            tls->use_certificate_chain(asio::buffer(options.tls->certificate_chain));
            tls->use_private_key(asio::buffer(options.tls->private_key), asio::ssl::context::pem);
        }
    }

    asio::any_io_executor executor;
    tcp::acceptor acceptor;
    tcp::endpoint local;  // kept: the acceptor forgets it once closed
    std::optional<asio::ssl::context> tls;
    std::map<std::string, std::vector<reply_script>> routes;
    std::map<std::string, std::function<reply_script(const http::request&)>> handlers;
    std::map<std::string, std::size_t> counts;
    std::vector<served_request> served;
    std::size_t connections = 0;
    internal::open_connections sessions;
    bool stopped = false;
};

namespace {

using state_ptr = std::shared_ptr<http_stand_in::state>;

template <class Stream>
asio::awaitable<bool> send(session<Stream>& s, http_stand_in::state& st, std::size_t record,
                           std::string_view bytes) {
    auto [ec, written] = co_await asio::async_write(s.stream, asio::buffer(bytes), as_tuple);
    st.served[record].reply_bytes_sent += written;
    co_return !ec;
}

template <class Stream>
asio::awaitable<bool> pause(session<Stream>& s, std::chrono::steady_clock::time_point until) {
    s.timer.expires_at(until);
    auto [ec] = co_await s.timer.async_wait(as_tuple);
    co_return !ec;
}

std::string reply_head(const reply_script& script) {
    std::string head = "HTTP/1.1 " + std::to_string(script.status) + " " + script.reason + "\r\n";
    for (const auto& field : script.headers) {
        head += field.name + ": " + field.value + "\r\n";
    }
    if (script.framing == body_framing::content_length) {
        head += "Content-Length: " + std::to_string(script.body_size()) + "\r\n";
    } else if (script.framing == body_framing::chunked) {
        head += "Transfer-Encoding: chunked\r\n";
    }
    return head + "Connection: close\r\n\r\n";
}

// Body bytes [offset, offset + size) of the script's body, framed as a chunk when chunked.
std::string body_piece(const reply_script& script, std::size_t offset, std::size_t size) {
    std::string piece = script.generated_body_bytes != 0 ? std::string(size, 'x')
                                                         : script.body.substr(offset, size);
    if (script.framing == body_framing::chunked) {
        piece = hex(piece.size()) + "\r\n" + piece + "\r\n";
    }
    return piece;
}

template <class Stream>
asio::awaitable<void> play(const reply_script& script, session<Stream>& s, http_stand_in::state& st,
                           std::size_t record) {
    using clock = std::chrono::steady_clock;
    if (script.delay.count() > 0 && !co_await pause(s, clock::now() + script.delay)) {
        co_return;
    }
    if (script.never_answer) {
        co_await pause(s, clock::time_point::max());
        co_return;
    }
    if (script.close_without_answer) {
        co_return;
    }
    if (!co_await send(s, st, record, reply_head(script))) {
        co_return;
    }
    const std::size_t total = script.body_size();
    const std::size_t to_send = std::min(total, script.close_after_body_bytes.value_or(total));
    const std::size_t step = script.drip_interval ? 1 : body_piece_bytes;
    for (std::size_t offset = 0; offset < to_send; offset += step) {
        if (script.drip_interval && offset > 0 &&
            !co_await pause(s, clock::now() + *script.drip_interval)) {
            co_return;
        }
        const auto size = std::min(step, to_send - offset);
        if (!co_await send(s, st, record, body_piece(script, offset, size))) {
            co_return;
        }
    }
    if (to_send < total) {
        co_return;  // cut short on purpose
    }
    if (script.framing == body_framing::chunked && !co_await send(s, st, record, "0\r\n\r\n")) {
        co_return;
    }
    st.served[record].reply_complete = true;
}

template <class Stream>
asio::awaitable<void> serve(state_ptr st, std::shared_ptr<session<Stream>> s) {
    if constexpr (is_tls<Stream>) {
        auto [ec] = co_await s->stream.async_handshake(asio::ssl::stream_base::server, as_tuple);
        if (ec) {
            co_return;
        }
    }
    http::request_parser parser;
    std::array<char, 4096> buffer{};
    while (!parser.complete()) {
        auto [ec, received] = co_await s->stream.async_read_some(asio::buffer(buffer), as_tuple);
        auto status = received > 0 ? parser.feed(std::string_view(buffer.data(), received))
                      : ec         ? parser.finish_on_eof()
                                   : result<http::parse_status>(http::parse_status::need_more);
        if (!status) {
            const auto& reason = status.error().message;
            const std::string text =
                "HTTP/1.1 400 Bad Request\r\nContent-Length: " + std::to_string(reason.size()) +
                "\r\nConnection: close\r\n\r\n" + reason;
            co_await asio::async_write(s->stream, asio::buffer(text), as_tuple);
            co_return;
        }
        if (ec && !parser.complete()) {
            co_return;
        }
    }

    auto request = parser.release();
    const std::string path = request.target.substr(0, request.target.find('?'));
    const std::size_t index = st->counts[path]++;
    reply_script script = answer(404, "the stand-in has no route for this path");
    if (auto handler = st->handlers.find(path); handler != st->handlers.end()) {
        script = handler->second(request);
    } else if (auto found = st->routes.find(path);
               found != st->routes.end() && !found->second.empty()) {
        script = found->second[std::min(index, found->second.size() - 1)];
    }
    st->served.push_back({std::move(request), 0, false});
    const std::size_t record = st->served.size() - 1;
    co_await play(script, *s, *st, record);
    s->close();
}

template <class Stream>
void start(const state_ptr& st, Stream stream) {
    auto s = std::make_shared<session<Stream>>(std::move(stream), st->executor);
    st->sessions.add(s);
    auto& signal = s->signal;
    asio::co_spawn(st->executor, serve(st, std::move(s)),
                   asio::bind_cancellation_slot(signal.slot(), asio::detached));
}

asio::awaitable<void> accept_loop(state_ptr st) {
    while (!st->stopped) {
        auto [ec, socket] = co_await st->acceptor.async_accept(as_tuple);
        if (ec) {
            co_return;
        }
        ++st->connections;
        if (st->tls) {
            start(st, asio::ssl::stream<tcp::socket>(std::move(socket), *st->tls));
        } else {
            start(st, std::move(socket));
        }
    }
}

}  // namespace

reply_script answer(int status, std::string body, std::vector<http::header> headers) {
    reply_script script;
    script.status = status;
    script.reason = reason_phrase(status);
    script.body = std::move(body);
    script.headers = std::move(headers);
    return script;
}

reply_script answer_after(std::chrono::milliseconds delay, int status, std::string body) {
    auto script = answer(status, std::move(body));
    script.delay = delay;
    return script;
}

reply_script never_answer() {
    reply_script script;
    script.never_answer = true;
    return script;
}

reply_script close_without_answer() {
    reply_script script;
    script.close_without_answer = true;
    return script;
}

reply_script close_mid_body(std::string body, std::size_t sent_bytes) {
    auto script = answer(200, std::move(body));
    script.close_after_body_bytes = sent_bytes;
    return script;
}

reply_script large_body(std::size_t bytes, body_framing framing) {
    reply_script script;
    script.generated_body_bytes = bytes;
    script.framing = framing;
    return script;
}

reply_script drip(std::string body, std::chrono::milliseconds interval) {
    auto script = answer(200, std::move(body));
    script.drip_interval = interval;
    return script;
}

http_stand_in::http_stand_in(const asio::any_io_executor& executor, const stand_in_options& options)
    : state_(std::make_shared<state>(executor, options)) {
    asio::co_spawn(executor, accept_loop(state_), asio::detached);
}

http_stand_in::~http_stand_in() {
    stop();
}

void http_stand_in::route(const std::string& path, std::vector<reply_script> scripts) {
    state_->handlers.erase(path);
    state_->routes[path] = std::move(scripts);
}

void http_stand_in::handle(const std::string& path,
                           std::function<reply_script(const http::request& request)> handler) {
    state_->routes.erase(path);
    state_->handlers[path] = std::move(handler);
}

void http_stand_in::route(const std::string& path, reply_script script) {
    route(path, std::vector<reply_script>{std::move(script)});
}

std::uint16_t http_stand_in::port() const {
    return state_->local.port();
}

std::string http_stand_in::base_url() const {
    const auto address = state_->local.address();
    return std::string(state_->tls ? "https://" : "http://") +
           (address.is_v6() ? "[" + address.to_string() + "]" : address.to_string()) + ":" +
           std::to_string(state_->local.port());
}

std::size_t http_stand_in::connections() const {
    return state_->connections;
}

std::size_t http_stand_in::request_count(const std::string& path) const {
    const auto found = state_->counts.find(path);
    return found == state_->counts.end() ? 0 : found->second;
}

const std::vector<served_request>& http_stand_in::requests() const {
    return state_->served;
}

void http_stand_in::stop() {
    if (state_->stopped) {
        return;
    }
    state_->stopped = true;
    std::error_code ignored;
    state_->acceptor.close(ignored);
    state_->sessions.close_all();
}

}  // namespace mongo_aws::test_server
