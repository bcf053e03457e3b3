// The environment snapshot: what the credential chain reads, through an injected lookup (never
// the real process environment).
#define BOOST_TEST_MODULE environment
#include <mongo_aws/environment.hpp>

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <string>

using mongo_aws::errc;
using mongo_aws::read_environment;

namespace {
using variables = std::map<std::string, std::string, std::less<>>;

mongo_aws::environment_lookup lookup_in(variables vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        const auto found = vars.find(name);
        if (found == vars.end()) {
            return std::nullopt;
        }
        return found->second;
    };
}

mongo_aws::environment read_ok(variables vars) {
    auto env = read_environment(lookup_in(std::move(vars)));
    BOOST_TEST_REQUIRE(env.has_value());
    return std::move(env).value();
}

mongo_aws::error read_error(variables vars) {
    auto env = read_environment(lookup_in(std::move(vars)));
    BOOST_TEST_REQUIRE(!env.has_value());
    return env.error();
}

bool mentions(const mongo_aws::error& err, std::string_view text) {
    return err.message.find(text) != std::string::npos;
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_variable_of_the_chain_is_looked_up) {
    std::set<std::string, std::less<>> asked;
    const auto env = read_environment([&](std::string_view name) -> std::optional<std::string> {
        asked.emplace(name);
        return std::nullopt;
    });
    BOOST_TEST_REQUIRE(env.has_value());
    for (const char* name :
         {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
          "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
          "AWS_STS_REGIONAL_ENDPOINTS", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL_STS",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
          "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
          "AWS_METADATA_SERVICE_TIMEOUT", "AWS_METADATA_SERVICE_NUM_ATTEMPTS"}) {
        BOOST_TEST_INFO(name);
        BOOST_TEST(asked.count(name) == 1U);
    }
}

BOOST_AUTO_TEST_CASE(every_variable_lands_in_its_field) {
    const auto env = read_ok({
        {"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
        {"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
        {"AWS_SESSION_TOKEN", "session-token-value"},
        {"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/token"},
        {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app"},
        {"AWS_ROLE_SESSION_NAME", "my-session"},
        {"AWS_STS_REGIONAL_ENDPOINTS", "regional"},
        {"AWS_REGION", "eu-west-1"},
        {"AWS_ENDPOINT_URL_STS", "https://sts.example.test"},
        {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"},
        {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:8080/creds"},
        {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/secrets/ecs"},
        {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer container-token"},
        {"AWS_EC2_METADATA_DISABLED", "false"},
        {"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://[fd00:ec2::254]"},
        {"AWS_METADATA_SERVICE_TIMEOUT", "5"},
        {"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "3"},
    });
    BOOST_TEST(*env.access_key_id == "AKIDEXAMPLE");
    BOOST_TEST(env.secret_access_key->reveal() == "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    BOOST_TEST(env.session_token->reveal() == "session-token-value");
    BOOST_TEST(*env.web_identity_token_file == "/var/run/secrets/token");
    BOOST_TEST(*env.role_arn == "arn:aws:iam::123456789012:role/app");
    BOOST_TEST(*env.role_session_name == "my-session");
    BOOST_TEST((env.sts_endpoints == mongo_aws::sts_endpoints_mode::regional));
    BOOST_TEST(*env.region == "eu-west-1");
    BOOST_TEST(env.region_variable == "AWS_REGION");
    BOOST_TEST(*env.sts_endpoint_url == "https://sts.example.test");
    BOOST_TEST(*env.container_relative_uri == "/v2/credentials/abc");
    BOOST_TEST(*env.container_full_uri == "http://127.0.0.1:8080/creds");
    BOOST_TEST(*env.container_authorization_token_file == "/var/run/secrets/ecs");
    BOOST_TEST(env.container_authorization_token->reveal() == "Bearer container-token");
    BOOST_TEST(!env.ec2_metadata_disabled);
    BOOST_TEST(*env.ec2_metadata_endpoint == "http://[fd00:ec2::254]");
    BOOST_TEST(env.metadata_timeout.count() == 5);
    BOOST_TEST(env.metadata_attempts == 3);
}

BOOST_AUTO_TEST_CASE(unset_variables_give_the_defaults) {
    const auto env = read_ok({});
    BOOST_TEST(!env.access_key_id.has_value());
    BOOST_TEST(!env.secret_access_key.has_value());
    BOOST_TEST(!env.session_token.has_value());
    BOOST_TEST(!env.region.has_value());
    BOOST_TEST((env.sts_endpoints == mongo_aws::sts_endpoints_mode::legacy));
    BOOST_TEST(!env.ec2_metadata_disabled);
    // botocore: metadata_service_timeout default 1 (seconds), metadata_service_num_attempts 1.
    BOOST_TEST(env.metadata_timeout.count() == 1);
    BOOST_TEST(env.metadata_attempts == 1);
}

BOOST_AUTO_TEST_CASE(empty_variable_counts_as_unset) {
    const auto env = read_ok({{"AWS_ACCESS_KEY_ID", ""},
                              {"AWS_SECRET_ACCESS_KEY", ""},
                              {"AWS_SESSION_TOKEN", ""},
                              {"AWS_ROLE_ARN", ""},
                              {"AWS_ROLE_SESSION_NAME", ""},
                              {"AWS_CONTAINER_AUTHORIZATION_TOKEN", ""},
                              {"AWS_EC2_METADATA_DISABLED", ""},
                              {"AWS_METADATA_SERVICE_TIMEOUT", ""},
                              {"AWS_STS_REGIONAL_ENDPOINTS", ""}});
    BOOST_TEST(!env.access_key_id.has_value());
    BOOST_TEST(!env.secret_access_key.has_value());
    BOOST_TEST(!env.session_token.has_value());
    BOOST_TEST(!env.role_arn.has_value());
    BOOST_TEST(!env.role_session_name.has_value());
    BOOST_TEST(!env.container_authorization_token.has_value());
    BOOST_TEST(!env.ec2_metadata_disabled);
    BOOST_TEST(env.metadata_timeout.count() == 1);
    BOOST_TEST((env.sts_endpoints == mongo_aws::sts_endpoints_mode::legacy));
}

BOOST_AUTO_TEST_CASE(aws_region_wins_over_aws_default_region) {
    const auto env = read_ok({{"AWS_REGION", "eu-west-1"}, {"AWS_DEFAULT_REGION", "us-west-2"}});
    BOOST_TEST(*env.region == "eu-west-1");
    BOOST_TEST(env.region_variable == "AWS_REGION");
}

BOOST_AUTO_TEST_CASE(aws_default_region_is_used_when_aws_region_is_unset_or_empty) {
    for (const auto& vars : {variables{{"AWS_DEFAULT_REGION", "us-west-2"}},
                             variables{{"AWS_REGION", ""}, {"AWS_DEFAULT_REGION", "us-west-2"}}}) {
        const auto env = read_ok(vars);
        BOOST_TEST(*env.region == "us-west-2");
        BOOST_TEST(env.region_variable == "AWS_DEFAULT_REGION");
    }
}

BOOST_AUTO_TEST_CASE(metadata_timeout_is_whole_seconds) {
    BOOST_TEST(read_ok({{"AWS_METADATA_SERVICE_TIMEOUT", "10"}}).metadata_timeout.count() == 10);
    BOOST_TEST(read_ok({{"AWS_METADATA_SERVICE_TIMEOUT", "3600"}}).metadata_timeout.count() ==
               3600);
}

BOOST_AUTO_TEST_CASE(fractional_metadata_timeout_is_refused_naming_the_variable) {
    // botocore converts it with int(): "0.5" is not accepted there either.
    const auto err = read_error({{"AWS_METADATA_SERVICE_TIMEOUT", "0.5"}});
    BOOST_TEST((err.code == errc::env_invalid_number));
    BOOST_TEST(mentions(err, "AWS_METADATA_SERVICE_TIMEOUT"));
    BOOST_TEST(mentions(err, "\"0.5\""));
    BOOST_TEST(mentions(err, "whole number of seconds"));
}

BOOST_AUTO_TEST_CASE(metadata_timeout_out_of_range_or_not_a_number_is_refused) {
    for (const char* value :
         {"0", "-1", "+1", " 1", "1 ", "3601", "1s", "abc", "0x10", "99999999999999999999999"}) {
        BOOST_TEST_INFO(value);
        const auto err = read_error({{"AWS_METADATA_SERVICE_TIMEOUT", value}});
        BOOST_TEST((err.code == errc::env_invalid_number));
        BOOST_TEST(mentions(err, "AWS_METADATA_SERVICE_TIMEOUT"));
    }
}

BOOST_AUTO_TEST_CASE(metadata_attempts_must_be_a_whole_number_from_1_to_20) {
    BOOST_TEST(read_ok({{"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "20"}}).metadata_attempts == 20);
    for (const char* value : {"0", "21", "1.5", "two", "-3"}) {
        BOOST_TEST_INFO(value);
        const auto err = read_error({{"AWS_METADATA_SERVICE_NUM_ATTEMPTS", value}});
        BOOST_TEST((err.code == errc::env_invalid_number));
        BOOST_TEST(mentions(err, "AWS_METADATA_SERVICE_NUM_ATTEMPTS"));
    }
}

BOOST_AUTO_TEST_CASE(ec2_metadata_disabled_is_true_in_any_case) {
    for (const char* value : {"true", "TRUE", "True"}) {
        BOOST_TEST_INFO(value);
        BOOST_TEST(read_ok({{"AWS_EC2_METADATA_DISABLED", value}}).ec2_metadata_disabled);
    }
    BOOST_TEST(!read_ok({{"AWS_EC2_METADATA_DISABLED", "False"}}).ec2_metadata_disabled);
}

BOOST_AUTO_TEST_CASE(ec2_metadata_disabled_other_than_true_or_false_is_refused) {
    for (const char* value : {"1", "yes", "on", "true "}) {
        BOOST_TEST_INFO(value);
        const auto err = read_error({{"AWS_EC2_METADATA_DISABLED", value}});
        BOOST_TEST((err.code == errc::env_invalid_value));
        BOOST_TEST(mentions(err, "AWS_EC2_METADATA_DISABLED"));
    }
}

BOOST_AUTO_TEST_CASE(sts_regional_endpoints_is_legacy_or_regional) {
    BOOST_TEST((read_ok({{"AWS_STS_REGIONAL_ENDPOINTS", "Regional"}}).sts_endpoints ==
                mongo_aws::sts_endpoints_mode::regional));
    BOOST_TEST((read_ok({{"AWS_STS_REGIONAL_ENDPOINTS", "legacy"}}).sts_endpoints ==
                mongo_aws::sts_endpoints_mode::legacy));
    const auto err = read_error({{"AWS_STS_REGIONAL_ENDPOINTS", "global"}});
    BOOST_TEST((err.code == errc::env_invalid_value));
    BOOST_TEST(mentions(err, "AWS_STS_REGIONAL_ENDPOINTS"));
}

BOOST_AUTO_TEST_CASE(untrusted_values_are_quoted_bounded_in_messages) {
    const std::string long_value(500, '7');
    const auto err = read_error({{"AWS_METADATA_SERVICE_TIMEOUT", long_value + "\n"}});
    BOOST_TEST(err.message.find(long_value) == std::string::npos);
    BOOST_TEST(err.message.find('\n') == std::string::npos);
    BOOST_TEST(err.message.size() < 300U);
}

BOOST_AUTO_TEST_CASE(secrets_never_appear_in_an_error) {
    const auto err = read_error({{"AWS_SECRET_ACCESS_KEY", "SECRET-KEY-VALUE"},
                                 {"AWS_SESSION_TOKEN", "SESSION-TOKEN-VALUE"},
                                 {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "CONTAINER-TOKEN-VALUE"},
                                 {"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "many"}});
    for (const char* secret :
         {"SECRET-KEY-VALUE", "SESSION-TOKEN-VALUE", "CONTAINER-TOKEN-VALUE"}) {
        BOOST_TEST(err.to_string().find(secret) == std::string::npos);
    }
}
