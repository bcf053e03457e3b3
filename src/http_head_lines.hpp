// The lines of an HTTP/1.1 head, each parsed on its own (RFC 9112 §3, §4, §5): the status line,
// the request line, and a header (or trailer) field line. CRLF is already removed.
#pragma once

#include <mongo_aws/http_message.hpp>
#include <mongo_aws/result.hpp>

#include <cstddef>
#include <string_view>

namespace mongo_aws::http::detail {

/// A parsed status line; `reason` points into the line.
struct status_line {
    int minor_version = 1;
    int status = 0;
    std::string_view reason;
};

/// `HTTP/1.x SP NNN SP reason` (x = 0 or 1, NNN in 100..599, reason of HTAB, SP, VCHAR,
/// obs-text; the SP before an empty reason may be missing). errc::http_malformed_status_line,
/// quoting the first bytes of the line.
[[nodiscard]] result<status_line> parse_status_line(std::string_view line);

/// A parsed request line; the views point into the line.
struct request_line {
    std::string_view method;
    std::string_view target;
    int minor_version = 1;
};

/// `method SP target SP HTTP/1.x` (method a token, target visible ASCII, x = 0 or 1).
/// errc::http_malformed_request_line; the message never quotes the target (it may carry a
/// presigned query).
[[nodiscard]] result<request_line> parse_request_line(std::string_view line);

/// Where a field line sits, for error messages: "HTTP response header 3".
struct field_place {
    std::string_view message;  ///< "HTTP response" or "HTTP request"
    std::string_view section;  ///< "header" or "trailer field"
    std::size_t number = 0;    ///< 1-based
};

/// `name ":" OWS value OWS` with name a token and value of field-vchar, SP, HTAB; the value is
/// returned trimmed. A line starting with whitespace (obsolete line folding) is refused.
/// errc::http_malformed_header; the message names the header but never quotes its value.
[[nodiscard]] result<header> parse_field_line(std::string_view line, const field_place& place);

}  // namespace mongo_aws::http::detail
