// `ok: 0` as an error: the server's code and words kept apart, ours saying what to check.
#include "wire_text.hpp"

#include <mongo_aws/command_reply.hpp>

#include <string>

namespace mongo_aws {
namespace {

// What an operator should look at, by server error code (MongoDB's error_codes.yml).
const char* what_to_check(std::int32_t code) {
    switch (code) {
        case 18:  // AuthenticationFailed
            return "check the AWS credentials (access key id, secret, and the session token of "
                   "temporary credentials, which expire), that this host's clock is right (AWS "
                   "refuses signatures more than 15 minutes off), that the STS region the server "
                   "calls accepts them, and that a user named after the IAM ARN (for an "
                   "assumed role, the role ARN) exists in `$external`; the server's log has the "
                   "STS answer";
        case 11:  // UserNotFound
            return "create a user in `$external` named after the IAM ARN these credentials "
                   "resolve to (for an assumed role, the role ARN)";
        case 13:  // Unauthorized
            return "the user exists but lacks a role for this command";
        case 59:  // CommandNotFound
            return "the server does not know this command: MONGODB-AWS needs MongoDB 4.4 or "
                   "later; check the host and the server version";
        case 334:  // MechanismUnavailable
            return "the server does not offer MONGODB-AWS: it needs MongoDB 4.4 or later with "
                   "MONGODB-AWS in its authenticationMechanisms parameter";
        default:
            return "the server's code and message say why";
    }
}

}  // namespace

error command_failure(const command_reply& reply, std::string_view command_name) {
    std::string message = std::string(command_name) + " failed";
    if (reply.code_name) {
        message += " with " +
                   wire::detail::escape_untrusted(*reply.code_name, wire::detail::max_quoted_bytes);
    }
    if (reply.code) {
        message += std::string(": ") + what_to_check(*reply.code);
    } else {
        message += " (ok: 0 without a code): the server's message says why";
    }
    auto err = make_error(errc::command_failed, std::move(message));
    if (reply.code) {
        err.server_code = std::to_string(*reply.code);
    }
    if (reply.errmsg) {
        err.server_message =
            wire::detail::escape_untrusted(*reply.errmsg, wire::detail::max_server_text);
    }
    return err;
}

}  // namespace mongo_aws
