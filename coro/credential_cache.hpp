// The credential cache: credentials from the slow sources, kept while they are fresh enough,
// and ONE fetch shared by every caller that finds them missing or stale. Runs on one
// executor; no mutex (nothing is held across a suspension: waiters park on a timer).
#pragma once

#include <mongo_aws/credential_provider.hpp>
#include <mongo_aws/result.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace mongo_aws::detail {

/// Whether credentials from `source` may be kept: always for web identity, ECS and EC2; for
/// the custom provider only when they carry an expiration; never for explicit or environment.
[[nodiscard]] bool cacheable(const fetched_credentials& fetched) noexcept;

/// errc::credentials_expired when `creds` expired at or before `now` (the message names the
/// source and the expiration time); the credentials otherwise.
[[nodiscard]] result<void> check_not_expired(const credentials& creds, credential_source source,
                                             std::chrono::system_clock::time_point now);

/// A cache of one set of credentials, with coalesced fetches.
class credential_cache {
public:
    /// The fetch run on a miss; it must honour `deadline` and cancellation.
    using fetch_function = std::function<asio::awaitable<result<fetched_credentials>>(deadline)>;

    /// A cache whose fetches run on `executor`; `clock` judges expirations.
    credential_cache(asio::any_io_executor executor, wall_clock clock);
    /// Cancels a fetch still in flight (its waiters, if any, get errc::cancelled).
    ~credential_cache();
    credential_cache(const credential_cache&) = delete;
    credential_cache& operator=(const credential_cache&) = delete;
    credential_cache(credential_cache&&) = delete;
    credential_cache& operator=(credential_cache&&) = delete;

    /// The cached credentials when more than `credential_provider::refresh_window` remains
    /// before they expire (or they have no expiration), marked from_cache; nothing otherwise.
    [[nodiscard]] std::optional<fetched_credentials> lookup() const;

    /// lookup(), or else the outcome of the fetch in flight, starting `fetch` (under `until`)
    /// when none is. Credentials already expired are an error; credentials that are fresh but
    /// inside the refresh window are returned to this fetch's waiters but not kept; errors
    /// are never kept. This caller stops waiting at `until` (errc::timeout) or when it is
    /// cancelled (errc::cancelled) without disturbing the fetch; `what` names the wait in
    /// such errors.
    asio::awaitable<result<fetched_credentials>> get(const fetch_function& fetch, deadline until,
                                                     std::string what);

    /// Forgets the cached credentials. A fetch in flight still completes and fills the cache.
    void clear() noexcept;

    /// True while a fetch is in flight.
    [[nodiscard]] bool fetching() const noexcept;

private:
    struct state;
    std::shared_ptr<state> state_;
};

}  // namespace mongo_aws::detail
