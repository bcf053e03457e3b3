// Command replies: each field in each type a server may send, each wrong type, and `ok: 0`
// turned into an error an operator can act on.
#define BOOST_TEST_MODULE wire_command_reply
#include "support/wire_builder.hpp"

#include <mongo_aws/command_reply.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <system_error>

using mongo_aws::errc;
using mongo_aws::parse_command_reply;
using mongo_aws::test::json;

namespace {
mongo_aws::command_reply parsed(const char* reply_json) {
    auto reply = parse_command_reply(*json(reply_json));
    BOOST_TEST_INFO(reply_json);
    BOOST_TEST_REQUIRE(reply.has_value());
    return *reply;
}

errc rejection(const char* reply_json) {
    const auto reply = parse_command_reply(*json(reply_json));
    BOOST_TEST_INFO(reply_json);
    BOOST_TEST_REQUIRE(!reply.has_value());
    BOOST_TEST_MESSAGE(reply.error().message);
    return static_cast<errc>(reply.error().code.value());
}
}  // namespace

BOOST_AUTO_TEST_CASE(ok_accepts_double_int32_int64_and_bool) {
    BOOST_TEST(parsed(R"({"ok": 1.0})").ok);
    BOOST_TEST(parsed(R"({"ok": {"$numberInt": "1"}})").ok);
    BOOST_TEST(parsed(R"({"ok": {"$numberLong": "1"}})").ok);
    BOOST_TEST(parsed(R"({"ok": true})").ok);
    BOOST_TEST(!parsed(R"({"ok": 0.0})").ok);
    BOOST_TEST(!parsed(R"({"ok": {"$numberInt": "0"}})").ok);
    BOOST_TEST(!parsed(R"({"ok": {"$numberLong": "0"}})").ok);
    BOOST_TEST(!parsed(R"({"ok": false})").ok);
}

BOOST_AUTO_TEST_CASE(ok_nan_is_not_ok) {
    BOOST_TEST(!parsed(R"({"ok": {"$numberDouble": "NaN"}})").ok);
}

BOOST_AUTO_TEST_CASE(ok_missing_is_reply_field_missing) {
    BOOST_TEST((rejection(R"({"errmsg": "no ok here"})") == errc::reply_field_missing));
}

BOOST_AUTO_TEST_CASE(ok_of_another_type_is_wrong_type) {
    BOOST_TEST((rejection(R"({"ok": "1"})") == errc::reply_field_wrong_type));
    BOOST_TEST((rejection(R"({"ok": null})") == errc::reply_field_wrong_type));
}

BOOST_AUTO_TEST_CASE(wrong_type_message_names_the_field_and_the_type) {
    const auto reply = parse_command_reply(*json(R"({"ok": 1, "done": "yes"})"));
    BOOST_TEST_REQUIRE(!reply.has_value());
    BOOST_TEST(reply.error().message.find("`done` is string, expected bool") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(optional_fields_are_absent_when_not_sent) {
    const auto reply = parsed(R"({"ok": 1})");
    BOOST_TEST(!reply.errmsg.has_value());
    BOOST_TEST(!reply.code.has_value());
    BOOST_TEST(!reply.code_name.has_value());
    BOOST_TEST(!reply.conversation_id.has_value());
    BOOST_TEST(!reply.done.has_value());
    BOOST_TEST(!reply.payload.has_value());
}

BOOST_AUTO_TEST_CASE(error_fields_are_read) {
    const auto reply = parsed(
        R"({"ok": 0.0, "errmsg": "Authentication failed.", "code": 18,
            "codeName": "AuthenticationFailed"})");
    BOOST_TEST(!reply.ok);
    BOOST_TEST(*reply.errmsg == "Authentication failed.");
    BOOST_TEST(*reply.code == 18);
    BOOST_TEST(*reply.code_name == "AuthenticationFailed");
}

BOOST_AUTO_TEST_CASE(errmsg_and_code_name_must_be_strings) {
    BOOST_TEST((rejection(R"({"ok": 0, "errmsg": 5})") == errc::reply_field_wrong_type));
    BOOST_TEST((rejection(R"({"ok": 0, "codeName": 18})") == errc::reply_field_wrong_type));
}

BOOST_AUTO_TEST_CASE(code_accepts_int32_int64_and_integral_double) {
    BOOST_TEST(*parsed(R"({"ok": 0, "code": {"$numberInt": "18"}})").code == 18);
    BOOST_TEST(*parsed(R"({"ok": 0, "code": {"$numberLong": "18"}})").code == 18);
    BOOST_TEST(*parsed(R"({"ok": 0, "code": 18.0})").code == 18);
    BOOST_TEST(*parsed(R"({"ok": 0, "code": {"$numberLong": "-2147483648"}})").code ==
               -2147483647 - 1);
}

BOOST_AUTO_TEST_CASE(code_that_is_not_an_int32_value_is_wrong_type) {
    BOOST_TEST((rejection(R"({"ok": 0, "code": 18.5})") == errc::reply_field_wrong_type));
    BOOST_TEST((rejection(R"({"ok": 0, "code": {"$numberLong": "2147483648"}})") ==
                errc::reply_field_wrong_type));
    BOOST_TEST((rejection(R"({"ok": 0, "code": {"$numberDouble": "NaN"}})") ==
                errc::reply_field_wrong_type));
    BOOST_TEST((rejection(R"({"ok": 0, "code": "18"})") == errc::reply_field_wrong_type));
}

BOOST_AUTO_TEST_CASE(conversation_id_accepts_int32_and_int64) {
    BOOST_TEST(*parsed(R"({"ok": 1, "conversationId": {"$numberInt": "1"}})").conversation_id == 1);
    BOOST_TEST(
        *parsed(R"({"ok": 1, "conversationId": {"$numberLong": "8589934592"}})").conversation_id ==
        8589934592LL);
}

BOOST_AUTO_TEST_CASE(conversation_id_of_another_type_is_wrong_type) {
    BOOST_TEST((rejection(R"({"ok": 1, "conversationId": 1.0})") == errc::reply_field_wrong_type));
    BOOST_TEST((rejection(R"({"ok": 1, "conversationId": "1"})") == errc::reply_field_wrong_type));
}

BOOST_AUTO_TEST_CASE(done_must_be_a_bool) {
    BOOST_TEST(*parsed(R"({"ok": 1, "done": true})").done);
    BOOST_TEST(!*parsed(R"({"ok": 1, "done": false})").done);
    BOOST_TEST((rejection(R"({"ok": 1, "done": 1})") == errc::reply_field_wrong_type));
}

BOOST_AUTO_TEST_CASE(payload_of_any_binary_subtype_gives_its_bytes) {
    // "AAEC" is base64 for 00 01 02.
    const std::vector<std::uint8_t> expected = {0, 1, 2};
    for (const char* subtype : {"00", "04", "80"}) {
        const std::string reply_json =
            std::string(R"({"ok": 1, "payload": {"$binary": {"base64": "AAEC", "subType": ")") +
            subtype + R"("}}})";
        const auto reply = parsed(reply_json.c_str());
        BOOST_TEST_INFO("subtype " << subtype);
        BOOST_TEST(*reply.payload == expected, boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(payload_may_be_empty) {
    const auto reply =
        parsed(R"({"ok": 1, "payload": {"$binary": {"base64": "", "subType": "00"}}})");
    BOOST_TEST_REQUIRE(reply.payload.has_value());
    BOOST_TEST(reply.payload->empty());
}

BOOST_AUTO_TEST_CASE(payload_of_another_type_is_wrong_type) {
    BOOST_TEST((rejection(R"({"ok": 1, "payload": "AAEC"})") == errc::reply_field_wrong_type));
}

BOOST_AUTO_TEST_CASE(reply_is_read_from_a_decoded_document_too) {
    const auto doc = mongo_aws::test::json_document(R"({"ok": 1, "done": true})");
    const auto reply = parse_command_reply(doc);
    BOOST_TEST_REQUIRE(reply.has_value());
    BOOST_TEST(*reply->done);
}

BOOST_AUTO_TEST_CASE(check_ok_passes_an_ok_reply) {
    BOOST_TEST(mongo_aws::check_ok(parsed(R"({"ok": 1})"), "saslStart").has_value());
}

BOOST_AUTO_TEST_CASE(authentication_failed_says_what_to_check) {
    const auto reply = parsed(R"({"ok": 0.0, "errmsg": "Authentication failed.", "code": 18,
                                  "codeName": "AuthenticationFailed"})");
    const auto checked = mongo_aws::check_ok(reply, "saslContinue");
    BOOST_TEST_REQUIRE(!checked.has_value());
    const auto& err = checked.error();
    BOOST_TEST((err.code == std::error_code(errc::command_failed)));
    BOOST_TEST(err.server_code == "18");
    BOOST_TEST(err.server_message == "Authentication failed.");
    BOOST_TEST(err.message.starts_with("saslContinue failed with AuthenticationFailed"));
    for (const char* hint : {"credentials", "clock", "region", "$external"}) {
        BOOST_TEST_INFO(hint);
        BOOST_TEST(err.message.find(hint) != std::string::npos);
    }
    BOOST_TEST(err.to_string().find("(server said: code 18: Authentication failed.)") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(mechanism_unavailable_points_at_the_server_setup) {
    const auto reply = parsed(R"({"ok": 0, "code": 334, "codeName": "MechanismUnavailable",
        "errmsg": "Received authentication for mechanism MONGODB-AWS which is not enabled"})");
    const auto err = mongo_aws::command_failure(reply, "saslStart");
    BOOST_TEST(err.message.find("authenticationMechanisms") != std::string::npos);
    BOOST_TEST(err.server_code == "334");
}

BOOST_AUTO_TEST_CASE(failure_without_code_leaves_server_code_empty) {
    const auto err = mongo_aws::command_failure(parsed(R"({"ok": 0, "errmsg": "no"})"), "ping");
    BOOST_TEST(err.server_code.empty());
    BOOST_TEST(err.server_message == "no");
    BOOST_TEST(err.message.starts_with("ping failed"));
}

BOOST_AUTO_TEST_CASE(server_errmsg_is_bounded_and_escaped) {
    const std::string errmsg = "bad\x1b[31m" + std::string(5000, 'e');
    const auto doc = mongo_aws::bson_ptr(bson_new());
    BSON_APPEND_DOUBLE(doc.get(), "ok", 0.0);
    BSON_APPEND_UTF8(doc.get(), "errmsg", errmsg.c_str());
    const auto reply = parse_command_reply(*doc);
    BOOST_TEST_REQUIRE(reply.has_value());
    BOOST_TEST(reply->errmsg->size() == errmsg.size());  // the field itself is kept whole
    const auto err = mongo_aws::command_failure(*reply, "saslStart");
    BOOST_TEST(err.server_message.size() <= 512U + 3U + 3U);
    BOOST_TEST(err.server_message.starts_with("bad\\x1b[31m"));
    BOOST_TEST(err.server_message.find('\x1b') == std::string::npos);
}
