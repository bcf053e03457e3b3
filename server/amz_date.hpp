// Reading an X-Amz-Date (internal to the test server).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace mongo_aws::test_server::internal {

/// `YYYYMMDD'T'HHMMSS'Z'` (UTC) as a time point: exactly 16 bytes, digits where digits go, a
/// real calendar date in the years 1970 to 2200, hour < 24, minute < 60, second < 60. Anything
/// else: nullopt.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parse_amz_date(
    std::string_view text) noexcept;

}  // namespace mongo_aws::test_server::internal
