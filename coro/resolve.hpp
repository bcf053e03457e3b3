// Host-name resolution under a deadline.
#pragma once

#include <mongo_aws/result.hpp>

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::detail {

/// Resolves `host` (a name, or an IPv4/IPv6 literal, brackets allowed) to TCP endpoints on
/// `port`, with the system resolver's meaning (the hosts file counts, as with getaddrinfo).
/// A literal address is returned without any lookup.
///
/// Asio's async_resolve runs getaddrinfo on a private thread and ignores cancellation, so this
/// waits for it only until `deadline` or the caller's cancellation, whichever comes first; a
/// lookup still running then finishes in the background and its answer is dropped (the
/// io_context's run() returns only after it has ended). Errors: errc::resolve_failed (naming the
/// host and the resolver's reason), errc::timeout, errc::cancelled.
asio::awaitable<result<std::vector<asio::ip::tcp::endpoint>>> resolve(
    std::string host, std::uint16_t port, std::chrono::steady_clock::time_point deadline);

/// Parses `host` as an IP literal (`127.0.0.1`, `::1`, `[::1]`); nullopt when it is a name.
std::optional<asio::ip::address> parse_ip_literal(std::string_view host);

}  // namespace mongo_aws::detail
