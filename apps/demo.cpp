#include "demo.hpp"

#include "demo_user.hpp"
#include "report.hpp"

#include <mongo_aws/connection.hpp>
#include <mongo_aws/test_server/credential_endpoints.hpp>
#include <mongo_aws/test_server/mongodb_listener.hpp>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>

#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace mongo_aws::cli {

namespace {

using variables = std::map<std::string, std::string, std::less<>>;

environment_lookup lookup_of(variables vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        const auto found = vars.find(name);
        return found == vars.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
}

// Connects and authenticates with credentials found through `environment`, printing each step;
// true when the server verified the signature.
bool authenticate_once(asio::io_context& io, const std::string& uri, environment_lookup environment,
                       std::ostream& out, std::ostream& err) {
    const step_log log = [&out](std::string_view line) { out << "    " << line << '\n'; };
    provider_options settings;
    settings.environment = environment;
    settings.log = log;
    credential_provider provider(io.get_executor(), std::move(settings));

    std::optional<result<std::vector<std::string>>> users;
    std::optional<error> failure;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            connect_options options;
            options.provider = &provider;
            options.log = log;
            options.environment = environment;
            options.timeout = std::chrono::seconds(10);
            auto conn = co_await connect(uri, std::move(options));
            if (!conn) {
                failure = std::move(conn).error();
                co_return;
            }
            users = co_await conn->authenticated_users(std::chrono::steady_clock::now() +
                                                       std::chrono::seconds(5));
        },
        asio::detached);
    while (!failure && !users && io.run_one() != 0) {
    }
    if (failure) {
        err << "mongo-aws demo: " << failure->to_string() << '\n';
        return false;
    }
    if (!users || !*users || (*users)->empty()) {
        err << "mongo-aws demo: connectionStatus did not report the authenticated user\n";
        return false;
    }
    out << "    authenticated: the server verified the SigV4 signature; connectionStatus says "
        << (*users)->front() << " on $external\n";
    return true;
}

}  // namespace

int run_demo(std::ostream& out, std::ostream& err) {
    asio::io_context io(1);
    auto options = std::make_shared<test_server::server_options>();
    const auto user = demo_user();
    if (auto added = options->users.add(user); !added) {
        return report_failure(out, err, false, "demo", added.error());
    }
    test_server::mongodb_listener mongodb(io.get_executor(), options);
    test_server::credential_endpoint_options endpoint_options;
    endpoint_options.issued = user;
    test_server::credential_endpoints endpoints(io.get_executor(), std::move(endpoint_options));
    const auto uri = "mongodb://" + mongodb.host_and_port() + "/?authMechanism=MONGODB-AWS";

    out << "mongo-aws demo: the test server is up: MongoDB at " << mongodb.host_and_port()
        << " (it verifies SigV4 signatures like MongoDB does through STS), IMDS/ECS/STS "
           "stand-ins at "
        << endpoints.base_url() << "\n"
        << "  user: " << redact_access_key_id(user.access_key_id) << " = " << user.arn << "\n";

    out << "\n1. environment credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, "
           "AWS_SESSION_TOKEN, set for this demo only)\n";
    const bool from_environment = authenticate_once(
        io, uri,
        lookup_of({{"AWS_ACCESS_KEY_ID", user.access_key_id},
                   {"AWS_SECRET_ACCESS_KEY", std::string(user.secret_access_key.reveal())},
                   {"AWS_SESSION_TOKEN", std::string(user.session_token.reveal())}}),
        out, err);

    out << "\n2. EC2 instance metadata (IMDSv2) at " << endpoints.base_url()
        << " (AWS_EC2_METADATA_SERVICE_ENDPOINT)\n";
    const bool from_imds = authenticate_once(
        io, uri, lookup_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoints.base_url()}}), out,
        err);

    mongodb.stop();
    endpoints.stop();
    io.run();
    out << "\n"
        << (from_environment && from_imds ? "both authentications succeeded" : "FAILED") << " ("
        << mongodb.counters().authentications << " verified by the server)\n";
    return from_environment && from_imds ? exit_ok : exit_failed;
}

}  // namespace mongo_aws::cli
