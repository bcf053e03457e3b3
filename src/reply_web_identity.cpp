#include "epoch.hpp"
#include "reply_json.hpp"

#include <mongo_aws/credential_replies.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace mongo_aws {
namespace {

namespace dom = simdjson::dom;

constexpr detail::reply_source web_identity_source{
    "the STS AssumeRoleWithWebIdentity reply",
    "check that the STS endpoint (AWS_ENDPOINT_URL_STS, if set) is AWS STS or compatible, and "
    "that the request asked for JSON (Accept: application/json)"};

constexpr std::string_view credentials_path =
    "AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult.Credentials";

error expiration_out_of_range(std::string_view path) {
    return make_error(errc::timestamp_invalid,
                      std::string(web_identity_source.name) + " field `" + std::string(path) +
                          "` is not an instant this platform's system clock represents: " +
                          std::string(web_identity_source.advice));
}

// STS sends epoch seconds as a JSON number: 1514869445, 1.514869445E9 or 1514869445.5.
// Precondition: `value` is a number.
result<time_point> epoch_seconds(const dom::element& value, std::string_view path) {
    std::int64_t whole = 0;
    std::int64_t nanoseconds = 0;
    if (value.type() == dom::element_type::UINT64) {
        return expiration_out_of_range(path);  // above INT64_MAX: past any clock's range
    }
    if (value.get_int64().get(whole) != simdjson::SUCCESS) {
        double seconds = 0;
        if (value.get_double().get(seconds) != simdjson::SUCCESS) {
            return expiration_out_of_range(path);
        }
        // Beyond 2^62 nothing is representable, and the bound keeps the cast below defined.
        constexpr double limit = 4.611686018427387904e18;
        if (!std::isfinite(seconds) || seconds >= limit || seconds <= -limit) {
            return expiration_out_of_range(path);
        }
        const double floor = std::floor(seconds);
        whole = static_cast<std::int64_t>(floor);
        nanoseconds =
            std::min<std::int64_t>(static_cast<std::int64_t>((seconds - floor) * 1e9), 999'999'999);
    }
    const auto when = detail::time_point_from_epoch(whole, nanoseconds);
    if (!when) {
        return expiration_out_of_range(path);
    }
    return *when;
}

result<time_point> expiration(const detail::json_reply& reply, dom::object credentials_object) {
    const std::string path = detail::field_path(credentials_path, "Expiration");
    const auto value = reply.find(credentials_object, "Expiration");
    if (!value) {
        return reply.missing_field(path);
    }
    switch (value->type()) {
        case dom::element_type::INT64:
        case dom::element_type::UINT64:
        case dom::element_type::DOUBLE:
            return epoch_seconds(*value, path);
        case dom::element_type::STRING:
            return reply.required_iso8601(credentials_object, credentials_path, "Expiration");
        default:
            return reply.wrong_type(path, *value, "a number (epoch seconds) or an ISO-8601 string");
    }
}

}  // namespace

result<web_identity_credentials> parse_web_identity_credentials(std::string_view body) {
    detail::json_reply reply(web_identity_source);
    if (auto failure = reply.parse(body)) {
        return std::move(*failure);
    }
    const auto root = reply.root_object();
    if (!root) {
        return root.error();
    }
    constexpr std::string_view response_key = "AssumeRoleWithWebIdentityResponse";
    const auto response = reply.required_object(*root, "", response_key);
    if (!response) {
        return response.error();
    }
    const std::string result_path =
        detail::field_path(response_key, "AssumeRoleWithWebIdentityResult");
    const auto result_object =
        reply.required_object(*response, response_key, "AssumeRoleWithWebIdentityResult");
    if (!result_object) {
        return result_object.error();
    }
    const auto credentials_object =
        reply.required_object(*result_object, result_path, "Credentials");
    if (!credentials_object) {
        return credentials_object.error();
    }
    auto creds =
        reply.required_temporary_credentials(*credentials_object, credentials_path, "SessionToken");
    if (!creds) {
        return std::move(creds).error();
    }
    const auto expires = expiration(reply, *credentials_object);
    if (!expires) {
        return expires.error();
    }
    creds->expiration = *expires;

    const std::string user_path = detail::field_path(result_path, "AssumedRoleUser");
    const auto user = reply.optional_object(*result_object, result_path, "AssumedRoleUser");
    if (!user) {
        return user.error();
    }
    std::string arn;
    if (*user) {
        const auto user_arn = reply.optional_string(**user, user_path, "Arn");
        if (!user_arn) {
            return user_arn.error();
        }
        arn = std::string(user_arn->value_or(""));
    }
    return web_identity_credentials{std::move(*creds), std::move(arn)};
}

}  // namespace mongo_aws
