// The credential provider: the MongoDB specification's chain of AWS credential sources, with a
// cache that many connections share, on the caller's Asio executor.
#pragma once

#include <mongo_aws/credential_fetchers.hpp>
#include <mongo_aws/credential_sources.hpp>
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/environment.hpp>
#include <mongo_aws/result.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/associated_cancellation_slot.hpp>
#include <asio/associated_executor.hpp>
#include <asio/async_result.hpp>
#include <asio/awaitable.hpp>
#include <asio/bind_cancellation_slot.hpp>
#include <asio/bind_executor.hpp>
#include <asio/co_spawn.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mongo_aws {

namespace detail {
class credential_cache;
}  // namespace detail

/// The application's own credential provider (the spec's custom AWS credential provider).
/// Credentials it returns with an expiration are cached like those of the network sources;
/// without one, it is called on every lookup.
using custom_credential_callback = std::function<asio::awaitable<result<credentials>>()>;

/// The wall clock used to judge expirations (injectable for tests).
using wall_clock = std::function<std::chrono::system_clock::time_point()>;

/// How sources are chosen.
enum class credential_policy {
    /// The MongoDB specification (the default): the settings pick exactly one source; a
    /// configured source that is incomplete or fails is an error, never a fall-through.
    spec,
    /// Opt-in, like the AWS SDKs: every configured source (select_credential_source's
    /// `sdk_candidates`) is tried at once; the highest-priority one that succeeds wins and the
    /// others are cancelled, so a lookup takes as long as the winner, not the sum of timeouts.
    sdk_fallback,
};

/// Everything a credential_provider is built from.
struct provider_options {
    /// Credentials from the connection string or client options (highest priority).
    std::optional<credentials> explicit_credentials;
    /// The application's credential provider, if any.
    custom_credential_callback custom_provider;
    /// Where environment variables come from; read afresh on every lookup.
    environment_lookup environment = process_environment_lookup;
    /// How sources are chosen.
    credential_policy policy = credential_policy::spec;
    /// The network sources: the library's own, unless replaced.
    credential_fetchers fetchers = default_credential_fetchers();
    /// Receives one line per step (source chosen and why, each request), never a secret.
    step_log log;
    /// The wall clock that expirations are compared with.
    wall_clock clock = [] { return std::chrono::system_clock::now(); };
};

/// What happened to one source during a lookup.
enum class attempt_status {
    ok,         ///< it provided the credentials returned
    failed,     ///< it was tried (or configured but unusable) and failed; `detail` says why
    skipped,    ///< not configured, or not tried because another source comes first
    cancelled,  ///< tried, but cancelled because a higher-priority source answered
    unused,     ///< it answered, but a higher-priority source answered too and won
};

/// The name used in reports: `ok`, `failed`, `skipped`, `cancelled`, `unused`.
[[nodiscard]] std::string_view to_string(attempt_status status) noexcept;

/// Writes to_string(status).
std::ostream& operator<<(std::ostream& out, attempt_status status);

/// One line of a lookup's report. Never holds a secret.
struct source_attempt {
    credential_source source;  ///< the source this line is about
    attempt_status status;     ///< what happened to it
    std::string detail;        ///< why skipped or failed, or where the credentials came from
    long long elapsed_ms = 0;  ///< how long the source took (0 when not tried)
};

/// Credentials and where they came from.
struct fetched_credentials {
    credentials creds;         ///< the credentials to sign with
    credential_source source;  ///< the source that provided them
    bool from_cache = false;   ///< true when no source was asked (the cache answered)
    /// What the lookup did with each source, in priority order. A lookup answered by the
    /// cache has only the cached source's line.
    std::vector<source_attempt> attempts;
};

/// Writes one line per attempt: `  ecs: ok (12 ms): ...`.
std::ostream& operator<<(std::ostream& out, const fetched_credentials& fetched);

/// Finds AWS credentials for MONGODB-AWS authentication.
///
/// - Explicit and environment credentials are never cached; the environment is read afresh
///   on every lookup. Credentials from web identity, ECS, EC2 (and from the custom provider
///   when they carry an expiration) are cached while more than 5 minutes remain before they
///   expire; once the cache holds credentials it answers before the environment is read (the
///   specification's rule). Expired credentials are never returned.
/// - Any number of concurrent lookups that find the cache cold or stale share ONE fetch. A
///   lookup that finds valid credentials never waits. A waiter whose deadline passes, or that
///   is cancelled, leaves at once; the shared fetch goes on for the others (and, if every
///   waiter left, until its own deadline, which is that of the lookup that started it; its
///   credentials then fill the cache for the next lookup).
///
/// Threads: the provider is bound to one executor and all its state is touched only there.
/// async_get() may be called from any thread when that executor is a strand or a
/// single-threaded io_context (it only starts a coroutine on the executor). get() must be
/// awaited, and clear() called, from code running on that executor. Destroying the provider
/// cancels a fetch still in flight; the provider must outlive every lookup it started.
class credential_provider {
public:
    /// The time that must remain before expiration for cached credentials to be used.
    static constexpr std::chrono::minutes refresh_window{5};

    /// A provider whose coroutines run on `executor`.
    credential_provider(asio::any_io_executor executor, provider_options options);
    /// Cancels a fetch still in flight (lookups must have ended: see the class comment).
    ~credential_provider();
    credential_provider(const credential_provider&) = delete;
    credential_provider& operator=(const credential_provider&) = delete;
    credential_provider(credential_provider&&) = delete;
    credential_provider& operator=(credential_provider&&) = delete;

    /// Looks credentials up, by `until` at the latest. Errors: errc::no_credentials_found (its
    /// message lists every source and why), errc::environment_credentials_incomplete,
    /// errc::credentials_incomplete, errc::credentials_expired, errc::timeout,
    /// errc::cancelled, errc::credential_source_unavailable, or the chosen source's own error
    /// (its message starts with the source's name).
    [[nodiscard]] asio::awaitable<result<fetched_credentials>> get(deadline until);

    /// get() as an Asio asynchronous operation with completion signature
    /// `void(result<fetched_credentials>)`: works with callbacks, asio::use_future,
    /// asio::use_awaitable, asio::experimental::deferred. The token's cancellation slot
    /// cancels this lookup only.
    template <class CompletionToken>
    auto async_get(deadline until, CompletionToken&& token) {
        return asio::async_initiate<CompletionToken, void(result<fetched_credentials>)>(
            [this](auto handler, deadline when) {
                auto slot = asio::get_associated_cancellation_slot(handler);
                auto handler_executor = asio::get_associated_executor(handler, executor_);
                asio::co_spawn(
                    executor_, get_or_exception(when),
                    asio::bind_cancellation_slot(
                        slot, asio::bind_executor(
                                  handler_executor,
                                  [handler = std::move(handler)](
                                      const std::exception_ptr& thrown,
                                      std::optional<result<fetched_credentials>> outcome) mutable {
                                      std::move(handler)(complete(thrown, std::move(outcome)));
                                  })));
            },
            token, until);
    }

    /// Forgets the cached credentials (call it after an authentication failure); the next
    /// lookup fetches. A fetch already in flight still completes and fills the cache.
    void clear();

    /// The executor the provider runs on.
    [[nodiscard]] asio::any_io_executor get_executor() const noexcept { return executor_; }

private:
    asio::awaitable<result<credentials>> ask(credential_source source, const environment& env,
                                             deadline until) const;
    asio::awaitable<result<fetched_credentials>> fetch_one(credential_source source,
                                                           std::vector<source_attempt> attempts,
                                                           environment env, deadline until) const;
    asio::awaitable<result<fetched_credentials>> race(std::vector<credential_source> candidates,
                                                      std::vector<source_attempt> attempts,
                                                      environment env, deadline until) const;
    asio::awaitable<std::optional<result<fetched_credentials>>> get_or_exception(deadline until);
    void log_line(const std::string& line) const;
    static result<fetched_credentials> complete(const std::exception_ptr& thrown,
                                                std::optional<result<fetched_credentials>> outcome);

    asio::any_io_executor executor_;
    provider_options options_;
    std::unique_ptr<detail::credential_cache> cache_;
};

}  // namespace mongo_aws
