#include <mongo_aws/url.hpp>

#include <array>
#include <cstddef>

namespace mongo_aws {
namespace {

constexpr std::size_t quote_limit = 64;
constexpr std::size_t max_host_name_length = 253;  // RFC 1035, without the trailing dot
constexpr std::size_t max_label_length = 63;

// Untrusted text for a message: at most `quote_limit` bytes, non-printables as \xNN.
std::string quoted(std::string_view text) {
    static constexpr std::array<char, 16> hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::string out = "'";
    for (std::size_t i = 0; i < text.size() && i < quote_limit; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte >= 0x7f || byte == '\\' || byte == '\'') {
            out += "\\x";
            out += hex[byte >> 4U];
            out += hex[byte & 0xfU];
        } else {
            out += static_cast<char>(byte);
        }
    }
    if (text.size() > quote_limit) {
        out += "...";
    }
    out += "'";
    return out;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
char to_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = to_lower(c);
    }
    return out;
}

// RFC 3986 pchar, '/' and '?' (the characters a path and query may hold unescaped), but '%'.
bool is_target_char(char c) {
    if (is_alpha(c) || is_digit(c)) {
        return true;
    }
    static constexpr std::string_view others = "-._~!$&'()*+,;=:@/?";
    return others.find(c) != std::string_view::npos;
}

// A dotted quad of decimal numbers 0-255 without leading zeros (which some resolvers read
// as octal: refusing them avoids connecting to another address than the user meant).
bool is_ipv4(std::string_view text) {
    int parts = 0;
    std::size_t i = 0;
    while (true) {
        std::size_t digits = 0;
        unsigned value = 0;
        while (i < text.size() && is_digit(text[i]) && digits < 4) {
            value = value * 10U + static_cast<unsigned>(text[i] - '0');
            ++digits;
            ++i;
        }
        if (digits == 0 || digits > 3 || value > 255U || (digits > 1 && text[i - digits] == '0')) {
            return false;
        }
        ++parts;
        if (i == text.size()) {
            return parts == 4;
        }
        if (text[i] != '.' || parts == 4) {
            return false;
        }
        ++i;
    }
}

// Groups of 1-4 hex digits separated by ':'; `groups` receives their count (an embedded IPv4
// address at the end counts as two). Empty text is zero groups.
bool count_ipv6_groups(std::string_view text, bool may_end_in_ipv4, int& groups) {
    groups = 0;
    if (text.empty()) {
        return true;
    }
    std::size_t start = 0;
    while (true) {
        const auto colon = text.find(':', start);
        const auto group = text.substr(
            start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
        if (colon == std::string_view::npos && may_end_in_ipv4 &&
            group.find('.') != std::string_view::npos) {
            groups += 2;
            return is_ipv4(group);
        }
        if (group.empty() || group.size() > 4) {
            return false;
        }
        for (char c : group) {
            if (!is_hex(c)) {
                return false;
            }
        }
        ++groups;
        if (colon == std::string_view::npos) {
            return true;
        }
        start = colon + 1;
    }
}

// RFC 4291 section 2.2 text forms: eight groups, or fewer with one "::", optionally ending in
// a dotted quad.
bool is_ipv6(std::string_view text) {
    const auto gap = text.find("::");
    int groups = 0;
    if (gap == std::string_view::npos) {
        return count_ipv6_groups(text, true, groups) && groups == 8;
    }
    const auto before = text.substr(0, gap);
    const auto after = text.substr(gap + 2);
    if (after.find("::") != std::string_view::npos) {
        return false;
    }
    int groups_after = 0;
    return count_ipv6_groups(before, false, groups) &&
           count_ipv6_groups(after, true, groups_after) && groups + groups_after <= 7;
}

result<url_host_kind> check_host_name(std::string_view host) {
    if (host.size() > max_host_name_length) {
        return make_error(errc::url_invalid_host, "URL host is " + std::to_string(host.size()) +
                                                      " bytes long; a host name has at most 253");
    }
    for (char c : host) {
        if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '.' && c != '_') {
            return make_error(errc::url_invalid_host, "URL host " + quoted(host) +
                                                          " has the character " +
                                                          quoted(std::string_view(&c, 1)) +
                                                          ", which cannot appear in a host name");
        }
    }
    std::size_t start = 0;
    std::string_view last_label;
    while (start <= host.size()) {
        auto dot = host.find('.', start);
        if (dot == std::string_view::npos) {
            dot = host.size();
        }
        const auto label = host.substr(start, dot - start);
        if (label.empty()) {
            return make_error(errc::url_invalid_host,
                              "URL host " + quoted(host) +
                                  " has an empty label (a leading, trailing or doubled '.')");
        }
        if (label.size() > max_label_length) {
            return make_error(errc::url_invalid_host,
                              "URL host " + quoted(host) + " has a label longer than 63 bytes");
        }
        last_label = label;
        start = dot + 1;
    }
    bool numeric = true;
    for (char c : last_label) {
        numeric = numeric && is_digit(c);
    }
    if (!numeric) {
        return url_host_kind::name;
    }
    // A name whose last label is a number is meant as an IPv4 address (a top-level domain is
    // never numeric): it must then be a whole, valid one.
    if (!is_ipv4(host)) {
        return make_error(errc::url_invalid_host,
                          "URL host " + quoted(host) +
                              " is not a valid IPv4 address (four numbers 0-255 separated by "
                              "'.', without leading zeros)");
    }
    return url_host_kind::ipv4;
}

result<std::uint16_t> parse_port(std::string_view text) {
    if (text.empty()) {
        return make_error(errc::url_invalid_port,
                          "URL has ':' after the host but no port number; remove the ':' or "
                          "give a port 1-65535");
    }
    unsigned value = 0;
    for (char c : text) {
        if (!is_digit(c)) {
            return make_error(errc::url_invalid_port,
                              "URL port " + quoted(text) + " is not a number 1-65535");
        }
        value = value * 10U + static_cast<unsigned>(c - '0');
        if (value > 65535U) {
            return make_error(errc::url_invalid_port,
                              "URL port " + quoted(text) + " is larger than 65535");
        }
    }
    if (value == 0) {
        return make_error(errc::url_invalid_port, "URL port 0 is not a port one can connect to");
    }
    return static_cast<std::uint16_t>(value);
}

result<std::string> parse_target(std::string_view text) {
    if (text.find('#') != std::string_view::npos) {
        return make_error(errc::url_fragment_not_allowed,
                          "URL has a fragment ('#...'), which is never sent to a server; "
                          "remove it");
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2])) {
                return make_error(errc::url_invalid_target, "URL path or query has '%' at offset " +
                                                                std::to_string(i) +
                                                                " not followed by two hex digits");
            }
            i += 2;
        } else if (!is_target_char(c)) {
            return make_error(errc::url_invalid_target, "URL path or query has the byte " +
                                                            quoted(std::string_view(&text[i], 1)) +
                                                            " at offset " + std::to_string(i) +
                                                            "; percent-encode it");
        }
    }
    if (text.empty()) {
        return std::string("/");
    }
    if (text.front() == '?') {
        return "/" + std::string(text);
    }
    return std::string(text);
}

}  // namespace

std::uint16_t url::default_port(url_scheme scheme) noexcept {
    return scheme == url_scheme::https ? 443 : 80;
}

std::string url::host_header() const {
    std::string out = host_kind == url_host_kind::ipv6 ? "[" + host + "]" : host;
    if (port != default_port(scheme)) {
        out += ":" + std::to_string(port);
    }
    return out;
}

std::string url::endpoint() const {
    return (host_kind == url_host_kind::ipv6 ? "[" + host + "]" : host) + ":" +
           std::to_string(port);
}

std::string url::to_string() const {
    return (scheme == url_scheme::https ? "https://" : "http://") + host_header() + target;
}

result<url> parse_url(std::string_view text) {
    const auto separator = text.find("://");
    if (separator == std::string_view::npos) {
        return make_error(errc::url_invalid_scheme,
                          "URL " + quoted(text) + " does not start with http:// or https://");
    }
    url out;
    const auto scheme = lowered(text.substr(0, separator));
    if (scheme == "http") {
        out.scheme = url_scheme::http;
    } else if (scheme == "https") {
        out.scheme = url_scheme::https;
    } else {
        return make_error(errc::url_invalid_scheme,
                          "URL scheme " + quoted(scheme) + " is not supported; use http or https");
    }

    const auto rest = text.substr(separator + 3);
    const auto authority_end = rest.find_first_of("/?#");
    const auto authority = rest.substr(0, authority_end);
    const auto target =
        authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
    if (authority.find('@') != std::string_view::npos) {
        // Not quoted: it may hold a password.
        return make_error(errc::url_userinfo_not_allowed,
                          "URL has user info ('...@') before the host; credential endpoints "
                          "take no user name or password in the URL: remove it");
    }

    std::string_view host;
    std::string_view port;
    bool has_port = false;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            return make_error(errc::url_invalid_host,
                              "URL host " + quoted(authority) + " opens '[' without a ']'");
        }
        host = authority.substr(1, close - 1);
        const auto after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':') {
            return make_error(errc::url_invalid_host, "URL has " + quoted(after) +
                                                          " after the IPv6 address " +
                                                          quoted(authority.substr(0, close + 1)) +
                                                          "; expected ':port' or the path");
        }
        has_port = !after.empty();
        port = has_port ? after.substr(1) : std::string_view{};
        if (host.find('%') != std::string_view::npos) {
            return make_error(errc::url_invalid_host,
                              "URL IPv6 address " + quoted(host) +
                                  " has a zone ('%'), which this library does not support");
        }
        if (!is_ipv6(host)) {
            return make_error(errc::url_invalid_host,
                              "URL host " + quoted(host) + " is not a valid IPv6 address");
        }
        out.host_kind = url_host_kind::ipv6;
    } else {
        const auto colon = authority.find(':');
        if (colon != std::string_view::npos &&
            authority.find(':', colon + 1) != std::string_view::npos) {
            return make_error(errc::url_invalid_host,
                              "URL host " + quoted(authority) +
                                  " has several ':'; write an IPv6 address in brackets, as in "
                                  "http://[fd00:ec2::23]/");
        }
        host = authority.substr(0, colon);
        has_port = colon != std::string_view::npos;
        port = has_port ? authority.substr(colon + 1) : std::string_view{};
    }
    if (host.empty()) {
        return make_error(errc::url_missing_host,
                          "URL " + quoted(text) + " has no host after the scheme");
    }
    if (out.host_kind != url_host_kind::ipv6) {
        auto kind = check_host_name(host);
        if (!kind) {
            return std::move(kind).error();
        }
        out.host_kind = *kind;
    }
    out.host = lowered(host);

    out.port = url::default_port(out.scheme);
    if (has_port) {
        auto number = parse_port(port);
        if (!number) {
            return std::move(number).error();
        }
        out.port = *number;
    }

    auto parsed_target = parse_target(target);
    if (!parsed_target) {
        return std::move(parsed_target).error();
    }
    out.target = std::move(*parsed_target);
    return out;
}

}  // namespace mongo_aws
