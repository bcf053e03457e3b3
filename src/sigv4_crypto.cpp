#include "sigv4_crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <climits>
#include <new>
#include <stdexcept>

namespace mongo_aws::sigv4::detail {

// With OpenSSL's default provider, SHA-256 and HMAC fail only when an allocation fails.
digest sha256(std::string_view data) {
    digest out{};
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr) != 1 ||
        length != out.size()) {
        throw std::bad_alloc();
    }
    return out;
}

digest hmac_sha256(std::span<const std::uint8_t> key, std::string_view data) {
    if (key.size() > static_cast<std::size_t>(INT_MAX)) {
        throw std::length_error("HMAC key longer than INT_MAX bytes");
    }
    digest out{};
    unsigned int length = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), bytes, data.size(), out.data(),
             &length) == nullptr ||
        length != out.size()) {
        throw std::bad_alloc();
    }
    return out;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(bytes.size() * 2);
    for (const std::uint8_t byte : bytes) {
        text += digits[byte >> 4U];
        text += digits[byte & 0x0FU];
    }
    return text;
}

}  // namespace mongo_aws::sigv4::detail
