// The pieces decode_reply and decode_request are built from; each takes the whole message (so
// that offsets in error messages count from its first byte) once its header has been checked.
#pragma once

#include "wire_bytes.hpp"

#include <mongo_aws/wire.hpp>

#include <string_view>

namespace mongo_aws::wire::detail {

/// decode_header, then: the span holds exactly messageLength bytes.
result<message_header> check_whole_message(std::span<const std::uint8_t> message,
                                           std::int32_t max_message_size);

/// One BSON document at the reader's position. Its declared length is checked against what
/// remains in `reader` (the message, or the kind-1 section) before any byte of it is read;
/// `where` names the document in error messages ("the OP_MSG body").
result<bson_document> read_document(byte_reader& reader, std::string_view where);

/// The body of an OP_MSG (flagBits, sections, optional checksum).
result<op_msg> parse_op_msg(const message_header& header, std::span<const std::uint8_t> message);

/// The body of an OP_REPLY; QueryFailure becomes an error.
result<op_reply> parse_op_reply(const message_header& header,
                                std::span<const std::uint8_t> message);

/// The body of an OP_QUERY.
result<op_query> parse_op_query(const message_header& header,
                                std::span<const std::uint8_t> message);

/// "OP_MSG (2013)", "OP_REPLY (1)", "OP_QUERY (2004)", or "opcode N" for others.
std::string opcode_name(std::int32_t op_code);

}  // namespace mongo_aws::wire::detail
