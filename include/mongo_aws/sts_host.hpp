// The STS host a MongoDB server names in its server-first payload (`h`): validation and region.
#pragma once

#include <mongo_aws/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace mongo_aws {

/// The longest `h` accepted, in bytes (the MONGODB-AWS specification's bound).
inline constexpr std::size_t max_sts_host_length = 255;

/// Checks `h` before anything is signed for it: 1 to 255 bytes, only letters, digits, `-` and
/// `.`, no leading or trailing `.`, no empty label. Errors: errc::sts_host_empty,
/// errc::sts_host_too_long, errc::sts_host_invalid_character, errc::sts_host_leading_dot,
/// errc::sts_host_trailing_dot, errc::sts_host_empty_label; each message quotes (a bounded part
/// of) the host.
result<void> validate_sts_host(std::string_view host);

/// The AWS region to sign for: `us-east-1` for `sts.amazonaws.com` and for a host without a `.`
/// (`localhost`), otherwise the second label (`sts.us-west-2.amazonaws.com` gives `us-west-2`).
/// Precondition: validate_sts_host(host) succeeded.
[[nodiscard]] std::string sts_region(std::string_view host);

}  // namespace mongo_aws
