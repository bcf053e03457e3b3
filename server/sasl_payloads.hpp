// The SASL payloads and replies on the server's side: reading the client-first payload, and
// building the server-first payload and the saslStart/saslContinue replies, faults applied
// (internal to the test server).
#pragma once

#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/conversation.hpp>
#include <mongo_aws/test_server/faults.hpp>
#include <mongo_aws/test_server/verifier.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace mongo_aws::test_server::internal {

/// Reads `{r: BinData(32 bytes), p: Int32(110)}` into `client_nonce`, or says why not:
/// rejection::sasl_start_payload_malformed (not BSON; `r` or `p` missing, of another type, or
/// twice), rejection::client_nonce_wrong_length, rejection::channel_binding_unsupported.
[[nodiscard]] std::optional<refusal> read_client_first(
    std::span<const std::uint8_t> payload,
    std::array<std::uint8_t, client_nonce_size>& client_nonce);

/// `{s: BinData(server_nonce), h: sts_host}`, changed as the server-first faults in `faults` say.
[[nodiscard]] std::vector<std::uint8_t> make_server_first(
    std::span<const std::uint8_t, server_nonce_size> server_nonce, std::string_view sts_host,
    const fault_set& faults);

/// `{conversationId, done: false, payload: BinData(server_first), ok: 1}`, changed as the
/// start_reply_* faults in `faults` say.
[[nodiscard]] bson_ptr sasl_start_reply(std::int32_t conversation_id,
                                        std::span<const std::uint8_t> server_first,
                                        const fault_set& faults);

/// `{conversationId, done: true, payload: BinData(empty), ok: 1}` (`done: false` with
/// fault::continue_reply_not_done).
[[nodiscard]] bson_ptr sasl_continue_reply(std::int32_t conversation_id, const fault_set& faults);

}  // namespace mongo_aws::test_server::internal
