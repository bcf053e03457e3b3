// SigV4: the signing key, the date and encoding helpers, what the signer refuses, and that the
// secret never comes out. (The byte-for-byte behaviour is AWS's suite: conformance/.)
#define BOOST_TEST_MODULE sigv4
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/error.hpp>
#include <mongo_aws/secret.hpp>
#include <mongo_aws/sigv4.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace sigv4 = mongo_aws::sigv4;
using mongo_aws::errc;

namespace {

constexpr std::string_view example_secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view example_token = "FwoGZXIvYXdzEXAMPLETOKENvalue";

// The inputs of the AWS suite's get-vanilla case (2015-08-30T12:36:00Z, us-east-1, "service").
std::chrono::system_clock::time_point suite_time() {
    using namespace std::chrono;
    return sys_days{year{2015} / August / 30} + hours{12} + minutes{36};
}

mongo_aws::credentials example_credentials() {
    mongo_aws::credentials creds;
    creds.access_key_id = "AKIDEXAMPLE";
    creds.secret_access_key = mongo_aws::secret_string(example_secret);
    return creds;
}

sigv4::options example_options() {
    sigv4::options opts;
    opts.region = "us-east-1";
    opts.service = "service";
    opts.timestamp = suite_time();
    return opts;
}

sigv4::request example_request() {
    sigv4::request req;
    req.method = "GET";
    req.path = "/";
    req.headers.push_back({"Host", "example.amazonaws.com"});
    return req;
}

// get-vanilla/header-signature.txt of the AWS suite.
constexpr std::string_view vanilla_signature =
    "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

template <class T>
std::error_code code_of(const mongo_aws::result<T>& outcome) {
    return outcome ? std::error_code{} : outcome.error().code;
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

// Header signing and presigning must refuse `req` alike, with `expected` and a message that
// mentions `hint`.
void check_both_forms_refuse(const sigv4::request& req, errc expected, std::string_view hint,
                             const mongo_aws::credentials& creds = example_credentials(),
                             const sigv4::options& opts = example_options()) {
    const auto by_header = sigv4::sign_headers(req, creds, opts);
    BOOST_TEST_REQUIRE(!by_header.has_value());
    BOOST_TEST(by_header.error().code == std::error_code(expected));
    BOOST_TEST_INFO("message: " << by_header.error().message);
    BOOST_TEST(contains(by_header.error().message, hint));

    const auto by_query = sigv4::presign_query(req, creds, opts);
    BOOST_TEST_REQUIRE(!by_query.has_value());
    BOOST_TEST(by_query.error().code == std::error_code(expected));
}

}  // namespace

// --- The signing key ---

BOOST_AUTO_TEST_CASE(signing_key_matches_aws_documented_example) {
    // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
    const auto key = sigv4::derive_signing_key(example_secret, "20120215", "us-east-1", "iam");
    const std::array<std::uint8_t, 32> expected = {0xf4, 0x78, 0x0e, 0x2d, 0x9f, 0x65, 0xfa, 0x89,
                                                   0x5f, 0x9c, 0x67, 0xb3, 0x2c, 0xe1, 0xba, 0xf0,
                                                   0xb0, 0xd8, 0xa4, 0x35, 0x05, 0xa0, 0x00, 0xa1,
                                                   0xa9, 0xe0, 0x90, 0xd4, 0x14, 0xdb, 0x40, 0x4d};
    BOOST_TEST(key.bytes() == expected);
}

BOOST_AUTO_TEST_CASE(signing_key_remembers_its_scope) {
    const auto key = sigv4::derive_signing_key(example_secret, "20150830", "us-east-1", "sts");
    BOOST_TEST(key.matches("20150830", "us-east-1", "sts"));
    BOOST_TEST(!key.matches("20150831", "us-east-1", "sts"));
    BOOST_TEST(!key.matches("20150830", "us-west-2", "sts"));
    BOOST_TEST(!key.matches("20150830", "us-east-1", "iam"));
    BOOST_TEST(!sigv4::signing_key{}.matches("", "", ""));
}

BOOST_AUTO_TEST_CASE(signing_with_a_cached_key_equals_signing_without) {
    const auto key = sigv4::derive_signing_key(example_secret, "20150830", "us-east-1", "service");
    const auto cached =
        sigv4::sign_headers(example_request(), example_credentials(), example_options(), &key);
    const auto fresh =
        sigv4::sign_headers(example_request(), example_credentials(), example_options());
    BOOST_TEST_REQUIRE(cached.has_value());
    BOOST_TEST_REQUIRE(fresh.has_value());
    BOOST_TEST(cached->parts.signature == vanilla_signature);
    BOOST_TEST(cached->authorization == fresh->authorization);

    const auto presigned_cached =
        sigv4::presign_query(example_request(), example_credentials(), example_options(), &key);
    const auto presigned_fresh =
        sigv4::presign_query(example_request(), example_credentials(), example_options());
    BOOST_TEST_REQUIRE(presigned_cached.has_value());
    BOOST_TEST_REQUIRE(presigned_fresh.has_value());
    BOOST_TEST(presigned_cached->parts.signature == presigned_fresh->parts.signature);
}

BOOST_AUTO_TEST_CASE(cached_key_of_another_day_is_not_used) {
    // Cached the day before: using it would give SignatureDoesNotMatch after midnight UTC.
    const auto stale =
        sigv4::derive_signing_key(example_secret, "20150829", "us-east-1", "service");
    const auto signed_request =
        sigv4::sign_headers(example_request(), example_credentials(), example_options(), &stale);
    BOOST_TEST_REQUIRE(signed_request.has_value());
    BOOST_TEST(signed_request->parts.signature == vanilla_signature);
}

// --- Dates and encoding ---

BOOST_AUTO_TEST_CASE(amz_date_is_compact_utc) {
    BOOST_TEST(sigv4::amz_date(suite_time()) == "20150830T123600Z");
    BOOST_TEST(sigv4::amz_date(suite_time() + std::chrono::milliseconds(999)) ==
               "20150830T123600Z");
    BOOST_TEST(sigv4::amz_date(std::chrono::system_clock::time_point{}) == "19700101T000000Z");
    // Before the epoch the second is floored, not truncated toward 1970.
    BOOST_TEST(sigv4::amz_date(std::chrono::system_clock::time_point{} -
                               std::chrono::milliseconds(1)) == "19691231T235959Z");
}

BOOST_AUTO_TEST_CASE(uri_encode_keeps_unreserved_bytes) {
    const std::string unreserved =
        "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    BOOST_TEST(sigv4::uri_encode(unreserved, false) == unreserved);
}

BOOST_AUTO_TEST_CASE(uri_encode_escapes_the_rest_in_uppercase_hex) {
    BOOST_TEST(sigv4::uri_encode("a b", false) == "a%20b");
    BOOST_TEST(sigv4::uri_encode("\xE1\x88\xB4", false) == "%E1%88%B4");  // U+1234 (get-utf8)
    BOOST_TEST(sigv4::uri_encode("+=&%*", false) == "%2B%3D%26%25%2A");
    BOOST_TEST(sigv4::uri_encode(std::string_view("\0\xFF", 2), false) == "%00%FF");
}

BOOST_AUTO_TEST_CASE(uri_encode_keeps_slash_only_for_paths) {
    BOOST_TEST(sigv4::uri_encode("/a/b", true) == "/a/b");
    BOOST_TEST(sigv4::uri_encode("/a/b", false) == "%2Fa%2Fb");
}

BOOST_AUTO_TEST_CASE(encode_query_keeps_the_given_order) {
    BOOST_TEST(sigv4::encode_query({{"b", "2"}, {"a", "x/y z"}, {"k", ""}}) ==
               "b=2&a=x%2Fy%20z&k=");
    BOOST_TEST(sigv4::encode_query({}).empty());
}

// --- Paths ---

BOOST_AUTO_TEST_CASE(empty_path_signs_as_root) {
    auto req = example_request();
    req.path = "";
    const auto signed_request = sigv4::sign_headers(req, example_credentials(), example_options());
    BOOST_TEST_REQUIRE(signed_request.has_value());
    BOOST_TEST(signed_request->parts.signature == vanilla_signature);
}

BOOST_AUTO_TEST_CASE(path_is_encoded_once_more_unless_s3) {
    auto req = example_request();
    req.path = "/a%20b";
    auto opts = example_options();
    const auto doubled = sigv4::sign_headers(req, example_credentials(), opts);
    opts.double_uri_encode = false;
    const auto single = sigv4::sign_headers(req, example_credentials(), opts);
    BOOST_TEST_REQUIRE(doubled.has_value());
    BOOST_TEST_REQUIRE(single.has_value());
    BOOST_TEST(contains(doubled->parts.canonical_request, "\n/a%2520b\n"));
    BOOST_TEST(contains(single->parts.canonical_request, "\n/a%20b\n"));
}

BOOST_AUTO_TEST_CASE(dot_dot_removes_the_segment_before_it_but_not_the_root) {
    auto req = example_request();
    for (const auto& [path, canonical] : std::vector<std::pair<std::string, std::string>>{
             {"/a/b/../c", "\n/a/c\n"}, {"/../..", "\n/\n"}, {"/a/./b//", "\n/a/b/\n"}}) {
        req.path = path;
        const auto signed_request =
            sigv4::sign_headers(req, example_credentials(), example_options());
        BOOST_TEST_REQUIRE(signed_request.has_value());
        BOOST_TEST_INFO("path " << path);
        BOOST_TEST(contains(signed_request->parts.canonical_request, canonical));
    }
}

// --- Headers ---

BOOST_AUTO_TEST_CASE(tabs_count_as_spaces_in_header_values) {
    auto req = example_request();
    req.headers.push_back({"My-Header", "\t a \t\t b\t"});
    const auto signed_request = sigv4::sign_headers(req, example_credentials(), example_options());
    BOOST_TEST_REQUIRE(signed_request.has_value());
    BOOST_TEST(contains(signed_request->parts.canonical_request, "\nmy-header:a b\n"));
}

BOOST_AUTO_TEST_CASE(header_names_differing_in_case_are_one_header) {
    auto req = example_request();
    req.headers.push_back({"X-Repeated", "1"});
    req.headers.push_back({"x-repeated", "2"});
    const auto signed_request = sigv4::sign_headers(req, example_credentials(), example_options());
    BOOST_TEST_REQUIRE(signed_request.has_value());
    BOOST_TEST(contains(signed_request->parts.canonical_request, "\nx-repeated:1,2\n"));
    BOOST_TEST(signed_request->parts.signed_headers == "host;x-amz-date;x-repeated");
}

// --- What the results hold ---

BOOST_AUTO_TEST_CASE(added_headers_come_in_the_documented_order) {
    auto creds = example_credentials();
    creds.session_token = mongo_aws::secret_string(example_token);
    auto opts = example_options();
    opts.sign_body = true;
    const auto signed_request = sigv4::sign_headers(example_request(), creds, opts);
    BOOST_TEST_REQUIRE(signed_request.has_value());
    std::vector<std::string> names;
    for (const auto& added : signed_request->added_headers) {
        names.push_back(added.name);
    }
    const std::vector<std::string> expected = {"X-Amz-Date", "X-Amz-Security-Token",
                                               "x-amz-content-sha256", "Authorization"};
    BOOST_TEST(names == expected, boost::test_tools::per_element());
    BOOST_TEST(signed_request->added_headers.back().value == signed_request->authorization);
    BOOST_TEST(signed_request->amz_date == "20150830T123600Z");
}

BOOST_AUTO_TEST_CASE(presigned_parameters_come_in_the_documented_order) {
    auto creds = example_credentials();
    creds.session_token = mongo_aws::secret_string(example_token);
    const auto presigned = sigv4::presign_query(example_request(), creds, example_options());
    BOOST_TEST_REQUIRE(presigned.has_value());
    std::vector<std::string> names;
    for (const auto& added : presigned->added_query) {
        names.push_back(added.first);
    }
    const std::vector<std::string> expected = {
        "X-Amz-Algorithm", "X-Amz-Credential",     "X-Amz-Date",     "X-Amz-SignedHeaders",
        "X-Amz-Expires",   "X-Amz-Security-Token", "X-Amz-Signature"};
    BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(omitted_session_token_is_sent_but_not_signed) {
    auto creds = example_credentials();
    creds.session_token = mongo_aws::secret_string(example_token);
    auto opts = example_options();
    opts.omit_session_token = true;
    const auto signed_request = sigv4::sign_headers(example_request(), creds, opts);
    BOOST_TEST_REQUIRE(signed_request.has_value());
    BOOST_TEST(signed_request->parts.signed_headers == "host;x-amz-date");
    BOOST_TEST(signed_request->added_headers.at(1).name == "X-Amz-Security-Token");
    BOOST_TEST(signed_request->added_headers.at(1).value == example_token);
}

BOOST_AUTO_TEST_CASE(no_output_holds_the_secret) {
    auto creds = example_credentials();
    creds.session_token = mongo_aws::secret_string(example_token);
    auto opts = example_options();
    opts.sign_body = true;
    auto req = example_request();
    req.body = "Action=GetCallerIdentity&Version=2011-06-15";

    const auto signed_request = sigv4::sign_headers(req, creds, opts);
    const auto presigned = sigv4::presign_query(req, creds, opts);
    BOOST_TEST_REQUIRE(signed_request.has_value());
    BOOST_TEST_REQUIRE(presigned.has_value());

    std::vector<std::string> outputs = {signed_request->authorization, signed_request->amz_date};
    for (const auto* parts : {&signed_request->parts, &presigned->parts}) {
        outputs.insert(outputs.end(), {parts->canonical_request, parts->string_to_sign,
                                       parts->signed_headers, parts->signature});
    }
    for (const auto& added : signed_request->added_headers) {
        outputs.insert(outputs.end(), {added.name, added.value});
    }
    for (const auto& added : presigned->added_query) {
        outputs.insert(outputs.end(), {added.first, added.second});
    }
    for (const auto& output : outputs) {
        BOOST_TEST(!contains(output, example_secret));
        BOOST_TEST(!contains(output, sigv4::uri_encode(example_secret, false)));
    }
}

// --- What the signer refuses ---

BOOST_AUTO_TEST_CASE(empty_method_is_refused) {
    auto req = example_request();
    req.method.clear();
    check_both_forms_refuse(req, errc::sigv4_invalid_request, "request.method");
}

BOOST_AUTO_TEST_CASE(method_outside_the_token_set_is_refused) {
    auto req = example_request();
    req.method = "GET /x HTTP/1.1\r\nHost: evil";
    check_both_forms_refuse(req, errc::sigv4_invalid_request, "token");
}

BOOST_AUTO_TEST_CASE(path_with_cr_lf_or_nul_is_refused) {
    for (const auto& bad : std::vector<std::string>{"/a\rb", "/a\nb", std::string("/a\0b", 4)}) {
        auto req = example_request();
        req.path = bad;
        check_both_forms_refuse(req, errc::sigv4_invalid_request, "CR, LF or NUL");
    }
}

BOOST_AUTO_TEST_CASE(path_must_start_with_a_slash) {
    auto req = example_request();
    req.path = "https://example.amazonaws.com/";
    check_both_forms_refuse(req, errc::sigv4_invalid_request, "start with '/'");
}

BOOST_AUTO_TEST_CASE(path_with_a_query_or_fragment_is_refused) {
    auto req = example_request();
    req.path = "/?Action=GetCallerIdentity";
    check_both_forms_refuse(req, errc::sigv4_invalid_request, "request.query");
    req.path = "/a#b";
    check_both_forms_refuse(req, errc::sigv4_invalid_request, "fragment");
}

BOOST_AUTO_TEST_CASE(header_value_with_cr_lf_or_nul_is_refused) {
    const std::vector<std::string> values = {"a\r\nX-Injected: 1", "value1\n  value2",
                                             std::string("a\0b", 3), "a\r"};
    for (const auto& bad : values) {
        auto req = example_request();
        req.headers.push_back({"My-Header", bad});
        check_both_forms_refuse(req, errc::sigv4_invalid_header_value, "unfolded");
    }
}

BOOST_AUTO_TEST_CASE(header_name_outside_the_token_set_is_refused) {
    for (const std::string bad : {"My Header", "My:Header", "My\nHeader", "Caf\xC3\xA9"}) {
        auto req = example_request();
        req.headers.push_back({bad, "value"});
        check_both_forms_refuse(req, errc::sigv4_invalid_header_name, "token set");
    }
}

BOOST_AUTO_TEST_CASE(empty_header_name_is_refused) {
    auto req = example_request();
    req.headers.push_back({"", "value"});
    check_both_forms_refuse(req, errc::sigv4_invalid_header_name, "header #2");
}

BOOST_AUTO_TEST_CASE(headers_the_signer_adds_are_refused_in_the_request) {
    for (const std::string name :
         {"Authorization", "x-amz-date", "X-AMZ-SECURITY-TOKEN", "X-Amz-Content-Sha256"}) {
        auto req = example_request();
        req.headers.push_back({name, "value"});
        check_both_forms_refuse(req, errc::sigv4_reserved_header, "the signer adds it");
    }
}

BOOST_AUTO_TEST_CASE(request_without_host_is_refused) {
    auto req = example_request();
    req.headers.clear();
    req.headers.push_back({"Content-Type", "text/plain"});
    check_both_forms_refuse(req, errc::sigv4_missing_host, "Host");
}

BOOST_AUTO_TEST_CASE(signing_parameters_already_in_the_query_are_refused) {
    for (const std::string name : {"X-Amz-Signature", "x-amz-credential", "X-Amz-Security-Token"}) {
        auto req = example_request();
        req.query.emplace_back(name, "value");
        check_both_forms_refuse(req, errc::sigv4_reserved_query_parameter, "earlier signature");
    }
}

BOOST_AUTO_TEST_CASE(incomplete_credentials_are_refused) {
    auto no_key_id = example_credentials();
    no_key_id.access_key_id.clear();
    check_both_forms_refuse(example_request(), errc::credentials_incomplete, "access key id",
                            no_key_id);
    auto no_secret = example_credentials();
    no_secret.secret_access_key.clear();
    check_both_forms_refuse(example_request(), errc::credentials_incomplete, "secret access key",
                            no_secret);
}

BOOST_AUTO_TEST_CASE(access_key_id_that_breaks_the_scope_is_refused) {
    for (const std::string bad :
         {"AKIDEXAMPLE\n", "AKID/EXAMPLE", "AKID,EXAMPLE", "AKID EXAMPLE"}) {
        auto creds = example_credentials();
        creds.access_key_id = bad;
        check_both_forms_refuse(example_request(), errc::sigv4_invalid_credentials, "access key id",
                                creds);
    }
}

BOOST_AUTO_TEST_CASE(session_token_with_a_control_byte_is_refused_unquoted) {
    auto creds = example_credentials();
    creds.session_token = mongo_aws::secret_string(std::string(example_token) + "\n");
    check_both_forms_refuse(example_request(), errc::sigv4_invalid_credentials, "trailing newline",
                            creds);
    const auto refused = sigv4::sign_headers(example_request(), creds, example_options());
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(!contains(refused.error().to_string(), example_token));
}

BOOST_AUTO_TEST_CASE(region_and_service_must_fit_a_credential_scope) {
    auto opts = example_options();
    opts.region.clear();
    check_both_forms_refuse(example_request(), errc::sigv4_invalid_scope, "options.region",
                            example_credentials(), opts);
    opts = example_options();
    opts.service = "sts/evil";
    check_both_forms_refuse(example_request(), errc::sigv4_invalid_scope, "service",
                            example_credentials(), opts);
}

BOOST_AUTO_TEST_CASE(presign_expiry_must_be_one_second_to_seven_days) {
    auto opts = example_options();
    for (const auto seconds : {0, -1, 604801}) {
        opts.presign_expires = std::chrono::seconds(seconds);
        const auto refused = sigv4::presign_query(example_request(), example_credentials(), opts);
        BOOST_TEST(code_of(refused) == std::error_code(errc::sigv4_invalid_expires));
    }
    opts.presign_expires = std::chrono::seconds(604800);
    BOOST_TEST(sigv4::presign_query(example_request(), example_credentials(), opts).has_value());
}

BOOST_AUTO_TEST_CASE(messages_quote_at_most_64_bytes_of_input) {
    auto req = example_request();
    req.path = "/" + std::string(10000, 'a') + "?";
    const auto refused = sigv4::sign_headers(req, example_credentials(), example_options());
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().message.size() < 300U);
    BOOST_TEST(contains(refused.error().message, "first 64 of 10002 bytes"));
}
