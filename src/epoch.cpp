#include "epoch.hpp"

#include <chrono>

namespace mongo_aws::detail {

std::optional<time_point> time_point_from_epoch(std::int64_t seconds,
                                                std::int64_t nanoseconds) noexcept {
    using clock_duration = time_point::duration;
    constexpr auto max_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(clock_duration::max()).count();
    constexpr auto min_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(clock_duration::min()).count();
    // Strict bounds leave room for the fraction, so neither conversion below can overflow.
    if (seconds >= max_seconds || seconds <= min_seconds || nanoseconds < 0 ||
        nanoseconds > 999'999'999) {
        return std::nullopt;
    }
    return time_point(
        std::chrono::duration_cast<clock_duration>(std::chrono::seconds(seconds)) +
        std::chrono::duration_cast<clock_duration>(std::chrono::nanoseconds(nanoseconds)));
}

}  // namespace mongo_aws::detail
