// Showing BSON documents to a person, with the secret fields redacted.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace mongo_aws::cli {

/// Relaxed Extended JSON of a BSON document for a person to read, never showing a secret: a
/// top-level `t` (the session token of a saslContinue payload) becomes "<redacted, N bytes>", a
/// binary `payload` (which may hold it) a size note, and the access key id in an Authorization
/// value `a` is shortened. Invalid bytes give a note instead.
[[nodiscard]] std::string bson_to_display_json(std::span<const std::uint8_t> bson);

/// The bytes of the binary field `name` of a BSON document; empty when absent or not binary.
[[nodiscard]] std::span<const std::uint8_t> binary_field(std::span<const std::uint8_t> bson,
                                                         const char* name);

}  // namespace mongo_aws::cli
