// with_deadline: an operation's own error at once, a timeout at the deadline, cancellation
// at the caller's word.
#define BOOST_TEST_MODULE deadline
#include "deadline.hpp"

#include <mongo_aws/result.hpp>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>

using namespace std::chrono_literals;
using mongo_aws::errc;
using mongo_aws::result;
using mongo_aws::detail::steady_clock;
using mongo_aws::detail::with_deadline;

namespace {

asio::awaitable<result<int>> answer_after(steady_clock::duration delay) {
    asio::steady_timer timer(co_await asio::this_coro::executor, delay);
    auto [ec] = co_await timer.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
    if (ec) {
        co_return mongo_aws::make_error(errc::cancelled, "timer aborted");
    }
    co_return 42;
}

// Connecting to a closed loopback port fails at once with "connection refused".
asio::awaitable<result<int>> connect_to_closed_port() {
    auto executor = co_await asio::this_coro::executor;
    asio::ip::tcp::acceptor acceptor(executor, {asio::ip::address_v4::loopback(), 0});
    const auto closed = acceptor.local_endpoint();
    acceptor.close();
    asio::ip::tcp::socket socket(executor);
    auto [ec] =
        co_await socket.async_connect(closed, asio::experimental::as_tuple(asio::use_awaitable));
    if (ec) {
        co_return mongo_aws::make_error(errc::connect_failed, "refused: " + ec.message());
    }
    co_return 0;
}

struct outcome {
    std::optional<result<int>> value;
    steady_clock::duration elapsed{};
};

// Runs `make()` under `timeout` on a fresh io_context; `cancel_after`, when set, emits a
// terminal cancellation from the caller's side.
template <class Make>
outcome run(Make make, steady_clock::duration timeout,
            std::optional<steady_clock::duration> cancel_after = std::nullopt) {
    asio::io_context io;
    outcome out;
    asio::cancellation_signal signal;
    const auto started = steady_clock::now();
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            out.value = co_await with_deadline(make(), steady_clock::now() + timeout, "test step");
            out.elapsed = steady_clock::now() - started;
        },
        asio::bind_cancellation_slot(signal.slot(), asio::detached));
    asio::steady_timer canceller(io);
    if (cancel_after) {
        canceller.expires_after(*cancel_after);
        canceller.async_wait(
            [&](std::error_code) { signal.emit(asio::cancellation_type::terminal); });
    }
    io.run();
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(success_before_the_deadline_returns_the_value) {
    const auto out = run([] { return answer_after(10ms); }, 2s);
    BOOST_REQUIRE(out.value.has_value());
    BOOST_REQUIRE(out.value->has_value());
    BOOST_TEST(**out.value == 42);
}

BOOST_AUTO_TEST_CASE(an_error_is_reported_at_once_not_as_a_timeout) {
    const auto out = run([] { return connect_to_closed_port(); }, 5s);
    BOOST_REQUIRE(out.value.has_value());
    BOOST_REQUIRE(!out.value->has_value());
    BOOST_TEST(out.value->error().code == std::error_code(errc::connect_failed));
    BOOST_TEST(out.elapsed < 1s);  // far from the 5 s deadline
}

BOOST_AUTO_TEST_CASE(a_hanging_operation_times_out_at_the_deadline) {
    const auto out = run([] { return answer_after(30s); }, 150ms);
    BOOST_REQUIRE(out.value.has_value());
    BOOST_REQUIRE(!out.value->has_value());
    BOOST_TEST(out.value->error().code == std::error_code(errc::timeout));
    BOOST_TEST(out.value->error().message.find("test step timed out after") != std::string::npos);
    BOOST_TEST(out.elapsed >= 150ms);
    BOOST_TEST(out.elapsed < 1s);
}

BOOST_AUTO_TEST_CASE(the_callers_cancellation_stops_the_operation_promptly) {
    const auto out = run([] { return answer_after(30s); }, 20s, 50ms);
    BOOST_REQUIRE(out.value.has_value());
    BOOST_REQUIRE(!out.value->has_value());
    BOOST_TEST(out.value->error().code == std::error_code(errc::cancelled));
    BOOST_TEST(out.elapsed < 1s);
}
