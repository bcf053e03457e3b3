// Small text helpers shared by the credential-source modules: finding control characters,
// trimming, percent-encoding. (Quoting untrusted text: quote_untrusted.hpp.)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mongo_aws::detail {

/// The offset of the first byte below 0x20 or equal to 0x7f (CR, LF, NUL, TAB, DEL...), if any.
[[nodiscard]] std::optional<std::size_t> find_control_character(std::string_view text) noexcept;

/// `text` without trailing spaces, tabs, CR and LF.
[[nodiscard]] std::string_view trim_trailing_whitespace(std::string_view text) noexcept;

/// `text` without leading or trailing spaces, tabs, CR and LF.
[[nodiscard]] std::string_view trim_whitespace(std::string_view text) noexcept;

/// Appends `text` percent-encoded as RFC 3986 wants for a form value or path segment: the
/// unreserved bytes (A-Z a-z 0-9 - . _ ~) kept, every other byte `%XX` (uppercase hex).
/// `Out` is any string type (a secret_string's wiping storage for secrets).
template <class Out>
void append_percent_encoded(Out& out, std::string_view text) {
    constexpr std::string_view hex = "0123456789ABCDEF";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                                (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                                byte == '_' || byte == '~';
        if (unreserved) {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(hex[byte >> 4U]);
            out.push_back(hex[byte & 0x0fU]);
        }
    }
}

/// ASCII lowercase of `text`.
[[nodiscard]] std::string ascii_lowercase(std::string_view text);

}  // namespace mongo_aws::detail
