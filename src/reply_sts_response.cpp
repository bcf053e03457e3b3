#include "quote_untrusted.hpp"

#include <mongo_aws/credential_replies.hpp>

#include <array>
#include <utility>

namespace mongo_aws {
namespace {

// What to check for the errors AssumeRoleWithWebIdentity documents, and the common ones.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> advice_by_code{{
    {"InvalidIdentityToken",
     "STS rejected the web identity token: check that AWS_WEB_IDENTITY_TOKEN_FILE holds a current "
     "token from the OIDC provider registered in IAM for this account (issuer URL, audience, "
     "signing keys)"},
    {"ExpiredTokenException",
     "the web identity token has expired: check that whatever writes AWS_WEB_IDENTITY_TOKEN_FILE "
     "(for EKS, the projected service-account token) still refreshes it, and the clock"},
    {"AccessDenied",
     "STS refused to let this identity assume the role: check AWS_ROLE_ARN, and that the role's "
     "trust policy allows sts:AssumeRoleWithWebIdentity for this OIDC provider with conditions "
     "(sub, aud) that match the token"},
    {"IDPRejectedClaim",
     "the identity provider rejected the token's claims: check the token's audience and subject "
     "against the IAM OIDC provider and the role's trust policy"},
    {"IDPCommunicationError",
     "STS could not reach the identity provider to verify the token: usually transient, try "
     "again; if it persists, check that the issuer's discovery and key URLs are reachable from "
     "the internet"},
    {"RegionDisabledException",
     "STS is not activated in this region for the account: activate the region in the IAM "
     "account settings, or use the global endpoint (unset AWS_STS_REGIONAL_ENDPOINTS)"},
    {"ValidationError",
     "STS refused a parameter: check that AWS_ROLE_ARN is a role ARN and that "
     "AWS_ROLE_SESSION_NAME, if set, is 2-64 characters of letters, digits and =,.@_-"},
    {"InvalidParameterValue",
     "STS refused a parameter: check that AWS_ROLE_ARN is a role ARN and that "
     "AWS_ROLE_SESSION_NAME, if set, is 2-64 characters of letters, digits and =,.@_-"},
    {"Throttling",
     "STS is throttling this account's requests: too many clients are fetching credentials at "
     "once; try again later"},
    {"InvalidClientTokenId",
     "STS did not recognise the request's security token: check AWS_ENDPOINT_URL_STS and the "
     "region, and that no stale AWS credentials are being sent"},
}};

std::string_view advice_for(std::string_view code) {
    for (const auto& [known, advice] : advice_by_code) {
        if (code == known) {
            return advice;
        }
    }
    return "see STS's code and message";
}

error sts_failure(int http_status, const sts_error_reply& reply) {
    std::string message = "STS AssumeRoleWithWebIdentity failed (HTTP " +
                          std::to_string(http_status) + ", " + detail::quote_untrusted(reply.code) +
                          "): " + std::string(advice_for(reply.code));
    if (!reply.request_id.empty()) {
        message += " (request id " + detail::quote_untrusted(reply.request_id) + ")";
    }
    error err = make_error(errc::sts_error_response, std::move(message));
    err.server_code = detail::escape_untrusted(reply.code, 64);
    err.server_message = detail::escape_untrusted(reply.message, 256);
    return err;
}

}  // namespace

result<web_identity_credentials> parse_web_identity_response(int http_status,
                                                             std::string_view body) {
    if (http_status >= 200 && http_status <= 299) {
        auto creds = parse_web_identity_credentials(body);
        if (!creds && creds.error().code == errc::json_missing_field) {
            // A success status around an error document is still STS saying no.
            if (const auto refusal = parse_sts_error(body)) {
                return sts_failure(http_status, *refusal);
            }
        }
        return creds;
    }
    const auto refusal = parse_sts_error(body);
    if (!refusal) {
        return make_error(
            errc::sts_error_response,
            "STS AssumeRoleWithWebIdentity failed with HTTP " + std::to_string(http_status) +
                " and a body that is not an STS error document: " + refusal.error().message);
    }
    return sts_failure(http_status, *refusal);
}

}  // namespace mongo_aws
