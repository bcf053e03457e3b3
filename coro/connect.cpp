#include "connect.hpp"

#include "deadline.hpp"

#include <asio/experimental/as_tuple.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <sstream>

namespace mongo_aws::detail {
namespace {

std::string address_text(const asio::ip::tcp::endpoint& endpoint) {
    std::ostringstream out;
    out << endpoint;
    return out.str();
}

asio::awaitable<result<asio::ip::tcp::socket>> connect_one(asio::ip::tcp::endpoint endpoint) {
    asio::ip::tcp::socket socket(co_await asio::this_coro::executor);
    auto [ec] =
        co_await socket.async_connect(endpoint, asio::experimental::as_tuple(asio::use_awaitable));
    if (ec) {
        co_return make_error(errc::connect_failed, address_text(endpoint) + ": " + ec.message());
    }
    co_return std::move(socket);
}

}  // namespace

asio::awaitable<result<asio::ip::tcp::socket>> connect(
    std::vector<asio::ip::tcp::endpoint> endpoints, steady_clock::time_point deadline,
    std::string name) {
    const auto started = steady_clock::now();
    const std::string what = "connecting to " + name;
    if (endpoints.empty()) {
        co_return make_error(errc::connect_failed, what + " failed: no address to try");
    }
    std::string failures;
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
        const auto now = steady_clock::now();
        const auto left = endpoints.size() - i;
        const auto share = now < deadline ? (deadline - now) / static_cast<long>(left)
                                          : steady_clock::duration::zero();
        auto attempt = co_await with_deadline(connect_one(endpoints[i]), now + share, what);
        if (attempt) {
            co_return std::move(*attempt);
        }
        const auto& error = attempt.error();
        if (error.code == errc::cancelled) {
            co_return std::move(attempt).error();
        }
        if (error.code == errc::timeout) {
            failures += address_text(endpoints[i]);
            failures += ": no answer; ";
            if (left == 1) {
                failures.resize(failures.size() - 2);
                std::string message = what + " timed out after ";
                message += std::to_string(elapsed_ms(started, steady_clock::now()));
                message += " ms (" + failures + "); check the address and that nothing on the ";
                message += "network path drops the connection";
                co_return make_error(errc::timeout, std::move(message));
            }
        } else {
            failures += error.message + "; ";
        }
    }
    failures.resize(failures.size() - 2);  // the last "; "
    co_return make_error(errc::connect_failed, what + " failed (" + failures +
                                                   "); check that the endpoint is up and "
                                                   "listening on that port");
}

}  // namespace mongo_aws::detail
