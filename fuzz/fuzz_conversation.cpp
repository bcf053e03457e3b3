// libFuzzer target, stateful: one whole MONGODB-AWS conversation as the client runs it, every
// reply from the input. The input is two wire messages (each as long as its messageLength says,
// the last taking what is left): the saslStart reply and the saslContinue reply.
//   client_first → decode_reply(1st) → parse_sasl_reply → server_first(its payload)
//   → client_final → make_sasl_continue → decode_reply(2nd) → parse_sasl_reply
// The client nonce is fixed (bytes 100..131) so that recorded replies pass the nonce check.
// Seeds: the test server's replies to this client, recorded (tests/unit/test_fuzz_seeds.cpp),
// well-behaved and with each fault.
#include "fuzz_support.hpp"

#include <mongo_aws/conversation.hpp>
#include <mongo_aws/sasl_commands.hpp>
#include <mongo_aws/wire.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    std::span<const std::uint8_t> input(data, size);
    const auto start_reply_message = fuzz::next_message(input);
    const auto continue_reply_message = fuzz::next_message(input);

    conversation client(fuzz::fixed_client_nonce());
    const auto first = client.client_first();
    fuzz::require(first.has_value() && make_sasl_start(*first).has_value(),
                  "the saslStart command could not be made");

    const auto start_reply = wire::decode_reply(start_reply_message, 1);
    if (!start_reply) {
        return 0;
    }
    const auto started = parse_sasl_reply(start_reply->body().bytes(), "saslStart");
    if (!started) {
        return 0;
    }
    if (!client.server_first(started->payload)) {
        return 0;
    }
    const auto final_payload =
        client.client_final(fuzz::long_term_credentials(), fuzz::fixed_time());
    fuzz::require(final_payload.has_value(), "an accepted server-first payload did not sign");
    fuzz::require(client.current_state() == conversation::state::client_final_sent,
                  "client_final did not move the conversation on");
    const auto continue_command = make_sasl_continue(started->conversation_id, *final_payload);
    fuzz::require(continue_command.has_value(), "the saslContinue command could not be made");
    fuzz::require(!client.client_final(fuzz::long_term_credentials(), fuzz::fixed_time()),
                  "client_final ran twice");

    const auto continue_reply = wire::decode_reply(continue_reply_message, 2);
    if (!continue_reply) {
        return 0;
    }
    (void)parse_sasl_reply(continue_reply->body().bytes(), "saslContinue");
    return 0;
}
