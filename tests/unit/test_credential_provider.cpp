// The credential provider: the specification's choice of one source, the opt-in SDK-style
// concurrent fallback, the cache rules, and every completion token form.
#define BOOST_TEST_MODULE credential_provider
#include "support/fake_credential_source.hpp"

#include <mongo_aws/credential_provider.hpp>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/io_context.hpp>
#include <asio/use_future.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using mongo_aws::attempt_status;
using mongo_aws::credential_policy;
using mongo_aws::credential_provider;
using mongo_aws::credential_source;
using mongo_aws::errc;
using mongo_aws::fetched_credentials;
using mongo_aws::provider_options;
using mongo_aws::result;
using mongo_aws::test::fake_source;
using steady = std::chrono::steady_clock;

namespace {

// An environment the test edits between lookups.
struct fake_environment {
    std::map<std::string, std::string, std::less<>> variables;

    mongo_aws::environment_lookup lookup() {
        return [this](std::string_view name) -> std::optional<std::string> {
            const auto found = variables.find(name);
            if (found == variables.end()) {
                return std::nullopt;
            }
            return found->second;
        };
    }
};

struct call {
    std::optional<result<fetched_credentials>> outcome;
    steady::duration elapsed{};
};

asio::awaitable<void> timed_get(credential_provider& provider, call& out,
                                steady::duration timeout) {
    const auto started = steady::now();
    out.outcome = co_await provider.get(started + timeout);
    out.elapsed = steady::now() - started;
}

void start(asio::io_context& io, credential_provider& provider, call& out,
           steady::duration timeout = 5s, asio::cancellation_signal* signal = nullptr) {
    if (signal != nullptr) {
        asio::co_spawn(io, timed_get(provider, out, timeout),
                       asio::bind_cancellation_slot(signal->slot(), asio::detached));
    } else {
        asio::co_spawn(io, timed_get(provider, out, timeout), asio::detached);
    }
}

call get_once(asio::io_context& io, credential_provider& provider) {
    call out;
    start(io, provider, out);
    io.restart();
    io.run();
    BOOST_REQUIRE(out.outcome.has_value());
    return out;
}

const mongo_aws::source_attempt& attempt_of(const fetched_credentials& fetched,
                                            credential_source source) {
    for (const auto& attempt : fetched.attempts) {
        if (attempt.source == source) {
            return attempt;
        }
    }
    BOOST_FAIL("no attempt for the source");
    return fetched.attempts.front();
}

// The base options: an environment the test owns, with EC2 turned off unless it sets a fetcher.
// No network fetcher unless a test installs a fake one: these tests never leave the process.
provider_options options_with(fake_environment& env) {
    provider_options options;
    options.environment = env.lookup();
    options.fetchers = {};
    return options;
}

mongo_aws::credentials explicit_pair() {
    mongo_aws::credentials creds;
    creds.access_key_id = "AKIDEXPLICIT0000001";
    creds.secret_access_key = mongo_aws::secret_string("explicit-secret");
    return creds;
}

}  // namespace

// --- The specification's policy ---

BOOST_AUTO_TEST_CASE(explicit_credentials_win_and_are_never_cached) {
    asio::io_context io;
    fake_environment env;
    env.variables["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT0001";
    env.variables["AWS_SECRET_ACCESS_KEY"] = "env-secret";
    fake_source ec2;
    auto options = options_with(env);
    options.explicit_credentials = explicit_pair();
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    auto first = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(first->source == credential_source::explicit_credentials);
    BOOST_TEST(first->creds.access_key_id == "AKIDEXPLICIT0000001");
    BOOST_TEST(!first->from_cache);
    BOOST_TEST(!get_once(io, provider).outcome.value()->from_cache);
    BOOST_TEST(ec2.calls == 0);
}

BOOST_AUTO_TEST_CASE(the_environment_is_read_afresh_on_every_lookup) {
    asio::io_context io;
    fake_environment env;
    env.variables["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT0001";
    env.variables["AWS_SECRET_ACCESS_KEY"] = "env-secret";
    credential_provider provider(io.get_executor(), options_with(env));
    auto first = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(first->source == credential_source::environment);
    BOOST_TEST(first->creds.access_key_id == "AKIDENVIRONMENT0001");
    BOOST_TEST(first->creds.session_token.empty());
    env.variables["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT0002";
    env.variables["AWS_SESSION_TOKEN"] = "env-token";
    auto second = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(second.has_value());
    BOOST_TEST(second->creds.access_key_id == "AKIDENVIRONMENT0002");
    BOOST_TEST(second->creds.session_token.reveal() == "env-token");
    BOOST_TEST(!second->from_cache);
}

BOOST_AUTO_TEST_CASE(a_half_set_environment_pair_is_an_error_naming_what_is_missing) {
    asio::io_context io;
    fake_environment env;
    env.variables["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT0001";
    fake_source ec2;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    auto outcome = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::environment_credentials_incomplete));
    BOOST_TEST(outcome.error().message.find("AWS_SECRET_ACCESS_KEY is not") != std::string::npos);
    BOOST_TEST(ec2.calls == 0);  // never a fall-through
}

BOOST_AUTO_TEST_CASE(a_configured_source_that_fails_is_an_error_not_a_fall_through) {
    asio::io_context io;
    fake_environment env;
    env.variables["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/abc";
    fake_source ecs;
    ecs.failure = mongo_aws::make_error(errc::network_error, "HTTP 500 from the endpoint");
    fake_source ec2;
    auto options = options_with(env);
    options.fetchers.ecs = ecs.fetcher();
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    auto outcome = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::network_error));
    BOOST_TEST(outcome.error().message == "ecs: HTTP 500 from the endpoint");
    BOOST_TEST(ecs.calls == 1);
    BOOST_TEST(ec2.calls == 0);
}

BOOST_AUTO_TEST_CASE(no_credentials_found_lists_every_source_and_why) {
    asio::io_context io;
    fake_environment env;
    env.variables["AWS_EC2_METADATA_DISABLED"] = "true";
    env.variables["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/app";
    credential_provider provider(io.get_executor(), options_with(env));
    auto outcome = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::no_credentials_found));
    const auto& message = outcome.error().message;
    for (const auto* name :
         {"explicit:", "custom:", "environment:", "web_identity:", "ecs:", "ec2:"}) {
        BOOST_TEST_INFO(name);
        BOOST_TEST(message.find(name) != std::string::npos);
    }
    BOOST_TEST(message.find("AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not") !=
               std::string::npos);
    BOOST_TEST(message.find("AWS_EC2_METADATA_DISABLED") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_chosen_source_without_a_fetcher_is_reported_as_unavailable) {
    asio::io_context io;
    fake_environment env;
    credential_provider provider(io.get_executor(), options_with(env));  // EC2, no fetcher
    auto outcome = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::credential_source_unavailable));
    BOOST_TEST(outcome.error().message.find("ec2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_invalid_environment_setting_is_an_error) {
    asio::io_context io;
    fake_environment env;
    env.variables["AWS_METADATA_SERVICE_TIMEOUT"] = "soon";
    credential_provider provider(io.get_executor(), options_with(env));
    auto outcome = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::env_invalid_number));
}

BOOST_AUTO_TEST_CASE(endpoint_credentials_are_cached_and_the_report_says_so) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    auto first = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(first->source == credential_source::ec2);
    BOOST_TEST(!first->from_cache);
    BOOST_TEST(attempt_of(*first, credential_source::ec2).status == attempt_status::ok);
    BOOST_TEST(attempt_of(*first, credential_source::environment).status ==
               attempt_status::skipped);
    BOOST_TEST(
        attempt_of(*first, credential_source::environment).detail.find("AWS_ACCESS_KEY_ID") !=
        std::string::npos);
    auto second = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(second.has_value());
    BOOST_TEST(second->from_cache);
    BOOST_TEST(second->source == credential_source::ec2);
    BOOST_TEST(ec2.calls == 1);
}

BOOST_AUTO_TEST_CASE(once_filled_the_cache_is_consulted_before_the_environment) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    BOOST_REQUIRE(get_once(io, provider).outcome.value().has_value());
    env.variables["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT0001";
    env.variables["AWS_SECRET_ACCESS_KEY"] = "env-secret";
    auto later = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(later.has_value());
    BOOST_TEST(later->source == credential_source::ec2);
    BOOST_TEST(later->creds.access_key_id == ec2.access_key_id);
    // After clear() (an authentication failure) the environment is chosen again.
    provider.clear();
    auto after_clear = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(after_clear.has_value());
    BOOST_TEST(after_clear->source == credential_source::environment);
}

BOOST_AUTO_TEST_CASE(clear_forces_a_fetch) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    BOOST_REQUIRE(get_once(io, provider).outcome.value().has_value());
    provider.clear();
    auto again = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(again.has_value());
    BOOST_TEST(!again->from_cache);
    BOOST_TEST(ec2.calls == 2);
}

BOOST_AUTO_TEST_CASE(a_failed_fetch_is_not_cached) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    ec2.failure = mongo_aws::make_error(errc::timeout, "IMDS token request timed out");
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    BOOST_TEST(!get_once(io, provider).outcome.value().has_value());
    ec2.failure.reset();
    BOOST_TEST(get_once(io, provider).outcome.value().has_value());
    BOOST_TEST(ec2.calls == 2);
}

BOOST_AUTO_TEST_CASE(expired_credentials_from_a_source_are_an_error) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    ec2.expiration = std::chrono::system_clock::now() - 1min;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    auto outcome = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::credentials_expired));
}

BOOST_AUTO_TEST_CASE(a_thousand_concurrent_lookups_cause_one_fetch) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    ec2.delay = 20ms;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    std::vector<call> calls(1000);
    for (auto& c : calls) {
        start(io, provider, c);
    }
    io.run();
    BOOST_TEST(ec2.calls == 1);
    for (const auto& c : calls) {
        BOOST_REQUIRE(c.outcome.has_value() && c.outcome->has_value());
        BOOST_TEST((*c.outcome)->creds.access_key_id == ec2.access_key_id);
    }
}

BOOST_AUTO_TEST_CASE(a_cancelled_lookup_returns_at_once_and_the_others_still_get_credentials) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    ec2.delay = 300ms;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    call leaver;
    call stayer;
    asio::cancellation_signal signal;
    start(io, provider, leaver, 5s, &signal);
    start(io, provider, stayer);
    asio::steady_timer canceller(io, 30ms);
    canceller.async_wait([&](std::error_code) { signal.emit(asio::cancellation_type::terminal); });
    io.run();
    BOOST_REQUIRE(!leaver.outcome->has_value());
    BOOST_TEST(leaver.outcome->error().code == make_error_code(errc::cancelled));
    BOOST_TEST(leaver.elapsed < 200ms);
    BOOST_TEST(stayer.outcome->has_value());
    BOOST_TEST(ec2.calls == 1);
    BOOST_TEST(ec2.cancelled == 0);
}

BOOST_AUTO_TEST_CASE(a_hanging_source_fails_at_the_deadline) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    ec2.hang = true;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    call only;
    start(io, provider, only, 50ms);
    io.run();
    BOOST_REQUIRE(!only.outcome->has_value());
    BOOST_TEST(only.outcome->error().code == make_error_code(errc::timeout));
    BOOST_TEST(only.elapsed < 1s);
    BOOST_TEST(ec2.cancelled == 1);
}

BOOST_AUTO_TEST_CASE(custom_credentials_are_cached_only_when_they_expire) {
    asio::io_context io;
    fake_environment env;
    fake_source custom;
    custom.expiration.reset();
    auto options = options_with(env);
    options.custom_provider = custom.callback();
    credential_provider provider(io.get_executor(), options);
    auto first = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(first.has_value());
    BOOST_TEST(first->source == credential_source::custom);
    BOOST_TEST(!get_once(io, provider).outcome.value()->from_cache);
    BOOST_TEST(custom.calls == 2);

    fake_source expiring;
    auto expiring_options = options_with(env);
    expiring_options.custom_provider = expiring.callback();
    credential_provider expiring_provider(io.get_executor(), expiring_options);
    BOOST_REQUIRE(get_once(io, expiring_provider).outcome.value().has_value());
    BOOST_TEST(get_once(io, expiring_provider).outcome.value()->from_cache);
    BOOST_TEST(expiring.calls == 1);
}

BOOST_AUTO_TEST_CASE(a_source_answering_without_a_secret_is_an_error) {
    asio::io_context io;
    fake_environment env;
    fake_source custom;
    custom.secret.clear();
    auto options = options_with(env);
    options.custom_provider = custom.callback();
    credential_provider provider(io.get_executor(), options);
    auto outcome = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::credentials_incomplete));
    BOOST_TEST(outcome.error().message.find("custom: ") == 0U);
}

BOOST_AUTO_TEST_CASE(a_custom_provider_that_throws_is_an_error) {
    asio::io_context io;
    fake_environment env;
    auto options = options_with(env);
    options.custom_provider = []() -> asio::awaitable<result<mongo_aws::credentials>> {
        throw std::runtime_error("vault unreachable");
        co_return mongo_aws::make_error(errc::cancelled, "unreachable");
    };
    credential_provider provider(io.get_executor(), options);
    auto outcome = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::credential_source_threw));
    BOOST_TEST(outcome.error().message.find("vault unreachable") != std::string::npos);
}

// --- The opt-in SDK-style policy ---

BOOST_AUTO_TEST_CASE(sdk_fallback_the_highest_priority_success_wins_and_losers_are_cancelled) {
    asio::io_context io;
    fake_environment env;
    env.variables["AWS_WEB_IDENTITY_TOKEN_FILE"] = "/var/run/token";
    env.variables["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/app";
    env.variables["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/abc";
    fake_source web;  // fails first
    web.delay = 100ms;
    web.failure = mongo_aws::make_error(errc::sts_error_response, "AccessDenied");
    fake_source ecs;  // the winner
    ecs.delay = 150ms;
    ecs.access_key_id = "AKIDECS000000000001";
    fake_source ec2;  // hangs until cancelled
    ec2.hang = true;
    auto options = options_with(env);
    options.policy = credential_policy::sdk_fallback;
    options.fetchers = {web.fetcher(), ecs.fetcher(), ec2.fetcher()};
    credential_provider provider(io.get_executor(), options);
    auto done = get_once(io, provider);
    const auto& outcome = done.outcome.value();
    BOOST_REQUIRE(outcome.has_value());
    BOOST_TEST(outcome->source == credential_source::ecs);
    BOOST_TEST(outcome->creds.access_key_id == "AKIDECS000000000001");
    BOOST_TEST(attempt_of(*outcome, credential_source::web_identity).status ==
               attempt_status::failed);
    BOOST_TEST(attempt_of(*outcome, credential_source::ec2).status == attempt_status::cancelled);
    BOOST_TEST(ec2.cancelled == 1);
    BOOST_TEST(done.elapsed >= 150ms);
    BOOST_TEST(done.elapsed < 250ms);  // the sum of the delays would be 250 ms
}

BOOST_AUTO_TEST_CASE(sdk_fallback_a_faster_lower_priority_answer_waits_for_the_higher_one) {
    asio::io_context io;
    fake_environment env;
    env.variables["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/abc";
    fake_source ecs;
    ecs.delay = 100ms;
    ecs.access_key_id = "AKIDECS000000000001";
    fake_source ec2;
    ec2.delay = 10ms;
    auto options = options_with(env);
    options.policy = credential_policy::sdk_fallback;
    options.fetchers.ecs = ecs.fetcher();
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    auto done = get_once(io, provider);
    const auto& outcome = done.outcome.value();
    BOOST_REQUIRE(outcome.has_value());
    BOOST_TEST(outcome->source == credential_source::ecs);
    BOOST_TEST(attempt_of(*outcome, credential_source::ec2).status == attempt_status::unused);
    BOOST_TEST(done.elapsed < 110ms + 10ms + 50ms);
}

BOOST_AUTO_TEST_CASE(sdk_fallback_ignores_a_half_set_environment_pair) {
    asio::io_context io;
    fake_environment env;
    env.variables["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT0001";
    fake_source ec2;
    auto options = options_with(env);
    options.policy = credential_policy::sdk_fallback;
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    auto outcome = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(outcome.has_value());
    BOOST_TEST(outcome->source == credential_source::ec2);
}

BOOST_AUTO_TEST_CASE(sdk_fallback_when_every_source_fails_lists_each_failure) {
    asio::io_context io;
    fake_environment env;
    env.variables["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/abc";
    fake_source ecs;
    ecs.failure = mongo_aws::make_error(errc::network_error, "ECS said 500");
    fake_source ec2;
    ec2.failure = mongo_aws::make_error(errc::timeout, "IMDS did not answer");
    auto options = options_with(env);
    options.policy = credential_policy::sdk_fallback;
    options.fetchers.ecs = ecs.fetcher();
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    auto outcome = get_once(io, provider).outcome.value();
    BOOST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().code == make_error_code(errc::no_credentials_found));
    BOOST_TEST(outcome.error().message.find("ECS said 500") != std::string::npos);
    BOOST_TEST(outcome.error().message.find("IMDS did not answer") != std::string::npos);
}

// --- Completion tokens ---

BOOST_AUTO_TEST_CASE(async_get_with_a_callback) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    std::optional<result<fetched_credentials>> got;
    provider.async_get(steady::now() + 5s,
                       [&](result<fetched_credentials> outcome) { got = std::move(outcome); });
    io.run();
    BOOST_REQUIRE(got.has_value());
    BOOST_REQUIRE(got->has_value());
    BOOST_TEST((*got)->creds.access_key_id == ec2.access_key_id);
}

BOOST_AUTO_TEST_CASE(async_get_with_use_future) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    auto future = provider.async_get(steady::now() + 5s, asio::use_future);
    io.run();
    auto outcome = future.get();
    BOOST_REQUIRE(outcome.has_value());
    BOOST_TEST(outcome->source == credential_source::ec2);
}

BOOST_AUTO_TEST_CASE(async_get_with_use_awaitable) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    std::optional<result<fetched_credentials>> got;
    asio::co_spawn(
        io,
        [](credential_provider& p,
           std::optional<result<fetched_credentials>>& out) -> asio::awaitable<void> {
            out = co_await p.async_get(steady::now() + 5s, asio::use_awaitable);
        }(provider, got),
        asio::detached);
    io.run();
    BOOST_REQUIRE(got.has_value());
    BOOST_TEST(got->has_value());
}

BOOST_AUTO_TEST_CASE(async_get_with_deferred) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    auto operation = provider.async_get(steady::now() + 5s, asio::experimental::deferred);
    io.run();
    BOOST_TEST(ec2.calls == 0);  // nothing starts until the deferred operation is launched
    std::optional<result<fetched_credentials>> got;
    std::move(operation)([&](result<fetched_credentials> outcome) { got = std::move(outcome); });
    io.restart();
    io.run();
    BOOST_REQUIRE(got.has_value());
    BOOST_TEST(got->has_value());
    BOOST_TEST(ec2.calls == 1);
}

BOOST_AUTO_TEST_CASE(async_get_honours_the_cancellation_slot_of_its_handler) {
    asio::io_context io;
    fake_environment env;
    fake_source ec2;
    ec2.hang = true;
    auto options = options_with(env);
    options.fetchers.ec2 = ec2.fetcher();
    credential_provider provider(io.get_executor(), options);
    asio::cancellation_signal signal;
    std::optional<result<fetched_credentials>> got;
    steady::duration elapsed{};
    const auto started = steady::now();
    // The shared fetch goes on after its only waiter left, until the 500 ms deadline.
    provider.async_get(
        started + 500ms,
        asio::bind_cancellation_slot(signal.slot(), [&](result<fetched_credentials> outcome) {
            got = std::move(outcome);
            elapsed = steady::now() - started;
        }));
    asio::steady_timer canceller(io, 20ms);
    canceller.async_wait([&](std::error_code) { signal.emit(asio::cancellation_type::terminal); });
    io.run();
    BOOST_REQUIRE(got.has_value());
    BOOST_REQUIRE(!got->has_value());
    BOOST_TEST(got->error().code == make_error_code(errc::cancelled));
    BOOST_TEST(elapsed < 300ms);
    BOOST_TEST(ec2.cancelled == 1);  // the fetch itself ended at its deadline
}
