// Building the server's side of a MONGODB-AWS conversation in tests, with libbson directly.
#pragma once

#include <bson/bson.h>

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace mongo_aws::test {

/// The bytes of a libbson document.
std::vector<std::uint8_t> bytes_of(const bson_t* doc);

/// A fixed client nonce: 32 bytes counting up from `first`.
std::array<std::uint8_t, 32> fixed_client_nonce(std::uint8_t first = 0);

/// `s`: the 32-byte client nonce followed by 32 bytes counting up from 200 (wrapping).
std::vector<std::uint8_t> server_nonce_for(std::span<const std::uint8_t> client_nonce);

/// The server-first payload `{s: BinData(0, s), h: host}`.
std::vector<std::uint8_t> server_first_payload(std::span<const std::uint8_t> s,
                                               std::string_view host);

}  // namespace mongo_aws::test
