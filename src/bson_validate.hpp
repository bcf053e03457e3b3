// The one check every BSON document from outside goes through, whether it is kept
// (bson_document::from_bytes) or only viewed in place (view_bson).
#pragma once

#include <mongo_aws/result.hpp>

#include <cstdint>
#include <span>

namespace mongo_aws::detail {

/// Checks that `bytes` is exactly one well-formed BSON document: its length prefix at least 5
/// and equal to bytes.size() (else errc::bson_length_invalid), nested at most max_bson_depth
/// levels, walked without recursion before libbson's recursive bson_validate sees it, and
/// accepted by bson_validate (else errc::bson_invalid).
[[nodiscard]] result<void> validate_bson(std::span<const std::uint8_t> bytes);

}  // namespace mongo_aws::detail
