// The loopback MongoDB test server on Asio: accepts connections (plain or TLS) and runs one
// test_server::session per connection, on the caller's executor.
#pragma once

#include <mongo_aws/step_log.hpp>
#include <mongo_aws/test_server/certificates.hpp>
#include <mongo_aws/test_server/session.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/ip/address.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace mongo_aws::test_server {

/// Where and how the listener listens.
struct listener_options {
    /// The address (loopback unless you mean otherwise: the server accepts any signature its
    /// users file allows, and is meant for tests).
    asio::ip::address address = asio::ip::make_address("127.0.0.1");
    /// The port; 0: one the system chooses (see mongodb_listener::port()).
    std::uint16_t port = 0;
    /// When set, every connection speaks TLS with this identity.
    std::optional<pem_identity> tls;
    /// Receives one line per connection event and per message answered (each session step's
    /// summary), never a secret; may be empty.
    step_log log;
};

/// Counters, for tests and the CLI.
struct listener_counters {
    std::size_t connections = 0;       ///< accepted
    std::size_t open_connections = 0;  ///< accepted and not yet closed
    std::size_t messages = 0;          ///< messages answered (or hung, or closed on)
    std::size_t authentications = 0;   ///< saslContinue steps that authenticated a connection
    std::size_t refusals = 0;          ///< SASL steps refused (code 18)
};

/// A MongoDB endpoint for tests. Starts listening in its constructor (throws std::system_error
/// when it cannot); stop() or the destructor closes the listener and every connection, so that
/// the io_context's run() can return. Not thread-safe: use it on its executor's thread.
class mongodb_listener {
public:
    /// Listens at once on `executor`, each connection answered by a session with `options`
    /// (check them first with check_options()).
    mongodb_listener(const asio::any_io_executor& executor,
                     std::shared_ptr<const server_options> options,
                     const listener_options& listen = {});
    /// stop().
    ~mongodb_listener();
    mongodb_listener(const mongodb_listener&) = delete;
    mongodb_listener& operator=(const mongodb_listener&) = delete;

    /// The port it listens on.
    [[nodiscard]] std::uint16_t port() const;
    /// `127.0.0.1:<port>` (or `[::1]:<port>`), for a connection string.
    [[nodiscard]] std::string host_and_port() const;
    /// The counters so far.
    [[nodiscard]] const listener_counters& counters() const;
    /// Closes the listener and every connection. Idempotent.
    void stop();

    struct state;  ///< shared with the connections

private:
    std::shared_ptr<state> state_;
};

}  // namespace mongo_aws::test_server
