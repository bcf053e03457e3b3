// What HTTP/1.1 requests and responses share: header fields, parser limits, parser outcomes.
// The HTTP code of the core is sans-I/O: messages become bytes and bytes become messages; the
// Asio client (and the loopback test stand-ins) move the bytes and own the timeouts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::http {

/// One header field: its name and value as sent or received. A parsed value has no leading or
/// trailing whitespace. Values may be secrets (Authorization, IMDS tokens): this library never
/// puts one in an error message.
struct header {
    std::string name;   ///< a token, case kept; compare with find_header() or case-insensitively
    std::string value;  ///< may be a secret
};

/// The value of the first header named `name`, compared case-insensitively (ASCII) as HTTP field
/// names are; nullopt when there is none. The view points into `headers`.
[[nodiscard]] std::optional<std::string_view> find_header(const std::vector<header>& headers,
                                                          std::string_view name) noexcept;

/// What a parser's feed() or finish_on_eof() reports when it has not failed.
enum class parse_status {
    need_more,  ///< the message is not complete: feed more bytes, or finish_on_eof() at EOF
    complete,   ///< the message is complete: read it with message()
};

/// Caps on what a parser accepts, checked as soon as they are exceeded (never after buffering).
struct parser_limits {
    /// The head: start line and header lines with their CRLFs, including the empty line that
    /// ends them, summed over any skipped 1xx interim responses. The trailer section of a chunked
    /// body has a cap of the same size of its own. Exceeding it: errc::http_headers_too_large.
    std::size_t max_header_bytes = std::size_t{16} * 1024;
    /// The body, once chunked framing is removed. Exceeding it (or announcing a larger
    /// Content-Length): errc::http_body_too_large.
    std::size_t max_body_bytes = std::size_t{64} * 1024;
};

}  // namespace mongo_aws::http
