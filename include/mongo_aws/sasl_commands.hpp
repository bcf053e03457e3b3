// The saslStart and saslContinue command documents of MONGODB-AWS, and reading their replies.
// Sans I/O: BSON bytes in, BSON bytes out. The wire encoder adds `$db`; for MONGODB-AWS the
// database is always sasl_database (`$external`).
#pragma once

#include <mongo_aws/result.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace mongo_aws {

/// The database both SASL commands run against (`$db`).
inline constexpr std::string_view sasl_database = "$external";

/// The SASL mechanism name sent in saslStart.
inline constexpr std::string_view sasl_mechanism = "MONGODB-AWS";

/// The largest SASL payload accepted when building a command: 16 MiB, MongoDB's largest
/// document (a real payload is well under 8 KiB, even with a long session token).
inline constexpr std::size_t max_sasl_payload_size = std::size_t{16} * 1024 * 1024;

struct sasl_reply;

/// The `conversationId` of a saslStart reply, kept exactly as the server gave it (whatever its
/// BSON type), to be sent back in saslContinue. Only parse_sasl_reply() makes one.
class sasl_conversation_id {
public:
    /// The id as the one-field BSON document `{conversationId: <value>}`.
    [[nodiscard]] const std::vector<std::uint8_t>& bson() const noexcept { return document_; }

private:
    friend result<sasl_reply> parse_sasl_reply(std::span<const std::uint8_t> reply,
                                               std::string_view command_name);
    explicit sasl_conversation_id(std::vector<std::uint8_t> document)
        : document_(std::move(document)) {}

    std::vector<std::uint8_t> document_;
};

/// What a successful (`ok: 1`) saslStart or saslContinue reply says.
struct sasl_reply {
    sasl_conversation_id conversation_id;  ///< to send back in the next saslContinue
    bool done = false;                  ///< true when the server considers the client authenticated
    std::vector<std::uint8_t> payload;  ///< the server's SASL payload (empty when absent and done)
};

/// `{saslStart: 1, mechanism: "MONGODB-AWS", payload: BinData(0, payload)}` as BSON bytes.
/// Error: errc::sasl_payload_too_large when `payload` exceeds max_sasl_payload_size.
result<std::vector<std::uint8_t>> make_sasl_start(std::span<const std::uint8_t> payload);

/// `{saslContinue: 1, conversationId: <as the server gave it>, payload: BinData(0, payload)}` as
/// BSON bytes. Error: errc::sasl_payload_too_large when `payload` exceeds max_sasl_payload_size.
result<std::vector<std::uint8_t>> make_sasl_continue(const sasl_conversation_id& id,
                                                     std::span<const std::uint8_t> payload);

/// Reads the reply to `command_name` ("saslStart" or "saslContinue", named in messages): the
/// command reply document, as BSON bytes. Errors: errc::bson_invalid (not a valid BSON document,
/// or nested deeper than max_bson_depth); errc::reply_field_missing (`ok`, `conversationId`,
/// `done`, or `payload` while not done); errc::reply_field_wrong_type (`ok` not a number or bool,
/// `done` not a bool, `payload` not binary, or on failure an error field of the wrong type, as
/// parse_command_reply says); when `ok` is not 1, command_failure() (command_reply.hpp):
/// errc::command_failed, the server's `code` in server_code, its `errmsg` in server_message and
/// its `codeName` and what to check in the message.
result<sasl_reply> parse_sasl_reply(std::span<const std::uint8_t> reply,
                                    std::string_view command_name);

}  // namespace mongo_aws
