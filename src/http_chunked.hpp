// The chunked transfer coding (RFC 9112 §7.1), decoded incrementally.
#pragma once

#include <mongo_aws/http_message.hpp>
#include <mongo_aws/result.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mongo_aws::http::detail {

/// Decodes a chunked body fed in pieces of any size: chunk-size lines (hex, no overflow,
/// extensions checked for stray bytes and ignored), chunk data each followed by CRLF, the last
/// chunk, then a trailer section whose fields are checked and dropped.
class chunked_decoder {
public:
    /// `message` names the message in errors ("HTTP response"); `limits` caps the data and,
    /// with max_header_bytes, the trailer section.
    chunked_decoder(std::string_view message, parser_limits limits) noexcept
        : message_(message), limits_(limits) {}

    /// Consumes bytes from the front of `input`, appending chunk data to `body`. Stops right
    /// after the final CRLF (complete), or when `input` is used up (need_more).
    /// Errors: errc::http_invalid_chunk, http_body_too_large, http_malformed_header (a trailer
    /// field), http_headers_too_large (the trailer section).
    [[nodiscard]] result<parse_status> feed(std::string_view& input, std::string& body);

    /// Where decoding stands, for the message when the peer closes early.
    [[nodiscard]] std::string position(const std::string& body) const;

private:
    enum class stage { size_line, data, data_cr, data_lf, trailer, done };

    result<parse_status> on_size_line(std::string& body);
    result<parse_status> on_trailer_line();
    error chunk_error(errc code, const std::string& problem) const;

    std::string_view message_;
    parser_limits limits_;
    stage stage_ = stage::size_line;
    std::string line_;
    std::uint64_t chunk_size_ = 0;
    std::uint64_t chunk_left_ = 0;
    std::size_t trailer_bytes_ = 0;
    std::size_t trailer_fields_ = 0;
};

}  // namespace mongo_aws::http::detail
