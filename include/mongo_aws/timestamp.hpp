// ISO-8601 timestamps, as the credential endpoints send them and as this library prints them.
#pragma once

#include <mongo_aws/result.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace mongo_aws {

using time_point = std::chrono::system_clock::time_point;

/// Parses an ISO-8601 / RFC 3339 date-time as IMDS, ECS and STS send it:
/// `2026-11-29T18:22:23Z`, with optional fractional seconds (`.123Z`) and a `Z` or `±HH:MM`
/// offset. A date or time out of range, a missing zone, or trailing bytes: errc::timestamp_invalid,
/// with a message quoting (a bounded part of) the input.
result<time_point> parse_iso8601(std::string_view text);

/// Formats as `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds).
[[nodiscard]] std::string format_iso8601(time_point when);

}  // namespace mongo_aws
