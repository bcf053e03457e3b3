#include <mongo_aws/test_server/faults.hpp>

#include <array>

namespace mongo_aws::test_server {
namespace {

constexpr std::array<fault_description, 27> table = {{
    {fault::nonce_mismatch, "nonce-mismatch",
     "the server nonce does not start with the client nonce", errc::server_nonce_mismatch},
    {fault::nonce_too_short, "nonce-too-short", "the server nonce has 32 bytes, not 64",
     errc::server_nonce_wrong_length},
    {fault::nonce_too_long, "nonce-too-long", "the server nonce has 65 bytes, not 64",
     errc::server_nonce_wrong_length},
    {fault::nonce_missing, "nonce-missing", "the server-first payload has no `s`",
     errc::server_payload_missing_field},
    {fault::nonce_not_binary, "nonce-not-binary", "`s` is a string, not binary",
     errc::server_payload_wrong_type},
    {fault::host_missing, "host-missing", "the server-first payload has no `h`",
     errc::server_payload_missing_field},
    {fault::host_not_string, "host-not-string", "`h` is an int32, not a string",
     errc::server_payload_wrong_type},
    {fault::host_empty, "host-empty", "`h` is empty", errc::sts_host_empty},
    {fault::host_too_long, "host-too-long", "`h` has 256 bytes", errc::sts_host_too_long},
    {fault::host_empty_label, "host-empty-label", "`h` is sts..amazonaws.com",
     errc::sts_host_empty_label},
    {fault::host_leading_dot, "host-leading-dot", "`h` is .sts.amazonaws.com",
     errc::sts_host_leading_dot},
    {fault::host_trailing_dot, "host-trailing-dot", "`h` is sts.amazonaws.com.",
     errc::sts_host_trailing_dot},
    {fault::host_invalid_character, "host-invalid-character", "`h` is sts.amazonaws.com/evil",
     errc::sts_host_invalid_character},
    {fault::payload_not_bson, "payload-not-bson", "the server-first payload is not BSON",
     errc::server_payload_malformed},
    {fault::payload_nonce_twice, "payload-nonce-twice", "the server-first payload has `s` twice",
     errc::server_payload_malformed},
    {fault::start_reply_without_conversation_id, "start-reply-without-conversation-id",
     "the saslStart reply has no conversationId", errc::reply_field_missing},
    {fault::start_reply_without_payload, "start-reply-without-payload",
     "the saslStart reply has no payload", errc::reply_field_missing},
    {fault::start_reply_payload_not_binary, "start-reply-payload-not-binary",
     "the saslStart reply's payload is a string", errc::reply_field_wrong_type},
    {fault::start_reply_done, "start-reply-done",
     "the saslStart reply says done: true before the client signed", std::nullopt},
    {fault::fail_authentication, "fail-authentication",
     "saslContinue answers ok: 0, code 18, whatever the signature", errc::command_failed},
    {fault::continue_reply_not_done, "continue-reply-not-done",
     "a verified saslContinue is answered with done: false", std::nullopt},
    {fault::delay_replies, "delay", "every reply waits server_options::delay", std::nullopt},
    {fault::hang_on_hello, "hang-on-hello", "the first hello or isMaster is never answered",
     std::nullopt},
    {fault::hang_on_sasl_start, "hang-on-sasl-start", "saslStart is never answered", std::nullopt},
    {fault::hang_on_sasl_continue, "hang-on-sasl-continue", "saslContinue is never answered",
     std::nullopt},
    {fault::close_on_sasl_start, "close-on-sasl-start",
     "the connection closes instead of answering saslStart", std::nullopt},
    {fault::close_on_sasl_continue, "close-on-sasl-continue",
     "the connection closes mid-conversation, after saslStart was answered", std::nullopt},
}};

constexpr bool table_is_in_declaration_order() {
    for (std::size_t index = 0; index < table.size(); ++index) {
        if (static_cast<std::size_t>(table.at(index).value) != index) {
            return false;
        }
    }
    return static_cast<std::size_t>(fault::close_on_sasl_continue) + 1 == table.size();
}
static_assert(table_is_in_declaration_order(), "one row per fault, in declaration order");

}  // namespace

std::span<const fault_description> all_faults() noexcept {
    return table;
}

const fault_description& describe(fault value) noexcept {
    return table.at(static_cast<std::size_t>(value));
}

std::optional<fault> parse_fault(std::string_view name) noexcept {
    for (const auto& row : table) {
        if (row.name == name) {
            return row.value;
        }
    }
    return std::nullopt;
}

}  // namespace mongo_aws::test_server
