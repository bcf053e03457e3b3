#include "resolve.hpp"

#include "deadline.hpp"

#include <asio/experimental/as_tuple.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <memory>
#include <optional>

namespace mongo_aws::detail {

std::optional<asio::ip::address> parse_ip_literal(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    std::error_code ec;
    auto address = asio::ip::make_address(std::string(host), ec);
    if (ec) {
        return std::nullopt;
    }
    return address;
}

namespace {

// What the background lookup leaves behind. Shared, so that it outlives a caller that stopped
// waiting at its deadline.
struct pending_lookup {
    explicit pending_lookup(const asio::any_io_executor& executor)
        : resolver(executor), finished(executor) {}

    asio::ip::tcp::resolver resolver;
    asio::steady_timer finished;  // cancelled by the lookup's completion to wake the waiter
    std::optional<std::error_code> outcome;
    std::vector<asio::ip::tcp::endpoint> endpoints;
};

}  // namespace

asio::awaitable<result<std::vector<asio::ip::tcp::endpoint>>> resolve(
    std::string host, std::uint16_t port, steady_clock::time_point deadline) {
    if (auto literal = parse_ip_literal(host)) {
        co_return std::vector<asio::ip::tcp::endpoint>{{*literal, port}};
    }

    const auto started = steady_clock::now();
    const std::string what = "resolving " + host;
    auto lookup = std::make_shared<pending_lookup>(co_await asio::this_coro::executor);
    lookup->finished.expires_at(deadline);
    lookup->resolver.async_resolve(
        host, std::to_string(port),
        [lookup](std::error_code ec, const asio::ip::tcp::resolver::results_type& found) {
            lookup->outcome = ec;
            for (const auto& entry : found) {
                lookup->endpoints.push_back(entry.endpoint());
            }
            lookup->finished.cancel();
        });

    auto [wait_error] =
        co_await lookup->finished.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
    if (lookup->outcome) {
        if (*lookup->outcome || lookup->endpoints.empty()) {
            co_return make_error(
                errc::resolve_failed,
                "cannot resolve host '" + host + "': " +
                    (*lookup->outcome ? lookup->outcome->message() : std::string("no addresses")) +
                    " (check the host name and the machine's DNS settings)");
        }
        co_return std::move(lookup->endpoints);
    }
    lookup->resolver.cancel();
    if (wait_error == asio::error::operation_aborted) {
        co_return cancelled_error(what);
    }
    co_return timeout_error(what, started);
}

}  // namespace mongo_aws::detail
