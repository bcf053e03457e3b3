#include <mongo_aws/timestamp.hpp>

#include <cstdio>
#include <ctime>

namespace mongo_aws {

std::string format_iso8601(time_point when) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    const auto length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return std::string(text, length);
}

// parse_iso8601: see the credential-replies module.

}  // namespace mongo_aws
