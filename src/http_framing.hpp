// How a message's body is delimited, decided from its headers (RFC 9112 §6.3).
#pragma once

#include <mongo_aws/http_message.hpp>
#include <mongo_aws/result.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace mongo_aws::http::detail {

/// The body framing of one message.
struct body_framing {
    enum class kind {
        none,         ///< no body
        length,       ///< exactly `length` bytes (Content-Length)
        chunked,      ///< Transfer-Encoding: chunked
        until_close,  ///< the bytes until the peer closes (responses only)
    };
    kind how = kind::none;
    std::uint64_t length = 0;
};

/// What decide_framing() needs to know besides the headers.
struct framing_context {
    std::string_view message;          ///< "HTTP response" or "HTTP request", for error messages
    int minor_version = 1;             ///< Transfer-Encoding is refused in HTTP/1.0
    bool until_close_allowed = false;  ///< without Content-Length or chunked: until_close or none
    std::size_t max_body_bytes = 0;
};

/// The framing the headers announce. Transfer-Encoding must be exactly `chunked`
/// (errc::http_unsupported_encoding otherwise, or in HTTP/1.0); every Content-Length must be
/// digits only, fit in 64 bits and agree with the others (errc::http_invalid_content_length, also
/// when Transfer-Encoding is present as well); a Content-Length over the cap is
/// errc::http_body_too_large.
[[nodiscard]] result<body_framing> decide_framing(const std::vector<header>& headers,
                                                  const framing_context& context);

}  // namespace mongo_aws::http::detail
