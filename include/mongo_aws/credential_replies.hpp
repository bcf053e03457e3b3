// What AWS credential endpoints answer, parsed sans I/O: a body (and an HTTP status) in,
// credentials or an error out. The endpoints: EC2 instance metadata (IMDS), the container
// endpoint of ECS task roles and EKS Pod Identity, and STS AssumeRoleWithWebIdentity.
//
// Every parser reads JSON with simdjson. It copies the body into a simdjson::padded_string
// (simdjson's SIMD loads read up to SIMDJSON_PADDING bytes past the end, so the input needs
// that slack) after refusing anything larger than max_credential_reply_size; the copy, and
// the strings simdjson unescaped from a well-formed body, are wiped before the call returns
// (simdjson's string buffer after a failed parse is freed unwiped: its extent is not exposed).
// The caller's `body` buffer is the caller's to wipe. No error message ever holds a secret value: a
// field of the wrong type is described by its type alone, and a malformed body that starts like
// JSON is not quoted.
#pragma once

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace mongo_aws {

/// The largest reply body the parsers read: 1 MiB (real replies are 1-4 KiB; aws-c-auth caps
/// the container reply at 10 000 bytes). Anything larger is refused with errc::json_too_large
/// before a byte of it is copied.
inline constexpr std::size_t max_credential_reply_size = std::size_t{1} << 20U;

/// Parses the reply of IMDS `GET /latest/meta-data/iam/security-credentials/<role>`:
/// `{"Code": "Success", "LastUpdated", "Type": "AWS-HMAC", "AccessKeyId", "SecretAccessKey",
/// "Token", "Expiration": "<ISO-8601>"}`.
/// `Code`, `AccessKeyId`, `SecretAccessKey`, `Token` and `Expiration` are required (other
/// fields are ignored). IMDS may answer HTTP 200 with a `Code` other than `Success`: that is
/// errc::ec2_code_not_success, with server_code = the Code and server_message = its `Message`.
/// Other errors: errc::json_too_large, json_malformed, json_missing_field and json_wrong_type
/// (naming the field), credentials_incomplete (an empty key id, secret or token),
/// timestamp_invalid (`Expiration`).
[[nodiscard]] result<credentials> parse_ec2_credentials(std::string_view body);

/// Credentials from a container endpoint, with the role they belong to.
struct container_credentials {
    credentials creds;
    std::string role_arn;  ///< `RoleArn` (not secret; for diagnostics), empty when not sent
};

/// Parses the reply of the container credentials endpoint (ECS task roles at
/// 169.254.170.2, EKS Pod Identity at 169.254.170.23 or fd00:ec2::23; same shape):
/// `{"RoleArn", "AccessKeyId", "SecretAccessKey", "Token", "Expiration": "<ISO-8601>"}`.
/// `Token` and `Expiration` are required, as the MongoDB specification and AWS's own C
/// library (aws-c-auth) require them; the Go and Java SDKs also accept long-term credentials
/// without them from a custom AWS_CONTAINER_CREDENTIALS_FULL_URI, which this library does not
/// (such credentials belong in the environment, and a credential without an expiration would
/// never leave the cache). `RoleArn` is optional. When the body is the endpoint's error
/// document `{"code", "message"}`, the errc::json_missing_field error carries them as
/// server_code and server_message. Errors as parse_ec2_credentials, without ec2_code_not_success.
[[nodiscard]] result<container_credentials> parse_container_credentials(std::string_view body);

/// Credentials from STS AssumeRoleWithWebIdentity, with the session's ARN.
struct web_identity_credentials {
    credentials creds;
    std::string assumed_role_arn;  ///< `AssumedRoleUser.Arn` (not secret), empty when not sent
};

/// Parses a successful AssumeRoleWithWebIdentity reply requested with
/// `Accept: application/json`: `{"AssumeRoleWithWebIdentityResponse":
/// {"AssumeRoleWithWebIdentityResult": {"Credentials": {"AccessKeyId", "SecretAccessKey",
/// "SessionToken", "Expiration"}, "AssumedRoleUser": {"Arn", ...}, ...}, ...}}`.
/// `Expiration` is epoch seconds as a JSON number, integer or not, with or without an exponent
/// (`1.514869445E9`), as AWS STS sends it; an ISO-8601 string (which some STS-compatible
/// servers send) is accepted too. Fractions of a second finer than the clock are truncated.
/// Errors: as parse_ec2_credentials, without ec2_code_not_success; an `Expiration` the system
/// clock cannot represent, or not finite, is errc::timestamp_invalid.
[[nodiscard]] result<web_identity_credentials> parse_web_identity_credentials(
    std::string_view body);

/// What STS says when it refuses a request, as it sent it (unescaped; each at most as long as
/// the body, which is at most max_credential_reply_size).
struct sts_error_reply {
    std::string type;        ///< `Sender` or `Receiver`; empty when not sent
    std::string code;        ///< e.g. `InvalidIdentityToken`, `AccessDenied`
    std::string message;     ///< STS's explanation; empty when not sent
    std::string request_id;  ///< for AWS support; empty when not sent
};

/// Parses an STS error document: `{"Error": {"Type", "Code", "Message"}, "RequestId"}` (the
/// query protocol's error in JSON), or `{"__type": "<namespace>#<Code>", "message"}` (the
/// shape of AWS's JSON protocols, tolerated in case STS or a compatible server answers so;
/// the namespace before `#` and anything after `:` are dropped). `Code` (or `__type`) is
/// required. Errors: errc::json_too_large, json_malformed, json_missing_field, json_wrong_type.
[[nodiscard]] result<sts_error_reply> parse_sts_error(std::string_view body);

/// Reads an AssumeRoleWithWebIdentity HTTP response. A 2xx status is parsed as credentials
/// (parse_web_identity_credentials; a 2xx whose body is an STS error document is treated as
/// the error). Any other status, or such a document, gives errc::sts_error_response with
/// server_code = STS's Code, server_message = its Message (both escaped, the message cut at
/// 256 bytes), and a message that says what to check for the common codes
/// (InvalidIdentityToken, ExpiredTokenException, AccessDenied, IDPRejectedClaim,
/// IDPCommunicationError, RegionDisabledException, ValidationError, Throttling...).
/// A non-2xx status whose body is not an STS error document is errc::sts_error_response too,
/// with the status and why the body could not be read.
[[nodiscard]] result<web_identity_credentials> parse_web_identity_response(int http_status,
                                                                           std::string_view body);

}  // namespace mongo_aws
