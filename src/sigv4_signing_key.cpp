// The SigV4 signing key: derivation from the secret, and wiping.
#include "sigv4_crypto.hpp"

#include <mongo_aws/secret.hpp>
#include <mongo_aws/sigv4.hpp>

namespace mongo_aws::sigv4 {
namespace {

// Wipes a key-sized intermediate when it goes out of scope, exceptions included.
struct wiped_digest {
    detail::digest bytes{};
    wiped_digest() = default;
    explicit wiped_digest(const detail::digest& value) : bytes(value) {}
    wiped_digest(const wiped_digest&) = delete;
    wiped_digest& operator=(const wiped_digest&) = delete;
    ~wiped_digest() { secure_wipe(bytes.data(), bytes.size()); }
};

// "AWS4" + secret, in memory that is wiped whether it lives inline or on the heap.
struct prefixed_secret {
    secret_string::storage text;
    explicit prefixed_secret(std::string_view secret) {
        text.reserve(4 + secret.size());
        text.append("AWS4");
        text.append(secret.data(), secret.size());
    }
    prefixed_secret(const prefixed_secret&) = delete;
    prefixed_secret& operator=(const prefixed_secret&) = delete;
    ~prefixed_secret() { secure_wipe(text.data(), text.capacity()); }

    [[nodiscard]] std::span<const std::uint8_t> bytes() const noexcept {
        return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
    }
};

}  // namespace

signing_key::~signing_key() {
    secure_wipe(bytes_.data(), bytes_.size());
}

bool signing_key::matches(std::string_view day, std::string_view region,
                          std::string_view service) const noexcept {
    return !day_.empty() && day_ == day && region_ == region && service_ == service;
}

signing_key derive_signing_key(std::string_view secret_access_key, std::string_view day,
                               std::string_view region, std::string_view service) {
    const prefixed_secret secret(secret_access_key);
    const wiped_digest date_key(detail::hmac_sha256(secret.bytes(), day));
    const wiped_digest region_key(detail::hmac_sha256(date_key.bytes, region));
    const wiped_digest service_key(detail::hmac_sha256(region_key.bytes, service));

    signing_key key;
    key.bytes_ = detail::hmac_sha256(service_key.bytes, "aws4_request");
    key.day_ = day;
    key.region_ = region;
    key.service_ = service;
    return key;
}

}  // namespace mongo_aws::sigv4
