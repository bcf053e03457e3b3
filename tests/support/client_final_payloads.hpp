// Client-final payloads `{a, d, t}` for the test server's verifier: made by the client's real
// conversation, or signed by hand from a (possibly altered) STS request to break one rule.
#pragma once

#include <mongo_aws/credentials.hpp>
#include <mongo_aws/sigv4.hpp>
#include <mongo_aws/sts_request.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mongo_aws::test {

/// `s` for the client nonce fixed_client_nonce(1): bytes 1..32, then 200..231.
std::array<std::uint8_t, server_nonce_size> fixed_server_nonce();

/// The saslContinue payload the client's conversation (conversation.hpp) makes with the nonce
/// fixed_client_nonce(1), after a server-first payload `{s: fixed_server_nonce(), h: host}`.
/// Throws when a step fails.
std::vector<std::uint8_t> conversation_payload(const credentials& creds, std::string_view host,
                                               std::chrono::system_clock::time_point signed_at);

/// `{a: authorization, d: amz_date, t: session_token (when given)}`.
std::vector<std::uint8_t> client_final_document(std::string_view authorization,
                                                std::string_view amz_date,
                                                std::optional<std::string_view> session_token);

/// The `a`, `d` and `t` of a payload (throws unless they are strings).
struct client_final_parts {
    std::string authorization;
    std::string amz_date;
    std::optional<std::string> session_token;
};
client_final_parts parts_of(const std::vector<std::uint8_t>& payload);

/// Signs `req` with sigv4::sign_headers (region, service "sts" unless given, at `signed_at`)
/// and packages the result as a client-final payload (with `t` when creds has a token).
std::vector<std::uint8_t> sign_and_package(const sigv4::request& req, const credentials& creds,
                                           std::string_view region,
                                           std::chrono::system_clock::time_point signed_at,
                                           std::string_view service = "sts");

}  // namespace mongo_aws::test
