// A request to a credential endpoint (IMDS, the container endpoint, STS), described as plain
// data for the HTTP client to send. Header values and the body may hold secrets (the IMDS token,
// the container authorization token, the web-identity token), so they are secret_strings.
#pragma once

#include <mongo_aws/secret.hpp>
#include <mongo_aws/url.hpp>  // url_scheme

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws {

/// Where an endpoint is: what a URL such as AWS_EC2_METADATA_SERVICE_ENDPOINT says.
struct endpoint_location {
    url_scheme scheme = url_scheme::http;
    std::string host;  ///< a name, a dotted IPv4 address, or an IPv6 address without brackets
    std::uint16_t port = 80;   ///< the URL's port, or the scheme's default
    std::string target = "/";  ///< path and query, starting with `/`
};

/// One request header. `sensitive` headers are printed as `<redacted>`.
struct endpoint_header {
    std::string name;
    secret_string value;
    bool sensitive = false;
};

/// A complete request, minus the headers the HTTP client owns: it adds `Host` (see
/// host_header()) and `Content-Length` (the body's size) when it serializes.
struct endpoint_request {
    std::string method;  ///< `GET`, `PUT`, `POST`
    url_scheme scheme = url_scheme::http;
    std::string host;         ///< name or address to resolve and connect to; IPv6 without brackets
    std::uint16_t port = 80;  ///< explicit, even when it is the scheme's default
    std::string target;       ///< origin-form request target: path and query, starting with `/`
    std::vector<endpoint_header> headers;
    secret_string body;  ///< empty for GET and the IMDS token PUT

    /// The `Host` header's value: the host (IPv6 in brackets), plus `:port` unless it is the
    /// scheme's default.
    [[nodiscard]] std::string host_header() const;

    /// `scheme://host[:port]target`, for messages (the target is never secret here).
    [[nodiscard]] std::string url() const;

    /// The value of the first header named `name` (ASCII case-insensitive), or nullptr.
    [[nodiscard]] const endpoint_header* find_header(std::string_view name) const noexcept;
};

/// Writes `PUT http://169.254.169.254/latest/api/token` and the headers, sensitive values and
/// the body as `<redacted>`.
std::ostream& operator<<(std::ostream& out, const endpoint_request& request);

}  // namespace mongo_aws
