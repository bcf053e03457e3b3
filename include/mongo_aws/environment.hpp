// A snapshot of the environment variables the AWS credential chain reads, taken through an
// injectable lookup so that tests (and embedders) never depend on the real process environment.
#pragma once

#include <mongo_aws/result.hpp>
#include <mongo_aws/secret.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace mongo_aws {

/// Looks up one environment variable by name; std::nullopt when it is unset.
using environment_lookup = std::function<std::optional<std::string>(std::string_view name)>;

/// The lookup of the real process environment (std::getenv).
[[nodiscard]] std::optional<std::string> process_environment_lookup(std::string_view name);

/// Which STS endpoint AssumeRoleWithWebIdentity goes to (AWS_STS_REGIONAL_ENDPOINTS).
enum class sts_endpoints_mode {
    legacy,    ///< the global endpoint `https://sts.amazonaws.com/` (the default)
    regional,  ///< `https://sts.<region>.amazonaws.com/` when a region is set
};

/// Every variable the credential chain uses, read once. An empty variable counts as unset
/// (as in the AWS CLI, aws-c-auth, and the Java, JavaScript, Rust and Kotlin SDKs), so that
/// `export AWS_ACCESS_KEY_ID=` in a manifest does not select a source.
struct environment {
    // Environment credentials.
    std::optional<std::string> access_key_id;        ///< AWS_ACCESS_KEY_ID
    std::optional<secret_string> secret_access_key;  ///< AWS_SECRET_ACCESS_KEY
    std::optional<secret_string> session_token;      ///< AWS_SESSION_TOKEN

    // Web identity (AssumeRoleWithWebIdentity).
    std::optional<std::string> web_identity_token_file;             ///< AWS_WEB_IDENTITY_TOKEN_FILE
    std::optional<std::string> role_arn;                            ///< AWS_ROLE_ARN
    std::optional<std::string> role_session_name;                   ///< AWS_ROLE_SESSION_NAME
    sts_endpoints_mode sts_endpoints = sts_endpoints_mode::legacy;  ///< AWS_STS_REGIONAL_ENDPOINTS
    std::optional<std::string> sts_endpoint_url;                    ///< AWS_ENDPOINT_URL_STS

    /// AWS_REGION, or else AWS_DEFAULT_REGION. The AWS SDKs read AWS_REGION; botocore and the
    /// AWS CLI read AWS_DEFAULT_REGION; EKS sets both. AWS_REGION wins when both are set.
    std::optional<std::string> region;
    /// The variable `region` came from ("AWS_REGION" or "AWS_DEFAULT_REGION"), for messages.
    std::string region_variable;

    // Container credentials (ECS, EKS Pod Identity).
    std::optional<std::string> container_relative_uri;  ///< AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
    std::optional<std::string> container_full_uri;      ///< AWS_CONTAINER_CREDENTIALS_FULL_URI
    /// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (re-read by the caller before every fetch).
    std::optional<std::string> container_authorization_token_file;
    std::optional<secret_string>
        container_authorization_token;  ///< AWS_CONTAINER_AUTHORIZATION_TOKEN

    // EC2 instance metadata (IMDSv2).
    bool ec2_metadata_disabled = false;  ///< AWS_EC2_METADATA_DISABLED=true (any case)
    std::optional<std::string> ec2_metadata_endpoint;  ///< AWS_EC2_METADATA_SERVICE_ENDPOINT
    /// AWS_METADATA_SERVICE_TIMEOUT: whole seconds per attempt (botocore reads it with int()).
    std::chrono::seconds metadata_timeout{1};
    /// AWS_METADATA_SERVICE_NUM_ATTEMPTS: attempts per metadata request.
    int metadata_attempts = 1;
};

/// Bounds of the numeric variables (a value outside them is refused, not clamped).
inline constexpr std::chrono::seconds max_metadata_timeout{3600};
inline constexpr int max_metadata_attempts = 20;

/// Reads every variable through `lookup`. URLs and names are kept as given and checked where
/// they are used; the scalar settings are parsed here, and a value that cannot be used is an
/// error naming the variable (never silently the default):
/// - AWS_METADATA_SERVICE_TIMEOUT not a whole number of seconds in 1..3600, or
///   AWS_METADATA_SERVICE_NUM_ATTEMPTS not a whole number in 1..20: errc::env_invalid_number;
/// - AWS_EC2_METADATA_DISABLED not `true` or `false`, AWS_STS_REGIONAL_ENDPOINTS not `legacy`
///   or `regional` (both case-insensitive): errc::env_invalid_value.
/// Secrets never appear in a message.
[[nodiscard]] result<environment> read_environment(const environment_lookup& lookup);

/// read_environment() of the real process environment.
[[nodiscard]] result<environment> read_process_environment();

}  // namespace mongo_aws
