// Deeply nested BSON documents, for the tests that every parser of outside BSON bounds nesting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mongo_aws::test {

/// `depth` documents nested in one another, `{"": {"": ... {} ...}}`; depth 0 is `{}`. Each
/// level is an int32 length, type 0x03, an empty key, the inner document and the final NUL:
/// 7 bytes, so a million levels take 7 MB.
std::vector<std::uint8_t> nested_documents(std::size_t depth);

}  // namespace mongo_aws::test
