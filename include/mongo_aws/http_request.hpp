// HTTP/1.1 requests: the type, its serializer (what the client sends) and an incremental parser
// (what a loopback test stand-in of IMDS, the ECS endpoint or STS receives).
#pragma once

#include <mongo_aws/http_message.hpp>
#include <mongo_aws/result.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::http {

/// An HTTP request. Headers are kept in order with their case; the body is raw bytes.
struct request {
    std::string method;           ///< e.g. `GET`, `PUT`, `POST` (case-sensitive)
    std::string target;           ///< origin-form, already percent-encoded: `/path?query`
    int minor_version = 1;        ///< HTTP/1.<minor_version>: 0 or 1
    std::vector<header> headers;  ///< in the order sent (or received)
    std::string body;             ///< raw bytes (chunked framing removed when parsed)

    /// The value of the first header named `name` (case-insensitive), or nullopt.
    [[nodiscard]] std::optional<std::string_view> find_header(
        std::string_view name) const noexcept {
        return http::find_header(headers, name);
    }
};

/// The bytes of `req`: request line, headers in the order given, an empty line, the body.
/// Adds `Content-Length` (after the given headers) when the body is not empty, or when the
/// method is POST, PUT or PATCH (`Content-Length: 0`); a `Content-Length` header already given
/// must equal the body's size and is not repeated.
/// Errors (errc::http_invalid_request; the message names the method, target or header at fault,
/// never a header value, which may be a secret): a method that is not a token; a target that is
/// empty or holds a byte outside visible ASCII (space, CR, LF, NUL, any control byte); a minor
/// version other than 0 or 1; a header name that is not a token; a header value with a control
/// byte other than HTAB, or with leading or trailing whitespace; no `Host` header, an empty one
/// or two of them; a `Transfer-Encoding` header (bodies are framed by Content-Length only); a
/// `Content-Length` header given twice or differing from the body's size.
[[nodiscard]] result<std::string> serialize_request(const request& req);

namespace detail {
class request_reader;
}  // namespace detail

/// Parses one request from bytes that arrive in pieces of any size: call feed() with each piece
/// until it returns complete, then read message(). Strict: `METHOD SP target SP HTTP/1.x` with
/// x = 0 or 1, lines ended by CRLF, header lines `name: value` (name a token, whitespace around
/// the value trimmed, no obsolete line folding). The body is framed by Content-Length or by
/// `Transfer-Encoding: chunked` (extensions ignored, trailers checked and dropped); without
/// either, there is none. A request with both, or with another transfer coding, is refused.
/// Errors: errc::http_malformed_request_line, http_malformed_header, http_headers_too_large,
/// http_invalid_content_length, http_unsupported_encoding, http_invalid_chunk,
/// http_body_too_large, and http_incomplete from finish_on_eof(). An error is final: later calls
/// return it again. Messages say what was wrong and where; they never quote a header value or
/// the request target.
class request_parser {
public:
    /// A parser for one request, with the given caps. Parsers move; a moved-from parser may only
    /// be destroyed or assigned to.
    explicit request_parser(parser_limits limits = {});
    ~request_parser();
    request_parser(request_parser&& other) noexcept;
    request_parser& operator=(request_parser&& other) noexcept;
    request_parser(const request_parser&) = delete;
    request_parser& operator=(const request_parser&) = delete;

    /// Consumes `bytes` (any number, even none). Once the request is complete, the bytes after
    /// its end in this call are kept in leftover(), and later calls consume nothing and return
    /// complete again.
    [[nodiscard]] result<parse_status> feed(std::string_view bytes);

    /// Tells the parser the peer closed the connection: complete if the request was complete,
    /// otherwise errc::http_incomplete saying where the request stopped.
    [[nodiscard]] result<parse_status> finish_on_eof();

    /// True once feed() or finish_on_eof() has returned complete.
    [[nodiscard]] bool complete() const noexcept;

    /// The request as parsed so far; whole once complete() is true.
    [[nodiscard]] const request& message() const noexcept;

    /// Moves the request out (call once complete() is true).
    [[nodiscard]] request release() noexcept;

    /// The bytes fed after the end of the request (the start of a next one), empty until then.
    [[nodiscard]] std::string_view leftover() const noexcept;

private:
    std::unique_ptr<detail::request_reader> reader_;  // null only once moved from
};

}  // namespace mongo_aws::http
