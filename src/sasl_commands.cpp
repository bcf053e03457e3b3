#include "bson_builder.hpp"

#include <mongo_aws/command_reply.hpp>
#include <mongo_aws/sasl_commands.hpp>

#include <string>

namespace mongo_aws {
namespace {

result<void> check_payload_size(std::span<const std::uint8_t> payload, std::string_view command) {
    if (payload.size() > max_sasl_payload_size) {
        return make_error(errc::sasl_payload_too_large,
                          "the " + std::string(command) + " payload has " +
                              std::to_string(payload.size()) + " bytes, more than the " +
                              std::to_string(max_sasl_payload_size) +
                              " a MongoDB document can hold; check the session token's size");
    }
    return {};
}

bool append_payload(bson_t* doc, std::span<const std::uint8_t> payload) {
    return bson_append_binary(doc, "payload", -1, BSON_SUBTYPE_BINARY, payload.data(),
                              static_cast<std::uint32_t>(payload.size()));
}

error too_large(std::string_view command) {
    return make_error(errc::sasl_payload_too_large,
                      "the " + std::string(command) + " command could not be built: too large");
}

error missing(std::string_view field) {
    return make_error(errc::reply_field_missing, "the SASL reply has no `" + std::string(field) +
                                                     "` field; is this a MongoDB server?");
}

error wrong_type(std::string_view field, const bson_iter_t& iter, std::string_view expected) {
    return make_error(errc::reply_field_wrong_type,
                      "the SASL reply's `" + std::string(field) + "` is " +
                          std::string(detail::bson_type_name(bson_iter_type(&iter))) +
                          ", expected " + std::string(expected));
}

// `ok` is a number (double on current servers) or a bool; 1 or true means success.
result<bool> read_ok(const bson_t& reply) {
    bson_iter_t iter;
    if (!bson_iter_init_find(&iter, &reply, "ok")) {
        return missing("ok");
    }
    switch (bson_iter_type(&iter)) {
        case BSON_TYPE_DOUBLE:
            return bson_iter_double(&iter) == 1.0;
        case BSON_TYPE_INT32:
            return bson_iter_int32(&iter) == 1;
        case BSON_TYPE_INT64:
            return bson_iter_int64(&iter) == 1;
        case BSON_TYPE_BOOL:
            return bson_iter_bool(&iter);
        default:
            return wrong_type("ok", iter, "a number");
    }
}

}  // namespace

result<std::vector<std::uint8_t>> make_sasl_start(std::span<const std::uint8_t> payload) {
    if (auto size_ok = check_payload_size(payload, "saslStart"); !size_ok) {
        return std::move(size_ok).error();
    }
    detail::bson_builder command;
    bson_t* doc = command.get();
    if (!bson_append_int32(doc, "saslStart", -1, 1) ||
        !bson_append_utf8(doc, "mechanism", -1, sasl_mechanism.data(),
                          static_cast<int>(sasl_mechanism.size())) ||
        !append_payload(doc, payload)) {
        return too_large("saslStart");
    }
    return command.bytes();
}

result<std::vector<std::uint8_t>> make_sasl_continue(const sasl_conversation_id& id,
                                                     std::span<const std::uint8_t> payload) {
    if (auto size_ok = check_payload_size(payload, "saslContinue"); !size_ok) {
        return std::move(size_ok).error();
    }
    bson_t id_document;
    bson_iter_t id_value;
    // The id's document was made (and validated) by parse_sasl_reply: one field, always there.
    if (!detail::view_bson(id.bson(), id_document) || !bson_iter_init(&id_value, &id_document) ||
        !bson_iter_next(&id_value)) {
        return make_error(errc::reply_field_missing, "the conversation id is empty");
    }
    detail::bson_builder command;
    bson_t* doc = command.get();
    if (!bson_append_int32(doc, "saslContinue", -1, 1) ||
        !bson_append_iter(doc, "conversationId", -1, &id_value) || !append_payload(doc, payload)) {
        return too_large("saslContinue");
    }
    return command.bytes();
}

result<sasl_reply> parse_sasl_reply(std::span<const std::uint8_t> reply,
                                    std::string_view command_name) {
    bson_t doc;
    if (auto valid = detail::view_bson(reply, doc); !valid) {
        return make_error(errc::bson_invalid, "the SASL reply is not a valid BSON document (" +
                                                  std::to_string(reply.size()) +
                                                  " bytes: " + valid.error().message + ")");
    }
    auto ok = read_ok(doc);
    if (!ok) {
        return std::move(ok).error();
    }
    if (!*ok) {
        // One wording of server failures, the wire module's: code and errmsg kept apart, ours
        // saying what to check.
        auto fields = parse_command_reply(doc);
        if (!fields) {
            return std::move(fields).error();
        }
        return command_failure(*fields, command_name);
    }

    bson_iter_t iter;
    if (!bson_iter_init_find(&iter, &doc, "conversationId")) {
        return missing("conversationId");
    }
    detail::bson_builder id;
    if (!bson_append_iter(id.get(), "conversationId", -1, &iter)) {
        return missing("conversationId");
    }

    if (!bson_iter_init_find(&iter, &doc, "done")) {
        return missing("done");
    }
    if (!BSON_ITER_HOLDS_BOOL(&iter)) {
        return wrong_type("done", iter, "bool");
    }
    const bool done = bson_iter_bool(&iter);

    std::vector<std::uint8_t> payload;
    if (bson_iter_init_find(&iter, &doc, "payload")) {
        if (!BSON_ITER_HOLDS_BINARY(&iter)) {
            return wrong_type("payload", iter, "binary");
        }
        bson_subtype_t subtype{};
        std::uint32_t length = 0;
        const std::uint8_t* data = nullptr;
        bson_iter_binary(&iter, &subtype, &length, &data);
        if (data != nullptr) {
            payload.assign(data, data + length);
        }
    } else if (!done) {
        return missing("payload");
    }
    return sasl_reply{sasl_conversation_id(id.bytes()), done, std::move(payload)};
}

}  // namespace mongo_aws
