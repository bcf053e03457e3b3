// EC2 instance metadata (IMDSv2): the token PUT, the role-name GET, the credentials GET.
#include "endpoint_url.hpp"
#include "quote_untrusted.hpp"
#include "text_checks.hpp"

#include <mongo_aws/metadata_requests.hpp>

#include <string>
#include <utility>

namespace mongo_aws {

namespace {

constexpr std::string_view token_path = "/latest/api/token";
constexpr std::string_view credentials_path = "/latest/meta-data/iam/security-credentials/";

endpoint_request make_request(std::string method, const endpoint_location& endpoint,
                              std::string_view path) {
    endpoint_request request;
    request.method = std::move(method);
    request.scheme = endpoint.scheme;
    request.host = endpoint.host;
    request.port = endpoint.port;
    // endpoint.target is a path prefix without a trailing '/' (see imds_endpoint).
    request.target = (endpoint.target == "/" ? std::string{} : endpoint.target) + std::string(path);
    return request;
}

result<void> check_token(std::string_view token) {
    if (token.empty()) {
        return make_error(errc::imds_token_invalid,
                          "the instance metadata token is empty; IMDS answered the token PUT "
                          "without one");
    }
    if (token.size() > max_imds_token_size) {
        return make_error(errc::imds_token_invalid,
                          "the instance metadata token is " + std::to_string(token.size()) +
                              " bytes, more than " + std::to_string(max_imds_token_size) +
                              "; is AWS_EC2_METADATA_SERVICE_ENDPOINT really IMDS?");
    }
    if (const auto at = detail::find_control_character(token)) {
        return make_error(errc::imds_token_invalid,
                          "the instance metadata token holds a control character at byte " +
                              std::to_string(*at) +
                              "; it cannot go into a header (is the endpoint really IMDS?)");
    }
    return {};
}

result<endpoint_request> with_token(endpoint_request request, const secret_string& token) {
    if (auto checked = check_token(token.reveal()); !checked) {
        return std::move(checked).error();
    }
    request.headers.push_back({"X-aws-ec2-metadata-token", token, true});
    return request;
}

result<void> check_role_name(std::string_view role) {
    const auto refuse = [&](std::string_view why) {
        return make_error(errc::imds_role_name_invalid, "the role name from instance metadata, " +
                                                            detail::quote_untrusted(role) + ", " +
                                                            std::string(why));
    };
    if (role.empty()) {
        return make_error(errc::imds_role_name_invalid,
                          "instance metadata lists no IAM role: attach an instance profile with a "
                          "role to this instance");
    }
    if (role.size() > max_imds_role_name_size) {
        return refuse("is longer than 64 bytes, IAM's limit for a role name");
    }
    if (const auto at = detail::find_control_character(role)) {
        return refuse(role[*at] == '\n' ? "spans more than one line" : "holds a control character");
    }
    if (role.find('/') != std::string_view::npos) {
        return refuse("holds a '/'");
    }
    if (role == "." || role == "..") {
        return refuse("is a dot segment");
    }
    return {};
}

}  // namespace

result<endpoint_location> imds_endpoint(const environment& env) {
    if (!env.ec2_metadata_endpoint) {
        return endpoint_location{url_scheme::http, "169.254.169.254", 80, "/"};
    }
    constexpr std::string_view variable = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
    auto location = detail::parse_endpoint_url(*env.ec2_metadata_endpoint, variable);
    if (!location) {
        return location;
    }
    if (location->target.find('?') != std::string::npos) {
        return make_error(errc::endpoint_url_invalid,
                          std::string(variable) + "=" +
                              detail::quote_untrusted(*env.ec2_metadata_endpoint, 128) +
                              " has a query; give only scheme, host, port and path");
    }
    while (location->target.size() > 1 && location->target.back() == '/') {
        location->target.pop_back();
    }
    return location;
}

endpoint_request imds_token_request(const endpoint_location& endpoint) {
    auto request = make_request("PUT", endpoint, token_path);
    request.headers.push_back({"X-aws-ec2-metadata-token-ttl-seconds",
                               secret_string(std::to_string(imds_token_ttl.count())), false});
    return request;
}

result<secret_string> parse_imds_token(std::string_view reply_body) {
    const auto token = detail::trim_trailing_whitespace(reply_body);
    if (auto checked = check_token(token); !checked) {
        return std::move(checked).error();
    }
    return secret_string(token);
}

result<endpoint_request> imds_role_name_request(const endpoint_location& endpoint,
                                                const secret_string& token) {
    return with_token(make_request("GET", endpoint, credentials_path), token);
}

result<std::string> parse_imds_role_name(std::string_view reply_body) {
    const auto role = detail::trim_whitespace(reply_body);
    if (auto checked = check_role_name(role); !checked) {
        return std::move(checked).error();
    }
    return std::string(role);
}

result<endpoint_request> imds_credentials_request(const endpoint_location& endpoint,
                                                  const secret_string& token,
                                                  std::string_view role_name) {
    if (auto checked = check_role_name(role_name); !checked) {
        return std::move(checked).error();
    }
    auto request = make_request("GET", endpoint, credentials_path);
    detail::append_percent_encoded(request.target, role_name);
    return with_token(std::move(request), token);
}

}  // namespace mongo_aws
