// libFuzzer target: ISO-8601 / RFC 3339 date-times (parse_iso8601), as IMDS, ECS and STS send
// `Expiration`. What is accepted must print (format_iso8601) and parse back to the same second.
// Seeds: the expirations of the stand-ins' canned replies and the printer's own output,
// recorded (tests/unit/test_fuzz_seeds.cpp).
#include "fuzz_support.hpp"

#include <mongo_aws/timestamp.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    using namespace std::chrono;
    const auto parsed = parse_iso8601(fuzz::as_text(std::span<const std::uint8_t>(data, size)));
    if (!parsed) {
        return 0;
    }
    // The printer's range: the system clock's (nanoseconds in libstdc++: 1677-2262), less a
    // day either way for offsets.
    const auto earliest = sys_days{year{1678} / January / 2};
    const auto latest = sys_days{year{2262} / January / 1};
    if (*parsed < earliest || *parsed > latest) {
        return 0;
    }
    const auto printed = format_iso8601(*parsed);
    const auto again = parse_iso8601(printed);
    fuzz::require(again.has_value(), "format_iso8601 printed what parse_iso8601 refuses");
    fuzz::require(*again == floor<seconds>(*parsed), "a time did not survive print and parse");
    return 0;
}
