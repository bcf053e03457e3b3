// HTTP/1.1 responses: the type and an incremental parser (what the client receives from IMDS,
// the ECS container endpoint and STS).
#pragma once

#include <mongo_aws/http_message.hpp>
#include <mongo_aws/result.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::http {

/// An HTTP response. Headers are kept in order with their case; the body is raw bytes with any
/// chunked framing removed.
struct response {
    int status = 0;               ///< the 3-digit status code, 100..599
    std::string reason;           ///< the reason phrase (may be empty; carries no meaning)
    int minor_version = 1;        ///< HTTP/1.<minor_version>: 0 or 1
    std::vector<header> headers;  ///< in the order received, trailers excluded
    std::string body;             ///< with chunked framing removed

    /// The value of the first header named `name` (case-insensitive), or nullopt.
    [[nodiscard]] std::optional<std::string_view> find_header(
        std::string_view name) const noexcept {
        return http::find_header(headers, name);
    }
};

namespace detail {
class response_reader;
}  // namespace detail

/// Parses one response from bytes that arrive in pieces of any size: call feed() with each piece
/// until it returns complete (or finish_on_eof() when the peer closes), then read message().
/// Strict: status line `HTTP/1.x SP NNN SP reason` with x = 0 or 1 and NNN in 100..599 (the
/// space before an empty reason may be missing), lines ended by CRLF, header lines `name: value`
/// (name a token, whitespace around the value trimmed, no obsolete line folding).
/// Body framing (RFC 9112 §6.3): none for 204 and 304; `Transfer-Encoding: chunked` (chunk
/// extensions ignored, trailers checked and dropped); Content-Length; otherwise the body runs
/// until the peer closes. Both Transfer-Encoding and Content-Length, another transfer coding, or
/// Transfer-Encoding in an HTTP/1.0 response are refused.
/// Interim responses: 100, 102, 103 (any 1xx but 101) are skipped, as RFC 9110 §15.2 asks of
/// clients; their heads count towards max_header_bytes. 101 Switching Protocols is refused
/// (errc::http_malformed_status_line): this client never asks to upgrade. Not for responses to
/// HEAD, whose Content-Length announces a body that never comes (this client sends no HEAD).
/// Errors: errc::http_malformed_status_line, http_malformed_header, http_headers_too_large,
/// http_invalid_content_length, http_unsupported_encoding, http_invalid_chunk,
/// http_body_too_large, and http_incomplete from finish_on_eof(). An error is final: later calls
/// return it again. Messages say what was wrong and where, quote at most a few bytes (escaped),
/// never a header value, and of the body only the byte (or hex digits) where chunking broke.
class response_parser {
public:
    /// A parser for one response, with the given caps. Parsers move; a moved-from parser may only
    /// be destroyed or assigned to.
    explicit response_parser(parser_limits limits = {});
    ~response_parser();
    response_parser(response_parser&& other) noexcept;
    response_parser& operator=(response_parser&& other) noexcept;
    response_parser(const response_parser&) = delete;
    response_parser& operator=(const response_parser&) = delete;

    /// Consumes `bytes` (any number, even none). Once the response is complete, the bytes after
    /// its end in this call are kept in leftover(), and later calls consume nothing and return
    /// complete again.
    [[nodiscard]] result<parse_status> feed(std::string_view bytes);

    /// Tells the parser the peer closed the connection. Completes a body delimited by the close
    /// (no Content-Length, not chunked); otherwise complete if the response was complete, else
    /// errc::http_incomplete saying where it stopped.
    [[nodiscard]] result<parse_status> finish_on_eof();

    /// True once feed() or finish_on_eof() has returned complete.
    [[nodiscard]] bool complete() const noexcept;

    /// The response as parsed so far (after an error, e.g. the status of a response whose body
    /// was too large); whole once complete() is true.
    [[nodiscard]] const response& message() const noexcept;

    /// Moves the response out (call once complete() is true).
    [[nodiscard]] response release() noexcept;

    /// The bytes fed after the end of the response, empty until then. On a connection that
    /// carried one request, any such byte means the server sent more than it should have.
    [[nodiscard]] std::string_view leftover() const noexcept;

private:
    std::unique_ptr<detail::response_reader> reader_;  // null only once moved from
};

}  // namespace mongo_aws::http
