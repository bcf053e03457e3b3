#include "credential_cache.hpp"

#include "deadline.hpp"

#include <mongo_aws/timestamp.hpp>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <exception>
#include <string>
#include <utility>

namespace mongo_aws::detail {

namespace {

// One fetch and the callers waiting for it. Waiters park on `done`, which never expires by
// itself: the fetch cancels it to wake them all at once.
struct flight {
    explicit flight(const asio::any_io_executor& executor)
        : done(executor, steady_clock::time_point::max()) {}

    asio::steady_timer done;
    std::optional<result<fetched_credentials>> outcome;
};

bool fresh_enough(const credentials& creds, std::chrono::system_clock::time_point now) {
    return !creds.expiration || *creds.expiration - now > credential_provider::refresh_window;
}

asio::awaitable<result<fetched_credentials>> wait_for(std::shared_ptr<flight> shared) {
    if (!shared->outcome) {
        // Woken by the fetch (operation_aborted) or by this waiter's own cancellation.
        (void)co_await shared->done.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
    }
    if (shared->outcome) {
        co_return *shared->outcome;
    }
    co_return cancelled_error("waiting for credentials");
}

}  // namespace

struct credential_cache::state {
    state(asio::any_io_executor exec, wall_clock wall)
        : executor(std::move(exec)), clock(std::move(wall)) {}

    asio::any_io_executor executor;
    wall_clock clock;
    std::optional<fetched_credentials> entry;
    std::shared_ptr<flight> in_flight;
    asio::cancellation_signal cancel_fetch;

    // Runs one fetch to its end (it is detached from every caller, so that a waiter that
    // leaves does not cancel it), keeps what may be kept, then wakes the waiters. `self` keeps
    // the state alive if the cache is destroyed meanwhile.
    static asio::awaitable<void> run(std::shared_ptr<state> self, std::shared_ptr<flight> shared,
                                     credential_cache::fetch_function fetch, deadline until) {
        std::optional<result<fetched_credentials>> outcome;
        try {
            auto operation = fetch(until);
            std::string what = "fetching credentials";
            outcome = co_await with_deadline(std::move(operation), until, std::move(what));
        } catch (const std::exception& thrown) {
            outcome = make_error(errc::credential_source_threw,
                                 std::string("fetching credentials threw: ") + thrown.what());
        } catch (...) {
            outcome = make_error(errc::credential_source_threw,
                                 "fetching credentials threw an exception that is not a "
                                 "std::exception");
        }
        if (*outcome) {
            const auto now = self->clock();
            auto current = check_not_expired((*outcome)->creds, (*outcome)->source, now);
            if (!current) {
                outcome = std::move(current).error();
            } else if (cacheable(**outcome) && fresh_enough((*outcome)->creds, now)) {
                self->entry = **outcome;
            }
        }
        shared->outcome = std::move(outcome);
        if (self->in_flight == shared) {
            self->in_flight.reset();
        }
        shared->done.cancel();
    }
};

bool cacheable(const fetched_credentials& fetched) noexcept {
    switch (fetched.source) {
        case credential_source::web_identity:
        case credential_source::ecs:
        case credential_source::ec2:
            return true;
        case credential_source::custom:
            return fetched.creds.expiration.has_value();
        case credential_source::explicit_credentials:
        case credential_source::environment:
            return false;
    }
    return false;
}

result<void> check_not_expired(const credentials& creds, credential_source source,
                               std::chrono::system_clock::time_point now) {
    if (!creds.expired_at(now)) {
        return {};
    }
    return make_error(errc::credentials_expired,
                      std::string(to_string(source)) +
                          " answered with credentials that expired at " +
                          format_iso8601(*creds.expiration) + " (it is now " + format_iso8601(now) +
                          "): check the source's clock and the host's clock");
}

credential_cache::credential_cache(asio::any_io_executor executor, wall_clock clock)
    : state_(std::make_shared<state>(std::move(executor), std::move(clock))) {}

credential_cache::~credential_cache() {
    if (state_->in_flight) {
        state_->cancel_fetch.emit(asio::cancellation_type::terminal);
    }
}

std::optional<fetched_credentials> credential_cache::lookup() const {
    if (!state_->entry || !fresh_enough(state_->entry->creds, state_->clock())) {
        return std::nullopt;
    }
    auto hit = *state_->entry;
    hit.from_cache = true;
    const auto& expiration = hit.creds.expiration;
    hit.attempts = {
        {hit.source, attempt_status::ok,
         "from the cache" + (expiration ? "; they expire at " + format_iso8601(*expiration)
                                        : std::string("; they do not expire")),
         0}};
    return hit;
}

asio::awaitable<result<fetched_credentials>> credential_cache::get(const fetch_function& fetch,
                                                                   deadline until,
                                                                   std::string what) {
    if (auto hit = lookup()) {
        co_return std::move(*hit);
    }
    if (!state_->in_flight) {
        state_->in_flight = std::make_shared<flight>(state_->executor);
        asio::co_spawn(state_->executor, state::run(state_, state_->in_flight, fetch, until),
                       asio::bind_cancellation_slot(state_->cancel_fetch.slot(), asio::detached));
    }
    auto waiting = wait_for(state_->in_flight);
    auto outcome = co_await with_deadline(std::move(waiting), until, std::move(what));
    co_return outcome;
}

void credential_cache::clear() noexcept {
    state_->entry.reset();
}

bool credential_cache::fetching() const noexcept {
    return state_->in_flight != nullptr;
}

}  // namespace mongo_aws::detail
