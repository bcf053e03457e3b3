// The STS host a server names (`h`): what may be signed for, and which region it means.
#define BOOST_TEST_MODULE sts_host
#include <mongo_aws/sts_host.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <system_error>

using mongo_aws::errc;
using mongo_aws::sts_region;
using mongo_aws::validate_sts_host;

namespace {
std::error_code code_for(std::string_view host) {
    auto checked = validate_sts_host(host);
    return checked ? std::error_code{} : checked.error().code;
}

std::string message_for(std::string_view host) {
    auto checked = validate_sts_host(host);
    return checked ? std::string{} : checked.error().message;
}
}  // namespace

BOOST_AUTO_TEST_CASE(usual_hosts_are_valid) {
    BOOST_TEST(validate_sts_host("sts.amazonaws.com").has_value());
    BOOST_TEST(validate_sts_host("sts.us-west-2.amazonaws.com").has_value());
    BOOST_TEST(validate_sts_host("sts-fips.us-east-1.amazonaws.com").has_value());
    BOOST_TEST(validate_sts_host("localhost").has_value());
    BOOST_TEST(validate_sts_host("STS.AMAZONAWS.COM").has_value());
    BOOST_TEST(validate_sts_host("a").has_value());
}

BOOST_AUTO_TEST_CASE(empty_host_is_rejected) {
    BOOST_TEST(code_for("") == errc::sts_host_empty);
}

BOOST_AUTO_TEST_CASE(host_of_255_bytes_is_accepted_and_256_rejected) {
    // 4 labels of 63 bytes and dots = 255 bytes.
    const std::string label(63, 'a');
    const std::string longest = label + "." + label + "." + label + "." + label;
    BOOST_REQUIRE(longest.size() == 255U);
    BOOST_TEST(validate_sts_host(longest).has_value());
    BOOST_TEST(code_for(longest + "b") == errc::sts_host_too_long);
    BOOST_TEST(code_for(std::string(256, 'a')) == errc::sts_host_too_long);
}

BOOST_AUTO_TEST_CASE(empty_label_is_rejected) {
    BOOST_TEST(code_for("a..b") == errc::sts_host_empty_label);
    BOOST_TEST(code_for("sts..amazonaws.com") == errc::sts_host_empty_label);
}

BOOST_AUTO_TEST_CASE(leading_dot_is_rejected) {
    BOOST_TEST(code_for(".a") == errc::sts_host_leading_dot);
    BOOST_TEST(code_for(".") == errc::sts_host_leading_dot);
}

BOOST_AUTO_TEST_CASE(trailing_dot_is_rejected) {
    BOOST_TEST(code_for("a.") == errc::sts_host_trailing_dot);
    BOOST_TEST(code_for("sts.amazonaws.com.") == errc::sts_host_trailing_dot);
}

BOOST_AUTO_TEST_CASE(bytes_outside_host_names_are_rejected) {
    const std::string bad[] = {
        "sts.amazonaws.com:443",      // a port is not part of a host name
        "sts amazonaws.com",          // space
        "sts.amazonaws.com\r\nX: 1",  // header injection
        std::string("sts\0.com", 8),  // NUL
        "sts_1.amazonaws.com",        // underscore
        "user@sts.amazonaws.com",     // userinfo
        "sts.amazonaws.com/",         // path
        "[::1]",                      // IPv6 literal
        "st\xc3\xa9.com",             // non-ASCII
    };
    for (const auto& host : bad) {
        BOOST_TEST_INFO("host of " << host.size() << " bytes");
        BOOST_TEST(code_for(host) == errc::sts_host_invalid_character);
    }
}

BOOST_AUTO_TEST_CASE(message_names_the_host_and_escapes_it) {
    const auto message = message_for("bad\r\nhost");
    BOOST_TEST(message.find("\"bad\\x0d\\x0ahost\"") != std::string::npos);
    BOOST_TEST(message.find('\r') == std::string::npos);
    BOOST_TEST(message.find("byte 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(message_quotes_a_long_host_bounded) {
    const std::string host(100000, 'x');
    const auto message = message_for(host);
    BOOST_TEST(message.size() < 400U);
    BOOST_TEST(message.find("100000 bytes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(global_endpoint_means_us_east_1) {
    BOOST_TEST(sts_region("sts.amazonaws.com") == "us-east-1");
}

BOOST_AUTO_TEST_CASE(regional_endpoint_means_its_second_label) {
    BOOST_TEST(sts_region("sts.us-west-2.amazonaws.com") == "us-west-2");
    BOOST_TEST(sts_region("first.second.third") == "second");
    BOOST_TEST(sts_region("a.b") == "b");
}

BOOST_AUTO_TEST_CASE(host_without_dot_means_us_east_1) {
    BOOST_TEST(sts_region("localhost") == "us-east-1");
}
