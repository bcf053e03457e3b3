#include "quote_untrusted.hpp"
#include "text_checks.hpp"

#include <mongo_aws/environment.hpp>

#include <charconv>
#include <cstdlib>
#include <string>
#include <system_error>
#include <utility>

namespace mongo_aws {

std::optional<std::string> process_environment_lookup(std::string_view name) {
    const std::string terminated(name);
    const char* value = std::getenv(terminated.c_str());  // NOLINT(concurrency-mt-unsafe)
    if (value == nullptr) {
        return std::nullopt;
    }
    return std::string(value);
}

namespace {

// An empty value counts as unset (see environment's documentation).
std::optional<std::string> read(const environment_lookup& lookup, std::string_view name) {
    auto value = lookup(name);
    if (value && value->empty()) {
        return std::nullopt;
    }
    return value;
}

std::optional<secret_string> read_secret(const environment_lookup& lookup, std::string_view name) {
    auto value = lookup(name);
    if (!value) {
        return std::nullopt;
    }
    std::optional<secret_string> secret;
    if (const std::string_view text = *value; !text.empty()) {
        secret.emplace(text);
    }
    // The lookup hands the secret over in a plain string: wipe that copy.
    std::string& plain = *value;
    const auto capacity = plain.capacity();
    secure_wipe(plain.data(), capacity);
    return secret;
}

// A whole decimal number in [min, max]; anything else (sign, fraction, spaces, overflow) is an
// error naming the variable.
result<long long> read_whole_number(const environment_lookup& lookup, std::string_view name,
                                    long long fallback, long long min, long long max,
                                    std::string_view unit) {
    const auto text = read(lookup, name);
    if (!text) {
        return fallback;
    }
    long long value = 0;
    const char* first = text->data();
    const char* last = first + text->size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || end != last || value < min || value > max) {
        return make_error(errc::env_invalid_number,
                          std::string(name) + "=" + detail::quote_untrusted(*text) +
                              " is not a whole number of " + std::string(unit) + " from " +
                              std::to_string(min) + " to " + std::to_string(max) +
                              "; fix or unset it (default " + std::to_string(fallback) + ")");
    }
    return value;
}

result<bool> read_ec2_metadata_disabled(const environment_lookup& lookup) {
    constexpr std::string_view name = "AWS_EC2_METADATA_DISABLED";
    const auto text = read(lookup, name);
    if (!text) {
        return false;
    }
    const auto lowered = detail::ascii_lowercase(*text);
    if (lowered == "true") {
        return true;
    }
    if (lowered == "false") {
        return false;
    }
    return make_error(errc::env_invalid_value,
                      std::string(name) + "=" + detail::quote_untrusted(*text) +
                          " is neither true nor false; set it to true to turn instance "
                          "metadata (EC2) credentials off, or unset it");
}

result<sts_endpoints_mode> read_sts_endpoints_mode(const environment_lookup& lookup) {
    constexpr std::string_view name = "AWS_STS_REGIONAL_ENDPOINTS";
    const auto text = read(lookup, name);
    if (!text) {
        return sts_endpoints_mode::legacy;
    }
    const auto lowered = detail::ascii_lowercase(*text);
    if (lowered == "legacy") {
        return sts_endpoints_mode::legacy;
    }
    if (lowered == "regional") {
        return sts_endpoints_mode::regional;
    }
    return make_error(errc::env_invalid_value,
                      std::string(name) + "=" + detail::quote_untrusted(*text) +
                          " is neither legacy nor regional; fix or unset it");
}

}  // namespace

result<environment> read_environment(const environment_lookup& lookup) {
    environment env;
    env.access_key_id = read(lookup, "AWS_ACCESS_KEY_ID");
    env.secret_access_key = read_secret(lookup, "AWS_SECRET_ACCESS_KEY");
    env.session_token = read_secret(lookup, "AWS_SESSION_TOKEN");

    env.web_identity_token_file = read(lookup, "AWS_WEB_IDENTITY_TOKEN_FILE");
    env.role_arn = read(lookup, "AWS_ROLE_ARN");
    env.role_session_name = read(lookup, "AWS_ROLE_SESSION_NAME");
    auto mode = read_sts_endpoints_mode(lookup);
    if (!mode) {
        return std::move(mode).error();
    }
    env.sts_endpoints = *mode;
    env.sts_endpoint_url = read(lookup, "AWS_ENDPOINT_URL_STS");
    for (const std::string_view name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        if (auto region = read(lookup, name)) {
            env.region = std::move(region);
            env.region_variable = name;
            break;
        }
    }

    env.container_relative_uri = read(lookup, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    env.container_full_uri = read(lookup, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
    env.container_authorization_token_file = read(lookup, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    env.container_authorization_token = read_secret(lookup, "AWS_CONTAINER_AUTHORIZATION_TOKEN");

    auto disabled = read_ec2_metadata_disabled(lookup);
    if (!disabled) {
        return std::move(disabled).error();
    }
    env.ec2_metadata_disabled = *disabled;
    env.ec2_metadata_endpoint = read(lookup, "AWS_EC2_METADATA_SERVICE_ENDPOINT");
    auto timeout = read_whole_number(lookup, "AWS_METADATA_SERVICE_TIMEOUT", 1, 1,
                                     max_metadata_timeout.count(), "seconds");
    if (!timeout) {
        return std::move(timeout).error();
    }
    env.metadata_timeout = std::chrono::seconds(*timeout);
    auto attempts = read_whole_number(lookup, "AWS_METADATA_SERVICE_NUM_ATTEMPTS", 1, 1,
                                      max_metadata_attempts, "attempts");
    if (!attempts) {
        return std::move(attempts).error();
    }
    env.metadata_attempts = static_cast<int>(*attempts);
    return env;
}

result<environment> read_process_environment() {
    return read_environment(process_environment_lookup);
}

}  // namespace mongo_aws
