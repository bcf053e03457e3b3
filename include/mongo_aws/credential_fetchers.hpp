// The credential sources that fetch over the network: STS AssumeRoleWithWebIdentity (web
// identity), the container credentials endpoint (ECS, EKS Pod Identity) and the EC2 instance
// metadata service (IMDSv2). A credential_provider uses the library's own fetchers unless the
// application installs others (tests do, to count calls or inject faults).
#pragma once

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/environment.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/step_log.hpp>

#include <asio/awaitable.hpp>

#include <chrono>
#include <functional>

namespace mongo_aws {

/// The absolute time by which a whole credential lookup must end (nested steps share it).
using deadline = std::chrono::steady_clock::time_point;

/// What a fetcher is given for one fetch.
struct fetch_context {
    /// The environment variables of this lookup (read once by the provider).
    environment env;
    /// The lookup they came from, for variables outside `environment` (AWS_CA_BUNDLE,
    /// SSL_CERT_FILE).
    environment_lookup lookup = process_environment_lookup;
    /// When the fetch must be over.
    deadline until;
    /// Receives one line per request (its status and time), never a secret; may be empty.
    step_log log;
};

/// Fetches credentials from one network source, by `context.until` at the latest and honouring
/// the calling coroutine's cancellation. Errors name the source's step that failed and what to
/// check; they never hold a secret.
using credential_fetcher = std::function<asio::awaitable<result<credentials>>(fetch_context)>;

/// The fetchers of the network sources. An empty one makes its source fail with
/// errc::credential_source_unavailable when chosen (skipped under the sdk_fallback policy).
struct credential_fetchers {
    credential_fetcher web_identity;  ///< STS AssumeRoleWithWebIdentity
    credential_fetcher ecs;           ///< the container credentials endpoint
    credential_fetcher ec2;           ///< the instance metadata service (IMDSv2)
};

/// How long STS may take to answer AssumeRoleWithWebIdentity (the caller's deadline caps it).
inline constexpr std::chrono::seconds default_sts_timeout{10};

/// Web identity: reads AWS_WEB_IDENTITY_TOKEN_FILE afresh (it rotates), then POSTs
/// AssumeRoleWithWebIdentity over HTTPS (see web_identity_request() in metadata_requests.hpp
/// for the endpoint and the body), trusting AWS_CA_BUNDLE, SSL_CERT_FILE or the system store.
/// One attempt, within `sts_timeout`. Errors: errc::token_file_unreadable, the request
/// builder's errors, the HTTP client's (errc::timeout, tls_failed, ...), and
/// errc::sts_error_response with STS's code (InvalidIdentityToken, AccessDenied, ...).
[[nodiscard]] credential_fetcher web_identity_fetcher(
    std::chrono::seconds sts_timeout = default_sts_timeout);

/// The container endpoint: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI on 169.254.170.2, else
/// AWS_CONTAINER_CREDENTIALS_FULL_URI, with the authorization token of
/// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read afresh on every fetch) or
/// AWS_CONTAINER_AUTHORIZATION_TOKEN. A plain-HTTP full URI must resolve only to loopback or a
/// container agent's address (errc::container_address_not_allowed, checked before connecting).
/// Each attempt lasts at most AWS_METADATA_SERVICE_TIMEOUT (1 s by default); a timeout, a
/// failed connection or a 5xx is retried up to AWS_METADATA_SERVICE_NUM_ATTEMPTS attempts in
/// all (1 by default). Errors: errc::endpoint_http_error (the status), the reply parser's, the
/// HTTP client's.
[[nodiscard]] credential_fetcher container_fetcher();

/// EC2 IMDSv2: `PUT /latest/api/token`, then the role name, then the role's credentials, at
/// 169.254.169.254 or AWS_EC2_METADATA_SERVICE_ENDPOINT. The token is kept and reused for its
/// TTL (6 hours, less a minute) by every later fetch of this fetcher (and its copies); a 401
/// drops it and one new token is fetched. Attempts and timeouts as container_fetcher(). No
/// IMDSv1 fallback: a refused token request is errc::imds_token_refused, and one that times
/// out is errc::timeout with a message naming the likely causes (not on EC2; a container
/// behind the instance's hop limit of 1). The token cache is guarded by a mutex never held
/// across a suspension, so copies may be used from several threads.
[[nodiscard]] credential_fetcher imds_fetcher();

/// The three fetchers above.
[[nodiscard]] credential_fetchers default_credential_fetchers();

}  // namespace mongo_aws
