// The MongoDB wire protocol, sans I/O: commands and replies to and from bytes.
//
// A client encodes a command (encode_op_msg_command, or encode_op_query_command for the legacy
// first handshake), reads 16 bytes, asks decode_header how long the message is (checked before
// anything is allocated), reads the rest and calls decode_reply. A server (the loopback test
// server) does the same with decode_request and answers with encode_op_msg_reply or
// encode_op_reply. Every decoder is safe on any input: each length is checked against the bytes
// that remain before it is used, and every document is validated (see bson_document).
#pragma once

#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/result.hpp>

#include <bson/bson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mongo_aws::wire {

/// OP_REPLY: the legacy reply to an OP_QUERY.
inline constexpr std::int32_t opcode_reply = 1;
/// OP_QUERY: the legacy query, still used for the first handshake (`isMaster` on `admin.$cmd`).
inline constexpr std::int32_t opcode_query = 2004;
/// OP_MSG: every command and reply since MongoDB 3.6.
inline constexpr std::int32_t opcode_msg = 2013;

/// The size of the standard message header.
inline constexpr std::size_t header_size = 16;

/// MongoDB's maxMessageSizeBytes (48,000,000): no server sends or accepts a larger message.
inline constexpr std::int32_t default_max_message_size = 48'000'000;

/// The standard message header, as sent (all fields little-endian int32).
struct message_header {
    std::int32_t message_length = 0;  ///< the whole message, header included
    std::int32_t request_id = 0;      ///< chosen by the sender
    std::int32_t response_to = 0;     ///< the request id this message answers (0 in requests)
    std::int32_t op_code = 0;         ///< opcode_msg, opcode_reply, opcode_query, or unknown
};

/// Decodes the header from the first 16 bytes of `bytes` (more may follow and are ignored) and
/// checks its length so that an I/O layer knows how much more to read before it allocates:
/// fewer than 16 bytes given or messageLength < 16 → errc::message_too_short; negative →
/// errc::message_length_negative; above `max_message_size` → errc::message_too_large (the
/// message quotes the first bytes: text there, like `HTTP/1.1`, means the peer is no MongoDB
/// server). The opcode is not checked here; the message decoders do.
[[nodiscard]] result<message_header> decode_header(
    std::span<const std::uint8_t> bytes, std::int32_t max_message_size = default_max_message_size);

/// OP_MSG flagBits: the last 4 bytes are a CRC-32C of the message.
inline constexpr std::uint32_t flag_checksum_present = 1U << 0U;
/// OP_MSG flagBits: another message follows without a request.
inline constexpr std::uint32_t flag_more_to_come = 1U << 1U;
/// OP_MSG flagBits: the client accepts moreToCome replies (exhaust cursors, streaming hello).
inline constexpr std::uint32_t flag_exhaust_allowed = 1U << 16U;

/// OP_REPLY responseFlags: the query failed; the single document holds `$err` (and `code`).
inline constexpr std::int32_t reply_flag_query_failure = 1 << 1;

/// A kind-1 OP_MSG section: documents that belong to the command argument `identifier`.
struct document_sequence {
    std::string identifier;                ///< the argument's name, e.g. `documents`
    std::vector<bson_document> documents;  ///< in order; may be empty
};

/// A decoded OP_MSG.
struct op_msg {
    message_header header;                     ///< as decoded
    std::uint32_t flag_bits = 0;               ///< flagBits as sent (see the flag_* constants)
    bson_document body;                        ///< the kind-0 section
    std::vector<document_sequence> sequences;  ///< the kind-1 sections, in order

    /// The checksum bit was set (its 4 bytes were stripped, not verified).
    [[nodiscard]] bool checksum_present() const noexcept {
        return (flag_bits & flag_checksum_present) != 0;
    }
    /// The sender will send another message without waiting for a request.
    [[nodiscard]] bool more_to_come() const noexcept {
        return (flag_bits & flag_more_to_come) != 0;
    }
    /// The sender accepts moreToCome replies.
    [[nodiscard]] bool exhaust_allowed() const noexcept {
        return (flag_bits & flag_exhaust_allowed) != 0;
    }
};

/// A decoded OP_REPLY (without QueryFailure: that is an error, see decode_reply).
struct op_reply {
    message_header header;                 ///< as decoded
    std::int32_t response_flags = 0;       ///< responseFlags (AwaitCapable, bit 3, is usual)
    std::int64_t cursor_id = 0;            ///< cursorID; 0 for a command reply
    std::int32_t starting_from = 0;        ///< startingFrom
    std::vector<bson_document> documents;  ///< numberReturned documents, at least one
};

/// A decoded OP_QUERY.
struct op_query {
    message_header header;              ///< as decoded
    std::int32_t flags = 0;             ///< OP_QUERY flags as sent
    std::string full_collection_name;   ///< `<database>.<collection>`, e.g. `admin.$cmd`
    std::int32_t number_to_skip = 0;    ///< numberToSkip
    std::int32_t number_to_return = 0;  ///< numberToReturn; -1 for a command
    bson_document query;                ///< the command, for `$cmd` queries
    std::optional<bson_document> return_fields_selector;  ///< rarely sent
};

/// What a client receives: an OP_MSG, or an OP_REPLY answering a legacy OP_QUERY handshake.
struct reply {
    std::variant<op_msg, op_reply> message;  ///< the decoded message, by opcode

    /// The header of either form.
    [[nodiscard]] const message_header& header() const;
    /// The command's reply document: the OP_MSG body, or the first OP_REPLY document (`{}` for
    /// an op_reply without documents, which decode_reply never returns).
    [[nodiscard]] const bson_document& body() const;
};

/// What a server receives: an OP_MSG command, or a legacy OP_QUERY.
struct request {
    std::variant<op_msg, op_query> message;  ///< the decoded message, by opcode
    std::string database;  ///< OP_MSG's `$db`; OP_QUERY's fullCollectionName up to the first `.`

    /// The header of either form.
    [[nodiscard]] const message_header& header() const;
    /// The command document: the OP_MSG body (with its `$db`), or the OP_QUERY query.
    [[nodiscard]] const bson_document& command() const;
};

/// Decodes a whole message a client received (header included; `message.size()` must equal
/// messageLength, else errc::message_length_mismatch). Header errors as decode_header; opcodes
/// other than OP_MSG and OP_REPLY → errc::message_unknown_opcode; when `expected_response_to`
/// is given, a responseTo that differs → errc::message_response_to_mismatch.
/// OP_MSG: an unknown required flag (bits 0-15 other than checksumPresent and moreToCome) →
/// op_msg_unknown_required_flag; no kind-0 section → op_msg_missing_body, two →
/// op_msg_duplicate_body; a section kind other than 0 and 1 → op_msg_unknown_section_kind; a
/// kind-1 section that runs past the message → op_msg_section_truncated, or is too short for
/// its NUL-terminated identifier → op_msg_section_malformed.
/// OP_REPLY: QueryFailure → op_reply_query_failure (the server's `$err` and `code` in
/// server_message and server_code); numberReturned <= 0 → op_reply_no_document; bytes after the
/// last document → message_trailing_bytes.
/// Any document: a length < 5 or past the end of its message or section →
/// errc::bson_length_invalid; failing validation → errc::bson_invalid. Missing fixed fields →
/// errc::message_too_short.
[[nodiscard]] result<reply> decode_reply(std::span<const std::uint8_t> message,
                                         std::optional<std::int32_t> expected_response_to = {},
                                         std::int32_t max_message_size = default_max_message_size);

/// Decodes a whole message a server received, with the same checks as decode_reply. OP_MSG:
/// the body must hold a non-empty string `$db` (else errc::op_msg_missing_database). OP_QUERY:
/// fullCollectionName must be NUL-terminated, with a non-empty database before a `.` (else
/// errc::op_query_malformed_namespace); one optional returnFieldsSelector may follow the query,
/// then nothing (else message_trailing_bytes). Other opcodes → errc::message_unknown_opcode.
[[nodiscard]] result<request> decode_request(
    std::span<const std::uint8_t> message,
    std::int32_t max_message_size = default_max_message_size);

/// Encodes a command as an OP_MSG: flagBits 0 and one kind-0 section holding `command`'s
/// fields followed by `$db: database`. `command` must have at least one field (its first names
/// the command) and no `$db`; `database` must be non-empty, without NUL or `.` (else
/// errc::command_document_invalid). A message above default_max_message_size →
/// errc::message_too_large.
[[nodiscard]] result<std::vector<std::uint8_t>> encode_op_msg_command(std::int32_t request_id,
                                                                      const bson_t& command,
                                                                      std::string_view database);

/// Encodes a server's OP_MSG reply: flagBits 0, one kind-0 section holding `body` as given
/// (any document, `{}` included, so that a test server can send replies that lack fields).
/// Error: a message above default_max_message_size → errc::message_too_large.
[[nodiscard]] result<std::vector<std::uint8_t>> encode_op_msg_reply(std::int32_t request_id,
                                                                    std::int32_t response_to,
                                                                    const bson_t& body);

/// Encodes a command as a legacy OP_QUERY on `<database>.$cmd`: flags 0, numberToSkip 0,
/// numberToReturn -1 (one document, close the cursor), as drivers send their first `isMaster`
/// (`{isMaster: 1, helloOk: true, client: {...}}` on `admin`) before they know whether the
/// server speaks OP_MSG. Same input rules and errors as encode_op_msg_command (no `$db`).
[[nodiscard]] result<std::vector<std::uint8_t>> encode_op_query_command(
    std::int32_t request_id, const bson_t& command, std::string_view database = "admin");

/// Encodes a server's OP_REPLY with one document (any, `{}` included): cursorID 0,
/// startingFrom 0, numberReturned 1. Error: a message above default_max_message_size →
/// errc::message_too_large.
[[nodiscard]] result<std::vector<std::uint8_t>> encode_op_reply(std::int32_t request_id,
                                                                std::int32_t response_to,
                                                                const bson_t& document,
                                                                std::int32_t response_flags = 0);

}  // namespace mongo_aws::wire
