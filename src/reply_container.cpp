#include "quote_untrusted.hpp"
#include "reply_json.hpp"

#include <mongo_aws/credential_replies.hpp>

namespace mongo_aws {
namespace {

constexpr detail::reply_source container_source{
    "the container credentials reply (ECS task role or EKS Pod Identity)",
    "check that AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI "
    "points at the container credentials endpoint, and that the task or pod has an IAM role"};

// The endpoint's error document, {"code", "message"}, says more than "AccessKeyId is missing".
void add_endpoint_error(const detail::json_reply& reply, simdjson::dom::object root, error& err) {
    if (const auto code = reply.optional_string(root, "", "code"); code && *code) {
        err.server_code = detail::escape_untrusted(**code, 64);
    }
    if (const auto message = reply.optional_string(root, "", "message"); message && *message) {
        err.server_message = detail::escape_untrusted(**message, 256);
    }
}

}  // namespace

result<container_credentials> parse_container_credentials(std::string_view body) {
    detail::json_reply reply(container_source);
    if (auto failure = reply.parse(body)) {
        return std::move(*failure);
    }
    const auto root = reply.root_object();
    if (!root) {
        return root.error();
    }
    auto creds = reply.required_temporary_credentials(*root, "", "Token");
    if (!creds) {
        error err = std::move(creds).error();
        if (err.code == errc::json_missing_field && !reply.find(*root, "AccessKeyId")) {
            add_endpoint_error(reply, *root, err);
        }
        return err;
    }
    const auto expiration = reply.required_iso8601(*root, "", "Expiration");
    if (!expiration) {
        return expiration.error();
    }
    const auto role_arn = reply.optional_string(*root, "", "RoleArn");
    if (!role_arn) {
        return role_arn.error();
    }
    container_credentials out{std::move(*creds), std::string(role_arn->value_or(""))};
    out.creds.expiration = *expiration;
    return out;
}

}  // namespace mongo_aws
