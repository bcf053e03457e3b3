// The request serializer: the exact bytes on the wire, and every field it refuses to send.
// Expected bytes follow RFC 9112 §3 (request line), §5 (field lines) and RFC 9110 §8.6
// (Content-Length); the requests are those of AWS's IMDSv2 documentation ("Use IMDSv2": a PUT to
// /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds, then GETs with
// X-aws-ec2-metadata-token) and of STS GetCallerIdentity (its 43-byte body, see
// PROTOCOL-NOTES.md §2).
#define BOOST_TEST_MODULE http_serialize_request
#include <mongo_aws/http_request.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <system_error>

namespace http = mongo_aws::http;
using mongo_aws::errc;

namespace {

http::request imds_get(std::string token) {
    http::request req;
    req.method = "GET";
    req.target = "/latest/meta-data/iam/security-credentials/";
    req.headers = {{"Host", "169.254.169.254"}, {"X-aws-ec2-metadata-token", std::move(token)}};
    return req;
}

bool refused(const http::request& req) {
    const auto bytes = http::serialize_request(req);
    return !bytes.has_value() && bytes.error().code == std::error_code(errc::http_invalid_request);
}

std::string refusal(const http::request& req) {
    const auto bytes = http::serialize_request(req);
    BOOST_TEST_REQUIRE(!bytes.has_value());
    BOOST_TEST(bytes.error().code == std::error_code(errc::http_invalid_request));
    return bytes.error().message;
}

}  // namespace

// --- What is sent -----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(get_without_body_has_no_content_length) {
    const auto bytes = http::serialize_request(imds_get("AQAEAtoken=="));
    BOOST_TEST_REQUIRE(bytes.has_value());
    BOOST_TEST(*bytes ==
               "GET /latest/meta-data/iam/security-credentials/ HTTP/1.1\r\n"
               "Host: 169.254.169.254\r\n"
               "X-aws-ec2-metadata-token: AQAEAtoken==\r\n"
               "\r\n");
}

BOOST_AUTO_TEST_CASE(put_without_body_sends_content_length_zero) {
    http::request req;
    req.method = "PUT";
    req.target = "/latest/api/token";
    req.headers = {{"Host", "169.254.169.254"}, {"X-aws-ec2-metadata-token-ttl-seconds", "21600"}};
    const auto bytes = http::serialize_request(req);
    BOOST_TEST_REQUIRE(bytes.has_value());
    BOOST_TEST(*bytes ==
               "PUT /latest/api/token HTTP/1.1\r\n"
               "Host: 169.254.169.254\r\n"
               "X-aws-ec2-metadata-token-ttl-seconds: 21600\r\n"
               "Content-Length: 0\r\n"
               "\r\n");
}

BOOST_AUTO_TEST_CASE(body_gets_a_content_length_after_the_given_headers) {
    http::request req;
    req.method = "POST";
    req.target = "/";
    req.headers = {{"Host", "sts.amazonaws.com"},
                   {"Content-Type", "application/x-www-form-urlencoded"}};
    req.body = "Action=GetCallerIdentity&Version=2011-06-15";
    const auto bytes = http::serialize_request(req);
    BOOST_TEST_REQUIRE(bytes.has_value());
    BOOST_TEST(*bytes ==
               "POST / HTTP/1.1\r\n"
               "Host: sts.amazonaws.com\r\n"
               "Content-Type: application/x-www-form-urlencoded\r\n"
               "Content-Length: 43\r\n"
               "\r\n"
               "Action=GetCallerIdentity&Version=2011-06-15");
}

BOOST_AUTO_TEST_CASE(a_given_content_length_is_kept_and_not_repeated) {
    // Signed requests carry Content-Length among the signed headers, in their own place.
    http::request req;
    req.method = "POST";
    req.target = "/";
    req.headers = {{"content-length", "43"}, {"Host", "sts.amazonaws.com"}};
    req.body = "Action=GetCallerIdentity&Version=2011-06-15";
    const auto bytes = http::serialize_request(req);
    BOOST_TEST_REQUIRE(bytes.has_value());
    BOOST_TEST(*bytes ==
               "POST / HTTP/1.1\r\n"
               "content-length: 43\r\n"
               "Host: sts.amazonaws.com\r\n"
               "\r\n"
               "Action=GetCallerIdentity&Version=2011-06-15");
}

BOOST_AUTO_TEST_CASE(get_with_a_body_gets_a_content_length) {
    auto req = imds_get("t");
    req.body = "x";
    const auto bytes = http::serialize_request(req);
    BOOST_TEST_REQUIRE(bytes.has_value());
    BOOST_TEST(bytes->find("\r\nContent-Length: 1\r\n\r\nx") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(headers_keep_their_order_case_and_inner_whitespace) {
    http::request req;
    req.method = "GET";
    req.target = "/a%20b?x=1&y=%2F";
    req.headers = {{"x-B", "2"}, {"Host", "h"}, {"X-a", "one \t two"}, {"X-Empty", ""}};
    const auto bytes = http::serialize_request(req);
    BOOST_TEST_REQUIRE(bytes.has_value());
    BOOST_TEST(*bytes ==
               "GET /a%20b?x=1&y=%2F HTTP/1.1\r\n"
               "x-B: 2\r\n"
               "Host: h\r\n"
               "X-a: one \t two\r\n"
               "X-Empty: \r\n"
               "\r\n");
}

BOOST_AUTO_TEST_CASE(http_1_0_requests_say_so) {
    auto req = imds_get("t");
    req.minor_version = 0;
    const auto bytes = http::serialize_request(req);
    BOOST_TEST_REQUIRE(bytes.has_value());
    BOOST_TEST(bytes->rfind("GET /latest/meta-data/iam/security-credentials/ HTTP/1.0\r\n", 0) ==
               0U);
}

BOOST_AUTO_TEST_CASE(header_values_may_carry_obs_text) {
    auto req = imds_get("t");
    req.headers.push_back({"User-Agent", "caf\xC3\xA9"});
    BOOST_TEST(http::serialize_request(req).has_value());
}

// --- What is refused --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(method_is_a_non_empty_token) {
    for (const std::string_view method :
         {std::string_view(""), std::string_view("GET /x"), std::string_view("GET\r\n"),
          std::string_view("G\0T", 3), std::string_view("G(T"), std::string_view("G\x7FT")}) {
        BOOST_TEST_CONTEXT(method.size() << " bytes") {
            auto req = imds_get("t");
            req.method = std::string(method);
            BOOST_TEST(refused(req));
        }
    }
}

BOOST_AUTO_TEST_CASE(target_is_non_empty_visible_ascii) {
    for (const std::string_view target :
         {std::string_view(""), std::string_view("/a b"), std::string_view("/a\r\nX: y"),
          std::string_view("/a\nb"), std::string_view("/a\0b", 4), std::string_view("/a\tb"),
          std::string_view("/a\x7F"), std::string_view("/caf\xC3\xA9")}) {
        BOOST_TEST_CONTEXT(target.size() << " bytes") {
            auto req = imds_get("t");
            req.target = std::string(target);
            BOOST_TEST(refused(req));
        }
    }
}

BOOST_AUTO_TEST_CASE(target_is_never_shown_in_the_refusal) {
    auto req = imds_get("t");
    req.target = "/?X-Amz-Security-Token=SEKRIT\r\n";
    const auto text = refusal(req);
    BOOST_TEST(text.find("SEKRIT") == std::string::npos);
    BOOST_TEST(text.find("0x0D") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(version_is_http_1_0_or_1_1) {
    for (const int minor : {-1, 2, 9}) {
        BOOST_TEST_CONTEXT(minor) {
            auto req = imds_get("t");
            req.minor_version = minor;
            BOOST_TEST(refused(req));
        }
    }
}

BOOST_AUTO_TEST_CASE(header_name_is_a_non_empty_token) {
    for (const std::string_view name :
         {std::string_view(""), std::string_view("X Y"), std::string_view("X:Y"),
          std::string_view("X\r\nY"), std::string_view("X\0", 2), std::string_view("X-\xC3\xA9")}) {
        BOOST_TEST_CONTEXT(name.size() << " bytes") {
            auto req = imds_get("t");
            req.headers.push_back({std::string(name), "v"});
            BOOST_TEST(refused(req));
        }
    }
}

BOOST_AUTO_TEST_CASE(header_value_has_no_control_bytes) {
    for (const std::string_view value :
         {std::string_view("token\r\nX-Injected: 1"), std::string_view("token\n"),
          std::string_view("tok\ren"), std::string_view("tok\0en", 6),
          std::string_view("tok\001en"), std::string_view("tok\037en"),
          std::string_view("tok\177en")}) {
        BOOST_TEST_CONTEXT(value.size() << " bytes") {
            BOOST_TEST(refused(imds_get(std::string(value))));
        }
    }
}

BOOST_AUTO_TEST_CASE(header_value_has_no_surrounding_whitespace) {
    for (const std::string_view value : {" token", "token ", "\ttoken", "token\t"}) {
        BOOST_TEST_CONTEXT(value.size() << " bytes") {
            BOOST_TEST(refused(imds_get(std::string(value))));
        }
    }
}

BOOST_AUTO_TEST_CASE(refusal_names_the_header_but_never_shows_its_value) {
    // A token file read with its trailing newline: the classic way to inject a header.
    const auto text = refusal(imds_get("AQAEASEKRITtoken\n"));
    BOOST_TEST(text.find("X-aws-ec2-metadata-token") != std::string::npos);
    BOOST_TEST(text.find("SEKRIT") == std::string::npos);
    BOOST_TEST(text.find("AQAEA") == std::string::npos);
    BOOST_TEST(text.find("0x0A") != std::string::npos);

    const auto padded = refusal(imds_get("AQAEASEKRITtoken "));
    BOOST_TEST(padded.find("X-aws-ec2-metadata-token") != std::string::npos);
    BOOST_TEST(padded.find("SEKRIT") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(host_header_is_required_once_and_not_empty) {
    auto none = imds_get("t");
    none.headers.erase(none.headers.begin());
    BOOST_TEST(refusal(none).find("no Host") != std::string::npos);

    auto twice = imds_get("t");
    twice.headers.push_back({"host", "169.254.169.254"});
    BOOST_TEST(refused(twice));

    auto empty = imds_get("t");
    empty.headers[0].value.clear();
    BOOST_TEST(refused(empty));
}

BOOST_AUTO_TEST_CASE(transfer_encoding_is_refused) {
    auto req = imds_get("t");
    req.headers.push_back({"Transfer-Encoding", "chunked"});
    BOOST_TEST(refused(req));
}

BOOST_AUTO_TEST_CASE(a_given_content_length_must_match_the_body) {
    for (const std::string_view length : {"42", "044", "43 ", "", "-43", "4 3"}) {
        BOOST_TEST_CONTEXT(length) {
            http::request req;
            req.method = "POST";
            req.target = "/";
            req.headers = {{"Host", "sts.amazonaws.com"}, {"Content-Length", std::string(length)}};
            req.body = "Action=GetCallerIdentity&Version=2011-06-15";
            BOOST_TEST(refused(req));
        }
    }
}

BOOST_AUTO_TEST_CASE(content_length_is_given_at_most_once) {
    http::request req;
    req.method = "POST";
    req.target = "/";
    req.headers = {{"Host", "h"}, {"Content-Length", "1"}, {"content-length", "1"}};
    req.body = "x";
    BOOST_TEST(refused(req));
}
