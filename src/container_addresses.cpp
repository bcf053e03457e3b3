// The address rule for a plain-HTTP AWS_CONTAINER_CREDENTIALS_FULL_URI: without TLS, the
// request (and its authorization token) may only go to this host or to a container agent.
#include "quote_untrusted.hpp"
#include "text_checks.hpp"

#include <mongo_aws/metadata_requests.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace mongo_aws {

namespace {

using ipv4 = std::array<std::uint8_t, 4>;
using ipv6 = std::array<std::uint8_t, 16>;

constexpr ipv4 ecs_agent_v4{169, 254, 170, 2};
constexpr ipv4 eks_agent_v4{169, 254, 170, 23};
constexpr ipv6 eks_agent_v6{0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x23};
constexpr ipv6 loopback_v6{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

bool allowed_v4(const ipv4& address) {
    return address[0] == 127 || address == ecs_agent_v4 || address == eks_agent_v4;
}

// ::ffff:a.b.c.d: a connection to it goes to the IPv4 address a.b.c.d.
std::optional<ipv4> mapped_v4(const ipv6& address) {
    const bool mapped = std::all_of(address.begin(), address.begin() + 10,
                                    [](std::uint8_t byte) { return byte == 0; }) &&
                        address[10] == 0xff && address[11] == 0xff;
    if (!mapped) {
        return std::nullopt;
    }
    return ipv4{address[12], address[13], address[14], address[15]};
}

// std::nullopt: not an address; else whether it is allowed.
std::optional<bool> judge(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
        text = text.substr(1, text.size() - 2);
    }
    if (text.empty() || text.size() > 64) {
        return std::nullopt;
    }
    const std::string terminated(text);
    ipv4 v4{};
    if (inet_pton(AF_INET, terminated.c_str(), v4.data()) == 1) {
        return allowed_v4(v4);
    }
    ipv6 v6{};
    if (inet_pton(AF_INET6, terminated.c_str(), v6.data()) == 1) {
        if (const auto inner = mapped_v4(v6)) {
            return allowed_v4(*inner);
        }
        return v6 == loopback_v6 || v6 == eks_agent_v6;
    }
    return std::nullopt;
}

}  // namespace

result<void> check_container_addresses(const std::vector<std::string>& addresses,
                                       std::string_view host) {
    const std::string subject =
        "AWS_CONTAINER_CREDENTIALS_FULL_URI uses plain http" +
        (host.empty() ? std::string{} : " and its host " + detail::quote_untrusted(host));
    if (addresses.empty()) {
        return make_error(errc::container_address_not_allowed, subject + " resolved to no address");
    }
    for (const auto& address : addresses) {
        const auto verdict = judge(address);
        if (!verdict) {
            return make_error(errc::container_address_not_allowed,
                              subject + " gave " + detail::quote_untrusted(address) +
                                  ", which is not an IP address");
        }
        if (!*verdict) {
            return make_error(
                errc::container_address_not_allowed,
                subject + " reaches " + detail::quote_untrusted(address) +
                    ", which is neither loopback (127.0.0.0/8, ::1) nor a container agent "
                    "(169.254.170.2, 169.254.170.23, fd00:ec2::23); use an https URI or one of "
                    "those addresses");
        }
    }
    return {};
}

}  // namespace mongo_aws
