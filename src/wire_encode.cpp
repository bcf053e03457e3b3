// Encoding commands and replies. Sizes are computed and checked before anything is built, so
// an oversized input costs no allocation.
#include "wire_bytes.hpp"

#include <mongo_aws/wire.hpp>

#include <string>

namespace mongo_aws::wire {
namespace {

using detail::append_bytes;
using detail::append_cstring;
using detail::append_int32;
using detail::append_int64;
using detail::append_uint32;

constexpr std::string_view db_key = "$db";

std::span<const std::uint8_t> bytes_of(const bson_t& doc) {
    return {bson_get_data(&doc), doc.len};
}

// `size` is the whole message; checked here once for every encoder.
result<std::vector<std::uint8_t>> start_message(std::uint64_t size, std::int32_t request_id,
                                                std::int32_t response_to, std::int32_t op_code) {
    if (size > static_cast<std::uint64_t>(default_max_message_size)) {
        return make_error(errc::message_too_large,
                          "the message would be " + std::to_string(size) +
                              " bytes, above MongoDB's maxMessageSizeBytes (" +
                              std::to_string(default_max_message_size) +
                              "); the document (or database name) is far too large to send");
    }
    std::vector<std::uint8_t> out;
    out.reserve(static_cast<std::size_t>(size));
    append_int32(out, static_cast<std::int32_t>(size));
    append_int32(out, request_id);
    append_int32(out, response_to);
    append_int32(out, op_code);
    return out;
}

result<void> check_command(const bson_t& command, std::string_view database) {
    if (bson_count_keys(&command) == 0) {
        return make_error(errc::command_document_invalid,
                          "the command document is empty; its first field must name the command");
    }
    if (bson_has_field(&command, "$db")) {
        return make_error(errc::command_document_invalid,
                          "the command document already has `$db`; pass the database separately "
                          "and leave `$db` to the encoder");
    }
    if (database.empty() || database.find('\0') != std::string_view::npos ||
        database.find('.') != std::string_view::npos) {
        return make_error(errc::command_document_invalid,
                          "the database name must be non-empty, without NUL or `.`");
    }
    return {};
}

}  // namespace

result<std::vector<std::uint8_t>> encode_op_msg_command(std::int32_t request_id,
                                                        const bson_t& command,
                                                        std::string_view database) {
    if (auto checked = check_command(command, database); !checked) {
        return std::move(checked).error();
    }
    // The body is `command` plus one UTF-8 element: type, "$db\0", int32 length, text, NUL.
    const std::uint64_t body_size =
        std::uint64_t{command.len} + 1 + db_key.size() + 1 + 4 + database.size() + 1;
    auto out = start_message(header_size + 4 + 1 + body_size, request_id, 0, opcode_msg);
    if (!out) {
        return out;
    }
    const bson_ptr body(bson_new());
    // Both calls only fail above libbson's INT32_MAX document size, ruled out by the size check.
    if (!bson_concat(body.get(), &command) ||
        !bson_append_utf8(body.get(), db_key.data(), static_cast<int>(db_key.size()),
                          database.data(), static_cast<int>(database.size()))) {
        return make_error(errc::message_too_large, "libbson could not build the command body");
    }
    append_uint32(*out, 0);  // flagBits
    out->push_back(0);       // section kind 0: the body
    append_bytes(*out, bytes_of(*body));
    return out;
}

result<std::vector<std::uint8_t>> encode_op_msg_reply(std::int32_t request_id,
                                                      std::int32_t response_to,
                                                      const bson_t& body) {
    auto out = start_message(header_size + 4 + 1 + std::uint64_t{body.len}, request_id, response_to,
                             opcode_msg);
    if (!out) {
        return out;
    }
    append_uint32(*out, 0);
    out->push_back(0);
    append_bytes(*out, bytes_of(body));
    return out;
}

result<std::vector<std::uint8_t>> encode_op_query_command(std::int32_t request_id,
                                                          const bson_t& command,
                                                          std::string_view database) {
    if (auto checked = check_command(command, database); !checked) {
        return std::move(checked).error();
    }
    constexpr std::string_view cmd_suffix = ".$cmd";
    // flags, fullCollectionName with its NUL, numberToSkip, numberToReturn, query.
    const std::uint64_t size = header_size + 4 + database.size() + cmd_suffix.size() + 1 + 4 + 4 +
                               std::uint64_t{command.len};
    auto out = start_message(size, request_id, 0, opcode_query);
    if (!out) {
        return out;
    }
    append_int32(*out, 0);
    append_cstring(*out, std::string(database) + std::string(cmd_suffix));
    append_int32(*out, 0);
    append_int32(*out, -1);  // one document, and no cursor left open
    append_bytes(*out, bytes_of(command));
    return out;
}

result<std::vector<std::uint8_t>> encode_op_reply(std::int32_t request_id, std::int32_t response_to,
                                                  const bson_t& document,
                                                  std::int32_t response_flags) {
    // responseFlags, cursorID, startingFrom, numberReturned, the document.
    const std::uint64_t size = header_size + 4 + 8 + 4 + 4 + std::uint64_t{document.len};
    auto out = start_message(size, request_id, response_to, opcode_reply);
    if (!out) {
        return out;
    }
    append_int32(*out, response_flags);
    append_int64(*out, 0);
    append_int32(*out, 0);
    append_int32(*out, 1);
    append_bytes(*out, bytes_of(document));
    return out;
}

}  // namespace mongo_aws::wire
