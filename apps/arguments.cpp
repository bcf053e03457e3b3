#include "arguments.hpp"

#include <charconv>
#include <limits>
#include <set>

namespace mongo_aws::cli {

namespace {

error usage(const std::string& message) {
    return make_error(errc::uri_invalid_option, message + " (see 'mongo-aws help')");
}

// Which options each command takes.
const std::set<std::string_view>& options_of(std::string_view command) {
    static const std::set<std::string_view> credentials{"--json", "--verbose", "--timeout-ms",
                                                        "--sdk-fallback"};
    static const std::set<std::string_view> ping{"--json",        "--verbose",     "--timeout-ms",
                                                 "--count",       "--concurrency", "--interval-ms",
                                                 "--sdk-fallback"};
    static const std::set<std::string_view> serve{"--verbose", "--port", "--users", "--tls",
                                                  "--fault"};
    static const std::set<std::string_view> demo{"--verbose"};
    static const std::set<std::string_view> none{};
    if (command == "credentials") {
        return credentials;
    }
    if (command == "ping") {
        return ping;
    }
    if (command == "serve") {
        return serve;
    }
    if (command == "demo") {
        return demo;
    }
    return none;
}

bool takes_value(std::string_view option) {
    return option == "--timeout-ms" || option == "--count" || option == "--concurrency" ||
           option == "--interval-ms" || option == "--port" || option == "--users" ||
           option == "--fault";
}

result<long long> whole_number(std::string_view option, std::string_view text, long long low,
                               long long high) {
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < low || value > high) {
        return usage(std::string(option) + " needs a whole number from " + std::to_string(low) +
                     " to " + std::to_string(high) + ", not '" + std::string(text) + "'");
    }
    return value;
}

}  // namespace

result<arguments> parse_arguments(std::span<const char* const> args) {
    arguments out;
    if (args.empty()) {
        return usage("no command given");
    }
    out.command = args[0];
    if (out.command == "--help" || out.command == "-h") {
        out.command = "help";
    }
    static const std::set<std::string_view> commands{"credentials", "ping", "serve", "demo",
                                                     "help"};
    if (commands.count(out.command) == 0) {
        return usage("unknown command '" + out.command + "'");
    }
    const auto& allowed = options_of(out.command);
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (!arg.starts_with("--")) {
            if (out.command == "ping" && out.uri.empty()) {
                out.uri = arg;
                continue;
            }
            return usage("unexpected argument '" + std::string(arg.substr(0, 64)) + "' for " +
                         out.command);
        }
        if (allowed.count(arg) == 0) {
            return usage("unknown option " + std::string(arg.substr(0, 64)) + " for " +
                         out.command);
        }
        std::string_view value;
        if (takes_value(arg)) {
            if (i + 1 >= args.size()) {
                return usage(std::string(arg) + " needs a value");
            }
            value = args[++i];
        }
        if (arg == "--json") {
            out.json = true;
        } else if (arg == "--verbose") {
            out.verbose = true;
        } else if (arg == "--sdk-fallback") {
            out.sdk_fallback = true;
        } else if (arg == "--tls") {
            out.tls = true;
        } else if (arg == "--users") {
            out.users_file = value;
        } else if (arg == "--fault") {
            out.faults.emplace_back(value);
        } else {
            constexpr long long day_ms = 24LL * 3600 * 1000;
            const auto limits = arg == "--port"          ? std::pair{0LL, 65535LL}
                                : arg == "--count"       ? std::pair{1LL, 1000000LL}
                                : arg == "--concurrency" ? std::pair{1LL, 100000LL}
                                : arg == "--interval-ms" ? std::pair{0LL, day_ms}
                                                         : std::pair{1LL, day_ms};
            auto number = whole_number(arg, value, limits.first, limits.second);
            if (!number) {
                return std::move(number).error();
            }
            if (arg == "--port") {
                out.port = static_cast<std::uint16_t>(*number);
            } else if (arg == "--count") {
                out.count = static_cast<int>(*number);
            } else if (arg == "--concurrency") {
                out.concurrency = static_cast<int>(*number);
            } else if (arg == "--interval-ms") {
                out.interval = std::chrono::milliseconds(*number);
            } else {
                out.timeout = std::chrono::milliseconds(*number);
            }
        }
    }
    if (out.command == "ping" && out.uri.empty()) {
        return usage(
            "ping needs a connection string: mongo-aws ping "
            "'mongodb://host/?authMechanism=MONGODB-AWS'");
    }
    return out;
}

std::string_view usage_text() noexcept {
    return "usage: mongo-aws <command> [options]\n"
           "\n"
           "commands:\n"
           "  credentials [--json] [--timeout-ms N] [--sdk-fallback] [--verbose]\n"
           "        find AWS credentials as authentication would; show which source answered,\n"
           "        the access key id (redacted), the expiration, and every source tried and why\n"
           "  ping URI [--json] [--count N] [--concurrency C] [--interval-ms M] [--timeout-ms T]\n"
           "       [--sdk-fallback] [--verbose]\n"
           "        connect, authenticate with MONGODB-AWS and run connectionStatus; with "
           "--count,\n"
           "        N authentications (each a new connection), C at a time, one credential cache\n"
           "  serve [--port P] [--users FILE] [--tls] [--fault F]... [--verbose]\n"
           "        run the loopback test server (MongoDB that verifies signatures, plus IMDS,\n"
           "        ECS and STS stand-ins); prints one line with its ports when ready\n"
           "  demo [--verbose]\n"
           "        start the test server in-process and authenticate against it, with\n"
           "        environment credentials, then through the IMDS stand-in\n"
           "  help  show this text\n"
           "\n"
           "Exit status: 0 success, 1 authentication or credential failure, 2 usage error.\n"
           "Secrets (secret key, session token, tokens) are never printed.\n";
}

}  // namespace mongo_aws::cli
