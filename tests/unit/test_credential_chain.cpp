// The whole chain with the library's own fetchers, against loopback IMDS, container and STS
// stand-ins: how fast it fails when there is nothing to find, how many requests a thousand
// callers cost, the refresh window, and what the settings pick.
#define BOOST_TEST_MODULE credential_chain
#include "support/fetch_runner.hpp"
#include "support/http_stand_in.hpp"
#include "support/run_to_completion.hpp"

#include <mongo_aws/credential_provider.hpp>
#include <mongo_aws/timestamp.hpp>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using mongo_aws::credential_policy;
using mongo_aws::credential_provider;
using mongo_aws::credential_source;
using mongo_aws::errc;
using mongo_aws::fetched_credentials;
using mongo_aws::result;
using mongo_aws::test::answer;
using mongo_aws::test::http_stand_in;
using mongo_aws::test::serve_imds;
using steady = std::chrono::steady_clock;
namespace test = mongo_aws::test;

namespace {

const std::string token_path(test::imds_token_path);
const std::string role_path(test::imds_role_path);
const std::string credentials_path = role_path + "test-role";

struct lookup_outcome {
    std::optional<result<fetched_credentials>> value;
    steady::duration elapsed{};

    [[nodiscard]] long long ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
    }
    [[nodiscard]] const fetched_credentials& fetched() const {
        BOOST_TEST_REQUIRE(value.has_value());
        if (!value->has_value()) {
            BOOST_FAIL("expected credentials, got: " << value->error());
        }
        return **value;
    }
    [[nodiscard]] const mongo_aws::error& err() const {
        BOOST_TEST_REQUIRE(value.has_value());
        BOOST_TEST_REQUIRE(!value->has_value(), "expected an error, got credentials");
        return value->error();
    }
    [[nodiscard]] bool says(const std::string& text) const {
        return err().message.find(text) != std::string::npos;
    }
};

// A provider with the default fetchers, whose environment the test edits between lookups,
// and an IMDS stand-in it reaches through AWS_EC2_METADATA_SERVICE_ENDPOINT.
struct chain_fixture {
    asio::io_context io;
    http_stand_in imds{io.get_executor()};
    test::variables vars = test::imds_variables(imds);
    std::chrono::system_clock::time_point wall_now = std::chrono::system_clock::now();
    std::optional<credential_provider> provider;

    chain_fixture() { serve_imds(imds); }

    credential_provider& make(credential_policy policy = credential_policy::spec) {
        mongo_aws::provider_options options;
        options.environment = [this](std::string_view name) { return test::lookup_of(vars)(name); };
        options.policy = policy;
        options.clock = [this] { return wall_now; };
        provider.emplace(io.get_executor(), std::move(options));
        return *provider;
    }

    // One lookup, run until it returns; `cancel_after` cancels it from the caller's side.
    lookup_outcome get(steady::duration timeout = 10s,
                       std::optional<steady::duration> cancel_after = std::nullopt) {
        if (!provider) {
            make();
        }
        auto run =
            test::run_to_completion(io, provider->get(steady::now() + timeout), cancel_after);
        lookup_outcome out{std::move(run.value), run.elapsed};
        if (!out.value->has_value()) {
            BOOST_TEST_MESSAGE("the error a user would see (" << out.ms()
                                                              << " ms): " << out.value->error());
        }
        return out;
    }

    // Credentials from IMDS that expire `from_now` after the fixture's wall clock.
    void imds_expiring_in(std::chrono::seconds from_now) {
        imds.route(credentials_path,
                   answer(200, test::imds_credentials_json(
                                   "AKIDIMDSSTANDIN00001",
                                   mongo_aws::format_iso8601(wall_now + from_now))));
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(chain, chain_fixture)

BOOST_AUTO_TEST_CASE(nothing_configured_and_imds_hanging_fails_in_about_a_second) {
    imds.route(token_path, test::never_answer());
    const auto out = get(30s);
    BOOST_TEST_MESSAGE("time to a clear error with IMDS hanging: " << out.ms() << " ms");
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.says("no AWS credentials found"));
    for (const auto* line : {"explicit: skipped", "custom: skipped", "environment: skipped",
                             "web_identity: skipped", "ecs: skipped", "ec2: failed"}) {
        BOOST_TEST_INFO(line);
        BOOST_TEST(out.says(line));
    }
    BOOST_TEST(out.says("hop limit"));
    BOOST_TEST(out.ms() >= 950);
    BOOST_TEST(out.ms() < 1500);
    BOOST_TEST(imds.request_count(token_path) == 1U);
}

BOOST_AUTO_TEST_CASE(a_thousand_concurrent_lookups_on_a_cold_cache_make_one_fetch) {
    // Starting a thousand lookups takes the one thread a while under sanitizers and a loaded
    // CI machine: the stand-in must not be late for the 1 s default. This test counts requests.
    vars["AWS_METADATA_SERVICE_TIMEOUT"] = "10";
    make();
    constexpr int callers = 1000;
    std::vector<std::optional<result<fetched_credentials>>> outcomes(callers);
    const auto started = steady::now();
    for (auto& slot : outcomes) {
        asio::co_spawn(
            io, [&]() -> asio::awaitable<void> { slot = co_await provider->get(started + 10s); },
            asio::detached);
    }
    const auto all_done = [&] {
        return std::all_of(outcomes.begin(), outcomes.end(),
                           [](const auto& outcome) { return outcome.has_value(); });
    };
    while (!all_done() && io.run_one() != 0) {
    }
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - started);
    std::set<std::string> key_ids;
    int failures = 0;
    for (const auto& outcome : outcomes) {
        BOOST_TEST_REQUIRE(outcome.has_value());
        if (outcome->has_value()) {
            key_ids.insert((*outcome)->creds.access_key_id);
        } else {
            ++failures;
        }
    }
    BOOST_TEST_MESSAGE(callers << " concurrent lookups: " << elapsed.count() << " ms; token PUT "
                               << imds.request_count(token_path) << ", role GET "
                               << imds.request_count(role_path) << ", credentials GET "
                               << imds.request_count(credentials_path));
    BOOST_TEST(failures == 0);
    BOOST_TEST(key_ids == std::set<std::string>{"AKIDIMDSSTANDIN00001"});
    BOOST_TEST(imds.request_count(token_path) == 1U);
    BOOST_TEST(imds.request_count(role_path) == 1U);
    BOOST_TEST(imds.request_count(credentials_path) == 1U);
}

BOOST_AUTO_TEST_CASE(cached_credentials_answer_without_a_request) {
    BOOST_TEST(get().fetched().from_cache == false);
    const auto second = get();
    BOOST_TEST(second.fetched().from_cache == true);
    BOOST_TEST(second.fetched().source == credential_source::ec2);
    BOOST_TEST(imds.request_count(credentials_path) == 1U);
}

BOOST_AUTO_TEST_CASE(credentials_inside_the_refresh_window_are_refreshed) {
    imds_expiring_in(1h);
    BOOST_TEST_REQUIRE(get().value->has_value());
    wall_now += 56min;  // 4 minutes left: inside the 5-minute window
    imds_expiring_in(1h);
    const auto refreshed = get();
    BOOST_TEST(refreshed.fetched().from_cache == false);
    BOOST_TEST(imds.request_count(credentials_path) == 2U);
    BOOST_TEST(imds.request_count(token_path) == 1U);  // the IMDS token is reused
}

BOOST_AUTO_TEST_CASE(fresh_credentials_with_less_than_five_minutes_are_used_but_not_kept) {
    imds_expiring_in(4min);
    BOOST_TEST(get().fetched().creds.access_key_id == "AKIDIMDSSTANDIN00001");
    BOOST_TEST(get().fetched().from_cache == false);
    BOOST_TEST(imds.request_count(credentials_path) == 2U);
}

BOOST_AUTO_TEST_CASE(expired_credentials_are_an_error_never_returned) {
    imds_expiring_in(-1min);
    const auto out = get();
    BOOST_TEST(out.err().code == errc::credentials_expired);
    BOOST_TEST(out.says("expired at"));
}

BOOST_AUTO_TEST_CASE(the_environment_is_read_on_every_call) {
    vars["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT00001";
    vars["AWS_SECRET_ACCESS_KEY"] = "environment-secret";
    BOOST_TEST(get().fetched().source == credential_source::environment);
    vars["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT00002";
    BOOST_TEST(get().fetched().creds.access_key_id == "AKIDENVIRONMENT00002");
    BOOST_TEST(imds.requests().empty());

    vars.erase("AWS_ACCESS_KEY_ID");
    vars.erase("AWS_SECRET_ACCESS_KEY");
    BOOST_TEST(get().fetched().source == credential_source::ec2);

    // Once the cache holds credentials, it answers before the environment (the spec's rule).
    vars["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT00003";
    vars["AWS_SECRET_ACCESS_KEY"] = "environment-secret";
    const auto cached = get();
    BOOST_TEST(cached.fetched().source == credential_source::ec2);
    BOOST_TEST(cached.fetched().from_cache == true);
}

BOOST_AUTO_TEST_CASE(a_half_set_pair_is_an_error_and_nothing_is_contacted) {
    vars["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT00001";
    const auto out = get();
    BOOST_TEST(out.err().code == errc::environment_credentials_incomplete);
    BOOST_TEST(out.says("AWS_SECRET_ACCESS_KEY"));
    BOOST_TEST(imds.requests().empty());
}

BOOST_AUTO_TEST_CASE(environment_and_web_identity_set_means_no_sts_request) {
    test::stand_in_options tls;
    tls.tls = test::shared_test_pki().localhost();
    http_stand_in sts(io.get_executor(), tls);
    test::temporary_file token("web-identity-token\n");
    vars["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT00001";
    vars["AWS_SECRET_ACCESS_KEY"] = "environment-secret";
    vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = token.path();
    vars["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/web";
    vars["AWS_ENDPOINT_URL_STS"] = sts.base_url();
    BOOST_TEST(get().fetched().source == credential_source::environment);
    BOOST_TEST(sts.connections() == 0U);
    BOOST_TEST(imds.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(web_identity_goes_to_sts_and_is_cached) {
    test::stand_in_options tls;
    tls.tls = test::shared_test_pki().localhost();
    http_stand_in sts(io.get_executor(), tls);
    const auto expiration =
        std::chrono::duration_cast<std::chrono::seconds>((wall_now + 1h).time_since_epoch())
            .count();
    sts.route("/", answer(200, test::web_identity_json("ASIAWEBIDENTITY00001", expiration)));
    test::temporary_file token("web-identity-token\n");
    vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = token.path();
    vars["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/web";
    vars["AWS_ENDPOINT_URL_STS"] = sts.base_url();
    const auto first = get();
    BOOST_TEST(first.fetched().source == credential_source::web_identity);
    BOOST_TEST(first.fetched().creds.access_key_id == "ASIAWEBIDENTITY00001");
    BOOST_TEST(get().fetched().from_cache == true);
    BOOST_TEST(sts.request_count("/") == 1U);
    BOOST_TEST(imds.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(a_failing_container_endpoint_never_falls_through_to_imds) {
    http_stand_in ecs(io.get_executor());
    ecs.route("/creds", answer(500, ""));
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = ecs.base_url() + "/creds";
    const auto out = get();
    BOOST_TEST(out.err().code == errc::endpoint_http_error);
    BOOST_TEST(out.says("ecs:"));
    BOOST_TEST(imds.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(cancelling_a_lookup_returns_at_once_and_leaves_the_cache_usable) {
    imds.route(credentials_path, test::answer_after(600ms, 200,
                                                    test::imds_credentials_json(
                                                        "AKIDIMDSSTANDIN00001",
                                                        mongo_aws::format_iso8601(wall_now + 1h))));
    const auto cancelled = get(10s, 100ms);
    BOOST_TEST(cancelled.err().code == errc::cancelled);
    BOOST_TEST(cancelled.ms() < 400);
    const auto next = get();
    BOOST_TEST(next.fetched().creds.access_key_id == "AKIDIMDSSTANDIN00001");
    BOOST_TEST(imds.request_count(credentials_path) <= 2U);
}

BOOST_AUTO_TEST_CASE(sdk_fallback_takes_as_long_as_the_winner_not_the_sum) {
    // ECS (higher priority) hangs until its 1 s timeout; IMDS answers after 800 ms. Probed one
    // after the other this would take 1.8 s; concurrently, about 1 s.
    http_stand_in ecs(io.get_executor());
    ecs.route("/creds", test::never_answer());
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = ecs.base_url() + "/creds";
    imds.route(credentials_path, test::answer_after(800ms, 200,
                                                    test::imds_credentials_json(
                                                        "AKIDIMDSSTANDIN00001",
                                                        mongo_aws::format_iso8601(wall_now + 1h))));
    make(credential_policy::sdk_fallback);
    const auto out = get();
    BOOST_TEST_MESSAGE("sdk_fallback, ECS hanging and IMDS at 800 ms: " << out.ms() << " ms");
    BOOST_TEST(out.fetched().source == credential_source::ec2);
    BOOST_TEST(out.ms() >= 950);
    BOOST_TEST(out.ms() < 1500);
    BOOST_TEST(ecs.request_count("/creds") == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
