// How much untrusted text the wire module shows in messages. The quoting itself (bounded, every
// byte but printable ASCII escaped, so that a peer can neither flood a log line nor inject a
// newline or a terminal escape into it) is quote_untrusted.hpp's.
#pragma once

#include "quote_untrusted.hpp"

#include <cstddef>

namespace mongo_aws::wire::detail {

using mongo_aws::detail::escape_untrusted;
using mongo_aws::detail::quote_untrusted;

/// How much of a peer's text (errmsg, $err) an error keeps.
inline constexpr std::size_t max_server_text = 512;

/// How much of raw bytes an error message quotes.
inline constexpr std::size_t max_quoted_bytes = 64;

}  // namespace mongo_aws::wire::detail
