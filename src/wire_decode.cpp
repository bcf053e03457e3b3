// Whole messages: which opcodes each side accepts, the responseTo check, and a request's `$db`.
#include "wire_decode_parts.hpp"
#include "wire_text.hpp"

#include <mongo_aws/wire.hpp>

#include <string>

namespace mongo_aws::wire {
namespace {

error unexpected_opcode(std::int32_t op_code, std::string_view side, std::string_view accepted) {
    return make_error(errc::message_unknown_opcode,
                      std::string(side) + " got a message with " + detail::opcode_name(op_code) +
                          "; it accepts only " + std::string(accepted) +
                          ": the peer is not a MongoDB server or the stream is out of step");
}

// A request's database: `$db`, a non-empty string without NUL.
result<std::string> database_of(const op_msg& msg) {
    const auto view = msg.body.view();
    bson_iter_t iter;
    if (!bson_iter_init_find(&iter, view.get(), "$db") || !BSON_ITER_HOLDS_UTF8(&iter)) {
        return make_error(errc::op_msg_missing_database,
                          "the OP_MSG request's body has no string `$db`; every command names "
                          "its database there");
    }
    std::uint32_t length = 0;
    const char* text = bson_iter_utf8(&iter, &length);
    const std::string_view database(text, length);
    if (database.empty() || database.find('\0') != std::string_view::npos) {
        return make_error(errc::op_msg_missing_database,
                          "the OP_MSG request's `$db` is " +
                              detail::quote_untrusted(database, detail::max_quoted_bytes) +
                              "; a database name is non-empty, without NUL");
    }
    return std::string(database);
}

}  // namespace

const message_header& reply::header() const {
    return std::visit([](const auto& msg) -> const message_header& { return msg.header; }, message);
}

const bson_document& reply::body() const {
    if (const auto* msg = std::get_if<op_msg>(&message)) {
        return msg->body;
    }
    const auto& documents = std::get<op_reply>(message).documents;
    static const bson_document empty;  // only for an op_reply built by hand without documents
    return documents.empty() ? empty : documents.front();
}

const message_header& request::header() const {
    return std::visit([](const auto& msg) -> const message_header& { return msg.header; }, message);
}

const bson_document& request::command() const {
    if (const auto* msg = std::get_if<op_msg>(&message)) {
        return msg->body;
    }
    return std::get<op_query>(message).query;
}

result<reply> decode_reply(std::span<const std::uint8_t> message,
                           std::optional<std::int32_t> expected_response_to,
                           std::int32_t max_message_size) {
    auto header = detail::check_whole_message(message, max_message_size);
    if (!header) {
        return std::move(header).error();
    }
    if (expected_response_to && header->response_to != *expected_response_to) {
        return make_error(errc::message_response_to_mismatch,
                          "the reply answers request " + std::to_string(header->response_to) +
                              ", not request " + std::to_string(*expected_response_to) +
                              " that was sent; the connection is out of step and must be closed");
    }
    if (header->op_code == opcode_msg) {
        auto msg = detail::parse_op_msg(*header, message);
        if (!msg) {
            return std::move(msg).error();
        }
        return reply{std::move(*msg)};
    }
    if (header->op_code == opcode_reply) {
        auto legacy = detail::parse_op_reply(*header, message);
        if (!legacy) {
            return std::move(legacy).error();
        }
        return reply{std::move(*legacy)};
    }
    return unexpected_opcode(header->op_code, "a client", "OP_MSG and OP_REPLY");
}

result<request> decode_request(std::span<const std::uint8_t> message,
                               std::int32_t max_message_size) {
    auto header = detail::check_whole_message(message, max_message_size);
    if (!header) {
        return std::move(header).error();
    }
    if (header->op_code == opcode_msg) {
        auto msg = detail::parse_op_msg(*header, message);
        if (!msg) {
            return std::move(msg).error();
        }
        auto database = database_of(*msg);
        if (!database) {
            return std::move(database).error();
        }
        return request{std::move(*msg), std::move(*database)};
    }
    if (header->op_code == opcode_query) {
        auto query = detail::parse_op_query(*header, message);
        if (!query) {
            return std::move(query).error();
        }
        auto database =
            query->full_collection_name.substr(0, query->full_collection_name.find('.'));
        return request{std::move(*query), std::move(database)};
    }
    return unexpected_opcode(header->op_code, "a server", "OP_MSG and OP_QUERY");
}

}  // namespace mongo_aws::wire
