// Any bytes a client sends must leave the test server standing: truncated, corrupted or random
// messages, payloads and headers. (Run under ASan/UBSan to mean "no read past the end, no UB".)
#define BOOST_TEST_MODULE server_robustness
#include "support/client_final_payloads.hpp"
#include "support/nested_bson.hpp"
#include "support/sasl_payloads.hpp"
#include "support/session_client.hpp"
#include "support/wire_builder.hpp"

#include <mongo_aws/conversation.hpp>
#include <mongo_aws/sasl_commands.hpp>
#include <mongo_aws/test_server/authorization_header.hpp>
#include <mongo_aws/test_server/session.hpp>
#include <mongo_aws/test_server/users.hpp>
#include <mongo_aws/test_server/verifier.hpp>

#include <boost/test/unit_test.hpp>

#include <random>
#include <string>

namespace ts = mongo_aws::test_server;
namespace test = mongo_aws::test;
using bytes = std::vector<std::uint8_t>;
using action = ts::step::action;

namespace {

std::mt19937 random_engine(20240506);  // fixed: failures reproduce

std::uint8_t random_byte() {
    return static_cast<std::uint8_t>(std::uniform_int_distribution<int>(0, 255)(random_engine));
}

std::size_t random_index(std::size_t size) {
    return std::uniform_int_distribution<std::size_t>(0, size - 1)(random_engine);
}

// The messages of a real conversation: hello, saslStart, saslContinue, connectionStatus.
std::vector<bytes> conversation_messages() {
    std::vector<bytes> messages;
    messages.push_back(mongo_aws::wire::encode_op_query_command(
                           1, *test::json(R"({"isMaster": 1, "helloOk": true})"))
                           .value());
    const auto client_nonce = test::fixed_client_nonce(1);
    mongo_aws::conversation conv([&](std::span<std::uint8_t> out) {
        std::copy(client_nonce.begin(), client_nonce.end(), out.begin());
    });
    const auto start = mongo_aws::make_sasl_start(conv.client_first().value()).value();
    messages.push_back(
        mongo_aws::wire::encode_op_msg_command(
            2, *mongo_aws::bson_document::from_bytes(start).value().view(), "$external")
            .value());
    const auto payload = test::conversation_payload(
        test::example_temporary_credentials(), "sts.amazonaws.com", test::example_server_time());
    bson_t command;
    bson_init(&command);
    bson_append_int32(&command, "saslContinue", -1, 1);
    bson_append_int32(&command, "conversationId", -1, 1);
    bson_append_binary(&command, "payload", -1, BSON_SUBTYPE_BINARY, payload.data(),
                       static_cast<std::uint32_t>(payload.size()));
    messages.push_back(mongo_aws::wire::encode_op_msg_command(3, command, "$external").value());
    bson_destroy(&command);
    messages.push_back(mongo_aws::wire::encode_op_msg_command(
                           4, *test::json(R"({"connectionStatus": 1})"), "admin")
                           .value());
    return messages;
}

// Feeds `messages` to a fresh session; every step must be one of the four actions.
void feed(const std::vector<bytes>& messages) {
    ts::session server(test::example_server_options());
    for (const auto& message : messages) {
        const auto step = server.answer(message);
        BOOST_TEST((step.what == action::reply || step.what == action::close ||
                    step.what == action::no_reply || step.what == action::hang));
        if (step.what == action::reply) {
            BOOST_TEST(mongo_aws::wire::decode_reply(step.message).has_value());
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_unaltered_conversation_authenticates) {
    // The base the mutations start from must itself be accepted, or the test proves little.
    ts::session server(test::example_server_options());
    for (const auto& message : conversation_messages()) {
        BOOST_TEST(server.answer(message).what == action::reply);
    }
    BOOST_TEST(server.authenticated().has_value());
}

BOOST_AUTO_TEST_CASE(every_truncation_of_every_message_closes_the_connection) {
    for (const auto& message : conversation_messages()) {
        for (std::size_t size = 0; size < message.size(); ++size) {
            ts::session server(test::example_server_options());
            const auto step = server.answer(std::span(message).first(size));
            BOOST_TEST_INFO("size " << size);
            BOOST_TEST(step.what == action::close);
        }
    }
}

BOOST_AUTO_TEST_CASE(corrupted_conversations_never_crash) {
    const auto original = conversation_messages();
    for (int round = 0; round < 3000; ++round) {
        auto messages = original;
        auto& target = messages[random_index(messages.size())];
        const int flips = 1 + static_cast<int>(random_index(4));
        for (int flip = 0; flip < flips; ++flip) {
            target[random_index(target.size())] = random_byte();
        }
        feed(messages);
    }
}

BOOST_AUTO_TEST_CASE(random_bodies_behind_a_valid_header_never_crash) {
    for (int round = 0; round < 2000; ++round) {
        const std::size_t body_size = random_index(200);
        auto builder = test::wire_builder::header(
            1, 0, round % 2 == 0 ? mongo_aws::wire::opcode_msg : mongo_aws::wire::opcode_query);
        for (std::size_t i = 0; i < body_size; ++i) {
            builder.uint8(random_byte());
        }
        feed({builder.message()});
    }
}

BOOST_AUTO_TEST_CASE(deeply_nested_commands_are_refused_not_recursed) {
    const auto nested = test::nested_documents(100'000);
    const auto message = test::wire_builder::header(1, 0, mongo_aws::wire::opcode_msg)
                             .uint32(0)
                             .uint8(0)
                             .raw(nested)
                             .message();
    ts::session server(test::example_server_options());
    BOOST_TEST(server.answer(message).what == action::close);
}

BOOST_AUTO_TEST_CASE(corrupted_client_final_payloads_are_refused_not_crashed_on) {
    const auto payload = test::conversation_payload(
        test::example_temporary_credentials(), "sts.amazonaws.com", test::example_server_time());
    const auto options = test::example_server_options();
    ts::expectation expected;
    expected.server_nonce = test::fixed_server_nonce();
    expected.sts_host = "sts.amazonaws.com";
    expected.now = test::example_server_time();
    BOOST_TEST(ts::verify_client_final(payload, expected, options->users).ok());
    for (int round = 0; round < 3000; ++round) {
        auto corrupted = payload;
        corrupted[random_index(corrupted.size())] = random_byte();
        // Any outcome is fine (a flip in an ignored byte may still verify); no crash is the test.
        (void)ts::verify_client_final(corrupted, expected, options->users);
        (void)ts::verify_client_final(std::span(corrupted).first(random_index(corrupted.size())),
                                      expected, options->users);
    }
}

BOOST_AUTO_TEST_CASE(corrupted_authorization_headers_are_refused_not_crashed_on) {
    const std::string header =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20200203/us-west-2/sts/aws4_request, "
        "SignedHeaders=content-length;content-type;host, Signature="
        "c5f63bbb4559aad86305b1dbd516a707f24a8a7aa0650ae0f08e7b99945a0b9c";
    for (int round = 0; round < 5000; ++round) {
        auto corrupted = header;
        corrupted[random_index(corrupted.size())] = static_cast<char>(random_byte());
        (void)ts::parse_authorization_header(corrupted);
        (void)ts::parse_authorization_header(
            std::string_view(corrupted).substr(0, random_index(corrupted.size())));
    }
}

BOOST_AUTO_TEST_CASE(corrupted_users_files_are_refused_not_crashed_on) {
    const std::string json =
        R"({"users": [{"access_key_id": "AKIDEXAMPLE", "secret_access_key": "s", )"
        R"("session_token": "t", "arn": "arn:aws:sts::1:assumed-role/r/s"}]})";
    BOOST_TEST(ts::parse_users(json).has_value());
    for (int round = 0; round < 3000; ++round) {
        auto corrupted = json;
        corrupted[random_index(corrupted.size())] = static_cast<char>(random_byte());
        (void)ts::parse_users(corrupted);
    }
}
