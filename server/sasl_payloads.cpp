#include "sasl_payloads.hpp"

#include "bson_builder.hpp"

#include <mongo_aws/sts_host.hpp>

#include <algorithm>
#include <string>

namespace mongo_aws::test_server::internal {
namespace {

refusal malformed(std::string what) {
    return {rejection::sasl_start_payload_malformed,
            "the saslStart payload " + std::move(what) +
                "; expected the BSON document {r: BinData(32 random bytes), p: Int32(110)}"};
}

void append_binary(bson_t* doc, const char* key, std::span<const std::uint8_t> bytes) {
    static constexpr std::uint8_t nothing = 0;  // libbson wants a pointer even for 0 bytes
    bson_append_binary(doc, key, -1, BSON_SUBTYPE_BINARY, bytes.empty() ? &nothing : bytes.data(),
                       static_cast<std::uint32_t>(bytes.size()));
}

void append_string(bson_t* doc, const char* key, std::string_view value) {
    bson_append_utf8(doc, key, -1, value.data(), static_cast<int>(value.size()));
}

// A host of 256 bytes made of valid labels: only its length is wrong.
std::string too_long_host() {
    std::string host = "sts";
    while (host.size() + 2 <= max_sts_host_length) {
        host += ".a";
    }
    return host + "b";
}

std::string faulty_host(std::string_view host, const fault_set& faults) {
    if (faults.contains(fault::host_empty)) {
        return {};
    }
    if (faults.contains(fault::host_too_long)) {
        return too_long_host();
    }
    if (faults.contains(fault::host_empty_label)) {
        return "sts..amazonaws.com";
    }
    if (faults.contains(fault::host_leading_dot)) {
        return ".sts.amazonaws.com";
    }
    if (faults.contains(fault::host_trailing_dot)) {
        return "sts.amazonaws.com.";
    }
    if (faults.contains(fault::host_invalid_character)) {
        return "sts.amazonaws.com/evil";
    }
    return std::string(host);
}

}  // namespace

std::optional<refusal> read_client_first(
    std::span<const std::uint8_t> payload,
    std::array<std::uint8_t, client_nonce_size>& client_nonce) {
    bson_t doc;
    if (auto valid = mongo_aws::detail::view_bson(payload, doc); !valid) {
        return malformed("is not a valid BSON document (" + valid.error().message + ")");
    }
    bson_iter_t iter;
    if (!bson_iter_init(&iter, &doc)) {
        return malformed("cannot be read");
    }
    bson_iter_t nonce;
    bson_iter_t flag;
    bool have_nonce = false;
    bool have_flag = false;
    while (bson_iter_next(&iter)) {
        const std::string_view key = bson_iter_key(&iter);
        bool* seen = key == "r" ? &have_nonce : key == "p" ? &have_flag : nullptr;
        if (seen == nullptr) {
            continue;
        }
        if (*seen) {
            return malformed("has `" + std::string(key) + "` twice");
        }
        *seen = true;
        (key == "r" ? nonce : flag) = iter;
    }
    if (!have_nonce) {
        return malformed("has no `r` (the client nonce)");
    }
    if (!BSON_ITER_HOLDS_BINARY(&nonce)) {
        return malformed("has an `r` of type " +
                         std::string(mongo_aws::detail::bson_type_name(bson_iter_type(&nonce))) +
                         ", expected binary");
    }
    if (!have_flag) {
        return malformed("has no `p` (the channel-binding flag)");
    }
    if (!BSON_ITER_HOLDS_INT32(&flag)) {
        return malformed("has a `p` of type " +
                         std::string(mongo_aws::detail::bson_type_name(bson_iter_type(&flag))) +
                         ", expected int");
    }
    bson_subtype_t subtype{};
    std::uint32_t length = 0;
    const std::uint8_t* bytes = nullptr;
    bson_iter_binary(&nonce, &subtype, &length, &bytes);
    if (bytes == nullptr || length != client_nonce_size) {
        return refusal{
            rejection::client_nonce_wrong_length,
            "the client nonce `r` has " + std::to_string(length) + " bytes, expected 32"};
    }
    if (const std::int32_t value = bson_iter_int32(&flag); value != gs2_cb_flag) {
        return refusal{rejection::channel_binding_unsupported,
                       "the channel-binding flag `p` is " + std::to_string(value) +
                           ", expected 110 ('n'): MONGODB-AWS does not support channel binding"};
    }
    std::copy_n(bytes, client_nonce_size, client_nonce.begin());
    return std::nullopt;
}

std::vector<std::uint8_t> make_server_first(
    std::span<const std::uint8_t, server_nonce_size> server_nonce, std::string_view sts_host,
    const fault_set& faults) {
    if (faults.contains(fault::payload_not_bson)) {
        const std::string_view garbage = "not BSON!!!!";  // 12 bytes; as a length: 0x20746f6e
        return {garbage.begin(), garbage.end()};
    }
    std::vector<std::uint8_t> nonce(server_nonce.begin(), server_nonce.end());
    if (faults.contains(fault::nonce_mismatch)) {
        nonce[0] = static_cast<std::uint8_t>(nonce[0] ^ 0xFFU);
    }
    if (faults.contains(fault::nonce_too_short)) {
        nonce.resize(client_nonce_size);
    }
    if (faults.contains(fault::nonce_too_long)) {
        nonce.push_back(0);
    }
    const std::string host = faulty_host(sts_host, faults);

    mongo_aws::detail::bson_builder doc;
    bson_t* out = doc.get();
    if (!faults.contains(fault::nonce_missing)) {
        if (faults.contains(fault::nonce_not_binary)) {
            append_string(out, "s", "not a nonce");
        } else {
            append_binary(out, "s", nonce);
        }
        if (faults.contains(fault::payload_nonce_twice)) {
            append_binary(out, "s", nonce);
        }
    }
    if (!faults.contains(fault::host_missing)) {
        if (faults.contains(fault::host_not_string)) {
            bson_append_int32(out, "h", -1, 443);
        } else {
            append_string(out, "h", host);
        }
    }
    return doc.bytes();
}

bson_ptr sasl_start_reply(std::int32_t conversation_id, std::span<const std::uint8_t> server_first,
                          const fault_set& faults) {
    bson_ptr doc(bson_new());
    bson_t* out = doc.get();
    if (!faults.contains(fault::start_reply_without_conversation_id)) {
        bson_append_int32(out, "conversationId", -1, conversation_id);
    }
    bson_append_bool(out, "done", -1, faults.contains(fault::start_reply_done));
    if (faults.contains(fault::start_reply_payload_not_binary)) {
        append_string(out, "payload", "not binary");
    } else if (!faults.contains(fault::start_reply_without_payload)) {
        append_binary(out, "payload", server_first);
    }
    bson_append_double(out, "ok", -1, 1.0);
    return doc;
}

bson_ptr sasl_continue_reply(std::int32_t conversation_id, const fault_set& faults) {
    bson_ptr doc(bson_new());
    bson_t* out = doc.get();
    bson_append_int32(out, "conversationId", -1, conversation_id);
    bson_append_bool(out, "done", -1, !faults.contains(fault::continue_reply_not_done));
    append_binary(out, "payload", {});
    bson_append_double(out, "ok", -1, 1.0);
    return doc;
}

}  // namespace mongo_aws::test_server::internal
