// The credential cache: one shared fetch for any number of callers, kept only while fresh.
#define BOOST_TEST_MODULE credential_cache
#include "credential_cache.hpp"
#include "support/fake_credential_source.hpp"

#include <mongo_aws/credential_provider.hpp>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>
#include <vector>

using namespace std::chrono_literals;
using mongo_aws::credential_source;
using mongo_aws::errc;
using mongo_aws::fetched_credentials;
using mongo_aws::result;
using mongo_aws::detail::credential_cache;
using mongo_aws::test::fake_source;
using steady = std::chrono::steady_clock;
using wall = std::chrono::system_clock;

namespace {

// A wall clock the test moves by hand.
struct fake_clock {
    wall::time_point now = wall::now();
    mongo_aws::wall_clock function() {
        return [this] { return now; };
    }
};

credential_cache::fetch_function from(fake_source& source,
                                      credential_source as = credential_source::ec2) {
    return [&source, as](mongo_aws::deadline) -> asio::awaitable<result<fetched_credentials>> {
        auto creds = co_await source.run();
        if (!creds) {
            co_return creds.error();
        }
        co_return fetched_credentials{*creds, as, false, {}};
    };
}

struct call {
    std::optional<result<fetched_credentials>> outcome;
    steady::duration elapsed{};
};

asio::awaitable<void> timed_get(credential_cache& cache,
                                const credential_cache::fetch_function& fetch, call& out,
                                steady::duration timeout) {
    const auto started = steady::now();
    out.outcome = co_await cache.get(fetch, started + timeout, "waiting for test credentials");
    out.elapsed = steady::now() - started;
}

// Starts one cache.get() on `io`; `signal`, when given, can cancel it.
void start(asio::io_context& io, credential_cache& cache,
           const credential_cache::fetch_function& fetch, call& out, steady::duration timeout = 5s,
           asio::cancellation_signal* signal = nullptr) {
    if (signal != nullptr) {
        asio::co_spawn(io, timed_get(cache, fetch, out, timeout),
                       asio::bind_cancellation_slot(signal->slot(), asio::detached));
    } else {
        asio::co_spawn(io, timed_get(cache, fetch, out, timeout), asio::detached);
    }
}

// One get() run to completion.
result<fetched_credentials> get_once(credential_cache& cache,
                                     const credential_cache::fetch_function& fetch,
                                     asio::io_context& io) {
    call out;
    start(io, cache, fetch, out);
    io.restart();
    io.run();
    BOOST_REQUIRE(out.outcome.has_value());
    return *out.outcome;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_thousand_callers_on_a_cold_cache_share_one_fetch) {
    asio::io_context io;
    fake_source source;
    source.delay = 20ms;
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    const auto fetch = from(source);
    std::vector<call> calls(1000);
    for (auto& c : calls) {
        start(io, cache, fetch, c);
    }
    io.run();
    BOOST_TEST(source.calls == 1);
    for (const auto& c : calls) {
        BOOST_REQUIRE(c.outcome.has_value());
        BOOST_REQUIRE(c.outcome->has_value());
        BOOST_TEST((*c.outcome)->creds.access_key_id == source.access_key_id);
        BOOST_TEST((*c.outcome)->source == credential_source::ec2);
    }
}

BOOST_AUTO_TEST_CASE(valid_credentials_are_answered_from_the_cache_without_waiting) {
    asio::io_context io;
    fake_source source;
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    const auto fetch = from(source);
    auto first = get_once(cache, fetch, io);
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(!first->from_cache);
    const auto hit = cache.lookup();
    BOOST_REQUIRE(hit.has_value());
    BOOST_TEST(hit->from_cache);
    auto second = get_once(cache, fetch, io);
    BOOST_REQUIRE(second.has_value());
    BOOST_TEST(second->from_cache);
    BOOST_TEST(source.calls == 1);
}

BOOST_AUTO_TEST_CASE(a_cache_hit_does_not_wait_behind_a_fetch) {
    // The cache answers synchronously: lookup() needs no executor turn.
    asio::io_context io;
    fake_source source;
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    BOOST_REQUIRE(get_once(cache, from(source), io).has_value());
    BOOST_TEST(cache.lookup().has_value());
    BOOST_TEST(!cache.fetching());
}

BOOST_AUTO_TEST_CASE(fresh_credentials_inside_the_refresh_window_are_returned_but_not_kept) {
    asio::io_context io;
    fake_source source;
    source.expiration = wall::now() + 4min;
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    const auto fetch = from(source);
    auto first = get_once(cache, fetch, io);
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(first->creds.access_key_id == source.access_key_id);
    BOOST_TEST(!cache.lookup().has_value());
    BOOST_REQUIRE(get_once(cache, fetch, io).has_value());
    BOOST_TEST(source.calls == 2);
}

BOOST_AUTO_TEST_CASE(cached_credentials_are_refreshed_once_five_minutes_or_less_remain) {
    asio::io_context io;
    fake_clock clock;
    fake_source source;
    source.expiration = clock.now + 1h;
    credential_cache cache(io.get_executor(), clock.function());
    const auto fetch = from(source);
    BOOST_REQUIRE(get_once(cache, fetch, io).has_value());
    clock.now += 54min;  // 6 minutes left: still cached
    BOOST_TEST(get_once(cache, fetch, io)->from_cache);
    BOOST_TEST(source.calls == 1);
    clock.now += 1min;  // exactly 5 minutes left: refresh
    source.expiration = clock.now + 1h;
    auto refreshed = get_once(cache, fetch, io);
    BOOST_REQUIRE(refreshed.has_value());
    BOOST_TEST(!refreshed->from_cache);
    BOOST_TEST(source.calls == 2);
}

BOOST_AUTO_TEST_CASE(expired_credentials_are_never_returned) {
    asio::io_context io;
    fake_clock clock;
    fake_source source;
    source.expiration = wall::time_point{} + std::chrono::seconds(1700000000);  // 2023-11-14
    clock.now = *source.expiration + 1s;
    credential_cache cache(io.get_executor(), clock.function());
    auto outcome = get_once(cache, from(source), io);
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::credentials_expired));
    BOOST_TEST(outcome.error().message.find("2023-11-14T22:13:20Z") != std::string::npos);
    BOOST_TEST(!cache.lookup().has_value());
}

BOOST_AUTO_TEST_CASE(clear_forces_a_fetch) {
    asio::io_context io;
    fake_source source;
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    const auto fetch = from(source);
    BOOST_REQUIRE(get_once(cache, fetch, io).has_value());
    cache.clear();
    BOOST_TEST(!cache.lookup().has_value());
    auto again = get_once(cache, fetch, io);
    BOOST_REQUIRE(again.has_value());
    BOOST_TEST(!again->from_cache);
    BOOST_TEST(source.calls == 2);
}

BOOST_AUTO_TEST_CASE(a_failed_fetch_is_not_cached) {
    asio::io_context io;
    fake_source source;
    source.failure = mongo_aws::make_error(errc::network_error, "connection reset");
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    const auto fetch = from(source);
    auto first = get_once(cache, fetch, io);
    BOOST_REQUIRE(!first.has_value());
    BOOST_TEST(first.error().code == make_error_code(errc::network_error));
    source.failure.reset();
    auto second = get_once(cache, fetch, io);
    BOOST_REQUIRE(second.has_value());
    BOOST_TEST(source.calls == 2);
}

BOOST_AUTO_TEST_CASE(a_cancelled_waiter_leaves_at_once_and_the_others_still_get_credentials) {
    asio::io_context io;
    fake_source source;
    source.delay = 300ms;
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    const auto fetch = from(source);
    call leaver;
    call stayer1;
    call stayer2;
    asio::cancellation_signal signal;
    start(io, cache, fetch, stayer1);
    start(io, cache, fetch, leaver, 5s, &signal);
    start(io, cache, fetch, stayer2);
    asio::steady_timer canceller(io, 30ms);
    canceller.async_wait([&](std::error_code) { signal.emit(asio::cancellation_type::terminal); });
    io.run();
    BOOST_REQUIRE(leaver.outcome.has_value());
    BOOST_REQUIRE(!leaver.outcome->has_value());
    BOOST_TEST(leaver.outcome->error().code == make_error_code(errc::cancelled));
    BOOST_TEST(leaver.elapsed < 200ms);
    for (const auto* c : {&stayer1, &stayer2}) {
        BOOST_REQUIRE(c->outcome.has_value());
        BOOST_TEST(c->outcome->has_value());
        BOOST_TEST(c->elapsed >= 300ms);
    }
    BOOST_TEST(source.calls == 1);
    BOOST_TEST(source.cancelled == 0);
}

BOOST_AUTO_TEST_CASE(a_waiter_past_its_deadline_times_out_without_stopping_the_fetch) {
    asio::io_context io;
    fake_source source;
    source.delay = 200ms;
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    const auto fetch = from(source);
    call patient;
    call hurried;
    start(io, cache, fetch, patient);
    start(io, cache, fetch, hurried, 30ms);
    io.run();
    BOOST_REQUIRE(!hurried.outcome->has_value());
    BOOST_TEST(hurried.outcome->error().code == make_error_code(errc::timeout));
    BOOST_TEST(hurried.elapsed < 150ms);
    BOOST_TEST(patient.outcome->has_value());
    BOOST_TEST(cache.lookup().has_value());
}

BOOST_AUTO_TEST_CASE(a_fetch_whose_waiters_all_left_still_fills_the_cache) {
    asio::io_context io;
    fake_source source;
    source.delay = 100ms;
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    const auto fetch = from(source);
    call leaver;
    asio::cancellation_signal signal;
    start(io, cache, fetch, leaver, 5s, &signal);
    asio::steady_timer canceller(io, 10ms);
    canceller.async_wait([&](std::error_code) { signal.emit(asio::cancellation_type::terminal); });
    io.run();
    BOOST_TEST(!leaver.outcome->has_value());
    BOOST_TEST(cache.lookup().has_value());
    BOOST_TEST(source.calls == 1);
}

BOOST_AUTO_TEST_CASE(a_hanging_fetch_ends_at_the_deadline_of_the_caller_that_started_it) {
    asio::io_context io;
    fake_source source;
    source.hang = true;
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    const auto fetch = from(source);  // start() keeps a reference: it must outlive io.run()
    call only;
    start(io, cache, fetch, only, 50ms);
    io.run();  // returns: the hanging fetch was cancelled at the deadline
    BOOST_REQUIRE(!only.outcome->has_value());
    BOOST_TEST(only.outcome->error().code == make_error_code(errc::timeout));
    BOOST_TEST(source.cancelled == 1);
    BOOST_TEST(!cache.fetching());
}

BOOST_AUTO_TEST_CASE(a_fetch_that_throws_is_an_error_for_every_waiter) {
    asio::io_context io;
    credential_cache cache(io.get_executor(), [] { return wall::now(); });
    const credential_cache::fetch_function fetch =
        [](mongo_aws::deadline) -> asio::awaitable<result<fetched_credentials>> {
        throw std::runtime_error("boom");
        co_return mongo_aws::make_error(errc::cancelled, "unreachable");
    };
    auto outcome = get_once(cache, fetch, io);
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::credential_source_threw));
    BOOST_TEST(outcome.error().message.find("boom") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(only_endpoint_credentials_and_expiring_custom_ones_are_cacheable) {
    fetched_credentials fetched{{}, credential_source::ec2, false, {}};
    BOOST_TEST(mongo_aws::detail::cacheable(fetched));
    fetched.source = credential_source::environment;
    BOOST_TEST(!mongo_aws::detail::cacheable(fetched));
    fetched.source = credential_source::explicit_credentials;
    BOOST_TEST(!mongo_aws::detail::cacheable(fetched));
    fetched.source = credential_source::custom;
    BOOST_TEST(!mongo_aws::detail::cacheable(fetched));
    fetched.creds.expiration = wall::now() + 1h;
    BOOST_TEST(mongo_aws::detail::cacheable(fetched));
}
