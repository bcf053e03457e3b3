// Command-reply fields: found by name, type-checked, copied out.
#include "bson_builder.hpp"

#include <mongo_aws/command_reply.hpp>

#include <cmath>
#include <limits>

namespace mongo_aws {
namespace {

error wrong_type(const char* field, const bson_iter_t& iter, const char* expected) {
    return make_error(errc::reply_field_wrong_type,
                      std::string("the command reply's `") + field + "` is " +
                          std::string(detail::bson_type_name(bson_iter_type(&iter))) +
                          ", expected " + expected +
                          "; the peer is not a MongoDB server this library understands");
}

std::string text_of(const bson_iter_t& iter) {
    std::uint32_t length = 0;
    const char* text = bson_iter_utf8(&iter, &length);
    return {text, length};
}

result<bool> read_ok(const bson_iter_t& iter) {
    switch (bson_iter_type(&iter)) {
        case BSON_TYPE_DOUBLE: {
            const double value = bson_iter_double(&iter);
            return !std::isnan(value) && value != 0.0;
        }
        case BSON_TYPE_INT32:
            return bson_iter_int32(&iter) != 0;
        case BSON_TYPE_INT64:
            return bson_iter_int64(&iter) != 0;
        case BSON_TYPE_BOOL:
            return bson_iter_bool(&iter);
        default:
            return wrong_type("ok", iter, "a number or bool");
    }
}

result<std::int32_t> read_code(const bson_iter_t& iter) {
    constexpr auto low = std::numeric_limits<std::int32_t>::min();
    constexpr auto high = std::numeric_limits<std::int32_t>::max();
    switch (bson_iter_type(&iter)) {
        case BSON_TYPE_INT32:
            return bson_iter_int32(&iter);
        case BSON_TYPE_INT64: {
            const auto value = bson_iter_int64(&iter);
            if (value >= low && value <= high) {
                return static_cast<std::int32_t>(value);
            }
            break;
        }
        case BSON_TYPE_DOUBLE: {
            const double value = bson_iter_double(&iter);
            // The range test is false for NaN; the trunc test rejects 18.5.
            if (value >= low && value <= high && std::trunc(value) == value) {
                return static_cast<std::int32_t>(value);
            }
            break;
        }
        default:
            break;
    }
    return wrong_type("code", iter, "an integral int32, int64 or double within int32");
}

}  // namespace

result<command_reply> parse_command_reply(const bson_t& reply) {
    command_reply fields;
    bson_iter_t iter;

    if (!bson_iter_init_find(&iter, &reply, "ok")) {
        return make_error(errc::reply_field_missing,
                          "the command reply has no `ok`; every MongoDB reply has one, so the "
                          "peer is not a MongoDB server or the reply is corrupt");
    }
    auto ok = read_ok(iter);
    if (!ok) {
        return std::move(ok).error();
    }
    fields.ok = *ok;

    if (bson_iter_init_find(&iter, &reply, "errmsg")) {
        if (!BSON_ITER_HOLDS_UTF8(&iter)) {
            return wrong_type("errmsg", iter, "string");
        }
        fields.errmsg = text_of(iter);
    }
    if (bson_iter_init_find(&iter, &reply, "code")) {
        auto code = read_code(iter);
        if (!code) {
            return std::move(code).error();
        }
        fields.code = *code;
    }
    if (bson_iter_init_find(&iter, &reply, "codeName")) {
        if (!BSON_ITER_HOLDS_UTF8(&iter)) {
            return wrong_type("codeName", iter, "string");
        }
        fields.code_name = text_of(iter);
    }
    if (bson_iter_init_find(&iter, &reply, "conversationId")) {
        if (!BSON_ITER_HOLDS_INT32(&iter) && !BSON_ITER_HOLDS_INT64(&iter)) {
            return wrong_type("conversationId", iter, "int or long");
        }
        fields.conversation_id = bson_iter_as_int64(&iter);
    }
    if (bson_iter_init_find(&iter, &reply, "done")) {
        if (!BSON_ITER_HOLDS_BOOL(&iter)) {
            return wrong_type("done", iter, "bool");
        }
        fields.done = bson_iter_bool(&iter);
    }
    if (bson_iter_init_find(&iter, &reply, "payload")) {
        if (!BSON_ITER_HOLDS_BINARY(&iter)) {
            return wrong_type("payload", iter, "binData");
        }
        bson_subtype_t subtype{};
        std::uint32_t length = 0;
        const std::uint8_t* data = nullptr;
        bson_iter_binary(&iter, &subtype, &length, &data);
        fields.payload = std::vector<std::uint8_t>(data, data + length);
    }
    return fields;
}

result<command_reply> parse_command_reply(const bson_document& reply) {
    const auto view = reply.view();
    return parse_command_reply(*view);
}

result<void> check_ok(const command_reply& reply, std::string_view command_name) {
    if (reply.ok) {
        return {};
    }
    return command_failure(reply, command_name);
}

}  // namespace mongo_aws
