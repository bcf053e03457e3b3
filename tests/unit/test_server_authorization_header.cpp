// Reading a SigV4 Authorization header on the test server's side: the parts of a well-formed
// one, and each malformation refused with a message that names it.
#define BOOST_TEST_MODULE server_authorization_header
#include <mongo_aws/test_server/authorization_header.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <system_error>

namespace ts = mongo_aws::test_server;
using mongo_aws::errc;

namespace {

constexpr std::string_view credential =
    "Credential=AKIDEXAMPLE/20200203/us-west-2/sts/aws4_request";
constexpr std::string_view signed_headers =
    "SignedHeaders=content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;"
    "x-mongodb-server-nonce";
constexpr std::string_view signature =
    "Signature=c5f63bbb4559aad86305b1dbd516a707f24a8a7aa0650ae0f08e7b99945a0b9c";

std::string header(std::string_view a = credential, std::string_view b = signed_headers,
                   std::string_view c = signature) {
    return "AWS4-HMAC-SHA256 " + std::string(a) + ", " + std::string(b) + ", " + std::string(c);
}

// The message of the refusal (fails the test when the header was accepted).
std::string refused(std::string_view value) {
    const auto parsed = ts::parse_authorization_header(value);
    BOOST_REQUIRE(!parsed.has_value());
    BOOST_TEST(parsed.error().code == std::error_code(errc::authorization_header_malformed));
    return parsed.error().message;
}

bool mentions(const std::string& message, std::string_view text) {
    return message.find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_well_formed_header_gives_its_parts) {
    const auto parsed = ts::parse_authorization_header(header()).value();
    BOOST_TEST(parsed.access_key_id == "AKIDEXAMPLE");
    BOOST_TEST(parsed.date == "20200203");
    BOOST_TEST(parsed.region == "us-west-2");
    BOOST_TEST(parsed.service == "sts");
    BOOST_TEST(parsed.signed_headers == signed_headers.substr(14));
    BOOST_TEST(parsed.signed_header_names.size() == 6U);
    BOOST_TEST(parsed.signed_header_names.front() == "content-length");
    BOOST_TEST(parsed.signature == signature.substr(10));
}

BOOST_AUTO_TEST_CASE(components_may_come_in_any_order_with_or_without_spaces) {
    const std::string reordered = "AWS4-HMAC-SHA256 " + std::string(signature) + "," +
                                  std::string(credential) + " ,  " + std::string(signed_headers);
    const auto parsed = ts::parse_authorization_header(reordered).value();
    BOOST_TEST(parsed.region == "us-west-2");
    BOOST_TEST(parsed.signature == signature.substr(10));
}

BOOST_AUTO_TEST_CASE(another_algorithm_is_refused) {
    std::string value = header();
    value.replace(0, 16, "AWS4-HMAC-SHA512");
    BOOST_TEST(mentions(refused(value), "does not start with the algorithm"));
    BOOST_TEST(mentions(refused(""), "does not start with the algorithm"));
}

BOOST_AUTO_TEST_CASE(no_space_after_the_algorithm_is_refused) {
    std::string value = header();
    value.erase(16, 1);
    BOOST_TEST(mentions(refused(value), "no space after the algorithm"));
}

BOOST_AUTO_TEST_CASE(each_component_is_required) {
    BOOST_TEST(mentions(
        refused("AWS4-HMAC-SHA256 " + std::string(signed_headers) + ", " + std::string(signature)),
        "has no Credential"));
    BOOST_TEST(mentions(
        refused("AWS4-HMAC-SHA256 " + std::string(credential) + ", " + std::string(signature)),
        "has no SignedHeaders"));
    BOOST_TEST(mentions(
        refused("AWS4-HMAC-SHA256 " + std::string(credential) + ", " + std::string(signed_headers)),
        "has no Signature"));
}

BOOST_AUTO_TEST_CASE(a_component_given_twice_is_refused) {
    BOOST_TEST(mentions(refused(header() + ", " + std::string(signature)), "Signature twice"));
}

BOOST_AUTO_TEST_CASE(an_unknown_component_is_refused) {
    BOOST_TEST(mentions(refused(header() + ", Extra=1"), "unknown component \"Extra\""));
}

BOOST_AUTO_TEST_CASE(a_component_without_equals_is_refused) {
    BOOST_TEST(mentions(refused(header() + ", "), "without '='"));
}

BOOST_AUTO_TEST_CASE(a_credential_needs_five_parts) {
    BOOST_TEST(mentions(refused(header("Credential=AKIDEXAMPLE/20200203/us-west-2/aws4_request")),
                        "4 `/`-separated parts, expected 5"));
    BOOST_TEST(
        mentions(refused(header("Credential=AKID/EXAMPLE/20200203/us-west-2/sts/aws4_request")),
                 "6 `/`-separated parts"));
}

BOOST_AUTO_TEST_CASE(a_credential_part_may_not_be_empty) {
    BOOST_TEST(mentions(refused(header("Credential=/20200203/us-west-2/sts/aws4_request")),
                        "empty access key id"));
    BOOST_TEST(mentions(refused(header("Credential=AKIDEXAMPLE/20200203//sts/aws4_request")),
                        "empty region"));
}

BOOST_AUTO_TEST_CASE(a_credential_date_is_eight_digits) {
    BOOST_TEST(
        mentions(refused(header("Credential=AKIDEXAMPLE/2020-02-03/us-west-2/sts/aws4_request")),
                 "not 8 digits"));
}

BOOST_AUTO_TEST_CASE(a_credential_ends_with_aws4_request) {
    BOOST_TEST(
        mentions(refused(header("Credential=AKIDEXAMPLE/20200203/us-west-2/sts/aws4_requests")),
                 "instead of \"aws4_request\""));
}

BOOST_AUTO_TEST_CASE(signed_headers_may_not_have_an_empty_name) {
    BOOST_TEST(
        mentions(refused(header(credential, "SignedHeaders=host;;x-amz-date")), "empty name"));
    BOOST_TEST(mentions(refused(header(credential, "SignedHeaders=")), "empty name"));
}

BOOST_AUTO_TEST_CASE(a_signature_is_64_lowercase_hex_digits) {
    BOOST_TEST(mentions(refused(header(credential, signed_headers, "Signature=abc")),
                        "not 64 lowercase hex digits"));
    std::string upper(signature);
    upper.back() = 'C';
    BOOST_TEST(mentions(refused(header(credential, signed_headers, upper)), "lowercase hex"));
}

BOOST_AUTO_TEST_CASE(a_header_longer_than_the_bound_is_refused) {
    const std::string value = header() + std::string(ts::max_authorization_header_size, ' ');
    BOOST_TEST(mentions(refused(value), "more than 16384"));
}

BOOST_AUTO_TEST_CASE(quoted_input_is_escaped_and_bounded) {
    const std::string message = refused("AWS4-HMAC-SHA256 Cred\nential=" + std::string(200, 'x'));
    BOOST_TEST(!mentions(message, "\n"));
    BOOST_TEST(mentions(message, "\\x0a"));
    BOOST_TEST(!mentions(message, std::string(100, 'x')));
}
