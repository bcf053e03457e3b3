// Which AWS credential source to use: the decision, without any I/O, and a report of every
// source for the operator who asks "why did my pod pick that identity" or "why none".
#pragma once

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/environment.hpp>
#include <mongo_aws/result.hpp>

#include <array>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws {

/// The credential sources, in the MongoDB specification's priority order.
enum class credential_source {
    explicit_credentials,  ///< user name and password (and token) given by the application
    custom,                ///< a credential provider callback supplied by the application
    environment,           ///< AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
    web_identity,          ///< STS AssumeRoleWithWebIdentity with a token file (EKS IRSA)
    ecs,                   ///< the container credentials endpoint (ECS, EKS Pod Identity)
    ec2,                   ///< the EC2 instance metadata service, IMDSv2
};

/// Every source, highest priority first.
inline constexpr std::array<credential_source, 6> all_credential_sources{
    credential_source::explicit_credentials,
    credential_source::custom,
    credential_source::environment,
    credential_source::web_identity,
    credential_source::ecs,
    credential_source::ec2,
};

/// The name used in reports: `explicit`, `custom`, `environment`, `web_identity`, `ecs`, `ec2`.
[[nodiscard]] std::string_view to_string(credential_source source) noexcept;

/// Writes to_string(source).
std::ostream& operator<<(std::ostream& out, credential_source source);

/// What the selection made of one source.
enum class source_status {
    chosen,    ///< the source that will provide the credentials
    skipped,   ///< not configured; `detail` says which settings are missing
    error,     ///< configured but unusable: the selection fails with this source's error
    shadowed,  ///< configured, but a source of higher priority was chosen (or failed) first
};

/// The name used in reports: `chosen`, `skipped`, `error`, `shadowed`.
[[nodiscard]] std::string_view to_string(source_status status) noexcept;

/// One line of the report: a source, its status, and why. Never holds a secret.
struct source_report {
    credential_source source;
    source_status status;
    std::string detail;
};

/// The outcome of a selection.
struct source_selection {
    /// The source to use under the MongoDB specification's policy, or why there is none:
    /// errc::environment_credentials_incomplete, errc::credentials_incomplete (explicit
    /// credentials), or errc::no_credentials_found (its message lists every source and why).
    result<credential_source> chosen;
    /// One entry per source, in priority order (all_credential_sources).
    std::vector<source_report> reports;
    /// For the opt-in AWS-SDK-style policy: every configured and usable source, in priority
    /// order. Under that policy a source that fails falls through to the next one, and an
    /// incomplete environment pair is ignored rather than an error (as the AWS SDKs do).
    std::vector<credential_source> sdk_candidates;
};

/// Writes one line per report: `  environment: skipped: AWS_ACCESS_KEY_ID, ... are not set`.
std::ostream& operator<<(std::ostream& out, const source_selection& selection);

/// Decides which ONE source is configured, under the MongoDB specification's policy:
/// explicit credentials (when `explicit_credentials` is not null), then the custom provider,
/// then the environment (when any of its three variables is set; one of the pair alone, or a
/// token alone, is an error naming what is missing, never a fall-through), then web identity
/// (both AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN set; one alone is skipped, with the
/// reason), then ECS (the relative URI wins over the full URI), then EC2 unless
/// AWS_EC2_METADATA_DISABLED=true. A source is only inspected here, never contacted.
[[nodiscard]] source_selection select_credential_source(const credentials* explicit_credentials,
                                                        bool has_custom_provider,
                                                        const environment& env);

}  // namespace mongo_aws
