// The server side of one MONGODB-AWS conversation, scripted, for the demo: it answers saslStart
// with a nonce and an STS host, and checks the saslContinue signature as MongoDB (through STS)
// would, by signing the same request with the user's secret.
#pragma once

#include <mongo_aws/result.hpp>
#include <mongo_aws/secret.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mongo_aws::cli {

class scripted_server {
public:
    /// A server that knows one user (`access_key_id`, `secret_access_key`) and names `sts_host`.
    scripted_server(std::string access_key_id, secret_string secret_access_key,
                    std::string sts_host);

    /// Answers one OP_MSG request (saslStart or saslContinue) with an OP_MSG reply.
    result<std::vector<std::uint8_t>> answer(std::span<const std::uint8_t> request_message);

    /// True once a saslContinue carried a valid signature.
    [[nodiscard]] bool authenticated() const noexcept { return authenticated_; }

private:
    result<std::vector<std::uint8_t>> answer_sasl_start(std::span<const std::uint8_t> payload);
    result<std::vector<std::uint8_t>> answer_sasl_continue(std::span<const std::uint8_t> payload);
    [[nodiscard]] bool signature_is_valid(std::span<const std::uint8_t> payload) const;

    std::string access_key_id_;
    secret_string secret_access_key_;
    std::string sts_host_;
    std::array<std::uint8_t, 64> server_nonce_{};
    bool authenticated_ = false;
};

}  // namespace mongo_aws::cli
