// What a connection holds: its socket (plain or TLS) and what connect() learnt.
#pragma once

#include <mongo_aws/authenticate.hpp>
#include <mongo_aws/connection.hpp>

#include <asio/ip/tcp.hpp>
#include <asio/ssl/context.hpp>
#include <asio/ssl/stream.hpp>

#include <memory>
#include <optional>

namespace mongo_aws {

struct connection::impl {
    std::shared_ptr<asio::ssl::context> tls_context;  ///< kept alive for tls_stream
    std::optional<asio::ip::tcp::socket> plain;
    std::optional<asio::ssl::stream<asio::ip::tcp::socket>> tls_stream;
    std::unique_ptr<byte_stream> bytes;  ///< over `plain` or `tls_stream`
    authentication_summary authentication{};
    connect_timings timings;
    server_description server;

    /// Makes `bytes` read and write the stream that is set.
    void attach() {
        if (tls_stream) {
            bytes = std::make_unique<stream_adapter<asio::ssl::stream<asio::ip::tcp::socket>>>(
                *tls_stream);
        } else {
            bytes = std::make_unique<stream_adapter<asio::ip::tcp::socket>>(*plain);
        }
    }
};

}  // namespace mongo_aws
