// The test server's verifier: it accepts what a real MONGODB-AWS client signs (this library's
// conversation, and signatures computed with botocore), and refuses each broken rule with its own
// reason, never showing a secret or the expected signature.
#define BOOST_TEST_MODULE server_verifier
#include "support/client_final_payloads.hpp"

#include <mongo_aws/sts_request.hpp>
#include <mongo_aws/test_server/verifier.hpp>

#include <boost/test/unit_test.hpp>
#include <bson/bson.h>

#include <chrono>
#include <set>
#include <string>

namespace ts = mongo_aws::test_server;
namespace test = mongo_aws::test;
using mongo_aws::credentials;
using mongo_aws::secret_string;
using ts::rejection;

namespace {
using namespace std::chrono;
using bytes = std::vector<std::uint8_t>;

constexpr std::string_view key_id = "AKIDEXAMPLE";
constexpr std::string_view secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view temp_key_id = "ASIDEXAMPLE";
constexpr std::string_view temp_secret = "temporarySecretKeyEXAMPLE/0123456789abcd";
constexpr std::string_view token = "FwoGZXIvYXdzEXAMPLETOKEN";
constexpr std::string_view arn = "arn:aws:iam::123456789012:user/alice";
constexpr std::string_view temp_arn = "arn:aws:sts::123456789012:assumed-role/app/i-0abc";
constexpr std::string_view host = "sts.amazonaws.com";

// 2020-02-03T04:05:06Z
const system_clock::time_point signing_time =
    sys_days{year{2020} / February / 3} + hours{4} + minutes{5} + seconds{6};

credentials long_term() {
    credentials creds;
    creds.access_key_id = std::string(key_id);
    creds.secret_access_key = secret_string(secret);
    return creds;
}

credentials temporary() {
    credentials creds;
    creds.access_key_id = std::string(temp_key_id);
    creds.secret_access_key = secret_string(temp_secret);
    creds.session_token = secret_string(token);
    return creds;
}

ts::user_table users() {
    ts::user_table table;
    table.add({std::string(key_id), secret_string(secret), {}, std::string(arn)}).value();
    table
        .add({std::string(temp_key_id), secret_string(temp_secret), secret_string(token),
              std::string(temp_arn)})
        .value();
    return table;
}

ts::expectation expected(std::string_view sts_host = host,
                         system_clock::time_point now = signing_time) {
    ts::expectation out;
    out.server_nonce = test::fixed_server_nonce();
    out.sts_host = std::string(sts_host);
    out.now = now;
    return out;
}

ts::verification verify(const bytes& payload, const ts::expectation& what = expected()) {
    return ts::verify_client_final(payload, what, users());
}

// The refusal's reason (fails the test when the payload was accepted).
rejection reason_of(const ts::verification& outcome) {
    BOOST_REQUIRE(!outcome.ok());
    return outcome.why().reason;
}

mongo_aws::sigv4::request sts_request(std::string_view sts_host = host) {
    return mongo_aws::make_sts_request(sts_host, test::fixed_server_nonce());
}

bytes replace_authorization(const bytes& payload, const std::string& from, const std::string& to) {
    auto parts = test::parts_of(payload);
    const auto at = parts.authorization.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    parts.authorization.replace(at, from.size(), to);
    return test::client_final_document(parts.authorization, parts.amz_date, parts.session_token);
}

constexpr std::string_view signed_headers =
    "content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce";

}  // namespace

BOOST_AUTO_TEST_SUITE(accepts)

BOOST_AUTO_TEST_CASE(the_client_conversation_with_long_term_credentials) {
    const auto outcome = verify(test::conversation_payload(long_term(), host, signing_time));
    BOOST_REQUIRE(outcome.ok());
    BOOST_TEST(outcome.who().access_key_id == key_id);
    BOOST_TEST(outcome.who().arn == arn);
    BOOST_TEST(outcome.who().user_name == arn);
}

BOOST_AUTO_TEST_CASE(the_client_conversation_with_a_session_token) {
    const auto outcome = verify(test::conversation_payload(temporary(), host, signing_time));
    BOOST_REQUIRE(outcome.ok());
    BOOST_TEST(outcome.who().arn == temp_arn);
    BOOST_TEST(outcome.who().user_name == "arn:aws:sts::123456789012:assumed-role/app/*");
}

BOOST_AUTO_TEST_CASE(a_regional_sts_host) {
    const std::string_view regional = "sts.us-west-2.amazonaws.com";
    const auto outcome =
        verify(test::conversation_payload(temporary(), regional, signing_time), expected(regional));
    BOOST_TEST(outcome.ok());
}

// Signatures computed with botocore 1.43.11's SigV4Auth("sts", region) for the same request
// (the values of tests/unit/test_conversation_final.cpp: AKIDEXAMPLE, its secret, the nonce
// bytes 1..32 then 200..231, 2020-02-03T04:05:06Z), packaged by hand: an independent signer.
BOOST_AUTO_TEST_CASE(signatures_computed_by_botocore) {
    const auto packaged = [](std::string_view region, bool with_token, std::string_view sig) {
        const std::string headers =
            with_token ? "content-length;content-type;host;x-amz-date;x-amz-security-token;"
                         "x-mongodb-gs2-cb-flag;x-mongodb-server-nonce"
                       : std::string(signed_headers);
        const std::string authorization =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20200203/" + std::string(region) +
            "/sts/aws4_request, SignedHeaders=" + headers + ", Signature=" + std::string(sig);
        return test::client_final_document(authorization, "20200203T040506Z",
                                           with_token ? std::optional(token) : std::nullopt);
    };
    ts::user_table with_token;
    with_token
        .add({std::string(key_id), secret_string(secret), secret_string(token), std::string(arn)})
        .value();
    const auto west = expected("sts.us-west-2.amazonaws.com");
    BOOST_TEST(verify(packaged("us-west-2", false,
                               "c5f63bbb4559aad86305b1dbd516a707f24a8a7aa0650ae0f08e7b99945a0b9c"),
                      west)
                   .ok());
    BOOST_TEST(verify(packaged("us-east-1", false,
                               "8265e0f762f6f39b31f5362ae1ea22df2debc15036c07cd8ef3cddf4b80ef8ef"))
                   .ok());
    BOOST_TEST(ts::verify_client_final(
                   packaged("us-west-2", true,
                            "7d213bdccf67bb768c760abdfcba62e0a5434cdd51475fac22534d2cd2bd0f30"),
                   west, with_token)
                   .ok());
    BOOST_TEST(ts::verify_client_final(
                   packaged("us-east-1", true,
                            "a43423a56832241ef4f7165e52cbb695dde6f564a1a0e24dff08fe4ebc3b040b"),
                   expected(), with_token)
                   .ok());
}

BOOST_AUTO_TEST_CASE(a_skew_of_exactly_the_limit_either_way) {
    const auto payload = test::conversation_payload(long_term(), host, signing_time);
    BOOST_TEST(verify(payload, expected(host, signing_time + minutes(15))).ok());
    BOOST_TEST(verify(payload, expected(host, signing_time - minutes(15))).ok());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(refuses)

BOOST_AUTO_TEST_CASE(a_wrong_secret_as_signature_mismatch) {
    auto creds = long_term();
    creds.secret_access_key = secret_string("not-the-secret-the-server-knows-EXAMPLE0");
    const auto outcome = verify(test::conversation_payload(creds, host, signing_time));
    BOOST_TEST(reason_of(outcome) == rejection::signature_mismatch);
}

BOOST_AUTO_TEST_CASE(an_unknown_access_key_id) {
    auto creds = long_term();
    creds.access_key_id = "AKIDUNKNOWN000000000";
    const auto outcome = verify(test::conversation_payload(creds, host, signing_time));
    BOOST_TEST(reason_of(outcome) == rejection::unknown_access_key_id);
    BOOST_TEST(outcome.why().message.find("AKID…0000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_altered_signature) {
    const auto payload = test::conversation_payload(long_term(), host, signing_time);
    auto parts = test::parts_of(payload);
    char& last = parts.authorization.back();
    last = last == '0' ? '1' : '0';
    const auto outcome = verify(
        test::client_final_document(parts.authorization, parts.amz_date, parts.session_token));
    BOOST_TEST(reason_of(outcome) == rejection::signature_mismatch);
}

BOOST_AUTO_TEST_CASE(a_signature_for_another_server_nonce) {
    const auto payload = test::conversation_payload(long_term(), host, signing_time);
    auto other = expected();
    other.server_nonce[63] ^= 1U;
    BOOST_TEST(reason_of(verify(payload, other)) == rejection::signature_mismatch);
}

BOOST_AUTO_TEST_CASE(a_signature_for_another_host_of_the_same_region) {
    const auto payload = test::conversation_payload(long_term(), "sts.amazonaws.com", signing_time);
    BOOST_TEST(reason_of(verify(payload, expected("localhost"))) == rejection::signature_mismatch);
}

BOOST_AUTO_TEST_CASE(a_missing_signed_header) {
    auto req = sts_request();
    std::erase_if(req.headers,
                  [](const auto& header) { return header.name == "X-MongoDB-GS2-CB-Flag"; });
    const auto outcome =
        verify(test::sign_and_package(req, long_term(), "us-east-1", signing_time));
    BOOST_TEST(reason_of(outcome) == rejection::signed_header_missing);
    BOOST_TEST(outcome.why().message.find("x-mongodb-gs2-cb-flag") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_extra_signed_header) {
    auto req = sts_request();
    req.headers.push_back({"X-Extra", "1"});
    const auto outcome =
        verify(test::sign_and_package(req, long_term(), "us-east-1", signing_time));
    BOOST_TEST(reason_of(outcome) == rejection::signed_header_unexpected);
    BOOST_TEST(outcome.why().message.find("x-extra") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(signed_headers_out_of_order) {
    const auto payload =
        replace_authorization(test::conversation_payload(long_term(), host, signing_time),
                              "content-length;content-type;", "content-type;content-length;");
    BOOST_TEST(reason_of(verify(payload)) == rejection::signed_headers_not_canonical);
}

BOOST_AUTO_TEST_CASE(the_token_header_unsigned_although_a_token_is_sent) {
    // The token is sent in `t` but X-Amz-Security-Token is left out of the signature.
    auto creds = temporary();
    auto req = sts_request();
    mongo_aws::sigv4::options options;
    options.region = "us-east-1";
    options.service = "sts";
    options.timestamp = signing_time;
    options.omit_session_token = true;
    const auto signed_request = mongo_aws::sigv4::sign_headers(req, creds, options).value();
    const auto payload =
        test::client_final_document(signed_request.authorization, signed_request.amz_date, token);
    BOOST_TEST(reason_of(verify(payload)) == rejection::signed_header_missing);
}

BOOST_AUTO_TEST_CASE(a_scope_date_other_than_the_amz_date_day) {
    const auto payload = test::conversation_payload(long_term(), host, signing_time);
    const auto outcome = verify(replace_authorization(payload, "/20200203/", "/20200202/"));
    BOOST_TEST(reason_of(outcome) == rejection::scope_date_mismatch);
}

BOOST_AUTO_TEST_CASE(a_region_other_than_the_hosts) {
    const auto outcome =
        verify(test::sign_and_package(sts_request(), long_term(), "us-west-2", signing_time));
    BOOST_TEST(reason_of(outcome) == rejection::region_mismatch);
    BOOST_TEST(outcome.why().message.find("us-east-1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_service_other_than_sts) {
    const auto outcome = verify(
        test::sign_and_package(sts_request(), long_term(), "us-east-1", signing_time, "iam"));
    BOOST_TEST(reason_of(outcome) == rejection::service_mismatch);
}

BOOST_AUTO_TEST_CASE(a_date_16_minutes_behind_the_server_clock) {
    const auto payload = test::conversation_payload(long_term(), host, signing_time);
    const auto outcome = verify(payload, expected(host, signing_time + minutes(16)));
    BOOST_TEST(reason_of(outcome) == rejection::clock_skew);
    BOOST_TEST(outcome.why().message.find("960 s behind") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_date_16_minutes_ahead_of_the_server_clock) {
    const auto payload = test::conversation_payload(long_term(), host, signing_time);
    const auto outcome = verify(payload, expected(host, signing_time - minutes(16)));
    BOOST_TEST(reason_of(outcome) == rejection::clock_skew);
    BOOST_TEST(outcome.why().message.find("960 s ahead") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_missing_session_token) {
    auto creds = temporary();
    creds.session_token.clear();
    const auto outcome = verify(test::conversation_payload(creds, host, signing_time));
    BOOST_TEST(reason_of(outcome) == rejection::session_token_missing);
}

BOOST_AUTO_TEST_CASE(an_unexpected_session_token) {
    auto creds = long_term();
    creds.session_token = secret_string(token);
    const auto outcome = verify(test::conversation_payload(creds, host, signing_time));
    BOOST_TEST(reason_of(outcome) == rejection::session_token_unexpected);
}

BOOST_AUTO_TEST_CASE(a_different_session_token) {
    auto creds = temporary();
    creds.session_token = secret_string("FwoGZXIvYXdzANOTHERTOKEN");
    const auto outcome = verify(test::conversation_payload(creds, host, signing_time));
    BOOST_TEST(reason_of(outcome) == rejection::session_token_mismatch);
    BOOST_TEST(outcome.why().message.find("ANOTHERTOKEN") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_malformed_authorization_header) {
    const auto payload = test::conversation_payload(long_term(), host, signing_time);
    const auto outcome = verify(replace_authorization(payload, "AWS4-HMAC-SHA256", "AWS4-HMAC"));
    BOOST_TEST(reason_of(outcome) == rejection::authorization_malformed);
}

BOOST_AUTO_TEST_CASE(a_malformed_amz_date) {
    const auto parts = test::parts_of(test::conversation_payload(long_term(), host, signing_time));
    for (const std::string_view date :
         {"2020-02-03T04:05:06Z", "20200203T040506", "20200230T040506Z", "20200203T246060Z",
          "99991231T235959Z", "19691231T235959Z", ""}) {
        BOOST_TEST_INFO("d = " << date);
        BOOST_TEST(reason_of(verify(test::client_final_document(
                       parts.authorization, date, std::nullopt))) == rejection::date_malformed);
    }
}

BOOST_AUTO_TEST_CASE(a_malformed_payload) {
    const auto parts = test::parts_of(test::conversation_payload(long_term(), host, signing_time));
    BOOST_TEST(reason_of(verify(bytes{1, 2, 3})) == rejection::sasl_continue_payload_malformed);
    BOOST_TEST(reason_of(verify(test::client_final_document(parts.authorization, parts.amz_date,
                                                            std::string_view{}))) ==
               rejection::sasl_continue_payload_malformed);

    bson_t doc;
    bson_init(&doc);
    bson_append_utf8(&doc, "d", -1, parts.amz_date.c_str(), -1);
    const bytes no_authorization(bson_get_data(&doc), bson_get_data(&doc) + doc.len);
    bson_append_utf8(&doc, "d", -1, parts.amz_date.c_str(), -1);
    const bytes date_twice(bson_get_data(&doc), bson_get_data(&doc) + doc.len);
    bson_destroy(&doc);
    BOOST_TEST(reason_of(verify(no_authorization)) == rejection::sasl_continue_payload_malformed);
    BOOST_TEST(reason_of(verify(date_twice)) == rejection::sasl_continue_payload_malformed);

    bson_init(&doc);
    bson_append_utf8(&doc, "a", -1, parts.authorization.c_str(), -1);
    bson_append_int32(&doc, "d", -1, 20200203);
    const bytes date_not_string(bson_get_data(&doc), bson_get_data(&doc) + doc.len);
    bson_destroy(&doc);
    const auto outcome = verify(date_not_string);
    BOOST_TEST(reason_of(outcome) == rejection::sasl_continue_payload_malformed);
    BOOST_TEST(outcome.why().message.find("`d` of type int") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(everything_when_the_expected_host_is_invalid) {
    const auto payload = test::conversation_payload(long_term(), host, signing_time);
    BOOST_TEST(reason_of(verify(payload, expected("sts..amazonaws.com"))) ==
               rejection::region_mismatch);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(refusals_never_show_the_secret_the_token_or_the_expected_signature) {
    const auto good = test::parts_of(test::conversation_payload(temporary(), host, signing_time));
    const std::string expected_signature =
        good.authorization.substr(good.authorization.size() - 64);
    auto wrong = temporary();
    wrong.secret_access_key = secret_string("another-secret-EXAMPLE");
    const std::vector<bytes> payloads = {
        test::conversation_payload(wrong, host, signing_time),
        replace_authorization(test::conversation_payload(temporary(), host, signing_time),
                              "x-amz-date;", ""),
    };
    for (const auto& payload : payloads) {
        const auto outcome = verify(payload);
        BOOST_REQUIRE(!outcome.ok());
        const std::string& message = outcome.why().message;
        BOOST_TEST_INFO(message);
        BOOST_TEST(message.find(temp_secret) == std::string::npos);
        BOOST_TEST(message.find(token) == std::string::npos);
        BOOST_TEST(message.find(expected_signature) == std::string::npos);
        BOOST_TEST(message.find("another-secret") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(every_reason_has_its_own_name) {
    BOOST_TEST(ts::to_string(rejection::signature_mismatch) == "signature_mismatch");
    std::set<std::string_view> names;
    for (int value = 0; value <= static_cast<int>(rejection::injected_fault); ++value) {
        const auto name = ts::to_string(static_cast<rejection>(value));
        BOOST_TEST_INFO("reason " << value);
        BOOST_TEST(name != "unknown");
        BOOST_TEST(names.insert(name).second);
    }
}
