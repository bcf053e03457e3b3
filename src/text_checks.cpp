#include "text_checks.hpp"

#include <algorithm>

namespace mongo_aws::detail {

namespace {
bool is_control(unsigned char byte) noexcept {
    return byte < 0x20 || byte == 0x7f;
}

bool is_whitespace(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
}  // namespace

std::optional<std::size_t> find_control_character(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_control(static_cast<unsigned char>(text[i]))) {
            return i;
        }
    }
    return std::nullopt;
}

std::string_view trim_trailing_whitespace(std::string_view text) noexcept {
    while (!text.empty() && is_whitespace(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string_view trim_whitespace(std::string_view text) noexcept {
    text = trim_trailing_whitespace(text);
    while (!text.empty() && is_whitespace(text.front())) {
        text.remove_prefix(1);
    }
    return text;
}

std::string ascii_lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

}  // namespace mongo_aws::detail
