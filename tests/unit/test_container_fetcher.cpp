// The container credentials endpoint (ECS task roles, EKS Pod Identity) against a loopback
// stand-in named by AWS_CONTAINER_CREDENTIALS_FULL_URI (the relative URI targets 169.254.170.2,
// which tests never contact): the authorization token, the address rule of plain HTTP, TLS, and
// every way the endpoint fails, each with its elapsed time and the requests the stand-in received.
#define BOOST_TEST_MODULE container_fetcher
#include "support/fetch_runner.hpp"
#include "support/http_stand_in.hpp"
#include "support/test_certificates.hpp"

#include <mongo_aws/credential_fetchers.hpp>
#include <mongo_aws/metadata_requests.hpp>
#include <mongo_aws/timestamp.hpp>

#include <asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;
using mongo_aws::container_fetcher;
using mongo_aws::errc;
using mongo_aws::test::answer;
using mongo_aws::test::container_credentials_json;
using mongo_aws::test::http_stand_in;
using mongo_aws::test::run_fetch;
using mongo_aws::test::temporary_file;
namespace test = mongo_aws::test;

namespace {

// The shape of the path the ECS agent hands out (a credentials id).
const std::string credentials_path = "/v2/credentials/2a9e1c6b-7d3f-4e8a-9b0c-5f1d2e3a4b6c";
const std::string access_key_id = "AKIDCONTAINERSTAND01";

// The expiration the stand-in sends, whole seconds as ISO-8601 carries them.
std::chrono::system_clock::time_point in_an_hour() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() + 1h);
}

std::string full_uri(const std::string& base_url) {
    return base_url + credentials_path;
}

std::string localhost_uri(const char* scheme, const http_stand_in& server) {
    return std::string(scheme) + "://localhost:" + std::to_string(server.port()) + credentials_path;
}

struct container_fixture {
    asio::io_context io;
    http_stand_in ecs{io.get_executor()};
    mongo_aws::credential_fetcher fetcher = container_fetcher();
    test::variables vars{{"AWS_CONTAINER_CREDENTIALS_FULL_URI", full_uri(ecs.base_url())}};
    std::chrono::system_clock::time_point expiration = in_an_hour();

    container_fixture() { serve_credentials(); }

    void serve_credentials() {
        ecs.route(credentials_path,
                  answer(200, container_credentials_json(access_key_id,
                                                         mongo_aws::format_iso8601(expiration))));
    }

    test::fetch_outcome fetch(std::chrono::steady_clock::duration timeout = 10s) {
        return run_fetch(io, fetcher, vars, timeout);
    }

    [[nodiscard]] std::size_t count() const { return ecs.request_count(credentials_path); }

    // The Authorization header of the n-th request received ("" when absent).
    [[nodiscard]] std::string authorization(std::size_t n) const {
        const auto& requests = ecs.requests();
        BOOST_TEST_REQUIRE(requests.size() > n);
        return std::string(requests[n].request.find_header("Authorization").value_or(""));
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(container, container_fixture)

// ---------------------------------------------------------------------------------------------
// Success and the authorization token

BOOST_AUTO_TEST_CASE(a_get_of_the_full_uri_gives_the_credentials_and_their_expiration) {
    const auto out = fetch();
    BOOST_TEST(out.creds().access_key_id == access_key_id);
    BOOST_TEST(out.creds().secret_access_key.reveal() == "ecs-secret-key");
    BOOST_TEST(out.creds().session_token.reveal() == "ecs-session-token");
    BOOST_TEST_REQUIRE(out.creds().expiration.has_value());
    BOOST_TEST((*out.creds().expiration == expiration));
    BOOST_TEST(out.ms() < 500);

    const auto& requests = ecs.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1U);
    BOOST_TEST(requests[0].request.method == "GET");
    BOOST_TEST(requests[0].request.target == credentials_path);
    BOOST_TEST(!requests[0].request.find_header("Authorization").has_value());
}

BOOST_AUTO_TEST_CASE(the_token_file_is_sent_as_authorization_without_its_final_newline) {
    for (const std::string ending : {"", "\n", "\r\n"}) {
        BOOST_TEST_CONTEXT("the file ends with " << ending.size() << " line-break bytes") {
            const temporary_file token("ecs-token-0123456789" + ending);
            vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = token.path();
            const auto before = ecs.requests().size();
            BOOST_TEST(fetch().creds().access_key_id == access_key_id);
            BOOST_TEST(ecs.requests().size() == before + 1);
            BOOST_TEST(authorization(before) == "ecs-token-0123456789");
        }
    }
}

BOOST_AUTO_TEST_CASE(the_token_file_is_read_again_for_every_fetch) {
    const temporary_file token("first-token\n");
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = token.path();
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    token.rewrite("rotated-token\n");
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    BOOST_TEST(count() == 2U);
    BOOST_TEST(authorization(0) == "first-token");
    BOOST_TEST(authorization(1) == "rotated-token");
}

BOOST_AUTO_TEST_CASE(the_token_file_wins_over_the_token_variable) {
    const temporary_file token("token-from-the-file");
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = token.path();
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "token-from-the-variable";
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    BOOST_TEST(authorization(0) == "token-from-the-file");
}

BOOST_AUTO_TEST_CASE(the_token_variable_alone_is_sent) {
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "Basic dG9rZW4tZnJvbS12YXJpYWJsZQ==";
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    BOOST_TEST(authorization(0) == "Basic dG9rZW4tZnJvbS12YXJpYWJsZQ==");
}

BOOST_AUTO_TEST_CASE(a_missing_token_file_is_named_and_nothing_is_sent) {
    std::string missing;
    {
        const temporary_file gone("x");
        missing = gone.path();
    }  // removed here
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = missing;
    // The variable is no fallback: the operator configured the file, and it is missing.
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "token-from-the-variable";
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::token_file_unreadable);
    BOOST_TEST(out.says("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=" + missing));
    BOOST_TEST(out.says("No such file or directory"));
    BOOST_TEST(out.ms() < 100);
    BOOST_TEST(ecs.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(a_token_file_that_is_a_directory_is_named_and_nothing_is_sent) {
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = test::shared_test_pki().folder().string();
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::token_file_unreadable);
    BOOST_TEST(out.says("Is a directory"));
    BOOST_TEST(ecs.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(a_token_file_larger_than_the_largest_token_is_refused_unsent) {
    const temporary_file token(std::string(mongo_aws::max_container_token_size + 1, 'k'));
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = token.path();
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::container_authorization_token_invalid);
    BOOST_TEST(out.says("longer than 16384 bytes"));
    BOOST_TEST(ecs.connections() == 0U);

    token.rewrite(std::string(std::size_t{1} << 20U, 'k'));  // a wrong file, read no further
    const auto huge = fetch();
    BOOST_TEST(huge.err().code == errc::token_file_unreadable);
    BOOST_TEST(huge.says("larger than"));
    BOOST_TEST(ecs.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(an_empty_token_file_is_refused_and_nothing_is_sent) {
    const temporary_file token("\n");
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = token.path();
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::container_authorization_token_invalid);
    BOOST_TEST(out.says("empty"));
    BOOST_TEST(out.says("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
    BOOST_TEST(ecs.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(a_token_file_with_a_line_break_inside_is_never_sent) {
    const temporary_file token("ecs-token\r\nX-Injected: yes\n");
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = token.path();
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::container_authorization_token_invalid);
    BOOST_TEST(out.says("control character"));
    BOOST_TEST(out.says("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
    BOOST_TEST(!out.says("X-Injected"));  // the token is never quoted
    BOOST_TEST(ecs.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(a_token_variable_with_a_line_break_inside_is_never_sent) {
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "ecs-token\r\nX-Injected: yes";
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::container_authorization_token_invalid);
    BOOST_TEST(out.says("control character"));
    BOOST_TEST(out.says("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
    BOOST_TEST(!out.says("X-Injected"));
    BOOST_TEST(ecs.connections() == 0U);
}

// ---------------------------------------------------------------------------------------------
// Where a plain-HTTP full URI may go

BOOST_AUTO_TEST_CASE(a_plain_http_host_name_resolving_to_loopback_is_allowed) {
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = localhost_uri("http", ecs);
    BOOST_TEST(fetch().creds().access_key_id == access_key_id);
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(a_plain_http_ip_outside_the_allow_list_is_refused_before_connecting) {
    // 192.0.2.10 is TEST-NET-1 (RFC 5737): nothing answers there. The address is judged before
    // any connection, so the refusal is immediate; the short deadline bounds a regression.
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://192.0.2.10/creds";
    const auto out = fetch(500ms);
    BOOST_TEST(out.err().code == errc::container_address_not_allowed);
    BOOST_TEST(out.says("192.0.2.10"));
    BOOST_TEST(out.says("use an https URI"));
    BOOST_TEST(out.ms() < 100);
}

BOOST_AUTO_TEST_CASE(a_plain_http_unspecified_address_is_refused_though_it_reaches_this_host) {
    // On Linux a connection to 0.0.0.0 goes to loopback, so the stand-in would receive the
    // request if the rule let 0.0.0.0 pass.
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] =
        "http://0.0.0.0:" + std::to_string(ecs.port()) + credentials_path;
    const auto out = fetch(500ms);
    BOOST_TEST(out.err().code == errc::container_address_not_allowed);
    BOOST_TEST(out.says("0.0.0.0"));
    BOOST_TEST(out.ms() < 100);
    BOOST_TEST(ecs.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(an_all_numeric_host_is_refused_before_resolution) {
    // getaddrinfo would resolve the host "0" (inet_aton's short forms) to 0.0.0.0, which reaches
    // this host; the URL parser refuses such ambiguous forms outright.
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] =
        "http://0:" + std::to_string(ecs.port()) + credentials_path;
    const auto out = fetch(500ms);
    BOOST_TEST(out.err().code == errc::endpoint_url_invalid);
    BOOST_TEST(out.says("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
    BOOST_TEST(out.ms() < 200);
    BOOST_TEST(ecs.connections() == 0U);
}

// ---------------------------------------------------------------------------------------------
// HTTPS

BOOST_AUTO_TEST_CASE(an_https_full_uri_is_verified_against_the_trusted_ca) {
    asio::io_context io2;
    test::stand_in_options tls;
    tls.tls = test::shared_test_pki().localhost();
    http_stand_in secure(io2.get_executor(), tls);
    secure.route(credentials_path,
                 answer(200, container_credentials_json(access_key_id,
                                                        mongo_aws::format_iso8601(expiration))));
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = localhost_uri("https", secure);
    const auto out = run_fetch(io2, fetcher, vars);
    BOOST_TEST(out.creds().access_key_id == access_key_id);
    BOOST_TEST(secure.request_count(credentials_path) == 1U);
}

BOOST_AUTO_TEST_CASE(an_untrusted_certificate_is_refused_before_the_request) {
    asio::io_context io2;
    test::stand_in_options tls;
    tls.tls = test::shared_test_pki().localhost_untrusted();
    http_stand_in untrusted(io2.get_executor(), tls);
    untrusted.route(credentials_path, answer(200, "must not be read"));
    vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = localhost_uri("https", untrusted);
    const auto out = run_fetch(io2, fetcher, vars);
    BOOST_TEST(out.err().code == errc::tls_failed);
    BOOST_TEST(out.says("certificate not trusted"));
    BOOST_TEST(out.says("container endpoint"));
    BOOST_TEST(out.ms() < 500);
    BOOST_TEST(untrusted.request_count(credentials_path) == 0U);
}

// ---------------------------------------------------------------------------------------------
// Timeouts, attempts, cancellation

BOOST_AUTO_TEST_CASE(a_reply_later_than_the_metadata_timeout_is_a_timeout) {
    ecs.route(credentials_path, test::answer_after(1500ms, 200, "{}"));
    const auto out = fetch();  // AWS_METADATA_SERVICE_TIMEOUT unset: 1 s
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.says("container endpoint"));
    BOOST_TEST(out.ms() >= 950);
    BOOST_TEST(out.ms() < 1500);
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_times_out_at_the_metadata_timeout) {
    ecs.route(credentials_path, test::never_answer());
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.says("container endpoint"));
    BOOST_TEST(out.ms() >= 950);
    BOOST_TEST(out.ms() < 1500);
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(the_callers_deadline_caps_the_metadata_timeout) {
    ecs.route(credentials_path, test::never_answer());
    const auto out = fetch(300ms);
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.ms() >= 280);
    BOOST_TEST(out.ms() < 700);
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(cancelling_mid_fetch_returns_at_once_and_the_fetcher_still_works) {
    ecs.route(credentials_path, test::never_answer());
    const auto out = run_fetch(io, fetcher, vars, 10s, 200ms);
    BOOST_TEST(out.err().code == errc::cancelled);
    BOOST_TEST(out.ms() >= 190);
    BOOST_TEST(out.ms() < 500);
    serve_credentials();
    BOOST_TEST(fetch().creds().access_key_id == access_key_id);
    BOOST_TEST(count() == 2U);
}

// ---------------------------------------------------------------------------------------------
// HTTP errors

BOOST_AUTO_TEST_CASE(a_500_is_reported_with_its_status_and_body) {
    ecs.route(credentials_path, answer(500, "agent internal error"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::endpoint_http_error);
    BOOST_TEST(out.err().server_code == "500");
    BOOST_TEST(out.says("HTTP 500"));
    BOOST_TEST(out.says("agent internal error"));
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(a_500_is_retried_while_attempts_remain) {
    vars["AWS_METADATA_SERVICE_NUM_ATTEMPTS"] = "2";
    ecs.route(credentials_path, answer(500, ""));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::endpoint_http_error);
    BOOST_TEST(out.err().server_code == "500");
    BOOST_TEST(out.ms() < 500);
    BOOST_TEST(count() == 2U);
}

BOOST_AUTO_TEST_CASE(a_second_attempt_cures_a_500) {
    vars["AWS_METADATA_SERVICE_NUM_ATTEMPTS"] = "2";
    ecs.route(credentials_path,
              {answer(500, ""),
               answer(200, container_credentials_json("AKIDSECONDATTEMPT001",
                                                      mongo_aws::format_iso8601(expiration)))});
    const auto out = fetch();
    BOOST_TEST(out.creds().access_key_id == "AKIDSECONDATTEMPT001");
    BOOST_TEST(count() == 2U);
}

BOOST_AUTO_TEST_CASE(a_401_or_403_points_at_the_authorization_token) {
    const temporary_file token("secret-token-value\n");
    vars["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = token.path();
    for (const int status : {401, 403}) {
        BOOST_TEST_CONTEXT("the endpoint answered " << status) {
            ecs.route(credentials_path, answer(status, "unauthorized"));
            const auto before = count();
            const auto out = fetch();
            BOOST_TEST(out.err().code == errc::endpoint_http_error);
            BOOST_TEST(out.err().server_code == std::to_string(status));
            BOOST_TEST(out.says("HTTP " + std::to_string(status)));
            BOOST_TEST(out.says("check the authorization token"));
            BOOST_TEST(out.says("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
            BOOST_TEST(!out.says("secret-token-value"));
            BOOST_TEST(count() == before + 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_404_is_reported_and_not_retried) {
    vars["AWS_METADATA_SERVICE_NUM_ATTEMPTS"] = "2";
    ecs.route(credentials_path, answer(404, "no such credentials id"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::endpoint_http_error);
    BOOST_TEST(out.err().server_code == "404");
    BOOST_TEST(out.says("HTTP 404"));
    BOOST_TEST(out.says("AWS_CONTAINER_CREDENTIALS_FULL_URI"));  // which setting answered so
    BOOST_TEST(!out.says(credentials_path));  // the path may hold a secret: never shown
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(the_endpoints_error_document_with_an_error_status_is_quoted) {
    ecs.route(
        credentials_path,
        answer(400, R"({"code":"InvalidIdQueryParameter","message":"Credentials not found"})"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::endpoint_http_error);
    BOOST_TEST(out.err().server_code == "400");
    BOOST_TEST(out.says("InvalidIdQueryParameter"));
    BOOST_TEST(out.says("Credentials not found"));
}

BOOST_AUTO_TEST_CASE(the_endpoints_error_document_with_a_200_gives_its_code_and_message) {
    ecs.route(credentials_path,
              answer(200, R"({"code":"NoCredentialsForTask","message":"task has no role"})"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::json_missing_field);
    BOOST_TEST(out.err().server_code == "NoCredentialsForTask");
    BOOST_TEST(out.err().server_message == "task has no role");
}

// ---------------------------------------------------------------------------------------------
// Bodies that are not credentials

BOOST_AUTO_TEST_CASE(malformed_json_is_an_error) {
    ecs.route(credentials_path, answer(200, R"({"AccessKeyId":"AKID","SecretAccessKey":)"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::json_malformed);
    BOOST_TEST(out.says("container"));
}

BOOST_AUTO_TEST_CASE(a_missing_token_is_named) {
    ecs.route(credentials_path, answer(200, R"({"AccessKeyId":"AKID","SecretAccessKey":"s",)"
                                            R"("Expiration":"2030-01-01T00:00:00Z"})"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::json_missing_field);
    BOOST_TEST(out.says("`Token`"));
}

BOOST_AUTO_TEST_CASE(a_missing_expiration_is_named) {
    ecs.route(credentials_path,
              answer(200, R"({"AccessKeyId":"AKID","SecretAccessKey":"s","Token":"t"})"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::json_missing_field);
    BOOST_TEST(out.says("`Expiration`"));
}

BOOST_AUTO_TEST_CASE(a_10_mb_body_is_refused_at_the_cap) {
    for (const auto framing : {test::body_framing::content_length, test::body_framing::chunked,
                               test::body_framing::until_close}) {
        BOOST_TEST_CONTEXT("framing " << static_cast<int>(framing)) {
            ecs.route(credentials_path, test::large_body(10U << 20U, framing));
            const auto before = count();
            const auto out = fetch();
            BOOST_TEST(out.err().code == errc::http_body_too_large);
            BOOST_TEST(out.ms() < 1000);
            BOOST_TEST(count() == before + 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_connection_closed_mid_body_is_incomplete) {
    ecs.route(credentials_path,
              test::close_mid_body(
                  container_credentials_json(access_key_id, "2030-01-01T00:00:00Z"), 20));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::http_incomplete);
    BOOST_TEST(out.ms() < 500);
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
