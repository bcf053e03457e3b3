#include "tls_trust.hpp"

#include <openssl/ssl.h>

namespace mongo_aws::detail {
namespace {

// TLS 1.0 and 1.1 are deprecated (RFC 8996); every AWS endpoint speaks 1.2 or later.
result<std::shared_ptr<asio::ssl::context>> make_client_context() {
    auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    if (SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) {
        return make_error(errc::tls_failed, "cannot require TLS 1.2 in the TLS context");
    }
    context->set_verify_mode(asio::ssl::verify_peer);
    return context;
}

}  // namespace

result<tls_trust> make_tls_trust_from_file(const std::string& ca_file, const std::string& source) {
    auto context = make_client_context();
    if (!context) {
        return std::move(context).error();
    }
    std::error_code ec;
    (*context)->load_verify_file(ca_file, ec);
    if (ec) {
        return make_error(errc::tls_ca_file_unusable,
                          "cannot load the CA file '" + ca_file + "' (" + source +
                              "): " + ec.message() +
                              "; check that it exists, is readable and holds PEM certificates");
    }
    return tls_trust{std::move(*context), "the CA file " + ca_file + " (" + source + ")"};
}

result<tls_trust> make_tls_trust(const environment_lookup& environment) {
    for (const char* variable : {"AWS_CA_BUNDLE", "SSL_CERT_FILE"}) {
        auto value = environment(variable);
        if (value && !value->empty()) {
            return make_tls_trust_from_file(*value, std::string("named by ") + variable);
        }
    }
    auto context = make_client_context();
    if (!context) {
        return std::move(context).error();
    }
    std::error_code ec;
    (*context)->set_default_verify_paths(ec);
    if (ec) {
        return make_error(errc::tls_ca_file_unusable,
                          "cannot load the system trust store: " + ec.message() +
                              "; set AWS_CA_BUNDLE to a PEM file of trusted CAs");
    }
    return tls_trust{std::move(*context), "the system trust store"};
}

}  // namespace mongo_aws::detail
