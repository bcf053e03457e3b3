// Stand-ins for the three network credential sources, on one loopback HTTP port: EC2 instance
// metadata (IMDSv2), the container credentials endpoint (ECS) and STS AssumeRoleWithWebIdentity.
// Each hands out the credentials of one user of the test server, so that a client that fetched
// them can then authenticate to the MongoDB listener.
#pragma once

#include <mongo_aws/test_server/http_stand_in.hpp>
#include <mongo_aws/test_server/users.hpp>

#include <asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace mongo_aws::test_server {

/// What the endpoints hand out and require.
struct credential_endpoint_options {
    /// The credentials handed out (a user of the MongoDB listener's table).
    user issued;
    /// How long handed-out credentials are valid, from each request.
    std::chrono::seconds lifetime{3600};
    /// The instance role IMDS reports.
    std::string imds_role_name = "mongo-aws-test-role";
    /// The container endpoint's path (what AWS_CONTAINER_CREDENTIALS_FULL_URI names).
    std::string container_path = "/v2/credentials/mongo-aws-test";
    /// When not empty, the container endpoint requires `Authorization:` with exactly this.
    std::string container_authorization_token;
    /// When not empty, STS accepts only this WebIdentityToken (else InvalidIdentityToken).
    std::string web_identity_token;
    /// Where to listen (loopback by default; port 0: the system chooses).
    stand_in_options listen;
};

/// The endpoints, listening from construction until stop() or destruction. The IMDS token is
/// a fixed value valid for this server's life; its TTL header is required, as IMDS requires it.
class credential_endpoints {
public:
    /// Listens at once on `executor` (throws std::system_error when it cannot).
    credential_endpoints(const asio::any_io_executor& executor,
                         credential_endpoint_options options);

    /// `http://127.0.0.1:<port>`: the value for AWS_EC2_METADATA_SERVICE_ENDPOINT and
    /// AWS_ENDPOINT_URL_STS.
    [[nodiscard]] std::string base_url() const;
    /// The URL for AWS_CONTAINER_CREDENTIALS_FULL_URI.
    [[nodiscard]] std::string container_url() const;
    /// The port.
    [[nodiscard]] std::uint16_t port() const;
    /// How many requests each path received.
    [[nodiscard]] std::size_t request_count(const std::string& path) const;
    /// Closes the listener and every connection.
    void stop();

private:
    credential_endpoint_options options_;
    http_stand_in server_;
};

/// The IMDSv2 paths the endpoints serve.
inline constexpr std::string_view imds_token_path = "/latest/api/token";
inline constexpr std::string_view imds_credentials_path =
    "/latest/meta-data/iam/security-credentials/";

}  // namespace mongo_aws::test_server
