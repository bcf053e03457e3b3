// The HTTP(S) client that carries every request to EC2 IMDS, the ECS container endpoint and STS:
// one request per connection, the whole exchange under one deadline.
#pragma once

#include "tls_trust.hpp"

#include <mongo_aws/endpoint_request.hpp>
#include <mongo_aws/environment.hpp>
#include <mongo_aws/http.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/url.hpp>

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace mongo_aws::detail {

/// Called with the addresses a URL's host resolved to, before any connection is made; an error
/// stops the request and is returned as it is. (The ECS rule that a plain-HTTP full URI may only
/// reach loopback or the container endpoints is such a check.)
using address_check =
    std::function<result<void>(const url& target, const std::vector<asio::ip::tcp::endpoint>&)>;

/// How `http_fetch` runs one request.
struct http_fetch_options {
    /// When the whole exchange (resolve, connect, TLS handshake, write, read) must be over.
    /// Required: the default, the clock's epoch, has always passed.
    std::chrono::steady_clock::time_point deadline;
    /// Caps on the response: its head (16 KiB) and its body (64 KiB) by default.
    http::parser_limits limits;
    /// For https: the CAs to trust. When absent, one is built for this request with
    /// make_tls_trust(environment) (better build one with make_tls_trust and share it).
    std::optional<tls_trust> tls;
    /// Where make_tls_trust reads AWS_CA_BUNDLE and SSL_CERT_FILE when `tls` is absent.
    environment_lookup environment = process_environment_lookup;
    /// When set, called with the resolved addresses before connecting.
    address_check check_addresses;
};

/// Sends `request` to `target` and returns the response: resolve the host, connect (each address
/// in turn), for https a TLS handshake (SNI, the server's certificate verified against the
/// trusted CAs and against the URL's host name), write the request, read until the response is
/// complete. All of it ends by `options.deadline`, however slowly the server sends.
///
/// The request is sent as given, with its target replaced by the URL's path and query, `Host`
/// added when absent (the URL's host and port), and `Connection: close` in place of any
/// Connection header: one request per connection. Redirects are not followed: a 3xx is a
/// response like any other.
///
/// Errors, each message naming the method, `host:port` and the step, never a header value or
/// the URL's path (both may carry secrets):
/// errc::resolve_failed, errc::connect_failed (refused at once), errc::tls_failed ("certificate
/// not trusted" or "host name mismatch", naming the trusted CAs' source), errc::network_error,
/// errc::timeout (naming the step the deadline interrupted), errc::cancelled, the serializer's
/// errc::http_invalid_request, the response parser's errors (errc::http_body_too_large past
/// the cap: the client stops reading there), errc::tls_ca_file_unusable, and any error of
/// `options.check_addresses`.
asio::awaitable<result<http::response>> http_fetch(url target, http::request request,
                                                   http_fetch_options options);

/// Sends a credential endpoint's request (see metadata_requests.hpp) as above: its scheme, host
/// and port say where, its target, headers and body what. `request` is read before this returns.
asio::awaitable<result<http::response>> http_fetch(const endpoint_request& request,
                                                   http_fetch_options options);

}  // namespace mongo_aws::detail
