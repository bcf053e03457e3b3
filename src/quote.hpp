// Quoting untrusted bytes (a peer's host name, a server's message) for an error, bounded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mongo_aws::detail {

/// At most `limit` bytes of `text`, with bytes outside printable ASCII, `"` and `\` escaped
/// (`\xNN`, `\"`, `\\`); a longer input ends in `... (N bytes)`.
[[nodiscard]] std::string escape_untrusted(std::string_view text, std::size_t limit);

/// escape_untrusted() between double quotes: `"text"`, or `"text..." (N bytes)` when cut.
[[nodiscard]] std::string quote_untrusted(std::string_view text, std::size_t limit = 64);

}  // namespace mongo_aws::detail
