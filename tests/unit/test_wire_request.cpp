// Requests: what the client encodes (OP_MSG commands, the legacy OP_QUERY handshake) and what a
// server decodes from them, byte for byte as the wire protocol lays them out.
#define BOOST_TEST_MODULE wire_request
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
template <class T>
errc code_of(const mongo_aws::result<T>& decoded) {
    BOOST_TEST_REQUIRE(!decoded.has_value());
    BOOST_TEST_MESSAGE(decoded.error().message);
    BOOST_TEST_REQUIRE((decoded.error().code.category() == mongo_aws::category()));
    return static_cast<errc>(decoded.error().code.value());
}

const wire::op_query& as_op_query(const wire::request& decoded) {
    BOOST_TEST_REQUIRE(std::holds_alternative<wire::op_query>(decoded.message));
    return std::get<wire::op_query>(decoded.message);
}

wire_builder op_msg_request(std::int32_t request_id = 3) {
    auto out = wire_builder::header(request_id, 0, wire::opcode_msg);
    out.uint32(0);
    return out;
}

wire_builder op_query_request() {
    auto out = wire_builder::header(3, 0, wire::opcode_query);
    out.int32(0);
    return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(op_msg_command_has_the_documented_layout) {
    // {ping: 1} on "admin", laid out by hand from the wire protocol reference:
    // header | flagBits 0 | kind 0 | {ping: 1, $db: "admin"}.
    // clang-format off
    const std::vector<std::uint8_t> expected = {
        0x33, 0, 0, 0,     // messageLength 51 = 16 + 4 + 1 + 30
        0x2A, 0, 0, 0,     // requestID 42
        0, 0, 0, 0,        // responseTo 0
        0xDD, 0x07, 0, 0,  // opCode 2013
        0, 0, 0, 0,        // flagBits
        0,                 // section kind 0
        0x1E, 0, 0, 0,     // document length 30 = 4 + 10 + 15 + 1
        0x10, 'p', 'i', 'n', 'g', 0, 1, 0, 0, 0,                         // int32 ping: 1
        0x02, '$', 'd', 'b', 0, 6, 0, 0, 0, 'a', 'd', 'm', 'i', 'n', 0,  // string $db: "admin"
        0,                 // end of document
    };
    // clang-format on
    const auto command = json(R"({"ping": 1})");
    const auto bytes = wire::encode_op_msg_command(42, *command, "admin");
    BOOST_TEST_REQUIRE(bytes.has_value());
    BOOST_TEST(*bytes == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(op_msg_command_round_trips_through_the_request_decoder) {
    const auto command = json(R"({"saslStart": 1, "mechanism": "MONGODB-AWS",
                                  "payload": {"$binary": {"base64": "AAEC", "subType": "00"}}})");
    const auto bytes = wire::encode_op_msg_command(7, *command, "$external");
    BOOST_TEST_REQUIRE(bytes.has_value());
    const auto decoded = wire::decode_request(*bytes);
    BOOST_TEST_REQUIRE(decoded.has_value());
    BOOST_TEST(decoded->database == "$external");
    BOOST_TEST(decoded->header().request_id == 7);
    BOOST_TEST(decoded->header().response_to == 0);
    BOOST_TEST(mongo_aws::test::to_json(decoded->command()) ==
               R"({ "saslStart" : { "$numberInt" : "1" }, "mechanism" : "MONGODB-AWS", )"
               R"("payload" : { "$binary" : { "base64" : "AAEC", "subType" : "00" } }, )"
               R"("$db" : "$external" })");
}

BOOST_AUTO_TEST_CASE(op_query_command_has_the_documented_layout) {
    // header | flags 0 | "admin.$cmd\0" | numberToSkip 0 | numberToReturn -1 | query.
    const auto command = json(R"({"isMaster": 1})");
    const auto bytes = wire::encode_op_query_command(9, *command);
    BOOST_TEST_REQUIRE(bytes.has_value());
    auto expected = wire_builder::header(9, 0, wire::opcode_query);
    expected.int32(0).cstring("admin.$cmd").int32(0).int32(-1).document(*command);
    BOOST_TEST(*bytes == expected.message(), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(handshake_op_query_round_trips_through_the_request_decoder) {
    const auto hello = json(R"({"isMaster": 1, "helloOk": true,
        "client": {"driver": {"name": "mongo-aws", "version": "0.1"},
                   "os": {"type": "Linux"}}})");
    const auto bytes = wire::encode_op_query_command(1, *hello);
    BOOST_TEST_REQUIRE(bytes.has_value());
    const auto decoded = wire::decode_request(*bytes);
    BOOST_TEST_REQUIRE(decoded.has_value());
    BOOST_TEST(decoded->database == "admin");
    const auto& query = as_op_query(*decoded);
    BOOST_TEST(query.full_collection_name == "admin.$cmd");
    BOOST_TEST(query.number_to_skip == 0);
    BOOST_TEST(query.number_to_return == -1);
    BOOST_TEST(query.flags == 0);
    BOOST_TEST(!query.return_fields_selector.has_value());
    BOOST_TEST((decoded->command() == mongo_aws::bson_document::from_bson(*hello)));
}

BOOST_AUTO_TEST_CASE(encoder_refuses_a_command_that_already_has_db) {
    const auto command = json(R"({"ping": 1, "$db": "admin"})");
    BOOST_TEST((code_of(wire::encode_op_msg_command(1, *command, "admin")) ==
                errc::command_document_invalid));
    BOOST_TEST((code_of(wire::encode_op_query_command(1, *command, "admin")) ==
                errc::command_document_invalid));
}

BOOST_AUTO_TEST_CASE(encoder_refuses_an_empty_command) {
    const auto command = json("{}");
    BOOST_TEST((code_of(wire::encode_op_msg_command(1, *command, "admin")) ==
                errc::command_document_invalid));
}

BOOST_AUTO_TEST_CASE(encoder_refuses_an_invalid_database_name) {
    const auto command = json(R"({"ping": 1})");
    for (const std::string_view database :
         {std::string_view(""), std::string_view("a.b"), std::string_view("a\0b", 3)}) {
        BOOST_TEST_INFO("database of " << database.size() << " bytes");
        BOOST_TEST((code_of(wire::encode_op_msg_command(1, *command, database)) ==
                    errc::command_document_invalid));
        BOOST_TEST((code_of(wire::encode_op_query_command(1, *command, database)) ==
                    errc::command_document_invalid));
    }
}

BOOST_AUTO_TEST_CASE(encoder_refuses_a_message_above_max_message_size) {
    const auto command = json(R"({"ping": 1})");
    const std::string huge(static_cast<std::size_t>(wire::default_max_message_size), 'd');
    BOOST_TEST(
        (code_of(wire::encode_op_msg_command(1, *command, huge)) == errc::message_too_large));
}

BOOST_AUTO_TEST_CASE(op_msg_request_without_db_is_rejected) {
    const auto body = json(R"({"ping": 1})");
    const auto bytes = op_msg_request().uint8(0).document(*body).message();
    BOOST_TEST((code_of(wire::decode_request(bytes)) == errc::op_msg_missing_database));
}

BOOST_AUTO_TEST_CASE(op_msg_request_with_db_not_a_nonempty_string_is_rejected) {
    for (const char* body_json : {R"({"ping": 1, "$db": 1})", R"({"ping": 1, "$db": ""})"}) {
        const auto body = json(body_json);
        const auto bytes = op_msg_request().uint8(0).document(*body).message();
        BOOST_TEST_INFO(body_json);
        BOOST_TEST((code_of(wire::decode_request(bytes)) == errc::op_msg_missing_database));
    }
}

BOOST_AUTO_TEST_CASE(op_msg_request_keeps_kind_1_sections) {
    const auto body = json(R"({"insert": "c", "$db": "test"})");
    const auto doc = json(R"({"_id": 1})");
    const auto bytes = op_msg_request()
                           .uint8(0)
                           .document(*body)
                           .uint8(1)
                           .int32(4 + 10 + static_cast<std::int32_t>(doc->len))
                           .cstring("documents")
                           .document(*doc)
                           .message();
    const auto decoded = wire::decode_request(bytes);
    BOOST_TEST_REQUIRE(decoded.has_value());
    BOOST_TEST(decoded->database == "test");
    const auto& msg = std::get<wire::op_msg>(decoded->message);
    BOOST_TEST_REQUIRE(msg.sequences.size() == 1U);
    BOOST_TEST(msg.sequences[0].documents.size() == 1U);
}

BOOST_AUTO_TEST_CASE(op_msg_request_follows_the_op_msg_rules) {
    // The same strictness as replies: here, a body whose length runs past the message.
    const auto bytes = op_msg_request().uint8(0).int32(500).uint8(0).message();
    BOOST_TEST((code_of(wire::decode_request(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(op_query_with_return_fields_selector_keeps_it) {
    const auto query = json(R"({"isMaster": 1})");
    const auto selector = json(R"({"ok": 1})");
    const auto bytes = op_query_request()
                           .cstring("admin.$cmd")
                           .int32(0)
                           .int32(1)
                           .document(*query)
                           .document(*selector)
                           .message();
    const auto decoded = wire::decode_request(bytes);
    BOOST_TEST_REQUIRE(decoded.has_value());
    const auto& op = as_op_query(*decoded);
    BOOST_TEST_REQUIRE(op.return_fields_selector.has_value());
    BOOST_TEST((*op.return_fields_selector == mongo_aws::bson_document::from_bson(*selector)));
}

BOOST_AUTO_TEST_CASE(op_query_with_bytes_after_its_documents_is_rejected) {
    const auto query = json(R"({"isMaster": 1})");
    const auto bytes = op_query_request()
                           .cstring("admin.$cmd")
                           .int32(0)
                           .int32(-1)
                           .document(*query)
                           .document(*query)
                           .uint8(0)
                           .message();
    BOOST_TEST((code_of(wire::decode_request(bytes)) == errc::message_trailing_bytes));
}

BOOST_AUTO_TEST_CASE(op_query_namespace_without_nul_is_malformed) {
    const std::string name = "admin.$cmd";
    const auto bytes = op_query_request()
                           .raw({reinterpret_cast<const std::uint8_t*>(name.data()), name.size()})
                           .message();
    BOOST_TEST((code_of(wire::decode_request(bytes)) == errc::op_query_malformed_namespace));
}

BOOST_AUTO_TEST_CASE(op_query_namespace_without_database_is_malformed) {
    const auto query = json(R"({"isMaster": 1})");
    for (const char* name : {"admin", ".$cmd", ""}) {
        const auto bytes =
            op_query_request().cstring(name).int32(0).int32(-1).document(*query).message();
        BOOST_TEST_INFO("fullCollectionName \"" << name << '"');
        BOOST_TEST((code_of(wire::decode_request(bytes)) == errc::op_query_malformed_namespace));
    }
}

BOOST_AUTO_TEST_CASE(op_query_missing_skip_and_return_is_too_short) {
    const auto bytes = op_query_request().cstring("admin.$cmd").int32(0).message();
    BOOST_TEST((code_of(wire::decode_request(bytes)) == errc::message_too_short));
}

BOOST_AUTO_TEST_CASE(op_query_missing_flags_is_too_short) {
    const auto bytes = wire_builder::header(3, 0, wire::opcode_query).uint8(0).message();
    BOOST_TEST((code_of(wire::decode_request(bytes)) == errc::message_too_short));
}

BOOST_AUTO_TEST_CASE(op_query_without_query_document_is_rejected) {
    const auto bytes = op_query_request().cstring("admin.$cmd").int32(0).int32(-1).message();
    BOOST_TEST((code_of(wire::decode_request(bytes)) == errc::bson_length_invalid));
}

BOOST_AUTO_TEST_CASE(request_decoder_refuses_replies_and_unknown_opcodes) {
    const auto doc = json(R"({"ok": 1})");
    const auto reply = wire::encode_op_reply(1, 2, *doc);
    BOOST_TEST_REQUIRE(reply.has_value());
    BOOST_TEST((code_of(wire::decode_request(*reply)) == errc::message_unknown_opcode));
    const auto unknown = wire_builder::header(1, 0, 2001).int32(0).message();  // OP_UPDATE
    BOOST_TEST((code_of(wire::decode_request(unknown)) == errc::message_unknown_opcode));
}

BOOST_AUTO_TEST_CASE(request_decoder_checks_the_length) {
    auto bytes = op_msg_request().message();
    bytes.pop_back();  // messageLength now one more than the bytes given
    BOOST_TEST((code_of(wire::decode_request(bytes)) == errc::message_length_mismatch));
}
