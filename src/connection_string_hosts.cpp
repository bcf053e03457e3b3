// The host list of a connection string: `host[:port]` entries separated by commas.
#include "connection_string_detail.hpp"
#include "quote_untrusted.hpp"

#include <arpa/inet.h>
#include <array>
#include <charconv>
#include <cstdint>

namespace mongo_aws::uri_detail {

namespace {

constexpr std::size_t max_host_name_length = 255;  // RFC 1035
constexpr std::size_t max_ipv6_text_length = 45;   // INET6_ADDRSTRLEN - 1

bool is_host_name_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

std::string entry_label(std::size_t index) {
    return "host " + std::to_string(index + 1);
}

result<std::uint16_t> parse_port(std::string_view text, std::size_t index) {
    const auto invalid = [&](std::string_view why) {
        return make_error(errc::uri_invalid_port,
                          entry_label(index) + " has port " + detail::quote_untrusted(text) + ", " +
                              std::string(why) + ": a port is a number from 1 to 65535");
    };
    if (text.empty()) {
        return invalid("which is empty");
    }
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return invalid("which is not a number");
        }
    }
    std::uint32_t port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc{} || end != text.data() + text.size() || port == 0 || port > 65535) {
        return invalid("which is out of range");
    }
    return static_cast<std::uint16_t>(port);
}

result<void> check_host_name(std::string_view name, std::size_t index) {
    if (name.empty()) {
        return make_error(errc::uri_invalid_host,
                          entry_label(index) + " has a port but no host name");
    }
    if (name.find('%') != std::string_view::npos) {
        return make_error(errc::uri_invalid_host,
                          entry_label(index) + " " + detail::quote_untrusted(name) +
                              " is percent-encoded: Unix domain sockets are not supported, "
                              "give a host name or an IP address");
    }
    if (name.size() > max_host_name_length) {
        return make_error(errc::uri_invalid_host, entry_label(index) + " is longer than " +
                                                      std::to_string(max_host_name_length) +
                                                      " bytes");
    }
    for (const char c : name) {
        if (!is_host_name_char(c)) {
            return make_error(
                errc::uri_invalid_host,
                entry_label(index) + " " + detail::quote_untrusted(name) + " has the character " +
                    detail::quote_untrusted(std::string_view(&c, 1)) +
                    ", which cannot appear in a host name (options must follow a '/': "
                    "host/?option=value; an IPv6 address goes in brackets: [::1]:27017)");
        }
    }
    // A single trailing dot (a fully qualified name) is fine; other empty labels are not.
    const auto labels = name.back() == '.' ? name.substr(0, name.size() - 1) : name;
    if (labels.empty() || labels.front() == '.' || labels.find("..") != std::string_view::npos) {
        return make_error(
            errc::uri_invalid_host,
            entry_label(index) + " " + detail::quote_untrusted(name) + " has an empty label");
    }
    return {};
}

result<host_address> parse_ipv6_entry(std::string_view entry, std::size_t index) {
    const auto close = entry.find(']');
    if (close == std::string_view::npos) {
        return make_error(errc::uri_invalid_host, entry_label(index) + " " +
                                                      detail::quote_untrusted(entry) +
                                                      " opens an IPv6 literal with '[' but "
                                                      "never closes it with ']'");
    }
    const auto literal = entry.substr(1, close - 1);
    std::array<char, max_ipv6_text_length + 1> text{};
    std::array<unsigned char, 16> binary{};
    const bool fits = !literal.empty() && literal.size() <= max_ipv6_text_length;
    if (fits) {
        literal.copy(text.data(), literal.size());
    }
    if (!fits || inet_pton(AF_INET6, text.data(), binary.data()) != 1) {
        return make_error(errc::uri_invalid_host,
                          entry_label(index) + " " + detail::quote_untrusted(literal) +
                              " is not a valid IPv6 address (zone ids are not supported)");
    }
    host_address address{std::string(literal), default_mongodb_port, true};
    const auto rest = entry.substr(close + 1);
    if (rest.empty()) {
        return address;
    }
    if (rest.front() != ':') {
        return make_error(errc::uri_invalid_host, entry_label(index) + " has " +
                                                      detail::quote_untrusted(rest) +
                                                      " after the IPv6 literal; only ':port' "
                                                      "may follow it");
    }
    auto port = parse_port(rest.substr(1), index);
    if (!port) {
        return std::move(port).error();
    }
    address.port = *port;
    return address;
}

result<host_address> parse_entry(std::string_view entry, std::size_t index) {
    if (entry.empty()) {
        return make_error(errc::uri_invalid_host,
                          entry_label(index) + " is empty (look for a stray ',')");
    }
    if (entry.front() == '[') {
        return parse_ipv6_entry(entry, index);
    }
    const auto colon = entry.find(':');
    if (colon != std::string_view::npos && entry.find(':', colon + 1) != std::string_view::npos) {
        return make_error(errc::uri_invalid_host,
                          entry_label(index) + " " + detail::quote_untrusted(entry) +
                              " has more than one ':' (an IPv6 address goes in brackets: "
                              "[::1]:27017)");
    }
    const auto name = entry.substr(0, colon);
    if (auto checked = check_host_name(name, index); !checked) {
        return std::move(checked).error();
    }
    host_address address{std::string(name), default_mongodb_port, false};
    if (colon != std::string_view::npos) {
        auto port = parse_port(entry.substr(colon + 1), index);
        if (!port) {
            return std::move(port).error();
        }
        address.port = *port;
    }
    return address;
}

}  // namespace

result<std::vector<host_address>> parse_host_list(std::string_view host_info) {
    if (host_info.empty()) {
        return make_error(errc::uri_missing_host,
                          "the connection string names no host: write "
                          "mongodb://host[:port][,host2[:port2]...]");
    }
    std::vector<host_address> hosts;
    std::size_t index = 0;
    std::size_t start = 0;
    while (true) {
        const auto comma = host_info.find(',', start);
        const auto entry = host_info.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        auto address = parse_entry(entry, index);
        if (!address) {
            return std::move(address).error();
        }
        hosts.push_back(std::move(address).value());
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
        ++index;
    }
    return hosts;
}

}  // namespace mongo_aws::uri_detail
