// Where the library reports what it is doing, step by step, for an operator's diagnostics
// (the CLI's --verbose). Lines never hold a secret.
#pragma once

#include <functional>
#include <string_view>

namespace mongo_aws {

/// Receives one line per step ("saslStart sent (52-byte payload)"). An empty function (the
/// default everywhere) means nothing is reported.
using step_log = std::function<void(std::string_view line)>;

}  // namespace mongo_aws
