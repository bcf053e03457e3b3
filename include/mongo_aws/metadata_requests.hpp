// The requests of the credential sources that fetch over HTTP: EC2 instance metadata (IMDSv2),
// the container endpoint (ECS, EKS Pod Identity) and STS AssumeRoleWithWebIdentity. Each builder
// decides everything (address, path, headers, body) and checks every value that comes from
// outside before it goes into a request; the caller only moves bytes.
#pragma once

#include <mongo_aws/endpoint_request.hpp>
#include <mongo_aws/environment.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/secret.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws {

// ------------------------------------------------------------------------------------------
// EC2 instance metadata, IMDSv2 only (no IMDSv1 fallback).

/// The TTL asked for the IMDSv2 session token: 21600 s (6 h), the maximum IMDS grants and what
/// the AWS SDKs ask (the MongoDB drivers ask 30 s). The caller reuses the token until it
/// expires (and once more after a 401), so a long TTL means one PUT per six hours instead of
/// one per fetch; the token only works from this host, so a long life adds little exposure.
inline constexpr std::chrono::seconds imds_token_ttl{21600};

/// The longest IMDS token (bytes) and role name (IAM's own limit: 64 characters) accepted.
inline constexpr std::size_t max_imds_token_size = 4096;
inline constexpr std::size_t max_imds_role_name_size = 64;

/// Where IMDS is: AWS_EC2_METADATA_SERVICE_ENDPOINT (an http or https URL; an IPv6 address in
/// brackets, e.g. `http://[fd00:ec2::254]`; a path in it is kept as a prefix) or
/// `http://169.254.169.254`. errc::endpoint_url_invalid when the variable is not such a URL or
/// has a query.
[[nodiscard]] result<endpoint_location> imds_endpoint(const environment& env);

/// `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds: 21600`.
[[nodiscard]] endpoint_request imds_token_request(const endpoint_location& endpoint);

/// Checks the body of a 200 reply to the token PUT and returns the token. Trailing whitespace
/// is trimmed; an empty token, one with a control character (CR, LF...), or one longer than
/// max_imds_token_size: errc::imds_token_invalid (the token is never quoted).
[[nodiscard]] result<secret_string> parse_imds_token(std::string_view reply_body);

/// `GET /latest/meta-data/iam/security-credentials/` with `X-aws-ec2-metadata-token`.
/// errc::imds_token_invalid when `token` is empty or holds a control character.
[[nodiscard]] result<endpoint_request> imds_role_name_request(const endpoint_location& endpoint,
                                                              const secret_string& token);

/// Checks the body of a 200 reply to the role-name GET and returns the role name, trimmed of
/// surrounding whitespace. errc::imds_role_name_invalid when it is empty (no role attached to
/// the instance), longer than 64 bytes, `.` or `..`, or holds a `/` or a control character
/// (two lines: two roles).
[[nodiscard]] result<std::string> parse_imds_role_name(std::string_view reply_body);

/// `GET /latest/meta-data/iam/security-credentials/<role>` (the role percent-encoded) with
/// `X-aws-ec2-metadata-token`. The role name is checked as in parse_imds_role_name (without
/// trimming), the token as in imds_role_name_request.
[[nodiscard]] result<endpoint_request> imds_credentials_request(const endpoint_location& endpoint,
                                                                const secret_string& token,
                                                                std::string_view role_name);

// ------------------------------------------------------------------------------------------
// The container credentials endpoint (ECS task roles, EKS Pod Identity).

/// The ECS agent's address, to which AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is relative.
inline constexpr std::string_view ecs_agent_address = "169.254.170.2";

/// The longest container authorization token accepted, in bytes.
inline constexpr std::size_t max_container_token_size = 16384;

/// A container credentials request and what the caller must check before connecting.
struct container_request {
    endpoint_request request;
    /// True for a plain-HTTP AWS_CONTAINER_CREDENTIALS_FULL_URI whose host is a name: every
    /// address it resolves to must pass check_container_addresses() before connecting.
    bool check_resolved_addresses = false;
};

/// Checks the contents of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (the caller re-reads the file
/// before every fetch: it rotates). Trailing whitespace (the file's final newline) is trimmed.
/// An empty token, a control character in it, or more than max_container_token_size bytes:
/// errc::container_authorization_token_invalid (the token is never quoted).
[[nodiscard]] result<secret_string> parse_container_authorization_token(
    std::string_view file_contents);

/// `GET http://169.254.170.2<AWS_CONTAINER_CREDENTIALS_RELATIVE_URI>` (a `/` is added when the
/// URI lacks one, never doubled), or else `GET <AWS_CONTAINER_CREDENTIALS_FULL_URI>`; with
/// `Authorization:` the token file's checked contents (`token_from_file`, which wins) or
/// AWS_CONTAINER_AUTHORIZATION_TOKEN, when either is configured.
/// Errors: errc::source_not_configured (neither URI set; or the token file is configured but
/// `token_from_file` is null), errc::container_relative_uri_invalid (a space, control character,
/// non-ASCII byte or `#` in the relative URI), errc::endpoint_url_invalid (full URI),
/// errc::container_address_not_allowed (a plain-HTTP full URI whose host is an IP address
/// outside the allow-list of check_container_addresses), and
/// errc::container_authorization_token_invalid.
[[nodiscard]] result<container_request> container_credentials_request(
    const environment& env, const secret_string* token_from_file = nullptr);

/// The rule for a plain-HTTP AWS_CONTAINER_CREDENTIALS_FULL_URI, applied after resolution:
/// every address must be loopback (127.0.0.0/8, ::1) or a container agent (169.254.170.2,
/// 169.254.170.23, fd00:ec2::23). An IPv4-mapped IPv6 address (`::ffff:169.254.170.2`) is
/// judged by the IPv4 address it maps, which is where a connection to it goes. `addresses` are
/// textual IPv4 or IPv6 addresses (brackets allowed, no zone). errc::container_address_not_allowed
/// names the first offending address (and `host`, when given); an empty list is refused too.
[[nodiscard]] result<void> check_container_addresses(const std::vector<std::string>& addresses,
                                                     std::string_view host = {});

// ------------------------------------------------------------------------------------------
// STS AssumeRoleWithWebIdentity (EKS IAM roles for service accounts), unsigned.

/// The longest web-identity token STS accepts (AssumeRoleWithWebIdentity: 20000 characters).
inline constexpr std::size_t max_web_identity_token_size = 20000;

/// Where AssumeRoleWithWebIdentity goes, and why there (for diagnostics).
struct sts_endpoint {
    endpoint_location location;
    std::string reason;  ///< e.g. "AWS_ENDPOINT_URL_STS" or "regional (AWS_REGION=eu-west-1)"
};

/// AWS_ENDPOINT_URL_STS when set; else `https://sts.<region>.amazonaws.com/` when
/// AWS_STS_REGIONAL_ENDPOINTS=regional and a region is set (`.amazonaws.com.cn` for `cn-`
/// regions); else `https://sts.amazonaws.com/`. Errors: errc::endpoint_url_invalid,
/// errc::region_invalid (a region that is not lowercase letters, digits and `-`).
[[nodiscard]] result<sts_endpoint> web_identity_sts_endpoint(const environment& env);

/// Checks the contents of AWS_WEB_IDENTITY_TOKEN_FILE (the caller re-reads it before every
/// fetch: it rotates). Trailing whitespace and newlines are trimmed. Empty, a control character,
/// or longer than max_web_identity_token_size: errc::web_identity_token_invalid (never quoted).
[[nodiscard]] result<secret_string> parse_web_identity_token(std::string_view file_contents);

/// `mongo-aws-` and 32 lowercase hex digits from RAND_bytes (a valid RoleSessionName: at most
/// 64 characters of `[\w+=,.@-]`). errc::random_bytes_failed if RAND_bytes fails.
[[nodiscard]] result<std::string> random_role_session_name();

/// `POST /` to web_identity_sts_endpoint() with `Accept: application/json`,
/// `Content-Type: application/x-www-form-urlencoded` and the body
/// `Action=AssumeRoleWithWebIdentity&RoleArn=..&RoleSessionName=..&WebIdentityToken=..&Version=2011-06-15`,
/// each value percent-encoded (RFC 3986 unreserved bytes kept). RoleSessionName is
/// AWS_ROLE_SESSION_NAME, or random_role_session_name() when it is unset or empty. The body
/// holds the token: it is a secret_string. `token` must come from parse_web_identity_token.
/// Errors: errc::source_not_configured (AWS_ROLE_ARN unset), errc::web_identity_token_invalid
/// (empty token), and those of web_identity_sts_endpoint and random_role_session_name.
[[nodiscard]] result<endpoint_request> web_identity_request(const environment& env,
                                                            const secret_string& token);

}  // namespace mongo_aws
