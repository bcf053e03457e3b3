// Running one credential fetcher (or one provider lookup) on a test's io_context, timed, with
// optional cancellation, against loopback stand-ins. Plus the replies real endpoints send.
#pragma once

#include "support/http_stand_in.hpp"
#include "support/injected_environment.hpp"

#include <mongo_aws/credential_fetchers.hpp>
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/result.hpp>

#include <asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mongo_aws::test {

/// How one fetch went.
struct fetch_outcome {
    std::optional<result<credentials>> value;
    std::chrono::steady_clock::duration elapsed{};

    /// The credentials; a test failure (that stops the test) when it was an error.
    [[nodiscard]] const credentials& creds() const;
    /// The error; a test failure (that stops the test) when it was a success.
    [[nodiscard]] const error& err() const;
    /// True when the error's message contains `text`.
    [[nodiscard]] bool says(std::string_view text) const;
    /// Elapsed milliseconds.
    [[nodiscard]] long long ms() const;
};

/// Runs `fetcher` with the environment `vars` (AWS_CA_BUNDLE trusting the test CA is added
/// unless `vars` sets it) and a deadline `timeout` from now, on `io` until it returns;
/// `cancel_after`, when set, cancels it from the caller's side. The io_context is restarted
/// for the next use; stand-ins stay up.
fetch_outcome run_fetch(asio::io_context& io, const credential_fetcher& fetcher, variables vars,
                        std::chrono::steady_clock::duration timeout = std::chrono::seconds(10),
                        std::optional<std::chrono::steady_clock::duration> cancel_after = {});

/// The environment lookup of `vars`, with AWS_CA_BUNDLE as run_fetch adds it.
environment_lookup lookup_of(variables vars);

/// A temporary file holding `contents`, removed on destruction; rewrite() replaces them.
class temporary_file {
public:
    explicit temporary_file(std::string_view contents);
    ~temporary_file();
    temporary_file(const temporary_file&) = delete;
    temporary_file& operator=(const temporary_file&) = delete;

    void rewrite(std::string_view contents) const;
    [[nodiscard]] std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

/// The IMDS credentials document, as EC2 sends it, expiring at `expiration` (ISO-8601).
std::string imds_credentials_json(std::string_view access_key_id, std::string_view expiration);

/// The container endpoint's document, as ECS sends it.
std::string container_credentials_json(std::string_view access_key_id, std::string_view expiration);

/// AssumeRoleWithWebIdentity's JSON reply; `expiration` in epoch seconds.
std::string web_identity_json(std::string_view access_key_id, long long expiration);

/// The IMDS paths.
inline constexpr std::string_view imds_token_path = "/latest/api/token";
inline constexpr std::string_view imds_role_path = "/latest/meta-data/iam/security-credentials/";

/// An IMDS stand-in's routes answering like EC2: a token, role `role_name`, credentials for
/// `access_key_id` valid for an hour.
void serve_imds(http_stand_in& imds, std::string_view role_name = "test-role",
                std::string_view access_key_id = "AKIDIMDSSTANDIN00001");

/// AWS_EC2_METADATA_SERVICE_ENDPOINT pointing at `imds`.
variables imds_variables(const http_stand_in& imds);

}  // namespace mongo_aws::test
