// Source selection: which ONE credential source the MongoDB specification's policy picks, the
// report of every source, and the candidates of the AWS-SDK-style policy.
#define BOOST_TEST_MODULE credential_sources
#include "support/injected_environment.hpp"

#include <mongo_aws/credential_sources.hpp>

#include <boost/test/unit_test.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

using mongo_aws::credential_source;
using mongo_aws::errc;
using mongo_aws::source_status;
using mongo_aws::test::env_of;
using mongo_aws::test::variables;

namespace {
mongo_aws::source_selection select(const variables& vars, bool custom = false,
                                   const mongo_aws::credentials* given = nullptr) {
    return mongo_aws::select_credential_source(given, custom, env_of(vars));
}

const mongo_aws::source_report& report_of(const mongo_aws::source_selection& selection,
                                          credential_source source) {
    for (const auto& report : selection.reports) {
        if (report.source == source) {
            return report;
        }
    }
    BOOST_FAIL("no report for the source");
    return selection.reports.front();
}

std::string printed(const mongo_aws::source_selection& selection) {
    std::ostringstream out;
    out << selection;
    return out.str();
}

mongo_aws::credentials given_credentials() {
    mongo_aws::credentials creds;
    creds.access_key_id = "AKIDGIVEN";
    creds.secret_access_key = mongo_aws::secret_string("GIVEN-SECRET");
    return creds;
}

const variables disabled_ec2{{"AWS_EC2_METADATA_DISABLED", "true"}};

const variables everything{
    {"AWS_ACCESS_KEY_ID", "AKIDENV"},
    {"AWS_SECRET_ACCESS_KEY", "ENV-SECRET-KEY"},
    {"AWS_SESSION_TOKEN", "ENV-SESSION-TOKEN"},
    {"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/token"},
    {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app"},
    {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"},
    {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "CONTAINER-TOKEN"},
};
}  // namespace

BOOST_AUTO_TEST_CASE(sources_have_report_names) {
    BOOST_TEST(to_string(credential_source::explicit_credentials) == "explicit");
    BOOST_TEST(to_string(credential_source::custom) == "custom");
    BOOST_TEST(to_string(credential_source::environment) == "environment");
    BOOST_TEST(to_string(credential_source::web_identity) == "web_identity");
    BOOST_TEST(to_string(credential_source::ecs) == "ecs");
    BOOST_TEST(to_string(credential_source::ec2) == "ec2");
}

BOOST_AUTO_TEST_CASE(every_source_is_reported_in_priority_order) {
    const auto selection = select({});
    std::vector<credential_source> order;
    for (const auto& report : selection.reports) {
        order.push_back(report.source);
    }
    const std::vector<credential_source> expected{credential_source::explicit_credentials,
                                                  credential_source::custom,
                                                  credential_source::environment,
                                                  credential_source::web_identity,
                                                  credential_source::ecs,
                                                  credential_source::ec2};
    BOOST_TEST(order == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(explicit_credentials_come_first) {
    const auto given = given_credentials();
    const auto selection = select(everything, true, &given);
    BOOST_TEST_REQUIRE(selection.chosen.has_value());
    BOOST_TEST((*selection.chosen == credential_source::explicit_credentials));
    for (const auto source :
         {credential_source::custom, credential_source::environment,
          credential_source::web_identity, credential_source::ecs, credential_source::ec2}) {
        BOOST_TEST((report_of(selection, source).status == source_status::shadowed));
    }
}

BOOST_AUTO_TEST_CASE(explicit_credentials_without_secret_are_an_error) {
    auto given = given_credentials();
    given.secret_access_key.clear();
    const auto selection = select({}, false, &given);
    BOOST_TEST_REQUIRE(!selection.chosen.has_value());
    BOOST_TEST((selection.chosen.error().code == errc::credentials_incomplete));
    BOOST_TEST(selection.chosen.error().message.find("secret access key") != std::string::npos);
    BOOST_TEST((report_of(selection, credential_source::explicit_credentials).status ==
                source_status::error));
}

BOOST_AUTO_TEST_CASE(custom_provider_comes_after_explicit_and_before_environment) {
    const auto selection = select(everything, true);
    BOOST_TEST((*selection.chosen == credential_source::custom));
    BOOST_TEST((report_of(selection, credential_source::explicit_credentials).status ==
                source_status::skipped));
    BOOST_TEST(
        (report_of(selection, credential_source::environment).status == source_status::shadowed));
}

BOOST_AUTO_TEST_CASE(environment_is_chosen_with_key_id_and_secret) {
    const auto selection =
        select({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "ENV-SECRET-KEY"}});
    BOOST_TEST((*selection.chosen == credential_source::environment));
    BOOST_TEST((report_of(selection, credential_source::ec2).status == source_status::shadowed));
}

BOOST_AUTO_TEST_CASE(environment_comes_before_web_identity_ecs_and_ec2) {
    const auto selection = select(everything);
    BOOST_TEST((*selection.chosen == credential_source::environment));
    const auto& shadowed = report_of(selection, credential_source::web_identity);
    BOOST_TEST((shadowed.status == source_status::shadowed));
    BOOST_TEST(shadowed.detail.find("environment comes first") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(environment_key_id_alone_is_an_error_naming_the_missing_secret) {
    const auto selection = select({{"AWS_ACCESS_KEY_ID", "AKIDENV"}});
    BOOST_TEST_REQUIRE(!selection.chosen.has_value());
    const auto& err = selection.chosen.error();
    BOOST_TEST((err.code == errc::environment_credentials_incomplete));
    BOOST_TEST(err.message.find("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not") !=
               std::string::npos);
    BOOST_TEST(
        (report_of(selection, credential_source::environment).status == source_status::error));
}

BOOST_AUTO_TEST_CASE(environment_secret_alone_is_an_error_naming_the_missing_key_id) {
    const auto selection = select({{"AWS_SECRET_ACCESS_KEY", "ENV-SECRET-KEY"}});
    BOOST_TEST_REQUIRE(!selection.chosen.has_value());
    BOOST_TEST((selection.chosen.error().code == errc::environment_credentials_incomplete));
    BOOST_TEST(selection.chosen.error().message.find(
                   "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(environment_token_alone_is_an_error_naming_both_missing) {
    const auto selection = select({{"AWS_SESSION_TOKEN", "ENV-SESSION-TOKEN"}});
    BOOST_TEST_REQUIRE(!selection.chosen.has_value());
    BOOST_TEST((selection.chosen.error().code == errc::environment_credentials_incomplete));
    BOOST_TEST(selection.chosen.error().message.find(
                   "AWS_SESSION_TOKEN is set but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                   "are not") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(environment_key_id_and_token_without_secret_is_an_error) {
    const auto selection =
        select({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SESSION_TOKEN", "ENV-SESSION-TOKEN"}});
    BOOST_TEST_REQUIRE(!selection.chosen.has_value());
    BOOST_TEST(selection.chosen.error().message.find(
                   "AWS_ACCESS_KEY_ID and AWS_SESSION_TOKEN are set but AWS_SECRET_ACCESS_KEY is "
                   "not") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(incomplete_environment_never_falls_through_to_a_lower_source) {
    auto vars = everything;
    vars.erase("AWS_SECRET_ACCESS_KEY");
    const auto selection = select(vars);
    BOOST_TEST_REQUIRE(!selection.chosen.has_value());
    BOOST_TEST((selection.chosen.error().code == errc::environment_credentials_incomplete));
    BOOST_TEST(
        (report_of(selection, credential_source::web_identity).status == source_status::shadowed));
    BOOST_TEST((report_of(selection, credential_source::ec2).status == source_status::shadowed));
}

BOOST_AUTO_TEST_CASE(web_identity_is_chosen_with_token_file_and_role_arn) {
    const auto selection = select({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/token"},
                                   {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app"}});
    BOOST_TEST((*selection.chosen == credential_source::web_identity));
    BOOST_TEST(report_of(selection, credential_source::web_identity)
                   .detail.find("arn:aws:iam::123456789012:role/app") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(web_identity_role_arn_alone_is_skipped_with_the_reason) {
    const auto selection = select({{"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/app"}});
    BOOST_TEST((*selection.chosen == credential_source::ec2));
    const auto& report = report_of(selection, credential_source::web_identity);
    BOOST_TEST((report.status == source_status::skipped));
    BOOST_TEST(report.detail == "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not");
}

BOOST_AUTO_TEST_CASE(web_identity_token_file_alone_is_skipped_with_the_reason) {
    const auto selection = select({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/token"}});
    BOOST_TEST((*selection.chosen == credential_source::ec2));
    const auto& report = report_of(selection, credential_source::web_identity);
    BOOST_TEST((report.status == source_status::skipped));
    BOOST_TEST(report.detail == "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not");
}

BOOST_AUTO_TEST_CASE(web_identity_comes_before_ecs) {
    const auto selection = select({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/t"},
                                   {"AWS_ROLE_ARN", "arn:aws:iam::1:role/r"},
                                   {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds"}});
    BOOST_TEST((*selection.chosen == credential_source::web_identity));
    BOOST_TEST((report_of(selection, credential_source::ecs).status == source_status::shadowed));
}

BOOST_AUTO_TEST_CASE(ecs_is_chosen_with_a_relative_uri) {
    const auto selection = select({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds"}});
    BOOST_TEST((*selection.chosen == credential_source::ecs));
}

BOOST_AUTO_TEST_CASE(ecs_is_chosen_with_a_full_uri) {
    const auto selection =
        select({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"}});
    BOOST_TEST((*selection.chosen == credential_source::ecs));
    BOOST_TEST(report_of(selection, credential_source::ecs).detail ==
               "AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
}

BOOST_AUTO_TEST_CASE(ecs_relative_uri_wins_over_full_uri_and_the_report_says_so) {
    const auto selection =
        select({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds"},
                {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"}});
    BOOST_TEST((*selection.chosen == credential_source::ecs));
    const auto& detail = report_of(selection, credential_source::ecs).detail;
    BOOST_TEST(detail.find("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set (it wins") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(ec2_is_chosen_when_nothing_else_is_configured) {
    const auto selection = select({});
    BOOST_TEST((*selection.chosen == credential_source::ec2));
    BOOST_TEST(report_of(selection, credential_source::ec2).detail.find("169.254.169.254") !=
               std::string::npos);
    BOOST_TEST(
        (report_of(selection, credential_source::environment).status == source_status::skipped));
}

BOOST_AUTO_TEST_CASE(ec2_report_names_the_endpoint_override) {
    const auto selection =
        select({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://[fd00:ec2::254]"}});
    BOOST_TEST(report_of(selection, credential_source::ec2).detail.find("fd00:ec2::254") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(ec2_disabled_is_skipped_and_nothing_found_lists_every_source) {
    const auto selection = select(disabled_ec2);
    BOOST_TEST_REQUIRE(!selection.chosen.has_value());
    const auto& err = selection.chosen.error();
    BOOST_TEST((err.code == errc::no_credentials_found));
    BOOST_TEST(err.message.find("no AWS credentials found") == 0U);
    for (const char* part :
         {"explicit: no credentials in the connection string",
          "custom: no custom credential provider is set",
          "environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN are not set",
          "web_identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set",
          "ecs: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "ec2: turned off by AWS_EC2_METADATA_DISABLED=true"}) {
        BOOST_TEST_INFO(part);
        BOOST_TEST(err.message.find(part) != std::string::npos);
    }
    for (const auto& report : selection.reports) {
        BOOST_TEST((report.status == source_status::skipped));
    }
    BOOST_TEST(selection.sdk_candidates.empty());
}

BOOST_AUTO_TEST_CASE(nothing_found_says_why_web_identity_was_skipped) {
    auto vars = disabled_ec2;
    vars.emplace("AWS_ROLE_ARN", "arn:aws:iam::1:role/r");
    const auto selection = select(vars);
    BOOST_TEST_REQUIRE(!selection.chosen.has_value());
    BOOST_TEST(selection.chosen.error().message.find(
                   "web_identity: AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(sdk_candidates_are_every_usable_source_in_priority_order) {
    const auto selection = select(everything, true);
    const std::vector<credential_source> expected{
        credential_source::custom, credential_source::environment, credential_source::web_identity,
        credential_source::ecs, credential_source::ec2};
    BOOST_TEST(selection.sdk_candidates == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sdk_candidates_leave_out_an_incomplete_environment) {
    const auto selection = select({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                                   {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds"}});
    BOOST_TEST(!selection.chosen.has_value());  // the specification's policy: an error
    const std::vector<credential_source> expected{credential_source::ecs, credential_source::ec2};
    BOOST_TEST(selection.sdk_candidates == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(report_prints_one_line_per_source) {
    const auto text = printed(select({}));
    BOOST_TEST(text.find("  ec2: chosen: instance metadata (IMDSv2)") != std::string::npos);
    BOOST_TEST(text.find("  custom: skipped: no custom credential provider is set\n") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_secret_appears_in_a_report_or_an_error) {
    const auto given = given_credentials();
    auto vars = everything;
    const std::vector<mongo_aws::source_selection> selections{
        select(vars, true, &given), select(vars),
        select({{"AWS_SECRET_ACCESS_KEY", "ENV-SECRET-KEY"},
                {"AWS_SESSION_TOKEN", "ENV-SESSION-TOKEN"}}),
        select({{"AWS_SESSION_TOKEN", "ENV-SESSION-TOKEN"},
                {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "CONTAINER-TOKEN"},
                {"AWS_EC2_METADATA_DISABLED", "true"}})};
    for (const auto& selection : selections) {
        std::string text = printed(selection);
        if (!selection.chosen.has_value()) {
            text += selection.chosen.error().to_string();
        }
        for (const char* secret :
             {"GIVEN-SECRET", "ENV-SECRET-KEY", "ENV-SESSION-TOKEN", "CONTAINER-TOKEN"}) {
            BOOST_TEST_INFO(secret);
            BOOST_TEST(text.find(secret) == std::string::npos);
        }
    }
}
