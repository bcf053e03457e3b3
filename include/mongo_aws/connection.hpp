// A MongoDB connection opened and authenticated with MONGODB-AWS: connect() from a connection
// string, then commands (ping, connectionStatus) on it.
#pragma once

#include <mongo_aws/authenticate.hpp>
#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/credential_provider.hpp>
#include <mongo_aws/environment.hpp>
#include <mongo_aws/result.hpp>
#include <mongo_aws/step_log.hpp>

#include <asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mongo_aws {

/// How connect() runs.
struct connect_options {
    /// Where credentials come from when the connection string has none (no user name). Share
    /// one provider between connections: one cache, one fetch for all of them. It must run on
    /// the executor connect() runs on and outlive every connect() that uses it. When null,
    /// connect() makes a provider for the call (default fetchers, the process environment).
    credential_provider* provider = nullptr;
    /// Bounds the whole of connect(), from resolution to the end of authentication. When
    /// absent: the connection string's timeoutMS, else its connectTimeoutMS, else 10 s
    /// (a value of 0 there means no bound, as in every driver).
    std::optional<std::chrono::milliseconds> timeout;
    /// Receives one line per step, never a secret; may be empty.
    step_log log;
    /// Where SSL_CERT_FILE is read for TLS without tlsCAFile (else the system trust store).
    environment_lookup environment = process_environment_lookup;
    /// The application name sent in the handshake's client metadata (appName), if any.
    std::string app_name;
};

/// How long each step of connect() took, in milliseconds (0 for a step not taken).
struct connect_timings {
    long long resolve_ms = 0;      ///< name resolution
    long long tcp_ms = 0;          ///< the TCP connection
    long long tls_ms = 0;          ///< the TLS handshake
    long long hello_ms = 0;        ///< the driver handshake (isMaster)
    long long credentials_ms = 0;  ///< from connect()'s start until credentials were ready
    long long auth_ms = 0;         ///< saslStart to the end of the conversation
    long long total_ms = 0;        ///< the whole of connect()
};

/// What the server said in the handshake.
struct server_description {
    std::string endpoint;      ///< `host:port` connected to
    int max_wire_version = 0;  ///< maxWireVersion (MONGODB-AWS needs 9, MongoDB 4.4)
    bool tls = false;          ///< the connection uses TLS
};

/// An open, authenticated connection. Move-only; closing or destroying it closes the socket.
/// Use it from one coroutine at a time, on the executor it was opened on.
class connection {
public:
    struct impl;  ///< the socket or TLS stream

    /// Made by connect() only.
    explicit connection(std::unique_ptr<impl> state);
    /// Moves the open connection; the moved-from one may only be destroyed or assigned to.
    connection(connection&&) noexcept;
    /// Closes this connection, then takes `other`'s.
    connection& operator=(connection&&) noexcept;
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    /// Closes the connection.
    ~connection();

    /// Runs `command` (a BSON document; its first field names the command) on `database` over
    /// OP_MSG and returns the reply document, by `until` at the latest. `ok: 0` is
    /// errc::command_failed with the server's code and message. After an error other than
    /// command_failed, the connection is in an unknown state: close it.
    asio::awaitable<result<bson_document>> run_command(std::string_view database,
                                                       bson_document command, deadline until);

    /// `{ping: 1}` on admin.
    asio::awaitable<result<void>> ping(deadline until);

    /// The users the server says are authenticated on this connection (`connectionStatus`):
    /// for MONGODB-AWS, the IAM ARN in `$external`.
    asio::awaitable<result<std::vector<std::string>>> authenticated_users(deadline until);

    /// What the authentication did.
    [[nodiscard]] const authentication_summary& authentication() const noexcept;
    /// How long each step of connect() took.
    [[nodiscard]] const connect_timings& timings() const noexcept;
    /// What the server said in the handshake.
    [[nodiscard]] const server_description& server() const noexcept;

    /// Closes the connection (idempotent).
    void close() noexcept;

private:
    std::unique_ptr<impl> impl_;
};

/// Opens a connection to the first host of `uri` that answers (`mongodb://host[:port],...`;
/// TLS when `tls=true`, trusting `tlsCAFile` or else SSL_CERT_FILE or the system store, with
/// host-name verification), runs the driver handshake (a legacy OP_QUERY `isMaster` with
/// `helloOk` and the client metadata, as drivers do), and authenticates with MONGODB-AWS.
/// The credential lookup starts at once, concurrently with resolution, TCP, TLS and the
/// handshake. Credentials in the URI (user name = access key id, password = secret key,
/// authMechanismProperties=AWS_SESSION_TOKEN:...) win over every other source.
/// Errors: the connection string's (errc::uri_*; another authMechanism than MONGODB-AWS is
/// errc::uri_invalid_auth_mechanism), errc::resolve_failed, connect_failed, tls_failed,
/// tls_ca_file_unusable, the handshake's (errc::command_failed; a server older than 4.4 is
/// errc::server_too_old), the credential provider's (then no saslStart is sent), and
/// authenticate()'s; errc::timeout naming the step the deadline interrupted; errc::cancelled.
asio::awaitable<result<connection>> connect(std::string_view uri, connect_options options = {});

}  // namespace mongo_aws
