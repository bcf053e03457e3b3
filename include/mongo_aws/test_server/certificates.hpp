// TLS material for tests, made at run time with OpenSSL (no private key is ever committed): a
// trusted CA, a second CA nobody trusts, and server identities signed by them.
#pragma once

#include <filesystem>
#include <string>

namespace mongo_aws::test_server {

/// A server's certificate chain and private key, both in PEM.
struct pem_identity {
    std::string certificate_chain;  ///< the leaf certificate, then its issuer's
    std::string private_key;
};

/// Certificates made for one test run, in a fresh temporary folder removed on destruction.
/// Keys are EC P-256; certificates are valid from an hour ago for a day.
class test_pki {
public:
    /// Makes every CA and identity; throws std::runtime_error naming the OpenSSL call that
    /// failed.
    test_pki();
    ~test_pki();
    test_pki(const test_pki&) = delete;
    test_pki& operator=(const test_pki&) = delete;

    /// The PEM file of the CA the tests trust (what AWS_CA_BUNDLE names in them).
    [[nodiscard]] const std::filesystem::path& trusted_ca_file() const { return trusted_ca_file_; }

    /// The PEM file of a second CA, which the tests never trust.
    [[nodiscard]] const std::filesystem::path& untrusted_ca_file() const {
        return untrusted_ca_file_;
    }

    /// A server identity for `localhost`, 127.0.0.1 and ::1, signed by the trusted CA.
    [[nodiscard]] const pem_identity& localhost() const { return localhost_; }

    /// The same names, signed by the untrusted CA: a client trusting only the trusted CA must
    /// refuse it ("certificate not trusted").
    [[nodiscard]] const pem_identity& localhost_untrusted() const { return localhost_untrusted_; }

    /// An identity for `wrong-host.invalid` only, signed by the trusted CA: a client connecting
    /// to localhost must refuse it ("host name mismatch").
    [[nodiscard]] const pem_identity& wrong_host() const { return wrong_host_; }

    /// The temporary folder holding the CA files.
    [[nodiscard]] const std::filesystem::path& folder() const { return folder_; }

private:
    std::filesystem::path folder_;
    std::filesystem::path trusted_ca_file_;
    std::filesystem::path untrusted_ca_file_;
    pem_identity localhost_;
    pem_identity localhost_untrusted_;
    pem_identity wrong_host_;
};

/// One test_pki shared by all the cases of a test executable, made on first use.
const test_pki& shared_test_pki();

}  // namespace mongo_aws::test_server
