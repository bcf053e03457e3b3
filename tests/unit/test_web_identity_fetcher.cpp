// Web identity (STS AssumeRoleWithWebIdentity) against a loopback TLS stand-in named by
// AWS_ENDPOINT_URL_STS: the form it posts, the token file, STS's refusals, TLS, and every way the
// exchange fails, each with its elapsed time and the requests the stand-in received.
#define BOOST_TEST_MODULE web_identity_fetcher
#include "support/fetch_runner.hpp"
#include "support/http_stand_in.hpp"
#include "support/test_certificates.hpp"

#include <mongo_aws/credential_fetchers.hpp>
#include <mongo_aws/metadata_requests.hpp>

#include <asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <map>
#include <string>
#include <string_view>

using namespace std::chrono_literals;
using mongo_aws::errc;
using mongo_aws::web_identity_fetcher;
using mongo_aws::test::answer;
using mongo_aws::test::http_stand_in;
using mongo_aws::test::run_fetch;
using mongo_aws::test::temporary_file;
using mongo_aws::test::web_identity_json;
namespace test = mongo_aws::test;

namespace {

const std::string role_arn = "arn:aws:iam::123456789012:role/web-identity-role";
// RFC 3986 percent-encoding of role_arn: ':' is %3A, '/' is %2F.
const std::string role_arn_encoded = "arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fweb-identity-role";
// A JWT's characters (base64url and '.') are all unreserved: it is sent as it is.
const std::string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJl-_";
const std::string access_key_id = "AKIDWEBIDENTITY00001";

// An STS reply's Expiration: epoch seconds, an hour from now.
long long in_an_hour() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               (std::chrono::system_clock::now() + 1h).time_since_epoch())
        .count();
}

std::string sts_error_json(std::string_view code, std::string_view message) {
    return R"({"Error":{"Type":"Sender","Code":")" + std::string(code) + R"(","Message":")" +
           std::string(message) + R"("},"RequestId":"7c1f0e2a-0000-4000-8000-00000000abcd"})";
}

// The fields of an application/x-www-form-urlencoded body, values as sent (still encoded).
std::map<std::string, std::string> form_fields(std::string_view body) {
    std::map<std::string, std::string> fields;
    while (!body.empty()) {
        const auto end = body.find('&');
        const auto pair = body.substr(0, end);
        const auto equals = pair.find('=');
        BOOST_TEST_REQUIRE(equals != std::string_view::npos, "a form field without '='");
        const auto [where, inserted] = fields.emplace(std::string(pair.substr(0, equals)),
                                                      std::string(pair.substr(equals + 1)));
        BOOST_TEST(inserted, "the field " << where->first << " is sent twice");
        body = end == std::string_view::npos ? std::string_view{} : body.substr(end + 1);
    }
    return fields;
}

bool is_lowercase_hex(std::string_view text) {
    return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

test::stand_in_options tls_with(const test::pem_identity& identity) {
    test::stand_in_options options;
    options.tls = identity;
    return options;
}

struct web_identity_fixture {
    asio::io_context io;
    http_stand_in sts{io.get_executor(), tls_with(test::shared_test_pki().localhost())};
    temporary_file token{jwt + "\n"};
    mongo_aws::credential_fetcher fetcher = web_identity_fetcher(1s);
    long long expiration = in_an_hour();
    test::variables vars = variables_for(sts);

    web_identity_fixture() { serve_credentials(); }

    // AWS_CA_BUNDLE trusting the test CA is added by run_fetch.
    [[nodiscard]] test::variables variables_for(const http_stand_in& server) const {
        return {{"AWS_ENDPOINT_URL_STS", "https://localhost:" + std::to_string(server.port())},
                {"AWS_WEB_IDENTITY_TOKEN_FILE", token.path()},
                {"AWS_ROLE_ARN", role_arn}};
    }

    void serve_credentials() {
        sts.route("/", answer(200, web_identity_json(access_key_id, expiration)));
    }

    test::fetch_outcome fetch(std::chrono::steady_clock::duration timeout = 10s) {
        return run_fetch(io, fetcher, vars, timeout);
    }

    [[nodiscard]] std::size_t count() const { return sts.request_count("/"); }

    // The form fields of the n-th request received.
    [[nodiscard]] std::map<std::string, std::string> fields(std::size_t n) const {
        BOOST_TEST_REQUIRE(sts.requests().size() > n);
        return form_fields(sts.requests()[n].request.body);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(web_identity, web_identity_fixture)

// ---------------------------------------------------------------------------------------------
// Success and the request

BOOST_AUTO_TEST_CASE(assume_role_with_web_identity_gives_the_credentials_and_their_expiration) {
    const auto out = fetch();
    BOOST_TEST(out.creds().access_key_id == access_key_id);
    BOOST_TEST(out.creds().secret_access_key.reveal() == "sts-secret-key");
    BOOST_TEST(out.creds().session_token.reveal() == "sts-session-token");
    BOOST_TEST_REQUIRE(out.creds().expiration.has_value());
    BOOST_TEST((*out.creds().expiration ==
                std::chrono::system_clock::time_point(std::chrono::seconds(expiration))));
    BOOST_TEST(out.ms() < 1000);
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(the_request_is_a_form_post_asking_for_json) {
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    BOOST_TEST_REQUIRE(sts.requests().size() == 1U);
    const auto& request = sts.requests()[0].request;
    BOOST_TEST(request.method == "POST");
    BOOST_TEST(request.target == "/");
    BOOST_TEST(request.find_header("Accept").value_or("") == "application/json");
    BOOST_TEST(request.find_header("Content-Type").value_or("") ==
               "application/x-www-form-urlencoded");
    BOOST_TEST(request.find_header("Host").value_or("") ==
               "localhost:" + std::to_string(sts.port()));
    BOOST_TEST(!request.find_header("Authorization").has_value());  // unsigned

    const auto sent = fields(0);
    BOOST_TEST(sent.size() == 5U);
    BOOST_TEST(sent.at("Action") == "AssumeRoleWithWebIdentity");
    BOOST_TEST(sent.at("Version") == "2011-06-15");
    BOOST_TEST(sent.at("RoleArn") == role_arn_encoded);
    BOOST_TEST(sent.at("WebIdentityToken") == jwt);  // the file's final newline trimmed
    BOOST_TEST(sent.count("RoleSessionName") == 1U);
}

BOOST_AUTO_TEST_CASE(the_role_session_name_comes_from_the_environment) {
    vars["AWS_ROLE_SESSION_NAME"] = "billing-service";
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    BOOST_TEST(fields(0).at("RoleSessionName") == "billing-service");
}

BOOST_AUTO_TEST_CASE(without_a_session_name_each_fetch_sends_a_random_one) {
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    const std::string_view prefix = "mongo-aws-";
    std::string names[2];
    for (std::size_t n = 0; n < 2; ++n) {
        names[n] = fields(n).at("RoleSessionName");
        BOOST_TEST_CONTEXT("request " << n << " sent RoleSessionName=" << names[n]) {
            BOOST_TEST_REQUIRE(names[n].size() == prefix.size() + 32);
            BOOST_TEST(names[n].compare(0, prefix.size(), prefix) == 0);
            BOOST_TEST(is_lowercase_hex(std::string_view(names[n]).substr(prefix.size())));
        }
    }
    BOOST_TEST(names[0] != names[1]);
}

BOOST_AUTO_TEST_CASE(the_token_file_is_read_again_for_every_fetch) {
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    token.rewrite("rotated.token.value\n");
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    BOOST_TEST(count() == 2U);
    BOOST_TEST(fields(0).at("WebIdentityToken") == jwt);
    BOOST_TEST(fields(1).at("WebIdentityToken") == "rotated.token.value");
}

BOOST_AUTO_TEST_CASE(sts_over_plain_http_is_accepted_to_loopback_only) {
    // A local STS emulator or the test server may speak plain http on this host; anything else
    // would carry the token in clear.
    http_stand_in plain(io.get_executor());
    plain.route("/", answer(200, web_identity_json(access_key_id, expiration)));
    vars["AWS_ENDPOINT_URL_STS"] = plain.base_url();
    BOOST_TEST(fetch().creds().access_key_id == access_key_id);
    BOOST_TEST(plain.request_count("/") == 1U);
    BOOST_TEST(count() == 0U);

    vars["AWS_ENDPOINT_URL_STS"] = "http://192.0.2.10:" + std::to_string(plain.port());
    const auto refused = fetch();
    BOOST_TEST(refused.err().code == errc::endpoint_url_invalid);
    BOOST_TEST(refused.says("unencrypted"));
    BOOST_TEST(refused.ms() < 200);
}

// ---------------------------------------------------------------------------------------------
// What is refused before anything is sent

BOOST_AUTO_TEST_CASE(a_missing_token_file_is_named_and_nothing_is_sent) {
    std::string missing;
    {
        const temporary_file gone("x");
        missing = gone.path();
    }  // removed here
    vars["AWS_WEB_IDENTITY_TOKEN_FILE"] = missing;
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::token_file_unreadable);
    BOOST_TEST(out.says("AWS_WEB_IDENTITY_TOKEN_FILE=" + missing));
    BOOST_TEST(out.says("No such file or directory"));
    BOOST_TEST(out.ms() < 100);
    BOOST_TEST(sts.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(a_token_of_the_largest_size_sts_accepts_is_sent_whole) {
    const std::string largest(mongo_aws::max_web_identity_token_size, 't');
    token.rewrite(largest + "\r\n");
    BOOST_TEST_REQUIRE(fetch().value->has_value());
    BOOST_TEST(fields(0).at("WebIdentityToken") == largest);
}

BOOST_AUTO_TEST_CASE(a_token_longer_than_sts_accepts_is_refused_unsent) {
    token.rewrite(std::string(mongo_aws::max_web_identity_token_size + 1, 't'));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::web_identity_token_invalid);
    BOOST_TEST(out.says("20001 bytes"));
    BOOST_TEST(sts.connections() == 0U);

    token.rewrite(std::string(std::size_t{1} << 20U, 't'));  // a wrong file, read no further
    const auto huge = fetch();
    BOOST_TEST(huge.err().code == errc::token_file_unreadable);
    BOOST_TEST(huge.says("larger than"));
    BOOST_TEST(sts.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(an_empty_token_file_is_refused_and_nothing_is_sent) {
    token.rewrite("\n");
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::web_identity_token_invalid);
    BOOST_TEST(out.says("empty"));
    BOOST_TEST(sts.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(a_token_with_a_line_break_inside_is_never_sent) {
    token.rewrite(jwt + "\r\nX-Injected: yes\n");
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::web_identity_token_invalid);
    BOOST_TEST(out.says("control character"));
    BOOST_TEST(!out.says("X-Injected"));  // the token is never quoted
    BOOST_TEST(sts.connections() == 0U);
}

BOOST_AUTO_TEST_CASE(without_a_role_arn_nothing_is_sent) {
    vars.erase("AWS_ROLE_ARN");
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::source_not_configured);
    BOOST_TEST(out.says("AWS_ROLE_ARN"));
    BOOST_TEST(sts.connections() == 0U);
}

// ---------------------------------------------------------------------------------------------
// STS's refusals

BOOST_AUTO_TEST_CASE(an_invalid_identity_token_is_an_sts_error_with_its_code) {
    sts.route("/", answer(400, sts_error_json("InvalidIdentityToken",
                                              "Couldn't retrieve verification key from your "
                                              "identity provider")));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::sts_error_response);
    BOOST_TEST(out.err().server_code == "InvalidIdentityToken");
    BOOST_TEST(out.err().server_message ==
               "Couldn't retrieve verification key from your identity provider");
    BOOST_TEST(out.says("HTTP 400"));
    BOOST_TEST(out.says("AWS_WEB_IDENTITY_TOKEN_FILE"));
    BOOST_TEST(out.says("7c1f0e2a-0000-4000-8000-00000000abcd"));  // the request id, for support
    BOOST_TEST(out.says(role_arn));                                // which role was asked for
    BOOST_TEST(!out.says(jwt));
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(access_denied_points_at_the_role_and_its_trust_policy) {
    sts.route("/", answer(403, sts_error_json("AccessDenied",
                                              "Not authorized to perform "
                                              "sts:AssumeRoleWithWebIdentity")));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::sts_error_response);
    BOOST_TEST(out.err().server_code == "AccessDenied");
    BOOST_TEST(out.says("HTTP 403"));
    BOOST_TEST(out.says("AWS_ROLE_ARN"));
    BOOST_TEST(out.says("trust policy"));
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(a_500_without_an_error_document_is_an_sts_error_and_not_retried) {
    sts.route("/", answer(500, "Internal Failure"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::sts_error_response);
    BOOST_TEST(out.says("HTTP 500"));
    BOOST_TEST(out.says("not an STS error document"));
    BOOST_TEST(count() == 1U);
}

// ---------------------------------------------------------------------------------------------
// TLS

BOOST_AUTO_TEST_CASE(an_untrusted_certificate_is_refused_at_once) {
    vars["AWS_CA_BUNDLE"] = test::shared_test_pki().untrusted_ca_file().string();
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::tls_failed);
    BOOST_TEST(out.says("certificate not trusted"));
    BOOST_TEST(out.says("STS AssumeRoleWithWebIdentity"));
    BOOST_TEST(out.ms() < 500);
    BOOST_TEST(count() == 0U);
}

BOOST_AUTO_TEST_CASE(a_certificate_for_another_host_is_refused) {
    http_stand_in other(io.get_executor(), tls_with(test::shared_test_pki().wrong_host()));
    other.route("/", answer(200, web_identity_json(access_key_id, expiration)));
    vars = variables_for(other);
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::tls_failed);
    BOOST_TEST(out.says("host name mismatch"));
    BOOST_TEST(out.ms() < 500);
    BOOST_TEST(other.request_count("/") == 0U);
}

// ---------------------------------------------------------------------------------------------
// Timeouts and cancellation

BOOST_AUTO_TEST_CASE(the_default_sts_timeout_is_ten_seconds) {
    BOOST_TEST(mongo_aws::default_sts_timeout.count() == 10);
}

BOOST_AUTO_TEST_CASE(a_hang_times_out_at_the_sts_timeout_without_a_retry) {
    sts.route("/", test::never_answer());
    const auto out = fetch(10s);  // the fetcher's STS timeout, 1 s, ends it
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.says("STS AssumeRoleWithWebIdentity"));
    BOOST_TEST(out.ms() >= 950);
    BOOST_TEST(out.ms() < 1500);
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(the_callers_deadline_caps_the_sts_timeout) {
    sts.route("/", test::never_answer());
    const auto out = run_fetch(io, web_identity_fetcher(), vars, 300ms);  // 10 s STS timeout
    BOOST_TEST(out.err().code == errc::timeout);
    BOOST_TEST(out.ms() >= 280);
    BOOST_TEST(out.ms() < 700);
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_CASE(cancelling_mid_fetch_returns_at_once_and_the_fetcher_still_works) {
    sts.route("/", test::never_answer());
    const auto out = run_fetch(io, fetcher, vars, 10s, 200ms);
    BOOST_TEST(out.err().code == errc::cancelled);
    BOOST_TEST(out.ms() >= 190);
    BOOST_TEST(out.ms() < 500);
    serve_credentials();
    BOOST_TEST(fetch().creds().access_key_id == access_key_id);
    BOOST_TEST(count() == 2U);
}

// ---------------------------------------------------------------------------------------------
// Bodies that are not credentials

BOOST_AUTO_TEST_CASE(malformed_json_is_an_error) {
    sts.route("/", answer(200, R"({"AssumeRoleWithWebIdentityResponse":{"AssumeRole)"));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::json_malformed);
    BOOST_TEST(out.says("STS AssumeRoleWithWebIdentity"));
}

BOOST_AUTO_TEST_CASE(a_10_mb_body_is_refused_at_the_cap) {
    sts.route("/", test::large_body(10U << 20U));
    const auto out = fetch();
    BOOST_TEST(out.err().code == errc::http_body_too_large);
    BOOST_TEST(out.ms() < 1000);
    BOOST_TEST(count() == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
