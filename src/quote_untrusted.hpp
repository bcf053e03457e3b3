// Showing bytes that came from outside (a server, a file) in an error message, safely.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mongo_aws::detail {

/// The first `limit` bytes of `text` as printable ASCII: `"` and `\` are backslash-escaped,
/// other bytes outside 0x20-0x7E become `\xNN` (so a terminal or a log parser sees no control
/// characters), and `…` marks a cut. The result is at most 4 * limit + 3 bytes long.
[[nodiscard]] std::string escape_untrusted(std::string_view text, std::size_t limit);

/// escape_untrusted(text, limit) between double quotes, for quoting inside our own messages.
[[nodiscard]] std::string quote_untrusted(std::string_view text, std::size_t limit = 64);

}  // namespace mongo_aws::detail
