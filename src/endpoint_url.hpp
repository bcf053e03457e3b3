// The one place the credential-source modules parse a URL (AWS_EC2_METADATA_SERVICE_ENDPOINT,
// AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_ENDPOINT_URL_STS). Kept minimal and isolated so that
// it can be swapped for the library's general parse_url (include/mongo_aws/url.hpp) later.
#pragma once

#include <mongo_aws/endpoint_request.hpp>
#include <mongo_aws/result.hpp>

#include <string_view>

namespace mongo_aws::detail {

/// Parses `text`, an absolute http or https URL: the value of the environment variable
/// `variable`, which every message names.
/// Refused (errc::endpoint_url_invalid): a scheme other than http/https, user information
/// (`user@`), an empty or malformed host, an IPv6 literal that does not parse or has a zone,
/// a port outside 1..65535, a fragment, and any byte that is a control character, a space or
/// non-ASCII (percent-encode such bytes).
[[nodiscard]] result<endpoint_location> parse_endpoint_url(std::string_view text,
                                                           std::string_view variable);

/// True when `host` is an IPv6 address (it holds a `:`).
[[nodiscard]] inline bool is_ipv6_host(std::string_view host) noexcept {
    return host.find(':') != std::string_view::npos;
}

}  // namespace mongo_aws::detail
