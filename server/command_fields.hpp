// Reading the fields of a command document a client sent (internal to the test server).
#pragma once

#include <bson/bson.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace mongo_aws::test_server::internal {

/// The command's name: its first key ("" for `{}`).
[[nodiscard]] std::string_view command_name(const bson_t& command) noexcept;

/// The string field `key`, or nullopt when absent or of another type.
[[nodiscard]] std::optional<std::string_view> string_field(const bson_t& command,
                                                           const char* key) noexcept;

/// The bytes of the binary field `key` (any subtype), or nullopt when absent or of another type.
[[nodiscard]] std::optional<std::span<const std::uint8_t>> binary_field(const bson_t& command,
                                                                        const char* key) noexcept;

/// The field `key` read as an integer (int32, int64, or an integral double), or nullopt.
[[nodiscard]] std::optional<std::int64_t> integer_field(const bson_t& command,
                                                        const char* key) noexcept;

/// True when the field `key` is present and true as MongoDB reads a flag (true, or a non-zero
/// number).
[[nodiscard]] bool flag_field(const bson_t& command, const char* key) noexcept;

}  // namespace mongo_aws::test_server::internal
