// The first two steps of the conversation: the client nonce out, the server's answer checked.
#include "bson_builder.hpp"
#include "conversation_errors.hpp"

#include <mongo_aws/conversation.hpp>
#include <mongo_aws/sts_host.hpp>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <string>

namespace mongo_aws {
namespace {

error malformed(std::string what) {
    return make_error(errc::server_payload_malformed,
                      "the server-first payload " + std::move(what) +
                          "; is the server a MongoDB 4.4+ with MONGODB-AWS enabled?");
}

error missing_field(std::string_view field, std::string_view meaning) {
    return make_error(errc::server_payload_missing_field, "the server-first payload has no `" +
                                                              std::string(field) + "` (" +
                                                              std::string(meaning) + ")");
}

error wrong_type(std::string_view field, const bson_iter_t& iter, std::string_view expected) {
    return make_error(errc::server_payload_wrong_type,
                      "the server-first payload's `" + std::string(field) + "` is " +
                          std::string(detail::bson_type_name(bson_iter_type(&iter))) +
                          ", expected " + std::string(expected));
}

}  // namespace

std::string_view to_string(conversation::state value) noexcept {
    switch (value) {
        case conversation::state::initial:
            return "initial";
        case conversation::state::client_first_sent:
            return "client_first_sent";
        case conversation::state::server_first_accepted:
            return "server_first_accepted";
        case conversation::state::client_final_sent:
            return "client_final_sent";
        case conversation::state::failed:
            return "failed";
    }
    return "unknown";
}

error detail::out_of_order(std::string_view step, conversation::state current) {
    std::string message =
        "MONGODB-AWS: " + std::string(step) + " called in state " + std::string(to_string(current));
    if (current == conversation::state::failed) {
        message += " (an earlier step failed; start a new conversation)";
    } else {
        message += "; the order is client_first, server_first, client_final";
    }
    return make_error(errc::conversation_out_of_order, std::move(message));
}

result<std::vector<std::uint8_t>> conversation::client_first() {
    if (state_ != state::initial) {
        return detail::out_of_order("client_first", state_);
    }
    if (nonce_source_) {
        nonce_source_(client_nonce_);
    } else if (RAND_bytes(client_nonce_.data(), static_cast<int>(client_nonce_.size())) != 1) {
        state_ = state::failed;
        return make_error(errc::random_bytes_failed,
                          "OpenSSL's RAND_bytes could not make the 32-byte client nonce; check "
                          "the system's entropy source and OpenSSL's random provider");
    }

    detail::bson_builder payload;
    bson_t* doc = payload.get();
    // Two small fixed-size fields: appending cannot fail.
    bson_append_binary(doc, "r", -1, BSON_SUBTYPE_BINARY, client_nonce_.data(),
                       static_cast<std::uint32_t>(client_nonce_.size()));
    bson_append_int32(doc, "p", -1, gs2_cb_flag);
    state_ = state::client_first_sent;
    return payload.bytes();
}

result<void> conversation::server_first(std::span<const std::uint8_t> payload) {
    if (state_ != state::client_first_sent) {
        return detail::out_of_order("server_first", state_);
    }
    auto checked = check_server_first(payload);
    if (!checked) {
        state_ = state::failed;
        return checked;
    }
    state_ = state::server_first_accepted;
    return {};
}

result<void> conversation::check_server_first(std::span<const std::uint8_t> payload) {
    bson_t doc;
    if (auto valid = detail::view_bson(payload, doc); !valid) {
        return malformed("is not a valid BSON document (" + std::to_string(payload.size()) +
                         " bytes: " + valid.error().message + ")");
    }

    // One pass, so that a field given twice is refused rather than silently picked.
    bson_iter_t iter;
    bson_iter_t nonce_iter;
    bson_iter_t host_iter;
    bool have_nonce = false;
    bool have_host = false;
    if (!bson_iter_init(&iter, &doc)) {
        return malformed("cannot be read");
    }
    while (bson_iter_next(&iter)) {
        const std::string_view key = bson_iter_key(&iter);
        bool* seen = key == "s" ? &have_nonce : key == "h" ? &have_host : nullptr;
        if (seen == nullptr) {
            continue;
        }
        if (*seen) {
            return malformed("has `" + std::string(key) + "` twice");
        }
        *seen = true;
        (key == "s" ? nonce_iter : host_iter) = iter;
    }

    if (!have_nonce) {
        return missing_field("s", "the server nonce");
    }
    if (!BSON_ITER_HOLDS_BINARY(&nonce_iter)) {
        return wrong_type("s", nonce_iter, "binary");
    }
    bson_subtype_t subtype{};
    std::uint32_t nonce_length = 0;
    const std::uint8_t* nonce = nullptr;
    bson_iter_binary(&nonce_iter, &subtype, &nonce_length, &nonce);
    if (nonce == nullptr || nonce_length != server_nonce_size) {
        return make_error(errc::server_nonce_wrong_length,
                          "the server nonce `s` has " + std::to_string(nonce_length) +
                              " bytes, expected " + std::to_string(server_nonce_size));
    }
    if (CRYPTO_memcmp(nonce, client_nonce_.data(), client_nonce_.size()) != 0) {
        return make_error(errc::server_nonce_mismatch,
                          "the server nonce `s` does not start with the client nonce `r`: the "
                          "reply does not answer this conversation's saslStart");
    }

    if (!have_host) {
        return missing_field("h", "the STS host");
    }
    if (!BSON_ITER_HOLDS_UTF8(&host_iter)) {
        return wrong_type("h", host_iter, "string");
    }
    const std::string_view host = detail::utf8_value(host_iter);
    if (auto valid = validate_sts_host(host); !valid) {
        return valid;
    }

    std::copy_n(nonce, server_nonce_size, server_nonce_.begin());
    host_ = std::string(host);
    region_ = sts_region(host_);
    return {};
}

}  // namespace mongo_aws
