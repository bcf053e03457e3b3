// The last two checks of verification: the signed-header list and the signature itself
// (internal to the test server).
#pragma once

#include "client_final_payload.hpp"

#include <mongo_aws/sigv4.hpp>
#include <mongo_aws/test_server/authorization_header.hpp>
#include <mongo_aws/test_server/verifier.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace mongo_aws::test_server::internal {

/// The SignedHeaders value the protocol requires, with or without the session-token header.
[[nodiscard]] std::string required_signed_headers(bool with_session_token);

/// rejection::signed_header_missing, signed_header_unexpected or signed_headers_not_canonical
/// when `header` does not sign exactly required_signed_headers(with_session_token).
[[nodiscard]] std::optional<refusal> check_signed_headers(const authorization_header& header,
                                                          bool with_session_token);

/// The GetCallerIdentity request the server would send STS, before signing: `POST /`, the
/// body, Content-Length, Content-Type, Host, X-MongoDB-GS2-CB-Flag and X-MongoDB-Server-Nonce
/// (the signer adds X-Amz-Date and X-Amz-Security-Token). Built here from the protocol, not
/// with the client's make_sts_request(), so that the two can catch each other's mistakes.
[[nodiscard]] sigv4::request rebuild_sts_request(
    std::string_view host, std::span<const std::uint8_t, server_nonce_size> server_nonce);

/// rejection::signature_mismatch unless `header.signature` equals (CRYPTO_memcmp) the SigV4
/// signature of rebuild_sts_request() at `signed_at` with `secret`, the scope's key id, region
/// and service, and the client's session token.
[[nodiscard]] std::optional<refusal> check_signature(
    const authorization_header& header, const client_final_fields& fields,
    std::chrono::system_clock::time_point signed_at, const expectation& expected,
    const secret_string& secret);

}  // namespace mongo_aws::test_server::internal
