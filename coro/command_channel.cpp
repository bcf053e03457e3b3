#include "command_channel.hpp"

#include <bson/bson.h>
#include <openssl/crypto.h>

#include <array>
#include <atomic>
#include <string>
#include <vector>

namespace mongo_aws::detail {

namespace {

error broken(std::string_view command_name, std::string_view doing, const std::error_code& ec) {
    const bool closed = ec == asio::error::eof || ec == asio::error::connection_reset;
    return make_error(
        errc::network_error,
        closed ? "the server closed the connection while " + std::string(doing) + " " +
                     std::string(command_name)
               : std::string(doing) + " " + std::string(command_name) + " failed: " + ec.message());
}

// The framed message; a plain function, since a bson_t (over-aligned) must not live in a
// coroutine frame.
result<std::vector<std::uint8_t>> frame(std::int32_t request_id,
                                        std::span<const std::uint8_t> command,
                                        std::string_view database, command_framing framing) {
    bson_t document;
    if (!bson_init_static(&document, command.data(), command.size())) {
        return make_error(errc::command_document_invalid, "the command is not a BSON document");
    }
    return framing == command_framing::op_msg
               ? wire::encode_op_msg_command(request_id, document, database)
               : wire::encode_op_query_command(request_id, document, database);
}

}  // namespace

std::int32_t next_request_id() noexcept {
    static std::atomic<std::uint32_t> counter{0};
    // Positive, wrapping after INT32_MAX: ids only need to differ between requests in flight.
    const auto id = (counter.fetch_add(1, std::memory_order_relaxed) + 1U) & 0x7fffffffU;
    return id == 0 ? 1 : static_cast<std::int32_t>(id);
}

asio::awaitable<result<wire::reply>> run_command(byte_stream& stream,
                                                 std::span<const std::uint8_t> command,
                                                 std::string_view database,
                                                 std::string_view command_name,
                                                 command_framing framing) {
    const std::int32_t request_id = next_request_id();
    auto message = frame(request_id, command, database, framing);
    if (!message) {
        co_return std::move(message).error();
    }
    const auto write_error = co_await stream.write_all(*message);
    OPENSSL_cleanse(message->data(), message->size());
    if (write_error) {
        co_return broken(command_name, "sending", write_error);
    }

    std::array<std::uint8_t, 16> head{};
    if (const auto ec = co_await stream.read_exactly(head); ec) {
        co_return broken(command_name, "awaiting the reply to", ec);
    }
    auto header = wire::decode_header(head);
    if (!header) {
        co_return std::move(header).error();
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(header->message_length));
    std::copy(head.begin(), head.end(), bytes.begin());
    if (const auto ec = co_await stream.read_exactly(std::span(bytes).subspan(head.size())); ec) {
        co_return broken(command_name, "reading the reply to", ec);
    }
    co_return wire::decode_reply(bytes, request_id);
}

}  // namespace mongo_aws::detail
