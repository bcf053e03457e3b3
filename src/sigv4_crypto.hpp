// SHA-256 and HMAC-SHA256 (OpenSSL) and lowercase hex, as SigV4 uses them.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mongo_aws::sigv4::detail {

using digest = std::array<std::uint8_t, 32>;

/// SHA-256 of `data`. Throws std::bad_alloc if OpenSSL cannot allocate.
[[nodiscard]] digest sha256(std::string_view data);

/// HMAC-SHA256 of `data` under `key`. Throws std::bad_alloc if OpenSSL cannot allocate,
/// std::length_error for a key longer than OpenSSL accepts (INT_MAX bytes).
[[nodiscard]] digest hmac_sha256(std::span<const std::uint8_t> key, std::string_view data);

/// Lowercase hexadecimal of `bytes`.
[[nodiscard]] std::string to_hex(std::span<const std::uint8_t> bytes);

}  // namespace mongo_aws::sigv4::detail
