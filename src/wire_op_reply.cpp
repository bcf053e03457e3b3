// OP_REPLY: the legacy reply, still the answer to a first handshake sent as OP_QUERY.
#include "wire_decode_parts.hpp"
#include "wire_text.hpp"

#include <limits>
#include <string>

namespace mongo_aws::wire::detail {
namespace {

// The server's own words from a QueryFailure document: `$err` (bounded, escaped) and `code`.
error query_failure(const op_reply& reply) {
    auto err = make_error(errc::op_reply_query_failure,
                          "the server refused the OP_QUERY (QueryFailure flag); its `$err` says "
                          "why (since MongoDB 5.1 only hello and isMaster may be sent as "
                          "OP_QUERY)");
    if (reply.documents.empty()) {
        err.message += "; it sent no document to explain";
        return err;
    }
    const auto view = reply.documents.front().view();
    bson_iter_t iter;
    if (bson_iter_init_find(&iter, view.get(), "$err") && BSON_ITER_HOLDS_UTF8(&iter)) {
        std::uint32_t length = 0;
        const char* text = bson_iter_utf8(&iter, &length);
        err.server_message = escape_untrusted({text, length}, max_server_text);
    }
    if (bson_iter_init_find(&iter, view.get(), "code")) {
        if (BSON_ITER_HOLDS_INT32(&iter) || BSON_ITER_HOLDS_INT64(&iter)) {
            err.server_code = std::to_string(bson_iter_as_int64(&iter));
        } else if (BSON_ITER_HOLDS_DOUBLE(&iter)) {
            const double code = bson_iter_double(&iter);
            if (code >= std::numeric_limits<std::int32_t>::min() &&
                code <= std::numeric_limits<std::int32_t>::max()) {  // false for NaN
                err.server_code = std::to_string(static_cast<std::int32_t>(code));
            }
        }
    }
    return err;
}

}  // namespace

result<op_reply> parse_op_reply(const message_header& header,
                                std::span<const std::uint8_t> message) {
    byte_reader reader(message.subspan(header_size), header_size);
    const auto response_flags = reader.read_int32();
    const auto cursor_id = reader.read_int64();
    const auto starting_from = reader.read_int32();
    const auto number_returned = reader.read_int32();
    if (!response_flags || !cursor_id || !starting_from || !number_returned) {
        return make_error(errc::message_too_short,
                          "an OP_REPLY needs 20 bytes of fields after its header (responseFlags, "
                          "cursorID, startingFrom, numberReturned); the message ends first");
    }
    op_reply reply;
    reply.header = header;
    reply.response_flags = *response_flags;
    reply.cursor_id = *cursor_id;
    reply.starting_from = *starting_from;
    const bool failed = (*response_flags & reply_flag_query_failure) != 0;
    if (*number_returned <= 0 && !failed) {
        return make_error(errc::op_reply_no_document,
                          "the OP_REPLY returns " + std::to_string(*number_returned) +
                              " documents; a reply to a command carries at least one");
    }
    // Documents are read one by one, each checked against the bytes left: numberReturned alone
    // never sizes an allocation.
    const auto count = std::to_string(*number_returned);
    for (std::int32_t i = 0; i < *number_returned; ++i) {
        auto document =
            read_document(reader, "OP_REPLY document " + std::to_string(i + 1) + " of " + count);
        if (!document) {
            return std::move(document).error();
        }
        reply.documents.push_back(std::move(*document));
    }
    if (!reader.at_end()) {
        return make_error(errc::message_trailing_bytes,
                          "the OP_REPLY has " + std::to_string(reader.remaining()) +
                              " bytes after its " + count +
                              " documents; numberReturned and messageLength disagree");
    }
    if (failed) {
        return query_failure(reply);
    }
    return reply;
}

}  // namespace mongo_aws::wire::detail
