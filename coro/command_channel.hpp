// Sending one command over a connection and reading its reply: the wire framing (OP_MSG, or the
// legacy OP_QUERY of the first handshake) over a byte_stream.
#pragma once

#include <mongo_aws/authenticate.hpp>
#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/wire.hpp>

#include <asio/awaitable.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace mongo_aws::detail {

/// A request id unique in this process (drivers use one counter for every connection).
[[nodiscard]] std::int32_t next_request_id() noexcept;

/// How a command is framed.
enum class command_framing {
    op_msg,    ///< OP_MSG with `$db` (every command once the server is known)
    op_query,  ///< legacy OP_QUERY on `<database>.$cmd` (the first isMaster of a handshake)
};

/// Sends `command` (a BSON document, as bytes) to `database` and returns the reply (its
/// response_to checked). The message bytes are wiped once sent (a saslContinue holds a
/// signature and a session token); `command` is the caller's to wipe.
/// `command_name` names the command in messages. No deadline here: the caller runs this under
/// with_deadline(). Errors: errc::network_error ("the server closed the connection during
/// saslStart"), the wire encoder's and decoder's errors.
asio::awaitable<result<wire::reply>> run_command(byte_stream& stream,
                                                 std::span<const std::uint8_t> command,
                                                 std::string_view database,
                                                 std::string_view command_name,
                                                 command_framing framing = command_framing::op_msg);

}  // namespace mongo_aws::detail
