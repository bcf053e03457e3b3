// ISO-8601 / RFC 3339 timestamps as IMDS, ECS and STS send them.
// Every expected epoch value below was computed independently with GNU date
// (`date -u -d <timestamp> +%s`, coreutils 9.1), not with this parser.
#define BOOST_TEST_MODULE timestamp
#include <mongo_aws/timestamp.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <type_traits>

using mongo_aws::errc;
using mongo_aws::parse_iso8601;

namespace {

// Whole seconds since the epoch, or a failed test when the text did not parse.
long long epoch_seconds(std::string_view text) {
    const auto parsed = parse_iso8601(text);
    BOOST_TEST_INFO("parsing " << text);
    BOOST_REQUIRE_MESSAGE(parsed.has_value(),
                          "rejected: " << (parsed ? std::string() : parsed.error().message));
    return std::chrono::floor<std::chrono::seconds>(parsed->time_since_epoch()).count();
}

long long nanoseconds_past_second(std::string_view text) {
    const auto parsed = parse_iso8601(text);
    BOOST_REQUIRE(parsed.has_value());
    const auto since_epoch = parsed->time_since_epoch();
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               since_epoch - std::chrono::floor<std::chrono::seconds>(since_epoch))
        .count();
}

void check_rejected(std::string_view text, std::string_view reason_part) {
    const auto parsed = parse_iso8601(text);
    BOOST_TEST_INFO("parsing " << std::string(text));
    BOOST_REQUIRE(!parsed.has_value());
    BOOST_TEST(parsed.error().code == std::error_code(errc::timestamp_invalid));
    BOOST_TEST(parsed.error().message.find(reason_part) != std::string::npos,
               "message: " << parsed.error().message);
}

}  // namespace

BOOST_AUTO_TEST_CASE(utc_timestamps_from_the_aws_docs_parse) {
    BOOST_TEST(epoch_seconds("2017-05-17T15:09:54Z") == 1495033794LL);  // IMDS docs example
    BOOST_TEST(epoch_seconds("2021-01-16T00:51:53Z") == 1610758313LL);  // ECS docs example
    BOOST_TEST(epoch_seconds("2014-10-24T23:00:23Z") == 1414191623LL);  // STS docs example
    BOOST_TEST(epoch_seconds("2018-01-02T05:04:05Z") == 1514869445LL);
}

BOOST_AUTO_TEST_CASE(the_epoch_and_the_second_before_it) {
    BOOST_TEST(epoch_seconds("1970-01-01T00:00:00Z") == 0LL);
    BOOST_TEST(epoch_seconds("1969-12-31T23:59:59Z") == -1LL);
}

BOOST_AUTO_TEST_CASE(february_29_exists_in_leap_years_only) {
    BOOST_TEST(epoch_seconds("2024-02-29T12:00:00Z") == 1709208000LL);
    BOOST_TEST(epoch_seconds("2000-02-29T00:00:00Z") == 951782400LL);  // divisible by 400
    check_rejected("2023-02-29T00:00:00Z", "day 29 does not exist in 2023-02");
    check_rejected("1900-02-29T00:00:00Z", "day 29 does not exist in 1900-02");  // by 100
    check_rejected("2100-02-29T00:00:00Z", "day 29 does not exist in 2100-02");
}

BOOST_AUTO_TEST_CASE(each_month_has_its_own_length) {
    check_rejected("2017-04-31T00:00:00Z", "day 31 does not exist in 2017-04");
    check_rejected("2017-01-32T00:00:00Z", "day 32 does not exist");
    check_rejected("2017-01-00T00:00:00Z", "day 00 does not exist");
    BOOST_TEST(parse_iso8601("2017-12-31T23:59:59Z").has_value());
}

BOOST_AUTO_TEST_CASE(month_must_be_01_to_12) {
    check_rejected("2017-00-10T00:00:00Z", "month 00 is not 01-12");
    check_rejected("2017-13-10T00:00:00Z", "month 13 is not 01-12");
}

BOOST_AUTO_TEST_CASE(time_fields_must_be_in_range) {
    check_rejected("2017-05-17T24:00:00Z", "hour 24 is not 00-23");
    check_rejected("2017-05-17T15:60:00Z", "minute 60 is not 00-59");
    check_rejected("2017-05-17T15:09:61Z", "second 61 is not 00-60");
}

BOOST_AUTO_TEST_CASE(leap_second_counts_as_the_next_minute) {
    // The system clock has no leap seconds: 23:59:60 is the instant of 00:00:00 next day.
    BOOST_TEST(epoch_seconds("2016-12-31T23:59:60Z") == 1483228800LL);  // 2017-01-01T00:00:00Z
}

BOOST_AUTO_TEST_CASE(offsets_are_subtracted_to_reach_utc) {
    BOOST_TEST(epoch_seconds("2024-02-29T12:00:00+05:30") == 1709188200LL);
    BOOST_TEST(epoch_seconds("2024-03-01T01:00:00+02:00") == 1709247600LL);  // back to Feb 29
    BOOST_TEST(epoch_seconds("2023-12-31T23:30:00-01:00") == 1704069000LL);  // into 2024
    BOOST_TEST(epoch_seconds("2017-05-17T15:09:54+00:00") == 1495033794LL);
    BOOST_TEST(epoch_seconds("2017-05-17T15:09:54-00:00") == 1495033794LL);  // RFC 3339 4.3
}

BOOST_AUTO_TEST_CASE(offset_must_be_plus_or_minus_hh_colon_mm_in_range) {
    check_rejected("2017-05-17T15:09:54+0530", "expected the offset as +HH:MM or -HH:MM");
    check_rejected("2017-05-17T15:09:54+05", "expected the offset as +HH:MM or -HH:MM");
    check_rejected("2017-05-17T15:09:54+5:30", "expected the offset as +HH:MM or -HH:MM");
    check_rejected("2017-05-17T15:09:54+24:00", "offset 24:00 is not 00:00-23:59");
    check_rejected("2017-05-17T15:09:54-05:60", "offset 05:60 is not 00:00-23:59");
}

BOOST_AUTO_TEST_CASE(fractional_seconds_are_kept_to_the_nanosecond) {
    BOOST_TEST(epoch_seconds("2017-05-17T15:09:54.5Z") == 1495033794LL);
    BOOST_TEST(nanoseconds_past_second("2017-05-17T15:09:54.5Z") == 500'000'000LL);
    BOOST_TEST(nanoseconds_past_second("2017-05-17T15:09:54.000001Z") == 1'000LL);
    if constexpr (std::is_same_v<std::chrono::system_clock::duration, std::chrono::nanoseconds>) {
        BOOST_TEST(nanoseconds_past_second("2017-05-17T15:09:54.123456789Z") == 123'456'789LL);
    }
    BOOST_TEST(epoch_seconds("2024-02-29T12:00:00.250+05:30") == 1709188200LL);
}

BOOST_AUTO_TEST_CASE(digits_past_the_ninth_are_truncated) {
    if constexpr (std::is_same_v<std::chrono::system_clock::duration, std::chrono::nanoseconds>) {
        BOOST_TEST(nanoseconds_past_second("2017-05-17T15:09:54.1234567899999Z") == 123'456'789LL);
    }
    BOOST_TEST(epoch_seconds("2017-05-17T15:09:54.9999999999Z") == 1495033794LL);
}

BOOST_AUTO_TEST_CASE(fraction_needs_a_digit) {
    check_rejected("2017-05-17T15:09:54.Z", "expected digits after '.'");
    check_rejected("2017-05-17T15:09:54,5Z", "expected the zone");  // ISO's comma: not RFC 3339
}

BOOST_AUTO_TEST_CASE(lowercase_t_and_z_are_accepted) {
    // RFC 3339 section 5.6: "T" and "Z" may alternatively be lower case.
    BOOST_TEST(epoch_seconds("2017-05-17t15:09:54z") == 1495033794LL);
}

BOOST_AUTO_TEST_CASE(zone_is_required) {
    check_rejected("2017-05-17T15:09:54", "the zone is missing");
    check_rejected("2017-05-17T15:09:54.5", "the zone is missing");
    check_rejected("2017-05-17T15:09:54UTC", "expected the zone (Z, +HH:MM or -HH:MM) at byte 19");
}

BOOST_AUTO_TEST_CASE(trailing_bytes_are_rejected) {
    check_rejected("2017-05-17T15:09:54Z ", "unexpected bytes after the zone at byte 20");
    check_rejected("2017-05-17T15:09:54ZZ", "unexpected bytes after the zone at byte 20");
    check_rejected("2017-05-17T15:09:54+00:00Z", "unexpected bytes after the zone at byte 25");
    check_rejected(std::string_view("2017-05-17T15:09:54Z\0", 21), "unexpected bytes");
}

BOOST_AUTO_TEST_CASE(date_and_time_need_every_separator_and_digit) {
    check_rejected("", "expected a four-digit year at byte 0");
    check_rejected(" 2017-05-17T15:09:54Z", "expected a four-digit year at byte 0");
    check_rejected("20170-05-17T15:09:54Z", "expected '-' after the year at byte 4");
    check_rejected("2017/05/17T15:09:54Z", "expected '-' after the year at byte 4");
    check_rejected("2017-5-17T15:09:54Z", "expected a two-digit month at byte 5");
    check_rejected("2017-05-7T15:09:54Z", "expected a two-digit day at byte 8");
    check_rejected("2017-05-17", "expected 'T' between the date and the time at byte 10");
    check_rejected("2017-05-17 15:09:54Z", "expected 'T' between the date and the time");
    check_rejected("2017-05-17T15-09-54Z", "expected ':' after the hour at byte 13");
    check_rejected("2017-05-17T15:09Z", "expected ':' after the minutes at byte 16");
    check_rejected("2017-05-17T15:09:5Z", "expected two-digit seconds at byte 17");
    check_rejected("+2017-05-17T15:09:54Z", "expected a four-digit year");
}

BOOST_AUTO_TEST_CASE(only_ascii_digits_count) {
    // U+0661..U+0669 (Arabic-Indic digits) are digits to some locales, not to RFC 3339.
    check_rejected("\xd9\xa2\xd9\xa0\xd9\xa1\xd9\xa7-05-17T15:09:54Z", "four-digit year");
}

BOOST_AUTO_TEST_CASE(instants_the_clock_cannot_hold_are_rejected) {
    if constexpr (std::is_same_v<std::chrono::system_clock::duration, std::chrono::nanoseconds>) {
        // A 64-bit count of nanoseconds spans 1677-09-21T00:12:44Z .. 2262-04-11T23:47:16Z
        // (date -u -d @-9223372036 / @9223372036); one second inside each end is kept.
        BOOST_TEST(epoch_seconds("2262-04-11T23:47:15Z") == 9223372035LL);
        BOOST_TEST(epoch_seconds("1677-09-21T00:12:45Z") == -9223372035LL);
        check_rejected("2262-04-11T23:47:16Z", "outside what this platform's system clock");
        check_rejected("1677-09-21T00:12:44Z", "outside what this platform's system clock");
    }
    check_rejected("9999-12-31T23:59:59Z", "outside what this platform's system clock");
    check_rejected("0000-01-01T00:00:00Z", "outside what this platform's system clock");
}

BOOST_AUTO_TEST_CASE(message_quotes_the_input_bounded_and_escaped) {
    const std::string long_input = "2017-05-17T15:09:54Z" + std::string(1000, 'x');
    const auto parsed = parse_iso8601(long_input);
    BOOST_REQUIRE(!parsed.has_value());
    BOOST_TEST(parsed.error().message.size() < 300U);
    BOOST_TEST(parsed.error().message.find("\"2017-05-17T15:09:54Zxxx") != std::string::npos);
    BOOST_TEST(parsed.error().message.find("\u2026") != std::string::npos);

    const auto control = parse_iso8601("2017-05-17\n15:09:54Z\x1b[31m");
    BOOST_REQUIRE(!control.has_value());
    BOOST_TEST(control.error().message.find("2017-05-17\\x0a15:09:54Z\\x1b[31m") !=
               std::string::npos);
    BOOST_TEST(control.error().message.find('\n') == std::string::npos);
    BOOST_TEST(control.error().message.find('\x1b') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(formatting_then_parsing_gives_the_same_second) {
    const auto when = std::chrono::sys_seconds(std::chrono::seconds(1610758313));
    BOOST_TEST(mongo_aws::format_iso8601(when) == "2021-01-16T00:51:53Z");
    BOOST_TEST(epoch_seconds(mongo_aws::format_iso8601(when)) == 1610758313LL);
}

// Found by fuzz_timestamp (regression input fuzz/corpus/timestamp/regression-pre-1970-fraction):
// before 1970 a fraction used to round the printed second up, towards the epoch.
BOOST_AUTO_TEST_CASE(formatting_drops_the_fraction_before_1970_too) {
    using namespace std::chrono;
    // -1 s and -0.5 s: 1969-12-31T23:59:59Z and half a second after it (GNU date, as above).
    const auto half_second_before_epoch = sys_seconds(seconds(-1)) + milliseconds(500);
    BOOST_TEST(mongo_aws::format_iso8601(half_second_before_epoch) == "1969-12-31T23:59:59Z");
    const auto after_epoch = sys_seconds(seconds(1)) + milliseconds(500);
    BOOST_TEST(mongo_aws::format_iso8601(after_epoch) == "1970-01-01T00:00:01Z");
}
