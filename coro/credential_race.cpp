#include "credential_race.hpp"

#include "deadline.hpp"

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <memory>
#include <utility>

namespace mongo_aws::detail {

namespace {

// Shared by the race and its branches. Timers that never expire by themselves serve as
// events: `decided` is cancelled once the winner is known (or all failed), `finished` once
// the last branch has ended.
struct race_state {
    race_state(const asio::any_io_executor& executor, std::size_t count)
        : decided(executor, steady_clock::time_point::max()),
          finished(executor, steady_clock::time_point::max()),
          running(count, true),
          cancelled(count, false),
          still_running(count) {
        outcome.answers.resize(count);
        outcome.elapsed_ms.resize(count);
        for (std::size_t i = 0; i < count; ++i) {
            signals.push_back(std::make_unique<asio::cancellation_signal>());
        }
    }

    // Decided when some candidate succeeded and every one before it failed, or all failed.
    void evaluate() {
        if (done) {
            return;
        }
        for (std::size_t i = 0; i < outcome.answers.size(); ++i) {
            const auto& answer = outcome.answers[i];
            if (!answer) {
                return;  // a higher-priority candidate has not answered yet
            }
            if (answer->has_value()) {
                outcome.winner = i;
                break;
            }
        }
        done = true;
        decided.cancel();
    }

    asio::steady_timer decided;
    asio::steady_timer finished;
    race_outcome outcome;
    std::vector<std::unique_ptr<asio::cancellation_signal>> signals;
    std::vector<bool> running;
    std::vector<bool> cancelled;
    std::size_t still_running;
    bool done = false;
};

asio::awaitable<void> branch(std::shared_ptr<race_state> race, std::size_t index,
                             credential_source source, const source_asker& ask) {
    const auto started = steady_clock::now();
    auto answer = co_await ask(source);
    race->outcome.elapsed_ms[index] = elapsed_ms(started, steady_clock::now());
    if (!race->cancelled[index]) {
        race->outcome.answers[index] = std::move(answer);
    }
    race->running[index] = false;
    race->evaluate();
    if (--race->still_running == 0) {
        race->finished.cancel();
    }
}

}  // namespace

asio::awaitable<race_outcome> race_by_priority(std::vector<credential_source> candidates,
                                               source_asker ask) {
    // Once this race is cancelled it must still cancel its branches and wait for them.
    co_await asio::this_coro::throw_if_cancelled(false);
    if (candidates.empty()) {
        co_return race_outcome{};
    }
    auto executor = co_await asio::this_coro::executor;
    auto race = std::make_shared<race_state>(executor, candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        asio::co_spawn(executor, branch(race, i, candidates[i], ask),
                       asio::bind_cancellation_slot(race->signals[i]->slot(), asio::detached));
    }
    const auto wait = asio::experimental::as_tuple(asio::use_awaitable);
    if (!race->done) {
        // Woken by the decision, or by our caller's cancellation.
        (void)co_await race->decided.async_wait(wait);
    }
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (race->running[i]) {
            race->cancelled[i] = true;
            race->signals[i]->emit(asio::cancellation_type::terminal);
        }
    }
    if (race->still_running > 0) {
        (void)co_await race->finished.async_wait(wait);
    }
    co_return std::move(race->outcome);
}

}  // namespace mongo_aws::detail
