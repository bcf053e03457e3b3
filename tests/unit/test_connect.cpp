// connect() and authenticate() end to end, over TCP and TLS, against the loopback test server
// (a MongoDB endpoint that verifies SigV4 signatures) and its IMDS / ECS / STS endpoints.
#define BOOST_TEST_MODULE connect
#include "support/fetch_runner.hpp"
#include "support/run_to_completion.hpp"
#include "support/test_certificates.hpp"

#include <mongo_aws/connection.hpp>
#include <mongo_aws/test_server/credential_endpoints.hpp>
#include <mongo_aws/test_server/mongodb_listener.hpp>
#include <mongo_aws/timestamp.hpp>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/use_future.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace std::chrono_literals;
using mongo_aws::connection;
using mongo_aws::credential_provider;
using mongo_aws::credential_source;
using mongo_aws::errc;
using mongo_aws::result;
using steady = std::chrono::steady_clock;
namespace server = mongo_aws::test_server;
namespace test = mongo_aws::test;

namespace {

constexpr auto user_key_id = "AKIDTESTSERVERUSER01";
constexpr auto user_secret = "test-server-user-secret-key";
constexpr auto user_token = "test-server-session-token";
constexpr auto user_arn = "arn:aws:sts::123456789012:assumed-role/app/session-1";
constexpr auto user_name = "arn:aws:sts::123456789012:assumed-role/app/*";

server::user test_user() {
    return {user_key_id, mongo_aws::secret_string(user_secret),
            mongo_aws::secret_string(user_token), user_arn};
}

std::shared_ptr<const server::server_options> server_with(server::fault_set faults = {}) {
    auto options = std::make_shared<server::server_options>();
    BOOST_TEST_REQUIRE(options->users.add(test_user()).has_value());
    options->faults = faults;
    options->delay = 300ms;
    return options;
}

struct connect_outcome {
    std::optional<result<connection>> value;
    steady::duration elapsed{};

    [[nodiscard]] long long ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
    }
    [[nodiscard]] connection& conn() {
        BOOST_TEST_REQUIRE(value.has_value());
        if (!value->has_value()) {
            BOOST_FAIL("expected a connection, got: " << value->error());
        }
        return **value;
    }
    [[nodiscard]] const mongo_aws::error& err() const {
        BOOST_TEST_REQUIRE(value.has_value());
        BOOST_TEST_REQUIRE(!value->has_value(), "expected an error, got a connection");
        return value->error();
    }
    [[nodiscard]] bool says(const std::string& text) const {
        return err().message.find(text) != std::string::npos;
    }
};

// A MongoDB listener and the credential endpoints on one io_context.
struct server_fixture {
    asio::io_context io;
    std::optional<server::mongodb_listener> mongodb;
    std::optional<server::credential_endpoints> endpoints;
    test::variables vars;

    server_fixture() {
        start({});
        server::credential_endpoint_options endpoint_options;
        endpoint_options.issued = test_user();
        endpoint_options.container_authorization_token = "container-token";
        endpoint_options.web_identity_token = "web.identity.jwt";
        endpoints.emplace(io.get_executor(), std::move(endpoint_options));
        vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = endpoints->base_url();
    }

    // (Re)starts the MongoDB listener with `faults`; the credential endpoints stay.
    void start(server::fault_set faults, std::optional<test::pem_identity> tls = std::nullopt) {
        mongodb.reset();
        server::listener_options listen;
        listen.tls = std::move(tls);
        mongodb.emplace(io.get_executor(), server_with(faults), listen);
    }

    [[nodiscard]] std::string uri(const std::string& options = "") const {
        return "mongodb://" + mongodb->host_and_port() + "/?authMechanism=MONGODB-AWS" + options;
    }

    mongo_aws::connect_options options_with(credential_provider* provider = nullptr) {
        mongo_aws::connect_options options;
        options.provider = provider;
        options.environment = test::lookup_of(vars);
        return options;
    }

    std::unique_ptr<credential_provider> provider() {
        mongo_aws::provider_options options;
        options.environment = test::lookup_of(vars);
        return std::make_unique<credential_provider>(io.get_executor(), std::move(options));
    }

    connect_outcome connect(const std::string& uri_text, mongo_aws::connect_options options) {
        auto run = test::run_to_completion(io, mongo_aws::connect(uri_text, std::move(options)));
        connect_outcome out{std::move(run.value), run.elapsed};
        if (!out.value->has_value()) {
            BOOST_TEST_MESSAGE("the error a user would see (" << out.ms()
                                                              << " ms): " << out.value->error());
        }
        return out;
    }

    template <class T>
    T run(asio::awaitable<T> operation) {
        return std::move(*test::run_to_completion(io, std::move(operation)).value);
    }

    // connectionStatus on `conn`: the users the server says are authenticated.
    std::vector<std::string> users_of(connection& conn) {
        auto users = run(conn.authenticated_users(steady::now() + 5s));
        BOOST_TEST_REQUIRE(users.has_value());
        return *users;
    }
};

const std::vector<std::string> expected_users{user_name};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(end_to_end, server_fixture)

BOOST_AUTO_TEST_CASE(explicit_credentials_in_the_uri_with_a_session_token) {
    const auto uri_text =
        "mongodb://" + std::string(user_key_id) + ":" + user_secret + "@" +
        mongodb->host_and_port() +
        "/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:" + user_token;
    auto out = connect(uri_text, options_with());
    auto& conn = out.conn();
    BOOST_TEST(conn.authentication().source == credential_source::explicit_credentials);
    BOOST_TEST(conn.authentication().session_token);
    BOOST_TEST(conn.authentication().region == "us-east-1");
    BOOST_TEST(users_of(conn) == expected_users);
    BOOST_TEST(run(conn.ping(steady::now() + 5s)).has_value());
    BOOST_TEST(mongodb->counters().authentications == 1U);
    BOOST_TEST(endpoints->request_count(std::string(server::imds_token_path)) == 0U);
}

BOOST_AUTO_TEST_CASE(environment_credentials) {
    vars["AWS_ACCESS_KEY_ID"] = user_key_id;
    vars["AWS_SECRET_ACCESS_KEY"] = user_secret;
    vars["AWS_SESSION_TOKEN"] = user_token;
    auto out = connect(uri(), options_with());
    BOOST_TEST(out.conn().authentication().source == credential_source::environment);
    BOOST_TEST(users_of(out.conn()) == expected_users);
}

BOOST_AUTO_TEST_CASE(imds_credentials) {
    auto out = connect(uri(), options_with());
    BOOST_TEST(out.conn().authentication().source == credential_source::ec2);
    BOOST_TEST(users_of(out.conn()) == expected_users);
    BOOST_TEST(endpoints->request_count(std::string(server::imds_token_path)) == 1U);
}

BOOST_AUTO_TEST_CASE(container_credentials) {
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = endpoints->container_url();
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "container-token";
    auto out = connect(uri(), options_with());
    BOOST_TEST(out.conn().authentication().source == credential_source::ecs);
    BOOST_TEST(users_of(out.conn()) == expected_users);
}

BOOST_AUTO_TEST_CASE(web_identity_credentials) {
    test::temporary_file token("web.identity.jwt\n");
    vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = token.path();
    vars["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/app";
    vars["AWS_ENDPOINT_URL_STS"] = endpoints->base_url();
    auto out = connect(uri(), options_with());
    BOOST_TEST(out.conn().authentication().source == credential_source::web_identity);
    BOOST_TEST(users_of(out.conn()) == expected_users);
}

BOOST_AUTO_TEST_CASE(over_tls_with_the_ca_in_tlscafile) {
    start({}, test::shared_test_pki().localhost());
    vars["AWS_ACCESS_KEY_ID"] = user_key_id;
    vars["AWS_SECRET_ACCESS_KEY"] = user_secret;
    vars["AWS_SESSION_TOKEN"] = user_token;
    const auto ca = test::shared_test_pki().trusted_ca_file().string();
    auto out = connect("mongodb://localhost:" + std::to_string(mongodb->port()) +
                           "/?authMechanism=MONGODB-AWS&tls=true&tlsCAFile=" + ca,
                       options_with());
    BOOST_TEST(out.conn().server().tls);
    BOOST_TEST(users_of(out.conn()) == expected_users);

    const auto untrusted = test::shared_test_pki().untrusted_ca_file().string();
    auto refused = connect("mongodb://localhost:" + std::to_string(mongodb->port()) +
                               "/?authMechanism=MONGODB-AWS&tls=true&tlsCAFile=" + untrusted,
                           options_with());
    BOOST_TEST(refused.err().code == errc::tls_failed);
    BOOST_TEST(refused.says("tlsCAFile"));
}

BOOST_AUTO_TEST_CASE(a_wrong_secret_is_refused_with_the_servers_code_and_clears_the_cache) {
    auto provider = this->provider();
    auto ok = connect(uri(), options_with(provider.get()));
    BOOST_TEST_REQUIRE(ok.value->has_value());
    BOOST_TEST(endpoints->request_count(std::string(server::imds_token_path)) == 1U);

    start(server::fault_set{server::fault::fail_authentication});
    auto refused = connect(uri(), options_with(provider.get()));
    BOOST_TEST(refused.err().code == errc::command_failed);
    BOOST_TEST(refused.err().server_code == "18");
    // The refusal cleared the cache: the next authentication fetches again.
    start({});
    auto again = connect(uri(), options_with(provider.get()));
    BOOST_TEST(again.conn().authentication().credentials_from_cache == false);
}

BOOST_AUTO_TEST_CASE(every_server_first_fault_is_refused_before_signing) {
    vars["AWS_ACCESS_KEY_ID"] = user_key_id;
    vars["AWS_SECRET_ACCESS_KEY"] = user_secret;
    vars["AWS_SESSION_TOKEN"] = user_token;
    for (const auto& description : server::all_faults()) {
        if (!description.client_error || description.value == server::fault::fail_authentication) {
            continue;
        }
        BOOST_TEST_CONTEXT("fault " << description.name) {
            start(server::fault_set{description.value});
            auto out = connect(uri(), options_with());
            BOOST_TEST(out.err().code == *description.client_error);
            BOOST_TEST(mongodb->counters().authentications == 0U);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_done_reply_without_done_is_an_error) {
    vars["AWS_ACCESS_KEY_ID"] = user_key_id;
    vars["AWS_SECRET_ACCESS_KEY"] = user_secret;
    vars["AWS_SESSION_TOKEN"] = user_token;
    start(server::fault_set{server::fault::continue_reply_not_done});
    auto out = connect(uri(), options_with());
    BOOST_TEST(out.says("done: false"));
}

BOOST_AUTO_TEST_CASE(a_server_closing_mid_conversation_is_a_network_error) {
    vars["AWS_ACCESS_KEY_ID"] = user_key_id;
    vars["AWS_SECRET_ACCESS_KEY"] = user_secret;
    start(server::fault_set{server::fault::close_on_sasl_continue});
    auto out = connect(uri(), options_with());
    BOOST_TEST(out.err().code == errc::network_error);
    BOOST_TEST(out.says("closed the connection"));
    BOOST_TEST(out.says("saslContinue"));
}

BOOST_AUTO_TEST_CASE(a_silent_server_is_a_timeout_at_connect_timeout_ms) {
    vars["AWS_ACCESS_KEY_ID"] = user_key_id;
    vars["AWS_SECRET_ACCESS_KEY"] = user_secret;
    const std::vector<std::pair<server::fault, std::string>> hangs{
        {server::fault::hang_on_hello, "isMaster"},
        {server::fault::hang_on_sasl_start, "saslStart"},
        {server::fault::hang_on_sasl_continue, "saslContinue"}};
    for (const auto& [fault, step] : hangs) {
        BOOST_TEST_CONTEXT("fault " << server::describe(fault).name) {
            start(server::fault_set{fault});
            auto out = connect(uri("&connectTimeoutMS=400"), options_with());
            BOOST_TEST(out.err().code == errc::timeout);
            BOOST_TEST(out.says(step));  // the step the server left unanswered
            BOOST_TEST(out.ms() >= 380);
            BOOST_TEST(out.ms() < 900);
        }
    }
}

BOOST_AUTO_TEST_CASE(timeout_ms_wins_over_connect_timeout_ms) {
    vars["AWS_ACCESS_KEY_ID"] = user_key_id;
    vars["AWS_SECRET_ACCESS_KEY"] = user_secret;
    start(server::fault_set{server::fault::hang_on_hello});
    auto out = connect(uri("&connectTimeoutMS=5000&timeoutMS=300"), options_with());
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.says("isMaster"));
    BOOST_TEST(out.ms() < 800);
}

BOOST_AUTO_TEST_CASE(a_credential_failure_sends_no_sasl_start) {
    vars["AWS_ACCESS_KEY_ID"] = user_key_id;  // the secret is missing
    auto out = connect(uri(), options_with());
    BOOST_TEST(out.err().code == errc::environment_credentials_incomplete);
    BOOST_TEST(mongodb->counters().messages == 1U);  // isMaster only
}

BOOST_AUTO_TEST_CASE(the_credential_fetch_overlaps_the_handshake) {
    // IMDS answers the credentials after 400 ms and the server delays each reply by 300 ms:
    // the handshake (one reply) runs while the credentials are fetched, so the whole takes
    // about 400 + 2 × 300 (the SASL round trips) ms, not 400 + 3 × 300.
    start(server::fault_set{server::fault::delay_replies});
    test::http_stand_in slow_imds(io.get_executor());
    test::serve_imds(slow_imds, "test-role", user_key_id);
    // Hand out the test user's credentials, late.
    const auto body = R"({"Code":"Success","Type":"AWS-HMAC","AccessKeyId":")" +
                      std::string(user_key_id) + R"(","SecretAccessKey":")" + user_secret +
                      R"(","Token":")" + user_token + R"(","Expiration":")" +
                      mongo_aws::format_iso8601(std::chrono::system_clock::now() + 1h) + R"("})";
    slow_imds.route(std::string(test::imds_role_path) + "test-role",
                    test::answer_after(400ms, 200, body));
    vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = slow_imds.base_url();
    auto out = connect(uri(), options_with());
    const auto& timings = out.conn().timings();
    BOOST_TEST_MESSAGE("hello " << timings.hello_ms << " ms, credentials ready at "
                                << timings.credentials_ms << " ms, total " << timings.total_ms
                                << " ms");
    BOOST_TEST(timings.hello_ms >= 280);
    BOOST_TEST(timings.total_ms < 400 + 3 * 300);
    BOOST_TEST(timings.total_ms >= 400 + 2 * 300 - 20);
}

BOOST_AUTO_TEST_CASE(a_thousand_concurrent_connections_share_one_credential_fetch) {
    // A thousand connections keep the one thread busy (more so under sanitizers): IMDS gets
    // 10 s rather than the 1 s default. This test counts fetches and authentications.
    vars["AWS_METADATA_SERVICE_TIMEOUT"] = "10";
    auto provider = this->provider();
    constexpr int count = 1000;
    std::vector<std::optional<result<connection>>> outcomes(count);
    const auto started = steady::now();
    for (auto& slot : outcomes) {
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                slot = co_await mongo_aws::connect(uri(), options_with(provider.get()));
            },
            asio::detached);
    }
    const auto done = [&] {
        return std::all_of(outcomes.begin(), outcomes.end(),
                           [](const auto& outcome) { return outcome.has_value(); });
    };
    while (!done() && io.run_one() != 0) {
    }
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - started).count();
    int failures = 0;
    for (const auto& outcome : outcomes) {
        if (!outcome || !outcome->has_value()) {
            ++failures;
            if (failures == 1 && outcome) {
                BOOST_TEST_MESSAGE("first failure: " << outcome->error());
            }
        }
    }
    BOOST_TEST_MESSAGE(
        count << " concurrent connect+authenticate on one thread: " << elapsed
              << " ms; IMDS credential requests: "
              << endpoints->request_count(std::string(server::imds_credentials_path) +
                                          "mongo-aws-test-role"));
    BOOST_TEST(failures == 0);
    BOOST_TEST(mongodb->counters().authentications == static_cast<std::size_t>(count));
    BOOST_TEST(endpoints->request_count(std::string(server::imds_token_path)) == 1U);
    BOOST_TEST(endpoints->request_count(std::string(server::imds_credentials_path) +
                                        "mongo-aws-test-role") == 1U);
}

BOOST_AUTO_TEST_CASE(async_authenticate_works_with_use_future) {
    // A socket of our own, handshake done by hand: async_authenticate with a future, the
    // io_context on another thread.
    vars["AWS_ACCESS_KEY_ID"] = user_key_id;
    vars["AWS_SECRET_ACCESS_KEY"] = user_secret;
    vars["AWS_SESSION_TOKEN"] = user_token;
    auto provider = this->provider();
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), mongodb->port()});
    mongo_aws::authenticate_options options;
    options.until = steady::now() + 5s;
    auto future = mongo_aws::async_authenticate(socket, options, *provider, asio::use_future);
    std::thread runner([this] { io.run(); });
    const auto outcome = future.get();
    mongodb->stop();
    endpoints->stop();
    runner.join();
    io.restart();
    BOOST_TEST_REQUIRE(outcome.has_value());
    BOOST_TEST(outcome->source == credential_source::environment);
    BOOST_TEST(outcome->access_key_id == "AKID…ER01");
}

BOOST_AUTO_TEST_SUITE_END()
