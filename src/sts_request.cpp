#include <mongo_aws/sts_request.hpp>

#include <openssl/evp.h>

#include <array>
#include <string>

namespace mongo_aws {
namespace {

std::string base64(std::span<const std::uint8_t, server_nonce_size> bytes) {
    // EVP_EncodeBlock writes 4 characters per 3 bytes (rounded up) and a terminating NUL.
    std::array<unsigned char, ((server_nonce_size + 2) / 3) * 4 + 1> text{};
    const int length = EVP_EncodeBlock(text.data(), bytes.data(), static_cast<int>(bytes.size()));
    return {reinterpret_cast<const char*>(text.data()), static_cast<std::size_t>(length)};
}

}  // namespace

sigv4::request make_sts_request(std::string_view host,
                                std::span<const std::uint8_t, server_nonce_size> server_nonce) {
    sigv4::request req;
    req.method = "POST";
    req.path = "/";
    req.body = std::string(sts_request_body);
    req.headers = {
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"Content-Length", std::to_string(sts_request_body.size())},
        {"Host", std::string(host)},
        {"X-MongoDB-Server-Nonce", base64(server_nonce)},
        {"X-MongoDB-GS2-CB-Flag", "n"},
    };
    return req;
}

}  // namespace mongo_aws
