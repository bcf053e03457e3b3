#include "amz_date.hpp"

#include <cstddef>

namespace mongo_aws::test_server::internal {
namespace {

// The number in text[first, first + count), or -1 when a byte there is not a digit.
int digits(std::string_view text, std::size_t first, std::size_t count) noexcept {
    int value = 0;
    for (std::size_t index = first; index < first + count; ++index) {
        const char character = text[index];
        if (character < '0' || character > '9') {
            return -1;
        }
        value = value * 10 + (character - '0');
    }
    return value;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_amz_date(
    std::string_view text) noexcept {
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') {
        return std::nullopt;
    }
    const int year = digits(text, 0, 4);
    const int month = digits(text, 4, 2);
    const int day = digits(text, 6, 2);
    const int hour = digits(text, 9, 2);
    const int minute = digits(text, 11, 2);
    const int second = digits(text, 13, 2);
    // system_clock counts nanoseconds in 64 bits: about 1678 to 2262. A signature is never dated
    // outside 1970-2200, and refusing other years keeps the conversion from overflowing.
    if (year < 1970 || year > 2200 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 59) {
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day date{std::chrono::year{year},
                              std::chrono::month{static_cast<unsigned>(month)},
                              std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
}

}  // namespace mongo_aws::test_server::internal
