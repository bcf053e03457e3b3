#include "ping_command.hpp"

#include "file_limit.hpp"
#include "json_writer.hpp"
#include "report.hpp"

#include <mongo_aws/connection.hpp>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace mongo_aws::cli {

namespace {

using steady = std::chrono::steady_clock;

struct ping_outcome {
    std::optional<error> failure;
    std::string user;
    long long elapsed_ms = 0;
    connect_timings timings;
    authentication_summary authentication{};
};

// One connection: connect, authenticate, connectionStatus.
asio::awaitable<ping_outcome> ping_once(const std::string& uri, credential_provider& provider,
                                        const arguments& args, const step_log& log) {
    ping_outcome out;
    const auto started = steady::now();
    const auto timeout = args.timeout.value_or(std::chrono::seconds(30));
    connect_options options;
    options.provider = &provider;
    options.timeout = timeout;
    options.log = log;
    auto conn = co_await connect(uri, std::move(options));
    if (!conn) {
        out.failure = std::move(conn).error();
    } else {
        out.timings = conn->timings();
        out.authentication = conn->authentication();
        auto users = co_await conn->authenticated_users(steady::now() + timeout);
        if (!users) {
            out.failure = std::move(users).error();
        } else if (users->empty()) {
            out.failure = make_error(errc::reply_field_missing,
                                     "connectionStatus reports no authenticated user");
        } else {
            out.user = users->front();
        }
    }
    out.elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - started).count();
    co_return out;
}

std::string timing_line(const ping_outcome& one) {
    const auto& t = one.timings;
    return "resolve " + std::to_string(t.resolve_ms) + " ms, tcp " + std::to_string(t.tcp_ms) +
           " ms, tls " + std::to_string(t.tls_ms) + " ms, hello " + std::to_string(t.hello_ms) +
           " ms, credentials ready at " + std::to_string(t.credentials_ms) + " ms, sasl " +
           std::to_string(t.auth_ms) + " ms";
}

int report_one(const arguments& args, std::ostream& out, std::ostream& err,
               const ping_outcome& one) {
    if (one.failure) {
        auto failure = *one.failure;
        if (is_out_of_descriptors(failure.message)) {
            failure.message += " (the open-file limit is " +
                               std::to_string(raise_open_file_limit()) + ": lower --concurrency)";
        }
        return report_failure(out, err, args.json, "ping", failure);
    }
    if (args.json) {
        out << json_writer()
                   .field("ok", true)
                   .field("user", one.user)
                   .field("db", "$external")
                   .field("source", to_string(one.authentication.source))
                   .field("elapsed_ms", one.elapsed_ms)
                   .str()
            << '\n';
    } else {
        out << "authenticated as " << one.user << " on $external (credentials from "
            << one.authentication.source << ", access key " << one.authentication.access_key_id
            << ")\n"
            << "  " << one.elapsed_ms << " ms in all: " << timing_line(one) << '\n';
    }
    return exit_ok;
}

int report_many(const arguments& args, std::ostream& out, std::ostream& err,
                const std::vector<ping_outcome>& all, long long wall_ms) {
    std::vector<long long> times;
    std::set<std::string> users;
    std::map<std::string, int> failures;
    for (const auto& one : all) {
        if (one.failure) {
            ++failures[one.failure->to_string()];
        } else {
            users.insert(one.user);
            times.push_back(one.elapsed_ms);
        }
    }
    std::sort(times.begin(), times.end());
    const auto failed = all.size() - times.size();
    const auto at = [&times](double fraction) {
        return times.empty()
                   ? 0LL
                   : times[std::min(
                         times.size() - 1,
                         static_cast<std::size_t>(fraction * static_cast<double>(times.size())))];
    };
    if (args.json) {
        json_writer user_list(true);
        for (const auto& user : users) {
            user_list.element(user);
        }
        json_writer object;
        object.field("ok", failed == 0)
            .field("count", all.size())
            .field("succeeded", times.size())
            .field("failed", failed)
            .raw_field("users", user_list.str())
            .field("min_ms", times.empty() ? 0LL : times.front())
            .field("median_ms", at(0.5))
            .field("max_ms", times.empty() ? 0LL : times.back())
            .field("elapsed_ms", wall_ms);
        if (!failures.empty()) {
            object.field("first_error", failures.begin()->first);
        }
        out << object.str() << '\n';
    } else {
        out << all.size() << " authentications (" << args.concurrency << " at a time) in "
            << wall_ms << " ms: " << times.size() << " succeeded, " << failed << " failed\n";
        for (const auto& user : users) {
            out << "  authenticated as " << user << '\n';
        }
        if (!times.empty()) {
            out << "  per authentication: min " << times.front() << " ms, median " << at(0.5)
                << " ms, max " << times.back() << " ms\n";
        }
        for (const auto& [message, count] : failures) {
            err << "mongo-aws ping: " << count << " failed: " << message << '\n';
        }
    }
    return failed == 0 ? exit_ok : exit_failed;
}

}  // namespace

int run_ping(const arguments& args, std::ostream& out, std::ostream& err) {
    asio::io_context io(1);
    provider_options options;
    options.policy = args.sdk_fallback ? credential_policy::sdk_fallback : credential_policy::spec;
    const auto log = verbose_log(err, args.verbose);
    options.log = log;
    credential_provider provider(io.get_executor(), std::move(options));

    std::vector<ping_outcome> outcomes;
    outcomes.reserve(static_cast<std::size_t>(args.count));
    int started = 0;
    const auto wall_start = steady::now();
    // `concurrency` workers, each running authentications one after another until `count`
    // have started.
    auto worker = [&]() -> asio::awaitable<void> {
        asio::steady_timer pause(io);
        while (started < args.count) {
            ++started;
            outcomes.push_back(co_await ping_once(args.uri, provider, args, log));
            if (args.interval.count() > 0 && started < args.count) {
                pause.expires_after(args.interval);
                co_await pause.async_wait(asio::use_awaitable);
            }
        }
    };
    for (int i = 0; i < std::min(args.concurrency, args.count); ++i) {
        asio::co_spawn(io, worker(), asio::detached);
    }
    io.run();
    const auto wall_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - wall_start).count();
    if (args.count == 1 && outcomes.size() == 1) {
        return report_one(args, out, err, outcomes.front());
    }
    return report_many(args, out, err, outcomes, wall_ms);
}

}  // namespace mongo_aws::cli
