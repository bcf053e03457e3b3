// OP_MSG replies: flag bits, sections, checksum, and every way a reply can be malformed. Each
// rejection is a hand-built byte sequence: header, flagBits, then sections.
#define BOOST_TEST_MODULE wire_op_msg
#include "support/wire_builder.hpp"

#include <mongo_aws/wire.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <system_error>

using mongo_aws::errc;
using mongo_aws::test::json;
using mongo_aws::test::wire_builder;
namespace wire = mongo_aws::wire;

namespace {
constexpr std::int32_t request_id = 41;
constexpr std::int32_t reply_id = 900;

// A reply header answering request 41, then flagBits.
wire_builder op_msg_reply(std::uint32_t flag_bits = 0) {
    auto out = wire_builder::header(reply_id, request_id, wire::opcode_msg);
    out.uint32(flag_bits);
    return out;
}

const bson_t& ok_body() {
    static const auto body = json(R"({"ok": 1.0})");
    return *body;
}

errc code_of(const mongo_aws::result<wire::reply>& decoded) {
    BOOST_TEST_REQUIRE(!decoded.has_value());
    BOOST_TEST_MESSAGE(decoded.error().message);
    const auto code = decoded.error().code;
    BOOST_TEST_REQUIRE((code.category() == mongo_aws::category()));
    return static_cast<errc>(code.value());
}

const wire::op_msg& as_op_msg(const wire::reply& decoded) {
    BOOST_TEST_REQUIRE(std::holds_alternative<wire::op_msg>(decoded.message));
    return std::get<wire::op_msg>(decoded.message);
}
}  // namespace

BOOST_AUTO_TEST_CASE(encoded_reply_decodes_to_the_same_body) {
    const auto body = json(R"({"ok": 1.0, "conversationId": 1, "done": false})");
    const auto bytes = wire::encode_op_msg_reply(reply_id, request_id, *body);
    BOOST_TEST_REQUIRE(bytes.has_value());
    const auto decoded = wire::decode_reply(*bytes, request_id);
    BOOST_TEST_REQUIRE(decoded.has_value());
    BOOST_TEST(decoded->header().request_id == reply_id);
    BOOST_TEST(decoded->header().response_to == request_id);
    BOOST_TEST(decoded->header().message_length == static_cast<std::int32_t>(bytes->size()));
    BOOST_TEST((decoded->body() == mongo_aws::bson_document::from_bson(*body)));
    const auto& msg = as_op_msg(*decoded);
    BOOST_TEST(msg.flag_bits == 0U);
    BOOST_TEST(msg.sequences.empty());
}

BOOST_AUTO_TEST_CASE(hand_built_reply_with_one_body_decodes) {
    const auto bytes = op_msg_reply().uint8(0).document(ok_body()).message();
    const auto decoded = wire::decode_reply(bytes, request_id);
    BOOST_TEST_REQUIRE(decoded.has_value());
    BOOST_TEST(mongo_aws::test::to_json(decoded->body()) ==
               R"({ "ok" : { "$numberDouble" : "1.0" } })");
}

BOOST_AUTO_TEST_CASE(response_to_must_match_the_request_when_given) {
    const auto bytes = op_msg_reply().uint8(0).document(ok_body()).message();
    BOOST_TEST(
        (code_of(wire::decode_reply(bytes, request_id + 1)) == errc::message_response_to_mismatch));
    BOOST_TEST(wire::decode_reply(bytes).has_value());  // not checked when not given
}

BOOST_AUTO_TEST_CASE(message_length_must_equal_the_bytes_given) {
    auto bytes = op_msg_reply().uint8(0).document(ok_body()).message();
    bytes.push_back(0);  // one byte more than messageLength says
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::message_length_mismatch));
}

BOOST_AUTO_TEST_CASE(reply_decoder_refuses_request_and_unknown_opcodes) {
    for (const std::int32_t op_code : {wire::opcode_query, 2012 /* OP_COMPRESSED */, 0}) {
        auto builder = wire_builder::header(reply_id, request_id, op_code);
        const auto bytes = builder.uint32(0).uint8(0).document(ok_body()).message();
        BOOST_TEST_INFO("opcode " << op_code);
        BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::message_unknown_opcode));
    }
}

BOOST_AUTO_TEST_CASE(header_errors_apply_to_whole_messages) {
    auto bytes = op_msg_reply().uint8(0).document(ok_body()).message();
    wire_builder::set_length(bytes, -5);
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::message_length_negative));
    auto small = op_msg_reply().uint8(0).document(ok_body()).message();
    BOOST_TEST((code_of(wire::decode_reply(small, std::nullopt, 20)) == errc::message_too_large));
}

BOOST_AUTO_TEST_CASE(flag_bits_missing_is_too_short) {
    const auto bytes = wire_builder::header(reply_id, request_id, wire::opcode_msg).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::message_too_short));
}

BOOST_AUTO_TEST_CASE(more_to_come_and_exhaust_allowed_are_exposed) {
    const auto flags = wire::flag_more_to_come | wire::flag_exhaust_allowed;
    const auto bytes = op_msg_reply(flags).uint8(0).document(ok_body()).message();
    const auto decoded = wire::decode_reply(bytes);
    BOOST_TEST_REQUIRE(decoded.has_value());
    const auto& msg = as_op_msg(*decoded);
    BOOST_TEST(msg.more_to_come());
    BOOST_TEST(msg.exhaust_allowed());
    BOOST_TEST(!msg.checksum_present());
}

BOOST_AUTO_TEST_CASE(unknown_required_flag_bits_0_to_15_are_rejected) {
    for (const unsigned bit : {2U, 3U, 15U}) {
        const auto bytes = op_msg_reply(1U << bit).uint8(0).document(ok_body()).message();
        BOOST_TEST_INFO("bit " << bit);
        BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_msg_unknown_required_flag));
    }
}

BOOST_AUTO_TEST_CASE(unknown_optional_flag_bits_16_to_31_are_ignored) {
    for (const unsigned bit : {17U, 31U}) {
        const auto bytes = op_msg_reply(1U << bit).uint8(0).document(ok_body()).message();
        BOOST_TEST_INFO("bit " << bit);
        BOOST_TEST(wire::decode_reply(bytes).has_value());
    }
}

BOOST_AUTO_TEST_CASE(checksum_flag_strips_the_last_four_bytes) {
    // The checksum is not verified, so any 4 bytes do.
    const auto bytes = op_msg_reply(wire::flag_checksum_present)
                           .uint8(0)
                           .document(ok_body())
                           .uint32(0xDEADBEEF)
                           .message();
    const auto decoded = wire::decode_reply(bytes);
    BOOST_TEST_REQUIRE(decoded.has_value());
    BOOST_TEST(as_op_msg(*decoded).checksum_present());
    BOOST_TEST((decoded->body() == mongo_aws::bson_document::from_bson(ok_body())));
}

BOOST_AUTO_TEST_CASE(checksum_flag_without_checksum_bytes_fails) {
    // Without stripping 4 bytes the body would be complete; with it, the body is cut short.
    const auto bytes =
        op_msg_reply(wire::flag_checksum_present).uint8(0).document(ok_body()).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(checksum_flag_with_fewer_than_four_bytes_left_is_too_short) {
    const auto bytes = op_msg_reply(wire::flag_checksum_present).uint8(0).uint8(0).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::message_too_short));
}

BOOST_AUTO_TEST_CASE(no_sections_is_a_missing_body) {
    const auto bytes = op_msg_reply().message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_msg_missing_body));
}

BOOST_AUTO_TEST_CASE(only_a_kind_1_section_is_a_missing_body) {
    const auto doc = json(R"({"x": 1})");
    const auto bytes = op_msg_reply()
                           .uint8(1)
                           .int32(4 + 10 + static_cast<std::int32_t>(doc->len))
                           .cstring("documents")
                           .document(*doc)
                           .message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_msg_missing_body));
}

BOOST_AUTO_TEST_CASE(two_kind_0_sections_are_a_duplicate_body) {
    const auto bytes =
        op_msg_reply().uint8(0).document(ok_body()).uint8(0).document(ok_body()).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_msg_duplicate_body));
}

BOOST_AUTO_TEST_CASE(section_kind_other_than_0_or_1_is_unknown) {
    const auto bytes = op_msg_reply().uint8(2).document(ok_body()).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_msg_unknown_section_kind));
}

BOOST_AUTO_TEST_CASE(kind_1_sections_are_decoded_in_order) {
    const auto first = json(R"({"_id": 1})");
    const auto second = json(R"({"_id": 2})");
    const auto size = 4 + 10 + static_cast<std::int32_t>(first->len + second->len);
    const auto bytes = op_msg_reply()
                           .uint8(1)
                           .int32(size)
                           .cstring("documents")  // 9 characters and a NUL
                           .document(*first)
                           .document(*second)
                           .uint8(0)
                           .document(ok_body())
                           .uint8(1)
                           .int32(4 + 8)
                           .cstring("updates")  // a sequence may hold no document
                           .message();
    const auto decoded = wire::decode_reply(bytes);
    BOOST_TEST_REQUIRE(decoded.has_value());
    const auto& msg = as_op_msg(*decoded);
    BOOST_TEST_REQUIRE(msg.sequences.size() == 2U);
    BOOST_TEST(msg.sequences[0].identifier == "documents");
    BOOST_TEST_REQUIRE(msg.sequences[0].documents.size() == 2U);
    BOOST_TEST((msg.sequences[0].documents[0] == mongo_aws::bson_document::from_bson(*first)));
    BOOST_TEST((msg.sequences[0].documents[1] == mongo_aws::bson_document::from_bson(*second)));
    BOOST_TEST(msg.sequences[1].identifier == "updates");
    BOOST_TEST(msg.sequences[1].documents.empty());
    BOOST_TEST((msg.body == mongo_aws::bson_document::from_bson(ok_body())));
}

BOOST_AUTO_TEST_CASE(kind_1_size_cut_off_by_the_message_end_is_truncated) {
    const auto bytes = op_msg_reply().uint8(0).document(ok_body()).uint8(1).uint8(20).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_msg_section_truncated));
}

BOOST_AUTO_TEST_CASE(kind_1_size_past_the_message_end_is_truncated) {
    const auto bytes = op_msg_reply()
                           .uint8(0)
                           .document(ok_body())
                           .uint8(1)
                           .int32(1000)  // only 14 bytes follow
                           .cstring("documents")
                           .message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_msg_section_truncated));
}

BOOST_AUTO_TEST_CASE(kind_1_size_too_small_for_an_identifier_is_malformed) {
    for (const std::int32_t size : {4, 0, -8}) {
        const auto bytes =
            op_msg_reply().uint8(0).document(ok_body()).uint8(1).int32(size).cstring("x").message();
        BOOST_TEST_INFO("size " << size);
        BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_msg_section_malformed));
    }
}

BOOST_AUTO_TEST_CASE(kind_1_identifier_without_nul_in_the_section_is_malformed) {
    // The section says 4 + 3 bytes: "abc", whose NUL lies outside it.
    const auto bytes =
        op_msg_reply().uint8(0).document(ok_body()).uint8(1).int32(4 + 3).cstring("abc").message();
    const auto decoded = wire::decode_reply(bytes);
    BOOST_TEST((code_of(decoded) == errc::op_msg_section_malformed));
}

BOOST_AUTO_TEST_CASE(kind_1_document_running_past_its_section_is_rejected) {
    // The section ends 1 byte before its document does, though the message holds all of it.
    const auto doc = json(R"({"_id": 1})");
    const auto bytes = op_msg_reply()
                           .uint8(1)
                           .int32(4 + 10 + static_cast<std::int32_t>(doc->len) - 1)
                           .cstring("documents")
                           .document(*doc)
                           .uint8(0)
                           .document(ok_body())
                           .message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(body_length_past_the_message_end_is_rejected_not_read) {
    // The reply that crashes Debian's libmongoc 1.23: a body declaring 1000 bytes in a message
    // that holds 5 of them. Under ASan a read past the buffer would abort this test.
    const auto bytes = op_msg_reply().uint8(0).int32(1000).uint8(0x10).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(body_length_below_5_is_rejected) {
    for (const std::int32_t length : {4, 0, -1}) {
        const auto bytes = op_msg_reply().uint8(0).int32(length).uint8(0).message();
        BOOST_TEST_INFO("length " << length);
        BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::bson_length_invalid));
    }
}

BOOST_AUTO_TEST_CASE(body_with_no_room_for_its_length_is_rejected) {
    const auto bytes = op_msg_reply().uint8(0).uint8(5).uint8(0).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(body_failing_validation_is_bson_invalid) {
    // Length 9, one element of type 0x42 (no such BSON type) named "a", no value, final NUL.
    const std::vector<std::uint8_t> corrupt = {0x09, 0, 0, 0, 0x42, 'a', 0, 0, 0};
    const auto bytes = op_msg_reply().uint8(0).raw(corrupt).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::bson_invalid));
}

BOOST_AUTO_TEST_CASE(body_whose_last_byte_is_not_nul_is_bson_invalid) {
    const std::vector<std::uint8_t> corrupt = {0x05, 0, 0, 0, 0x01};
    const auto bytes = op_msg_reply().uint8(0).raw(corrupt).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::bson_invalid));
}

BOOST_AUTO_TEST_CASE(trailing_bytes_after_the_sections_are_rejected) {
    // A stray byte is read as a section kind: 7 is unknown; 1 starts a section with no size.
    const auto stray_seven = op_msg_reply().uint8(0).document(ok_body()).uint8(7).message();
    BOOST_TEST((code_of(wire::decode_reply(stray_seven)) == errc::op_msg_unknown_section_kind));
    const auto stray_kind_1 = op_msg_reply().uint8(0).document(ok_body()).uint8(1).message();
    BOOST_TEST((code_of(wire::decode_reply(stray_kind_1)) == errc::op_msg_section_truncated));
}

BOOST_AUTO_TEST_CASE(errors_name_the_byte_offset) {
    const auto bytes = op_msg_reply().uint8(0).int32(1000).uint8(0x10).message();
    const auto decoded = wire::decode_reply(bytes);
    BOOST_TEST_REQUIRE(!decoded.has_value());
    // header (16) + flagBits (4) + kind (1): the body starts at byte 21.
    BOOST_TEST(decoded.error().message.find("at byte 21") != std::string::npos);
    BOOST_TEST(decoded.error().message.find("1000") != std::string::npos);
}
