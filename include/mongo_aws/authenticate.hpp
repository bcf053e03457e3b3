// MONGODB-AWS authentication on a connection the application already has: saslStart and
// saslContinue on `$external` over OP_MSG, with credentials from a credential_provider.
#pragma once

#include <mongo_aws/credential_provider.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/step_log.hpp>

#include <asio/async_result.hpp>
#include <asio/awaitable.hpp>
#include <asio/bind_cancellation_slot.hpp>
#include <asio/bind_executor.hpp>
#include <asio/co_spawn.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/read.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <span>
#include <string>
#include <system_error>
#include <utility>

namespace mongo_aws {

/// A connection's bytes, as authenticate() reads and writes them. Type-erased so that the
/// protocol code is compiled once for every kind of stream; stream_adapter makes one from any
/// Asio stream.
class byte_stream {
public:
    virtual ~byte_stream() = default;
    byte_stream() = default;
    byte_stream(const byte_stream&) = delete;
    byte_stream& operator=(const byte_stream&) = delete;
    byte_stream(byte_stream&&) = delete;
    byte_stream& operator=(byte_stream&&) = delete;

    /// Writes all of `bytes`; honours the calling coroutine's cancellation.
    virtual asio::awaitable<std::error_code> write_all(std::span<const std::uint8_t> bytes) = 0;
    /// Reads exactly `bytes.size()` bytes; honours the calling coroutine's cancellation.
    virtual asio::awaitable<std::error_code> read_exactly(std::span<std::uint8_t> bytes) = 0;
};

/// A byte_stream over an Asio AsyncReadStream + AsyncWriteStream (`asio::ip::tcp::socket`,
/// `asio::ssl::stream<asio::ip::tcp::socket>`, ...), which it refers to without owning.
template <class AsyncStream>
class stream_adapter final : public byte_stream {
public:
    explicit stream_adapter(AsyncStream& stream) : stream_(stream) {}

    asio::awaitable<std::error_code> write_all(std::span<const std::uint8_t> bytes) override {
        auto [ec, written] =
            co_await asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()),
                                       asio::experimental::as_tuple(asio::use_awaitable));
        (void)written;
        co_return ec;
    }

    asio::awaitable<std::error_code> read_exactly(std::span<std::uint8_t> bytes) override {
        auto [ec, read] =
            co_await asio::async_read(stream_, asio::buffer(bytes.data(), bytes.size()),
                                      asio::experimental::as_tuple(asio::use_awaitable));
        (void)read;
        co_return ec;
    }

private:
    AsyncStream& stream_;
};

/// How authenticate() runs.
struct authenticate_options {
    /// When the whole authentication (credentials included) must be over.
    deadline until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    /// Credentials looked up already (connect() starts the lookup while it connects); when
    /// absent, authenticate() asks the provider.
    std::optional<fetched_credentials> prefetched;
    /// Receives one line per step (never a secret), for diagnostics; may be empty.
    step_log log;
};

/// What a successful authentication did.
struct authentication_summary {
    credential_source source;  ///< where the credentials came from
    bool credentials_from_cache = false;
    std::string access_key_id;   ///< redacted: `AKIA…WXYZ`
    bool session_token = false;  ///< whether a session token was sent
    std::optional<std::chrono::system_clock::time_point> expiration;  ///< the credentials'
    std::string sts_host;           ///< the STS host the server named
    std::string region;             ///< the region the request was signed for
    long long credentials_ms = 0;   ///< waiting for credentials (0 when prefetched)
    long long conversation_ms = 0;  ///< saslStart to the last saslContinue reply
};

/// Authenticates the connection behind `stream` with MONGODB-AWS: credentials from `provider`
/// (or options.prefetched), then saslStart and saslContinue on `$external` over OP_MSG, the
/// request signed with AWS Signature V4 (the secret key never leaves the process). The
/// connection must have finished its handshake (hello) and must not be used by anyone else
/// meanwhile; after an error it is in an unknown state: close it.
///
/// Everything ends by options.until and honours the calling coroutine's cancellation. When the
/// server refuses the authentication (`ok: 0`), the provider's cache is cleared, so that the
/// next authentication fetches fresh credentials.
/// Errors: the provider's (no saslStart is sent then); errc::command_failed with the server's
/// code and message (18, AuthenticationFailed); the conversation's checks of the server's
/// reply (errc::server_nonce_mismatch, errc::sts_host_*, ...); errc::network_error (the
/// connection broke or closed), errc::timeout, errc::cancelled; the wire decoder's errors.
asio::awaitable<result<authentication_summary>> authenticate(byte_stream& stream,
                                                             authenticate_options options,
                                                             credential_provider& provider);

/// authenticate() on an Asio stream; `stream` must outlive the returned awaitable.
template <class AsyncStream>
asio::awaitable<result<authentication_summary>> authenticate(AsyncStream& stream,
                                                             authenticate_options options,
                                                             credential_provider& provider) {
    stream_adapter<AsyncStream> adapter(stream);
    co_return co_await authenticate(static_cast<byte_stream&>(adapter), std::move(options),
                                    provider);
}

/// authenticate() as an Asio asynchronous operation with the completion signature
/// `void(result<authentication_summary>)`, for any completion token (a callback,
/// asio::use_future, asio::use_awaitable, asio::experimental::deferred). It runs on the
/// stream's executor; the token's cancellation slot cancels it. `stream` and `provider` must
/// outlive the operation.
template <class AsyncStream, class CompletionToken>
auto async_authenticate(AsyncStream& stream, authenticate_options options,
                        credential_provider& provider, CompletionToken&& token) {
    return asio::async_initiate<CompletionToken, void(result<authentication_summary>)>(
        [&stream, &provider](auto handler, authenticate_options opts) {
            auto slot = asio::get_associated_cancellation_slot(handler);
            auto executor = stream.get_executor();
            auto handler_executor = asio::get_associated_executor(handler, executor);
            auto run = [](AsyncStream& s, authenticate_options o, credential_provider& p)
                -> asio::awaitable<std::optional<result<authentication_summary>>> {
                co_return co_await authenticate(s, std::move(o), p);
            };
            asio::co_spawn(
                executor, run(stream, std::move(opts), provider),
                asio::bind_cancellation_slot(
                    slot, asio::bind_executor(
                              handler_executor,
                              [handler = std::move(handler)](
                                  const std::exception_ptr& thrown,
                                  std::optional<result<authentication_summary>> outcome) mutable {
                                  if (thrown || !outcome) {
                                      std::move(handler)(result<authentication_summary>(make_error(
                                          errc::network_error, "the authentication threw")));
                                      return;
                                  }
                                  std::move(handler)(std::move(*outcome));
                              })));
        },
        token, std::move(options));
}

}  // namespace mongo_aws
