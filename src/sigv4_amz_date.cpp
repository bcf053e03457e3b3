// The X-Amz-Date format.
#include <mongo_aws/sigv4.hpp>

namespace mongo_aws::sigv4 {
namespace {

void append_digits(std::string& out, long long value, int width) {
    std::string digits(static_cast<std::size_t>(width), '0');
    for (int index = width - 1; index >= 0 && value > 0; --index) {
        digits[static_cast<std::size_t>(index)] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out += digits;
}

}  // namespace

std::string amz_date(std::chrono::system_clock::time_point when) {
    using namespace std::chrono;
    const auto day = floor<days>(when);
    const year_month_day date{day};
    const hh_mm_ss time{floor<seconds>(when - day)};

    std::string text;
    text.reserve(16);
    append_digits(text, static_cast<int>(date.year()), 4);
    append_digits(text, static_cast<unsigned>(date.month()), 2);
    append_digits(text, static_cast<unsigned>(date.day()), 2);
    text += 'T';
    append_digits(text, time.hours().count(), 2);
    append_digits(text, time.minutes().count(), 2);
    append_digits(text, time.seconds().count(), 2);
    text += 'Z';
    return text;
}

}  // namespace mongo_aws::sigv4
