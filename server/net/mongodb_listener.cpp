#include "open_connections.hpp"

#include <mongo_aws/test_server/mongodb_listener.hpp>
#include <mongo_aws/wire.hpp>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read.hpp>
#include <asio/ssl/context.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <openssl/ssl.h>

#include <array>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace mongo_aws::test_server {

namespace {

using tcp = asio::ip::tcp;
constexpr auto as_tuple = asio::experimental::as_tuple(asio::use_awaitable);

template <class Stream>
using connection = internal::stream_connection<Stream>;

template <class Stream>
constexpr bool is_tls = !std::is_same_v<Stream, tcp::socket>;

}  // namespace

struct mongodb_listener::state {
    state(const asio::any_io_executor& executor_, std::shared_ptr<const server_options> options_,
          const listener_options& listen)
        : executor(executor_),
          options(std::move(options_)),
          acceptor(executor_, {listen.address, listen.port}),
          local(acceptor.local_endpoint()),
          log(listen.log) {
        if (listen.tls) {
            tls.emplace(asio::ssl::context::tls_server);
            SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
            tls->use_certificate_chain(asio::buffer(listen.tls->certificate_chain));
            tls->use_private_key(asio::buffer(listen.tls->private_key), asio::ssl::context::pem);
        }
    }

    void report(const std::string& line) const {
        if (log) {
            log(line);
        }
    }

    asio::any_io_executor executor;
    std::shared_ptr<const server_options> options;
    tcp::acceptor acceptor;
    tcp::endpoint local;
    step_log log;
    std::optional<asio::ssl::context> tls;
    listener_counters counters;
    internal::open_connections open;
    std::int64_t next_connection_id = 1;
    bool stopped = false;
};

namespace {

using state_ptr = std::shared_ptr<mongodb_listener::state>;

// Reads and discards until the peer closes: a hung connection answers nothing.
template <class Stream>
asio::awaitable<void> drain(Stream& stream) {
    std::array<std::uint8_t, 4096> sink{};
    while (true) {
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), as_tuple);
        (void)n;
        if (ec) {
            co_return;
        }
    }
}

template <class Stream>
asio::awaitable<void> serve(state_ptr st, std::shared_ptr<connection<Stream>> c, std::string peer) {
    // Counts the connection as open for as long as this coroutine runs.
    struct open_count {
        explicit open_count(listener_counters& c) : counters(c) { ++counters.open_connections; }
        ~open_count() { --counters.open_connections; }
        open_count(const open_count&) = delete;
        open_count& operator=(const open_count&) = delete;
        listener_counters& counters;
    } counted(st->counters);
    const auto id = st->next_connection_id++;
    const std::string name = "connection " + std::to_string(id) + " from " + peer;
    if constexpr (is_tls<Stream>) {
        auto [ec] = co_await c->stream.async_handshake(asio::ssl::stream_base::server, as_tuple);
        if (ec) {
            st->report(name + ": TLS handshake failed: " + ec.message());
            co_return;
        }
    }
    st->report(name + ": open");
    session conversation(st->options, id);
    bool was_authenticated = false;
    while (true) {
        std::array<std::uint8_t, 16> head{};
        auto [read_error, got] = co_await asio::async_read(c->stream, asio::buffer(head), as_tuple);
        (void)got;
        if (read_error) {
            break;
        }
        auto header = wire::decode_header(head);
        if (!header) {
            st->report(name + ": closed: " + header.error().message);
            break;
        }
        std::vector<std::uint8_t> message(static_cast<std::size_t>(header->message_length));
        std::copy(head.begin(), head.end(), message.begin());
        auto [body_error, body_got] = co_await asio::async_read(
            c->stream, asio::buffer(message.data() + head.size(), message.size() - head.size()),
            as_tuple);
        (void)body_got;
        if (body_error) {
            break;
        }
        auto step = conversation.answer(message);
        ++st->counters.messages;
        st->report(name + ": " + step.summary);
        if (conversation.authenticated() && !was_authenticated) {
            ++st->counters.authentications;
        }
        was_authenticated = conversation.authenticated().has_value();
        // session::refuse() marks its summary so: "saslContinue: refused [<reason>] ...".
        if (step.summary.find(": refused [") != std::string::npos) {
            ++st->counters.refusals;
        }
        if (step.what == step::action::close) {
            break;
        }
        if (step.what == step::action::hang) {
            co_await drain(c->stream);
            break;
        }
        if (step.what == step::action::no_reply) {
            continue;
        }
        if (step.delay.count() > 0) {
            c->timer.expires_after(step.delay);
            auto [timer_error] = co_await c->timer.async_wait(as_tuple);
            if (timer_error) {
                break;
            }
        }
        auto [write_error, written] =
            co_await asio::async_write(c->stream, asio::buffer(step.message), as_tuple);
        (void)written;
        if (write_error) {
            break;
        }
    }
    c->close();
    st->report(name + ": closed");
}

template <class Stream>
void start(const state_ptr& st, Stream stream, std::string peer) {
    auto c = std::make_shared<connection<Stream>>(std::move(stream), st->executor);
    st->open.add(c);
    auto& signal = c->signal;
    asio::co_spawn(st->executor, serve(st, std::move(c), std::move(peer)),
                   asio::bind_cancellation_slot(signal.slot(), asio::detached));
}

asio::awaitable<void> accept_loop(state_ptr st) {
    while (!st->stopped) {
        auto [ec, socket] = co_await st->acceptor.async_accept(as_tuple);
        if (ec) {
            if (ec == asio::error::operation_aborted || st->stopped) {
                co_return;
            }
            // Out of descriptors, say: report and keep serving the connections already open.
            st->report("accept failed: " + ec.message());
            asio::steady_timer pause(st->executor, std::chrono::milliseconds(50));
            co_await pause.async_wait(as_tuple);
            continue;
        }
        ++st->counters.connections;
        std::error_code ignored;
        const auto remote = socket.remote_endpoint(ignored);
        std::string peer = remote.address().to_string() + ":" + std::to_string(remote.port());
        socket.set_option(tcp::no_delay(true), ignored);
        if (st->tls) {
            start(st, asio::ssl::stream<tcp::socket>(std::move(socket), *st->tls), std::move(peer));
        } else {
            start(st, std::move(socket), std::move(peer));
        }
    }
}

}  // namespace

mongodb_listener::mongodb_listener(const asio::any_io_executor& executor,
                                   std::shared_ptr<const server_options> options,
                                   const listener_options& listen)
    : state_(std::make_shared<state>(executor, std::move(options), listen)) {
    asio::co_spawn(executor, accept_loop(state_), asio::detached);
}

mongodb_listener::~mongodb_listener() {
    stop();
}

std::uint16_t mongodb_listener::port() const {
    return state_->local.port();
}

std::string mongodb_listener::host_and_port() const {
    const auto address = state_->local.address();
    const auto host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    return host + ":" + std::to_string(port());
}

const listener_counters& mongodb_listener::counters() const {
    return state_->counters;
}

void mongodb_listener::stop() {
    if (state_->stopped) {
        return;
    }
    state_->stopped = true;
    std::error_code ignored;
    state_->acceptor.close(ignored);
    state_->open.close_all();
}

}  // namespace mongo_aws::test_server
