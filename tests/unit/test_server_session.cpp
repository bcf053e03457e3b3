// The test server's per-connection session: the handshake (legacy OP_QUERY isMaster and OP_MSG
// hello), the commands a driver and the CLI send, and a whole MONGODB-AWS conversation run with
// the client's real code, after which connectionStatus names the authenticated ARN.
#define BOOST_TEST_MODULE server_session
#include "support/session_client.hpp"
#include "support/wire_builder.hpp"

#include <mongo_aws/command_reply.hpp>
#include <mongo_aws/conversation.hpp>
#include <mongo_aws/sasl_commands.hpp>
#include <mongo_aws/test_server/session.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

namespace ts = mongo_aws::test_server;
namespace test = mongo_aws::test;
using mongo_aws::bson_document;
using test::json;
using action = ts::step::action;

namespace {

struct fixture {
    std::shared_ptr<ts::server_options> options = test::example_server_options();
    ts::session server{options, 7};
    test::session_client client{server};

    bson_document run(std::string_view command_json, std::string_view database = "admin") {
        return client.reply_body(client.command(*json(command_json), database));
    }
};

std::string json_of(const bson_document& doc) {
    const auto view = doc.view();
    char* text = bson_as_relaxed_extended_json(view.get(), nullptr);
    std::string out = text;
    bson_free(text);
    return out;
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

mongo_aws::command_reply parsed(const bson_document& doc) {
    return mongo_aws::parse_command_reply(doc).value();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(session, fixture)

BOOST_AUTO_TEST_CASE(legacy_is_master_is_answered_with_op_reply_and_hello_ok) {
    const auto step = client.legacy_command(*json(R"({"isMaster": 1, "helloOk": true})"));
    BOOST_REQUIRE(step.what == action::reply);
    const auto reply = mongo_aws::wire::decode_reply(step.message, 1).value();
    BOOST_TEST(std::holds_alternative<mongo_aws::wire::op_reply>(reply.message));
    const std::string body = json_of(reply.body());
    BOOST_TEST(contains(body, R"("helloOk" : true)"));
    BOOST_TEST(contains(body, R"("ismaster" : true)"));
    BOOST_TEST(contains(body, R"("maxWireVersion" : 17)"));
    BOOST_TEST(contains(body, R"("connectionId" : 7)"));
    BOOST_TEST(parsed(reply.body()).ok);
}

BOOST_AUTO_TEST_CASE(legacy_hello_in_a_query_wrapper_is_answered) {
    const auto step =
        client.legacy_command(*json(R"({"$query": {"hello": 1}, "$readPreference": {}})"));
    BOOST_TEST(contains(json_of(client.reply_body(step)), R"("isWritablePrimary" : true)"));
}

BOOST_AUTO_TEST_CASE(other_legacy_commands_are_refused_with_352) {
    const auto reply = client.reply_body(client.legacy_command(*json(R"({"ping": 1})")));
    BOOST_TEST(parsed(reply).code.value_or(0) == 352);
    BOOST_TEST(!parsed(reply).ok);
}

BOOST_AUTO_TEST_CASE(legacy_is_master_outside_cmd_is_refused_with_352) {
    const auto message = test::wire_builder::header(5, 0, mongo_aws::wire::opcode_query)
                             .int32(0)
                             .cstring("admin.things")
                             .int32(0)
                             .int32(-1)
                             .document(*json(R"({"isMaster": 1})"))
                             .message();
    const auto reply = mongo_aws::wire::decode_reply(server.answer(message).message, 5).value();
    BOOST_TEST(parsed(reply.body()).code.value_or(0) == 352);
}

BOOST_AUTO_TEST_CASE(op_msg_hello_says_writable_primary) {
    const std::string body = json_of(run(R"({"hello": 1, "helloOk": true})"));
    BOOST_TEST(contains(body, R"("isWritablePrimary" : true)"));
    BOOST_TEST(contains(body, R"("helloOk" : true)"));
    BOOST_TEST(contains(body, R"("maxMessageSizeBytes" : 48000000)"));
    BOOST_TEST(contains(body, R"("localTime" : { "$date" : "2020-02-03T04:05:06Z" })"));
}

BOOST_AUTO_TEST_CASE(hello_without_hello_ok_does_not_announce_it) {
    BOOST_TEST(!contains(json_of(run(R"({"hello": 1})")), "helloOk"));
}

BOOST_AUTO_TEST_CASE(hello_lists_mechanisms_when_asked) {
    const std::string body = json_of(run(R"({"hello": 1, "saslSupportedMechs": "$external.x"})"));
    BOOST_TEST(contains(body, R"("saslSupportedMechs" : [ "MONGODB-AWS" ])"));
}

BOOST_AUTO_TEST_CASE(ping_build_info_and_end_sessions_answer_ok) {
    BOOST_TEST(parsed(run(R"({"ping": 1})")).ok);
    BOOST_TEST(contains(json_of(run(R"({"buildInfo": 1})")), R"("version" : "6.0.0")"));
    BOOST_TEST(parsed(run(R"({"endSessions": [{}]})")).ok);
}

BOOST_AUTO_TEST_CASE(an_unknown_command_is_command_not_found) {
    const auto reply = parsed(run(R"({"find": "things"})", "test"));
    BOOST_TEST(!reply.ok);
    BOOST_TEST(reply.code.value() == 59);
    BOOST_TEST(reply.code_name.value() == "CommandNotFound");
    BOOST_TEST(contains(reply.errmsg.value(), "\"find\""));
}

BOOST_AUTO_TEST_CASE(connection_status_before_authentication_lists_nobody) {
    const std::string body = json_of(run(R"({"connectionStatus": 1})"));
    BOOST_TEST(contains(body, R"("authenticatedUsers" : [  ])"));
    BOOST_TEST(contains(body, R"("authenticatedUserRoles" : [  ])"));
}

BOOST_AUTO_TEST_CASE(a_full_conversation_authenticates_and_connection_status_shows_the_arn) {
    const auto outcome =
        client.authenticate(test::example_long_term_credentials(), test::example_server_time());
    BOOST_TEST_REQUIRE(outcome.client.has_value(), outcome.client.error().message);
    BOOST_REQUIRE(server.authenticated().has_value());
    BOOST_TEST(server.authenticated()->arn == "arn:aws:iam::123456789012:user/alice");
    const std::string body = json_of(run(R"({"connectionStatus": 1})"));
    BOOST_TEST(contains(body, R"({ "user" : "arn:aws:iam::123456789012:user/alice", )"
                              R"("db" : "$external" })"));
}

BOOST_AUTO_TEST_CASE(an_assumed_role_is_reported_as_mongodb_names_it) {
    const auto outcome =
        client.authenticate(test::example_temporary_credentials(), test::example_server_time());
    BOOST_TEST_REQUIRE(outcome.client.has_value(), outcome.client.error().message);
    BOOST_TEST(contains(json_of(run(R"({"connectionStatus": 1})")),
                        R"("user" : "arn:aws:sts::123456789012:assumed-role/app/*")"));
}

BOOST_AUTO_TEST_CASE(the_server_nonce_extends_the_client_nonce_with_the_injected_bytes) {
    test::session_client other(server);
    const auto outcome =
        other.authenticate(test::example_long_term_credentials(), test::example_server_time());
    BOOST_TEST_REQUIRE(outcome.client.has_value());
    // The first saslStart reply's payload: {s: <client 32><200..231>, h: "sts.amazonaws.com"}.
    const auto reply = mongo_aws::wire::decode_reply(outcome.steps.at(0).message).value();
    const auto payload = mongo_aws::parse_command_reply(reply.body()).value().payload.value();
    const auto s = bson_document::from_bytes(payload).value();
    const std::string text = json_of(s);
    BOOST_TEST(contains(text, R"("h" : "sts.amazonaws.com")"));
    bson_iter_t iter;
    const auto view = s.view();
    BOOST_REQUIRE(bson_iter_init_find(&iter, view.get(), "s"));
    std::uint32_t length = 0;
    const std::uint8_t* bytes = nullptr;
    bson_subtype_t subtype{};
    bson_iter_binary(&iter, &subtype, &length, &bytes);
    BOOST_REQUIRE(length == 64U);
    BOOST_TEST(bytes[32] == 200);
    BOOST_TEST(bytes[63] == 231);
}

BOOST_AUTO_TEST_CASE(a_wrong_signature_is_code_18_with_the_reason) {
    auto creds = test::example_long_term_credentials();
    creds.secret_access_key = mongo_aws::secret_string("wrong-secret-EXAMPLE");
    const auto outcome = client.authenticate(creds, test::example_server_time());
    BOOST_REQUIRE(!outcome.client.has_value());
    const auto& err = outcome.client.error();
    BOOST_TEST(err.code == std::error_code(mongo_aws::errc::command_failed));
    BOOST_TEST(err.server_code == "18");
    BOOST_TEST(err.server_message.starts_with("Authentication failed. [signature_mismatch]"));
    BOOST_TEST(!server.authenticated().has_value());
    BOOST_REQUIRE(server.last_refusal().has_value());
    BOOST_TEST(server.last_refusal()->reason == ts::rejection::signature_mismatch);
}

BOOST_AUTO_TEST_CASE(a_client_clock_16_minutes_off_is_refused) {
    const auto outcome =
        client.authenticate(test::example_long_term_credentials(),
                            test::example_server_time() + std::chrono::minutes(16));
    BOOST_REQUIRE(!outcome.client.has_value());
    BOOST_TEST(server.last_refusal()->reason == ts::rejection::clock_skew);
}

BOOST_AUTO_TEST_CASE(another_mechanism_is_unavailable) {
    const auto reply =
        parsed(run(R"({"saslStart": 1, "mechanism": "SCRAM-SHA-256", "payload": {"$binary": )"
                   R"({"base64": "", "subType": "00"}}})",
                   "admin"));
    BOOST_TEST(reply.code.value() == 334);
}

BOOST_AUTO_TEST_CASE(sasl_start_outside_external_is_refused) {
    mongo_aws::conversation conv;
    const auto start = mongo_aws::make_sasl_start(conv.client_first().value()).value();
    const auto doc = bson_document::from_bytes(start).value();
    const auto reply = parsed(client.reply_body(client.command(*doc.view(), "admin")));
    BOOST_TEST(reply.code.value() == 18);
    BOOST_TEST(server.last_refusal()->reason == ts::rejection::database_not_external);
}

// {r: BinData(0, 32 zero bytes), p: Int32(121)}, encoded by hand (Python's struct and base64).
BOOST_AUTO_TEST_CASE(a_client_first_payload_with_another_flag_is_refused) {
    const auto reply = parsed(
        run(R"({"saslStart": 1, "mechanism": "MONGODB-AWS", "payload": {"$binary": {"base64": )"
            R"("NAAAAAVyACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQcAB5AAAAAA==", )"
            R"("subType": "00"}}})",
            "$external"));
    BOOST_TEST(reply.code.value() == 18);
    BOOST_TEST(server.last_refusal()->reason == ts::rejection::channel_binding_unsupported);
}

BOOST_AUTO_TEST_CASE(sasl_continue_without_sasl_start_is_a_protocol_error) {
    const auto reply = parsed(
        run(R"({"saslContinue": 1, "conversationId": 1, "payload": {"$binary": {"base64": "", )"
            R"("subType": "00"}}})",
            "$external"));
    BOOST_TEST(reply.code.value() == 17);
}

BOOST_AUTO_TEST_CASE(sasl_continue_with_another_conversation_id_is_a_protocol_error) {
    mongo_aws::conversation conv;
    const auto start = mongo_aws::make_sasl_start(conv.client_first().value()).value();
    const auto doc = bson_document::from_bytes(start).value();
    BOOST_TEST(parsed(client.reply_body(client.command(*doc.view(), "$external"))).ok);
    const auto reply = parsed(
        run(R"({"saslContinue": 1, "conversationId": 99, "payload": {"$binary": {"base64": "", )"
            R"("subType": "00"}}})",
            "$external"));
    BOOST_TEST(reply.code.value() == 17);
}

BOOST_AUTO_TEST_CASE(more_to_come_requests_get_no_reply) {
    auto message = test::wire_builder::header(1, 0, mongo_aws::wire::opcode_msg)
                       .uint32(mongo_aws::wire::flag_more_to_come)
                       .uint8(0)
                       .document(*json(R"({"ping": 1, "$db": "admin"})"))
                       .message();
    BOOST_TEST(to_string(server.answer(message).what) == "no_reply");
}

BOOST_AUTO_TEST_CASE(bytes_that_are_no_request_close_the_connection_for_good) {
    const std::vector<std::uint8_t> http = {'G', 'E', 'T', ' ', '/', ' ', 'H',  'T',
                                            'T', 'P', '/', '1', '.', '1', '\r', '\n'};
    const auto step = server.answer(http);
    BOOST_TEST(to_string(step.what) == "close");
    BOOST_TEST(contains(step.summary, "not a MongoDB request"));
    BOOST_TEST(to_string(client.command(*json(R"({"ping": 1})")).what) == "close");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(check_options_refuses_an_invalid_sts_host) {
    ts::server_options options;
    BOOST_TEST(ts::check_options(options).has_value());
    options.sts_host = "sts..amazonaws.com";
    BOOST_TEST(!ts::check_options(options).has_value());
}

BOOST_AUTO_TEST_CASE(replies_answer_the_request_id) {
    ts::session server(test::example_server_options());
    const auto message =
        mongo_aws::wire::encode_op_msg_command(41, *json(R"({"ping": 1})"), "admin").value();
    const auto step = server.answer(message);
    BOOST_TEST(mongo_aws::wire::decode_reply(step.message, 41).has_value());
}
