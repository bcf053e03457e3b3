// What the credential endpoints answer: EC2 instance metadata, the ECS/EKS container endpoint,
// STS AssumeRoleWithWebIdentity and STS's errors. Bodies are AWS's documented examples where
// AWS gives one (cited at each); expected epoch values come from GNU date
// (`date -u -d <timestamp> +%s`), not from this library.
#define BOOST_TEST_MODULE credential_replies
#include <mongo_aws/credential_replies.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

using mongo_aws::errc;

namespace {

// Distinctive secret values: no error text may ever contain them.
constexpr std::string_view secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY";
constexpr std::string_view session_token = "IQoJb3JpZ2luX2VjSESSIONTOKENSECRET==";

long long epoch_seconds(const mongo_aws::credentials& creds) {
    BOOST_REQUIRE(creds.expiration.has_value());
    return std::chrono::floor<std::chrono::seconds>(creds.expiration->time_since_epoch()).count();
}

long long milliseconds_past_second(const mongo_aws::credentials& creds) {
    BOOST_REQUIRE(creds.expiration.has_value());
    const auto since_epoch = creds.expiration->time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               since_epoch - std::chrono::floor<std::chrono::seconds>(since_epoch))
        .count();
}

// Every text of an error, as a log line would show it.
std::string all_text(const mongo_aws::error& err) {
    return err.to_string() + "\n" + err.message + "\n" + err.server_code + "\n" +
           err.server_message;
}

template <class T>
std::string failure_text(const mongo_aws::result<T>& parsed) {
    return parsed ? std::string() : parsed.error().message;
}

template <class T>
void check_error(const mongo_aws::result<T>& parsed, errc expected, std::string_view part) {
    BOOST_REQUIRE_MESSAGE(!parsed.has_value(), "accepted, expected " << part);
    const auto& err = parsed.error();
    BOOST_TEST(err.code == std::error_code(expected),
               "code: " << err.code.message() << "; message: " << err.message);
    BOOST_TEST(err.message.find(part) != std::string::npos, "message: " << err.message);
    BOOST_TEST(all_text(err).find(secret_key) == std::string::npos);
    BOOST_TEST(all_text(err).find(session_token) == std::string::npos);
}

std::string replace(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// --- EC2 instance metadata ---

// The example output of GET .../iam/security-credentials/s3access in the EC2 user guide,
// "Retrieve security credentials from instance metadata".
const std::string ec2_docs_example = R"({
  "Code" : "Success",
  "LastUpdated" : "2012-04-26T16:39:16Z",
  "Type" : "AWS-HMAC",
  "AccessKeyId" : "ASIAIOSFODNN7EXAMPLE",
  "SecretAccessKey" : "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "Token" : "token",
  "Expiration" : "2017-05-17T15:09:54Z"
})";

// The same shape with the distinctive secrets.
const std::string ec2_body = R"({
  "Code" : "Success",
  "LastUpdated" : "2012-04-26T16:39:16Z",
  "Type" : "AWS-HMAC",
  "AccessKeyId" : "ASIAIOSFODNN7EXAMPLE",
  "SecretAccessKey" : "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY",
  "Token" : "IQoJb3JpZ2luX2VjSESSIONTOKENSECRET==",
  "Expiration" : "2017-05-17T15:09:54Z"
})";

// What IMDS answers (HTTP 200) when EC2 cannot assume the instance profile's role, as users
// have captured it (quoted in Octopus Deploy's and others' troubleshooting notes).
const std::string ec2_failure_body = R"({
  "Code" : "AssumeRoleUnauthorizedAccess",
  "Message" : "EC2 cannot assume the role ROLENAME.  Please see documentation at http://docs.amazonwebservices.com/IAM/latest/UserGuide/RolesTroubleshooting.html.",
  "LastUpdated" : "2018-01-18T23:43:19Z"
})";

// --- Container endpoint ---

// The expected output of curl 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI in the
// Amazon ECS best-practices guide, "Using IAM roles with Amazon ECS tasks".
const std::string ecs_docs_example = R"({
	"RoleArn": "arn:aws:iam::123456789012:role/SSMTaskRole-SSMFargateTaskIAMRole-DASWWSF2WGD6",
	"AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
	"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	"Token": "IQoJb3JpZ2luX2VjEEM/Example==",
	"Expiration": "2021-01-16T00:51:53Z"
})";

const std::string container_body = R"({
	"RoleArn": "arn:aws:iam::123456789012:role/SSMTaskRole-SSMFargateTaskIAMRole-DASWWSF2WGD6",
	"AccessKeyId": "ASIAIOSFODNN7EXAMPLE",
	"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY",
	"Token": "IQoJb3JpZ2luX2VjSESSIONTOKENSECRET==",
	"Expiration": "2021-01-16T00:51:53Z"
})";

// --- STS AssumeRoleWithWebIdentity ---

// The sample response of the STS API reference (AssumeRoleWithWebIdentity, "Examples"), in the
// JSON form STS gives with Accept: application/json: same nesting, Expiration in epoch seconds
// (2014-10-24T23:00:23Z is 1414191623 by date), ResponseMetadata beside the Result.
const std::string sts_docs_example = R"({"AssumeRoleWithWebIdentityResponse":{
  "AssumeRoleWithWebIdentityResult":{
    "SubjectFromWebIdentityToken":"amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A",
    "Audience":"client.5498841531868486423.1548@apps.example.com",
    "AssumedRoleUser":{
      "Arn":"arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1",
      "AssumedRoleId":"AROACLKWSDQRAOEXAMPLE:app1"},
    "Credentials":{
      "SessionToken":"AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE",
      "SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
      "Expiration":1414191623,
      "AccessKeyId":"ASgeIAIOSFODNN7EXAMPLE"},
    "SourceIdentity":"SourceIdentityValue",
    "Provider":"www.amazon.com",
    "PackedPolicySize":null},
  "ResponseMetadata":{"RequestId":"ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE"}}})";

// With an exponent, as STS really sends it (envoyproxy/envoy#33806: 1.514869445E9, which is
// 2018-01-02T05:04:05Z by date), and the distinctive secrets.
const std::string sts_body = R"({"AssumeRoleWithWebIdentityResponse":{
  "AssumeRoleWithWebIdentityResult":{
    "AssumedRoleUser":{"Arn":"arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1",
                       "AssumedRoleId":"AROACLKWSDQRAOEXAMPLE:app1"},
    "Credentials":{
      "AccessKeyId":"ASIAIOSFODNN7EXAMPLE",
      "SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY",
      "SessionToken":"IQoJb3JpZ2luX2VjSESSIONTOKENSECRET==",
      "Expiration":1.514869445E9}},
  "ResponseMetadata":{"RequestId":"ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE"}}})";

std::string sts_with_expiration(std::string_view expiration) {
    return replace(sts_body, "1.514869445E9", expiration);
}

// STS's query-protocol error in JSON; the messages are those AWS documents for each code.
std::string sts_error_body(std::string_view code, std::string_view message) {
    return R"({"Error":{"Type":"Sender","Code":")" + std::string(code) + R"(","Message":")" +
           std::string(message) + R"("},"RequestId":"c3e2ab5b-4a8f-11e8-b1f6-EXAMPLE"})";
}

// Each parser, for the rules every reply shares.
struct parser_case {
    std::string name;
    std::string good_body;
    std::function<mongo_aws::error(std::string_view)> failure;  // the error, or a failed test
    std::function<bool(std::string_view)> accepts;
};

template <class T>
mongo_aws::error error_of(const mongo_aws::result<T>& parsed) {
    BOOST_REQUIRE_MESSAGE(!parsed.has_value(), "the body was accepted");
    return parsed.error();
}

std::vector<parser_case> all_parsers() {
    return {
        {"ec2", ec2_body,
         [](std::string_view body) { return error_of(mongo_aws::parse_ec2_credentials(body)); },
         [](std::string_view body) { return mongo_aws::parse_ec2_credentials(body).has_value(); }},
        {"container", container_body,
         [](std::string_view body) {
             return error_of(mongo_aws::parse_container_credentials(body));
         },
         [](std::string_view body) {
             return mongo_aws::parse_container_credentials(body).has_value();
         }},
        {"web identity", sts_body,
         [](std::string_view body) {
             return error_of(mongo_aws::parse_web_identity_credentials(body));
         },
         [](std::string_view body) {
             return mongo_aws::parse_web_identity_credentials(body).has_value();
         }},
    };
}

void check_failure(const parser_case& parser, std::string_view body, errc expected,
                   std::string_view part) {
    BOOST_TEST_CONTEXT(parser.name << " parser") {
        const auto err = parser.failure(body);
        BOOST_TEST(err.code == std::error_code(expected), "message: " << err.message);
        BOOST_TEST(err.message.find(part) != std::string::npos, "message: " << err.message);
        BOOST_TEST(all_text(err).find(secret_key) == std::string::npos);
        BOOST_TEST(all_text(err).find(session_token) == std::string::npos);
    }
}

}  // namespace

// ===== EC2 instance metadata =====

BOOST_AUTO_TEST_CASE(ec2_docs_example_gives_credentials) {
    const auto parsed = mongo_aws::parse_ec2_credentials(ec2_docs_example);
    BOOST_REQUIRE_MESSAGE(parsed.has_value(), failure_text(parsed));
    BOOST_TEST(parsed->access_key_id == "ASIAIOSFODNN7EXAMPLE");
    BOOST_TEST(parsed->secret_access_key.reveal() == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    BOOST_TEST(parsed->session_token.reveal() == "token");
    BOOST_TEST(epoch_seconds(*parsed) == 1495033794LL);  // 2017-05-17T15:09:54Z
}

BOOST_AUTO_TEST_CASE(ec2_code_other_than_success_is_refused_with_its_message) {
    const auto parsed = mongo_aws::parse_ec2_credentials(ec2_failure_body);
    check_error(parsed, errc::ec2_code_not_success, "Code \"AssumeRoleUnauthorizedAccess\"");
    BOOST_TEST(parsed.error().server_code == "AssumeRoleUnauthorizedAccess");
    BOOST_TEST(parsed.error().server_message.find("EC2 cannot assume the role ROLENAME.") == 0U);
    BOOST_TEST(parsed.error().message.find("trust policy") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ec2_failure_without_a_message_still_names_the_code) {
    const auto parsed = mongo_aws::parse_ec2_credentials(R"({"Code":"InternalError"})");
    check_error(parsed, errc::ec2_code_not_success, "\"InternalError\"");
    BOOST_TEST(parsed.error().server_message.empty());
}

BOOST_AUTO_TEST_CASE(ec2_code_is_quoted_bounded_and_escaped) {
    const std::string long_code(500, 'C');
    const auto parsed =
        mongo_aws::parse_ec2_credentials(R"({"Code":")" + long_code + R"(\n\u001b[31m"})");
    BOOST_REQUIRE(!parsed.has_value());
    BOOST_TEST(parsed.error().code == std::error_code(errc::ec2_code_not_success));
    BOOST_TEST(parsed.error().message.size() < 400U);
    BOOST_TEST(parsed.error().server_code.size() <= 64U + 3U);
    const auto with_control = mongo_aws::parse_ec2_credentials(R"({"Code":"Bad\n\u001bCode"})");
    BOOST_REQUIRE(!with_control.has_value());
    BOOST_TEST(with_control.error().server_code == "Bad\\x0a\\x1bCode");
    BOOST_TEST(all_text(with_control.error()).find('\x1b') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(ec2_code_is_required) {
    check_error(mongo_aws::parse_ec2_credentials(replace(ec2_body, R"("Code" : "Success",)", "")),
                errc::json_missing_field, "lacks the field `Code`");
}

BOOST_AUTO_TEST_CASE(ec2_code_must_be_a_string) {
    check_error(mongo_aws::parse_ec2_credentials(replace(ec2_body, R"("Success")", "200")),
                errc::json_wrong_type, "field `Code` is a number; expected a string");
}

BOOST_AUTO_TEST_CASE(ec2_needs_key_id_secret_token_and_expiration) {
    for (const std::string_view field : {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}) {
        // Renaming the key removes the field and keeps the JSON valid.
        const auto body = replace(ec2_body, "\"" + std::string(field) + "\"", "\"Other\"");
        BOOST_TEST_CONTEXT(field) {
            check_error(mongo_aws::parse_ec2_credentials(body), errc::json_missing_field,
                        "lacks the field `" + std::string(field) + "`");
        }
    }
}

BOOST_AUTO_TEST_CASE(ec2_expiration_must_be_iso8601) {
    const auto parsed =
        mongo_aws::parse_ec2_credentials(replace(ec2_body, "2017-05-17T15:09:54Z", "tomorrow"));
    check_error(parsed, errc::timestamp_invalid, "field `Expiration`");
    BOOST_TEST(parsed.error().message.find("\"tomorrow\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ec2_other_fields_are_ignored) {
    const auto body =
        replace(ec2_body, R"("Type" : "AWS-HMAC")", R"("Type" : 7, "Extra" : [1, {"a": null}])");
    BOOST_TEST(mongo_aws::parse_ec2_credentials(body).has_value());
}

// ===== Container endpoint (ECS task roles, EKS Pod Identity) =====

BOOST_AUTO_TEST_CASE(ecs_docs_example_gives_credentials_and_role) {
    const auto parsed = mongo_aws::parse_container_credentials(ecs_docs_example);
    BOOST_REQUIRE_MESSAGE(parsed.has_value(), failure_text(parsed));
    BOOST_TEST(parsed->creds.access_key_id == "AKIAIOSFODNN7EXAMPLE");
    BOOST_TEST(parsed->creds.secret_access_key.reveal() ==
               "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    BOOST_TEST(parsed->creds.session_token.reveal() == "IQoJb3JpZ2luX2VjEEM/Example==");
    BOOST_TEST(epoch_seconds(parsed->creds) == 1610758313LL);  // 2021-01-16T00:51:53Z
    BOOST_TEST(parsed->role_arn ==
               "arn:aws:iam::123456789012:role/SSMTaskRole-SSMFargateTaskIAMRole-DASWWSF2WGD6");
}

BOOST_AUTO_TEST_CASE(container_role_arn_is_optional) {
    // EKS Pod Identity answers the same shape; RoleArn may be absent or null.
    const auto without = mongo_aws::parse_container_credentials(replace(
        container_body,
        R"("RoleArn": "arn:aws:iam::123456789012:role/SSMTaskRole-SSMFargateTaskIAMRole-DASWWSF2WGD6",)",
        ""));
    BOOST_REQUIRE(without.has_value());
    BOOST_TEST(without->role_arn.empty());
    const auto null_arn = mongo_aws::parse_container_credentials(replace(
        container_body,
        R"("arn:aws:iam::123456789012:role/SSMTaskRole-SSMFargateTaskIAMRole-DASWWSF2WGD6")",
        "null"));
    BOOST_REQUIRE(null_arn.has_value());
    BOOST_TEST(null_arn->role_arn.empty());
}

BOOST_AUTO_TEST_CASE(container_role_arn_must_be_a_string) {
    check_error(
        mongo_aws::parse_container_credentials(replace(
            container_body,
            R"("arn:aws:iam::123456789012:role/SSMTaskRole-SSMFargateTaskIAMRole-DASWWSF2WGD6")",
            "42")),
        errc::json_wrong_type, "field `RoleArn` is a number; expected a string");
}

BOOST_AUTO_TEST_CASE(container_token_and_expiration_are_required) {
    // Long-term credentials without Token/Expiration (accepted by the Go SDK from a custom
    // endpoint) are refused: the MongoDB spec and aws-c-auth require both.
    check_error(
        mongo_aws::parse_container_credentials(replace(container_body, "\"Token\"", "\"T\"")),
        errc::json_missing_field, "lacks the field `Token`");
    check_error(
        mongo_aws::parse_container_credentials(replace(container_body, "\"Expiration\"", "\"E\"")),
        errc::json_missing_field, "lacks the field `Expiration`");
}

BOOST_AUTO_TEST_CASE(container_error_document_is_reported) {
    // The error shape the AWS SDKs document for container endpoints: {"code", "message"}.
    const auto parsed = mongo_aws::parse_container_credentials(
        R"({"code":"NoCredentialsFound","message":"No credentials for the task"})");
    check_error(parsed, errc::json_missing_field, "lacks the field `AccessKeyId`");
    BOOST_TEST(parsed.error().server_code == "NoCredentialsFound");
    BOOST_TEST(parsed.error().server_message == "No credentials for the task");
}

// ===== STS AssumeRoleWithWebIdentity =====

BOOST_AUTO_TEST_CASE(sts_docs_example_gives_credentials_and_assumed_role) {
    const auto parsed = mongo_aws::parse_web_identity_credentials(sts_docs_example);
    BOOST_REQUIRE_MESSAGE(parsed.has_value(), failure_text(parsed));
    BOOST_TEST(parsed->creds.access_key_id == "ASgeIAIOSFODNN7EXAMPLE");
    BOOST_TEST(parsed->creds.secret_access_key.reveal() ==
               "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
    BOOST_TEST(parsed->creds.session_token.reveal() ==
               "AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE");
    BOOST_TEST(epoch_seconds(parsed->creds) == 1414191623LL);  // 2014-10-24T23:00:23Z
    BOOST_TEST(parsed->assumed_role_arn ==
               "arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1");
}

BOOST_AUTO_TEST_CASE(sts_expiration_with_an_exponent) {
    const auto parsed = mongo_aws::parse_web_identity_credentials(sts_body);
    BOOST_REQUIRE_MESSAGE(parsed.has_value(), failure_text(parsed));
    BOOST_TEST(epoch_seconds(parsed->creds) == 1514869445LL);  // 2018-01-02T05:04:05Z
    for (const std::string_view form :
         {"1.514869445e9", "1.514869445E+9", "15.14869445E8", "1514869445.0", "1514869445"}) {
        BOOST_TEST_CONTEXT(form) {
            const auto other = mongo_aws::parse_web_identity_credentials(sts_with_expiration(form));
            BOOST_REQUIRE(other.has_value());
            BOOST_TEST(epoch_seconds(other->creds) == 1514869445LL);
        }
    }
}

BOOST_AUTO_TEST_CASE(sts_expiration_keeps_the_fraction) {
    const auto parsed =
        mongo_aws::parse_web_identity_credentials(sts_with_expiration("1.5148694455E9"));
    BOOST_REQUIRE(parsed.has_value());
    BOOST_TEST(epoch_seconds(parsed->creds) == 1514869445LL);
    BOOST_TEST(milliseconds_past_second(parsed->creds) == 500LL);
}

BOOST_AUTO_TEST_CASE(sts_expiration_as_iso8601_is_accepted) {
    const auto parsed =
        mongo_aws::parse_web_identity_credentials(sts_with_expiration("\"2018-01-02T05:04:05Z\""));
    BOOST_REQUIRE(parsed.has_value());
    BOOST_TEST(epoch_seconds(parsed->creds) == 1514869445LL);
    check_error(mongo_aws::parse_web_identity_credentials(sts_with_expiration("\"soon\"")),
                errc::timestamp_invalid, "Credentials.Expiration`");
}

BOOST_AUTO_TEST_CASE(sts_expiration_outside_the_clock_is_refused) {
    for (const std::string_view form :
         {"1e300", "-1e300", "18446744073709551615", "9223372036854775807", "-9.3e18"}) {
        BOOST_TEST_CONTEXT(form) {
            check_error(mongo_aws::parse_web_identity_credentials(sts_with_expiration(form)),
                        errc::timestamp_invalid, "not an instant this platform's system clock");
        }
    }
    if constexpr (std::is_same_v<std::chrono::system_clock::duration, std::chrono::nanoseconds>) {
        // 1e10 is 2286-11-20T17:46:40Z (date -u -d @10000000000): past 2262-04-11.
        check_error(mongo_aws::parse_web_identity_credentials(sts_with_expiration("1e10")),
                    errc::timestamp_invalid, "not an instant");
    }
}

BOOST_AUTO_TEST_CASE(sts_expiration_of_another_type_is_refused) {
    check_error(mongo_aws::parse_web_identity_credentials(sts_with_expiration("true")),
                errc::json_wrong_type,
                "field `AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult."
                "Credentials.Expiration` is a boolean; expected a number (epoch seconds) or an "
                "ISO-8601 string");
    check_error(mongo_aws::parse_web_identity_credentials(sts_with_expiration("null")),
                errc::json_wrong_type, "is null");
}

BOOST_AUTO_TEST_CASE(sts_missing_fields_are_named_by_their_path) {
    const std::string credentials_path =
        "AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult.Credentials";
    for (const std::string_view field :
         {"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}) {
        BOOST_TEST_CONTEXT(field) {
            const auto body = replace(sts_body, "\"" + std::string(field) + "\"", "\"Other\"");
            check_error(mongo_aws::parse_web_identity_credentials(body), errc::json_missing_field,
                        "lacks the field `" + credentials_path + "." + std::string(field) + "`");
        }
    }
    check_error(mongo_aws::parse_web_identity_credentials(
                    replace(sts_body, "\"Credentials\"", "\"Other\"")),
                errc::json_missing_field, "lacks the field `" + credentials_path + "`");
    check_error(mongo_aws::parse_web_identity_credentials(R"({"ResponseMetadata":{}})"),
                errc::json_missing_field, "lacks the field `AssumeRoleWithWebIdentityResponse`");
}

BOOST_AUTO_TEST_CASE(sts_containers_must_be_objects) {
    check_error(
        mongo_aws::parse_web_identity_credentials(
            R"({"AssumeRoleWithWebIdentityResponse":{"AssumeRoleWithWebIdentityResult":"x"}})"),
        errc::json_wrong_type,
        "field `AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult` is a "
        "string; expected an object");
}

BOOST_AUTO_TEST_CASE(sts_assumed_role_user_is_optional) {
    const auto without = mongo_aws::parse_web_identity_credentials(
        replace(sts_body, "\"AssumedRoleUser\"", "\"Other\""));
    BOOST_REQUIRE(without.has_value());
    BOOST_TEST(without->assumed_role_arn.empty());
    check_error(mongo_aws::parse_web_identity_credentials(
                    replace(sts_body, R"("Arn":"arn:aws:sts::)", R"("Arn":1,"X":"arn:aws:sts::)")),
                errc::json_wrong_type, "AssumedRoleUser.Arn` is a number");
}

// ===== STS errors =====

BOOST_AUTO_TEST_CASE(sts_error_document_is_parsed) {
    const auto parsed = mongo_aws::parse_sts_error(
        sts_error_body("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"));
    BOOST_REQUIRE_MESSAGE(parsed.has_value(), failure_text(parsed));
    BOOST_TEST(parsed->type == "Sender");
    BOOST_TEST(parsed->code == "AccessDenied");
    BOOST_TEST(parsed->message == "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    BOOST_TEST(parsed->request_id == "c3e2ab5b-4a8f-11e8-b1f6-EXAMPLE");
}

BOOST_AUTO_TEST_CASE(sts_error_of_the_json_protocols_is_tolerated) {
    const auto parsed = mongo_aws::parse_sts_error(
        R"({"__type":"com.amazonaws.sts#ExpiredTokenException","message":"Token expired"})");
    BOOST_REQUIRE(parsed.has_value());
    BOOST_TEST(parsed->code == "ExpiredTokenException");
    BOOST_TEST(parsed->message == "Token expired");
    const auto with_suffix = mongo_aws::parse_sts_error(
        R"({"__type":"InvalidIdentityToken:http://internal.amazon.com/","Message":"bad"})");
    BOOST_REQUIRE(with_suffix.has_value());
    BOOST_TEST(with_suffix->code == "InvalidIdentityToken");
    BOOST_TEST(with_suffix->message == "bad");
}

BOOST_AUTO_TEST_CASE(sts_error_needs_a_code) {
    check_error(mongo_aws::parse_sts_error(R"({"Error":{"Message":"x"}})"),
                errc::json_missing_field, "lacks the field `Error.Code`");
    check_error(mongo_aws::parse_sts_error(R"({"RequestId":"x"})"), errc::json_missing_field,
                "lacks the field `Error`");
    check_error(mongo_aws::parse_sts_error(R"({"Error":{"Code":5}})"), errc::json_wrong_type,
                "field `Error.Code` is a number");
}

BOOST_AUTO_TEST_CASE(sts_error_with_an_empty_code_is_refused) {
    // Found by fuzzing (fuzz/corpus/credential_replies/regression-empty-sts-error-type).
    check_error(mongo_aws::parse_sts_error(R"({"__type":""})"), errc::json_missing_field,
                "empty `__type`");
    check_error(mongo_aws::parse_sts_error(R"({"__type":"com.amazonaws#"})"),
                errc::json_missing_field, "empty `__type`");
    check_error(mongo_aws::parse_sts_error(R"({"Error":{"Code":""}})"), errc::json_missing_field,
                "empty `Error.Code`");
}

BOOST_AUTO_TEST_CASE(sts_refusal_carries_code_message_and_advice) {
    struct expectation {
        int status;
        std::string_view code;
        std::string_view message;
        std::string_view advice;
    };
    // Messages as the STS API reference documents them for AssumeRoleWithWebIdentity.
    for (const auto& [status, code, message, advice] : std::vector<expectation>{
             {400, "InvalidIdentityToken",
              "The web identity token that was passed could not be validated by Amazon Web "
              "Services. Get a new identity token from the identity provider and then retry the "
              "request.",
              "AWS_WEB_IDENTITY_TOKEN_FILE holds a current token"},
             {400, "ExpiredTokenException",
              "The web identity token that was passed is expired or is not valid. Get a new "
              "identity token from the identity provider and then retry the request.",
              "the web identity token has expired"},
             {403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity",
              "the role's trust policy"},
             {403, "IDPRejectedClaim", "Incorrect token audience", "audience"},
             {400, "IDPCommunicationError", "Couldn't retrieve verification key",
              "usually transient"},
             {403, "RegionDisabledException", "STS is not activated in this region",
              "activate the region"},
             {400, "SomethingNew", "What is this", "see STS's code and message"},
         }) {
        BOOST_TEST_CONTEXT(code) {
            const auto parsed =
                mongo_aws::parse_web_identity_response(status, sts_error_body(code, message));
            check_error(parsed, errc::sts_error_response, advice);
            BOOST_TEST(parsed.error().server_code == code);
            BOOST_TEST(parsed.error().server_message == message);
            BOOST_TEST(parsed.error().message.find("HTTP " + std::to_string(status)) !=
                       std::string::npos);
            BOOST_TEST(parsed.error().message.find("c3e2ab5b-4a8f-11e8-b1f6-EXAMPLE") !=
                       std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(sts_refusal_message_is_bounded) {
    const auto parsed = mongo_aws::parse_web_identity_response(
        400, sts_error_body("AccessDenied", std::string(5000, 'm')));
    BOOST_REQUIRE(!parsed.has_value());
    BOOST_TEST(parsed.error().server_message.size() <= 256U + 3U);
    BOOST_TEST(parsed.error().server_message.find("\u2026") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sts_success_status_gives_credentials) {
    const auto parsed = mongo_aws::parse_web_identity_response(200, sts_body);
    BOOST_REQUIRE_MESSAGE(parsed.has_value(), failure_text(parsed));
    BOOST_TEST(parsed->creds.access_key_id == "ASIAIOSFODNN7EXAMPLE");
    BOOST_TEST(parsed->creds.secret_access_key.reveal() == secret_key);
    BOOST_TEST(parsed->creds.session_token.reveal() == session_token);
    BOOST_TEST(parsed->assumed_role_arn ==
               "arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1");
}

BOOST_AUTO_TEST_CASE(sts_error_document_under_a_success_status_is_a_refusal) {
    const auto parsed = mongo_aws::parse_web_identity_response(
        200, sts_error_body("InvalidIdentityToken", "Couldn't validate"));
    check_error(parsed, errc::sts_error_response, "HTTP 200");
    BOOST_TEST(parsed.error().server_code == "InvalidIdentityToken");
}

BOOST_AUTO_TEST_CASE(sts_failure_without_an_error_document_says_so) {
    const auto parsed = mongo_aws::parse_web_identity_response(
        503, "<html><body>Service Unavailable</body></html>");
    check_error(parsed, errc::sts_error_response, "HTTP 503 and a body that is not an STS error");
    BOOST_TEST(parsed.error().message.find("\"<html><body>Service Unavailable") !=
               std::string::npos);
    BOOST_TEST(parsed.error().server_code.empty());
}

BOOST_AUTO_TEST_CASE(sts_xml_reply_points_at_the_accept_header) {
    // What STS sends without Accept: application/json (STS API reference sample).
    const auto parsed = mongo_aws::parse_web_identity_response(
        200,
        R"(<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">)"
        "<AssumeRoleWithWebIdentityResult><Credentials><SecretAccessKey>"
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY</SecretAccessKey></Credentials>"
        "</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>");
    check_error(parsed, errc::json_malformed, "Accept: application/json");
}

// ===== Rules every reply shares =====

BOOST_AUTO_TEST_CASE(each_parser_accepts_its_own_example) {
    for (const auto& parser : all_parsers()) {
        BOOST_TEST(parser.accepts(parser.good_body), parser.name);
    }
}

BOOST_AUTO_TEST_CASE(not_json_is_malformed) {
    for (const auto& parser : all_parsers()) {
        check_failure(parser, "", errc::json_malformed, "is empty");
        check_failure(parser, " \r\n", errc::json_malformed, "is empty");
        check_failure(parser, "{", errc::json_malformed, "is not valid JSON");
        check_failure(parser, "{\"a\":1,}", errc::json_malformed, "is not valid JSON");
        check_failure(parser, std::string_view("{\"a\":\"\xff\"}"), errc::json_malformed,
                      "is not valid JSON");
        check_failure(parser, "Service Unavailable", errc::json_malformed,
                      "it starts with \"Service Unavailable\"");
    }
}

BOOST_AUTO_TEST_CASE(truncated_json_is_never_quoted) {
    for (const auto& parser : all_parsers()) {
        const auto cut = parser.good_body.substr(0, parser.good_body.find("SECRETKEY") - 5);
        check_failure(parser, cut, errc::json_malformed, "is not valid JSON");
        BOOST_TEST(parser.failure(cut).message.find("starts with") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(document_must_be_an_object) {
    for (const auto& parser : all_parsers()) {
        check_failure(parser, "[]", errc::json_wrong_type, "is an array; expected an object");
        check_failure(parser, "\"text\"", errc::json_wrong_type, "is a string; expected an object");
        check_failure(parser, "null", errc::json_wrong_type, "is null; expected an object");
    }
}

BOOST_AUTO_TEST_CASE(body_over_one_mebibyte_is_refused_before_parsing) {
    for (const auto& parser : all_parsers()) {
        std::string at_limit = parser.good_body;
        at_limit.resize(mongo_aws::max_credential_reply_size, ' ');
        BOOST_TEST(parser.accepts(at_limit), parser.name << " at the limit");
        check_failure(parser, at_limit + " ", errc::json_too_large, "1048577 bytes, more than");
    }
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused) {
    const std::string deep = "{\"x\":" + std::string(100, '[') + std::string(100, ']') + "}";
    for (const auto& parser : all_parsers()) {
        check_failure(parser, deep, errc::json_malformed, "is not valid JSON");
    }
}

BOOST_AUTO_TEST_CASE(empty_key_id_secret_or_token_is_refused) {
    for (const auto& parser : all_parsers()) {
        check_failure(parser, replace(parser.good_body, "\"ASIAIOSFODNN7EXAMPLE\"", "\"\""),
                      errc::credentials_incomplete, "AccessKeyId`");
        check_failure(parser,
                      replace(parser.good_body, "\"" + std::string(secret_key) + "\"", "\"\""),
                      errc::credentials_incomplete, "SecretAccessKey`");
        check_failure(parser,
                      replace(parser.good_body, "\"" + std::string(session_token) + "\"", "\"\""),
                      errc::credentials_incomplete, "has an empty");
    }
}

BOOST_AUTO_TEST_CASE(secrets_of_the_wrong_type_are_described_not_quoted) {
    for (const auto& parser : all_parsers()) {
        const std::string quoted_secret = "\"" + std::string(secret_key) + "\"";
        const std::string quoted_token = "\"" + std::string(session_token) + "\"";
        check_failure(parser, replace(parser.good_body, quoted_secret, "[" + quoted_secret + "]"),
                      errc::json_wrong_type, "SecretAccessKey` is an array; expected a string");
        check_failure(parser,
                      replace(parser.good_body, quoted_token, "{\"t\":" + quoted_token + "}"),
                      errc::json_wrong_type, "is an object; expected a string");
        check_failure(parser, replace(parser.good_body, quoted_secret, "null"),
                      errc::json_wrong_type, "SecretAccessKey` is null; expected a string");
    }
}

BOOST_AUTO_TEST_CASE(secrets_never_appear_in_any_error) {
    // Bodies that hold the secret and the token yet fail for some other reason.
    for (const auto& parser : all_parsers()) {
        const auto& body = parser.good_body;
        const std::vector<std::string> failing{
            replace(body, "\"AccessKeyId\"", "\"Missing\""),
            replace(body, "\"ASIAIOSFODNN7EXAMPLE\"", "17"),
            replace(body, "\"ASIAIOSFODNN7EXAMPLE\"", "\"\""),
            body.substr(0, body.size() - 1),
            body + "x",
            body + std::string(mongo_aws::max_credential_reply_size, ' '),
            replace(body, "\"" + std::string(secret_key) + "\"",
                    "\"" + std::string(secret_key) + "\\u0000\\ud800\""),
        };
        for (const auto& candidate : failing) {
            BOOST_TEST_CONTEXT(parser.name << ": " << candidate.substr(0, 80)) {
                const auto err = parser.failure(candidate);
                BOOST_TEST(all_text(err).find("K7MDENG") == std::string::npos);
                BOOST_TEST(all_text(err).find("SESSIONTOKEN") == std::string::npos);
            }
        }
    }
    const auto imds_refusal = mongo_aws::parse_ec2_credentials(
        replace(ec2_body, R"("Code" : "Success")", R"("Code" : "Failed", "Message" : "no")"));
    BOOST_REQUIRE(!imds_refusal.has_value());
    BOOST_TEST(all_text(imds_refusal.error()).find("K7MDENG") == std::string::npos);
}
