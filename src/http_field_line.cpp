// One header (or trailer) field line: `name: value`.
#include "http_head_lines.hpp"
#include "http_syntax.hpp"

namespace mongo_aws::http::detail {
namespace {

constexpr std::size_t max_quoted_name = 40;

std::string where(const field_place& place) {
    return std::string(place.message) + " " + std::string(place.section) + " " +
           std::to_string(place.number);
}

error bad_field(const field_place& place, const std::string& problem) {
    return make_error(errc::http_malformed_header, where(place) + " " + problem);
}

}  // namespace

result<header> parse_field_line(std::string_view line, const field_place& place) {
    if (!line.empty() && is_ows(static_cast<unsigned char>(line[0]))) {
        return bad_field(place, "starts with whitespace: obsolete line folding is not accepted");
    }
    const auto colon = line.find(':');
    const auto name_length = token_prefix_length(line.substr(0, colon));
    // Only the token before the first bad byte is ever quoted: the rest may be a value.
    const auto name = line.substr(0, name_length);
    if (colon == std::string_view::npos) {
        return bad_field(place, quote_untrusted(name, max_quoted_name) + " has no colon");
    }
    if (name_length < colon) {
        const auto byte = static_cast<unsigned char>(line[name_length]);
        if (name_length == 0) {
            return bad_field(place, "starts with byte " + describe_byte(byte) +
                                        ", which cannot begin a header name");
        }
        if (trim_ows(line.substr(name_length, colon - name_length)).empty()) {
            return bad_field(place, quote_untrusted(name, max_quoted_name) +
                                        " has whitespace between its name and the colon");
        }
        return bad_field(place, quote_untrusted(name, max_quoted_name) + " is followed by byte " +
                                    describe_byte(byte) + ", which cannot be in a header name");
    }
    if (name_length == 0) {
        return bad_field(place, "has an empty name");
    }
    const auto value = trim_ows(line.substr(colon + 1));
    if (const auto bad = find_control_byte(value); bad != std::string_view::npos) {
        return bad_field(place, quote_untrusted(name, max_quoted_name) + " has control byte " +
                                    describe_byte(static_cast<unsigned char>(value[bad])) +
                                    " at offset " + std::to_string(bad) +
                                    " of its value (the value is not shown: it may be secret)");
    }
    return header{std::string(name), std::string(value)};
}

}  // namespace mongo_aws::http::detail
