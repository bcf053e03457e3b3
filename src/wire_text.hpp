// Showing untrusted bytes in messages: bounded, with everything but printable ASCII escaped, so
// that a peer can neither flood a log line nor inject a newline or a terminal escape into it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mongo_aws::wire::detail {

/// How much of a peer's text (errmsg, $err) an error keeps.
inline constexpr std::size_t max_server_text = 512;

/// How much of raw bytes an error message quotes.
inline constexpr std::size_t max_quoted_bytes = 64;

/// The first `max_bytes` bytes of `text`, printable ASCII kept, `\` and every other byte as
/// `\xNN`; `...` appended when cut.
std::string escape_bounded(std::string_view text, std::size_t max_bytes);

/// escape_bounded() of `bytes` between double quotes.
std::string quote_bytes(std::span<const std::uint8_t> bytes,
                        std::size_t max_bytes = max_quoted_bytes);

}  // namespace mongo_aws::wire::detail
