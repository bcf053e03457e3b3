// Running one coroutine on a test's io_context until it returns, timed, optionally cancelled
// from the caller's side. Stand-ins keep the io_context busy, so run() would never return:
// this runs handlers one by one until the coroutine is done.
#pragma once

#include <asio/awaitable.hpp>
#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>
#include <utility>

namespace mongo_aws::test {

/// What a coroutine returned, and how long it took.
template <class T>
struct timed_outcome {
    std::optional<T> value;
    std::chrono::steady_clock::duration elapsed{};

    [[nodiscard]] long long ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
    }
};

/// Runs `operation` on `io` until it returns (a test failure, that stops the test, if the
/// io_context runs out of work first); `cancel_after`, when set, emits a terminal cancellation
/// to it that long after the start. The io_context is restarted for the next use.
template <class T>
timed_outcome<T> run_to_completion(
    asio::io_context& io, asio::awaitable<T> operation,
    std::optional<std::chrono::steady_clock::duration> cancel_after = std::nullopt) {
    timed_outcome<T> out;
    asio::cancellation_signal signal;
    asio::steady_timer canceller(io);
    const auto started = std::chrono::steady_clock::now();
    asio::co_spawn(
        io,
        [&out, &canceller, started, op = std::move(operation)]() mutable -> asio::awaitable<void> {
            out.value.emplace(co_await std::move(op));
            out.elapsed = std::chrono::steady_clock::now() - started;
            canceller.cancel();
        },
        asio::bind_cancellation_slot(signal.slot(), asio::detached));
    if (cancel_after) {
        canceller.expires_after(*cancel_after);
        canceller.async_wait([&signal](std::error_code ec) {
            if (!ec) {
                signal.emit(asio::cancellation_type::terminal);
            }
        });
    }
    while (!out.value && io.run_one() != 0) {
    }
    io.restart();
    BOOST_TEST_REQUIRE(out.value.has_value(), "the coroutine never returned");
    return out;
}

}  // namespace mongo_aws::test
