// One connection: decode, dispatch by command name, encode the reply in the request's form.
#include "command_fields.hpp"
#include "quote_untrusted.hpp"
#include "replies.hpp"
#include "sasl_payloads.hpp"

#include <mongo_aws/sasl_commands.hpp>
#include <mongo_aws/sts_host.hpp>
#include <mongo_aws/test_server/session.hpp>
#include <mongo_aws/wire.hpp>

#include <openssl/rand.h>

#include <algorithm>
#include <limits>
#include <ostream>
#include <string>
#include <utility>
#include <variant>

namespace mongo_aws::test_server {

struct session::outcome {
    std::optional<step::action> action;  // close or hang: no reply document
    bson_ptr body;
    std::string summary;
};

namespace {

using mongo_aws::detail::quote_untrusted;

// The next request or conversation id: 1, 2, ... and back to 1 rather than overflow.
std::int32_t next_id(std::int32_t id) noexcept {
    return id == std::numeric_limits<std::int32_t>::max() ? 1 : id + 1;
}

bool is_hello(std::string_view name) noexcept {
    return name == "hello" || name == "isMaster" || name == "ismaster";
}

std::string fault_names(const fault_set& faults) {
    std::string names;
    for (const auto& row : all_faults()) {
        if (faults.contains(row.value)) {
            names += (names.empty() ? "" : ", ") + std::string(row.name);
        }
    }
    return names;
}

}  // namespace

std::string_view to_string(step::action value) noexcept {
    switch (value) {
        case step::action::reply:
            return "reply";
        case step::action::no_reply:
            return "no_reply";
        case step::action::close:
            return "close";
        case step::action::hang:
            return "hang";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& out, step::action value) {
    return out << to_string(value);
}

result<void> check_options(const server_options& options) {
    return validate_sts_host(options.sts_host);
}

session::session(std::shared_ptr<const server_options> options, std::int64_t connection_id)
    : options_(options ? std::move(options) : std::make_shared<const server_options>()),
      connection_id_(connection_id) {}

std::chrono::system_clock::time_point session::now() const {
    return options_->clock ? options_->clock() : std::chrono::system_clock::now();
}

step session::answer(std::span<const std::uint8_t> message) {
    if (terminal_) {
        return step{*terminal_,
                    {},
                    {},
                    "ignored: the connection is " +
                        std::string(*terminal_ == step::action::hang ? "hung" : "closed")};
    }
    auto request = wire::decode_request(message);
    if (!request) {
        terminal_ = step::action::close;
        return step{step::action::close,
                    {},
                    {},
                    "closing: not a MongoDB request: " + request.error().message};
    }
    const bool legacy = std::holds_alternative<wire::op_query>(request->message);
    const bool more_to_come = !legacy && std::get<wire::op_msg>(request->message).more_to_come();
    const bson_view view(request->command());

    const std::string_view database = request->database;
    outcome result =
        legacy ? run_legacy(*view, std::get<wire::op_query>(request->message).full_collection_name,
                            database)
               : run(internal::command_name(*view), *view, database);

    if (result.action) {
        terminal_ = result.action;
        return step{*result.action, {}, {}, std::move(result.summary)};
    }
    if (more_to_come) {
        return step{step::action::no_reply, {}, {}, result.summary + " (moreToCome: no reply)"};
    }
    const std::int32_t request_id = next_request_id_;
    next_request_id_ = next_id(next_request_id_);
    const std::int32_t response_to = request->header().request_id;
    auto encoded = legacy ? wire::encode_op_reply(request_id, response_to, *result.body)
                          : wire::encode_op_msg_reply(request_id, response_to, *result.body);
    if (!encoded) {
        terminal_ = step::action::close;
        return step{step::action::close,
                    {},
                    {},
                    "closing: the reply could not be encoded: " + encoded.error().message};
    }
    std::chrono::milliseconds delay{0};
    if (options_->faults.contains(fault::delay_replies)) {
        delay = std::max(options_->delay, std::chrono::milliseconds{0});
    }
    return step{step::action::reply, std::move(*encoded), delay, std::move(result.summary)};
}

session::outcome session::run_legacy(const bson_t& query, std::string_view full_collection_name,
                                     std::string_view database) {
    // Only the handshake may come as OP_QUERY (MongoDB 5.1+); a `$query` wrapper (as some
    // drivers send with a read preference) is looked through.
    const bson_t* command = &query;
    bson_t unwrapped;
    bson_iter_t iter;
    if (internal::command_name(query) == "$query" && bson_iter_init_find(&iter, &query, "$query") &&
        BSON_ITER_HOLDS_DOCUMENT(&iter)) {
        std::uint32_t length = 0;
        const std::uint8_t* data = nullptr;
        bson_iter_document(&iter, &length, &data);
        if (bson_init_static(&unwrapped, data, length)) {
            command = &unwrapped;
        }
    }
    const std::string_view name = internal::command_name(*command);
    const std::string_view collection = database.size() < full_collection_name.size()
                                            ? full_collection_name.substr(database.size() + 1)
                                            : std::string_view{};
    if (collection == "$cmd" && is_hello(name)) {
        outcome result = run(name, *command, database);
        result.summary = "OP_QUERY " + result.summary;
        return result;
    }
    return {std::nullopt,
            internal::error_reply(internal::code_unsupported_op_query_command,
                                  "UnsupportedOpQueryCommand",
                                  "Unsupported OP_QUERY command: " + quote_untrusted(name) +
                                      ". Only the handshake (isMaster, hello) may use OP_QUERY; "
                                      "send commands as OP_MSG"),
            "OP_QUERY " + quote_untrusted(name) + ": refused (352)"};
}

session::outcome session::run(std::string_view name, const bson_t& command,
                              std::string_view database) {
    const std::string shown = mongo_aws::detail::escape_untrusted(name, 64);
    if (is_hello(name)) {
        if (options_->faults.contains(fault::hang_on_hello)) {
            return {step::action::hang, {}, shown + ": hanging (fault hang-on-hello)"};
        }
        const internal::hello_request request{
            name != "hello", internal::flag_field(command, "helloOk"),
            internal::string_field(command, "saslSupportedMechs").has_value()};
        return {std::nullopt, internal::hello_reply(request, now(), connection_id_), shown};
    }
    if (name == "ping" || name == "endSessions") {
        return {std::nullopt, internal::ok_reply(), shown};
    }
    if (name == "buildInfo" || name == "buildinfo") {
        return {std::nullopt, internal::build_info_reply(), shown};
    }
    if (name == "connectionStatus") {
        return {
            std::nullopt, internal::connection_status_reply(authenticated_),
            shown + (authenticated_ ? ": " + authenticated_->user_name : ": not authenticated")};
    }
    if (name == "saslStart") {
        return sasl_start(command, database);
    }
    if (name == "saslContinue") {
        return sasl_continue(command);
    }
    return {std::nullopt,
            internal::error_reply(internal::code_command_not_found, "CommandNotFound",
                                  "no such command: " + quote_untrusted(name)),
            quote_untrusted(name) + ": no such command (59)"};
}

session::outcome session::refuse(std::string_view command, refusal why) {
    std::string reason(to_string(why.reason));
    outcome out{std::nullopt,
                internal::error_reply(internal::code_authentication_failed, "AuthenticationFailed",
                                      "Authentication failed. [" + reason + "] " + why.message),
                std::string(command) + ": refused [" + reason + "] " + why.message};
    last_refusal_ = std::move(why);
    return out;
}

session::outcome session::sasl_start(const bson_t& command, std::string_view database) {
    const fault_set& faults = options_->faults;
    if (faults.contains(fault::hang_on_sasl_start)) {
        return {step::action::hang, {}, "saslStart: hanging (fault hang-on-sasl-start)"};
    }
    if (faults.contains(fault::close_on_sasl_start)) {
        return {step::action::close, {}, "saslStart: closing (fault close-on-sasl-start)"};
    }
    const auto mechanism = internal::string_field(command, "mechanism");
    const auto payload = internal::binary_field(command, "payload");
    if (!mechanism || !payload) {
        return {std::nullopt,
                internal::error_reply(internal::code_protocol_error, "ProtocolError",
                                      "saslStart needs a string `mechanism` and a binary "
                                      "`payload`"),
                "saslStart: malformed command (17)"};
    }
    if (*mechanism != sasl_mechanism) {
        return {std::nullopt,
                internal::error_reply(internal::code_mechanism_unavailable, "MechanismUnavailable",
                                      "Received authentication for mechanism " +
                                          quote_untrusted(*mechanism) +
                                          ", which this test server does not support: it "
                                          "supports only MONGODB-AWS"),
                "saslStart: mechanism " + quote_untrusted(*mechanism) + " unavailable (334)"};
    }
    if (database != sasl_database) {
        return refuse("saslStart",
                      {rejection::database_not_external,
                       "MONGODB-AWS authenticates on the database \"$external\", not " +
                           quote_untrusted(database) + ": set authSource=$external"});
    }

    conversation_state conversation;
    std::array<std::uint8_t, client_nonce_size> client_nonce{};
    if (auto refused = internal::read_client_first(*payload, client_nonce)) {
        conversation_.reset();
        return refuse("saslStart", std::move(*refused));
    }
    std::copy(client_nonce.begin(), client_nonce.end(), conversation.server_nonce.begin());
    const std::span<std::uint8_t> ours =
        std::span(conversation.server_nonce).subspan(client_nonce_size);
    if (options_->server_nonce) {
        options_->server_nonce(ours);
    } else if (RAND_bytes(ours.data(), static_cast<int>(ours.size())) != 1) {
        return {std::nullopt,
                internal::error_reply(internal::code_internal_error, "InternalError",
                                      "the test server's RAND_bytes failed"),
                "saslStart: RAND_bytes failed"};
    }
    conversation.id = next_conversation_id_;
    next_conversation_id_ = next_id(next_conversation_id_);
    conversation_ = conversation;
    last_refusal_.reset();

    const auto server_first =
        internal::make_server_first(conversation.server_nonce, options_->sts_host, faults);
    std::string summary =
        "saslStart: server nonce and STS host " + quote_untrusted(options_->sts_host) + " sent";
    if (!faults.empty()) {
        summary += " (faults: " + fault_names(faults) + ")";
    }
    return {std::nullopt, internal::sasl_start_reply(conversation.id, server_first, faults),
            std::move(summary)};
}

session::outcome session::sasl_continue(const bson_t& command) {
    const fault_set& faults = options_->faults;
    if (faults.contains(fault::hang_on_sasl_continue)) {
        return {step::action::hang, {}, "saslContinue: hanging (fault hang-on-sasl-continue)"};
    }
    if (faults.contains(fault::close_on_sasl_continue)) {
        return {step::action::close,
                {},
                "saslContinue: closing mid-conversation (fault close-on-sasl-continue)"};
    }
    const auto protocol_error = [](const std::string& message) {
        std::string summary = "saslContinue: " + message + " (17)";
        return outcome{
            std::nullopt,
            internal::error_reply(internal::code_protocol_error, "ProtocolError", message),
            std::move(summary)};
    };
    if (!conversation_) {
        return protocol_error("no SASL conversation is in progress: send saslStart first");
    }
    const conversation_state conversation = *conversation_;
    conversation_.reset();  // one saslContinue per conversation, whatever its outcome
    const auto id = internal::integer_field(command, "conversationId");
    if (!id || *id != conversation.id) {
        return protocol_error("saslContinue names another conversationId than the " +
                              std::to_string(conversation.id) + " saslStart gave");
    }
    const auto payload = internal::binary_field(command, "payload");
    if (!payload) {
        return protocol_error("saslContinue needs a binary `payload`");
    }
    if (faults.contains(fault::fail_authentication)) {
        return refuse("saslContinue", {rejection::injected_fault,
                                       "this test server refuses every authentication (fault "
                                       "fail-authentication)"});
    }
    expectation expected;
    expected.server_nonce = conversation.server_nonce;
    expected.sts_host = options_->sts_host;
    expected.now = now();
    expected.max_clock_skew = std::max(options_->max_clock_skew, std::chrono::seconds{0});
    const verification verified = verify_client_final(*payload, expected, options_->users);
    if (!verified) {
        return refuse("saslContinue", verified.why());
    }
    authenticated_ = verified.who();
    last_refusal_.reset();
    std::string summary = "saslContinue: authenticated " + authenticated_->user_name;
    if (faults.contains(fault::continue_reply_not_done)) {
        summary += " (answered done: false, fault continue-reply-not-done)";
    }
    return {std::nullopt, internal::sasl_continue_reply(conversation.id, faults),
            std::move(summary)};
}

}  // namespace mongo_aws::test_server
