#include "endpoint_url.hpp"

#include "quote_untrusted.hpp"
#include "text_checks.hpp"

#include <arpa/inet.h>
#include <array>
#include <charconv>
#include <cstddef>
#include <system_error>

namespace mongo_aws::detail {

namespace {

constexpr std::size_t max_url_length = 2048;

error invalid(std::string_view variable, std::string_view text, std::string_view why) {
    return make_error(errc::endpoint_url_invalid, std::string(variable) + "=" +
                                                      quote_untrusted(text, 128) +
                                                      " is not a usable URL: " + std::string(why));
}

bool is_host_byte(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

bool is_url_byte(char c) noexcept {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7f;
}

}  // namespace

result<endpoint_location> parse_endpoint_url(std::string_view text, std::string_view variable) {
    if (text.size() > max_url_length) {
        return invalid(variable, text, "longer than 2048 bytes");
    }
    for (const char c : text) {
        if (!is_url_byte(c)) {
            return invalid(variable, text,
                           "it holds a space, a control character or a non-ASCII byte "
                           "(percent-encode it)");
        }
    }

    endpoint_location url;
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) {
        return invalid(variable, text, "it does not start with http:// or https://");
    }
    const auto scheme = ascii_lowercase(text.substr(0, scheme_end));
    if (scheme == "http") {
        url.scheme = url_scheme::http;
        url.port = 80;
    } else if (scheme == "https") {
        url.scheme = url_scheme::https;
        url.port = 443;
    } else {
        return invalid(variable, text, "the scheme is neither http nor https");
    }

    auto rest = text.substr(scheme_end + 3);
    const auto authority_end = rest.find_first_of("/?#");
    auto authority = rest.substr(0, authority_end);
    rest =
        authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);

    if (authority.find('@') != std::string_view::npos) {
        return invalid(variable, text, "it holds user information (user@host)");
    }

    std::string_view port_text;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            return invalid(variable, text, "the IPv6 address has no closing ]");
        }
        const std::string literal(authority.substr(1, close - 1));
        std::array<unsigned char, 16> bytes{};
        if (literal.find('%') != std::string::npos) {
            return invalid(variable, text, "an IPv6 zone (%...) is not supported");
        }
        if (inet_pton(AF_INET6, literal.c_str(), bytes.data()) != 1) {
            return invalid(variable, text, "the IPv6 address does not parse");
        }
        url.host = literal;
        const auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                return invalid(variable, text, "unexpected bytes after the IPv6 address");
            }
            port_text = after.substr(1);
            if (port_text.empty()) {
                return invalid(variable, text, "the port is empty");
            }
        }
    } else {
        const auto colon = authority.find(':');
        const auto host = authority.substr(0, colon);
        if (colon != std::string_view::npos) {
            port_text = authority.substr(colon + 1);
            if (port_text.empty()) {
                return invalid(variable, text, "the port is empty");
            }
        }
        if (host.empty()) {
            return invalid(variable, text, "the host is empty");
        }
        for (const char c : host) {
            if (!is_host_byte(c)) {
                return invalid(variable, text,
                               "the host has a byte other than letters, digits, '-', '.' and "
                               "'_' (an IPv6 address goes in brackets)");
            }
        }
        url.host = std::string(host);
    }

    if (!port_text.empty()) {
        unsigned port = 0;
        const char* first = port_text.data();
        const char* last = first + port_text.size();
        const auto [end, ec] = std::from_chars(first, last, port);
        if (ec != std::errc{} || end != last || port == 0 || port > 65535) {
            return invalid(variable, text, "the port is not a number from 1 to 65535");
        }
        url.port = static_cast<std::uint16_t>(port);
    }

    if (rest.find('#') != std::string_view::npos) {
        return invalid(variable, text, "it has a fragment (#...)");
    }
    if (rest.empty()) {
        url.target = "/";
    } else if (rest.front() == '?') {
        url.target = "/" + std::string(rest);
    } else {
        url.target = std::string(rest);
    }
    return url;
}

}  // namespace mongo_aws::detail
