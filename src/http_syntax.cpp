#include "http_syntax.hpp"

namespace mongo_aws::http::detail {
namespace {

constexpr std::string_view token_specials = "!#$%&'*+-.^_`|~";

constexpr unsigned char lower(unsigned char byte) noexcept {
    return (byte >= 'A' && byte <= 'Z') ? static_cast<unsigned char>(byte - 'A' + 'a') : byte;
}

constexpr bool is_printable(unsigned char byte) noexcept {
    return byte >= 0x20 && byte <= 0x7E;
}

std::string hex_byte(unsigned char byte) {
    constexpr std::string_view digits = "0123456789ABCDEF";
    return {digits[byte >> 4U], digits[byte & 0x0FU]};
}

}  // namespace

bool is_tchar(unsigned char byte) noexcept {
    return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
           (byte >= 'A' && byte <= 'Z') ||
           (byte != 0 && token_specials.find(static_cast<char>(byte)) != std::string_view::npos);
}

std::size_t token_prefix_length(std::string_view text) noexcept {
    std::size_t length = 0;
    while (length < text.size() && is_tchar(static_cast<unsigned char>(text[length]))) {
        ++length;
    }
    return length;
}

bool is_token(std::string_view text) noexcept {
    return !text.empty() && token_prefix_length(text) == text.size();
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(static_cast<unsigned char>(a[i])) != lower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

std::string_view trim_ows(std::string_view text) noexcept {
    while (!text.empty() && is_ows(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_ows(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

std::size_t find_control_byte(std::string_view value) noexcept {
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto byte = static_cast<unsigned char>(value[i]);
        if (!is_field_vchar(byte) && !is_ows(byte)) {
            return i;
        }
    }
    return std::string_view::npos;
}

std::string describe_byte(unsigned char byte) {
    std::string text = "0x" + hex_byte(byte);
    if (is_printable(byte)) {
        text += " ('";
        text += static_cast<char>(byte);
        text += "')";
    }
    return text;
}

line_state take_line(std::string_view& input, std::string& line, std::size_t budget) {
    const auto lf = input.find('\n');
    const std::size_t take = lf == std::string_view::npos ? input.size() : lf + 1;
    if (take > budget || line.size() > budget - take) {
        return line_state::too_long;
    }
    line.append(input.substr(0, take));
    input.remove_prefix(take);
    if (lf == std::string_view::npos) {
        return line_state::partial;
    }
    if (line.size() < 2 || line[line.size() - 2] != '\r') {
        return line_state::bare_lf;
    }
    line.resize(line.size() - 2);
    return line_state::complete;
}

}  // namespace mongo_aws::http::detail
