// The connections a loopback server has open, so that stop() can end them from outside their
// coroutines: each is closed and its coroutine cancelled. Shared by the MongoDB listener and
// the HTTP stand-in.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/steady_timer.hpp>

#include <memory>
#include <system_error>
#include <utility>
#include <vector>

namespace mongo_aws::test_server::internal {

/// One connection as stop() sees it.
struct closable_connection {
    closable_connection() = default;
    virtual ~closable_connection() = default;
    closable_connection(const closable_connection&) = delete;
    closable_connection& operator=(const closable_connection&) = delete;
    closable_connection(closable_connection&&) = delete;
    closable_connection& operator=(closable_connection&&) = delete;

    /// Closes the socket (any pending operation ends with an error).
    virtual void close() = 0;

    /// Bound to the connection's coroutine: emitting it cancels that coroutine.
    asio::cancellation_signal signal;
};

/// A connection over `Stream` (a TCP socket or a TLS stream over one), with a timer for the
/// delays a script or a fault asks for.
template <class Stream>
struct stream_connection final : closable_connection {
    stream_connection(Stream s, const asio::any_io_executor& executor)
        : stream(std::move(s)), timer(executor) {}
    void close() override {
        std::error_code ignored;
        stream.lowest_layer().close(ignored);
    }
    Stream stream;
    asio::steady_timer timer;
};

/// The open connections, held weakly (a connection lives as long as its coroutine).
class open_connections {
public:
    /// Records `connection`, forgetting the ones that have ended.
    void add(const std::shared_ptr<closable_connection>& connection) {
        std::erase_if(open_, [](const auto& weak) { return weak.expired(); });
        open_.push_back(connection);
    }

    /// Cancels and closes every connection still open.
    void close_all() {
        for (const auto& weak : open_) {
            if (auto connection = weak.lock()) {
                connection->signal.emit(asio::cancellation_type::terminal);
                connection->close();
            }
        }
    }

private:
    std::vector<std::weak_ptr<closable_connection>> open_;
};

}  // namespace mongo_aws::test_server::internal
