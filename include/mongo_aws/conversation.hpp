// The MONGODB-AWS SASL conversation as a sans-I/O state machine: payload bytes in, payload bytes
// or an error out. The caller wraps the payloads in saslStart / saslContinue (sasl_commands.hpp)
// and moves them over the wire.
#pragma once

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/sigv4.hpp>
#include <mongo_aws/sts_request.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mongo_aws {

/// The size of the client nonce `r`.
inline constexpr std::size_t client_nonce_size = 32;

/// The value of `p` in the client-first payload: 'n', channel binding not supported.
inline constexpr std::int32_t gs2_cb_flag = 110;

/// Fills its argument with random bytes. The default is OpenSSL's CSPRNG (RAND_bytes); tests
/// inject a fixed nonce.
using nonce_source = std::function<void(std::span<std::uint8_t>)>;

/// One MONGODB-AWS authentication, driven step by step:
/// client_first() → (saslStart) → server_first(reply payload) → client_final(credentials, now)
/// → (saslContinue) → the reply's `done` is true.
///
/// A step that fails on its input (a bad server payload, incomplete credentials, a signing
/// error) ends the conversation: every later call answers errc::conversation_out_of_order.
/// Calling a step out of order is refused the same way and changes nothing.
class conversation {
public:
    /// Where it stands.
    enum class state {
        initial,                ///< nothing sent yet
        client_first_sent,      ///< client_first() gave the saslStart payload
        server_first_accepted,  ///< server_first() validated the server's payload
        client_final_sent,      ///< client_final() gave the saslContinue payload
        failed,                 ///< a step failed; start a new conversation
    };

    /// A conversation whose client nonce comes from OpenSSL's CSPRNG.
    conversation() = default;

    /// A conversation whose client nonce comes from `source` (for tests; it must fill all 32
    /// bytes). An empty function means the CSPRNG.
    explicit conversation(nonce_source source) : nonce_source_(std::move(source)) {}

    /// The saslStart payload: the BSON document `{r: BinData(0, 32 random bytes), p: Int32(110)}`
    /// (52 bytes). Errors: errc::conversation_out_of_order when already called;
    /// errc::random_bytes_failed when the CSPRNG fails.
    result<std::vector<std::uint8_t>> client_first();

    /// Validates the server's saslStart payload `{s: BinData(64 bytes), h: string}`: `s` must be
    /// 64 bytes starting with our 32-byte nonce, `h` a valid STS host (validate_sts_host()).
    /// Errors: errc::server_payload_malformed (not a BSON document, or `s`/`h` given twice),
    /// errc::server_payload_missing_field, errc::server_payload_wrong_type,
    /// errc::server_nonce_wrong_length, errc::server_nonce_mismatch, the errc::sts_host_* codes,
    /// errc::conversation_out_of_order before client_first().
    result<void> server_first(std::span<const std::uint8_t> payload);

    /// The saslContinue payload `{a: <Authorization>, d: <X-Amz-Date>, t: <session token, only
    /// when there is one>}`: the STS GetCallerIdentity request (make_sts_request()) signed with
    /// SigV4 for service `sts`, the region derived from the host (sts_region()), at `now`.
    /// `cached_key`, when given, must come from these credentials' secret
    /// (sigv4::derive_signing_key(secret, day of `now`, region(), "sts")); a key of another day
    /// or region is not used (the signer derives the right one). The payload holds the session
    /// token: treat it as sensitive. Errors: errc::conversation_out_of_order before
    /// server_first() or when called twice; errc::credentials_incomplete; the errors of
    /// sigv4::sign_headers() (e.g. errc::sigv4_invalid_credentials for a token with a control
    /// byte); errc::sasl_payload_too_large past 16 MiB.
    result<std::vector<std::uint8_t>> client_final(const credentials& creds,
                                                   std::chrono::system_clock::time_point now,
                                                   const sigv4::signing_key* cached_key = nullptr);

    /// Where the conversation stands.
    [[nodiscard]] state current_state() const noexcept { return state_; }

    /// The validated STS host (`h`); empty before server_first() succeeds.
    [[nodiscard]] std::string_view sts_host() const noexcept { return host_; }

    /// The region the request is signed for; empty before server_first() succeeds.
    [[nodiscard]] std::string_view region() const noexcept { return region_; }

private:
    result<void> check_server_first(std::span<const std::uint8_t> payload);

    nonce_source nonce_source_;
    state state_ = state::initial;
    std::array<std::uint8_t, client_nonce_size> client_nonce_{};
    std::array<std::uint8_t, server_nonce_size> server_nonce_{};
    std::string host_;
    std::string region_;
};

/// The name of a state, for messages and logs ("client_first_sent").
[[nodiscard]] std::string_view to_string(conversation::state value) noexcept;

}  // namespace mongo_aws
