// EC2 IMDSv2 against a loopback stand-in: the three requests, the token's reuse and renewal, and
// every way IMDS fails, each with its elapsed time and the requests the stand-in received.
#define BOOST_TEST_MODULE imds_fetcher
#include "support/fetch_runner.hpp"
#include "support/http_stand_in.hpp"

#include <mongo_aws/credential_fetchers.hpp>
#include <mongo_aws/metadata_requests.hpp>
#include <mongo_aws/timestamp.hpp>

#include <asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;
using mongo_aws::errc;
using mongo_aws::imds_fetcher;
using mongo_aws::test::answer;
using mongo_aws::test::http_stand_in;
using mongo_aws::test::imds_role_path;
using mongo_aws::test::imds_token_path;
using mongo_aws::test::imds_variables;
using mongo_aws::test::run_fetch;
using mongo_aws::test::serve_imds;
namespace test = mongo_aws::test;

namespace {

const std::string token_path(imds_token_path);
const std::string role_path(imds_role_path);
const std::string credentials_path = role_path + "test-role";

struct imds_fixture {
    asio::io_context io;
    http_stand_in imds{io.get_executor()};
    mongo_aws::credential_fetcher fetcher = imds_fetcher();
    test::variables vars = imds_variables(imds);

    imds_fixture() { serve_imds(imds); }

    test::fetch_outcome fetch(std::chrono::steady_clock::duration timeout = 10s) {
        return run_fetch(io, fetcher, vars, timeout);
    }

    [[nodiscard]] std::size_t count(const std::string& path) const {
        return imds.request_count(path);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(imds, imds_fixture)

BOOST_AUTO_TEST_CASE(token_then_role_then_credentials) {
    const auto out = fetch();
    BOOST_TEST(out.creds().access_key_id == "AKIDIMDSSTANDIN00001");
    BOOST_TEST(out.creds().secret_access_key.reveal() == "imds-secret-key");
    BOOST_TEST(out.creds().session_token.reveal() == "imds-session-token");
    BOOST_TEST(out.creds().expiration.has_value());

    const auto& requests = imds.requests();
    BOOST_TEST_REQUIRE(requests.size() == 3U);
    BOOST_TEST(requests[0].request.method == "PUT");
    BOOST_TEST(requests[0].request.target == token_path);
    BOOST_TEST(
        requests[0].request.find_header("X-aws-ec2-metadata-token-ttl-seconds").value_or("") ==
        "21600");
    for (std::size_t i = 1; i < 3; ++i) {
        BOOST_TEST(requests[i].request.method == "GET");
        BOOST_TEST(requests[i].request.find_header("X-aws-ec2-metadata-token").value_or("") ==
                   "imds-session-token-AQAEAxyz==");
    }
    BOOST_TEST(requests[1].request.target == role_path);
    BOOST_TEST(requests[2].request.target == credentials_path);
}

BOOST_AUTO_TEST_CASE(the_token_is_reused_by_the_next_fetch) {
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    BOOST_TEST(count(token_path) == 1U);
    BOOST_TEST(count(role_path) == 2U);
    BOOST_TEST(count(credentials_path) == 2U);
}

BOOST_AUTO_TEST_CASE(a_401_on_a_reused_token_fetches_one_new_token) {
    // The second request for the role name is refused: IMDS forgot the token (it expired, or
    // IMDS restarted). (A route's n-th script answers its n-th request.)
    imds.route(role_path, {answer(200, "test-role"), answer(401, ""), answer(200, "test-role")});
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    const auto out = fetch();
    BOOST_TEST(out.creds().access_key_id == "AKIDIMDSSTANDIN00001");
    BOOST_TEST(count(token_path) == 2U);
    BOOST_TEST(count(role_path) == 3U);
}

BOOST_AUTO_TEST_CASE(a_401_on_a_fresh_token_is_an_error_not_a_loop) {
    imds.route(role_path, answer(401, ""));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::endpoint_http_error);
    BOOST_TEST(out.says("HTTP 401"));
    BOOST_TEST(count(token_path) == 1U);
    BOOST_TEST(count(role_path) == 1U);
}

BOOST_AUTO_TEST_CASE(a_token_request_that_hangs_times_out_at_the_metadata_timeout) {
    imds.route(token_path, test::never_answer());
    const auto out = fetch();  // AWS_METADATA_SERVICE_TIMEOUT unset: 1 s
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.says("IMDSv2 token request"));
    BOOST_TEST(out.says("hop limit"));
    BOOST_TEST(out.says("AWS_EC2_METADATA_DISABLED"));
    BOOST_TEST(out.ms() >= 950);
    BOOST_TEST(out.ms() < 1500);
    BOOST_TEST(count(token_path) == 1U);
    BOOST_TEST(count(role_path) == 0U);
}

BOOST_AUTO_TEST_CASE(the_metadata_timeout_and_attempts_come_from_the_environment) {
    imds.route(token_path, test::never_answer());
    vars["AWS_METADATA_SERVICE_TIMEOUT"] = "1";
    vars["AWS_METADATA_SERVICE_NUM_ATTEMPTS"] = "2";
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.says("attempt 2 of 2"));
    BOOST_TEST(out.ms() >= 1900);
    BOOST_TEST(out.ms() < 2600);
    BOOST_TEST(count(token_path) == 2U);
}

BOOST_AUTO_TEST_CASE(a_second_attempt_cures_a_slow_first_one) {
    vars["AWS_METADATA_SERVICE_NUM_ATTEMPTS"] = "2";
    imds.route(
        credentials_path,
        {test::never_answer(),
         answer(200, test::imds_credentials_json(
                         "AKIDSECONDATTEMPT001",
                         mongo_aws::format_iso8601(std::chrono::system_clock::now() + 1h)))});
    const auto out = fetch();
    BOOST_TEST(out.creds().access_key_id == "AKIDSECONDATTEMPT001");
    BOOST_TEST(count(credentials_path) == 2U);
    BOOST_TEST(out.ms() >= 950);
}

BOOST_AUTO_TEST_CASE(the_callers_deadline_caps_the_metadata_timeout) {
    imds.route(token_path, test::never_answer());
    const auto out = fetch(300ms);
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.ms() >= 280);
    BOOST_TEST(out.ms() < 800);
}

BOOST_AUTO_TEST_CASE(credentials_later_than_the_timeout_are_a_timeout) {
    imds.route(credentials_path, test::answer_after(1500ms, 200, "{}"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.says("test-role"));
    BOOST_TEST(out.ms() >= 950);
    BOOST_TEST(out.ms() < 1500);
}

BOOST_AUTO_TEST_CASE(imdsv1_only_is_a_clear_error_without_fallback) {
    for (const int status : {403, 405}) {
        BOOST_TEST_CONTEXT("token PUT answered " << status) {
            asio::io_context io2;
            http_stand_in v1_only(io2.get_executor());
            serve_imds(v1_only);
            v1_only.route(token_path, answer(status, ""));
            const auto out = run_fetch(io2, imds_fetcher(), imds_variables(v1_only));
            BOOST_TEST(out.err().code == errc::imds_token_refused);
            BOOST_TEST(out.says("IMDSv2"));
            BOOST_TEST(out.says("no IMDSv1 fallback"));
            BOOST_TEST(v1_only.request_count(role_path) == 0U);  // no IMDSv1 request
            BOOST_TEST(out.ms() < 500);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_500_is_reported_with_its_status) {
    imds.route(credentials_path, answer(500, "internal error"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::endpoint_http_error);
    BOOST_TEST(out.err().server_code == "500");
    BOOST_TEST(out.says("internal error"));
    BOOST_TEST(count(credentials_path) == 1U);
}

BOOST_AUTO_TEST_CASE(a_500_is_retried_while_attempts_remain) {
    vars["AWS_METADATA_SERVICE_NUM_ATTEMPTS"] = "3";
    imds.route(credentials_path, answer(500, ""));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::endpoint_http_error);
    BOOST_TEST(count(credentials_path) == 3U);
}

BOOST_AUTO_TEST_CASE(no_role_attached_says_so) {
    imds.route(role_path, answer(404, ""));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::endpoint_http_error);
    BOOST_TEST(out.says("no IAM role is attached"));
    BOOST_TEST(count(credentials_path) == 0U);
}

BOOST_AUTO_TEST_CASE(a_404_for_the_role_credentials_is_an_error) {
    imds.route(credentials_path, answer(404, ""));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::endpoint_http_error);
    BOOST_TEST(out.err().server_code == "404");
}

BOOST_AUTO_TEST_CASE(malformed_json_is_an_error) {
    imds.route(credentials_path, answer(200, R"({"Code":"Success","AccessKeyId":)"));
    BOOST_TEST(fetch().err().code == errc::json_malformed);
}

BOOST_AUTO_TEST_CASE(a_missing_field_is_named) {
    imds.route(credentials_path,
               answer(200, R"({"Code":"Success","AccessKeyId":"AKID","SecretAccessKey":"s",)"
                           R"("Expiration":"2030-01-01T00:00:00Z"})"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::json_missing_field);
    BOOST_TEST(out.says("Token"));
}

BOOST_AUTO_TEST_CASE(a_code_other_than_success_is_an_error) {
    imds.route(credentials_path,
               answer(200, R"({"Code":"AssumeRoleUnauthorizedAccess","Message":"denied"})"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::ec2_code_not_success);
    BOOST_TEST(out.err().server_code == "AssumeRoleUnauthorizedAccess");
}

BOOST_AUTO_TEST_CASE(a_10_mb_body_is_refused_at_the_cap) {
    imds.route(credentials_path, test::large_body(10U << 20U));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::http_body_too_large);
    BOOST_TEST(out.ms() < 2000);
}

BOOST_AUTO_TEST_CASE(a_connection_closed_mid_body_is_an_error) {
    imds.route(
        credentials_path,
        test::close_mid_body(test::imds_credentials_json("AKID", "2030-01-01T00:00:00Z"), 20));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::http_incomplete);
}

BOOST_AUTO_TEST_CASE(a_role_name_with_a_line_break_is_never_sent) {
    imds.route(role_path, answer(200, "role-one\r\nX-Injected: yes"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::imds_role_name_invalid);
    BOOST_TEST(imds.requests().size() == 2U);  // the PUT and the role list, nothing more
}

BOOST_AUTO_TEST_CASE(an_invalid_token_is_never_sent) {
    imds.route(token_path, answer(200, "token\r\nX-Injected: yes"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::imds_token_invalid);
    BOOST_TEST(imds.requests().size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_refused_connection_fails_at_once_and_says_why) {
    const auto port = imds.port();
    imds.stop();
    vars["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:" + std::to_string(port);
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::connect_failed);
    BOOST_TEST(out.says("does not look like an EC2 instance"));
    BOOST_TEST(out.ms() < 500);
}

BOOST_AUTO_TEST_CASE(cancelling_mid_fetch_returns_at_once) {
    imds.route(credentials_path, test::never_answer());
    const auto out = run_fetch(io, fetcher, vars, 10s, 200ms);
    BOOST_TEST(out.err().code == errc::cancelled);
    BOOST_TEST(out.ms() < 500);
    // The fetcher is still usable.
    serve_imds(imds);
    BOOST_TEST(fetch().creds().access_key_id == "AKIDIMDSSTANDIN00001");
}

BOOST_AUTO_TEST_CASE(imds_over_https_verifies_the_certificate) {
    asio::io_context io2;
    test::stand_in_options tls;
    tls.tls = test::shared_test_pki().localhost();
    http_stand_in secure(io2.get_executor(), tls);
    serve_imds(secure);
    const auto ok = run_fetch(io2, imds_fetcher(), imds_variables(secure));
    BOOST_TEST(ok.creds().access_key_id == "AKIDIMDSSTANDIN00001");

    auto untrusted = imds_variables(secure);
    untrusted["AWS_CA_BUNDLE"] = test::shared_test_pki().untrusted_ca_file().string();
    const auto refused = run_fetch(io2, imds_fetcher(), untrusted);
    BOOST_TEST(refused.err().code == errc::tls_failed);
}

BOOST_AUTO_TEST_SUITE_END()
