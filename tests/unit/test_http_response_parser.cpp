// The HTTP response parser, rule by rule. Every message is fed whole, split in two at every
// position and one byte at a time: all must give the same response or the same error.
// Grammar: RFC 9112 (HTTP/1.1 messages) and RFC 9110 (semantics); the chunked example is the
// one Wikipedia's "Chunked transfer encoding" article decodes to "Wikipedia in\r\n\r\nchunks.".
#define BOOST_TEST_MODULE http_response_parser
#include "support/http_feeding.hpp"

#include <mongo_aws/http_response.hpp>

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

using outcome = mongo_aws::test::parse_outcome<http::response>;

outcome parse(std::string_view bytes, then end = then::stay_open, http::parser_limits limits = {}) {
    return mongo_aws::test::parse_checked<http::response_parser>(bytes, end, limits);
}

http::parser_limits small_body_cap(std::size_t bytes) {
    http::parser_limits limits;
    limits.max_body_bytes = bytes;
    return limits;
}

http::parser_limits small_header_cap(std::size_t bytes) {
    http::parser_limits limits;
    limits.max_header_bytes = bytes;
    return limits;
}

// Shaped like IMDS's answer for a role's credentials (AWS docs, "Retrieve security credentials
// from instance metadata"); the keys are AWS's documented examples.
constexpr std::string_view imds_json =
    R"({"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"AKIAIOSFODNN7EXAMPLE",)"
    R"("SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})";

std::string with_body(std::string_view head, std::string_view body) {
    return std::string(head) + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           std::string(body);
}

}  // namespace

// --- Whole responses --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(content_length_delimits_the_body) {
    const auto bytes = with_body("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n", imds_json);
    const auto parsed = parse(bytes);
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.minor_version == 1);
    BOOST_TEST(parsed.message.status == 200);
    BOOST_TEST(parsed.message.reason == "OK");
    BOOST_TEST(parsed.message.headers.size() == 2U);
    BOOST_TEST(parsed.message.headers[0].name == "Content-Type");
    BOOST_TEST(parsed.message.headers[0].value == "text/plain");
    BOOST_TEST(parsed.message.body == imds_json);
    BOOST_TEST(parsed.unconsumed.empty());
}

BOOST_AUTO_TEST_CASE(response_is_incomplete_until_the_last_body_byte) {
    const auto bytes = with_body("HTTP/1.1 200 OK\r\n", "hello");
    const auto parsed = parse(std::string_view(bytes).substr(0, bytes.size() - 1));
    BOOST_TEST(needs_more(parsed));
}

BOOST_AUTO_TEST_CASE(header_lookup_ignores_case) {
    const auto parsed = parse(
        "HTTP/1.1 200 OK\r\nContent-TYPE: application/json\r\n"
        "Content-Length: 0\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.find_header("content-type").value_or("") == "application/json");
    BOOST_TEST(parsed.message.find_header("CONTENT-TYPE").value_or("") == "application/json");
    BOOST_TEST(!parsed.message.find_header("Content-Typ").has_value());
    BOOST_TEST(parsed.message.headers[0].name == "Content-TYPE");  // case kept as received
}

BOOST_AUTO_TEST_CASE(whitespace_around_a_value_is_trimmed) {
    const auto parsed = parse(
        "HTTP/1.1 200 OK\r\nX-A:  \t in side \t \r\nX-Empty:\r\nX-Blank: \t \r\n"
        "X-Tight:v\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.find_header("X-A").value_or("?") == "in side");
    BOOST_TEST(parsed.message.find_header("X-Empty").value_or("?") == "");
    BOOST_TEST(parsed.message.find_header("X-Blank").value_or("?") == "");
    BOOST_TEST(parsed.message.find_header("X-Tight").value_or("?") == "v");
}

BOOST_AUTO_TEST_CASE(repeated_headers_are_kept_in_order_and_lookup_finds_the_first) {
    const auto parsed = parse(
        "HTTP/1.1 200 OK\r\nX-Dup: one\r\nX-Other: x\r\nx-dup: two\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST_REQUIRE(parsed.message.headers.size() == 4U);
    BOOST_TEST(parsed.message.headers[2].value == "two");
    BOOST_TEST(parsed.message.find_header("X-DUP").value_or("") == "one");
}

BOOST_AUTO_TEST_CASE(header_values_may_carry_obs_text_and_tabs) {
    const auto parsed =
        parse("HTTP/1.1 200 OK\r\nX-Utf8: caf\xC3\xA9\tbar\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.find_header("x-utf8").value_or("") == "caf\xC3\xA9\tbar");
}

BOOST_AUTO_TEST_CASE(http_1_0_is_accepted) {
    const auto parsed = parse(with_body("HTTP/1.0 404 Not Found\r\n", "nope"));
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.minor_version == 0);
    BOOST_TEST(parsed.message.status == 404);
    BOOST_TEST(parsed.message.reason == "Not Found");
    BOOST_TEST(parsed.message.body == "nope");
}

BOOST_AUTO_TEST_CASE(reason_phrase_may_be_empty_or_absent) {
    for (const std::string_view status_line : {"HTTP/1.1 200 \r\n", "HTTP/1.1 200\r\n"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(status_line)) {
            const auto parsed = parse(std::string(status_line) + "Content-Length: 0\r\n\r\n");
            BOOST_TEST_REQUIRE(is_complete(parsed));
            BOOST_TEST(parsed.message.status == 200);
            BOOST_TEST(parsed.message.reason == "");
        }
    }
}

BOOST_AUTO_TEST_CASE(reason_phrase_keeps_spaces_tabs_and_obs_text) {
    const auto parsed = parse("HTTP/1.1 503 Slow  Down\t\xE2\x80\xA6\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.reason == "Slow  Down\t\xE2\x80\xA6");
}

BOOST_AUTO_TEST_CASE(status_codes_from_100_to_599_are_accepted) {
    for (const std::string_view code : {"200", "299", "401", "599"}) {
        BOOST_TEST_CONTEXT(code) {
            const auto parsed =
                parse("HTTP/1.1 " + std::string(code) + " X\r\nContent-Length: 0\r\n\r\n");
            BOOST_TEST_REQUIRE(is_complete(parsed));
            BOOST_TEST(std::to_string(parsed.message.status) == code);
        }
    }
}

BOOST_AUTO_TEST_CASE(zero_content_length_completes_at_the_end_of_the_head) {
    const auto parsed = parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body.empty());
}

BOOST_AUTO_TEST_CASE(content_length_headers_that_agree_are_accepted) {
    const auto parsed =
        parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\ncontent-length: 003\r\n\r\nabc");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body == "abc");
}

BOOST_AUTO_TEST_CASE(chunked_body_is_decoded) {
    const auto parsed = parse(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body == "Wikipedia in\r\n\r\nchunks.");
}

BOOST_AUTO_TEST_CASE(chunk_extensions_are_ignored) {
    const auto parsed = parse(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3;name=value\r\nabc\r\n2 ; quoted=\"a b;c\" ;flag\r\nde\r\n0;last\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body == "abcde");
}

BOOST_AUTO_TEST_CASE(trailer_fields_are_checked_and_dropped) {
    const auto parsed = parse(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n0\r\nX-Checksum: 42\r\nExpires: never\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body == "abc");
    BOOST_TEST(parsed.message.headers.size() == 1U);
    BOOST_TEST(!parsed.message.find_header("X-Checksum").has_value());
}

BOOST_AUTO_TEST_CASE(chunk_sizes_are_hex_in_either_case_with_leading_zeros) {
    const auto parsed = parse(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "00A\r\n0123456789\r\na\r\nabcdefghij\r\n0000000000000000000001\r\n!\r\n000\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body == "0123456789abcdefghij!");
}

BOOST_AUTO_TEST_CASE(transfer_coding_names_ignore_case) {
    const auto parsed =
        parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body == "x");
}

BOOST_AUTO_TEST_CASE(body_without_framing_runs_until_the_peer_closes) {
    const std::string bytes = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nmy-role-name";
    BOOST_TEST(needs_more(parse(bytes)));
    const auto parsed = parse(bytes, then::close);
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body == "my-role-name");
}

BOOST_AUTO_TEST_CASE(body_delimited_by_close_may_be_empty) {
    const auto parsed = parse("HTTP/1.1 200 OK\r\n\r\n", then::close);
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body.empty());
}

BOOST_AUTO_TEST_CASE(no_body_for_204_and_304_whatever_the_headers_say) {
    for (const std::string_view head :
         {"HTTP/1.1 204 No Content\r\n\r\n",
          "HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(head)) {
            const auto parsed = parse(head);
            BOOST_TEST_REQUIRE(is_complete(parsed));
            BOOST_TEST(parsed.message.body.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(interim_1xx_responses_are_skipped) {
    const auto parsed = parse(
        "HTTP/1.1 100 Continue\r\n\r\n"
        "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.status == 200);
    BOOST_TEST(parsed.message.reason == "OK");
    BOOST_TEST(parsed.message.headers.size() == 1U);
    BOOST_TEST(!parsed.message.find_header("Link").has_value());
    BOOST_TEST(parsed.message.body == "ok");
}

BOOST_AUTO_TEST_CASE(switching_protocols_is_refused) {
    const auto parsed = parse("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
    BOOST_TEST(failed_with(parsed, errc::http_malformed_status_line));
    BOOST_TEST(parsed.error_text.find("101") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bytes_after_the_response_are_left_over) {
    const auto parsed = parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body == "ok");
    BOOST_TEST(parsed.unconsumed == "HTTP/1.1 200");
}

BOOST_AUTO_TEST_CASE(feed_after_complete_consumes_nothing) {
    http::response_parser parser;
    BOOST_TEST_REQUIRE((*parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxy") ==
                        http::parse_status::complete));
    const auto again = parser.feed("more");
    BOOST_TEST_REQUIRE(again.has_value());
    BOOST_TEST((*again == http::parse_status::complete));
    BOOST_TEST(parser.leftover() == "y");
    BOOST_TEST(parser.message().body == "x");
    BOOST_TEST((*parser.finish_on_eof() == http::parse_status::complete));
}

BOOST_AUTO_TEST_CASE(an_error_is_final) {
    http::response_parser parser;
    const auto first = parser.feed("HTTP/9.9 200 OK\r\n");
    BOOST_TEST_REQUIRE(!first.has_value());
    const auto second = parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST_REQUIRE(!second.has_value());
    BOOST_TEST(second.error().code == first.error().code);
    BOOST_TEST(second.error().message == first.error().message);
    const auto at_eof = parser.finish_on_eof();
    BOOST_TEST_REQUIRE(!at_eof.has_value());
    BOOST_TEST(at_eof.error().message == first.error().message);
    BOOST_TEST(!parser.complete());
}

BOOST_AUTO_TEST_CASE(status_stays_readable_after_a_body_error) {
    const auto parsed = parse("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100\r\n\r\n",
                              then::stay_open, small_body_cap(10));
    BOOST_TEST(failed_with(parsed, errc::http_body_too_large));
    BOOST_TEST(parsed.message.status == 500);
}

BOOST_AUTO_TEST_CASE(release_moves_the_response_out) {
    http::response_parser parser;
    BOOST_TEST_REQUIRE(parser.feed(with_body("HTTP/1.1 200 OK\r\n", imds_json)).has_value());
    BOOST_TEST_REQUIRE(parser.complete());
    const auto released = parser.release();
    BOOST_TEST(released.body == imds_json);
}

BOOST_AUTO_TEST_CASE(a_moved_parser_keeps_its_progress) {
    http::response_parser first;
    BOOST_TEST_REQUIRE(first.feed("HTTP/1.1 200 OK\r\nContent-Len").has_value());
    http::response_parser second(std::move(first));
    BOOST_TEST_REQUIRE(second.feed("gth: 2\r\n\r\nok").has_value());
    BOOST_TEST(second.complete());
    BOOST_TEST(second.message().body == "ok");
}

// --- Caps -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_head_of_exactly_the_cap_is_accepted) {
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    BOOST_TEST(is_complete(parse(head, then::stay_open, small_header_cap(head.size()))));
    BOOST_TEST(failed_with(parse(head, then::stay_open, small_header_cap(head.size() - 1)),
                           errc::http_headers_too_large));
}

BOOST_AUTO_TEST_CASE(a_long_header_line_exceeds_the_header_cap) {
    const auto parsed = parse("HTTP/1.1 200 OK\r\nX-Long: " + std::string(200, 'a') + "\r\n\r\n",
                              then::stay_open, small_header_cap(100));
    BOOST_TEST(failed_with(parsed, errc::http_headers_too_large));
    BOOST_TEST(parsed.error_text.find("100 bytes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(many_header_lines_exceed_the_header_cap) {
    std::string bytes = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 20; ++i) {
        bytes += "X-" + std::to_string(i) + ": v\r\n";
    }
    BOOST_TEST(failed_with(parse(bytes, then::stay_open, small_header_cap(100)),
                           errc::http_headers_too_large));
}

BOOST_AUTO_TEST_CASE(a_head_without_its_end_stops_at_the_cap) {
    // No CRLF ever: the parser must stop at the cap, not buffer on.
    http::response_parser parser(small_header_cap(64));
    const auto parsed = parser.feed(std::string(65, 'H'));
    BOOST_TEST_REQUIRE(!parsed.has_value());
    BOOST_TEST(parsed.error().code == std::error_code(errc::http_headers_too_large));
}

BOOST_AUTO_TEST_CASE(interim_heads_count_towards_the_header_cap) {
    std::string bytes;
    for (int i = 0; i < 10; ++i) {
        bytes += "HTTP/1.1 100 Continue\r\n\r\n";
    }
    bytes += "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    BOOST_TEST(failed_with(parse(bytes, then::stay_open, small_header_cap(200)),
                           errc::http_headers_too_large));
    BOOST_TEST(is_complete(parse(bytes, then::stay_open, small_header_cap(bytes.size()))));
}

BOOST_AUTO_TEST_CASE(a_body_of_exactly_the_cap_is_accepted) {
    const auto limits = small_body_cap(10);
    BOOST_TEST(is_complete(
        parse(with_body("HTTP/1.1 200 OK\r\n", "0123456789"), then::stay_open, limits)));
    BOOST_TEST(
        is_complete(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "4\r\n0123\r\n6\r\n456789\r\n0\r\n\r\n",
                          then::stay_open, limits)));
    BOOST_TEST(is_complete(parse("HTTP/1.1 200 OK\r\n\r\n0123456789", then::close, limits)));
}

BOOST_AUTO_TEST_CASE(content_length_over_the_body_cap_fails_before_the_body_arrives) {
    // Only the head is fed: the announced length alone is enough to refuse.
    const auto parsed =
        parse("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", then::stay_open, small_body_cap(10));
    BOOST_TEST(failed_with(parsed, errc::http_body_too_large));
    BOOST_TEST(parsed.error_text.find("11") != std::string::npos);
    BOOST_TEST(parsed.error_text.find("10 bytes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(content_length_of_the_largest_64_bit_number_is_too_large_not_invalid) {
    const auto parsed = parse("HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551615\r\n\r\n");
    BOOST_TEST(failed_with(parsed, errc::http_body_too_large));
}

BOOST_AUTO_TEST_CASE(a_chunk_over_the_body_cap_fails_before_its_data_arrives) {
    const auto parsed = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nB\r\n",
                              then::stay_open, small_body_cap(10));
    BOOST_TEST(failed_with(parsed, errc::http_body_too_large));
}

BOOST_AUTO_TEST_CASE(chunks_adding_up_over_the_body_cap_fail) {
    const auto parsed = parse(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "6\r\n012345\r\n5\r\n",
        then::stay_open, small_body_cap(10));
    BOOST_TEST(failed_with(parsed, errc::http_body_too_large));
}

BOOST_AUTO_TEST_CASE(a_largest_chunk_size_is_too_large_not_an_overflow) {
    const auto parsed = parse(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "FFFFFFFFFFFFFFFF\r\n");
    BOOST_TEST(failed_with(parsed, errc::http_body_too_large));
}

BOOST_AUTO_TEST_CASE(a_body_delimited_by_close_over_the_cap_fails) {
    const auto parsed =
        parse("HTTP/1.1 200 OK\r\n\r\n0123456789A", then::stay_open, small_body_cap(10));
    BOOST_TEST(failed_with(parsed, errc::http_body_too_large));
}

BOOST_AUTO_TEST_CASE(the_trailer_section_has_its_own_cap) {
    const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    const auto parsed = parse(head + "0\r\nX-Trailer: " + std::string(100, 't') + "\r\n\r\n",
                              then::stay_open, small_header_cap(head.size() + 10));
    BOOST_TEST(failed_with(parsed, errc::http_headers_too_large));
    BOOST_TEST(parsed.error_text.find("trailer") != std::string::npos);
}

// --- Status line errors -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(status_line_must_start_with_http_1_0_or_1_1) {
    for (const std::string_view line :
         {"HTTP/2 200 OK", "HTTP/2.0 200 OK", "HTTP/1.2 200 OK", "http/1.1 200 OK", "HTTP/1.1",
          "ICY 200 OK", "", " HTTP/1.1 200 OK", "HTTP/1.10 200 OK"}) {
        BOOST_TEST_CONTEXT(line) {
            BOOST_TEST(failed_with(parse(std::string(line) + "\r\nContent-Length: 0\r\n\r\n"),
                                   errc::http_malformed_status_line));
        }
    }
}

BOOST_AUTO_TEST_CASE(status_line_has_single_spaces_around_the_code) {
    for (const std::string_view line :
         {"HTTP/1.1200 OK", "HTTP/1.1  200 OK", "HTTP/1.1\t200 OK", "HTTP/1.1 200\tOK"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(line)) {
            BOOST_TEST(failed_with(parse(std::string(line) + "\r\nContent-Length: 0\r\n\r\n"),
                                   errc::http_malformed_status_line));
        }
    }
}

BOOST_AUTO_TEST_CASE(status_code_has_exactly_three_digits) {
    for (const std::string_view line : {"HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/1.1 2x0 OK",
                                        "HTTP/1.1 -20 OK", "HTTP/1.1 +200 OK", "HTTP/1.1 OK"}) {
        BOOST_TEST_CONTEXT(line) {
            BOOST_TEST(failed_with(parse(std::string(line) + "\r\nContent-Length: 0\r\n\r\n"),
                                   errc::http_malformed_status_line));
        }
    }
}

BOOST_AUTO_TEST_CASE(status_code_is_within_100_to_599) {
    for (const std::string_view line :
         {"HTTP/1.1 000 X", "HTTP/1.1 099 X", "HTTP/1.1 600 X", "HTTP/1.1 999 X"}) {
        BOOST_TEST_CONTEXT(line) {
            BOOST_TEST(failed_with(parse(std::string(line) + "\r\nContent-Length: 0\r\n\r\n"),
                                   errc::http_malformed_status_line));
        }
    }
}

BOOST_AUTO_TEST_CASE(reason_phrase_has_no_control_bytes) {
    for (const std::string_view line :
         {std::string_view("HTTP/1.1 200 O\x01K"), std::string_view("HTTP/1.1 200 O\0K", 16),
          std::string_view("HTTP/1.1 200 O\x7FK"), std::string_view("HTTP/1.1 200 O\rK")}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(line)) {
            BOOST_TEST(failed_with(parse(std::string(line) + "\r\nContent-Length: 0\r\n\r\n"),
                                   errc::http_malformed_status_line));
        }
    }
}

BOOST_AUTO_TEST_CASE(status_line_ends_with_crlf_not_a_bare_lf) {
    BOOST_TEST(failed_with(parse("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n"),
                           errc::http_malformed_status_line));
}

BOOST_AUTO_TEST_CASE(status_line_error_quotes_a_few_bytes_escaped) {
    const auto parsed = parse("HTTP/1.1 2\x01" + std::string(200, 'Z') + "\r\n\r\n");
    BOOST_TEST_REQUIRE(failed_with(parsed, errc::http_malformed_status_line));
    BOOST_TEST(parsed.error_text.find("\"HTTP/1.1 2\\x01ZZ") != std::string::npos);
    BOOST_TEST(parsed.error_text.find("\u2026") != std::string::npos);
    BOOST_TEST(parsed.error_text.size() < 160U);
    BOOST_TEST(parsed.error_text.find('\x01') == std::string::npos);
}

// --- Header line errors -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(header_line_needs_a_colon) {
    const auto parsed = parse("HTTP/1.1 200 OK\r\nContent-Length 0\r\n\r\n");
    BOOST_TEST(failed_with(parsed, errc::http_malformed_header));
    BOOST_TEST(parsed.error_text.find("header 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(header_name_is_a_non_empty_token) {
    for (const std::string_view line :
         {": value", "X(A): b", "X\"A\": b", "X\x01: b", "\xC3\xA9: b", "X/Y: b", "X\x7F: b"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(line)) {
            BOOST_TEST(failed_with(
                parse("HTTP/1.1 200 OK\r\n" + std::string(line) + "\r\nContent-Length: 0\r\n\r\n"),
                errc::http_malformed_header));
        }
    }
}

BOOST_AUTO_TEST_CASE(whitespace_between_name_and_colon_is_refused) {
    for (const std::string_view line : {"Content-Length : 0", "Content-Length\t: 0"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(line)) {
            BOOST_TEST(failed_with(parse("HTTP/1.1 200 OK\r\n" + std::string(line) + "\r\n\r\n"),
                                   errc::http_malformed_header));
        }
    }
}

BOOST_AUTO_TEST_CASE(header_value_has_no_control_bytes) {
    for (const std::string_view value :
         {std::string_view("a\001b"), std::string_view("a\0b", 3), std::string_view("a\177b"),
          std::string_view("a\rb"), std::string_view("a\033b")}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(value)) {
            BOOST_TEST(failed_with(parse("HTTP/1.1 200 OK\r\nX-V: " + std::string(value) +
                                         "\r\nContent-Length: 0\r\n\r\n"),
                                   errc::http_malformed_header));
        }
    }
}

BOOST_AUTO_TEST_CASE(obsolete_line_folding_is_refused) {
    for (const std::string_view fold : {" folded", "\tfolded"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(fold)) {
            const auto parsed = parse("HTTP/1.1 200 OK\r\nX-A: first\r\n" + std::string(fold) +
                                      "\r\nContent-Length: 0\r\n\r\n");
            BOOST_TEST(failed_with(parsed, errc::http_malformed_header));
            BOOST_TEST(parsed.error_text.find("folding") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(whitespace_before_the_first_header_is_refused) {
    BOOST_TEST(failed_with(parse("HTTP/1.1 200 OK\r\n Content-Length: 0\r\n\r\n"),
                           errc::http_malformed_header));
}

BOOST_AUTO_TEST_CASE(header_line_ends_with_crlf_not_a_bare_lf) {
    BOOST_TEST(failed_with(parse("HTTP/1.1 200 OK\r\nX-A: b\nContent-Length: 0\r\n\r\n"),
                           errc::http_malformed_header));
    BOOST_TEST(failed_with(parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\n"),
                           errc::http_malformed_header));
}

BOOST_AUTO_TEST_CASE(header_errors_name_the_header_but_never_show_its_value) {
    const auto parsed =
        parse("HTTP/1.1 200 OK\r\nX-aws-ec2-metadata-token: AQAEAsekritTOKEN\x01tail\r\n\r\n");
    BOOST_TEST_REQUIRE(failed_with(parsed, errc::http_malformed_header));
    BOOST_TEST(parsed.error_text.find("X-aws-ec2-metadata-token") != std::string::npos);
    BOOST_TEST(parsed.error_text.find("sekrit") == std::string::npos);
    BOOST_TEST(parsed.error_text.find("AQAEA") == std::string::npos);
    BOOST_TEST(parsed.error_text.find("tail") == std::string::npos);
    BOOST_TEST(parsed.error_text.find("0x01") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_line_without_colon_shows_only_its_leading_token) {
    const auto parsed = parse("HTTP/1.1 200 OK\r\nAuthorization Bearer sekrit-token\r\n\r\n");
    BOOST_TEST_REQUIRE(failed_with(parsed, errc::http_malformed_header));
    BOOST_TEST(parsed.error_text.find("Authorization") != std::string::npos);
    BOOST_TEST(parsed.error_text.find("sekrit") == std::string::npos);
    BOOST_TEST(parsed.error_text.find("Bearer") == std::string::npos);
}

// --- Framing errors ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(content_length_is_digits_only) {
    for (const std::string_view value :
         {"abc", "-1", "+5", "", "1 2", "0x10", "5, 5", "1.0", "\xD9\xA3"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(value)) {
            BOOST_TEST(failed_with(
                parse("HTTP/1.1 200 OK\r\nContent-Length: " + std::string(value) + "\r\n\r\n"),
                errc::http_invalid_content_length));
        }
    }
}

BOOST_AUTO_TEST_CASE(content_length_that_overflows_64_bits_is_refused) {
    for (const std::string_view value :
         {"18446744073709551616", "99999999999999999999999", "184467440737095516150"}) {
        BOOST_TEST_CONTEXT(value) {
            BOOST_TEST(failed_with(
                parse("HTTP/1.1 200 OK\r\nContent-Length: " + std::string(value) + "\r\n\r\n"),
                errc::http_invalid_content_length));
        }
    }
}

BOOST_AUTO_TEST_CASE(content_length_headers_that_disagree_are_refused) {
    const auto parsed =
        parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
    BOOST_TEST(failed_with(parsed, errc::http_invalid_content_length));
    BOOST_TEST(parsed.error_text.find("3 and 4") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(chunked_with_content_length_is_refused) {
    for (const std::string_view head : {"Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
                                        "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(head)) {
            BOOST_TEST(failed_with(
                parse("HTTP/1.1 200 OK\r\n" + std::string(head) + "\r\n3\r\nabc\r\n0\r\n\r\n"),
                errc::http_invalid_content_length));
        }
    }
}

BOOST_AUTO_TEST_CASE(transfer_codings_other_than_chunked_are_unsupported) {
    for (const std::string_view head :
         {"Transfer-Encoding: gzip\r\n", "Transfer-Encoding: gzip, chunked\r\n",
          "Transfer-Encoding: identity\r\n", "Transfer-Encoding: chunked, chunked\r\n",
          "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: \r\n",
          "Transfer-Encoding: ,\r\n", "Transfer-Encoding: chunked;x=1\r\n"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(head)) {
            BOOST_TEST(failed_with(parse("HTTP/1.1 200 OK\r\n" + std::string(head) + "\r\n"),
                                   errc::http_unsupported_encoding));
        }
    }
}

BOOST_AUTO_TEST_CASE(transfer_encoding_list_may_have_empty_elements) {
    const auto parsed =
        parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: , chunked ,\r\n\r\n1\r\nx\r\n0\r\n\r\n");
    BOOST_TEST_REQUIRE(is_complete(parsed));
    BOOST_TEST(parsed.message.body == "x");
}

BOOST_AUTO_TEST_CASE(transfer_encoding_in_http_1_0_is_refused) {
    BOOST_TEST(failed_with(parse("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
                           errc::http_unsupported_encoding));
}

// --- Chunk errors -----------------------------------------------------------------------------

namespace {
std::string chunked(std::string_view chunks) {
    return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string(chunks);
}
}  // namespace

BOOST_AUTO_TEST_CASE(chunk_size_is_hex_digits) {
    for (const std::string_view chunks :
         {"zz\r\n", "\r\n", " 5\r\nabcde\r\n", "5x\r\nabcde\r\n", "-5\r\n", "0x5\r\nabcde\r\n",
          "5 x\r\nabcde\r\n", "5 \r\nabcde\r\n", "5\x01\r\n", "5;a\x01\r\n"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(chunks)) {
            BOOST_TEST(failed_with(parse(chunked(chunks)), errc::http_invalid_chunk));
        }
    }
}

BOOST_AUTO_TEST_CASE(chunk_size_that_overflows_64_bits_is_refused) {
    for (const std::string_view size : {"10000000000000000", "FFFFFFFFFFFFFFFFF"}) {
        BOOST_TEST_CONTEXT(size) {
            const auto parsed = parse(chunked(std::string(size) + "\r\n"));
            BOOST_TEST(failed_with(parsed, errc::http_invalid_chunk));
            BOOST_TEST(parsed.error_text.find("64 bits") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(chunk_data_is_followed_by_crlf) {
    for (const std::string_view chunks : {"3\r\nabcd\r\n0\r\n\r\n", "3\r\nabc\n0\r\n\r\n",
                                          "3\r\nabc\r0\r\n\r\n", "3\r\nabc0\r\n\r\n"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(chunks)) {
            const auto parsed = parse(chunked(chunks));
            BOOST_TEST(failed_with(parsed, errc::http_invalid_chunk));
            BOOST_TEST(parsed.error_text.find("CRLF") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(chunk_size_line_ends_with_crlf_not_a_bare_lf) {
    BOOST_TEST(failed_with(parse(chunked("3\nabc\r\n0\r\n\r\n")), errc::http_invalid_chunk));
    BOOST_TEST(failed_with(parse(chunked("0\n\r\n")), errc::http_invalid_chunk));
}

BOOST_AUTO_TEST_CASE(chunk_size_line_is_bounded) {
    // Extensions are ignored, but not buffered without end.
    const auto parsed = parse(chunked("1;" + std::string(1100, 'e') + "\r\nx\r\n0\r\n\r\n"));
    BOOST_TEST(failed_with(parsed, errc::http_invalid_chunk));
}

BOOST_AUTO_TEST_CASE(trailer_fields_must_be_well_formed) {
    for (const std::string_view trailer :
         {"No colon\r\n\r\n", " folded\r\n\r\n", "X: a\x01\r\n\r\n"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(trailer)) {
            const auto parsed = parse(chunked("1\r\nx\r\n0\r\n" + std::string(trailer)));
            BOOST_TEST(failed_with(parsed, errc::http_malformed_header));
            BOOST_TEST(parsed.error_text.find("trailer") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(chunked_errors_never_show_body_bytes) {
    const auto parsed = parse(chunked("5\r\nSECRETKEY\r\n0\r\n\r\n"));
    BOOST_TEST_REQUIRE(failed_with(parsed, errc::http_invalid_chunk));
    BOOST_TEST(parsed.error_text.find("SECRET") == std::string::npos);
    BOOST_TEST(parsed.error_text.find("KEY") == std::string::npos);
}

// --- The peer closing early -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(eof_before_any_byte_is_incomplete) {
    const auto parsed = parse("", then::close);
    BOOST_TEST(failed_with(parsed, errc::http_incomplete));
    BOOST_TEST(parsed.error_text.find("before sending any byte") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(eof_in_the_head_is_incomplete) {
    for (const std::string_view bytes :
         {"HTTP/1.1 20", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 5",
          "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n", "HTTP/1.1 100 Continue\r\n\r\n"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(bytes)) {
            BOOST_TEST(failed_with(parse(bytes, then::close), errc::http_incomplete));
        }
    }
}

BOOST_AUTO_TEST_CASE(eof_in_a_content_length_body_is_incomplete) {
    const auto parsed = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", then::close);
    BOOST_TEST(failed_with(parsed, errc::http_incomplete));
    BOOST_TEST(parsed.error_text.find("3 of the 10") != std::string::npos);
    BOOST_TEST(parsed.message.status == 200);
}

BOOST_AUTO_TEST_CASE(eof_in_a_chunked_body_is_incomplete) {
    for (const std::string_view chunks :
         {"", "5", "5\r\n", "5\r\nab", "5\r\nabcde", "5\r\nabcde\r", "5\r\nabcde\r\n",
          "5\r\nabcde\r\n0\r\n", "5\r\nabcde\r\n0\r\nX-T: 1\r\n"}) {
        BOOST_TEST_CONTEXT(mongo_aws::test::http_escape(chunks)) {
            BOOST_TEST(failed_with(parse(chunked(chunks), then::close), errc::http_incomplete));
        }
    }
}

BOOST_AUTO_TEST_CASE(eof_after_a_complete_response_is_fine) {
    const auto parsed = parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", then::close);
    BOOST_TEST(is_complete(parsed));
}
