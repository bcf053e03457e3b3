// The saslStart / saslContinue commands of MONGODB-AWS, and reading the server's replies
// (auth spec: `{saslStart: 1, mechanism: "MONGODB-AWS", payload}` on `$external`, then
// `{saslContinue: 1, conversationId, payload}` until `done: true`).
#define BOOST_TEST_MODULE sasl_commands
#include "support/nested_bson.hpp"
#include "support/sasl_payloads.hpp"

#include <mongo_aws/sasl_commands.hpp>

#include <boost/test/unit_test.hpp>

#include <limits>
#include <random>
#include <string>
#include <system_error>

using mongo_aws::errc;
namespace test = mongo_aws::test;

namespace {
using bytes = std::vector<std::uint8_t>;

const bytes example_payload = {1, 2, 3, 4, 5};

// A reply document built by `fill`.
template <class Fill>
bytes reply_with(Fill fill) {
    bson_t doc;
    bson_init(&doc);
    fill(&doc);
    auto out = test::bytes_of(&doc);
    bson_destroy(&doc);
    return out;
}

void append_payload(bson_t* doc, const bytes& payload) {
    bson_append_binary(doc, "payload", -1, BSON_SUBTYPE_BINARY, payload.data(),
                       static_cast<std::uint32_t>(payload.size()));
}

bytes start_reply() {
    return reply_with([](bson_t* doc) {
        bson_append_int32(doc, "conversationId", -1, 1);
        bson_append_bool(doc, "done", -1, false);
        append_payload(doc, example_payload);
        bson_append_double(doc, "ok", -1, 1.0);
    });
}

std::error_code reply_code(const bytes& reply) {
    auto parsed = mongo_aws::parse_sasl_reply(reply, "saslContinue");
    return parsed ? std::error_code{} : parsed.error().code;
}
}  // namespace

BOOST_AUTO_TEST_CASE(database_is_external_and_mechanism_is_mongodb_aws) {
    BOOST_TEST(mongo_aws::sasl_database == "$external");
    BOOST_TEST(mongo_aws::sasl_mechanism == "MONGODB-AWS");
}

BOOST_AUTO_TEST_CASE(sasl_start_is_the_spec_command) {
    const auto command = mongo_aws::make_sasl_start(example_payload);
    BOOST_REQUIRE(command.has_value());
    const auto expected = reply_with([](bson_t* doc) {
        bson_append_int32(doc, "saslStart", -1, 1);
        bson_append_utf8(doc, "mechanism", -1, "MONGODB-AWS", -1);
        append_payload(doc, example_payload);
    });
    BOOST_TEST(*command == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sasl_continue_sends_back_the_conversation_id_as_given) {
    const auto reply = mongo_aws::parse_sasl_reply(start_reply(), "saslStart");
    BOOST_REQUIRE(reply.has_value());
    const auto command = mongo_aws::make_sasl_continue(reply->conversation_id, example_payload);
    BOOST_REQUIRE(command.has_value());
    const auto expected = reply_with([](bson_t* doc) {
        bson_append_int32(doc, "saslContinue", -1, 1);
        bson_append_int32(doc, "conversationId", -1, 1);
        append_payload(doc, example_payload);
    });
    BOOST_TEST(*command == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(conversation_id_keeps_its_bson_type) {
    const auto reply =
        mongo_aws::parse_sasl_reply(reply_with([](bson_t* doc) {
                                        bson_append_int64(doc, "conversationId", -1, 1234567890123);
                                        bson_append_bool(doc, "done", -1, false);
                                        append_payload(doc, example_payload);
                                        bson_append_int32(doc, "ok", -1, 1);
                                    }),
                                    "saslContinue");
    BOOST_REQUIRE(reply.has_value());
    const auto command = mongo_aws::make_sasl_continue(reply->conversation_id, {}).value();
    bson_t doc;
    BOOST_REQUIRE(bson_init_static(&doc, command.data(), command.size()));
    bson_iter_t iter;
    BOOST_REQUIRE(bson_iter_init_find(&iter, &doc, "conversationId"));
    BOOST_TEST(bson_iter_type(&iter) == BSON_TYPE_INT64);
    BOOST_TEST(bson_iter_int64(&iter) == 1234567890123);
}

BOOST_AUTO_TEST_CASE(reply_gives_done_and_payload) {
    const auto reply = mongo_aws::parse_sasl_reply(start_reply(), "saslStart");
    BOOST_REQUIRE(reply.has_value());
    BOOST_TEST(!reply->done);
    BOOST_TEST(reply->payload == example_payload, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(final_reply_says_done) {
    const auto reply =
        mongo_aws::parse_sasl_reply(reply_with([](bson_t* doc) {
                                        bson_append_int32(doc, "conversationId", -1, 1);
                                        bson_append_bool(doc, "done", -1, true);
                                        append_payload(doc, {});
                                        bson_append_double(doc, "ok", -1, 1.0);
                                    }),
                                    "saslContinue");
    BOOST_REQUIRE(reply.has_value());
    BOOST_TEST(reply->done);
    BOOST_TEST(reply->payload.empty());
}

BOOST_AUTO_TEST_CASE(final_reply_may_omit_the_payload) {
    const auto reply =
        mongo_aws::parse_sasl_reply(reply_with([](bson_t* doc) {
                                        bson_append_int32(doc, "conversationId", -1, 1);
                                        bson_append_bool(doc, "done", -1, true);
                                        bson_append_double(doc, "ok", -1, 1.0);
                                    }),
                                    "saslContinue");
    BOOST_REQUIRE(reply.has_value());
    BOOST_TEST(reply->done);
}

BOOST_AUTO_TEST_CASE(ok_zero_is_a_command_failure_with_the_servers_words) {
    const auto reply = mongo_aws::parse_sasl_reply(
        reply_with([](bson_t* doc) {
            bson_append_double(doc, "ok", -1, 0.0);
            bson_append_utf8(doc, "errmsg", -1, "Authentication failed.", -1);
            bson_append_int32(doc, "code", -1, 18);
            bson_append_utf8(doc, "codeName", -1, "AuthenticationFailed", -1);
        }),
        "saslContinue");
    BOOST_REQUIRE(!reply.has_value());
    BOOST_TEST(reply.error().code == errc::command_failed);
    BOOST_TEST(reply.error().server_code == "18");
    BOOST_TEST(reply.error().server_message == "Authentication failed.");
    BOOST_TEST(reply.error().message.find("saslContinue failed with AuthenticationFailed") !=
               std::string::npos);
    for (const char* hint : {"credentials", "clock", "role ARN", "$external"}) {
        BOOST_TEST_INFO(hint);
        BOOST_TEST(reply.error().message.find(hint) != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(servers_error_message_is_bounded_and_escaped) {
    const std::string long_message = "line\n" + std::string(5000, 'x');
    const auto reply =
        mongo_aws::parse_sasl_reply(reply_with([&](bson_t* doc) {
                                        bson_append_int32(doc, "ok", -1, 0);
                                        bson_append_utf8(doc, "errmsg", -1, long_message.data(),
                                                         static_cast<int>(long_message.size()));
                                    }),
                                    "saslContinue");
    BOOST_REQUIRE(!reply.has_value());
    BOOST_TEST(reply.error().code == errc::command_failed);
    BOOST_TEST(reply.error().server_message.size() < 1200U);
    BOOST_TEST(reply.error().server_message.find('\n') == std::string::npos);
    BOOST_TEST(reply.error().server_code.empty());
}

BOOST_AUTO_TEST_CASE(failure_code_that_is_not_an_integer_is_wrong_type) {
    BOOST_TEST(reply_code(reply_with([](bson_t* doc) {
                   bson_append_int32(doc, "ok", -1, 0);
                   bson_append_utf8(doc, "errmsg", -1, "refused", -1);
                   bson_append_double(doc, "code", -1, std::numeric_limits<double>::quiet_NaN());
               })) == errc::reply_field_wrong_type);
}

BOOST_AUTO_TEST_CASE(missing_reply_fields_are_rejected) {
    BOOST_TEST(reply_code(reply_with([](bson_t* doc) {
                   bson_append_int32(doc, "conversationId", -1, 1);
                   bson_append_bool(doc, "done", -1, false);
                   append_payload(doc, example_payload);
               })) == errc::reply_field_missing);
    BOOST_TEST(reply_code(reply_with([](bson_t* doc) {
                   bson_append_bool(doc, "done", -1, false);
                   append_payload(doc, example_payload);
                   bson_append_double(doc, "ok", -1, 1.0);
               })) == errc::reply_field_missing);
    BOOST_TEST(reply_code(reply_with([](bson_t* doc) {
                   bson_append_int32(doc, "conversationId", -1, 1);
                   append_payload(doc, example_payload);
                   bson_append_double(doc, "ok", -1, 1.0);
               })) == errc::reply_field_missing);
    // A reply that is not done must carry the server's next payload.
    BOOST_TEST(reply_code(reply_with([](bson_t* doc) {
                   bson_append_int32(doc, "conversationId", -1, 1);
                   bson_append_bool(doc, "done", -1, false);
                   bson_append_double(doc, "ok", -1, 1.0);
               })) == errc::reply_field_missing);
}

BOOST_AUTO_TEST_CASE(missing_field_is_named_in_the_message) {
    const auto reply =
        mongo_aws::parse_sasl_reply(reply_with([](bson_t* doc) {
                                        bson_append_int32(doc, "conversationId", -1, 1);
                                        bson_append_double(doc, "ok", -1, 1.0);
                                    }),
                                    "saslStart");
    BOOST_TEST_REQUIRE(!reply.has_value());
    BOOST_TEST(reply.error().code == errc::reply_field_missing);
    BOOST_TEST(reply.error().message.find("`done`") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reply_fields_of_the_wrong_type_are_rejected) {
    BOOST_TEST(reply_code(reply_with([](bson_t* doc) {
                   bson_append_utf8(doc, "ok", -1, "1", -1);
               })) == errc::reply_field_wrong_type);
    BOOST_TEST(reply_code(reply_with([](bson_t* doc) {
                   bson_append_int32(doc, "conversationId", -1, 1);
                   bson_append_int32(doc, "done", -1, 1);
                   append_payload(doc, example_payload);
                   bson_append_double(doc, "ok", -1, 1.0);
               })) == errc::reply_field_wrong_type);
    BOOST_TEST(reply_code(reply_with([](bson_t* doc) {
                   bson_append_int32(doc, "conversationId", -1, 1);
                   bson_append_bool(doc, "done", -1, false);
                   bson_append_utf8(doc, "payload", -1, "abc", -1);
                   bson_append_double(doc, "ok", -1, 1.0);
               })) == errc::reply_field_wrong_type);
}

BOOST_AUTO_TEST_CASE(reply_that_is_not_bson_is_rejected) {
    BOOST_TEST(reply_code({}) == errc::bson_invalid);
    const auto good = start_reply();
    BOOST_TEST(reply_code(bytes(good.begin(), good.end() - 1)) == errc::bson_invalid);
    auto bad_inner = good;
    bad_inner[4] = 0x77;  // an element type that does not exist
    BOOST_TEST(reply_code(bad_inner) == errc::bson_invalid);
}

BOOST_AUTO_TEST_CASE(reply_nested_a_million_levels_deep_is_bson_invalid_not_a_crash) {
    BOOST_TEST(reply_code(test::nested_documents(1'000'000)) == errc::bson_invalid);
}

BOOST_AUTO_TEST_CASE(payload_over_16_mib_is_refused) {
    const bytes huge(mongo_aws::max_sasl_payload_size + 1, 0);
    const auto start = mongo_aws::make_sasl_start(huge);
    BOOST_REQUIRE(!start.has_value());
    BOOST_TEST(start.error().code == errc::sasl_payload_too_large);
    const auto reply = mongo_aws::parse_sasl_reply(start_reply(), "saslStart").value();
    const auto next = mongo_aws::make_sasl_continue(reply.conversation_id, huge);
    BOOST_REQUIRE(!next.has_value());
    BOOST_TEST(next.error().code == errc::sasl_payload_too_large);
}

// Outside bytes: every mutation of a valid reply is read or refused, never a crash.
BOOST_AUTO_TEST_CASE(any_reply_bytes_are_handled_safely) {
    const auto good = start_reply();
    std::mt19937 random(31337);  // fixed seed: reproducible
    for (int round = 0; round < 20000; ++round) {
        auto reply = good;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int edit = 0; edit < edits && !reply.empty(); ++edit) {
            const auto at = random() % reply.size();
            if (random() % 2 == 0) {
                reply[at] = static_cast<std::uint8_t>(random());
            } else {
                reply.resize(at);
            }
        }
        const auto parsed = mongo_aws::parse_sasl_reply(reply, "saslContinue");
        if (parsed) {
            // Whatever was read can be sent back.
            BOOST_TEST(mongo_aws::make_sasl_continue(parsed->conversation_id, {}).has_value());
        }
    }
}
