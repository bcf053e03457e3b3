// The documents of the driver handshake and of the commands connection offers, built and read
// outside coroutines (a bson_t is over-aligned and must not live in a coroutine frame).
#pragma once

#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::detail {

/// `{isMaster: 1, helloOk: true, client: {application: {name}, driver: {name: "mongo-aws",
/// version}, os: {type, architecture}, platform}}` (the MongoDB handshake specification; the
/// application only when `app_name` is not empty).
[[nodiscard]] bson_document handshake_command(std::string_view app_name);

/// What the handshake reply says: ok, and maxWireVersion (0 when absent).
struct handshake_reply {
    int max_wire_version = 0;
};

/// Reads the isMaster reply. Errors: `ok: 0` → errc::command_failed; `maxWireVersion` below 9
/// → errc::server_too_old.
[[nodiscard]] result<handshake_reply> read_handshake_reply(const bson_document& reply);

/// `{<name>: 1}`.
[[nodiscard]] bson_document simple_command(std::string_view name);

/// The `user` of each `authInfo.authenticatedUsers` entry of a connectionStatus reply.
/// Errors: errc::reply_field_missing / reply_field_wrong_type.
[[nodiscard]] result<std::vector<std::string>> read_authenticated_users(const bson_document& reply);

/// The name of the command in `command`: its first field (`command` when it has none).
[[nodiscard]] std::string command_name(const bson_document& command);

/// check_ok() of the reply's `ok`, naming `command_name`.
[[nodiscard]] result<void> check_command_ok(const bson_document& reply,
                                            std::string_view command_name);

}  // namespace mongo_aws::detail
