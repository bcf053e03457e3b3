#include "signature_check.hpp"

#include "quote_untrusted.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

namespace mongo_aws::test_server::internal {
namespace {

constexpr std::string_view token_header = "x-amz-security-token";

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char character) {
        return character >= 'A' && character <= 'Z' ? static_cast<char>(character - 'A' + 'a')
                                                    : character;
    });
    return out;
}

std::string base64(std::span<const std::uint8_t, server_nonce_size> bytes) {
    // 4 characters per 3 bytes, rounded up, and the NUL EVP_EncodeBlock writes.
    std::array<unsigned char, ((server_nonce_size + 2) / 3) * 4 + 1> text{};
    const int length = EVP_EncodeBlock(text.data(), bytes.data(), static_cast<int>(bytes.size()));
    return {reinterpret_cast<const char*>(text.data()), static_cast<std::size_t>(length)};
}

std::string listed(const std::set<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        out += (out.empty() ? "" : ", ") + mongo_aws::detail::quote_untrusted(name, 32);
        if (out.size() > 256) {
            return out + ", ...";
        }
    }
    return out;
}

void wipe(sigv4::signed_headers_result& signed_request) noexcept {
    for (auto& header : signed_request.added_headers) {
        secure_wipe(header.value.data(), header.value.size());
    }
    secure_wipe(signed_request.parts.canonical_request.data(),
                signed_request.parts.canonical_request.size());
    secure_wipe(signed_request.parts.signature.data(), signed_request.parts.signature.size());
    secure_wipe(signed_request.authorization.data(), signed_request.authorization.size());
}

}  // namespace

std::string required_signed_headers(bool with_session_token) {
    std::string out = "content-length;content-type;host;x-amz-date;";
    if (with_session_token) {
        out += std::string(token_header) + ";";
    }
    return out + "x-mongodb-gs2-cb-flag;x-mongodb-server-nonce";
}

std::optional<refusal> check_signed_headers(const authorization_header& header,
                                            bool with_session_token) {
    const std::string required = required_signed_headers(with_session_token);
    if (header.signed_headers == required) {
        return std::nullopt;
    }
    std::set<std::string> wanted;
    for (std::string_view rest = required; !rest.empty();) {
        const auto end = rest.find(';');
        wanted.emplace(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
    std::set<std::string> given;
    for (const auto& name : header.signed_header_names) {
        given.insert(lowercase(name));
    }
    std::set<std::string> missing;
    std::set_difference(wanted.begin(), wanted.end(), given.begin(), given.end(),
                        std::inserter(missing, missing.end()));
    std::set<std::string> extra;
    std::set_difference(given.begin(), given.end(), wanted.begin(), wanted.end(),
                        std::inserter(extra, extra.end()));
    const std::string token_note =
        with_session_token ? " (with a session token, x-amz-security-token is signed too)"
                           : " (without a session token, x-amz-security-token is not signed)";
    if (!missing.empty()) {
        return refusal{rejection::signed_header_missing, "SignedHeaders lacks " + listed(missing) +
                                                             ": MONGODB-AWS signs " + required +
                                                             token_note};
    }
    if (!extra.empty()) {
        return refusal{rejection::signed_header_unexpected,
                       "SignedHeaders has " + listed(extra) +
                           ", which MONGODB-AWS does not sign: it signs exactly " + required +
                           token_note};
    }
    return refusal{rejection::signed_headers_not_canonical,
                   "SignedHeaders " + mongo_aws::detail::quote_untrusted(header.signed_headers) +
                       " names the right headers but not as SigV4 lists them (lowercase, sorted, "
                       "each once): " +
                       required};
}

sigv4::request rebuild_sts_request(std::string_view host,
                                   std::span<const std::uint8_t, server_nonce_size> server_nonce) {
    constexpr std::string_view body = "Action=GetCallerIdentity&Version=2011-06-15";
    sigv4::request req;
    req.method = "POST";
    req.path = "/";
    req.body = std::string(body);
    req.headers = {
        {"Content-Length", std::to_string(body.size())},
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"Host", std::string(host)},
        {"X-MongoDB-GS2-CB-Flag", "n"},
        {"X-MongoDB-Server-Nonce", base64(server_nonce)},
    };
    return req;
}

std::optional<refusal> check_signature(const authorization_header& header,
                                       const client_final_fields& fields,
                                       std::chrono::system_clock::time_point signed_at,
                                       const expectation& expected, const secret_string& secret) {
    credentials creds;
    creds.access_key_id = header.access_key_id;
    creds.secret_access_key = secret;
    if (fields.session_token) {
        creds.session_token = *fields.session_token;
    }
    sigv4::options options;
    options.region = header.region;
    options.service = header.service;
    options.timestamp = signed_at;
    auto signed_request = sigv4::sign_headers(
        rebuild_sts_request(expected.sts_host, expected.server_nonce), creds, options);
    if (!signed_request) {
        return refusal{rejection::signature_mismatch,
                       "the server could not compute the expected signature: " +
                           signed_request.error().message};
    }
    const std::string& computed = signed_request->parts.signature;
    const bool equal =
        computed.size() == header.signature.size() &&
        CRYPTO_memcmp(computed.data(), header.signature.data(), computed.size()) == 0;
    wipe(*signed_request);
    if (equal) {
        return std::nullopt;
    }
    return refusal{rejection::signature_mismatch,
                   "the signature does not match the request the server rebuilt: check the "
                   "secret access key, and that the client signed this conversation's server "
                   "nonce and STS host"};
}

}  // namespace mongo_aws::test_server::internal
