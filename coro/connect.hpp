// Opening a TCP connection to one of a host's addresses under a deadline.
#pragma once

#include <mongo_aws/result.hpp>

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace mongo_aws::detail {

/// Connects to the first of `endpoints` that accepts, trying them in order. A refused or
/// unreachable address is given up at once for the next one; an address that does not answer is
/// given an equal share of the time left (the last one gets all of it), so that one dead address
/// cannot use up the deadline of the others. `name` (`host:port`) is what messages call the
/// endpoint.
/// Errors: errc::connect_failed when every address failed (naming each address and its reason),
/// errc::timeout when the deadline passed, errc::cancelled on the caller's cancellation.
asio::awaitable<result<asio::ip::tcp::socket>> connect(
    std::vector<asio::ip::tcp::endpoint> endpoints, std::chrono::steady_clock::time_point deadline,
    std::string name);

}  // namespace mongo_aws::detail
