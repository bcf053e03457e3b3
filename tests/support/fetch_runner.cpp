#include "support/fetch_runner.hpp"

#include "support/run_to_completion.hpp"
#include "support/test_certificates.hpp"

#include <mongo_aws/timestamp.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <ctime>
#include <fstream>
#include <unistd.h>

namespace mongo_aws::test {

using steady_clock = std::chrono::steady_clock;

const credentials& fetch_outcome::creds() const {
    BOOST_TEST_REQUIRE(value.has_value());
    if (!value->has_value()) {
        BOOST_FAIL("expected credentials, got: " << value->error());
    }
    return **value;
}

const error& fetch_outcome::err() const {
    BOOST_TEST_REQUIRE(value.has_value());
    BOOST_TEST_REQUIRE(!value->has_value(), "expected an error, got credentials");
    return value->error();
}

bool fetch_outcome::says(std::string_view text) const {
    return err().message.find(text) != std::string::npos;
}

long long fetch_outcome::ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
}

environment_lookup lookup_of(variables vars) {
    if (vars.find("AWS_CA_BUNDLE") == vars.end()) {
        vars["AWS_CA_BUNDLE"] = shared_test_pki().trusted_ca_file().string();
    }
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        const auto found = vars.find(name);
        return found == vars.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
}

fetch_outcome run_fetch(asio::io_context& io, const credential_fetcher& fetcher, variables vars,
                        steady_clock::duration timeout,
                        std::optional<steady_clock::duration> cancel_after) {
    auto lookup = lookup_of(std::move(vars));
    auto env = read_environment(lookup);
    BOOST_TEST_REQUIRE(env.has_value());
    fetch_context context{std::move(*env), lookup, steady_clock::now() + timeout, {}};
    auto run = run_to_completion(io, fetcher(std::move(context)), cancel_after);
    fetch_outcome out{std::move(run.value), run.elapsed};
    if (!out.value->has_value()) {
        BOOST_TEST_MESSAGE("the error a user would see (" << out.ms()
                                                          << " ms): " << out.value->error());
    }
    return out;
}

temporary_file::temporary_file(std::string_view contents) {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("mongo-aws-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    rewrite(contents);
}

temporary_file::~temporary_file() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

void temporary_file::rewrite(std::string_view contents) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    BOOST_TEST_REQUIRE(out.good());
}

std::string imds_credentials_json(std::string_view access_key_id, std::string_view expiration) {
    return R"({"Code":"Success","LastUpdated":"2026-11-29T20:00:00Z","Type":"AWS-HMAC",)"
           R"("AccessKeyId":")" +
           std::string(access_key_id) +
           R"(","SecretAccessKey":"imds-secret-key","Token":"imds-session-token",)"
           R"("Expiration":")" +
           std::string(expiration) + R"("})";
}

std::string container_credentials_json(std::string_view access_key_id,
                                       std::string_view expiration) {
    return R"({"RoleArn":"arn:aws:iam::123456789012:role/ecs-task","AccessKeyId":")" +
           std::string(access_key_id) +
           R"(","SecretAccessKey":"ecs-secret-key","Token":"ecs-session-token","Expiration":")" +
           std::string(expiration) + R"("})";
}

std::string web_identity_json(std::string_view access_key_id, long long expiration) {
    return R"({"AssumeRoleWithWebIdentityResponse":{"AssumeRoleWithWebIdentityResult":{)"
           R"("AssumedRoleUser":{"Arn":"arn:aws:sts::123456789012:assumed-role/web/session",)"
           R"("AssumedRoleId":"AROAEXAMPLE:session"},"Credentials":{"AccessKeyId":")" +
           std::string(access_key_id) +
           R"(","SecretAccessKey":"sts-secret-key","SessionToken":"sts-session-token",)"
           R"("Expiration":)" +
           std::to_string(expiration) +
           R"(}},"ResponseMetadata":{"RequestId":"0f6a2c1e-0000-4000-8000-000000000000"}}})";
}

void serve_imds(http_stand_in& imds, std::string_view role_name, std::string_view access_key_id) {
    const auto expiration =
        format_iso8601(std::chrono::system_clock::now() + std::chrono::hours(1));
    imds.route(std::string(imds_token_path), answer(200, "imds-session-token-AQAEAxyz=="));
    imds.route(std::string(imds_role_path), answer(200, std::string(role_name)));
    imds.route(std::string(imds_role_path) + std::string(role_name),
               answer(200, imds_credentials_json(access_key_id, expiration)));
}

variables imds_variables(const http_stand_in& imds) {
    return {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.base_url()}};
}

}  // namespace mongo_aws::test
