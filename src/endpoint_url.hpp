// The URL variables of the credential sources (AWS_EC2_METADATA_SERVICE_ENDPOINT,
// AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_ENDPOINT_URL_STS): the library's one URL parser
// (parse_url, include/mongo_aws/url.hpp), with errors that name the variable.
#pragma once

#include <mongo_aws/endpoint_request.hpp>
#include <mongo_aws/result.hpp>

#include <string_view>

namespace mongo_aws::detail {

/// parse_url(text), where `text` is the value of the environment variable `variable`. Every
/// refusal of parse_url is errc::endpoint_url_invalid here, its message naming `variable` and
/// then parse_url's reason.
[[nodiscard]] result<endpoint_location> parse_endpoint_url(std::string_view text,
                                                           std::string_view variable);

/// True when `host` is an IPv6 address (it holds a `:`).
[[nodiscard]] inline bool is_ipv6_host(std::string_view host) noexcept {
    return host.find(':') != std::string_view::npos;
}

}  // namespace mongo_aws::detail
