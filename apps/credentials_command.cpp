#include "credentials_command.hpp"

#include "json_writer.hpp"
#include "report.hpp"

#include <mongo_aws/credential_provider.hpp>
#include <mongo_aws/timestamp.hpp>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>

#include <optional>
#include <ostream>

namespace mongo_aws::cli {

namespace {

void print_text(std::ostream& out, const fetched_credentials& fetched, long long elapsed_ms) {
    out << "credentials: found (" << fetched.source << ", " << elapsed_ms << " ms)\n"
        << "  access key id:  " << redact_access_key_id(fetched.creds.access_key_id) << '\n'
        << "  session token:  " << (fetched.creds.session_token.empty() ? "no" : "yes") << '\n'
        << "  expiration:     " << describe_expiration(fetched.creds.expiration) << '\n'
        << "sources:\n"
        << fetched;
}

void print_json(std::ostream& out, const fetched_credentials& fetched, long long elapsed_ms) {
    json_writer sources(true);
    for (const auto& attempt : fetched.attempts) {
        sources.raw_element(json_writer()
                                .field("name", to_string(attempt.source))
                                .field("outcome", to_string(attempt.status))
                                .field("reason", attempt.detail)
                                .field("elapsed_ms", attempt.elapsed_ms)
                                .str());
    }
    json_writer object;
    object.field("ok", true)
        .field("source", to_string(fetched.source))
        .field("access_key_id", redact_access_key_id(fetched.creds.access_key_id))
        .field("session_token", !fetched.creds.session_token.empty());
    if (fetched.creds.expiration) {
        object.field("expiration", format_iso8601(*fetched.creds.expiration));
    } else {
        object.raw_field("expiration", "null");
    }
    object.field("elapsed_ms", elapsed_ms).raw_field("sources", sources.str());
    out << object.str() << '\n';
}

}  // namespace

int run_credentials(const arguments& args, std::ostream& out, std::ostream& err) {
    asio::io_context io;
    provider_options options;
    options.policy = args.sdk_fallback ? credential_policy::sdk_fallback : credential_policy::spec;
    options.log = verbose_log(err, args.verbose);
    credential_provider provider(io.get_executor(), std::move(options));

    std::optional<result<fetched_credentials>> outcome;
    const auto started = std::chrono::steady_clock::now();
    const auto timeout = args.timeout.value_or(std::chrono::seconds(30));
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { outcome = co_await provider.get(started + timeout); },
        asio::detached);
    io.run();
    const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();
    if (!outcome) {
        return report_failure(out, err, args.json, "credentials",
                              make_error(errc::cancelled, "the lookup never completed"));
    }
    if (!*outcome) {
        return report_failure(out, err, args.json, "credentials", outcome->error());
    }
    if (args.json) {
        print_json(out, **outcome, elapsed_ms);
    } else {
        print_text(out, **outcome, elapsed_ms);
    }
    return exit_ok;
}

}  // namespace mongo_aws::cli
