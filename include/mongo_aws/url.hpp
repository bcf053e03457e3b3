// URLs of the HTTP endpoints credentials come from (EC2 IMDS, the ECS container endpoint, STS):
// `http://` or `https://`, a host, an optional port, a path and query. Nothing else.
#pragma once

#include <mongo_aws/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace mongo_aws {

/// How to reach an endpoint.
enum class url_scheme {
    http,   ///< plain TCP; default port 80
    https,  ///< TLS, verifying the certificate against the host; default port 443
};

/// What kind of host a URL names.
enum class url_host_kind {
    name,  ///< a DNS name, resolved at connect time (`localhost`, `sts.amazonaws.com`)
    ipv4,  ///< a dotted-quad IPv4 address (`169.254.169.254`)
    ipv6,  ///< an IPv6 address, written in brackets in the URL (`[fd00:ec2::23]`)
};

/// A parsed `http://` or `https://` URL, as `parse_url` produces it.
struct url {
    url_scheme scheme = url_scheme::http;
    /// The host in lower case, without brackets for IPv6 (`fd00:ec2::23`).
    std::string host;
    url_host_kind host_kind = url_host_kind::name;
    /// The port: as written, or 80 for http and 443 for https.
    std::uint16_t port = 80;
    /// The request target: the path (at least `/`) and, when present, `?` and the query,
    /// exactly as written (percent-encoding kept).
    std::string target = "/";

    /// The value of the Host header: the host (bracketed for IPv6), then `:port` when the port
    /// is not the scheme's default.
    [[nodiscard]] std::string host_header() const;

    /// `host:port` with IPv6 bracketed (`[::1]:8080`), the way messages name an endpoint.
    [[nodiscard]] std::string endpoint() const;

    /// The URL written back as text, normalised (lower-case scheme and host, default port
    /// omitted).
    [[nodiscard]] std::string to_string() const;

    /// The scheme's default port: 80 for http, 443 for https.
    static std::uint16_t default_port(url_scheme scheme) noexcept;

    friend bool operator==(const url&, const url&) = default;
};

/// Parses `text` as an absolute `http://` or `https://` URL: scheme (any case), host (a DNS
/// name, a dotted-quad IPv4 address or a bracketed IPv6 address), optional `:port` (1-65535),
/// then an optional path and query. User info (`user:pass@`) and fragments (`#...`) are refused,
/// since neither has a meaning for a credential endpoint and user info may hold a password.
/// Errors: errc::url_invalid_scheme, url_missing_host, url_invalid_host, url_invalid_port,
/// url_userinfo_not_allowed, url_fragment_not_allowed, url_invalid_target. Messages quote at
/// most 64 bytes of the input, and never the user info.
result<url> parse_url(std::string_view text);

}  // namespace mongo_aws
