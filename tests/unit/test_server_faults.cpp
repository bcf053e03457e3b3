// The test server's fault switches: each one observable, and each server-first fault refused by
// this library's client with the error the fault table promises (so that client tests can
// trigger every rejection of the foundation's list on purpose).
#define BOOST_TEST_MODULE server_faults
#include "support/session_client.hpp"
#include "support/wire_builder.hpp"

#include <mongo_aws/command_reply.hpp>
#include <mongo_aws/sasl_commands.hpp>
#include <mongo_aws/test_server/faults.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <set>
#include <string>

namespace ts = mongo_aws::test_server;
namespace test = mongo_aws::test;
using mongo_aws::errc;
using ts::fault;
using action = ts::step::action;

namespace {

struct server_with {
    explicit server_with(fault value) : options(test::example_server_options({value})) {}
    std::shared_ptr<ts::server_options> options;
    ts::session server{options};
    test::session_client client{server};

    test::conversation_outcome authenticate() {
        return client.authenticate(test::example_temporary_credentials(),
                                   test::example_server_time());
    }
};

// The client's error when authenticating against a server with `value`, checked to be the one
// the fault table names.
void client_refuses(fault value, errc expected) {
    BOOST_TEST_CONTEXT("fault " << ts::describe(value).name) {
        BOOST_CHECK(ts::describe(value).client_error == std::optional<errc>(expected));
        server_with with(value);
        const auto outcome = with.authenticate();
        BOOST_REQUIRE(!outcome.client.has_value());
        BOOST_TEST(outcome.client.error().code == std::error_code(expected),
                   outcome.client.error().message);
        BOOST_TEST(!with.server.authenticated().has_value());
    }
}

mongo_aws::sasl_reply sasl_reply_of(const ts::step& step, std::string_view command) {
    const auto reply = mongo_aws::wire::decode_reply(step.message).value();
    return mongo_aws::parse_sasl_reply(reply.body().bytes(), command).value();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_first_payload)

BOOST_AUTO_TEST_CASE(nonce_mismatch) {
    client_refuses(fault::nonce_mismatch, errc::server_nonce_mismatch);
}
BOOST_AUTO_TEST_CASE(nonce_too_short) {
    client_refuses(fault::nonce_too_short, errc::server_nonce_wrong_length);
}
BOOST_AUTO_TEST_CASE(nonce_too_long) {
    client_refuses(fault::nonce_too_long, errc::server_nonce_wrong_length);
}
BOOST_AUTO_TEST_CASE(nonce_missing) {
    client_refuses(fault::nonce_missing, errc::server_payload_missing_field);
}
BOOST_AUTO_TEST_CASE(nonce_not_binary) {
    client_refuses(fault::nonce_not_binary, errc::server_payload_wrong_type);
}
BOOST_AUTO_TEST_CASE(host_missing) {
    client_refuses(fault::host_missing, errc::server_payload_missing_field);
}
BOOST_AUTO_TEST_CASE(host_not_string) {
    client_refuses(fault::host_not_string, errc::server_payload_wrong_type);
}
BOOST_AUTO_TEST_CASE(host_empty) {
    client_refuses(fault::host_empty, errc::sts_host_empty);
}
BOOST_AUTO_TEST_CASE(host_too_long) {
    client_refuses(fault::host_too_long, errc::sts_host_too_long);
}
BOOST_AUTO_TEST_CASE(host_empty_label) {
    client_refuses(fault::host_empty_label, errc::sts_host_empty_label);
}
BOOST_AUTO_TEST_CASE(host_leading_dot) {
    client_refuses(fault::host_leading_dot, errc::sts_host_leading_dot);
}
BOOST_AUTO_TEST_CASE(host_trailing_dot) {
    client_refuses(fault::host_trailing_dot, errc::sts_host_trailing_dot);
}
BOOST_AUTO_TEST_CASE(host_invalid_character) {
    client_refuses(fault::host_invalid_character, errc::sts_host_invalid_character);
}
BOOST_AUTO_TEST_CASE(payload_not_bson) {
    client_refuses(fault::payload_not_bson, errc::server_payload_malformed);
}
BOOST_AUTO_TEST_CASE(payload_nonce_twice) {
    client_refuses(fault::payload_nonce_twice, errc::server_payload_malformed);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sasl_start_reply)

BOOST_AUTO_TEST_CASE(without_conversation_id) {
    client_refuses(fault::start_reply_without_conversation_id, errc::reply_field_missing);
}
BOOST_AUTO_TEST_CASE(without_payload) {
    client_refuses(fault::start_reply_without_payload, errc::reply_field_missing);
}
BOOST_AUTO_TEST_CASE(payload_not_binary) {
    client_refuses(fault::start_reply_payload_not_binary, errc::reply_field_wrong_type);
}

BOOST_AUTO_TEST_CASE(done_before_the_client_signed) {
    server_with with(fault::start_reply_done);
    const auto outcome = with.authenticate();
    BOOST_REQUIRE(!outcome.steps.empty());
    BOOST_TEST(sasl_reply_of(outcome.steps.front(), "saslStart").done);
    BOOST_TEST(!ts::describe(fault::start_reply_done).client_error.has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sasl_continue)

BOOST_AUTO_TEST_CASE(fail_authentication_refuses_a_valid_signature_with_code_18) {
    server_with with(fault::fail_authentication);
    const auto outcome = with.authenticate();
    BOOST_REQUIRE(!outcome.client.has_value());
    BOOST_TEST(outcome.client.error().code == std::error_code(errc::command_failed));
    BOOST_TEST(outcome.client.error().server_code == "18");
    BOOST_TEST(outcome.client.error().server_message.starts_with(
        "Authentication failed. [injected_fault]"));
    BOOST_TEST(with.server.last_refusal()->reason == ts::rejection::injected_fault);
    BOOST_CHECK(ts::describe(fault::fail_authentication).client_error ==
                std::optional(errc::command_failed));
}

BOOST_AUTO_TEST_CASE(continue_reply_not_done_authenticates_but_says_done_false) {
    server_with with(fault::continue_reply_not_done);
    const auto outcome = with.authenticate();
    BOOST_REQUIRE(outcome.steps.size() == 2U);
    BOOST_TEST(!sasl_reply_of(outcome.steps.back(), "saslContinue").done);
    BOOST_TEST(with.server.authenticated().has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(timing_and_connection)

BOOST_AUTO_TEST_CASE(delay_applies_to_every_reply) {
    server_with with(fault::delay_replies);
    with.options->delay = std::chrono::milliseconds(250);
    const auto hello = with.client.command(*test::json(R"({"hello": 1})"));
    BOOST_TEST(hello.what == action::reply);
    BOOST_TEST(hello.delay.count() == 250);
    const auto outcome = with.authenticate();
    BOOST_TEST(outcome.client.has_value());
    for (const auto& step : outcome.steps) {
        BOOST_TEST(step.delay.count() == 250);
    }
}

BOOST_AUTO_TEST_CASE(no_delay_without_the_fault) {
    ts::session server(test::example_server_options());
    test::session_client client(server);
    BOOST_TEST(client.command(*test::json(R"({"hello": 1})")).delay.count() == 0);
}

BOOST_AUTO_TEST_CASE(hang_on_hello_answers_nothing_more) {
    server_with with(fault::hang_on_hello);
    BOOST_TEST(with.client.legacy_command(*test::json(R"({"isMaster": 1})")).what == action::hang);
    BOOST_TEST(with.client.command(*test::json(R"({"ping": 1})")).what == action::hang);
}

BOOST_AUTO_TEST_CASE(hang_on_sasl_start_after_a_normal_handshake) {
    server_with with(fault::hang_on_sasl_start);
    BOOST_TEST(with.client.command(*test::json(R"({"hello": 1})")).what == action::reply);
    const auto outcome = with.authenticate();
    BOOST_REQUIRE(outcome.steps.size() == 1U);
    BOOST_TEST(outcome.steps.front().what == action::hang);
}

BOOST_AUTO_TEST_CASE(hang_on_sasl_continue_after_answering_sasl_start) {
    server_with with(fault::hang_on_sasl_continue);
    const auto outcome = with.authenticate();
    BOOST_REQUIRE(outcome.steps.size() == 2U);
    BOOST_TEST(outcome.steps.front().what == action::reply);
    BOOST_TEST(outcome.steps.back().what == action::hang);
}

BOOST_AUTO_TEST_CASE(close_on_sasl_start) {
    server_with with(fault::close_on_sasl_start);
    const auto outcome = with.authenticate();
    BOOST_REQUIRE(outcome.steps.size() == 1U);
    BOOST_TEST(outcome.steps.front().what == action::close);
}

BOOST_AUTO_TEST_CASE(close_on_sasl_continue_is_mid_conversation) {
    server_with with(fault::close_on_sasl_continue);
    const auto outcome = with.authenticate();
    BOOST_REQUIRE(outcome.steps.size() == 2U);
    BOOST_TEST(outcome.steps.front().what == action::reply);
    BOOST_TEST(outcome.steps.back().what == action::close);
    BOOST_TEST(with.client.command(*test::json(R"({"ping": 1})")).what == action::close);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(every_fault_has_a_unique_name_that_parses_back) {
    std::set<std::string_view> names;
    for (const auto& row : ts::all_faults()) {
        BOOST_TEST_INFO(row.name);
        BOOST_TEST(names.insert(row.name).second);
        BOOST_CHECK(ts::parse_fault(row.name) == std::optional(row.value));
        BOOST_TEST(&ts::describe(row.value) == &row);
        BOOST_TEST(!row.description.empty());
    }
    BOOST_TEST(!ts::parse_fault("no-such-fault").has_value());
}

BOOST_AUTO_TEST_CASE(a_fault_set_holds_what_was_inserted) {
    ts::fault_set faults{fault::host_empty};
    BOOST_TEST(faults.contains(fault::host_empty));
    BOOST_TEST(!faults.contains(fault::nonce_mismatch));
    faults.insert(fault::close_on_sasl_continue);
    BOOST_TEST(faults.contains(fault::close_on_sasl_continue));
    BOOST_TEST(ts::fault_set{}.empty());
}

BOOST_AUTO_TEST_CASE(without_faults_the_same_client_authenticates) {
    ts::session server(test::example_server_options());
    test::session_client client(server);
    const auto outcome =
        client.authenticate(test::example_temporary_credentials(), test::example_server_time());
    BOOST_TEST(outcome.client.has_value());
}
