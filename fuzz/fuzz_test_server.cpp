// libFuzzer target: the test server's session (test_server::session::answer) on a whole
// sequence of wire messages from the input, all into one session, as one connection would
// bring them (each message as long as its messageLength says, the last taking what is left).
// Every reply the session writes must decode as a reply to its request.
// The options equal tests/support/session_client.cpp's example_server_options (same users,
// clock and server nonce), so that recorded conversations replay to the end, signature
// verification included.
// Seeds: whole client conversations against the test server (hello, legacy isMaster, saslStart,
// saslContinue with long-term and temporary credentials, other commands), recorded
// (tests/unit/test_fuzz_seeds.cpp).
#include "fuzz_support.hpp"

#include <mongo_aws/test_server/session.hpp>
#include <mongo_aws/wire.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace {

std::shared_ptr<const mongo_aws::test_server::server_options> fuzz_options() {
    using namespace mongo_aws;
    auto options = std::make_shared<test_server::server_options>();
    const auto long_term = fuzz::long_term_credentials();
    const auto temporary = fuzz::temporary_credentials();
    fuzz::require(options->users
                      .add({long_term.access_key_id,
                            long_term.secret_access_key,
                            {},
                            std::string(fuzz::long_term_arn)})
                      .has_value(),
                  "the long-term user was refused");
    fuzz::require(options->users
                      .add({temporary.access_key_id, temporary.secret_access_key,
                            temporary.session_token, std::string(fuzz::temporary_arn)})
                      .has_value(),
                  "the temporary user was refused");
    options->clock = [] { return fuzz::fixed_time(); };
    options->server_nonce = fuzz::fixed_server_nonce();
    return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    static const auto options = fuzz_options();
    std::span<const std::uint8_t> input(data, size);

    test_server::session server(options);
    // At most 16 messages: a conversation is 3 to 5; more only repeats the same paths.
    for (int count = 0; count < 16 && !input.empty(); ++count) {
        const auto message = fuzz::next_message(input);
        const auto step = server.answer(message);
        if (step.what == test_server::step::action::reply) {
            const auto request = wire::decode_request(message);
            fuzz::require(request.has_value(),
                          "the session answered a message that does not decode");
            const auto reply = wire::decode_reply(step.message, request->header().request_id);
            fuzz::require(reply.has_value(), "the session wrote a reply that does not decode");
        }
    }
    (void)server.authenticated();
    (void)server.last_refusal();
    return 0;
}
