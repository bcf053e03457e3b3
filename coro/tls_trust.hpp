// Which certificate authorities the HTTPS client trusts, and where that trust came from (for
// messages: "certificate not trusted" is only actionable when the user knows which CAs counted).
#pragma once

#include <mongo_aws/environment.hpp>
#include <mongo_aws/result.hpp>

#include <asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace mongo_aws::detail {

/// A TLS client context that verifies the server's certificate, and a description of the CAs it
/// trusts. Build it once and share it between requests: loading a trust store takes a while.
struct tls_trust {
    std::shared_ptr<asio::ssl::context> context;
    /// Where the trusted CAs come from, for messages: "the CA file /etc/x.pem (AWS_CA_BUNDLE)"
    /// or "the system trust store".
    std::string source;
};

/// A client context (TLS 1.2 or later, peer verification on) trusting:
/// - the PEM file named by AWS_CA_BUNDLE, when set and not empty (as the AWS SDKs do);
/// - otherwise the PEM file named by SSL_CERT_FILE, when set and not empty;
/// - otherwise the system trust store (OpenSSL's default paths).
/// Errors: errc::tls_ca_file_unusable naming the file, the variable that named it and OpenSSL's
/// reason (a missing file, a file with no certificate).
result<tls_trust> make_tls_trust(
    const environment_lookup& environment = process_environment_lookup);

/// A client context trusting only the CAs of the PEM file `ca_file`; `source` says who chose it
/// (for messages). Errors: errc::tls_ca_file_unusable.
result<tls_trust> make_tls_trust_from_file(const std::string& ca_file, const std::string& source);

}  // namespace mongo_aws::detail
