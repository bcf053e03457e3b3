// The client side of a TLS handshake with certificate and host-name verification, and errors
// that say which of the two failed (OpenSSL's own error says only "certificate verify failed").
#pragma once

#include "tls_trust.hpp"

#include <mongo_aws/result.hpp>

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl/stream.hpp>

#include <string>
#include <string_view>

namespace mongo_aws::detail {

/// Runs the handshake on `stream` (whose context is `trust`'s): SNI with `host` when it is a
/// name (never for an IP address, RFC 6066), the peer's chain verified against the trusted CAs
/// and its names against `host`. `name` starts every message; `trust_advice` ends the message
/// of an untrusted certificate (which setting names the CA file). No deadline here: the caller
/// runs this under with_deadline(). Errors: errc::tls_failed ("certificate not trusted",
/// "host name mismatch", or the server closed the connection / does not speak TLS).
asio::awaitable<result<void>> tls_handshake(asio::ssl::stream<asio::ip::tcp::socket>& stream,
                                            const std::string& host, const tls_trust& trust,
                                            const std::string& name, std::string_view trust_advice);

}  // namespace mongo_aws::detail
