#include "command_channel.hpp"
#include "connection_impl.hpp"
#include "deadline.hpp"
#include "handshake_commands.hpp"

#include <mongo_aws/connection.hpp>

#include <string>
#include <utility>

namespace mongo_aws {

connection::connection(std::unique_ptr<impl> state) : impl_(std::move(state)) {}
connection::connection(connection&&) noexcept = default;
connection& connection::operator=(connection&&) noexcept = default;
connection::~connection() {
    close();
}

void connection::close() noexcept {
    if (!impl_) {
        return;
    }
    std::error_code ignored;
    if (impl_->tls_stream) {
        impl_->tls_stream->lowest_layer().close(ignored);
    }
    if (impl_->plain) {
        impl_->plain->close(ignored);
    }
}

const authentication_summary& connection::authentication() const noexcept {
    return impl_->authentication;
}

const connect_timings& connection::timings() const noexcept {
    return impl_->timings;
}

const server_description& connection::server() const noexcept {
    return impl_->server;
}

asio::awaitable<result<bson_document>> connection::run_command(std::string_view database,
                                                               bson_document command,
                                                               deadline until) {
    auto command_name = detail::command_name(command);
    const std::string what = command_name + " on " + impl_->server.endpoint;
    auto exchange = [](byte_stream& stream, bson_document doc, std::string db,
                       std::string name) -> asio::awaitable<result<bson_document>> {
        auto reply = co_await detail::run_command(stream, doc.bytes(), db, name);
        if (!reply) {
            co_return std::move(reply).error();
        }
        if (auto ok = detail::check_command_ok(reply->body(), name); !ok) {
            co_return std::move(ok).error();
        }
        co_return reply->body();
    };
    auto reply = co_await detail::with_deadline(
        exchange(*impl_->bytes, std::move(command), std::string(database), command_name), until,
        what);
    co_return reply;
}

asio::awaitable<result<void>> connection::ping(deadline until) {
    auto reply = co_await run_command("admin", detail::simple_command("ping"), until);
    if (!reply) {
        co_return std::move(reply).error();
    }
    co_return result<void>{};
}

asio::awaitable<result<std::vector<std::string>>> connection::authenticated_users(deadline until) {
    auto reply = co_await run_command("admin", detail::simple_command("connectionStatus"), until);
    if (!reply) {
        co_return std::move(reply).error();
    }
    co_return detail::read_authenticated_users(*reply);
}

}  // namespace mongo_aws
