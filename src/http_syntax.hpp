// HTTP/1.1 character classes (RFC 9110 §5.6, RFC 9112) and the small helpers the serializer and
// the parsers share: line splitting, and describing bytes in error messages.
#pragma once

#include "quote_untrusted.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace mongo_aws::http::detail {

/// tchar: the bytes of a token (method, header name, transfer coding).
[[nodiscard]] bool is_tchar(unsigned char byte) noexcept;

/// field-vchar: VCHAR (0x21..0x7E) or obs-text (0x80..0xFF).
[[nodiscard]] constexpr bool is_field_vchar(unsigned char byte) noexcept {
    return (byte >= 0x21 && byte <= 0x7E) || byte >= 0x80;
}

/// OWS: space or horizontal tab.
[[nodiscard]] constexpr bool is_ows(unsigned char byte) noexcept {
    return byte == ' ' || byte == '\t';
}

/// The length of the longest prefix of `text` made of tchar.
[[nodiscard]] std::size_t token_prefix_length(std::string_view text) noexcept;

/// True when `text` is a non-empty token.
[[nodiscard]] bool is_token(std::string_view text) noexcept;

/// ASCII case-insensitive equality (header names, `chunked`).
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

/// `text` without leading and trailing OWS.
[[nodiscard]] std::string_view trim_ows(std::string_view text) noexcept;

/// The offset of the first byte of a field value that is neither field-vchar nor OWS (a control
/// byte), or npos.
[[nodiscard]] std::size_t find_control_byte(std::string_view value) noexcept;

using mongo_aws::detail::quote_untrusted;

/// How many bytes of a start line or a header name an error message quotes by default: enough to
/// recognise it, short enough to keep the message on one line.
inline constexpr std::size_t max_quoted_bytes = 32;

/// One byte for an error message: `0x3B (';')`, or `0x0A` when not printable.
[[nodiscard]] std::string describe_byte(unsigned char byte);

/// What take_line() found.
enum class line_state {
    partial,   ///< the input ran out before LF: the bytes are in the line buffer
    complete,  ///< the line buffer holds a whole line, CRLF removed
    too_long,  ///< the line (up to its LF) would exceed the budget; nothing consumed
    bare_lf,   ///< the line ends with LF not preceded by CR
};

/// Moves bytes from the front of `input` into `line` up to and including the next LF, without
/// letting `line` exceed `budget` bytes (CRLF included). Decisions depend only on the bytes, not
/// on how they were split across calls.
[[nodiscard]] line_state take_line(std::string_view& input, std::string& line, std::size_t budget);

}  // namespace mongo_aws::http::detail
