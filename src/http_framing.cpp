#include "http_framing.hpp"

#include "http_syntax.hpp"

#include <limits>
#include <optional>

namespace mongo_aws::http::detail {
namespace {

constexpr std::size_t max_quoted_value = 24;

error framing_error(errc code, const framing_context& context, const std::string& problem) {
    return make_error(code, std::string(context.message) + " " + problem);
}

// 1*DIGIT without overflow; nullopt for anything else (the caller tells the two apart).
struct decimal {
    bool digits_only = false;
    std::optional<std::uint64_t> value;  // nullopt on overflow
};

decimal parse_decimal(std::string_view text) noexcept {
    decimal parsed;
    if (text.empty()) {
        return parsed;
    }
    std::uint64_t value = 0;
    bool overflow = false;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return parsed;
        }
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
            overflow = true;
        } else {
            value = value * 10 + digit;
        }
    }
    parsed.digits_only = true;
    if (!overflow) {
        parsed.value = value;
    }
    return parsed;
}

// Checks the Transfer-Encoding headers; true when there is one (then it is exactly `chunked`).
result<bool> check_transfer_encoding(const std::vector<header>& headers,
                                     const framing_context& context) {
    bool present = false;
    int chunked = 0;
    for (const auto& field : headers) {
        if (!iequals(field.name, "Transfer-Encoding")) {
            continue;
        }
        if (context.minor_version == 0) {
            return framing_error(errc::http_unsupported_encoding, context,
                                 "is HTTP/1.0 but has Transfer-Encoding (RFC 9112 section 6.1)");
        }
        present = true;
        std::string_view list = field.value;
        while (!list.empty()) {
            const auto comma = list.find(',');
            const auto coding = trim_ows(list.substr(0, comma));
            list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
            if (coding.empty()) {
                continue;
            }
            if (!iequals(coding, "chunked")) {
                return framing_error(errc::http_unsupported_encoding, context,
                                     "uses Transfer-Encoding " +
                                         quote_untrusted(coding, max_quoted_value) +
                                         "; only chunked is supported");
            }
            ++chunked;
        }
    }
    if (present && chunked == 0) {
        return framing_error(errc::http_unsupported_encoding, context,
                             "has an empty Transfer-Encoding");
    }
    if (chunked > 1) {
        return framing_error(errc::http_unsupported_encoding, context,
                             "applies Transfer-Encoding chunked more than once");
    }
    return present;
}

// The agreed Content-Length, or nullopt when there is none.
result<std::optional<std::uint64_t>> check_content_length(const std::vector<header>& headers,
                                                          const framing_context& context) {
    std::optional<std::uint64_t> agreed;
    for (const auto& field : headers) {
        if (!iequals(field.name, "Content-Length")) {
            continue;
        }
        const auto parsed = parse_decimal(field.value);
        if (!parsed.digits_only) {
            return framing_error(errc::http_invalid_content_length, context,
                                 "Content-Length " +
                                     quote_untrusted(field.value, max_quoted_value) +
                                     " is not a decimal number");
        }
        if (!parsed.value) {
            return framing_error(errc::http_invalid_content_length, context,
                                 "Content-Length " +
                                     quote_untrusted(field.value, max_quoted_value) +
                                     " does not fit in 64 bits");
        }
        if (agreed && *agreed != *parsed.value) {
            return framing_error(errc::http_invalid_content_length, context,
                                 "has Content-Length headers that disagree (" +
                                     std::to_string(*agreed) + " and " +
                                     std::to_string(*parsed.value) + ")");
        }
        agreed = parsed.value;
    }
    return agreed;
}

}  // namespace

result<body_framing> decide_framing(const std::vector<header>& headers,
                                    const framing_context& context) {
    auto chunked = check_transfer_encoding(headers, context);
    if (!chunked) {
        return std::move(chunked).error();
    }
    auto length = check_content_length(headers, context);
    if (!length) {
        return std::move(length).error();
    }
    if (*chunked) {
        if (*length) {
            return framing_error(errc::http_invalid_content_length, context,
                                 "has both Transfer-Encoding and Content-Length: ambiguous "
                                 "framing is refused (RFC 9112 section 6.3)");
        }
        return body_framing{body_framing::kind::chunked, 0};
    }
    if (*length) {
        if (**length > context.max_body_bytes) {
            return framing_error(errc::http_body_too_large, context,
                                 "announces Content-Length " + std::to_string(**length) +
                                     ", over the body cap of " +
                                     std::to_string(context.max_body_bytes) + " bytes");
        }
        return body_framing{body_framing::kind::length, **length};
    }
    return body_framing{
        context.until_close_allowed ? body_framing::kind::until_close : body_framing::kind::none,
        0};
}

}  // namespace mongo_aws::http::detail
