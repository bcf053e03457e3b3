// A fake credential source for the provider and cache tests: counts its calls, answers after a
// delay, fails, or hangs until cancelled.
#pragma once

#include <mongo_aws/credential_provider.hpp>
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/result.hpp>

#include <asio/experimental/as_tuple.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace mongo_aws::test {

/// One fake source. Keep it alive while the io_context runs.
struct fake_source {
    std::string access_key_id = "AKIDFAKESOURCE00001";
    std::string secret = "fake-secret";
    std::chrono::milliseconds delay{0};
    bool hang = false;             ///< wait until cancelled
    std::optional<error> failure;  ///< answer with this error
    std::optional<std::chrono::system_clock::time_point> expiration =
        std::chrono::system_clock::now() + std::chrono::hours(1);
    int calls = 0;
    int cancelled = 0;  ///< calls that ended by cancellation

    [[nodiscard]] credentials answer() const {
        credentials creds;
        creds.access_key_id = access_key_id;
        creds.secret_access_key = secret_string(secret);
        creds.session_token = secret_string("fake-token");
        creds.expiration = expiration;
        return creds;
    }

    asio::awaitable<result<credentials>> run() {
        ++calls;
        if (delay.count() > 0 || hang) {
            asio::steady_timer timer(co_await asio::this_coro::executor);
            if (hang) {
                timer.expires_at(std::chrono::steady_clock::time_point::max());
            } else {
                timer.expires_after(delay);
            }
            auto [ec] =
                co_await timer.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
            if (ec) {
                ++cancelled;
                co_return make_error(errc::cancelled, "fake source cancelled");
            }
        }
        if (failure) {
            co_return *failure;
        }
        co_return answer();
    }

    /// A fetcher for credential_fetchers.
    credential_fetcher fetcher() {
        return [this](const fetch_context&) { return run(); };
    }

    /// A custom provider callback.
    custom_credential_callback callback() {
        return [this] { return run(); };
    }
};

}  // namespace mongo_aws::test
