#include "support/client_final_payloads.hpp"

#include "support/sasl_payloads.hpp"

#include <mongo_aws/conversation.hpp>

#include <bson/bson.h>

#include <algorithm>
#include <stdexcept>

namespace mongo_aws::test {

std::array<std::uint8_t, server_nonce_size> fixed_server_nonce() {
    const auto client = fixed_client_nonce(1);
    const auto bytes = server_nonce_for(client);
    std::array<std::uint8_t, server_nonce_size> out{};
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

std::vector<std::uint8_t> conversation_payload(const credentials& creds, std::string_view host,
                                               std::chrono::system_clock::time_point signed_at) {
    const auto client = fixed_client_nonce(1);
    conversation conv(
        [&](std::span<std::uint8_t> out) { std::copy(client.begin(), client.end(), out.begin()); });
    conv.client_first().value();
    const auto s = fixed_server_nonce();
    conv.server_first(server_first_payload(s, host)).value();
    return conv.client_final(creds, signed_at).value();
}

std::vector<std::uint8_t> client_final_document(std::string_view authorization,
                                                std::string_view amz_date,
                                                std::optional<std::string_view> session_token) {
    bson_t doc;
    bson_init(&doc);
    bson_append_utf8(&doc, "a", -1, authorization.data(), static_cast<int>(authorization.size()));
    bson_append_utf8(&doc, "d", -1, amz_date.data(), static_cast<int>(amz_date.size()));
    if (session_token) {
        bson_append_utf8(&doc, "t", -1, session_token->data(),
                         static_cast<int>(session_token->size()));
    }
    auto bytes = bytes_of(&doc);
    bson_destroy(&doc);
    return bytes;
}

client_final_parts parts_of(const std::vector<std::uint8_t>& payload) {
    bson_t doc;
    if (!bson_init_static(&doc, payload.data(), payload.size())) {
        throw std::invalid_argument("not a BSON document");
    }
    client_final_parts parts;
    bson_iter_t iter;
    bson_iter_init(&iter, &doc);
    while (bson_iter_next(&iter)) {
        if (!BSON_ITER_HOLDS_UTF8(&iter)) {
            throw std::invalid_argument("a field that is not a string");
        }
        std::uint32_t length = 0;
        const char* text = bson_iter_utf8(&iter, &length);
        const std::string value(text, length);
        const std::string_view key = bson_iter_key(&iter);
        if (key == "a") {
            parts.authorization = value;
        } else if (key == "d") {
            parts.amz_date = value;
        } else if (key == "t") {
            parts.session_token = value;
        }
    }
    return parts;
}

std::vector<std::uint8_t> sign_and_package(const sigv4::request& req, const credentials& creds,
                                           std::string_view region,
                                           std::chrono::system_clock::time_point signed_at,
                                           std::string_view service) {
    sigv4::options options;
    options.region = std::string(region);
    options.service = std::string(service);
    options.timestamp = signed_at;
    const auto signed_request = sigv4::sign_headers(req, creds, options).value();
    std::optional<std::string_view> token;
    if (!creds.session_token.empty()) {
        token = creds.session_token.reveal();
    }
    return client_final_document(signed_request.authorization, signed_request.amz_date, token);
}

}  // namespace mongo_aws::test
