// Reading environment variables through a function, so that tests can supply their own
// environment instead of changing the process's.
#pragma once

#include <cstdlib>
#include <functional>
#include <optional>
#include <string>

namespace mongo_aws::detail {

/// Returns the value of the environment variable `name`, or nullopt when it is not set.
using environment_lookup = std::function<std::optional<std::string>(const std::string& name)>;

/// The process's own environment (std::getenv).
inline std::optional<std::string> process_environment(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
        return std::nullopt;
    }
    return std::string(value);
}

}  // namespace mongo_aws::detail
