// The message header: what an I/O layer learns from 16 bytes before it reads (or allocates)
// the rest.
#define BOOST_TEST_MODULE wire_header
#include "support/wire_builder.hpp"

#include <mongo_aws/wire.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <system_error>

using mongo_aws::errc;
using mongo_aws::test::wire_builder;
namespace wire = mongo_aws::wire;

namespace {
std::vector<std::uint8_t> header_with_length(std::int32_t length) {
    auto bytes = wire_builder::header(7, 0, wire::opcode_msg).bytes();
    wire_builder::set_length(bytes, length);
    return bytes;
}

bool has_code(const mongo_aws::error& err, errc code) {
    return err.code == std::error_code(code);
}
}  // namespace

BOOST_AUTO_TEST_CASE(header_fields_are_little_endian_int32s) {
    // messageLength 0x00000115 = 277, requestID 0x01020304, responseTo -1, opCode 2013 (0x7DD).
    const std::vector<std::uint8_t> bytes = {0x15, 0x01, 0x00, 0x00, 0x04, 0x03, 0x02, 0x01,
                                             0xFF, 0xFF, 0xFF, 0xFF, 0xDD, 0x07, 0x00, 0x00};
    const auto header = wire::decode_header(bytes);
    BOOST_TEST_REQUIRE(header.has_value());
    BOOST_TEST(header->message_length == 277);
    BOOST_TEST(header->request_id == 0x01020304);
    BOOST_TEST(header->response_to == -1);
    BOOST_TEST(header->op_code == 2013);
}

BOOST_AUTO_TEST_CASE(bytes_after_the_header_are_ignored) {
    auto bytes = header_with_length(100);
    bytes.resize(40, 0xAB);
    const auto header = wire::decode_header(bytes);
    BOOST_TEST_REQUIRE(header.has_value());
    BOOST_TEST(header->message_length == 100);
}

BOOST_AUTO_TEST_CASE(fewer_than_16_bytes_are_too_short) {
    auto bytes = header_with_length(100);
    bytes.resize(15);
    const auto header = wire::decode_header(bytes);
    BOOST_TEST_REQUIRE(!header.has_value());
    BOOST_TEST(has_code(header.error(), errc::message_too_short));
}

BOOST_AUTO_TEST_CASE(negative_length_is_rejected) {
    const auto header = wire::decode_header(header_with_length(-1));
    BOOST_TEST_REQUIRE(!header.has_value());
    BOOST_TEST(has_code(header.error(), errc::message_length_negative));
    BOOST_TEST(header.error().message.find("-1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(length_below_the_header_size_is_too_short) {
    for (const std::int32_t length : {0, 1, 15}) {
        const auto header = wire::decode_header(header_with_length(length));
        BOOST_TEST_INFO("messageLength " << length);
        BOOST_TEST_REQUIRE(!header.has_value());
        BOOST_TEST(has_code(header.error(), errc::message_too_short));
    }
    BOOST_TEST(wire::decode_header(header_with_length(16)).has_value());
}

BOOST_AUTO_TEST_CASE(length_above_max_message_size_is_too_large) {
    // 48,000,000 is MongoDB's maxMessageSizeBytes.
    BOOST_TEST(wire::decode_header(header_with_length(48'000'000)).has_value());
    const auto header = wire::decode_header(header_with_length(48'000'001));
    BOOST_TEST_REQUIRE(!header.has_value());
    BOOST_TEST(has_code(header.error(), errc::message_too_large));
}

BOOST_AUTO_TEST_CASE(max_message_size_is_a_parameter) {
    BOOST_TEST(wire::decode_header(header_with_length(1024), 1024).has_value());
    const auto header = wire::decode_header(header_with_length(1025), 1024);
    BOOST_TEST_REQUIRE(!header.has_value());
    BOOST_TEST(has_code(header.error(), errc::message_too_large));
}

BOOST_AUTO_TEST_CASE(text_from_a_non_mongodb_peer_is_named_in_the_message) {
    // An HTTP server on the port: "HTTP" read as messageLength is 1,347,703,880.
    const std::string response = "HTTP/1.1 400 Bad Request\r\n";
    const std::vector<std::uint8_t> bytes(response.begin(), response.end());
    const auto header = wire::decode_header(bytes);
    BOOST_TEST_REQUIRE(!header.has_value());
    BOOST_TEST(has_code(header.error(), errc::message_too_large));
    BOOST_TEST(header.error().message.find("HTTP/1.1 400 Ba") != std::string::npos);
    BOOST_TEST(header.error().message.find("not a MongoDB server") != std::string::npos);
    BOOST_TEST(header.error().message.find('\r') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(opcode_is_left_to_the_message_decoders) {
    auto bytes = wire_builder::header(1, 0, 9999).bytes();
    wire_builder::set_length(bytes, 16);
    const auto header = wire::decode_header(bytes);
    BOOST_TEST_REQUIRE(header.has_value());
    BOOST_TEST(header->op_code == 9999);
}
