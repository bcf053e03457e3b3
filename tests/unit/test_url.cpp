// URLs of credential endpoints: what parses, what it means, and each rejection with its code.
#define BOOST_TEST_MODULE url
#include <mongo_aws/url.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

using mongo_aws::errc;
using mongo_aws::parse_url;
using mongo_aws::url;
using mongo_aws::url_host_kind;
using mongo_aws::url_scheme;

namespace {
url parsed(std::string_view text) {
    auto out = parse_url(text);
    if (!out) {
        BOOST_FAIL("parse_url(" << text << "): " << out.error());
    }
    return *out;
}

std::error_code rejection(std::string_view text) {
    auto out = parse_url(text);
    BOOST_REQUIRE_MESSAGE(!out.has_value(), "parse_url(" << text << ") was accepted");
    BOOST_TEST(!out.error().message.empty());
    return out.error().code;
}

std::string message_of(std::string_view text) {
    auto out = parse_url(text);
    BOOST_REQUIRE(!out.has_value());
    return out.error().message;
}
}  // namespace

// The endpoints the credential sources use (PROTOCOL-NOTES §3).
BOOST_AUTO_TEST_CASE(imds_url_parses_with_the_default_http_port) {
    const auto u = parsed("http://169.254.169.254/latest/api/token");
    BOOST_TEST((u.scheme == url_scheme::http));
    BOOST_TEST(u.host == "169.254.169.254");
    BOOST_TEST((u.host_kind == url_host_kind::ipv4));
    BOOST_TEST(u.port == 80);
    BOOST_TEST(u.target == "/latest/api/token");
}

BOOST_AUTO_TEST_CASE(https_defaults_to_port_443) {
    const auto u = parsed("https://sts.amazonaws.com/");
    BOOST_TEST((u.scheme == url_scheme::https));
    BOOST_TEST(u.host == "sts.amazonaws.com");
    BOOST_TEST((u.host_kind == url_host_kind::name));
    BOOST_TEST(u.port == 443);
    BOOST_TEST(u.target == "/");
}

BOOST_AUTO_TEST_CASE(bracketed_ipv6_host_is_kept_without_brackets) {
    const auto u = parsed("http://[fd00:ec2::23]/v1/credentials");
    BOOST_TEST(u.host == "fd00:ec2::23");
    BOOST_TEST((u.host_kind == url_host_kind::ipv6));
    BOOST_TEST(u.port == 80);
    BOOST_TEST(u.host_header() == "[fd00:ec2::23]");
    BOOST_TEST(u.endpoint() == "[fd00:ec2::23]:80");
}

BOOST_AUTO_TEST_CASE(ipv6_forms_of_rfc_4291_parse) {
    // RFC 4291 section 2.2, examples 1-3.
    for (const char* host :
         {"[2001:DB8:0:0:8:800:200C:417A]", "[2001:DB8::8:800:200C:417A]", "[ff01::101]", "[::1]",
          "[::]", "[::13.1.68.3]", "[::FFFF:129.144.52.38]", "[1:2:3:4:5:6:7::]"}) {
        BOOST_TEST_INFO(host);
        const auto u = parsed(std::string("http://") + host + "/");
        BOOST_TEST((u.host_kind == url_host_kind::ipv6));
    }
}

BOOST_AUTO_TEST_CASE(explicit_port_is_used_and_shown_in_the_host_header) {
    const auto u = parsed("http://127.0.0.1:8080/creds");
    BOOST_TEST(u.port == 8080);
    BOOST_TEST(u.host_header() == "127.0.0.1:8080");
    BOOST_TEST(u.endpoint() == "127.0.0.1:8080");
}

BOOST_AUTO_TEST_CASE(default_port_written_out_is_omitted_from_the_host_header) {
    const auto u = parsed("https://sts.us-west-2.amazonaws.com:443/");
    BOOST_TEST(u.port == 443);
    BOOST_TEST(u.host_header() == "sts.us-west-2.amazonaws.com");
}

BOOST_AUTO_TEST_CASE(scheme_and_host_are_case_insensitive_and_lowered) {
    // RFC 3986 sections 3.1 and 3.2.2.
    const auto u = parsed("HTTPS://STS.AmazonAWS.com/Path?Q=A");
    BOOST_TEST((u.scheme == url_scheme::https));
    BOOST_TEST(u.host == "sts.amazonaws.com");
    BOOST_TEST(u.target == "/Path?Q=A");  // the path and query keep their case
}

BOOST_AUTO_TEST_CASE(missing_path_means_slash) {
    BOOST_TEST(parsed("http://localhost").target == "/");
    BOOST_TEST(parsed("http://localhost:9000").target == "/");
}

BOOST_AUTO_TEST_CASE(query_without_path_gets_a_slash) {
    BOOST_TEST(parsed("http://localhost?Action=x").target == "/?Action=x");
}

BOOST_AUTO_TEST_CASE(path_and_query_keep_their_percent_encoding) {
    const auto u = parsed("http://169.254.170.2/v2/credentials/a%2Fb?x=1&y=%7E");
    BOOST_TEST(u.target == "/v2/credentials/a%2Fb?x=1&y=%7E");
}

BOOST_AUTO_TEST_CASE(to_string_writes_the_normalised_url) {
    BOOST_TEST(parsed("HTTP://LocalHost:80/a?b").to_string() == "http://localhost/a?b");
    BOOST_TEST(parsed("https://[::1]:8443").to_string() == "https://[::1]:8443/");
}

BOOST_AUTO_TEST_CASE(scheme_other_than_http_or_https_is_refused) {
    BOOST_TEST(rejection("ftp://example.com/") == std::error_code(errc::url_invalid_scheme));
    BOOST_TEST(rejection("169.254.169.254/latest") == std::error_code(errc::url_invalid_scheme));
    BOOST_TEST(rejection("http:/localhost/") == std::error_code(errc::url_invalid_scheme));
    BOOST_TEST(rejection("") == std::error_code(errc::url_invalid_scheme));
}

BOOST_AUTO_TEST_CASE(missing_host_is_refused) {
    BOOST_TEST(rejection("http://") == std::error_code(errc::url_missing_host));
    BOOST_TEST(rejection("http:///path") == std::error_code(errc::url_missing_host));
    BOOST_TEST(rejection("http://:8080/") == std::error_code(errc::url_missing_host));
}

BOOST_AUTO_TEST_CASE(user_info_is_refused_and_never_quoted) {
    BOOST_TEST(rejection("http://user:hunter2@localhost/") ==
               std::error_code(errc::url_userinfo_not_allowed));
    BOOST_TEST(message_of("http://user:hunter2@localhost/").find("hunter2") == std::string::npos);
    BOOST_TEST(rejection("https://@localhost/") == std::error_code(errc::url_userinfo_not_allowed));
}

BOOST_AUTO_TEST_CASE(fragment_is_refused) {
    BOOST_TEST(rejection("http://localhost/a#b") ==
               std::error_code(errc::url_fragment_not_allowed));
    BOOST_TEST(rejection("http://localhost#b") == std::error_code(errc::url_fragment_not_allowed));
}

BOOST_AUTO_TEST_CASE(host_name_with_invalid_characters_is_refused) {
    for (const char* text : {"http://local host/", "http://exa%6dple.com/", "http://a,b/",
                             "http://h\xc3\xa9.example/"}) {
        BOOST_TEST_INFO(text);
        BOOST_TEST(rejection(text) == std::error_code(errc::url_invalid_host));
    }
}

BOOST_AUTO_TEST_CASE(host_name_with_an_empty_label_is_refused) {
    for (const char* text :
         {"http://.example.com/", "http://example..com/", "http://example.com./"}) {
        BOOST_TEST_INFO(text);
        BOOST_TEST(rejection(text) == std::error_code(errc::url_invalid_host));
    }
}

BOOST_AUTO_TEST_CASE(host_name_longer_than_dns_allows_is_refused) {
    // RFC 1035 section 2.3.4: labels of 63 bytes, names of 255 on the wire (253 as text).
    BOOST_TEST(rejection("http://" + std::string(64, 'a') + ".com/") ==
               std::error_code(errc::url_invalid_host));
    std::string long_name;
    for (int i = 0; i < 4; ++i) {
        long_name += std::string(63, 'a') + ".";
    }
    long_name += "com";  // 4 * 64 + 3 = 259 bytes
    BOOST_TEST(rejection("http://" + long_name + "/") == std::error_code(errc::url_invalid_host));
    BOOST_TEST(parsed("http://" + std::string(63, 'a') + ".com/").host.size() == 67U);
}

BOOST_AUTO_TEST_CASE(numeric_host_must_be_a_whole_ipv4_address) {
    for (const char* text :
         {"http://1.2.3/", "http://1.2.3.4.5/", "http://256.1.1.1/", "http://169.254.169.0254/",
          "http://01.2.3.4/", "http://1234/", "http://example.123/"}) {
        BOOST_TEST_INFO(text);
        BOOST_TEST(rejection(text) == std::error_code(errc::url_invalid_host));
    }
    BOOST_TEST((parsed("http://0.0.0.0/").host_kind == url_host_kind::ipv4));
    BOOST_TEST((parsed("http://255.255.255.255/").host_kind == url_host_kind::ipv4));
}

BOOST_AUTO_TEST_CASE(unbracketed_ipv6_is_refused_with_a_hint) {
    BOOST_TEST(rejection("http://fd00:ec2::23/") == std::error_code(errc::url_invalid_host));
    BOOST_TEST(message_of("http://fd00:ec2::23/").find("brackets") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_ipv6_is_refused) {
    for (const char* text :
         {"http://[::1/", "http://[]/", "http://[1:2:3:4:5:6:7:8:9]/", "http://[1::2::3]/",
          "http://[12345::]/", "http://[:1::]/", "http://[1:2:3:4:5:6:7]/", "http://[g::1]/",
          "http://[::1]x/", "http://[fe80::1%25eth0]/", "http://[1:2:3:4:5:6:7:8::]/",
          "http://[::1.2.3]/", "http://[1.2.3.4]/"}) {
        BOOST_TEST_INFO(text);
        BOOST_TEST(rejection(text) == std::error_code(errc::url_invalid_host));
    }
}

BOOST_AUTO_TEST_CASE(port_must_be_1_to_65535) {
    for (const char* text : {"http://localhost:/", "http://localhost:0/", "http://localhost:65536/",
                             "http://localhost:99999999999999999999/", "http://localhost:8o/",
                             "http://localhost:-1/", "http://[::1]:/", "http://[::1]:http/"}) {
        BOOST_TEST_INFO(text);
        BOOST_TEST(rejection(text) == std::error_code(errc::url_invalid_port));
    }
    BOOST_TEST(parsed("http://localhost:65535/").port == 65535);
    BOOST_TEST(parsed("http://localhost:1/").port == 1);
}

BOOST_AUTO_TEST_CASE(path_with_bytes_that_need_encoding_is_refused) {
    for (const char* text :
         {"http://localhost/a b", "http://localhost/a\r\nX-Injected: 1", "http://localhost/\x7f",
          "http://localhost/caf\xc3\xa9", "http://localhost/a\"b", "http://localhost/<x>"}) {
        BOOST_TEST_INFO(text);
        BOOST_TEST(rejection(text) == std::error_code(errc::url_invalid_target));
    }
    BOOST_TEST(rejection(std::string_view("http://localhost/a\0b", 20)) ==
               std::error_code(errc::url_invalid_target));
}

BOOST_AUTO_TEST_CASE(bad_percent_encoding_in_the_path_is_refused) {
    for (const char* text : {"http://localhost/a%", "http://localhost/a%2", "http://localhost/%zz",
                             "http://localhost/?q=%4"}) {
        BOOST_TEST_INFO(text);
        BOOST_TEST(rejection(text) == std::error_code(errc::url_invalid_target));
    }
}

BOOST_AUTO_TEST_CASE(messages_quote_at_most_64_bytes_of_the_input) {
    const std::string host(200, 'x');
    const auto message = message_of("http://" + host + ".123/");
    BOOST_TEST(message.find(std::string(65, 'x')) == std::string::npos);
    BOOST_TEST(message.find(std::string(60, 'x')) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(messages_escape_control_characters) {
    const auto message = message_of("http://localhost/a\x01");
    BOOST_TEST(message.find('\x01') == std::string::npos);
    BOOST_TEST(message.find("\\x01") != std::string::npos);
}
