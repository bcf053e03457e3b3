// libFuzzer target: the server-first SASL payload `{s, h}` (conversation::server_first), after
// a client_first() whose nonce is fixed (fuzz::fixed_client_nonce: bytes 100..131), so that an
// input whose `s` starts with those bytes passes the nonce check and reaches the STS host
// checks. A payload the conversation accepts must then sign (client_final).
// Seeds: the test server's saslStart payloads (well-behaved and with each server-first fault),
// recorded (tests/unit/test_fuzz_seeds.cpp); the dictionary holds `s`, `h` and the nonce.
#include "fuzz_support.hpp"

#include <mongo_aws/conversation.hpp>
#include <mongo_aws/error.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    conversation client(fuzz::fixed_client_nonce());
    fuzz::require(client.client_first().has_value(), "client_first failed");

    const auto accepted = client.server_first(std::span<const std::uint8_t>(data, size));
    if (!accepted) {
        fuzz::require(client.current_state() == conversation::state::failed,
                      "a refused server-first payload did not end the conversation");
        const auto again = client.client_final(fuzz::long_term_credentials(), fuzz::fixed_time());
        fuzz::require(!again && again.error().code == errc::conversation_out_of_order,
                      "client_final after a failed server_first was not out of order");
        return 0;
    }
    fuzz::require(!client.sts_host().empty() && !client.region().empty(),
                  "an accepted payload left no host or region");
    const auto signed_payload =
        client.client_final(fuzz::temporary_credentials(), fuzz::fixed_time());
    fuzz::require(signed_payload.has_value(), "an accepted server-first payload did not sign");
    return 0;
}
