// One connection to the loopback MongoDB test server, sans I/O: a whole wire message in, what to
// do about it out (write a reply, possibly after a delay; write nothing; close; hang).
//
// The I/O layer (an Asio listener) runs, per accepted connection:
//
//     test_server::session session(options, connection_id);
//     loop:
//         read 16 bytes; wire::decode_header(them) (on error: close);
//         read the rest of the message (messageLength bytes in all);
//         auto step = session.answer(message);
//         switch (step.what):
//             reply:    wait step.delay, then write step.message
//             no_reply: nothing (the client sent moreToCome)
//             close:    close the connection
//             hang:     keep the connection open, read and answer nothing more
//
// Everything else (which commands exist, SASL, verification, faults) is decided here.
#pragma once

#include <mongo_aws/conversation.hpp>
#include <mongo_aws/test_server/faults.hpp>
#include <mongo_aws/test_server/users.hpp>
#include <mongo_aws/test_server/verifier.hpp>

#include <bson/bson.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::test_server {

/// How the server behaves; shared, read-only, by every session (`std::shared_ptr<const ...>`).
/// The functions may be called from every connection's thread: keep them thread-safe.
struct server_options {
    /// Who may authenticate.
    user_table users;
    /// `h` in the saslStart reply, and the host whose region signatures must be scoped to.
    /// Must pass validate_sts_host() (check_options() says so); to send an invalid host, use a
    /// host_* fault instead.
    std::string sts_host = "sts.amazonaws.com";
    /// The faults to inject (none by default).
    fault_set faults;
    /// How long every reply waits with fault::delay_replies.
    std::chrono::milliseconds delay{1000};
    /// How far the client's X-Amz-Date may be from `clock()`.
    std::chrono::seconds max_clock_skew = default_max_clock_skew;
    /// The server's clock (verification, hello's localTime); empty: the system clock.
    std::function<std::chrono::system_clock::time_point()> clock;
    /// Fills the server's 32 bytes of `s` (after the client's 32); empty: OpenSSL's RAND_bytes.
    nonce_source server_nonce;
};

/// Checks the options a server is about to run with: the STS host must pass
/// validate_sts_host() (its errors: errc::sts_host_*). (A negative delay or skew is taken as
/// zero.)
[[nodiscard]] result<void> check_options(const server_options& options);

/// What the I/O layer does after one message.
struct step {
    /// The kind of action.
    enum class action {
        reply,     ///< write `message` after waiting `delay`
        no_reply,  ///< write nothing (the request had moreToCome); keep reading
        close,     ///< close the connection now (a fault, or bytes that are no MongoDB message)
        hang,      ///< write nothing, now or for any later message; keep the connection open
    };
    action what = action::reply;         ///< what to do
    std::vector<std::uint8_t> message;   ///< the whole reply message (action::reply)
    std::chrono::milliseconds delay{0};  ///< how long to wait before writing it
    std::string summary;                 ///< one line for a log; never a secret
};

/// The name of an action ("reply", "no_reply", "close", "hang").
[[nodiscard]] std::string_view to_string(step::action value) noexcept;

/// Writes to_string(value).
std::ostream& operator<<(std::ostream& out, step::action value);

/// One client connection's state: the handshake, the SASL conversation, who is authenticated.
///
/// Commands answered (any other: `ok: 0`, code 59 CommandNotFound):
/// - legacy OP_QUERY `isMaster`/`ismaster`/`hello` on `<db>.$cmd` → OP_REPLY (any other OP_QUERY:
///   code 352 UnsupportedOpQueryCommand, as MongoDB 5.1+ answers);
/// - OP_MSG `hello`, `isMaster`/`ismaster` (with `helloOk: true` when asked, `isWritablePrimary`
///   or `ismaster`, maxWireVersion 17), `ping`, `buildInfo`/`buildinfo` (version 6.0.0),
///   `connectionStatus` (`authInfo.authenticatedUsers`: `[{user: <MongoDB user name>, db:
///   "$external"}]` once authenticated, else `[]`; `authenticatedUserRoles: []`), `endSessions`;
/// - `saslStart` (mechanism MONGODB-AWS on `$external`; another mechanism: code 334
///   MechanismUnavailable) and `saslContinue`, verified with verify_client_final().
///
/// A refused SASL step is answered `{ok: 0, code: 18, codeName: "AuthenticationFailed", errmsg:
/// "Authentication failed. [<reason>] <message>"}`. MongoDB says only "Authentication failed.";
/// this test server adds the reason (to_string(rejection)) and its message, so that a test or
/// an operator sees which rule was broken. A saslContinue without a saslStart, with another
/// conversationId, or without a binary `payload` (and a saslStart without a binary `payload` or
/// a `mechanism`) is code 17 ProtocolError. Each conversation ends with its saslContinue.
class session {
public:
    /// A new connection; `connection_id` is reported by hello as `connectionId`.
    explicit session(std::shared_ptr<const server_options> options, std::int64_t connection_id = 1);

    /// Answers one whole wire message (header included; its messageLength must equal
    /// message.size()). Never fails: bytes that do not decode as a request (see
    /// wire::decode_request) give action::close with the decoder's message in the summary, as
    /// MongoDB closes such connections. After action::hang or action::close, every later call
    /// gives the same action.
    step answer(std::span<const std::uint8_t> message);

    /// Who authenticated on this connection, if anyone (the last successful saslContinue).
    [[nodiscard]] const std::optional<identity>& authenticated() const noexcept {
        return authenticated_;
    }

    /// Why the last SASL step was refused, if the last SASL step was refused.
    [[nodiscard]] const std::optional<refusal>& last_refusal() const noexcept {
        return last_refusal_;
    }

private:
    struct conversation_state {
        std::int32_t id = 0;
        std::array<std::uint8_t, server_nonce_size> server_nonce{};
    };
    struct outcome;  // a reply document, or an action without one (session.cpp)

    outcome run(std::string_view name, const bson_t& command, std::string_view database);
    outcome run_legacy(const bson_t& query, std::string_view full_collection_name,
                       std::string_view database);
    outcome sasl_start(const bson_t& command, std::string_view database);
    outcome sasl_continue(const bson_t& command);
    outcome refuse(std::string_view command, refusal why);
    [[nodiscard]] std::chrono::system_clock::time_point now() const;

    std::shared_ptr<const server_options> options_;
    std::int64_t connection_id_;
    std::int32_t next_request_id_ = 1;
    std::int32_t next_conversation_id_ = 1;
    std::optional<conversation_state> conversation_;
    std::optional<identity> authenticated_;
    std::optional<refusal> last_refusal_;
    std::optional<step::action> terminal_;
};

}  // namespace mongo_aws::test_server
