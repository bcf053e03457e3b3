#include "reply_json.hpp"

#include <mongo_aws/credential_replies.hpp>

namespace mongo_aws {
namespace {

namespace dom = simdjson::dom;

constexpr detail::reply_source sts_error_source{
    "the STS error reply",
    "check that the STS endpoint (AWS_ENDPOINT_URL_STS, if set) is AWS STS or compatible, and "
    "that the request asked for JSON (Accept: application/json)"};

// AWS's JSON protocols name the error `namespace#Code`, sometimes followed by `:extra`.
std::string_view code_from_type(std::string_view type) {
    if (const auto hash = type.rfind('#'); hash != std::string_view::npos) {
        type.remove_prefix(hash + 1);
    }
    return type.substr(0, type.find(':'));
}

// An error document must say which error: an empty code is as good as none (found by fuzzing).
error empty_code(std::string_view field) {
    return make_error(errc::json_missing_field, std::string(sts_error_source.name) +
                                                    " has an empty `" + std::string(field) +
                                                    "`: " + std::string(sts_error_source.advice));
}

result<sts_error_reply> query_protocol_error(const detail::json_reply& reply, dom::object root,
                                             dom::object error_object) {
    sts_error_reply out;
    const auto code = reply.required_string(error_object, "Error", "Code");
    if (!code) {
        return code.error();
    }
    if (code->empty()) {
        return empty_code("Error.Code");
    }
    out.code = std::string(*code);
    for (auto [key, target] : {std::pair{"Type", &out.type}, std::pair{"Message", &out.message}}) {
        const auto value = reply.optional_string(error_object, "Error", key);
        if (!value) {
            return value.error();
        }
        *target = std::string(value->value_or(""));
    }
    const auto request_id = reply.optional_string(root, "", "RequestId");
    if (!request_id) {
        return request_id.error();
    }
    out.request_id = std::string(request_id->value_or(""));
    return out;
}

result<sts_error_reply> json_protocol_error(const detail::json_reply& reply, dom::object root) {
    sts_error_reply out;
    const auto type = reply.required_string(root, "", "__type");
    if (!type) {
        return type.error();
    }
    out.code = std::string(code_from_type(*type));
    if (out.code.empty()) {
        return empty_code("__type");
    }
    for (const std::string_view key : {"message", "Message"}) {
        const auto message = reply.optional_string(root, "", key);
        if (!message) {
            return message.error();
        }
        if (*message) {
            out.message = std::string(**message);
            break;
        }
    }
    return out;
}

}  // namespace

result<sts_error_reply> parse_sts_error(std::string_view body) {
    detail::json_reply reply(sts_error_source);
    if (auto failure = reply.parse(body)) {
        return std::move(*failure);
    }
    const auto root = reply.root_object();
    if (!root) {
        return root.error();
    }
    if (reply.find(*root, "__type") && !reply.find(*root, "Error")) {
        return json_protocol_error(reply, *root);
    }
    const auto error_object = reply.required_object(*root, "", "Error");
    if (!error_object) {
        return error_object.error();
    }
    return query_protocol_error(reply, *root, *error_object);
}

}  // namespace mongo_aws
