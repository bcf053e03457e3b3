// libFuzzer target: the test server's verifier (test_server::verify_client_final) on any
// client-final payload `{a, d, t}`: its BSON, the X-Amz-Date, the Authorization header, the
// session token and the signature. The expectation equals what the test server sends a client
// whose nonce is fuzz::fixed_client_nonce (server nonce bytes 200..231, sts.amazonaws.com,
// clock 2020-02-03T04:05:06Z), so that recorded payloads verify.
// Seeds: this library's client-final payloads for both example users, recorded
// (tests/unit/test_fuzz_seeds.cpp).
#include "fuzz_support.hpp"

#include <mongo_aws/test_server/verifier.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

namespace {

mongo_aws::test_server::user_table fuzz_users() {
    using namespace mongo_aws;
    test_server::user_table users;
    const auto long_term = fuzz::long_term_credentials();
    const auto temporary = fuzz::temporary_credentials();
    fuzz::require(users
                      .add({long_term.access_key_id,
                            long_term.secret_access_key,
                            {},
                            std::string(fuzz::long_term_arn)})
                      .has_value(),
                  "the long-term user was refused");
    fuzz::require(users
                      .add({temporary.access_key_id, temporary.secret_access_key,
                            temporary.session_token, std::string(fuzz::temporary_arn)})
                      .has_value(),
                  "the temporary user was refused");
    return users;
}

mongo_aws::test_server::expectation fuzz_expectation() {
    using namespace mongo_aws;
    test_server::expectation expected;
    fuzz::fixed_client_nonce()(std::span<std::uint8_t>(expected.server_nonce).first(32));
    fuzz::fixed_server_nonce()(std::span<std::uint8_t>(expected.server_nonce).subspan(32));
    expected.sts_host = "sts.amazonaws.com";
    expected.now = fuzz::fixed_time();
    return expected;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mongo_aws;
    static const auto users = fuzz_users();
    static const auto expected = fuzz_expectation();
    const auto outcome = test_server::verify_client_final(std::span<const std::uint8_t>(data, size),
                                                          expected, users);
    if (outcome) {
        fuzz::require(users.find(outcome.who().access_key_id) != nullptr,
                      "verified as a user who does not exist");
    } else {
        (void)test_server::to_string(outcome.why().reason);
    }
    return 0;
}
