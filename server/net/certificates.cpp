#include <mongo_aws/test_server/certificates.hpp>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace mongo_aws::test_server {
namespace {

struct key_deleter {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct cert_deleter {
    void operator()(X509* cert) const { X509_free(cert); }
};
struct bio_deleter {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
struct extension_deleter {
    void operator()(X509_EXTENSION* extension) const { X509_EXTENSION_free(extension); }
};
using key_ptr = std::unique_ptr<EVP_PKEY, key_deleter>;
using cert_ptr = std::unique_ptr<X509, cert_deleter>;
using bio_ptr = std::unique_ptr<BIO, bio_deleter>;
using extension_ptr = std::unique_ptr<X509_EXTENSION, extension_deleter>;

void check(bool ok, const char* call) {
    if (!ok) {
        throw std::runtime_error(std::string("test certificates: ") + call + " failed");
    }
}

key_ptr make_key() {
    key_ptr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EVP_EC_gen");
    return key;
}

// A CA or a server certificate for `subject_alt_names` (such as "DNS:localhost,IP:::1").
struct certificate_request {
    std::string common_name;
    bool is_ca = false;
    std::string subject_alt_names;
};

void add_extension(X509* cert, X509V3_CTX* context, int nid, const std::string& value) {
    extension_ptr extension(X509V3_EXT_conf_nid(nullptr, context, nid, value.c_str()));
    check(extension != nullptr, "X509V3_EXT_conf_nid");
    check(X509_add_ext(cert, extension.get(), -1) == 1, "X509_add_ext");
}

// Self-signed when `issuer` is null.
cert_ptr make_certificate(const certificate_request& request, EVP_PKEY* key, X509* issuer,
                          EVP_PKEY* issuer_key) {
    cert_ptr cert(X509_new());
    check(cert != nullptr, "X509_new");
    check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "X509_set_version");

    unsigned char serial_bytes[16];
    check(RAND_bytes(serial_bytes, sizeof serial_bytes) == 1, "RAND_bytes");
    serial_bytes[0] &= 0x7fU;  // a positive serial number
    BIGNUM* serial = BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr);
    check(serial != nullptr, "BN_bin2bn");
    const bool serial_set =
        BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get())) != nullptr;
    BN_free(serial);
    check(serial_set, "BN_to_ASN1_INTEGER");

    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "X509_gmtime_adj");
    check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24L * 3600) != nullptr,
          "X509_gmtime_adj");
    check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");

    X509_NAME* name = X509_get_subject_name(cert.get());
    const auto* common_name = reinterpret_cast<const unsigned char*>(request.common_name.c_str());
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, common_name, -1, -1, 0) == 1,
          "X509_NAME_add_entry_by_txt");
    X509* signer = issuer != nullptr ? issuer : cert.get();
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) == 1,
          "X509_set_issuer_name");

    X509V3_CTX context;
    X509V3_set_ctx(&context, signer, cert.get(), nullptr, nullptr, 0);
    if (request.is_ca) {
        add_extension(cert.get(), &context, NID_basic_constraints, "critical,CA:TRUE");
        add_extension(cert.get(), &context, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        add_extension(cert.get(), &context, NID_basic_constraints, "critical,CA:FALSE");
        add_extension(cert.get(), &context, NID_key_usage, "critical,digitalSignature");
        add_extension(cert.get(), &context, NID_ext_key_usage, "serverAuth");
        add_extension(cert.get(), &context, NID_subject_alt_name, request.subject_alt_names);
    }
    add_extension(cert.get(), &context, NID_subject_key_identifier, "hash");
    add_extension(cert.get(), &context, NID_authority_key_identifier, "keyid:always");

    check(X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key, EVP_sha256()) > 0,
          "X509_sign");
    return cert;
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    check(size >= 0 && data != nullptr, "BIO_get_mem_data");
    return {data, static_cast<std::size_t>(size)};
}

std::string certificate_pem(X509* cert) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    check(bio != nullptr && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
    return bio_text(bio.get());
}

std::string key_pem(EVP_PKEY* key) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    check(bio != nullptr &&
              PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "PEM_write_bio_PrivateKey");
    return bio_text(bio.get());
}

struct authority {
    key_ptr key;
    cert_ptr cert;
};

authority make_authority(const std::string& common_name) {
    authority ca{make_key(), nullptr};
    ca.cert = make_certificate({common_name, true, {}}, ca.key.get(), nullptr, nullptr);
    return ca;
}

pem_identity make_identity(const authority& ca, const std::string& common_name,
                           const std::string& subject_alt_names) {
    const auto key = make_key();
    const auto cert = make_certificate({common_name, false, subject_alt_names}, key.get(),
                                       ca.cert.get(), ca.key.get());
    return {certificate_pem(cert.get()) + certificate_pem(ca.cert.get()), key_pem(key.get())};
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush()) {
        throw std::runtime_error("test certificates: cannot write " + path.string());
    }
}

std::filesystem::path make_temporary_folder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "mongo-aws-pki-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(),
                                "test certificates: mkdtemp " + pattern);
    }
    return {buffer.data()};
}

}  // namespace

test_pki::test_pki() : folder_(make_temporary_folder()) {
    const auto trusted = make_authority("mongo-aws test CA");
    const auto untrusted = make_authority("mongo-aws untrusted test CA");
    const std::string localhost_names = "DNS:localhost,IP:127.0.0.1,IP:::1";
    localhost_ = make_identity(trusted, "localhost", localhost_names);
    localhost_untrusted_ = make_identity(untrusted, "localhost", localhost_names);
    wrong_host_ = make_identity(trusted, "wrong-host.invalid", "DNS:wrong-host.invalid");

    trusted_ca_file_ = folder_ / "trusted-ca.pem";
    untrusted_ca_file_ = folder_ / "untrusted-ca.pem";
    write_file(trusted_ca_file_, certificate_pem(trusted.cert.get()));
    write_file(untrusted_ca_file_, certificate_pem(untrusted.cert.get()));
}

test_pki::~test_pki() {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

const test_pki& shared_test_pki() {
    static const test_pki instance;
    return instance;
}

}  // namespace mongo_aws::test_server
