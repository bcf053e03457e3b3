// Asking several credential sources at once, for the sdk_fallback policy: the highest-priority
// source that succeeds wins, as soon as every source above it has failed, and the others are
// cancelled. A lookup then takes as long as its winner, not the sum of every timeout.
#pragma once

#include <mongo_aws/credential_sources.hpp>
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/result.hpp>

#include <asio/awaitable.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace mongo_aws::detail {

/// What a race made of each candidate (indexes follow the candidates given).
struct race_outcome {
    /// Each candidate's answer; nothing for one cancelled before it answered.
    std::vector<std::optional<result<credentials>>> answers;
    /// How long each candidate ran, in milliseconds.
    std::vector<long long> elapsed_ms;
    /// The index of the winner: the first candidate that succeeded while all before it failed.
    std::optional<std::size_t> winner;
};

/// Asks one source; must honour cancellation and never throw.
using source_asker = std::function<asio::awaitable<result<credentials>>(credential_source)>;

/// Runs `ask` for every candidate (in priority order) concurrently on the current executor and
/// returns once the winner is known (or all failed) and every other branch has been cancelled
/// and has ended. When the calling coroutine is cancelled, every branch is cancelled and the
/// race returns without a winner. `ask` must stay valid until the race returns.
asio::awaitable<race_outcome> race_by_priority(std::vector<credential_source> candidates,
                                               source_asker ask);

}  // namespace mongo_aws::detail
