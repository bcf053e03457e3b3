#include "quote_untrusted.hpp"
#include "reply_json.hpp"

#include <mongo_aws/credential_replies.hpp>

namespace mongo_aws {
namespace {

constexpr detail::reply_source ec2_source{
    "the EC2 instance metadata (IMDS) role credentials reply",
    "check that the instance has an instance profile with an IAM role, and that "
    "AWS_EC2_METADATA_SERVICE_ENDPOINT, if set, points at the instance metadata service"};

error code_not_success(const detail::json_reply& reply, simdjson::dom::object root,
                       std::string_view code) {
    error err = make_error(
        errc::ec2_code_not_success,
        "EC2 instance metadata answered Code " + detail::quote_untrusted(code) +
            " instead of \"Success\" for the role credentials: check that the instance "
            "profile's IAM role exists and that its trust policy lets ec2.amazonaws.com assume it");
    err.server_code = detail::escape_untrusted(code, 64);
    // A Message of the wrong type is left out rather than hiding the Code behind a type error.
    if (const auto message = reply.optional_string(root, "", "Message"); message && *message) {
        err.server_message = detail::escape_untrusted(**message, 256);
    }
    return err;
}

}  // namespace

result<credentials> parse_ec2_credentials(std::string_view body) {
    detail::json_reply reply(ec2_source);
    if (auto failure = reply.parse(body)) {
        return std::move(*failure);
    }
    const auto root = reply.root_object();
    if (!root) {
        return root.error();
    }
    const auto code = reply.required_string(*root, "", "Code");
    if (!code) {
        return code.error();
    }
    if (*code != "Success") {
        return code_not_success(reply, *root, *code);
    }
    auto creds = reply.required_temporary_credentials(*root, "", "Token");
    if (!creds) {
        return creds;
    }
    const auto expiration = reply.required_iso8601(*root, "", "Expiration");
    if (!expiration) {
        return expiration.error();
    }
    creds->expiration = *expiration;
    return creds;
}

}  // namespace mongo_aws
