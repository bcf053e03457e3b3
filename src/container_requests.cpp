// The container credentials endpoint: ECS task roles (relative URI) and full URIs (EKS Pod
// Identity, Greengrass, local agents), with their authorization token.
#include "endpoint_url.hpp"
#include "quote_untrusted.hpp"
#include "text_checks.hpp"

#include <mongo_aws/metadata_requests.hpp>

#include <arpa/inet.h>
#include <array>
#include <string>
#include <utility>

namespace mongo_aws {

namespace {

result<void> check_authorization_token(std::string_view token, std::string_view origin) {
    if (token.empty()) {
        return make_error(
            errc::container_authorization_token_invalid,
            "the container authorization token from " + std::string(origin) + " is empty");
    }
    if (token.size() > max_container_token_size) {
        return make_error(errc::container_authorization_token_invalid,
                          "the container authorization token from " + std::string(origin) +
                              " is longer than " + std::to_string(max_container_token_size) +
                              " bytes; is it the right file?");
    }
    if (const auto at = detail::find_control_character(token)) {
        return make_error(errc::container_authorization_token_invalid,
                          "the container authorization token from " + std::string(origin) +
                              " holds a control character (CR, LF or another) at byte " +
                              std::to_string(*at) + "; it is not sent");
    }
    return {};
}

result<std::string> relative_target(std::string_view relative_uri) {
    for (const char c : relative_uri) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7f || c == '#') {
            return make_error(errc::container_relative_uri_invalid,
                              "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=" +
                                  detail::quote_untrusted(relative_uri, 128) +
                                  " holds a space, a control character, a non-ASCII byte or a "
                                  "'#'; it must be a path such as /v2/credentials/<id>");
        }
    }
    // The ECS agent sets it with its leading '/'; add one only when it is missing.
    if (!relative_uri.empty() && relative_uri.front() == '/') {
        return std::string(relative_uri);
    }
    return "/" + std::string(relative_uri);
}

bool is_ip_literal(const std::string& host) {
    std::array<unsigned char, 16> bytes{};
    return inet_pton(AF_INET, host.c_str(), bytes.data()) == 1 ||
           inet_pton(AF_INET6, host.c_str(), bytes.data()) == 1;
}

}  // namespace

result<secret_string> parse_container_authorization_token(std::string_view file_contents) {
    const auto token = detail::trim_trailing_whitespace(file_contents);
    if (auto checked = check_authorization_token(token, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        !checked) {
        return std::move(checked).error();
    }
    return secret_string(token);
}

result<container_request> container_credentials_request(const environment& env,
                                                        const secret_string* token_from_file) {
    container_request out;
    auto& request = out.request;
    request.method = "GET";
    if (env.container_relative_uri) {
        auto target = relative_target(*env.container_relative_uri);
        if (!target) {
            return std::move(target).error();
        }
        request.scheme = url_scheme::http;
        request.host = std::string(ecs_agent_address);
        request.port = 80;
        request.target = std::move(*target);
    } else if (env.container_full_uri) {
        auto location = detail::parse_endpoint_url(*env.container_full_uri,
                                                   "AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (!location) {
            return std::move(location).error();
        }
        request.scheme = location->scheme;
        request.host = std::move(location->host);
        request.port = location->port;
        request.target = std::move(location->target);
        if (request.scheme == url_scheme::http) {
            if (is_ip_literal(request.host)) {
                // No resolution to wait for: judge the address now.
                if (auto allowed = check_container_addresses({request.host}); !allowed) {
                    return std::move(allowed).error();
                }
            } else {
                out.check_resolved_addresses = true;
            }
        }
    } else {
        return make_error(errc::source_not_configured,
                          "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor "
                          "AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
    }

    // The token file wins over the token variable (as in the AWS SDKs).
    if (env.container_authorization_token_file) {
        if (token_from_file == nullptr) {
            return make_error(errc::source_not_configured,
                              "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is set but its contents "
                              "were not given: read the file before each fetch and pass "
                              "parse_container_authorization_token()'s result");
        }
        if (auto checked = check_authorization_token(token_from_file->reveal(),
                                                     "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
            !checked) {
            return std::move(checked).error();
        }
        request.headers.push_back({"Authorization", *token_from_file, true});
    } else if (env.container_authorization_token) {
        if (auto checked = check_authorization_token(env.container_authorization_token->reveal(),
                                                     "AWS_CONTAINER_AUTHORIZATION_TOKEN");
            !checked) {
            return std::move(checked).error();
        }
        request.headers.push_back({"Authorization", *env.container_authorization_token, true});
    }
    return out;
}

}  // namespace mongo_aws
