// The 16-byte message header: how much to read next, checked before anything is allocated.
#include "wire_bytes.hpp"
#include "wire_decode_parts.hpp"
#include "wire_text.hpp"

#include <mongo_aws/wire.hpp>

#include <algorithm>
#include <string>

namespace mongo_aws::wire {
namespace {

// The header quoted, and a hint when it starts with text: an HTTP server, an SMTP banner or a
// proxy's error page on the port means the host or port is wrong, not that MongoDB misbehaved.
std::string describe_start(std::span<const std::uint8_t> header) {
    std::string text =
        " (the message starts with " +
        detail::quote_untrusted({reinterpret_cast<const char*>(header.data()), header.size()},
                                detail::max_quoted_bytes) +
        ")";
    const bool starts_with_text = std::all_of(
        header.begin(), header.begin() + 4, [](auto byte) { return byte >= 0x20 && byte < 0x7F; });
    if (starts_with_text) {
        text +=
            "; the peer answered with text, so it is not a MongoDB server: check the host "
            "and port, and whether the server expects TLS";
    }
    return text;
}

}  // namespace

result<message_header> decode_header(std::span<const std::uint8_t> bytes,
                                     std::int32_t max_message_size) {
    if (bytes.size() < header_size) {
        return make_error(
            errc::message_too_short,
            "a message header is 16 bytes, only " + std::to_string(bytes.size()) + " were given");
    }
    const auto header_bytes = bytes.first(header_size);
    detail::byte_reader reader(header_bytes);
    // Four reads of 4 bytes from 16: none can fail.
    message_header header;
    header.message_length = reader.read_int32().value_or(0);
    header.request_id = reader.read_int32().value_or(0);
    header.response_to = reader.read_int32().value_or(0);
    header.op_code = reader.read_int32().value_or(0);

    const auto length = std::to_string(header.message_length);
    if (header.message_length < 0) {
        return make_error(errc::message_length_negative,
                          "the message header declares a negative length, " + length +
                              describe_start(header_bytes));
    }
    if (header.message_length < static_cast<std::int32_t>(header_size)) {
        return make_error(errc::message_too_short, "the message header declares " + length +
                                                       " bytes, fewer than the header itself (16)" +
                                                       describe_start(header_bytes));
    }
    if (header.message_length > max_message_size) {
        return make_error(errc::message_too_large, "the message header declares " + length +
                                                       " bytes, above the " +
                                                       std::to_string(max_message_size) +
                                                       " allowed" + describe_start(header_bytes));
    }
    return header;
}

namespace detail {

result<message_header> check_whole_message(std::span<const std::uint8_t> message,
                                           std::int32_t max_message_size) {
    auto header = decode_header(message, max_message_size);
    if (header && static_cast<std::size_t>(header->message_length) != message.size()) {
        return make_error(errc::message_length_mismatch,
                          "the message header declares " + std::to_string(header->message_length) +
                              " bytes but " + std::to_string(message.size()) +
                              " were given; pass exactly one whole message");
    }
    return header;
}

std::string opcode_name(std::int32_t op_code) {
    switch (op_code) {
        case opcode_msg:
            return "OP_MSG (2013)";
        case opcode_reply:
            return "OP_REPLY (1)";
        case opcode_query:
            return "OP_QUERY (2004)";
        default:
            return "opcode " + std::to_string(op_code);
    }
}

}  // namespace detail
}  // namespace mongo_aws::wire
