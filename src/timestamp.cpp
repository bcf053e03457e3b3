#include "epoch.hpp"
#include "quote_untrusted.hpp"

#include <mongo_aws/timestamp.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>

namespace mongo_aws {

std::string format_iso8601(time_point when) {
    // Down to the second first: to_time_t truncates towards zero, which before 1970 would
    // print the next second.
    const std::time_t seconds =
        std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(when));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    const auto length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return std::string(text, length);
}

namespace {

// Reads the text left to right; every read checks the remaining length first.
class scanner {
public:
    explicit scanner(std::string_view text) : text_(text) {}

    [[nodiscard]] std::size_t position() const noexcept { return position_; }
    [[nodiscard]] bool at_end() const noexcept { return position_ == text_.size(); }

    // Exactly `count` ASCII digits (not isdigit: that one depends on the locale).
    std::optional<int> digits(std::size_t count) {
        if (text_.size() - position_ < count) {
            return std::nullopt;
        }
        int value = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const char c = text_[position_ + i];
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            value = value * 10 + (c - '0');
        }
        position_ += count;
        return value;
    }

    // One of the given bytes; returns which, or '\0' when the next byte is another.
    char one_of(std::string_view accepted) {
        if (at_end() || accepted.find(text_[position_]) == std::string_view::npos) {
            return '\0';
        }
        return text_[position_++];
    }

    // Nanoseconds from the digits after a '.', however many there are (RFC 3339 sets no
    // limit); digits past the ninth are dropped, which rounds toward the past.
    std::optional<std::int64_t> fraction() {
        std::int64_t nanoseconds = 0;
        std::size_t count = 0;
        while (!at_end() && text_[position_] >= '0' && text_[position_] <= '9') {
            if (count < 9) {
                nanoseconds = nanoseconds * 10 + (text_[position_] - '0');
            }
            ++count;
            ++position_;
        }
        if (count == 0) {
            return std::nullopt;
        }
        for (; count < 9; ++count) {
            nanoseconds *= 10;
        }
        return nanoseconds;
    }

private:
    std::string_view text_;
    std::size_t position_ = 0;
};

constexpr std::string_view expected_form =
    "YYYY-MM-DDTHH:MM:SS[.fraction] then Z, +HH:MM or -HH:MM";

error invalid(std::string_view text, const std::string& reason) {
    return make_error(errc::timestamp_invalid,
                      "invalid ISO-8601 timestamp " + detail::quote_untrusted(text) + ": " +
                          reason + " (expected " + std::string(expected_form) + ")");
}

std::string at(const scanner& in) {
    return " at byte " + std::to_string(in.position());
}

std::string two_digits(int value) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d", value);
    return text;
}

}  // namespace

// The grammar is RFC 3339's date-time (section 5.6), which ISO-8601 endpoints send: 'T' and 'Z'
// may be lowercase; the hour is 00-23; the second 00-60 (60 is a leap second, counted as the
// first second of the next minute since the system clock has no leap seconds).
result<time_point> parse_iso8601(std::string_view text) {
    scanner in(text);

    const auto year = in.digits(4);
    if (!year) {
        return invalid(text, "expected a four-digit year" + at(in));
    }
    if (in.one_of("-") == '\0') {
        return invalid(text, "expected '-' after the year" + at(in));
    }
    const auto month = in.digits(2);
    if (!month) {
        return invalid(text, "expected a two-digit month" + at(in));
    }
    if (*month < 1 || *month > 12) {
        return invalid(text, "month " + two_digits(*month) + " is not 01-12");
    }
    if (in.one_of("-") == '\0') {
        return invalid(text, "expected '-' after the month" + at(in));
    }
    const auto day = in.digits(2);
    if (!day) {
        return invalid(text, "expected a two-digit day" + at(in));
    }
    const std::chrono::year_month_day date{std::chrono::year(*year),
                                           std::chrono::month(static_cast<unsigned>(*month)),
                                           std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok()) {
        return invalid(text, "day " + two_digits(*day) + " does not exist in " +
                                 std::to_string(*year) + "-" + two_digits(*month));
    }
    if (in.one_of("Tt") == '\0') {
        return invalid(text, "expected 'T' between the date and the time" + at(in));
    }
    const auto hour = in.digits(2);
    if (!hour) {
        return invalid(text, "expected a two-digit hour" + at(in));
    }
    if (*hour > 23) {
        return invalid(text, "hour " + two_digits(*hour) + " is not 00-23");
    }
    if (in.one_of(":") == '\0') {
        return invalid(text, "expected ':' after the hour" + at(in));
    }
    const auto minute = in.digits(2);
    if (!minute) {
        return invalid(text, "expected two-digit minutes" + at(in));
    }
    if (*minute > 59) {
        return invalid(text, "minute " + two_digits(*minute) + " is not 00-59");
    }
    if (in.one_of(":") == '\0') {
        return invalid(text, "expected ':' after the minutes" + at(in));
    }
    const auto second = in.digits(2);
    if (!second) {
        return invalid(text, "expected two-digit seconds" + at(in));
    }
    if (*second > 60) {
        return invalid(text, "second " + two_digits(*second) + " is not 00-60");
    }

    std::int64_t nanoseconds = 0;
    if (in.one_of(".") != '\0') {
        const auto fraction = in.fraction();
        if (!fraction) {
            return invalid(text, "expected digits after '.'" + at(in));
        }
        nanoseconds = *fraction;
    }

    std::int64_t offset_seconds = 0;
    if (in.at_end()) {
        return invalid(text, "the zone is missing");
    }
    if (const char sign = in.one_of("+-"); sign != '\0') {
        const auto offset_hour = in.digits(2);
        if (!offset_hour || in.one_of(":") == '\0') {
            return invalid(text, "expected the offset as +HH:MM or -HH:MM" + at(in));
        }
        const auto offset_minute = in.digits(2);
        if (!offset_minute) {
            return invalid(text, "expected the offset as +HH:MM or -HH:MM" + at(in));
        }
        if (*offset_hour > 23 || *offset_minute > 59) {
            return invalid(text, "offset " + two_digits(*offset_hour) + ":" +
                                     two_digits(*offset_minute) + " is not 00:00-23:59");
        }
        offset_seconds = std::int64_t{*offset_hour} * 3600 + std::int64_t{*offset_minute} * 60;
        if (sign == '-') {
            offset_seconds = -offset_seconds;
        }
    } else if (in.one_of("Zz") == '\0') {
        return invalid(text, "expected the zone (Z, +HH:MM or -HH:MM)" + at(in));
    }
    if (!in.at_end()) {
        return invalid(text, "unexpected bytes after the zone" + at(in));
    }

    // Days since the epoch from the calendar (C++20's civil-calendar arithmetic).
    const std::int64_t days = std::chrono::sys_days(date).time_since_epoch().count();
    const std::int64_t local_seconds =
        days * 86400 + std::int64_t{*hour} * 3600 + std::int64_t{*minute} * 60 + *second;
    const auto when = detail::time_point_from_epoch(local_seconds - offset_seconds, nanoseconds);
    if (!when) {
        return invalid(text, "the year " + std::to_string(*year) +
                                 " is outside what this platform's system clock represents");
    }
    return *when;
}

}  // namespace mongo_aws
