// connect(): resolve, TCP, TLS, the driver handshake and MONGODB-AWS authentication, with the
// credential lookup running alongside from the start.
#include "background_task.hpp"
#include "command_channel.hpp"
#include "connect.hpp"
#include "connection_impl.hpp"
#include "deadline.hpp"
#include "handshake_commands.hpp"
#include "resolve.hpp"
#include "tls_handshake.hpp"
#include "tls_trust.hpp"

#include <mongo_aws/connection.hpp>
#include <mongo_aws/connection_string.hpp>

#include <asio/this_coro.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace mongo_aws {

namespace {

using detail::elapsed_ms;
using detail::steady_clock;

constexpr std::chrono::milliseconds default_connect_timeout{10000};

void report(const step_log& log, const std::string& line) {
    if (log) {
        log(line);
    }
}

// The bound of the whole connect(): the option, else timeoutMS, else connectTimeoutMS, else
// 10 s; 0 in the connection string means none.
deadline connect_deadline(const connection_string& parsed, const connect_options& options,
                          steady_clock::time_point started) {
    auto bound = default_connect_timeout;
    if (options.timeout) {
        bound = *options.timeout;
    } else if (parsed.timeout) {
        bound = *parsed.timeout;
    } else if (parsed.connect_timeout) {
        bound = *parsed.connect_timeout;
    }
    if (bound.count() == 0) {
        return steady_clock::time_point::max();
    }
    return started + bound;
}

// The credentials written in the connection string, if any (they win over every source).
result<std::optional<credentials>> uri_credentials(const connection_string& parsed) {
    if (!parsed.credential) {
        return std::optional<credentials>{};
    }
    const auto& credential = *parsed.credential;
    if (credential.mechanism && *credential.mechanism != auth_mechanism::mongodb_aws) {
        return make_error(errc::uri_invalid_auth_mechanism,
                          "authMechanism=" + std::string(to_string(*credential.mechanism)) +
                              ": this library authenticates with MONGODB-AWS only");
    }
    if (!credential.username) {
        return std::optional<credentials>{};
    }
    credentials creds;
    creds.access_key_id = *credential.username;
    if (credential.password) {
        creds.secret_access_key = *credential.password;
    }
    if (credential.aws_session_token) {
        creds.session_token = *credential.aws_session_token;
    }
    return std::optional<credentials>(std::move(creds));
}

// Where connect() stands, for the message of a timeout.
struct progress {
    std::string step = "resolving the host";
};

// TCP, TLS and the handshake to one host, under the caller's with_deadline().
asio::awaitable<result<void>> open_to(connection::impl& state, const host_address& host,
                                      const connection_string& parsed,
                                      const connect_options& options, deadline until,
                                      progress& now) {
    const std::string name = state.server.endpoint;
    auto started = steady_clock::now();
    now.step = "resolving " + host.host;
    auto endpoints = co_await detail::resolve(host.host, host.port, until);
    if (!endpoints) {
        co_return std::move(endpoints).error();
    }
    state.timings.resolve_ms = elapsed_ms(started, steady_clock::now());

    started = steady_clock::now();
    now.step = "connecting (TCP)";
    auto socket = co_await detail::connect(std::move(*endpoints), until, name);
    if (!socket) {
        co_return std::move(socket).error();
    }
    state.timings.tcp_ms = elapsed_ms(started, steady_clock::now());
    report(options.log,
           "connected to " + name + " (TCP) in " + std::to_string(state.timings.tcp_ms) + " ms");

    if (parsed.tls.value_or(false)) {
        started = steady_clock::now();
        now.step = "in the TLS handshake";
        auto trust =
            parsed.tls_ca_file
                ? detail::make_tls_trust_from_file(*parsed.tls_ca_file, "named by tlsCAFile")
                : detail::make_tls_trust([&options](std::string_view variable) {
                      // AWS_CA_BUNDLE is for AWS endpoints, not for the database.
                      return variable == "AWS_CA_BUNDLE" ? std::nullopt
                                                         : options.environment(variable);
                  });
        if (!trust) {
            co_return std::move(trust).error();
        }
        state.tls_context = trust->context;
        state.tls_stream.emplace(std::move(*socket), *state.tls_context);
        auto handshake = co_await detail::tls_handshake(
            *state.tls_stream, host.host, *trust, name,
            "set tlsCAFile in the connection string to the CA that issued the server's "
            "certificate");
        if (!handshake) {
            co_return std::move(handshake).error();
        }
        state.server.tls = true;
        state.timings.tls_ms = elapsed_ms(started, steady_clock::now());
        report(options.log, "TLS handshake done in " + std::to_string(state.timings.tls_ms) +
                                " ms (certificate and host name verified)");
    } else {
        state.plain.emplace(std::move(*socket));
    }
    state.attach();

    started = steady_clock::now();
    now.step = "in the handshake (isMaster)";
    const auto hello = detail::handshake_command(options.app_name);
    auto reply = co_await detail::run_command(*state.bytes, hello.bytes(), "admin", "isMaster",
                                              detail::command_framing::op_query);
    if (!reply) {
        co_return std::move(reply).error();
    }
    auto described = detail::read_handshake_reply(reply->body());
    if (!described) {
        co_return std::move(described).error();
    }
    state.server.max_wire_version = described->max_wire_version;
    state.timings.hello_ms = elapsed_ms(started, steady_clock::now());
    report(options.log, "handshake done in " + std::to_string(state.timings.hello_ms) +
                            " ms (maxWireVersion " + std::to_string(described->max_wire_version) +
                            ")");
    co_return result<void>{};
}

// Tries each host in turn until one completes the handshake.
asio::awaitable<result<std::unique_ptr<connection::impl>>> open_first(
    const connection_string& parsed, const connect_options& options, deadline until) {
    std::optional<error> last_error;
    for (const auto& host : parsed.hosts) {
        auto state = std::make_unique<connection::impl>();
        state.get()->server.endpoint = (host.ipv6_literal ? "[" + host.host + "]" : host.host) +
                                       ":" + std::to_string(host.port);
        const auto& name = state->server.endpoint;
        progress now;
        const auto started = steady_clock::now();
        auto opened = co_await detail::with_deadline(
            open_to(*state, host, parsed, options, until, now), until, "connecting to " + name);
        if (opened) {
            co_return state;
        }
        auto err = std::move(opened).error();
        if (err.code == errc::timeout) {
            err.message = "connecting to " + name + " timed out after " +
                          std::to_string(elapsed_ms(started, steady_clock::now())) + " ms while " +
                          now.step;
        } else if (err.message.find(name) == std::string::npos) {
            err.message = name + ": " + err.message;
        }
        report(options.log, err.message);
        if (err.code == errc::cancelled || steady_clock::now() >= until) {
            co_return err;
        }
        last_error = std::move(err);
    }
    co_return std::move(*last_error);
}

}  // namespace

asio::awaitable<result<connection>> connect(std::string_view uri, connect_options options) {
    const auto started = steady_clock::now();
    auto parsed = parse_connection_string(uri);
    if (!parsed) {
        co_return std::move(parsed).error();
    }
    auto explicit_creds = uri_credentials(*parsed);
    if (!explicit_creds) {
        co_return std::move(explicit_creds).error();
    }
    const auto until = connect_deadline(*parsed, options, started);
    auto executor = co_await asio::this_coro::executor;

    // The provider: the URI's credentials (never cached, nothing to fetch), the caller's, or
    // one made for this call, kept alive by the lookup until it ends.
    std::shared_ptr<credential_provider> own_provider;
    credential_provider* provider = options.provider;
    if (*explicit_creds || provider == nullptr) {
        provider_options provider_settings;
        provider_settings.explicit_credentials = std::move(*explicit_creds);
        provider_settings.environment = options.environment;
        own_provider =
            std::make_shared<credential_provider>(executor, std::move(provider_settings));
        provider = own_provider.get();
    }

    // The lookup runs while we connect.
    auto look_up = [](credential_provider& source, std::shared_ptr<credential_provider> keep_alive,
                      deadline by) -> asio::awaitable<result<fetched_credentials>> {
        (void)keep_alive;
        co_return co_await source.get(by);
    };
    detail::background_task<fetched_credentials> lookup(executor,
                                                        look_up(*provider, own_provider, until));

    auto opened = co_await open_first(*parsed, options, until);
    if (!opened) {
        lookup.cancel();
        co_return std::move(opened).error();
    }
    auto state = std::move(*opened);

    auto fetched = co_await lookup.wait("the credential lookup");
    state->timings.credentials_ms = elapsed_ms(started, steady_clock::now());
    if (!fetched) {
        co_return std::move(fetched).error();
    }

    authenticate_options auth;
    auth.until = until;
    auth.prefetched = std::move(*fetched);
    auth.log = options.log;
    auto authenticated = co_await authenticate(*state->bytes, std::move(auth), *provider);
    if (!authenticated) {
        auto err = std::move(authenticated).error();
        if (err.message.find(state->server.endpoint) == std::string::npos) {
            err.message = state->server.endpoint + ": " + err.message;
        }
        co_return err;
    }
    state->authentication = std::move(*authenticated);
    state->timings.auth_ms = state->authentication.conversation_ms;
    state->timings.total_ms = elapsed_ms(started, steady_clock::now());
    co_return connection(std::move(state));
}

}  // namespace mongo_aws
