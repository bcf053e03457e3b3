// Turning a count of seconds since the Unix epoch into a time_point without overflowing.
#pragma once

#include <mongo_aws/timestamp.hpp>

#include <cstdint>
#include <optional>

namespace mongo_aws::detail {

/// `seconds` since 1970-01-01T00:00:00Z plus `nanoseconds` (0..999'999'999; finer than the
/// clock's tick is truncated), or nullopt when system_clock cannot represent that instant
/// (with libstdc++'s nanosecond clock: before 1677-09-22 or after 2262-04-11).
[[nodiscard]] std::optional<time_point> time_point_from_epoch(std::int64_t seconds,
                                                              std::int64_t nanoseconds) noexcept;

}  // namespace mongo_aws::detail
