// Running an operation under a deadline, on the caller's executor.
//
// Asio 1.22's `(op || timer)` waits for the first *success*: an operation that fails at once
// would be reported as a timeout after the full delay. A parallel group that waits for the first
// completion, whatever its outcome, reports the operation's own error at once.
#pragma once

#include <mongo_aws/result.hpp>

#include <asio/awaitable.hpp>
#include <asio/co_spawn.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <utility>

namespace mongo_aws::detail {

using steady_clock = std::chrono::steady_clock;

/// Milliseconds from `from` to `to`, never negative (for messages).
inline long long elapsed_ms(steady_clock::time_point from, steady_clock::time_point to) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
    return ms < 0 ? 0 : ms;
}

/// The error a step reports when its deadline passes: "<what> timed out after N ms".
inline error timeout_error(const std::string& what, steady_clock::time_point started) {
    return make_error(errc::timeout, what + " timed out after " +
                                         std::to_string(elapsed_ms(started, steady_clock::now())) +
                                         " ms");
}

/// The error a step reports when its caller cancelled it.
inline error cancelled_error(const std::string& what) {
    return make_error(errc::cancelled, what + " was cancelled");
}

/// Runs `operation` until it completes or `deadline` passes, whichever comes first.
/// - The operation's own outcome, success or error, is returned as soon as it completes.
/// - At the deadline the operation is cancelled and errc::timeout is returned, naming `what`.
/// - When the calling coroutine is cancelled, the operation is cancelled too and
///   errc::cancelled is returned.
/// The operation must honour cancellation (every Asio socket and timer operation does); one
/// that does not (async_resolve) keeps this call waiting until it ends: see resolve.hpp.
template <class T>
asio::awaitable<result<T>> with_deadline(asio::awaitable<result<T>> operation,
                                         steady_clock::time_point deadline, std::string what) {
    namespace experimental = asio::experimental;
    const auto started = steady_clock::now();
    auto executor = co_await asio::this_coro::executor;
    asio::steady_timer timer(executor, deadline);

    // co_spawn default-constructs the value when the coroutine throws; result<T> has no
    // default, so the operation's outcome travels in an optional.
    auto optional_outcome =
        [](asio::awaitable<result<T>> op) -> asio::awaitable<std::optional<result<T>>> {
        co_return co_await std::move(op);
    };
    auto [order, exception, outcome, timer_error] =
        co_await experimental::make_parallel_group(
            asio::co_spawn(executor, optional_outcome(std::move(operation)),
                           experimental::deferred),
            timer.async_wait(experimental::deferred))
            .async_wait(experimental::wait_for_one(), asio::use_awaitable);

    const auto state = co_await asio::this_coro::cancellation_state;
    if (state.cancelled() != asio::cancellation_type::none) {
        co_return cancelled_error(what);
    }
    if (order[0] == 0) {
        if (exception) {
            std::rethrow_exception(exception);
        }
        co_return std::move(*outcome);
    }
    co_return timeout_error(what, started);
}

}  // namespace mongo_aws::detail
