// The STS GetCallerIdentity request that a MONGODB-AWS client signs (and never sends: the
// MongoDB server replays it to STS to learn who the client is).
#pragma once

#include <mongo_aws/sigv4.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace mongo_aws {

/// The size of the server nonce `s`: the client's 32 bytes followed by the server's 32.
inline constexpr std::size_t server_nonce_size = 64;

/// The signing service name for STS.
inline constexpr std::string_view sts_service = "sts";

/// The body of the request, 43 bytes.
inline constexpr std::string_view sts_request_body = "Action=GetCallerIdentity&Version=2011-06-15";

/// The request before signing: `POST /`, no query, body sts_request_body, and the headers
/// `Content-Type: application/x-www-form-urlencoded`, `Content-Length: 43`, `Host: <host>`,
/// `X-MongoDB-Server-Nonce: <base64 of all 64 bytes of s>`, `X-MongoDB-GS2-CB-Flag: n`.
/// Signing adds `X-Amz-Date` and, with a session token, `X-Amz-Security-Token`.
/// Precondition: validate_sts_host(host) succeeded (nothing here checks it again).
[[nodiscard]] sigv4::request make_sts_request(
    std::string_view host, std::span<const std::uint8_t, server_nonce_size> server_nonce);

}  // namespace mongo_aws
