// A scripted HTTP/1.1 server on loopback (plain or TLS), run on the test's io_context: each route
// answers as its script says (at once, late, never, cut short, huge, byte by byte), and every
// request it receives is recorded for the test to check. The base of the IMDS, ECS and STS
// stand-ins.
#pragma once

#include <mongo_aws/http.hpp>
#include <mongo_aws/test_server/certificates.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/ip/address.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mongo_aws::test_server {

/// How a reply's body is delimited.
enum class body_framing {
    content_length,  ///< a Content-Length header
    chunked,         ///< Transfer-Encoding: chunked
    until_close,     ///< neither: the body ends when the stand-in closes the connection
};

/// What the stand-in does with one request: the reply and how it is sent. Build one with the
/// functions below and adjust its fields.
struct reply_script {
    int status = 200;
    std::string reason = "OK";
    /// Sent in order, after which the stand-in adds the framing header (Content-Length or
    /// Transfer-Encoding) and `Connection: close`.
    std::vector<http::header> headers;
    std::string body;
    /// When not zero, the body is this many 'x' bytes instead of `body`, made while sending.
    std::size_t generated_body_bytes = 0;
    body_framing framing = body_framing::content_length;
    /// Waits this long after reading the request before sending anything.
    std::chrono::milliseconds delay{0};
    /// Reads the request, then keeps the connection open and silent until stopped.
    bool never_answer = false;
    /// Reads the request, then closes the connection without a byte of reply.
    bool close_without_answer = false;
    /// Sends the head (announcing the whole body) and this many body bytes, then closes.
    std::optional<std::size_t> close_after_body_bytes;
    /// Sends the body one byte at a time, this long apart.
    std::optional<std::chrono::milliseconds> drip_interval;

    /// The body's length as sent in full.
    [[nodiscard]] std::size_t body_size() const {
        return generated_body_bytes != 0 ? generated_body_bytes : body.size();
    }
};

/// A reply with `status` (its usual reason phrase), `body` and extra `headers`.
reply_script answer(int status, std::string body, std::vector<http::header> headers = {});

/// The same reply, sent `delay` after the request was read.
reply_script answer_after(std::chrono::milliseconds delay, int status, std::string body);

/// Reads the request and never answers.
reply_script never_answer();

/// Reads the request and closes the connection at once.
reply_script close_without_answer();

/// A 200 announcing `body` whole, of which only the first `sent_bytes` are sent before the
/// connection is closed.
reply_script close_mid_body(std::string body, std::size_t sent_bytes);

/// A 200 whose body is `bytes` bytes long, framed as `framing`.
reply_script large_body(std::size_t bytes, body_framing framing = body_framing::content_length);

/// A 200 with `body`, sent one byte every `interval`.
reply_script drip(std::string body, std::chrono::milliseconds interval);

/// One request the stand-in read, and how its reply went.
struct served_request {
    http::request request;
    /// The bytes of the reply written to the socket (head and body).
    std::size_t reply_bytes_sent = 0;
    /// True once the whole reply was written.
    bool reply_complete = false;
};

/// How the stand-in listens.
struct stand_in_options {
    /// The address to listen on (loopback unless you mean otherwise).
    asio::ip::address address = asio::ip::make_address("127.0.0.1");
    /// The port; 0: one the system chooses.
    std::uint16_t port = 0;
    /// When set, the stand-in speaks TLS with this identity (see test_pki).
    std::optional<pem_identity> tls;
};

/// The loopback server. Routes are matched on the request's path (its target up to `?`); a
/// path without a route gets a 404. One request per connection: the stand-in closes after its
/// reply. Everything runs on the given executor; stop() (or the destructor) closes the listener
/// and every connection so that the io_context's run() can return.
class http_stand_in {
public:
    /// Starts listening at once; throws std::system_error when it cannot.
    explicit http_stand_in(const asio::any_io_executor& executor,
                           const stand_in_options& options = {});
    ~http_stand_in();
    http_stand_in(const http_stand_in&) = delete;
    http_stand_in& operator=(const http_stand_in&) = delete;

    /// The n-th request to `path` (0-based) gets scripts[n], or the last script once they run
    /// out. Replaces any earlier script of the route.
    void route(const std::string& path, std::vector<reply_script> scripts);

    /// The same, with one script for every request.
    void route(const std::string& path, reply_script script);

    /// Requests to `path` are answered with what `handler` makes of each (a reply computed when
    /// the request arrives: credentials that expire an hour from now, say). Replaces any script.
    void handle(const std::string& path,
                std::function<reply_script(const http::request& request)> handler);

    /// The port it listens on.
    [[nodiscard]] std::uint16_t port() const;

    /// `http://127.0.0.1:<port>` (or https, or `[::1]`), without a trailing slash.
    [[nodiscard]] std::string base_url() const;

    /// How many connections were accepted (including those that failed the TLS handshake).
    [[nodiscard]] std::size_t connections() const;

    /// How many requests to `path` were read.
    [[nodiscard]] std::size_t request_count(const std::string& path) const;

    /// Every request read, in order of arrival.
    [[nodiscard]] const std::vector<served_request>& requests() const;

    /// Closes the listener and every connection; pending scripts end. Idempotent.
    void stop();

    struct state;  ///< shared with the connections it serves

private:
    std::shared_ptr<state> state_;
};

}  // namespace mongo_aws::test_server
