#include "tls_handshake.hpp"

#include "resolve.hpp"

#include <asio/experimental/as_tuple.hpp>
#include <asio/ssl/error.hpp>
#include <asio/ssl/host_name_verification.hpp>
#include <asio/use_awaitable.hpp>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <string>
#include <utility>

namespace mongo_aws::detail {

namespace {

using tcp = asio::ip::tcp;

// What the certificate check found, recorded by the verify callback: OpenSSL's own error says
// only "certificate verify failed".
struct verify_outcome {
    int error = X509_V_OK;
    int depth = 0;
    bool host_mismatch = false;
};

error tls_error(const std::string& name, const std::string& host, const tls_trust& trust,
                const verify_outcome& verified, const std::error_code& ec,
                std::string_view trust_advice) {
    std::string message = name + ": TLS handshake failed: ";
    if (verified.host_mismatch) {
        message += "host name mismatch: the server's certificate is not valid for '" + host +
                   "'; check the host name you connect to";
    } else if (verified.error != X509_V_OK) {
        message += "certificate not trusted: " +
                   std::string(X509_verify_cert_error_string(verified.error)) + " (at depth " +
                   std::to_string(verified.depth) + "); trusted CAs: " + trust.source + "; " +
                   std::string(trust_advice);
    } else if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) {
        message += "the server closed the connection; check that it speaks TLS on this port";
    } else {
        message += ec.message() + "; check that the server speaks TLS on this port";
    }
    return make_error(errc::tls_failed, std::move(message));
}

}  // namespace

asio::awaitable<result<void>> tls_handshake(asio::ssl::stream<tcp::socket>& stream,
                                            const std::string& host, const tls_trust& trust,
                                            const std::string& name,
                                            std::string_view trust_advice) {
    // RFC 6066 section 3: server names only, never an IP address. (SSL_set_tlsext_host_name
    // is a macro with a C cast; this is its expansion.)
    if (!parse_ip_literal(host) &&
        SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(host.c_str())) != 1) {
        co_return make_error(errc::tls_failed, name + ": cannot set the TLS server name");
    }
    verify_outcome verified;
    std::error_code ec;
    stream.set_verify_mode(asio::ssl::verify_peer, ec);
    if (!ec) {
        stream.set_verify_callback(
            [&verified, check = asio::ssl::host_name_verification(host)](
                bool preverified, asio::ssl::verify_context& context) {
                if (!preverified) {
                    if (verified.error == X509_V_OK) {
                        verified.error = X509_STORE_CTX_get_error(context.native_handle());
                        verified.depth = X509_STORE_CTX_get_error_depth(context.native_handle());
                    }
                    return false;
                }
                if (!check(preverified, context)) {
                    verified.host_mismatch = true;
                    return false;
                }
                return true;
            },
            ec);
    }
    if (ec) {
        co_return make_error(errc::tls_failed,
                             name + ": cannot set up certificate verification: " + ec.message());
    }
    auto [handshake_error] = co_await stream.async_handshake(
        asio::ssl::stream_base::client, asio::experimental::as_tuple(asio::use_awaitable));
    if (handshake_error) {
        co_return tls_error(name, host, trust, verified, handshake_error, trust_advice);
    }
    co_return result<void>{};
}

}  // namespace mongo_aws::detail
