#include "bson_print.hpp"

#include <mongo_aws/bson_document.hpp>
#include <mongo_aws/credentials.hpp>

#include <bson/bson.h>

#include <string_view>

namespace mongo_aws::cli {
namespace {

// `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/...`: the access key id shortened, as
// everywhere else this tool prints one.
std::string shorten_credential_scope(std::string authorization) {
    constexpr std::string_view marker = "Credential=";
    const auto start = authorization.find(marker);
    if (start == std::string::npos) {
        return authorization;
    }
    const auto id_start = start + marker.size();
    const auto id_end = authorization.find('/', id_start);
    if (id_end == std::string::npos) {
        return authorization;
    }
    const auto id = authorization.substr(id_start, id_end - id_start);
    return authorization.replace(id_start, id.size(), redact_access_key_id(id));
}

}  // namespace

std::string bson_to_display_json(std::span<const std::uint8_t> bson) {
    auto document = bson_document::from_bytes(bson);
    if (!document) {
        return "<not a BSON document: " + document.error().message + ">";
    }
    const bson_view view = document->view();
    bson_ptr shown(bson_new());
    bson_iter_t iter;
    bson_iter_init(&iter, view.get());
    while (bson_iter_next(&iter)) {
        const char* key = bson_iter_key(&iter);
        const std::string_view name = key;
        if (name == "t" && BSON_ITER_HOLDS_UTF8(&iter)) {
            std::uint32_t length = 0;
            bson_iter_utf8(&iter, &length);
            const auto note = "<redacted, " + std::to_string(length) + " bytes>";
            BSON_APPEND_UTF8(shown.get(), key, note.c_str());
        } else if (name == "a" && BSON_ITER_HOLDS_UTF8(&iter)) {
            const auto shortened = shorten_credential_scope(bson_iter_utf8(&iter, nullptr));
            BSON_APPEND_UTF8(shown.get(), key, shortened.c_str());
        } else if (name == "payload" && BSON_ITER_HOLDS_BINARY(&iter)) {
            // The payload may hold the session token: it is shown decoded, with `t` redacted.
            bson_subtype_t subtype{};
            std::uint32_t length = 0;
            const std::uint8_t* data = nullptr;
            bson_iter_binary(&iter, &subtype, &length, &data);
            const auto note = "<" + std::to_string(length) + "-byte SASL payload, below>";
            BSON_APPEND_UTF8(shown.get(), key, note.c_str());
        } else {
            bson_append_iter(shown.get(), key, -1, &iter);
        }
    }
    char* json = bson_as_relaxed_extended_json(shown.get(), nullptr);
    std::string text = json != nullptr ? json : "<unprintable>";
    bson_free(json);
    return text;
}

std::span<const std::uint8_t> binary_field(std::span<const std::uint8_t> bson, const char* name) {
    bson_t view;
    if (!bson_document::from_bytes(bson) || !bson_init_static(&view, bson.data(), bson.size())) {
        return {};
    }
    bson_iter_t iter;
    if (!bson_iter_init_find(&iter, &view, name) || !BSON_ITER_HOLDS_BINARY(&iter)) {
        return {};
    }
    bson_subtype_t subtype{};
    std::uint32_t length = 0;
    const std::uint8_t* data = nullptr;
    bson_iter_binary(&iter, &subtype, &length, &data);
    return {data, length};
}

}  // namespace mongo_aws::cli
