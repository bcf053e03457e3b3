#include "http_client.hpp"

#include "connect.hpp"
#include "deadline.hpp"
#include "resolve.hpp"
#include "tls_handshake.hpp"

#include <mongo_aws/secret.hpp>

#include <asio/experimental/as_tuple.hpp>
#include <asio/ssl/error.hpp>
#include <asio/ssl/host_name_verification.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace mongo_aws::detail {
namespace {

using tcp = asio::ip::tcp;
constexpr auto as_tuple = asio::experimental::as_tuple(asio::use_awaitable);
constexpr std::string_view aws_ca_advice =
    "set AWS_CA_BUNDLE to a PEM file with the CA that issued the server's certificate";
constexpr std::size_t read_chunk_bytes = std::size_t{16} * 1024;

// What the exchange is doing, so that a timeout or a cancellation can say where it struck.
struct progress {
    std::string step = "starting";
    std::size_t bytes_received = 0;
};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [&](char x, char y) { return lower(x) == lower(y); });
}

// The target from the URL, Host when absent, and `Connection: close` (one request per
// connection: the response then ends at the latest when the server closes).
void prepare(http::request& request, const url& target) {
    request.target = target.target;
    if (!request.find_header("Host")) {
        request.headers.push_back({"Host", target.host_header()});
    }
    std::erase_if(request.headers, [](const http::header& field) {
        return equals_ignoring_case(field.name, "Connection");
    });
    request.headers.push_back({"Connection", "close"});
}

// Header values and bodies may hold a token or a signature.
void wipe(http::request& request) {
    for (auto& field : request.headers) {
        secure_wipe(field.value.data(), field.value.size());
    }
    secure_wipe(request.body.data(), request.body.size());
}

error prefixed(const std::string& name, error err) {
    err.message = name + ": " + err.message;
    return err;
}

error network_error(const std::string& name, const std::string& step, const std::error_code& ec) {
    return make_error(errc::network_error, name + " failed while " + step + ": " + ec.message());
}

bool is_end_of_stream(const std::error_code& ec) {
    // A TLS server that closes without close_notify: the parser still decides whether the
    // response was whole (a body framed by the close is then as complete as the server made it).
    return ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
}

template <class Stream>
asio::awaitable<result<http::response>> send_and_receive(Stream& stream, const std::string& bytes,
                                                         const http::parser_limits& limits,
                                                         progress& now, const std::string& name) {
    now.step = "sending the request";
    auto [write_error, written] = co_await asio::async_write(stream, asio::buffer(bytes), as_tuple);
    if (write_error) {
        co_return network_error(name, now.step, write_error);
    }

    http::response_parser parser(limits);
    std::array<char, read_chunk_bytes> buffer{};
    now.step = "waiting for the response";
    while (true) {
        auto [read_error, received] =
            co_await stream.async_read_some(asio::buffer(buffer), as_tuple);
        if (received > 0) {
            now.bytes_received += received;
            now.step = "reading the response";
            auto status = parser.feed(std::string_view(buffer.data(), received));
            if (!status) {
                co_return prefixed(name, std::move(status).error());
            }
            if (*status == http::parse_status::complete) {
                co_return parser.release();
            }
        }
        if (read_error) {
            if (!is_end_of_stream(read_error)) {
                co_return network_error(name, now.step, read_error);
            }
            auto status = parser.finish_on_eof();
            if (!status) {
                co_return prefixed(name, std::move(status).error());
            }
            co_return parser.release();
        }
    }
}

asio::awaitable<result<http::response>> exchange(const url& target, const std::string& bytes,
                                                 const http_fetch_options& options,
                                                 const tls_trust* trust, progress& now,
                                                 const std::string& name) {
    now.step = "resolving " + target.host;
    auto endpoints = co_await resolve(target.host, target.port, options.deadline);
    if (!endpoints) {
        co_return prefixed(name, std::move(endpoints).error());
    }
    if (options.check_addresses) {
        auto allowed = options.check_addresses(target, *endpoints);
        if (!allowed) {
            co_return std::move(allowed).error();
        }
    }
    now.step = "connecting";
    auto socket = co_await connect(std::move(*endpoints), options.deadline, target.endpoint());
    if (!socket) {
        co_return prefixed(name, std::move(socket).error());
    }
    if (trust == nullptr) {
        co_return co_await send_and_receive(*socket, bytes, options.limits, now, name);
    }
    asio::ssl::stream<tcp::socket> stream(std::move(*socket), *trust->context);
    now.step = "in the TLS handshake";
    auto handshake = co_await tls_handshake(stream, target.host, *trust, name, aws_ca_advice);
    if (!handshake) {
        co_return std::move(handshake).error();
    }
    co_return co_await send_and_receive(stream, bytes, options.limits, now, name);
}

std::string where(const progress& now) {
    std::string text = now.step;
    if (now.bytes_received > 0) {
        text += " (" + std::to_string(now.bytes_received) + " bytes received)";
    } else if (now.step == "waiting for the response") {
        text += " (connected and sent the request; the server has not answered)";
    } else if (now.step == "connecting") {
        text +=
            " (no address answered; check the address, and that no firewall or route drops "
            "the connection)";
    }
    return text;
}

}  // namespace

asio::awaitable<result<http::response>> http_fetch(url target, http::request request,
                                                   http_fetch_options options) {
    const auto started = steady_clock::now();
    prepare(request, target);
    auto bytes = http::serialize_request(request);
    wipe(request);  // the serialized copy is all that is needed now
    if (!bytes) {
        co_return prefixed("HTTP request to " + target.endpoint(), std::move(bytes).error());
    }
    // The method is a token now that the serializer accepted it: safe to quote.
    const std::string name = "HTTP " + request.method + " to " + target.endpoint();

    std::optional<tls_trust> trust = std::move(options.tls);
    if (target.scheme == url_scheme::https && !trust) {
        auto made =
            make_tls_trust(options.environment ? options.environment
                                               : environment_lookup(process_environment_lookup));
        if (!made) {
            co_return prefixed(name, std::move(made).error());
        }
        trust = std::move(*made);
    }
    const tls_trust* tls = target.scheme == url_scheme::https ? &*trust : nullptr;

    progress now;
    auto outcome = co_await with_deadline(exchange(target, *bytes, options, tls, now, name),
                                          options.deadline, name);
    secure_wipe(bytes->data(), bytes->size());  // it may hold a token or a signature
    if (!outcome) {
        const auto& code = outcome.error().code;
        if (code == errc::timeout) {
            co_return make_error(errc::timeout,
                                 name + " timed out after " +
                                     std::to_string(elapsed_ms(started, steady_clock::now())) +
                                     " ms while " + where(now));
        }
        if (code == errc::cancelled) {
            co_return make_error(errc::cancelled, name + " was cancelled while " + where(now));
        }
    }
    co_return outcome;
}

asio::awaitable<result<http::response>> http_fetch(const endpoint_request& request,
                                                   http_fetch_options options) {
    url target;
    target.scheme = request.scheme;
    target.host = request.host;
    const auto literal = parse_ip_literal(request.host);
    target.host_kind = !literal           ? url_host_kind::name
                       : literal->is_v6() ? url_host_kind::ipv6
                                          : url_host_kind::ipv4;
    target.port = request.port;
    target.target = request.target;

    http::request message{
        request.method, request.target, 1, {}, std::string(request.body.reveal())};
    message.headers.reserve(request.headers.size());
    for (const auto& field : request.headers) {
        message.headers.push_back({field.name, std::string(field.value.reveal())});
    }
    // Not a coroutine: `request` is read now, so the caller may let it go before co_await.
    return http_fetch(std::move(target), std::move(message), std::move(options));
}

}  // namespace mongo_aws::detail
