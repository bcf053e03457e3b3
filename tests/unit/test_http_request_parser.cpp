// The HTTP request parser (what the loopback stand-ins of IMDS, ECS and STS receive), rule by
// rule. Every request is fed whole, split in two at every position and one byte at a time: all
// must give the same request or the same error. Grammar: RFC 9112 §3 (request line), §5 (field
// lines), §6.3 (a request without Content-Length or chunked has no body).
#define BOOST_TEST_MODULE http_request_parser
#include "support/http_feeding.hpp"

#include <mongo_aws/http_request.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <system_error>

namespace http = mongo_aws::http;
using mongo_aws::errc;
using mongo_aws::test::failed_with;
using mongo_aws::test::is_complete;
using mongo_aws::test::needs_more;
using mongo_aws::test::then;

namespace {

using outcome = mongo_aws::test::parse_outcome<http::request>;

outcome parse(std::string_view bytes, then end = then::stay_open, http::parser_limits limits = {}) {
    return mongo_aws::test::parse_checked<http::request_parser>(bytes, end, limits);
}

constexpr std::string_view token_put =
    "PUT /latest/api/token HTTP/1.1\r\n"
    "Host: 169.254.169.254\r\n"
    "X-aws-ec2-metadata-token-ttl-seconds: 21600\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

constexpr std::string_view sts_post =
    "POST / HTTP/1.1\r\n"
    "Host: sts.amazonaws.com\r\n"
    "Content-Type: application/x-www-form-urlencoded\r\n"
    "Content-Length: 43\r\n"
    "\r\n"
    "Action=GetCallerIdentity&Version=2011-06-15";

std::string with_request_line(std::string_view line) {
    return std::string(line) + "\r\nHost: h\r\n\r\n";
}

}  // namespace

// --- Whole requests ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(request_without_framing_headers_has_no_body) {
    const auto parsed = parse(
        "GET /latest/meta-data/iam/security-credentials/ HTTP/1.1\r\n"
        "Host: 169.254.169.254\r\nX-aws-ec2-metadata-token: AQAEA==\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.method == "GET");
    BOOST_TEST(parsed.message.target == "/latest/meta-data/iam/security-credentials/");
    BOOST_TEST(parsed.message.minor_version == 1);
    BOOST_TEST(parsed.message.find_header("x-aws-ec2-metadata-token").value_or("") == "AQAEA==");
    BOOST_TEST(parsed.message.body.empty());
}

BOOST_AUTO_TEST_CASE(content_length_zero_gives_an_empty_body) {
    const auto parsed = parse(token_put);
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.method == "PUT");
    BOOST_TEST(parsed.message.find_header("X-AWS-EC2-METADATA-TOKEN-TTL-SECONDS").value_or("") ==
               "21600");
    BOOST_TEST(parsed.message.body.empty());
}

BOOST_AUTO_TEST_CASE(content_length_delimits_the_body) {
    const auto parsed = parse(sts_post);
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.method == "POST");
    BOOST_TEST(parsed.message.target == "/");
    BOOST_TEST(parsed.message.body == "Action=GetCallerIdentity&Version=2011-06-15");
}

BOOST_AUTO_TEST_CASE(chunked_body_is_decoded) {
    const auto parsed = parse(
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        "6;ext=1\r\nAction\r\n3\r\n=Ge\r\n0\r\nX-Trailer: t\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body == "Action=Ge");
}

BOOST_AUTO_TEST_CASE(http_1_0_is_accepted) {
    const auto parsed = parse(with_request_line("GET / HTTP/1.0"));
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.minor_version == 0);
}

BOOST_AUTO_TEST_CASE(any_token_is_a_method_and_any_visible_ascii_a_target) {
    const auto parsed = parse(with_request_line("M-SEARCH! *?a=%20&b=[x]~ HTTP/1.1"));
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.method == "M-SEARCH!");
    BOOST_TEST(parsed.message.target == "*?a=%20&b=[x]~");
}

BOOST_AUTO_TEST_CASE(the_next_request_is_left_over) {
    const auto two = std::string(token_put) + std::string(sts_post);
    const auto parsed = parse(two);
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.method == "PUT");
    BOOST_TEST(parsed.unconsumed == sts_post);

    http::request_parser next;
    BOOST_TEST_REQUIRE(next.feed(parsed.unconsumed).has_value());
    BOOST_TEST(next.complete());
    BOOST_TEST(next.message().method == "POST");
}

BOOST_AUTO_TEST_CASE(a_serialized_request_parses_back_to_itself) {
    http::request sent;
    sent.method = "POST";
    sent.target = "/v1/credentials?role=a%2Fb";
    sent.headers = {
        {"Host", "127.0.0.1:8080"}, {"Authorization", "Bearer token-value"}, {"X-Empty", ""}};
    sent.body = "{\"k\":\"v\"}\r\n\r\n";
    const auto bytes = http::serialize_request(sent);
    BOOST_TEST_REQUIRE(bytes.has_value());
    const auto parsed = parse(*bytes);
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.method == sent.method);
    BOOST_TEST(parsed.message.target == sent.target);
    BOOST_TEST(parsed.message.body == sent.body);
    BOOST_TEST_REQUIRE(parsed.message.headers.size() == sent.headers.size() + 1);  // + length
    for (std::size_t i = 0; i < sent.headers.size(); ++i) {
        BOOST_TEST(parsed.message.headers[i].name == sent.headers[i].name);
        BOOST_TEST(parsed.message.headers[i].value == sent.headers[i].value);
    }
    BOOST_TEST(parsed.message.find_header("Content-Length").value_or("") ==
               std::to_string(sent.body.size()));
}

BOOST_AUTO_TEST_CASE(eof_after_a_complete_request_is_fine) {
    BOOST_TEST(is_complete(parse(sts_post, then::close)));
}

// --- Request line errors ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(request_line_is_method_space_target_space_version) {
    for (const std::string_view line :
         {"", " GET / HTTP/1.1", "GET", "GET /", "GET / ", "GET HTTP/1.1", "GET  / HTTP/1.1",
          "GET / HTTP/1.1 ", "GET /  HTTP/1.1", "GET\t/ HTTP/1.1", "GET /\tHTTP/1.1",
          "G(T / HTTP/1.1", "G\xC3\xA9T / HTTP/1.1"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(line)) {
            BOOST_TEST(
                failed_with(parse(with_request_line(line)), errc::http_malformed_request_line));
        }
    }
}

BOOST_AUTO_TEST_CASE(version_is_http_1_0_or_1_1) {
    for (const std::string_view line : {"GET / HTTP/1.2", "GET / HTTP/2.0", "GET / http/1.1",
                                        "GET / HTTP/1", "GET / HTTP/1.10", "GET / HTTPS/1.1"}) {
        BOOST_TEST_CONTEXT(line) {
            BOOST_TEST(
                failed_with(parse(with_request_line(line)), errc::http_malformed_request_line));
        }
    }
}

BOOST_AUTO_TEST_CASE(target_is_visible_ascii) {
    for (const std::string_view line :
         {std::string_view("GET /a b HTTP/1.1"), std::string_view("GET /a\x01 HTTP/1.1"),
          std::string_view("GET /a\0 HTTP/1.1", 16), std::string_view("GET /a\x7F HTTP/1.1"),
          std::string_view("GET /caf\xC3\xA9 HTTP/1.1"), std::string_view("GET /a\r HTTP/1.1")}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(line)) {
            BOOST_TEST(
                failed_with(parse(with_request_line(line)), errc::http_malformed_request_line));
        }
    }
}

BOOST_AUTO_TEST_CASE(request_line_errors_never_show_the_target) {
    const auto parsed = parse(with_request_line("GET /?X-Amz-Security-Token=SEKRIT\x01 HTTP/1.1"));
    BOOST_TEST_REQUIRE(failed_with(parsed, errc::http_malformed_request_line));
    BOOST_TEST(parsed.error_text.find("SEKRIT") == std::string::npos);
    BOOST_TEST(parsed.error_text.find("0x01") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(request_line_ends_with_crlf_not_a_bare_lf) {
    BOOST_TEST(
        failed_with(parse("GET / HTTP/1.1\nHost: h\r\n\r\n"), errc::http_malformed_request_line));
}

// --- Header and framing errors ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(header_lines_are_as_strict_as_in_responses) {
    for (const std::string_view line :
         {"Host h", "Host : h", ": h", " folded", "X-V: a\001b", "X(Y): b"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(line)) {
            BOOST_TEST(failed_with(parse("GET / HTTP/1.1\r\n" + std::string(line) + "\r\n\r\n"),
                                   errc::http_malformed_header));
        }
    }
}

BOOST_AUTO_TEST_CASE(header_errors_never_show_the_value) {
    const auto parsed = parse("GET / HTTP/1.1\r\nAuthorization: SEKRIT\x02\r\n\r\n");
    BOOST_TEST_REQUIRE(failed_with(parsed, errc::http_malformed_header));
    BOOST_TEST(parsed.error_text.find("Authorization") != std::string::npos);
    BOOST_TEST(parsed.error_text.find("SEKRIT") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(headers_over_the_cap_are_refused) {
    http::parser_limits limits;
    limits.max_header_bytes = 64;
    const auto parsed =
        parse("GET / HTTP/1.1\r\nHost: h\r\nX-Pad: " + std::string(64, 'p') + "\r\n\r\n",
              then::stay_open, limits);
    BOOST_TEST(failed_with(parsed, errc::http_headers_too_large));
}

BOOST_AUTO_TEST_CASE(content_length_is_digits_that_agree) {
    for (const std::string_view head :
         {"Content-Length: x\r\n", "Content-Length: -1\r\n", "Content-Length: 1, 1\r\n",
          "Content-Length: 18446744073709551616\r\n", "Content-Length: 1\r\nContent-Length: 2\r\n",
          "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(head)) {
            BOOST_TEST(
                failed_with(parse("POST / HTTP/1.1\r\nHost: h\r\n" + std::string(head) + "\r\nx"),
                            errc::http_invalid_content_length));
        }
    }
}

BOOST_AUTO_TEST_CASE(transfer_codings_other_than_chunked_are_unsupported) {
    BOOST_TEST(failed_with(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n"),
                           errc::http_unsupported_encoding));
    BOOST_TEST(
        failed_with(parse("POST / HTTP/1.0\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"),
                    errc::http_unsupported_encoding));
}

BOOST_AUTO_TEST_CASE(chunk_errors_are_reported) {
    BOOST_TEST(failed_with(
        parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n"),
        errc::http_invalid_chunk));
    BOOST_TEST(failed_with(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "10000000000000000\r\n"),
                           errc::http_invalid_chunk));
    BOOST_TEST(failed_with(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "1\r\nxy\r\n0\r\n\r\n"),
                           errc::http_invalid_chunk));
}

BOOST_AUTO_TEST_CASE(body_over_the_cap_is_refused_before_it_arrives) {
    http::parser_limits limits;
    limits.max_body_bytes = 42;
    BOOST_TEST(failed_with(
        parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 43\r\n\r\n", then::stay_open, limits),
        errc::http_body_too_large));
    BOOST_TEST(failed_with(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "2B\r\n",
                                 then::stay_open, limits),
                           errc::http_body_too_large));
    limits.max_body_bytes = 43;
    BOOST_TEST(is_complete(parse(sts_post, then::stay_open, limits)));
}

// --- The peer closing early -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(eof_before_any_byte_is_incomplete) {
    BOOST_TEST(failed_with(parse("", then::close), errc::http_incomplete));
}

BOOST_AUTO_TEST_CASE(eof_in_the_head_is_incomplete) {
    BOOST_TEST(failed_with(parse("GET / HT", then::close), errc::http_incomplete));
    BOOST_TEST(
        failed_with(parse("GET / HTTP/1.1\r\nHost: h\r\n", then::close), errc::http_incomplete));
}

BOOST_AUTO_TEST_CASE(eof_mid_body_is_incomplete) {
    const auto bytes = sts_post.substr(0, sts_post.size() - 1);
    BOOST_TEST(needs_more(parse(bytes)));
    const auto parsed = parse(bytes, then::close);
    BOOST_TEST(failed_with(parsed, errc::http_incomplete));
    BOOST_TEST(parsed.error_text.find("42 of the 43") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(eof_mid_chunked_body_is_incomplete) {
    BOOST_TEST(
        failed_with(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab",
                          then::close),
                    errc::http_incomplete));
}
