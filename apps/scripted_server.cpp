#include "scripted_server.hpp"

#include "bson_print.hpp"

#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/credentials.hpp>
#include <mongo_aws/sigv4.hpp>
#include <mongo_aws/sts_host.hpp>
#include <mongo_aws/sts_request.hpp>
#include <mongo_aws/wire.hpp>

#include <bson/bson.h>
#include <openssl/rand.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string_view>

namespace mongo_aws::cli {
namespace {

constexpr std::int32_t conversation_id = 1;

std::optional<std::string> utf8_field(std::span<const std::uint8_t> bson, const char* name) {
    bson_t view;
    bson_iter_t iter;
    if (!bson_document::from_bytes(bson) || !bson_init_static(&view, bson.data(), bson.size()) ||
        !bson_iter_init_find(&iter, &view, name) || !BSON_ITER_HOLDS_UTF8(&iter)) {
        return std::nullopt;
    }
    std::uint32_t length = 0;
    const char* text = bson_iter_utf8(&iter, &length);
    return std::string(text, length);
}

// X-Amz-Date `YYYYMMDD'T'HHMMSS'Z'` to a time point.
std::optional<std::chrono::system_clock::time_point> parse_amz_date(const std::string& text) {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (text.size() != 16 || std::sscanf(text.c_str(), "%4d%2u%2uT%2d%2d%2dZ", &year, &month, &day,
                                         &hour, &minute, &second) != 6) {
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                              std::chrono::day{day}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
}

result<std::vector<std::uint8_t>> reply(std::int32_t response_to, const bson_t& body) {
    return wire::encode_op_msg_reply(response_to + 1, response_to, body);
}

}  // namespace

scripted_server::scripted_server(std::string access_key_id, secret_string secret_access_key,
                                 std::string sts_host)
    : access_key_id_(std::move(access_key_id)),
      secret_access_key_(std::move(secret_access_key)),
      sts_host_(std::move(sts_host)) {}

result<std::vector<std::uint8_t>> scripted_server::answer(
    std::span<const std::uint8_t> request_message) {
    auto request = wire::decode_request(request_message);
    if (!request) {
        return std::move(request).error();
    }
    const auto command = request->command().bytes();
    const auto payload = binary_field(command, "payload");
    const auto request_id = request->header().request_id;

    auto answered = utf8_field(command, "mechanism") ? answer_sasl_start(payload)
                                                     : answer_sasl_continue(payload);
    if (!answered) {
        return answered;
    }
    auto body = bson_document::from_bytes(*answered);
    if (!body) {
        return std::move(body).error();
    }
    return reply(request_id, *body->view());
}

result<std::vector<std::uint8_t>> scripted_server::answer_sasl_start(
    std::span<const std::uint8_t> payload) {
    const auto client_nonce = binary_field(payload, "r");
    if (client_nonce.size() != 32) {
        return make_error(errc::server_nonce_wrong_length, "saslStart without a 32-byte nonce");
    }
    std::copy(client_nonce.begin(), client_nonce.end(), server_nonce_.begin());
    if (RAND_bytes(server_nonce_.data() + 32, 32) != 1) {
        return make_error(errc::random_bytes_failed, "the server's random generator failed");
    }

    bson_ptr server_first(bson_new());
    BSON_APPEND_BINARY(server_first.get(), "s", BSON_SUBTYPE_BINARY, server_nonce_.data(),
                       server_nonce_.size());
    BSON_APPEND_UTF8(server_first.get(), "h", sts_host_.c_str());

    bson_ptr body(bson_new());
    BSON_APPEND_INT32(body.get(), "conversationId", conversation_id);
    BSON_APPEND_BOOL(body.get(), "done", false);
    BSON_APPEND_BINARY(body.get(), "payload", BSON_SUBTYPE_BINARY,
                       bson_get_data(server_first.get()), server_first->len);
    BSON_APPEND_DOUBLE(body.get(), "ok", 1.0);
    const std::uint8_t* data = bson_get_data(body.get());
    return std::vector<std::uint8_t>(data, data + body->len);
}

result<std::vector<std::uint8_t>> scripted_server::answer_sasl_continue(
    std::span<const std::uint8_t> payload) {
    authenticated_ = signature_is_valid(payload);
    bson_ptr body(bson_new());
    if (authenticated_) {
        BSON_APPEND_INT32(body.get(), "conversationId", conversation_id);
        BSON_APPEND_BOOL(body.get(), "done", true);
        BSON_APPEND_BINARY(body.get(), "payload", BSON_SUBTYPE_BINARY, nullptr, 0);
        BSON_APPEND_DOUBLE(body.get(), "ok", 1.0);
    } else {
        BSON_APPEND_DOUBLE(body.get(), "ok", 0.0);
        BSON_APPEND_UTF8(body.get(), "errmsg", "Authentication failed.");
        BSON_APPEND_INT32(body.get(), "code", 18);
        BSON_APPEND_UTF8(body.get(), "codeName", "AuthenticationFailed");
    }
    const std::uint8_t* data = bson_get_data(body.get());
    return std::vector<std::uint8_t>(data, data + body->len);
}

bool scripted_server::signature_is_valid(std::span<const std::uint8_t> payload) const {
    const auto authorization = utf8_field(payload, "a");
    const auto amz_date = utf8_field(payload, "d");
    const auto when = amz_date ? parse_amz_date(*amz_date) : std::nullopt;
    if (!authorization || !when) {
        return false;
    }
    credentials creds;
    creds.access_key_id = access_key_id_;
    creds.secret_access_key = secret_access_key_;
    if (auto token = utf8_field(payload, "t")) {
        creds.session_token = secret_string(*token);
        secure_wipe(token->data(), token->size());
    }
    sigv4::options options;
    options.region = sts_region(sts_host_);
    options.service = std::string(sts_service);
    options.timestamp = *when;
    const auto expected =
        sigv4::sign_headers(make_sts_request(sts_host_, server_nonce_), creds, options);
    return expected && expected->authorization == *authorization;
}

}  // namespace mongo_aws::cli
