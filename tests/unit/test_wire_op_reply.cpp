// OP_REPLY: the legacy reply a server sends to a first handshake sent as OP_QUERY. Layout after
// the header: int32 responseFlags, int64 cursorID, int32 startingFrom, int32 numberReturned,
// then the documents.
#define BOOST_TEST_MODULE wire_op_reply
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
constexpr std::int32_t request_id = 1;
constexpr std::int32_t await_capable = 8;  // responseFlags bit 3, set by servers since 1.6

wire_builder op_reply(std::int32_t response_flags, std::int32_t number_returned) {
    auto out = wire_builder::header(77, request_id, wire::opcode_reply);
    out.int32(response_flags).int64(0).int32(0).int32(number_returned);
    return out;
}

errc code_of(const mongo_aws::result<wire::reply>& decoded) {
    BOOST_TEST_REQUIRE(!decoded.has_value());
    BOOST_TEST_MESSAGE(decoded.error().message);
    BOOST_TEST_REQUIRE((decoded.error().code.category() == mongo_aws::category()));
    return static_cast<errc>(decoded.error().code.value());
}
}  // namespace

BOOST_AUTO_TEST_CASE(legacy_hello_reply_decodes) {
    const auto hello = json(
        R"({"ismaster": true, "maxBsonObjectSize": 16777216, "maxMessageSizeBytes": 48000000,
            "minWireVersion": 0, "maxWireVersion": 17, "ok": 1.0})");
    const auto bytes = op_reply(await_capable, 1).document(*hello).message();
    const auto decoded = wire::decode_reply(bytes, request_id);
    BOOST_TEST_REQUIRE(decoded.has_value());
    BOOST_TEST_REQUIRE(std::holds_alternative<wire::op_reply>(decoded->message));
    const auto& reply = std::get<wire::op_reply>(decoded->message);
    BOOST_TEST(reply.response_flags == await_capable);
    BOOST_TEST(reply.cursor_id == 0);
    BOOST_TEST(reply.documents.size() == 1U);
    BOOST_TEST((decoded->body() == mongo_aws::bson_document::from_bson(*hello)));
    BOOST_TEST(decoded->header().op_code == wire::opcode_reply);
}

BOOST_AUTO_TEST_CASE(cursor_id_and_starting_from_are_little_endian) {
    const auto doc = json(R"({"ok": 1})");
    auto builder = wire_builder::header(77, request_id, wire::opcode_reply);
    const auto bytes =
        builder.int32(0).int64(0x0102030405060708).int32(3).int32(1).document(*doc).message();
    const auto decoded = wire::decode_reply(bytes);
    BOOST_TEST_REQUIRE(decoded.has_value());
    const auto& reply = std::get<wire::op_reply>(decoded->message);
    BOOST_TEST(reply.cursor_id == 0x0102030405060708);
    BOOST_TEST(reply.starting_from == 3);
}

BOOST_AUTO_TEST_CASE(encoded_op_reply_decodes_to_the_same_document) {
    const auto doc = json(R"({"helloOk": true, "ok": 1.0})");
    const auto bytes = wire::encode_op_reply(5, request_id, *doc);
    BOOST_TEST_REQUIRE(bytes.has_value());
    const auto decoded = wire::decode_reply(*bytes, request_id);
    BOOST_TEST_REQUIRE(decoded.has_value());
    BOOST_TEST((decoded->body() == mongo_aws::bson_document::from_bson(*doc)));
    BOOST_TEST(decoded->header().request_id == 5);
}

BOOST_AUTO_TEST_CASE(several_documents_are_all_kept) {
    const auto first = json(R"({"a": 1})");
    const auto second = json(R"({"b": 2})");
    const auto bytes = op_reply(0, 2).document(*first).document(*second).message();
    const auto decoded = wire::decode_reply(bytes);
    BOOST_TEST_REQUIRE(decoded.has_value());
    const auto& reply = std::get<wire::op_reply>(decoded->message);
    BOOST_TEST_REQUIRE(reply.documents.size() == 2U);
    BOOST_TEST((reply.documents[1] == mongo_aws::bson_document::from_bson(*second)));
    BOOST_TEST((decoded->body() == mongo_aws::bson_document::from_bson(*first)));
}

BOOST_AUTO_TEST_CASE(response_to_mismatch_is_rejected) {
    const auto doc = json(R"({"ok": 1})");
    const auto bytes = op_reply(0, 1).document(*doc).message();
    BOOST_TEST(
        (code_of(wire::decode_reply(bytes, request_id + 1)) == errc::message_response_to_mismatch));
}

BOOST_AUTO_TEST_CASE(query_failure_is_an_error_carrying_err_and_code) {
    const auto failure = json(R"({"$err": "Unsupported OP_QUERY command: find", "code": 352})");
    const auto bytes = op_reply(2, 1).document(*failure).message();  // bit 1: QueryFailure
    const auto decoded = wire::decode_reply(bytes);
    BOOST_TEST((code_of(decoded) == errc::op_reply_query_failure));
    BOOST_TEST(decoded.error().server_message == "Unsupported OP_QUERY command: find");
    BOOST_TEST(decoded.error().server_code == "352");
    BOOST_TEST(decoded.error().to_string().find("Unsupported OP_QUERY command") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(query_failure_text_is_bounded_and_escaped) {
    const std::string long_text = "line one\nline two" + std::string(2000, 'x');
    const auto failure = mongo_aws::bson_ptr(bson_new());
    BSON_APPEND_UTF8(failure.get(), "$err", long_text.c_str());
    const auto bytes = op_reply(2, 1).document(*failure).message();
    const auto decoded = wire::decode_reply(bytes);
    BOOST_TEST((code_of(decoded) == errc::op_reply_query_failure));
    const auto& text = decoded.error().server_message;
    BOOST_TEST(text.size() <= 512U + 3U + 3U);  // 512 bytes, the newline's escape, "…" (3 bytes)
    BOOST_TEST(text.find('\n') == std::string::npos);
    BOOST_TEST(text.starts_with("line one\\x0aline two"));
    BOOST_TEST(text.ends_with("\u2026"));
}

BOOST_AUTO_TEST_CASE(query_failure_without_document_is_still_a_query_failure) {
    const auto bytes = op_reply(2, 0).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_reply_query_failure));
}

BOOST_AUTO_TEST_CASE(zero_documents_returned_is_rejected) {
    const auto bytes = op_reply(0, 0).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_reply_no_document));
}

BOOST_AUTO_TEST_CASE(negative_number_returned_is_rejected_as_no_document) {
    const auto doc = json(R"({"ok": 1})");
    const auto bytes = op_reply(0, -1).document(*doc).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::op_reply_no_document));
}

BOOST_AUTO_TEST_CASE(fewer_documents_than_number_returned_is_rejected) {
    // numberReturned says 2 147 483 647; one document follows. No allocation follows the count.
    const auto doc = json(R"({"ok": 1})");
    const auto bytes = op_reply(0, 2147483647).document(*doc).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(bytes_after_the_documents_are_trailing) {
    const auto doc = json(R"({"ok": 1})");
    const auto bytes = op_reply(0, 1).document(*doc).uint8(0).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::message_trailing_bytes));
}

BOOST_AUTO_TEST_CASE(missing_fixed_fields_are_too_short) {
    // responseFlags and cursorID, but neither startingFrom nor numberReturned.
    auto builder = wire_builder::header(77, request_id, wire::opcode_reply);
    const auto bytes = builder.int32(0).int64(0).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::message_too_short));
}

BOOST_AUTO_TEST_CASE(document_length_past_the_message_end_is_rejected) {
    const auto bytes = op_reply(0, 1).int32(64).uint8(0).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(invalid_document_is_bson_invalid) {
    // Length 12: a string element "s" declaring 100 bytes of text inside a 12-byte document.
    const std::vector<std::uint8_t> corrupt = {12, 0, 0, 0, 0x02, 's', 0, 100, 0, 0, 0, 0};
    const auto bytes = op_reply(0, 1).raw(corrupt).message();
    BOOST_TEST((code_of(wire::decode_reply(bytes)) == errc::bson_invalid));
}
