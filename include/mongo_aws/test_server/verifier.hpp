// The heart of the test server: checking a MONGODB-AWS client's saslContinue payload as MongoDB
// and STS together would. The STS GetCallerIdentity request is rebuilt from what the server sent
// (its nonce and STS host) and what the client sent (`a`, `d`, `t`), never from client state, and
// signed with the user's secret; the client's signature must match it.
#pragma once

#include <mongo_aws/sts_request.hpp>
#include <mongo_aws/test_server/users.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace mongo_aws::test_server {

/// Why the server refused a SASL step. Each check has its own reason, so that a test can assert
/// which rule a client broke.
enum class rejection {
    // saslStart: its database and the client-first payload `{r, p}`
    database_not_external,         ///< saslStart on a database other than `$external`
    sasl_start_payload_malformed,  ///< not BSON; `r` or `p` missing, of another type, or twice
    client_nonce_wrong_length,     ///< `r` is not 32 bytes
    channel_binding_unsupported,   ///< `p` is not 110 ('n': no channel binding)
    // saslContinue: the client-final payload `{a, d, t?}`
    sasl_continue_payload_malformed,  ///< not BSON; `a`/`d` missing or not strings; `t` not a
                                      ///< non-empty string; a field twice
    date_malformed,            ///< `d` is not a real `YYYYMMDD'T'HHMMSS'Z'` date-time of 1970-2200
    authorization_malformed,   ///< `a` breaks a rule of parse_authorization_header()
    service_mismatch,          ///< the credential scope's service is not `sts`
    scope_date_mismatch,       ///< the credential scope's day is not the day of `d`
    region_mismatch,           ///< the scope's region is not the STS host's (sts_region)
    clock_skew,                ///< `d` is further from the server's clock than allowed
    unknown_access_key_id,     ///< no user has the scope's access key id
    session_token_missing,     ///< the user has a session token; the client sent none
    session_token_unexpected,  ///< the user has no session token; the client sent one
    session_token_mismatch,    ///< the client sent another session token than the user's
    signed_header_missing,     ///< SignedHeaders lacks a header the protocol signs
    signed_header_unexpected,  ///< SignedHeaders names a header the protocol does not sign
    signed_headers_not_canonical,  ///< the right names, but not lowercase, sorted, each once
    signature_mismatch,            ///< the signature is not the one the user's secret gives
    injected_fault,                ///< refused on purpose (fault::fail_authentication)
};

/// The reason's name as written above (`signature_mismatch`), for replies, logs and tests.
[[nodiscard]] std::string_view to_string(rejection reason) noexcept;

/// Writes to_string(reason).
std::ostream& operator<<(std::ostream& out, rejection reason);

/// A refused step: the reason for programs, a message for people. The message says what was
/// wrong and what to check; it never holds a secret, a session token or the expected signature,
/// and quotes client input only bounded and escaped.
struct refusal {
    rejection reason;     ///< which rule
    std::string message;  ///< what was wrong, what to check
};

/// Who a verified signature proves the client to be.
struct identity {
    std::string access_key_id;  ///< from the credential scope
    std::string arn;            ///< the user's ARN, as in the user table
    std::string user_name;      ///< mongodb_user_name(arn): what connectionStatus reports
};

/// An identity, or why not.
class verification {
public:
    /// Success.
    verification(identity who) : outcome_(std::move(who)) {}  // NOLINT: implicit, like result
    /// Failure.
    verification(refusal why) : outcome_(std::move(why)) {}  // NOLINT: implicit, like result

    /// True when the signature was verified.
    [[nodiscard]] bool ok() const noexcept { return outcome_.index() == 0; }
    /// Same as ok().
    explicit operator bool() const noexcept { return ok(); }
    /// The verified identity. Precondition: ok().
    [[nodiscard]] const identity& who() const { return std::get<identity>(outcome_); }
    /// Why it failed. Precondition: !ok().
    [[nodiscard]] const refusal& why() const { return std::get<refusal>(outcome_); }

private:
    std::variant<identity, refusal> outcome_;
};

/// How far `d` may be from the server's clock, either way: 15 minutes, as STS allows.
inline constexpr std::chrono::seconds default_max_clock_skew{15 * 60};

/// What the server sent in its saslStart reply and the clock it verifies with.
struct expectation {
    /// `s` as sent: the client's 32 bytes, then the server's 32.
    std::array<std::uint8_t, server_nonce_size> server_nonce{};
    /// `h` as sent. The expected region is sts_region() of it; an invalid host (see
    /// validate_sts_host) expects no region, so every payload is refused with region_mismatch.
    std::string sts_host;
    /// The server's clock at verification.
    std::chrono::system_clock::time_point now;
    /// The largest distance allowed between `d` and `now` (inclusive).
    std::chrono::seconds max_clock_skew = default_max_clock_skew;
};

/// Verifies the saslContinue payload `{a: Authorization, d: X-Amz-Date, t: session token}`.
/// Checks, in this order (the first broken rule is the reason): the payload's shape; `d`;
/// `a`'s syntax; service `sts`; scope day == day of `d`; scope region == region of the STS host;
/// |`d` − now| ≤ max_clock_skew; a user with the scope's access key id; the session token (the
/// user's exactly, or none for a user without one); SignedHeaders exactly `content-length;
/// content-type;host;x-amz-date[;x-amz-security-token];x-mongodb-gs2-cb-flag;
/// x-mongodb-server-nonce` (the token header when `t` is sent); and last the signature, compared
/// in constant time (CRYPTO_memcmp) with SigV4 over `POST /`, body
/// `Action=GetCallerIdentity&Version=2011-06-15`, and the headers Content-Length: 43,
/// Content-Type: application/x-www-form-urlencoded, Host: <sts_host>, X-Amz-Date: <d>,
/// X-Amz-Security-Token: <t> (when sent), X-MongoDB-GS2-CB-Flag: n, X-MongoDB-Server-Nonce:
/// <base64 of server_nonce>, keyed with the user's secret for <scope day>/<region>/sts.
/// Safe on any bytes.
[[nodiscard]] verification verify_client_final(std::span<const std::uint8_t> payload,
                                               const expectation& expected,
                                               const user_table& users);

}  // namespace mongo_aws::test_server
