// How every command reports: one line on stderr for a failure (or one JSON object on stdout
// with --json), and the verbose step log on stderr. Never a secret.
#pragma once

#include <mongo_aws/error.hpp>
#include <mongo_aws/step_log.hpp>

#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace mongo_aws::cli {

/// Exit statuses.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1;  ///< authentication or credential failure
inline constexpr int exit_usage = 2;

/// Reports `failure` of `command`: `{"ok":false,"error":{"code","message"}}` on `out` with
/// `json`, else `mongo-aws <command>: <message>` on `err`. Returns exit_failed.
int report_failure(std::ostream& out, std::ostream& err, bool json, std::string_view command,
                   const error& failure);

/// A step log writing `  [12 ms] line` to `err` when `verbose`, else nothing.
[[nodiscard]] step_log verbose_log(std::ostream& err, bool verbose);

/// `2026-11-30T03:00:00Z (in 5h 59m)`, or `none` when absent.
[[nodiscard]] std::string describe_expiration(
    const std::optional<std::chrono::system_clock::time_point>& expiration);

}  // namespace mongo_aws::cli
