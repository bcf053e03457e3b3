// STS AssumeRoleWithWebIdentity: the endpoint, the token file's contents, the form body.
#include "endpoint_url.hpp"
#include "quote_untrusted.hpp"
#include "text_checks.hpp"

#include <mongo_aws/metadata_requests.hpp>

#include <openssl/rand.h>

#include <array>
#include <string>
#include <utility>

namespace mongo_aws {

namespace {

constexpr std::size_t max_region_size = 63;  // one DNS label

// A region becomes a DNS label of the STS host name: only [a-z0-9-], no '-' at either end.
result<void> check_region(const environment& env) {
    const std::string_view region = *env.region;
    bool valid = !region.empty() && region.size() <= max_region_size && region.front() != '-' &&
                 region.back() != '-';
    for (const char c : region) {
        valid = valid && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    }
    if (!valid) {
        return make_error(errc::region_invalid,
                          env.region_variable + "=" + detail::quote_untrusted(region) +
                              " is not an AWS region name (lowercase letters, digits and '-', "
                              "e.g. us-east-1); it would become part of the STS host name");
    }
    return {};
}

}  // namespace

result<sts_endpoint> web_identity_sts_endpoint(const environment& env) {
    if (env.sts_endpoint_url) {
        auto location = detail::parse_endpoint_url(*env.sts_endpoint_url, "AWS_ENDPOINT_URL_STS");
        if (!location) {
            return std::move(location).error();
        }
        return sts_endpoint{std::move(*location), "AWS_ENDPOINT_URL_STS"};
    }
    if (env.sts_endpoints == sts_endpoints_mode::regional) {
        if (env.region) {
            if (auto checked = check_region(env); !checked) {
                return std::move(checked).error();
            }
            // China's partition has its own domain.
            const std::string_view domain =
                env.region->rfind("cn-", 0) == 0 ? "amazonaws.com.cn" : "amazonaws.com";
            return sts_endpoint{
                {url_scheme::https, "sts." + *env.region + "." + std::string(domain), 443, "/"},
                "regional (AWS_STS_REGIONAL_ENDPOINTS=regional, " + env.region_variable + "=" +
                    *env.region + ")"};
        }
        return sts_endpoint{{url_scheme::https, "sts.amazonaws.com", 443, "/"},
                            "global: AWS_STS_REGIONAL_ENDPOINTS=regional but neither AWS_REGION "
                            "nor AWS_DEFAULT_REGION is set"};
    }
    return sts_endpoint{{url_scheme::https, "sts.amazonaws.com", 443, "/"}, "global (default)"};
}

result<secret_string> parse_web_identity_token(std::string_view file_contents) {
    const auto token = detail::trim_trailing_whitespace(file_contents);
    if (token.empty()) {
        return make_error(errc::web_identity_token_invalid,
                          "the file named by AWS_WEB_IDENTITY_TOKEN_FILE is empty; check that "
                          "the service account token is mounted");
    }
    if (token.size() > max_web_identity_token_size) {
        return make_error(errc::web_identity_token_invalid,
                          "the file named by AWS_WEB_IDENTITY_TOKEN_FILE holds " +
                              std::to_string(token.size()) + " bytes, more than the " +
                              std::to_string(max_web_identity_token_size) +
                              " STS accepts; is it the token file?");
    }
    if (const auto at = detail::find_control_character(token)) {
        return make_error(errc::web_identity_token_invalid,
                          "the file named by AWS_WEB_IDENTITY_TOKEN_FILE holds a control "
                          "character at byte " +
                              std::to_string(*at) + "; a web identity token is one line of text");
    }
    return secret_string(token);
}

result<std::string> random_role_session_name() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        return make_error(errc::random_bytes_failed,
                          "RAND_bytes failed to produce a random RoleSessionName; set "
                          "AWS_ROLE_SESSION_NAME or check OpenSSL's random source");
    }
    constexpr std::string_view hex = "0123456789abcdef";
    std::string name = "mongo-aws-";
    for (const auto byte : bytes) {
        name += hex[byte >> 4U];
        name += hex[byte & 0x0fU];
    }
    return name;
}

result<endpoint_request> web_identity_request(const environment& env, const secret_string& token) {
    if (!env.role_arn) {
        return make_error(errc::source_not_configured,
                          "AWS_ROLE_ARN is not set: web identity needs the role to assume");
    }
    if (token.empty()) {
        return make_error(errc::web_identity_token_invalid,
                          "the web identity token is empty; check AWS_WEB_IDENTITY_TOKEN_FILE");
    }
    auto endpoint = web_identity_sts_endpoint(env);
    if (!endpoint) {
        return std::move(endpoint).error();
    }
    std::string session_name;
    if (env.role_session_name) {
        session_name = *env.role_session_name;
    } else {
        auto random = random_role_session_name();
        if (!random) {
            return std::move(random).error();
        }
        session_name = std::move(*random);
    }

    // Built in wiping storage, reserved for the worst case (every byte encoded) so that it never
    // reallocates; the copy into the secret_string is the only other one.
    constexpr std::string_view action = "Action=AssumeRoleWithWebIdentity";
    constexpr std::string_view version = "&Version=2011-06-15";
    secret_string::storage body;
    body.reserve(action.size() + version.size() + 64 +
                 3 * (env.role_arn->size() + session_name.size() + token.size()));
    body += action;
    body += "&RoleArn=";
    detail::append_percent_encoded(body, *env.role_arn);
    body += "&RoleSessionName=";
    detail::append_percent_encoded(body, session_name);
    body += "&WebIdentityToken=";
    detail::append_percent_encoded(body, token.reveal());
    body += version;

    endpoint_request request;
    request.method = "POST";
    request.scheme = endpoint->location.scheme;
    request.host = std::move(endpoint->location.host);
    request.port = endpoint->location.port;
    request.target = std::move(endpoint->location.target);
    request.headers.push_back({"Accept", secret_string("application/json"), false});
    request.headers.push_back(
        {"Content-Type", secret_string("application/x-www-form-urlencoded"), false});
    request.body = secret_string(std::string_view(body.data(), body.size()));
    secure_wipe(body.data(), body.capacity());
    return request;
}

}  // namespace mongo_aws
