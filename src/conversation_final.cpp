// The last client step: sign the STS GetCallerIdentity request and package the signature.
#include "bson_builder.hpp"
#include "conversation_errors.hpp"

#include <mongo_aws/conversation.hpp>
#include <mongo_aws/sasl_commands.hpp>
#include <mongo_aws/secret.hpp>

#include <string>

namespace mongo_aws {
namespace {

error incomplete(const credentials& creds) {
    std::string missing;
    if (creds.access_key_id.empty()) {
        missing = "an access key id";
    }
    if (creds.secret_access_key.empty()) {
        missing += missing.empty() ? "a secret access key" : " and a secret access key";
    }
    return make_error(errc::credentials_incomplete,
                      "MONGODB-AWS: the credentials lack " + missing +
                          "; check the source they came from (connection string, environment, "
                          "or the metadata endpoint)");
}

// BSON bytes of one string element: type, key, NUL, length, text, NUL.
std::size_t string_element_size(std::string_view key, std::string_view value) {
    return 1 + key.size() + 1 + 4 + value.size() + 1;
}

bool append_string(bson_t* doc, const char* key, std::string_view value) {
    return bson_append_utf8(doc, key, -1, value.data(), static_cast<int>(value.size()));
}

// The signer's result holds copies of the session token (a header value, the canonical
// request): overwrite them before they are freed.
void wipe(std::string& text) noexcept {
    secure_wipe(text.data(), text.capacity());
}

void wipe(sigv4::signed_headers_result& signed_request) noexcept {
    for (auto& header : signed_request.added_headers) {
        wipe(header.value);
    }
    wipe(signed_request.parts.canonical_request);
}

}  // namespace

result<std::vector<std::uint8_t>> conversation::client_final(
    const credentials& creds, std::chrono::system_clock::time_point now,
    const sigv4::signing_key* cached_key) {
    if (state_ != state::server_first_accepted) {
        return detail::out_of_order("client_final", state_);
    }
    if (!creds.complete()) {
        state_ = state::failed;
        return incomplete(creds);
    }
    sigv4::options options;
    options.region = region_;
    options.service = std::string(sts_service);
    options.timestamp = now;
    auto signed_request =
        sigv4::sign_headers(make_sts_request(host_, server_nonce_), creds, options, cached_key);
    if (!signed_request) {
        state_ = state::failed;
        return std::move(signed_request).error();
    }

    const std::string& authorization = signed_request->authorization;
    const std::string& date = signed_request->amz_date;
    std::size_t size =
        4 + string_element_size("a", authorization) + string_element_size("d", date) + 1;
    const std::string_view token = creds.session_token.reveal();
    if (!token.empty()) {
        size += string_element_size("t", token);
    }
    if (size > max_sasl_payload_size) {
        wipe(*signed_request);
        state_ = state::failed;
        return make_error(errc::sasl_payload_too_large,
                          "MONGODB-AWS: the saslContinue payload would have " +
                              std::to_string(size) + " bytes, more than " +
                              std::to_string(max_sasl_payload_size) +
                              "; check the size of the access key id and session token");
    }
    // Sized up front so that the buffer holding the token is never reallocated, then wiped.
    detail::bson_builder payload(size);
    bson_t* doc = payload.get();
    const bool built = append_string(doc, "a", authorization) && append_string(doc, "d", date) &&
                       (token.empty() || append_string(doc, "t", token));
    wipe(*signed_request);
    if (!built) {
        payload.wipe();
        state_ = state::failed;
        return make_error(errc::sasl_payload_too_large,
                          "MONGODB-AWS: the saslContinue payload could not be built");
    }
    auto bytes = payload.bytes();
    payload.wipe();
    state_ = state::client_final_sent;
    return bytes;
}

}  // namespace mongo_aws
