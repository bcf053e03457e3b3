// The command line of mongo-aws: one command, then its options.
#pragma once

#include <mongo_aws/result.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::cli {

/// Everything a command may be given. Each command accepts only its own options.
struct arguments {
    std::string command;   ///< `credentials`, `ping`, `serve`, `demo`, `help`
    bool json = false;     ///< --json
    bool verbose = false;  ///< --verbose
    std::optional<std::chrono::milliseconds> timeout;  ///< --timeout-ms
    bool sdk_fallback = false;                         ///< --sdk-fallback
    std::string uri;                                   ///< ping's URI
    int count = 1;                                     ///< --count
    int concurrency = 1;                               ///< --concurrency
    std::chrono::milliseconds interval{0};             ///< --interval-ms
    std::uint16_t port = 0;                            ///< --port (serve; 0: any free port)
    std::string users_file;                            ///< --users
    bool tls = false;                                  ///< --tls
    std::vector<std::string> faults;                   ///< --fault, repeatable
};

/// Parses argv[1..]. A usage error (an unknown command or option, a missing or invalid value)
/// is an error whose message says what was wrong; the caller prints it and exits 2.
[[nodiscard]] result<arguments> parse_arguments(std::span<const char* const> args);

/// The help text.
[[nodiscard]] std::string_view usage_text() noexcept;

}  // namespace mongo_aws::cli
