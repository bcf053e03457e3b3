// Fault switches of the test server: replies a client must refuse, authentication that fails,
// and a server that is slow, silent or gone, so that client tests can trigger each on purpose.
#pragma once

#include <mongo_aws/error.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>

namespace mongo_aws::test_server {

/// One fault. The server-first faults change the saslStart reply's payload `{s, h}`; with each,
/// the client's conversation::server_first() must fail with the errc that fault_info() names.
enum class fault {
    // --- saslStart reply: the server-first payload {s, h} ---
    nonce_mismatch,          ///< `s` does not start with the client nonce (first byte changed)
    nonce_too_short,         ///< `s` has 32 bytes (the client's nonce alone)
    nonce_too_long,          ///< `s` has 65 bytes
    nonce_missing,           ///< no `s`
    nonce_not_binary,        ///< `s` is a string
    host_missing,            ///< no `h`
    host_not_string,         ///< `h` is an int32
    host_empty,              ///< `h` is ""
    host_too_long,           ///< `h` has 256 bytes (valid labels, too long in all)
    host_empty_label,        ///< `h` is "sts..amazonaws.com"
    host_leading_dot,        ///< `h` is ".sts.amazonaws.com"
    host_trailing_dot,       ///< `h` is "sts.amazonaws.com."
    host_invalid_character,  ///< `h` is "sts.amazonaws.com/evil"
    payload_not_bson,        ///< the payload is 12 bytes that are not a BSON document
    payload_nonce_twice,     ///< `s` appears twice
    // --- saslStart reply: the command reply around the payload ---
    start_reply_without_conversation_id,  ///< no `conversationId`
    start_reply_without_payload,          ///< no `payload`
    start_reply_payload_not_binary,       ///< `payload` is a string
    start_reply_done,                     ///< `done: true` before the client has signed
    // --- saslContinue ---
    fail_authentication,      ///< ok: 0, code 18, whatever the signature
    continue_reply_not_done,  ///< a valid signature answered with `done: false`
    // --- Timing and the connection (the I/O layer acts on them; see session::step) ---
    delay_replies,           ///< every reply waits server_options::delay before it is written
    hang_on_hello,           ///< the first hello/isMaster is never answered
    hang_on_sasl_start,      ///< saslStart is never answered
    hang_on_sasl_continue,   ///< saslContinue is never answered
    close_on_sasl_start,     ///< the connection is closed instead of answering saslStart
    close_on_sasl_continue,  ///< closed after saslStart was answered: mid-conversation
};

/// What a fault is for: its name on a command line, one line of description, and the error
/// this library's core reports when a client meets it: conversation::server_first() for the
/// server-first payload faults, parse_sasl_reply() for the reply faults (errc::command_failed for
/// fail_authentication). None for the faults only the coroutine layer can see (an early or
/// missing `done`, delays, hangs, closes).
struct fault_description {
    fault value;                       ///< the fault
    std::string_view name;             ///< e.g. "nonce-mismatch" (`mongo-aws serve --fault`)
    std::string_view description;      ///< one line
    std::optional<errc> client_error;  ///< what the core's client reports, if it can tell
};

/// Every fault, in declaration order.
[[nodiscard]] std::span<const fault_description> all_faults() noexcept;

/// The description of `value`.
[[nodiscard]] const fault_description& describe(fault value) noexcept;

/// The fault named `name` (as in fault_description::name), or nullopt.
[[nodiscard]] std::optional<fault> parse_fault(std::string_view name) noexcept;

/// A set of faults (all may be combined; combining two server-first faults applies both).
class fault_set {
public:
    /// No faults: a well-behaved server.
    fault_set() = default;
    /// The faults listed.
    fault_set(std::initializer_list<fault> faults) noexcept {
        for (const fault value : faults) {
            insert(value);
        }
    }
    /// Adds `value`.
    void insert(fault value) noexcept { bits_ |= bit(value); }
    /// True when `value` is in the set.
    [[nodiscard]] bool contains(fault value) const noexcept { return (bits_ & bit(value)) != 0; }
    /// True when there is no fault.
    [[nodiscard]] bool empty() const noexcept { return bits_ == 0; }

private:
    static constexpr std::uint64_t bit(fault value) noexcept {
        return std::uint64_t{1} << static_cast<unsigned>(value);
    }
    static_assert(static_cast<unsigned>(fault::close_on_sasl_continue) < 64);

    std::uint64_t bits_ = 0;
};

}  // namespace mongo_aws::test_server
