// Reading the saslContinue payload `{a, d, t?}` the client sent (internal to the test server).
#pragma once

#include <mongo_aws/secret.hpp>
#include <mongo_aws/test_server/verifier.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace mongo_aws::test_server::internal {

/// The fields of a client-final payload, as sent.
struct client_final_fields {
    std::string authorization;                   ///< `a`
    std::string amz_date;                        ///< `d`
    std::optional<secret_string> session_token;  ///< `t`, when sent
};

/// Fills `out` from `payload`, or says why not (rejection::sasl_continue_payload_malformed): not
/// a valid BSON document; `a` or `d` absent or not a string; `t` not a string, or empty; any of
/// them twice. Other fields are ignored.
[[nodiscard]] std::optional<refusal> read_client_final(std::span<const std::uint8_t> payload,
                                                       client_final_fields& out);

}  // namespace mongo_aws::test_server::internal
