// Starting an operation now and awaiting its outcome later: how connect() fetches credentials
// while it connects, so that a cold start costs max(handshake, credentials), not the sum.
#pragma once

#include <mongo_aws/result.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace mongo_aws::detail {

/// One operation running on its own on an executor. Not thread-safe: start, wait and cancel
/// from code on that executor.
template <class T>
class background_task {
public:
    /// Starts `operation` on `executor` at once.
    background_task(const asio::any_io_executor& executor, asio::awaitable<result<T>> operation)
        : state_(std::make_shared<state>(executor)) {
        auto run = [](std::shared_ptr<state> shared,
                      asio::awaitable<result<T>> op) -> asio::awaitable<void> {
            try {
                shared->outcome.emplace(co_await std::move(op));
            } catch (const std::exception& thrown) {
                shared->outcome.emplace(make_error(errc::credential_source_threw,
                                                   std::string("it threw: ") + thrown.what()));
            }
            shared->finished.cancel();  // wakes the waiter
        };
        asio::co_spawn(executor, run(state_, std::move(operation)),
                       asio::bind_cancellation_slot(state_->cancel.slot(), asio::detached));
    }

    background_task(const background_task&) = delete;
    background_task& operator=(const background_task&) = delete;
    background_task(background_task&&) noexcept = default;
    background_task& operator=(background_task&&) noexcept = default;

    /// Cancels the operation if it is still running.
    ~background_task() { cancel(); }

    /// The operation's outcome, once it has one. When the calling coroutine is cancelled first,
    /// errc::cancelled (and the operation is cancelled too).
    asio::awaitable<result<T>> wait(std::string what) {
        if (!state_->outcome) {
            auto [ec] = co_await state_->finished.async_wait(
                asio::experimental::as_tuple(asio::use_awaitable));
            (void)ec;  // operation_aborted either way: finished, or we were cancelled
        }
        if (!state_->outcome) {
            cancel();
            co_return make_error(errc::cancelled, what + " was cancelled");
        }
        co_return std::move(*state_->outcome);
    }

    /// Cancels the operation (its outcome, if it ever comes, is dropped).
    void cancel() {
        if (state_ && !state_->outcome) {
            state_->cancel.emit(asio::cancellation_type::terminal);
        }
    }

private:
    struct state {
        explicit state(const asio::any_io_executor& executor)
            : finished(executor, std::chrono::steady_clock::time_point::max()) {}
        std::optional<result<T>> outcome;
        asio::steady_timer finished;
        asio::cancellation_signal cancel;
    };
    std::shared_ptr<state> state_;
};

}  // namespace mongo_aws::detail
