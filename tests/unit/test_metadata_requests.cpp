// The requests of IMDSv2, the container endpoint and STS AssumeRoleWithWebIdentity: what goes
// on the wire, and every outside value that is refused before it gets there.
#define BOOST_TEST_MODULE metadata_requests
#include "support/injected_environment.hpp"

#include <mongo_aws/metadata_requests.hpp>

#include <boost/test/unit_test.hpp>

#include <map>
#include <sstream>
#include <string>

using mongo_aws::endpoint_request;
using mongo_aws::errc;
using mongo_aws::secret_string;
using mongo_aws::url_scheme;
using mongo_aws::test::env_of;
using mongo_aws::test::variables;

namespace {
std::string header(const endpoint_request& request, std::string_view name) {
    const auto* found = request.find_header(name);
    return found == nullptr ? std::string("<absent>") : std::string(found->value.reveal());
}

std::string printed(const endpoint_request& request) {
    std::ostringstream out;
    out << request;
    return out.str();
}

bool mentions(const mongo_aws::error& err, std::string_view text) {
    return err.to_string().find(text) != std::string::npos;
}

const secret_string imds_token("AQAEAFTokenExampleValue==");

mongo_aws::endpoint_location default_imds() {
    auto endpoint = mongo_aws::imds_endpoint(env_of({}));
    BOOST_TEST_REQUIRE(endpoint.has_value());
    return *endpoint;
}

mongo_aws::container_request container(const variables& vars,
                                       const secret_string* from_file = nullptr) {
    auto request = mongo_aws::container_credentials_request(env_of(vars), from_file);
    BOOST_TEST_REQUIRE(request.has_value());
    return std::move(request).value();
}

mongo_aws::error container_error(const variables& vars) {
    auto request = mongo_aws::container_credentials_request(env_of(vars));
    BOOST_TEST_REQUIRE(!request.has_value());
    return request.error();
}

const variables web_identity_vars{{"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/token"},
                                  {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app"},
                                  {"AWS_ROLE_SESSION_NAME", "session-1"}};

const secret_string web_token("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhcHAifQ.c2lnbmF0dXJl");

endpoint_request sts_request(const variables& vars, const secret_string& token = web_token) {
    auto request = mongo_aws::web_identity_request(env_of(vars), token);
    BOOST_TEST_REQUIRE(request.has_value());
    return std::move(request).value();
}

mongo_aws::sts_endpoint sts_endpoint_of(const variables& vars) {
    auto endpoint = mongo_aws::web_identity_sts_endpoint(env_of(vars));
    BOOST_TEST_REQUIRE(endpoint.has_value());
    return std::move(endpoint).value();
}
}  // namespace

// ---------------------------------------------------------------------------- IMDSv2

BOOST_AUTO_TEST_SUITE(imds)

BOOST_AUTO_TEST_CASE(default_endpoint_is_169_254_169_254_over_http) {
    const auto endpoint = default_imds();
    BOOST_TEST((endpoint.scheme == url_scheme::http));
    BOOST_TEST(endpoint.host == "169.254.169.254");
    BOOST_TEST(endpoint.port == 80);
}

BOOST_AUTO_TEST_CASE(token_request_is_a_put_asking_a_six_hour_ttl) {
    const auto request = mongo_aws::imds_token_request(default_imds());
    BOOST_TEST(request.method == "PUT");
    BOOST_TEST(request.url() == "http://169.254.169.254/latest/api/token");
    // 21600 s: the maximum TTL IMDS grants (AWS EC2 user guide, "Use IMDSv2").
    BOOST_TEST(header(request, "X-aws-ec2-metadata-token-ttl-seconds") == "21600");
    BOOST_TEST(request.body.empty());
}

BOOST_AUTO_TEST_CASE(role_name_request_carries_the_token) {
    const auto request = mongo_aws::imds_role_name_request(default_imds(), imds_token);
    BOOST_TEST_REQUIRE(request.has_value());
    BOOST_TEST(request->method == "GET");
    BOOST_TEST(request->target == "/latest/meta-data/iam/security-credentials/");
    BOOST_TEST(header(*request, "X-aws-ec2-metadata-token") == "AQAEAFTokenExampleValue==");
    BOOST_TEST(request->find_header("X-aws-ec2-metadata-token")->sensitive);
}

BOOST_AUTO_TEST_CASE(credentials_request_names_the_role) {
    const auto request =
        mongo_aws::imds_credentials_request(default_imds(), imds_token, "my-instance-role");
    BOOST_TEST_REQUIRE(request.has_value());
    BOOST_TEST(request->target == "/latest/meta-data/iam/security-credentials/my-instance-role");
    BOOST_TEST(header(*request, "X-aws-ec2-metadata-token") == "AQAEAFTokenExampleValue==");
}

BOOST_AUTO_TEST_CASE(role_name_is_percent_encoded_in_the_path) {
    // IAM allows + = , . @ _ - in role names; the reserved ones are encoded (RFC 3986).
    const auto request =
        mongo_aws::imds_credentials_request(default_imds(), imds_token, "Role+Name=1,a@b_c.d-e");
    BOOST_TEST_REQUIRE(request.has_value());
    BOOST_TEST(request->target ==
               "/latest/meta-data/iam/security-credentials/Role%2BName%3D1%2Ca%40b_c.d-e");
}

BOOST_AUTO_TEST_CASE(role_name_reply_is_trimmed) {
    const auto role = mongo_aws::parse_imds_role_name("  my-instance-role\r\n");
    BOOST_TEST_REQUIRE(role.has_value());
    BOOST_TEST(*role == "my-instance-role");
}

BOOST_AUTO_TEST_CASE(role_name_with_control_characters_slash_or_dots_is_refused) {
    for (const std::string& bad :
         {std::string("role\r\nX-Injected: 1"), std::string("a\nb"), std::string("ro\0le", 5),
          std::string("role\x7f"), std::string("../../latest/api/token"), std::string("a/b"),
          std::string(".."), std::string("."), std::string(""), std::string("   \n"),
          std::string(65, 'r')}) {
        BOOST_TEST_INFO(bad);
        const auto parsed = mongo_aws::parse_imds_role_name(bad);
        BOOST_TEST_REQUIRE(!parsed.has_value());
        BOOST_TEST((parsed.error().code == errc::imds_role_name_invalid));
        const auto request = mongo_aws::imds_credentials_request(default_imds(), imds_token, bad);
        BOOST_TEST_REQUIRE(!request.has_value());
        BOOST_TEST((request.error().code == errc::imds_role_name_invalid));
    }
}

BOOST_AUTO_TEST_CASE(two_roles_are_reported_as_more_than_one_line) {
    const auto parsed = mongo_aws::parse_imds_role_name("role-a\nrole-b\n");
    BOOST_TEST_REQUIRE(!parsed.has_value());
    BOOST_TEST(mentions(parsed.error(), "more than one line"));
}

BOOST_AUTO_TEST_CASE(no_role_says_attach_an_instance_profile) {
    const auto parsed = mongo_aws::parse_imds_role_name("");
    BOOST_TEST_REQUIRE(!parsed.has_value());
    BOOST_TEST(mentions(parsed.error(), "instance profile"));
}

BOOST_AUTO_TEST_CASE(token_reply_is_trimmed_of_its_trailing_newline) {
    const auto token = mongo_aws::parse_imds_token("AQAEAFTokenExampleValue==\n");
    BOOST_TEST_REQUIRE(token.has_value());
    BOOST_TEST(token->reveal() == "AQAEAFTokenExampleValue==");
}

BOOST_AUTO_TEST_CASE(token_with_control_characters_is_refused_and_never_sent) {
    for (const std::string& bad : {std::string("TOKEN-PART\r\nX-Injected: 1"),
                                   std::string("TOKEN\0PART", 10), std::string("TOKEN\tPART")}) {
        const auto parsed = mongo_aws::parse_imds_token(bad);
        BOOST_TEST_REQUIRE(!parsed.has_value());
        BOOST_TEST((parsed.error().code == errc::imds_token_invalid));
        BOOST_TEST(!mentions(parsed.error(), "TOKEN"));
        const auto request = mongo_aws::imds_role_name_request(default_imds(), secret_string(bad));
        BOOST_TEST_REQUIRE(!request.has_value());
        BOOST_TEST((request.error().code == errc::imds_token_invalid));
        BOOST_TEST(!mentions(request.error(), "TOKEN"));
    }
}

BOOST_AUTO_TEST_CASE(empty_or_oversized_token_is_refused) {
    for (const std::string& bad : {std::string(""), std::string("\n"), std::string(4097, 'A')}) {
        const auto parsed = mongo_aws::parse_imds_token(bad);
        BOOST_TEST_REQUIRE(!parsed.has_value());
        BOOST_TEST((parsed.error().code == errc::imds_token_invalid));
    }
}

BOOST_AUTO_TEST_CASE(endpoint_override_is_used) {
    const auto endpoint = mongo_aws::imds_endpoint(
        env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1338"}}));
    BOOST_TEST_REQUIRE(endpoint.has_value());
    const auto request = mongo_aws::imds_token_request(*endpoint);
    BOOST_TEST(request.host == "127.0.0.1");
    BOOST_TEST(request.port == 1338);
    BOOST_TEST(request.host_header() == "127.0.0.1:1338");
    BOOST_TEST(request.target == "/latest/api/token");
}

BOOST_AUTO_TEST_CASE(endpoint_override_may_be_ipv6) {
    const auto endpoint = mongo_aws::imds_endpoint(
        env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://[fd00:ec2::254]/"}}));
    BOOST_TEST_REQUIRE(endpoint.has_value());
    const auto request = mongo_aws::imds_token_request(*endpoint);
    BOOST_TEST(request.host == "fd00:ec2::254");
    BOOST_TEST(request.port == 80);
    BOOST_TEST(request.host_header() == "[fd00:ec2::254]");
    BOOST_TEST(request.url() == "http://[fd00:ec2::254]/latest/api/token");
}

BOOST_AUTO_TEST_CASE(endpoint_override_path_is_a_prefix) {
    const auto endpoint = mongo_aws::imds_endpoint(
        env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "https://imds.example.test/proxy/"}}));
    BOOST_TEST_REQUIRE(endpoint.has_value());
    const auto request = mongo_aws::imds_token_request(*endpoint);
    BOOST_TEST((request.scheme == url_scheme::https));
    BOOST_TEST(request.port == 443);
    BOOST_TEST(request.target == "/proxy/latest/api/token");
}

BOOST_AUTO_TEST_CASE(malformed_endpoint_override_is_refused_naming_the_variable) {
    for (const char* bad : {"169.254.169.254", "ftp://169.254.169.254",
                            "http://user:pw@169.254.169.254", "http://", "http://[fd00:ec2::254",
                            "http://[not-ipv6]", "http://[fe80::1%25eth0]", "http://fd00:ec2::254",
                            "http://host:0", "http://host:65536", "http://host:", "http://host/a b",
                            "http://host/#frag", "http://host/?q=1", "http://h\xc3\xa9st/"}) {
        BOOST_TEST_INFO(bad);
        const auto endpoint =
            mongo_aws::imds_endpoint(env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", bad}}));
        BOOST_TEST_REQUIRE(!endpoint.has_value());
        BOOST_TEST((endpoint.error().code == errc::endpoint_url_invalid));
        BOOST_TEST(mentions(endpoint.error(), "AWS_EC2_METADATA_SERVICE_ENDPOINT"));
    }
}

BOOST_AUTO_TEST_CASE(printed_request_redacts_the_token) {
    const auto request = mongo_aws::imds_role_name_request(default_imds(), imds_token);
    BOOST_TEST_REQUIRE(request.has_value());
    const auto text = printed(*request);
    BOOST_TEST(text.find("AQAEAFTokenExampleValue") == std::string::npos);
    BOOST_TEST(text.find("X-aws-ec2-metadata-token: <redacted>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------- Containers

BOOST_AUTO_TEST_SUITE(ecs)

BOOST_AUTO_TEST_CASE(relative_uri_goes_to_169_254_170_2) {
    const auto out = container({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"}});
    BOOST_TEST(out.request.method == "GET");
    BOOST_TEST((out.request.scheme == url_scheme::http));
    BOOST_TEST(out.request.host == "169.254.170.2");
    BOOST_TEST(out.request.port == 80);
    BOOST_TEST(out.request.target == "/v2/credentials/abc");
    BOOST_TEST(out.request.url() == "http://169.254.170.2/v2/credentials/abc");
    BOOST_TEST(!out.check_resolved_addresses);
    BOOST_TEST(out.request.find_header("Authorization") == nullptr);
}

BOOST_AUTO_TEST_CASE(relative_uri_without_leading_slash_gets_one) {
    const auto out = container({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "v2/credentials/abc"}});
    BOOST_TEST(out.request.target == "/v2/credentials/abc");
}

BOOST_AUTO_TEST_CASE(relative_uri_with_control_characters_or_spaces_is_refused) {
    for (const char* bad : {"/v2/creds\r\nX-Injected: 1", "/v2/cre ds", "/v2/creds#x",
                            "/v2/cr\xc3\xa9"
                            "ds"}) {
        BOOST_TEST_INFO(bad);
        const auto err = container_error({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", bad}});
        BOOST_TEST((err.code == errc::container_relative_uri_invalid));
        BOOST_TEST(mentions(err, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
    }
}

BOOST_AUTO_TEST_CASE(relative_uri_wins_over_full_uri) {
    const auto out =
        container({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"},
                   {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:8080/other"}});
    BOOST_TEST(out.request.url() == "http://169.254.170.2/v2/credentials/abc");
}

BOOST_AUTO_TEST_CASE(full_uri_is_used_as_given) {
    const auto out = container(
        {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials?a=1"}});
    BOOST_TEST(out.request.host == "169.254.170.23");
    BOOST_TEST(out.request.target == "/v1/credentials?a=1");
}

BOOST_AUTO_TEST_CASE(https_full_uri_may_go_to_any_host) {
    const auto out =
        container({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "https://creds.example.test:8443/c"}});
    BOOST_TEST((out.request.scheme == url_scheme::https));
    BOOST_TEST(out.request.host == "creds.example.test");
    BOOST_TEST(out.request.port == 8443);
    BOOST_TEST(!out.check_resolved_addresses);
}

BOOST_AUTO_TEST_CASE(http_full_uri_with_a_host_name_needs_the_address_check) {
    const auto out =
        container({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://localhost:8080/creds"}});
    BOOST_TEST(out.check_resolved_addresses);
}

BOOST_AUTO_TEST_CASE(http_full_uri_with_a_foreign_address_is_refused_at_once) {
    const auto err = container_error({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://10.0.0.5/c"}});
    BOOST_TEST((err.code == errc::container_address_not_allowed));
    BOOST_TEST(mentions(err, "10.0.0.5"));
}

BOOST_AUTO_TEST_CASE(http_full_uri_with_an_allowed_address_needs_no_later_check) {
    for (const char* uri : {"http://127.0.0.1:8080/c", "http://[::1]:8080/c",
                            "http://[fd00:ec2::23]/v1/credentials"}) {
        BOOST_TEST_INFO(uri);
        const auto out = container({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", uri}});
        BOOST_TEST(!out.check_resolved_addresses);
    }
}

BOOST_AUTO_TEST_CASE(malformed_full_uri_is_refused_naming_the_variable) {
    const auto err =
        container_error({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "file:///etc/passwd"}});
    BOOST_TEST((err.code == errc::endpoint_url_invalid));
    BOOST_TEST(mentions(err, "AWS_CONTAINER_CREDENTIALS_FULL_URI"));
}

BOOST_AUTO_TEST_CASE(no_container_uri_is_not_configured) {
    const auto err = container_error({});
    BOOST_TEST((err.code == errc::source_not_configured));
}

BOOST_AUTO_TEST_CASE(token_variable_becomes_the_authorization_header) {
    const auto out =
        container({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"},
                   {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer VARIABLE-TOKEN"}});
    BOOST_TEST(header(out.request, "Authorization") == "Bearer VARIABLE-TOKEN");
    BOOST_TEST(out.request.find_header("Authorization")->sensitive);
    BOOST_TEST(printed(out.request).find("VARIABLE-TOKEN") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(token_file_wins_over_token_variable) {
    const auto from_file = mongo_aws::parse_container_authorization_token("FILE-TOKEN\n");
    BOOST_TEST_REQUIRE(from_file.has_value());
    const auto out =
        container({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"},
                   {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/secrets/eks-token"},
                   {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "VARIABLE-TOKEN"}},
                  &*from_file);
    BOOST_TEST(header(out.request, "Authorization") == "FILE-TOKEN");
}

BOOST_AUTO_TEST_CASE(token_file_configured_but_not_read_is_an_error) {
    const auto err =
        container_error({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/c"},
                         {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/secrets/t"}});
    BOOST_TEST((err.code == errc::source_not_configured));
    BOOST_TEST(mentions(err, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
}

BOOST_AUTO_TEST_CASE(token_file_contents_are_trimmed_of_the_trailing_newline) {
    const auto token = mongo_aws::parse_container_authorization_token("Bearer abc\r\n");
    BOOST_TEST_REQUIRE(token.has_value());
    BOOST_TEST(token->reveal() == "Bearer abc");
}

BOOST_AUTO_TEST_CASE(token_file_with_control_characters_or_empty_is_refused) {
    for (const std::string& bad :
         {std::string("SECRET-PART\r\nX-Injected: 1"), std::string("SECRET\0PART", 11),
          std::string(""), std::string("\n"), std::string(16385, 'A')}) {
        const auto token = mongo_aws::parse_container_authorization_token(bad);
        BOOST_TEST_REQUIRE(!token.has_value());
        BOOST_TEST((token.error().code == errc::container_authorization_token_invalid));
        BOOST_TEST(!mentions(token.error(), "SECRET"));
    }
}

BOOST_AUTO_TEST_CASE(token_variable_with_control_characters_is_refused_and_never_sent) {
    const auto err =
        container_error({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds"},
                         {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "SECRET-PART\nX-Injected: 1"}});
    BOOST_TEST((err.code == errc::container_authorization_token_invalid));
    BOOST_TEST(mentions(err, "AWS_CONTAINER_AUTHORIZATION_TOKEN"));
    BOOST_TEST(!mentions(err, "SECRET-PART"));
}

BOOST_AUTO_TEST_CASE(allowed_addresses_are_loopback_and_the_container_agents) {
    for (const char* address :
         {"127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]", "169.254.170.2",
          "169.254.170.23", "fd00:ec2::23", "fd00:0ec2:0:0:0:0:0:23"}) {
        BOOST_TEST_INFO(address);
        BOOST_TEST(mongo_aws::check_container_addresses({address}).has_value());
    }
}

BOOST_AUTO_TEST_CASE(ipv4_mapped_ipv6_is_judged_by_its_ipv4_address) {
    BOOST_TEST(mongo_aws::check_container_addresses({"::ffff:169.254.170.2"}).has_value());
    BOOST_TEST(mongo_aws::check_container_addresses({"::ffff:127.0.0.1"}).has_value());
    const auto refused = mongo_aws::check_container_addresses({"::ffff:10.0.0.1"});
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST((refused.error().code == errc::container_address_not_allowed));
}

BOOST_AUTO_TEST_CASE(other_addresses_are_refused_with_the_address_named) {
    for (const char* address :
         {"10.0.0.5", "169.254.169.254", "169.254.170.3", "128.0.0.1", "0.0.0.0", "::", "::2",
          "fe80::1", "fd00:ec2::254", "::127.0.0.1", "64:ff9b::a9fe:aa02"}) {
        BOOST_TEST_INFO(address);
        const auto refused = mongo_aws::check_container_addresses({address}, "creds.internal");
        BOOST_TEST_REQUIRE(!refused.has_value());
        BOOST_TEST((refused.error().code == errc::container_address_not_allowed));
        BOOST_TEST(mentions(refused.error(), address));
        BOOST_TEST(mentions(refused.error(), "creds.internal"));
    }
}

BOOST_AUTO_TEST_CASE(one_foreign_address_among_allowed_ones_is_refused) {
    const auto refused =
        mongo_aws::check_container_addresses({"127.0.0.1", "::1", "192.0.2.7"}, "localhost");
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(mentions(refused.error(), "192.0.2.7"));
}

BOOST_AUTO_TEST_CASE(no_address_or_a_non_address_is_refused) {
    for (const std::vector<std::string>& addresses :
         {std::vector<std::string>{}, std::vector<std::string>{"localhost"},
          std::vector<std::string>{"fe80::1%eth0"}, std::vector<std::string>{""}}) {
        const auto refused = mongo_aws::check_container_addresses(addresses);
        BOOST_TEST_REQUIRE(!refused.has_value());
        BOOST_TEST((refused.error().code == errc::container_address_not_allowed));
    }
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------- STS

BOOST_AUTO_TEST_SUITE(web_identity)

BOOST_AUTO_TEST_CASE(default_endpoint_is_the_global_sts) {
    const auto endpoint = sts_endpoint_of(web_identity_vars);
    BOOST_TEST((endpoint.location.scheme == url_scheme::https));
    BOOST_TEST(endpoint.location.host == "sts.amazonaws.com");
    BOOST_TEST(endpoint.location.port == 443);
    BOOST_TEST(endpoint.location.target == "/");
}

BOOST_AUTO_TEST_CASE(regional_setting_with_a_region_uses_the_regional_sts) {
    auto vars = web_identity_vars;
    vars.emplace("AWS_STS_REGIONAL_ENDPOINTS", "regional");
    vars.emplace("AWS_REGION", "eu-west-1");
    const auto request = sts_request(vars);
    BOOST_TEST(request.url() == "https://sts.eu-west-1.amazonaws.com/");
    BOOST_TEST(sts_endpoint_of(vars).reason.find("AWS_REGION=eu-west-1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(regional_setting_accepts_aws_default_region) {
    auto vars = web_identity_vars;
    vars.emplace("AWS_STS_REGIONAL_ENDPOINTS", "regional");
    vars.emplace("AWS_DEFAULT_REGION", "ap-southeast-2");
    BOOST_TEST(sts_endpoint_of(vars).location.host == "sts.ap-southeast-2.amazonaws.com");
}

BOOST_AUTO_TEST_CASE(china_regions_use_the_china_domain) {
    auto vars = web_identity_vars;
    vars.emplace("AWS_STS_REGIONAL_ENDPOINTS", "regional");
    vars.emplace("AWS_REGION", "cn-north-1");
    BOOST_TEST(sts_endpoint_of(vars).location.host == "sts.cn-north-1.amazonaws.com.cn");
}

BOOST_AUTO_TEST_CASE(regional_setting_without_a_region_stays_global_and_says_why) {
    auto vars = web_identity_vars;
    vars.emplace("AWS_STS_REGIONAL_ENDPOINTS", "regional");
    const auto endpoint = sts_endpoint_of(vars);
    BOOST_TEST(endpoint.location.host == "sts.amazonaws.com");
    BOOST_TEST(endpoint.reason.find("neither AWS_REGION nor AWS_DEFAULT_REGION") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(region_without_the_regional_setting_stays_global) {
    auto vars = web_identity_vars;
    vars.emplace("AWS_REGION", "eu-west-1");
    BOOST_TEST(sts_endpoint_of(vars).location.host == "sts.amazonaws.com");
}

BOOST_AUTO_TEST_CASE(endpoint_url_sts_overrides_both) {
    auto vars = web_identity_vars;
    vars.emplace("AWS_STS_REGIONAL_ENDPOINTS", "regional");
    vars.emplace("AWS_REGION", "eu-west-1");
    vars.emplace("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:4566");
    const auto request = sts_request(vars);
    BOOST_TEST((request.scheme == url_scheme::http));
    BOOST_TEST(request.host == "127.0.0.1");
    BOOST_TEST(request.port == 4566);
    BOOST_TEST(request.target == "/");
}

BOOST_AUTO_TEST_CASE(malformed_endpoint_url_sts_is_refused_naming_the_variable) {
    auto vars = web_identity_vars;
    vars.emplace("AWS_ENDPOINT_URL_STS", "sts.example.test");
    const auto request = mongo_aws::web_identity_request(env_of(vars), web_token);
    BOOST_TEST_REQUIRE(!request.has_value());
    BOOST_TEST((request.error().code == errc::endpoint_url_invalid));
    BOOST_TEST(mentions(request.error(), "AWS_ENDPOINT_URL_STS"));
}

BOOST_AUTO_TEST_CASE(a_region_that_is_not_a_region_name_is_refused) {
    for (const char* bad : {"eu-west-1.evil.test/", "EU-WEST-1", "-eu", "eu west"}) {
        BOOST_TEST_INFO(bad);
        auto vars = web_identity_vars;
        vars.emplace("AWS_STS_REGIONAL_ENDPOINTS", "regional");
        vars.emplace("AWS_REGION", bad);
        const auto endpoint = mongo_aws::web_identity_sts_endpoint(env_of(vars));
        BOOST_TEST_REQUIRE(!endpoint.has_value());
        BOOST_TEST((endpoint.error().code == errc::region_invalid));
        BOOST_TEST(mentions(endpoint.error(), "AWS_REGION"));
    }
}

BOOST_AUTO_TEST_CASE(request_is_an_unsigned_json_form_post) {
    const auto request = sts_request(web_identity_vars);
    BOOST_TEST(request.method == "POST");
    BOOST_TEST(header(request, "Accept") == "application/json");
    BOOST_TEST(header(request, "Content-Type") == "application/x-www-form-urlencoded");
    BOOST_TEST(request.find_header("Authorization") == nullptr);
    BOOST_TEST(request.body.reveal() ==
               "Action=AssumeRoleWithWebIdentity"
               "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fapp"
               "&RoleSessionName=session-1"
               "&WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhcHAifQ.c2lnbmF0dXJl"
               "&Version=2011-06-15");
}

BOOST_AUTO_TEST_CASE(every_value_is_percent_encoded_keeping_only_unreserved_bytes) {
    // Expected by RFC 3986 section 2.3: ALPHA DIGIT - . _ ~ kept, every other byte %XX.
    auto vars = web_identity_vars;
    vars["AWS_ROLE_ARN"] = "arn:aws:iam::1:role/a b+c&d=e%f";
    vars["AWS_ROLE_SESSION_NAME"] = "s@x,y.z_~";
    const auto request = sts_request(vars, secret_string("t/k+n=\xc3\xa9~-._"));
    BOOST_TEST(request.body.reveal() ==
               "Action=AssumeRoleWithWebIdentity"
               "&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b%2Bc%26d%3De%25f"
               "&RoleSessionName=s%40x%2Cy.z_~"
               "&WebIdentityToken=t%2Fk%2Bn%3D%C3%A9~-._"
               "&Version=2011-06-15");
}

BOOST_AUTO_TEST_CASE(session_name_is_random_when_unset) {
    auto vars = web_identity_vars;
    vars.erase("AWS_ROLE_SESSION_NAME");
    const auto request = sts_request(vars);
    const std::string body(request.body.reveal());
    const auto name_at = body.find("&RoleSessionName=mongo-aws-");
    BOOST_TEST_REQUIRE(name_at != std::string::npos);
    const auto random = mongo_aws::random_role_session_name();
    BOOST_TEST_REQUIRE(random.has_value());
    BOOST_TEST(random->size() == 42U);  // "mongo-aws-" + 32 hex digits; STS allows 2..64
    BOOST_TEST(random->find_first_not_of("0123456789abcdef", 10) == std::string::npos);
    const auto again = mongo_aws::random_role_session_name();
    BOOST_TEST(*random != *again);
}

BOOST_AUTO_TEST_CASE(session_name_is_random_when_empty) {
    auto vars = web_identity_vars;
    vars["AWS_ROLE_SESSION_NAME"] = "";
    const auto request = sts_request(vars);
    BOOST_TEST(std::string(request.body.reveal()).find("&RoleSessionName=mongo-aws-") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_role_arn_is_not_configured) {
    auto vars = web_identity_vars;
    vars.erase("AWS_ROLE_ARN");
    const auto request = mongo_aws::web_identity_request(env_of(vars), web_token);
    BOOST_TEST_REQUIRE(!request.has_value());
    BOOST_TEST((request.error().code == errc::source_not_configured));
    BOOST_TEST(mentions(request.error(), "AWS_ROLE_ARN"));
}

BOOST_AUTO_TEST_CASE(token_file_contents_are_trimmed_of_trailing_whitespace) {
    const auto token = mongo_aws::parse_web_identity_token("eyJ.abc.def \r\n\n");
    BOOST_TEST_REQUIRE(token.has_value());
    BOOST_TEST(token->reveal() == "eyJ.abc.def");
}

BOOST_AUTO_TEST_CASE(empty_token_file_is_refused) {
    for (const char* contents : {"", "\n", "  \r\n"}) {
        const auto token = mongo_aws::parse_web_identity_token(contents);
        BOOST_TEST_REQUIRE(!token.has_value());
        BOOST_TEST((token.error().code == errc::web_identity_token_invalid));
        BOOST_TEST(mentions(token.error(), "AWS_WEB_IDENTITY_TOKEN_FILE"));
    }
    const auto request = mongo_aws::web_identity_request(env_of(web_identity_vars), {});
    BOOST_TEST_REQUIRE(!request.has_value());
    BOOST_TEST((request.error().code == errc::web_identity_token_invalid));
}

BOOST_AUTO_TEST_CASE(token_file_with_control_characters_or_too_long_is_refused) {
    for (const std::string& bad :
         {std::string("SECRET-JWT\0rest", 15), std::string("SECRET-JWT\nsecond line"),
          std::string(20001, 'A')}) {
        const auto token = mongo_aws::parse_web_identity_token(bad);
        BOOST_TEST_REQUIRE(!token.has_value());
        BOOST_TEST((token.error().code == errc::web_identity_token_invalid));
        BOOST_TEST(!mentions(token.error(), "SECRET-JWT"));
    }
}

BOOST_AUTO_TEST_CASE(printed_request_never_shows_the_token) {
    const auto request = sts_request(web_identity_vars);
    const auto text = printed(request);
    BOOST_TEST(text.find("eyJhbGciOiJSUzI1NiJ9") == std::string::npos);
    BOOST_TEST(text.find("POST https://sts.amazonaws.com/") == 0U);
    BOOST_TEST(text.find("<redacted>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
